# Helpers the CLI test scripts source: a case runs one command, keeps its output and checks its exit code.
# The sourcing script sets T (a scratch folder) and counts with passed/failed.
passed=0 failed=0
fail() { echo "FAIL: $case_name: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }

# run NAME EXPECTED_RC CMD ARGS...: stdout in $T/out, stderr in $T/err, stdin from $STDIN (default
# /dev/null); a hang guard of 120 s, never a time limit.
run() {
  case_name=$1 want=$2
  shift 2
  timeout 120 "$@" >"$T/out" 2>"$T/err" <"${STDIN:-/dev/null}"
  rc=$?
  [ "$rc" -eq "$want" ] || { fail "exit $rc, expected $want; stderr: $(head -c 400 "$T/err")"; return 1; }
}
# has FILE TEXT: $T/FILE (out or err) holds TEXT; lacks FILE TEXT: it does not.
has() { grep -qF -- "$2" "$T/$1" || { fail "$1 lacks '$2': $(head -c 600 "$T/$1")"; return 1; }; }
lacks() { ! grep -qF -- "$2" "$T/$1" || { fail "$1 should not hold '$2': $(head -c 600 "$T/$1")"; return 1; }; }
# matches FILE REGEX: a line of $T/FILE matches the extended regular expression.
matches() { grep -qE -- "$2" "$T/$1" || { fail "$1 has no line like '$2': $(head -c 600 "$T/$1")"; return 1; }; }
empty() { [ ! -s "$T/$1" ] || { fail "$1 should be empty: $(head -c 300 "$T/$1")"; return 1; }; }
# same FILE EXPECTED: $T/FILE is exactly EXPECTED (plus the final newline).
same() {
  [ "$(cat "$T/$1")" = "$2" ] || { fail "$1 is '$(head -c 600 "$T/$1")', expected '$2'"; return 1; }
}
# py EXPR EXPECTED: EXPR over docs (the JSON Lines of $T/out, parsed) prints EXPECTED.
py() {
  got=$(python3 -c 'import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
print(eval(sys.argv[2]))' "$T/out" "$1" 2>&1)
  [ "$got" = "$2" ] || { fail "$1 = '$got', expected '$2'"; return 1; }
}
# check SHELL_CONDITION MESSAGE: the condition holds, else the case fails with MESSAGE.
check() { eval "$1" || { fail "$2"; return 1; }; }
# finish: the summary line and the exit status of the script.
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}
