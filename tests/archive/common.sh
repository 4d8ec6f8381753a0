# Shared by the archive test scripts: a temporary folder removed on exit, and check/fail counters.
# Source it after set -u; end the script with `finish`.
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0 case_name=
fail() { echo "FAIL: $case_name: $*"; failed=$((failed + 1)); }
# check NAME COMMAND...: the case passes when COMMAND succeeds.
check() { case_name=$1; shift; if "$@"; then passed=$((passed + 1)); else fail "command failed: $*"; fi; }
# finish [NOTE]: print the tally and exit 1 if anything failed.
finish() { echo "$passed passed, $failed failed${1:+ ($1)}"; [ "$failed" -eq 0 ]; exit; }
