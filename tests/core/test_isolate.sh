#!/usr/bin/env bash
# --isolate: a crash or a hang past stage_timeout costs one document (an error record naming stage and
# signal), the worker is restarted and the run goes on in order, with -j1 and -j N. Only hang guards
# (ctest TIMEOUT), no timing assertions: stage_timeout = 1 only bounds how long the hanging case takes.
# ASAN_OPTIONS as in test_crash.sh: the sanitizer must not claim the workers' crash signals.
# usage: test_isolate.sh PIPE SOURCE_DIR FIXTURE_DIR
set -u
PIPE=$1 SRC=$2 FX=$3
. "$(dirname "$0")/common.sh"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0"
printf 'stage_timeout = 1;\nstages = ( { plugin = "example"; name = "stats"; }, { plugin = "crashing"; }, { plugin = "hanging"; } );\n' >"$T/iso.conf"
printf '{"id":"a","text":"One."}\n{"id":"b","text":"Two CRASH."}\n{"id":"c","text":"HANG three."}\n{"id":"d","text":"Four."}\n{"id":"e","text":"CRASH again."}\n{"id":"f","text":"Six."}\n' >"$T/in.jsonl"
crash='"crashed with SIGSEGV (segmentation fault); its worker process was restarted"'
hang='"did not finish within stage_timeout (1 s); its worker process was killed and restarted"'
check() { # OUT ERR RC
  local ids
  ids=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$1" | tr -d '\n')
  [ "$3" -eq 1 ] && [ "$ids" = abcdef ] &&
    grep -qxF '{"id":"b","error":{"stage":"crashing","message":'"$crash"'}}' "$1" &&
    grep -qxF '{"id":"c","error":{"stage":"hanging","message":'"$hang"'}}' "$1" &&
    grep -qxF '{"id":"e","error":{"stage":"crashing","message":'"$crash"'}}' "$1" &&
    [ "$(grep -c '"example_stats"' "$1")" -eq 3 ] &&
    grep -qxF "pipe: error: b: [crashing] ${crash//\"/}" "$2" &&
    grep -qxF "pipe: error: c: [hanging] ${hang//\"/}" "$2"
}
for jobs in 1 2; do
  case_name="isolate-j$jobs"
  "$PIPE" -P "$FX" -c "$T/iso.conf" --isolate -j "$jobs" -f jsonl "$T/in.jsonl" >"$T/out" 2>"$T/err"
  rc=$?
  check "$T/out" "$T/err" $rc && ok || fail "exit $rc; out: $(head -c 600 "$T/out"); err: $(head -c 400 "$T/err")"
done

case_name=isolate-in-pipeline-file
{ echo 'isolate = true;'; cat "$T/iso.conf"; } >"$T/iso2.conf"
"$PIPE" -P "$FX" -c "$T/iso2.conf" -f jsonl "$T/in.jsonl" >"$T/out" 2>"$T/err"
rc=$?
check "$T/out" "$T/err" $rc && ok || fail "exit $rc; out: $(head -c 600 "$T/out")"

# Without faults, --isolate writes the same bytes as threads (text files, JSONL, an input error).
case_name=isolate-same-output
printf 'stages = ( { plugin = "example"; name = "stats"; } );\n' >"$T/plain.conf"
printf '{"id":"x","text":"Fine."}\nnot json\n' >"$T/mixed.jsonl"
"$PIPE" -c "$T/plain.conf" -j 2 "$SAMPLE" "$T/mixed.jsonl" "$T/missing.txt" "$SAMPLE" >"$T/ref" 2>/dev/null
ref_rc=$?
"$PIPE" -c "$T/plain.conf" --isolate -j 2 "$SAMPLE" "$T/mixed.jsonl" "$T/missing.txt" "$SAMPLE" >"$T/out" 2>/dev/null
rc=$?
[ $ref_rc -eq 1 ] && [ $rc -eq 1 ] && cmp -s "$T/ref" "$T/out" && ok || fail "exit $rc/$ref_rc; outputs differ"

# An abort() in a worker is contained the same way.
case_name=isolate-abort
printf 'stages = ( { plugin = "crashing"; options = { signal = "abort"; }; } );\n' >"$T/ab.conf"
"$PIPE" -P "$FX" -c "$T/ab.conf" --isolate -f jsonl "$T/in.jsonl" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -qxF '{"id":"b","error":{"stage":"crashing","message":"crashed with SIGABRT (aborted); its worker process was restarted"}}' "$T/out" &&
  [ "$(wc -l <"$T/out")" -eq 6 ] && ok || fail "exit $rc; out: $(head -c 600 "$T/out")"

case_name=stage-timeout-range
printf 'stage_timeout = -1;\nstages = ( { plugin = "example"; } );\n' >"$T/bad.conf"
"$PIPE" -c "$T/bad.conf" "$SAMPLE" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -qxF "pipe: error: $T/bad.conf:1: stage_timeout must be between 0 (no limit) and 86400 seconds" "$T/err" &&
  [ ! -s "$T/out" ] && ok || fail "exit $rc; err: $(cat "$T/err")"

case_name=isolate-type
printf 'isolate = 1;\nstages = ( { plugin = "example"; } );\n' >"$T/bad.conf"
"$PIPE" -c "$T/bad.conf" "$SAMPLE" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -q "bad.conf:1: .*isolate" "$T/err" && ok || fail "exit $rc; err: $(cat "$T/err")"
finish
