# Shared start of the shell tests in this folder: a scratch folder $T removed on exit, counters,
# and run/has helpers. Source it after setting PIPE and SRC.
set -u
SAMPLE=$SRC/samples/huawei-no-spy.txt
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
passed=0 failed=0
fail() { echo "FAIL: $case_name: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }
# run NAME EXPECTED_RC ARGS... : runs pipe, keeps stdout in $T/out and stderr in $T/err.
run() {
  case_name=$1
  local want=$2
  shift 2
  "$PIPE" "$@" >"$T/out" 2>"$T/err" </dev/null
  local rc=$?
  [ "$rc" -eq "$want" ] || { fail "exit $rc, expected $want; stderr: $(head -c 400 "$T/err")"; return 1; }
}
has() { grep -qF -- "$2" "$T/$1" || { fail "$1 lacks '$2': $(head -c 600 "$T/$1")"; return 1; }; }
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
