#!/usr/bin/env bash
# A stage that prints to stdout (puts, printf, write(1, ...)) must not corrupt the results: pipe keeps a
# private duplicate of fd 1 for its output and points fd 1 at stderr before loading any plugin.
# usage: test_stray_stdout.sh PIPE SOURCE_DIR FIXTURE_DIR
set -u
PIPE=$1 SRC=$2 FX=$3
. "$(dirname "$0")/common.sh"
printf 'stages = ( { plugin = "example"; name = "stats"; }, { plugin = "printing"; } );\n' >"$T/p.conf"
"$PIPE" -c "$T/c.conf" -f jsonl "$SAMPLE" "$SAMPLE" >"$T/ref.jsonl" 2>/dev/null || { echo "FAIL: reference run"; exit 1; }

for jobs in 1 2; do
  case_name="printing-stage-j$jobs"
  "$PIPE" -P "$FX" -c "$T/p.conf" -f jsonl -j "$jobs" "$SAMPLE" "$SAMPLE" >"$T/out.jsonl" 2>"$T/err"
  rc=$?
  if [ $rc -eq 0 ] && cmp -s "$T/ref.jsonl" "$T/out.jsonl" && grep -q "^printing: saw $SAMPLE\$" "$T/err" &&
    grep -q '^printing: raw write to fd 1$' "$T/err" && grep -q '^printing: created$' "$T/err"; then ok; else
    fail "exit $rc; stdout: $(head -c 300 "$T/out.jsonl"); stderr: $(head -c 300 "$T/err")"
  fi
done

# pipe's own reports still go to stdout; the stage's prints do not.
case_name=check-report
"$PIPE" -P "$FX" -c "$T/p.conf" --check >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && grep -q ': ok, 2 stages: stats -> printing$' "$T/out" && ! grep -q printing: "$T/out" &&
  grep -q '^printing: saw (check)$' "$T/err" && ok || fail "exit $rc; stdout: $(head -c 300 "$T/out")"

case_name=help-on-stdout
"$PIPE" --help >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && grep -q '^usage: pipe' "$T/out" && [ ! -s "$T/err" ] && ok || fail "exit $rc"

# With -o the results go to the file and the stray prints still go to stderr, not the file.
case_name=output-file
"$PIPE" -P "$FX" -c "$T/p.conf" -f jsonl -o "$T/o.jsonl" "$SAMPLE" "$SAMPLE" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && cmp -s "$T/ref.jsonl" "$T/o.jsonl" && [ ! -s "$T/out" ] && ok || fail "exit $rc; stdout: $(head -c 200 "$T/out")"
finish
