#!/usr/bin/env bash
# A stage that crashes ends the run with exit 4 and one line naming the stage, the document and the
# signal; the records finished before it are on stdout (or kept as FILE.partial with -o). Read timeouts are hang guards only.
# Under AddressSanitizer the sanitizer would report the fault itself instead of our handler:
# ASAN_OPTIONS is set here so that our handler is the one that runs (handle_segv=0 etc.).
# usage: test_crash.sh PIPE SOURCE_DIR FIXTURE_DIR
set -u
PIPE=$1 SRC=$2 FX=$3
. "$(dirname "$0")/common.sh"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0:detect_leaks=0"
conf() { # SIGNAL [extra top-level settings]
  printf '%s\nstages = ( { plugin = "example"; name = "stats"; }, { plugin = "crashing"; options = { signal = "%s"; }; } );\n' \
    "${2:-}" "$1" >"$T/cr.conf"
}
printf '{"id":"a","text":"One."}\n{"id":"b","text":"Two."}\n{"id":"c","text":"CRASH here."}\n{"id":"d","text":"Four."}\n' >"$T/in.jsonl"
ids() { sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$1" | tr '\n' ' '; }

for sig in "segv SIGSEGV (segmentation fault)" "bus SIGBUS (bus error)" "fpe SIGFPE (arithmetic error)" \
  "ill SIGILL (illegal instruction)" "abort SIGABRT (aborted)" "stack SIGSEGV (segmentation fault)"; do
  set -- $sig
  how=$1
  shift
  case_name="crash-$how-j1"
  conf "$how"
  "$PIPE" -P "$FX" -c "$T/cr.conf" -f jsonl "$T/in.jsonl" >"$T/out" 2>"$T/err"
  rc=$?
  want="pipe: error: stage 'crashing' crashed on document 'c' with $*; every record before it is written"
  [ $rc -eq 4 ] && [ "$(ids "$T/out")" = "a b " ] && [ "$(cat "$T/err")" = "$want" ] && ok ||
    fail "exit $rc; ids '$(ids "$T/out")'; stderr: $(head -c 400 "$T/err")"
done

# -j2 as a live filter: the records of earlier batches are out before the crashing document is sent.
case_name=crash-j2-earlier-batches-written
conf segv
coproc CR { "$PIPE" -P "$FX" -c "$T/cr.conf" -i jsonl -f jsonl -j 2 - 2>"$T/err"; }
crpid=$CR_PID
printf '{"id":"a","text":"One."}\n' >&"${CR[1]}"
IFS= read -r -t 60 first <&"${CR[0]}" || first=
printf '{"id":"b","text":"Two."}\n' >&"${CR[1]}"
IFS= read -r -t 60 second <&"${CR[0]}" || second=
# Only the crashing document: a line after it could reach a pipe that has already died (SIGPIPE here).
printf '{"id":"c","text":"CRASH"}\n' >&"${CR[1]}"
rest=$(timeout 60 cat <&"${CR[0]}")
wait "$crpid"
rc=$?
want="pipe: error: stage 'crashing' crashed on document 'c' with SIGSEGV (segmentation fault); the batches before it are written"
case "$rc|$first|$second|$rest" in
  '4|{"id":"a"'*'|{"id":"b"'*'|') [ "$(cat "$T/err")" = "$want" ] && ok || fail "stderr: $(head -c 400 "$T/err")" ;;
  *) fail "exit $rc; first '${first:0:40}' second '${second:0:40}' rest '${rest:0:40}'; stderr: $(head -c 400 "$T/err")" ;;
esac

# With -o: what was written is kept as FILE.partial (as after SIGINT), FILE stays as it was and no
# temporary file is left behind.
case_name=crash-output-file-kept-as-partial
conf segv
mkdir "$T/o"
printf 'old results\n' >"$T/o/res.jsonl"
"$PIPE" -P "$FX" -c "$T/cr.conf" -f jsonl -o "$T/o/res.jsonl" "$T/in.jsonl" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 4 ] && [ "$(cat "$T/o/res.jsonl")" = "old results" ] && [ "$(ids "$T/o/res.jsonl.partial")" = "a b " ] &&
  [ "$(ls "$T/o" | tr '\n' ' ')" = "res.jsonl res.jsonl.partial " ] && [ ! -s "$T/out" ] &&
  grep -qxF "pipe: error: the output written so far is in $T/o/res.jsonl.partial" "$T/err" && ok ||
  fail "exit $rc; files: $(ls "$T/o" | tr '\n' ' '); stderr: $(head -c 400 "$T/err")"

# A plain text file as input: the document id is its path.
case_name=crash-text-file
conf segv
printf 'CRASH in a file\n' >"$T/doc.txt"
"$PIPE" -P "$FX" -c "$T/cr.conf" "$T/doc.txt" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 4 ] && grep -qx "pipe: error: stage 'crashing' crashed on document '$T/doc.txt' with SIGSEGV (segmentation fault); every record before it is written" "$T/err" &&
  ok || fail "exit $rc; stderr: $(head -c 400 "$T/err")"
finish
