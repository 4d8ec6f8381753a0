# Shared start of the shell tests in this folder: a scratch folder $T removed on exit, a one-stage
# pipeline $T/c.conf, the sample $SAMPLE, and counters with fail/ok. Source it after setting SRC.
set -u
SAMPLE=$SRC/samples/huawei-no-spy.txt
T=$(mktemp -d)
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
printf 'stages = ( { plugin = "example"; name = "stats"; } );\n' >"$T/c.conf"
passed=0 failed=0 skipped=0
fail() { echo "FAIL: $case_name: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }
skip() { echo "skipped: $case_name: $*"; skipped=$((skipped + 1)); }
finish() {
  echo "$passed passed, $failed failed, $skipped skipped"
  [ "$failed" -eq 0 ]
}
