#!/usr/bin/env bash
# A closed stdin, stdout or stderr must never turn the -o file or an archive into "standard output" or
# "standard error": their content is exactly what a run with all descriptors open writes.
# usage: test_stdio.sh PIPE PIPE_ARCHIVE SOURCE_DIR
set -u
PIPE=$1 PARCH=$2 SRC=$3
. "$(dirname "$0")/common.sh"
# Inputs with a missing file so the run logs an error line (exit 1).
IN=("$SAMPLE" "$T/missing.txt" "$SAMPLE")

"$PIPE" -c "$T/c.conf" -o "$T/ref.json" "${IN[@]}" 2>/dev/null
[ $? -eq 1 ] || { echo "FAIL: reference run"; exit 1; }
"$PIPE" -c "$T/c.conf" --archive "$T/ref-ar" "${IN[@]}" >/dev/null 2>&1
zcat "$T"/ref-ar/*.jsonl.gz >"$T/ref-ar.jsonl"
[ "$(wc -l <"$T/ref-ar.jsonl")" -eq 3 ] || { echo "FAIL: reference archive"; exit 1; }

case_name=stderr-closed-output-file
"$PIPE" -c "$T/c.conf" -o "$T/a.json" "${IN[@]}" 2>&-
rc=$?
[ $rc -eq 1 ] && cmp -s "$T/ref.json" "$T/a.json" && ok || fail "exit $rc, -o file differs: $(head -c 300 "$T/a.json")"

case_name=stdout-closed-output-file
"$PIPE" -c "$T/c.conf" -o "$T/b.json" "${IN[@]}" >&- 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && cmp -s "$T/ref.json" "$T/b.json" && grep -q "missing.txt" "$T/err" && ok ||
  fail "exit $rc, -o file differs: $(head -c 300 "$T/b.json")"

case_name=both-closed-output-file
"$PIPE" -c "$T/c.conf" -o "$T/c.json" "${IN[@]}" >&- 2>&- <&-
rc=$?
[ $rc -eq 1 ] && cmp -s "$T/ref.json" "$T/c.json" && ok || fail "exit $rc, -o file differs"

case_name=stderr-closed-archive
"$PIPE" -c "$T/c.conf" --archive "$T/ar1" "${IN[@]}" >"$T/out" 2>&-
rc=$?
zcat "$T"/ar1/*.jsonl.gz >"$T/ar1.jsonl" 2>/dev/null
[ $rc -eq 1 ] && "$PARCH" verify "$T/ar1" >/dev/null && cmp -s "$T/ref-ar.jsonl" "$T/ar1.jsonl" && ok ||
  fail "exit $rc; archive: $("$PARCH" verify "$T/ar1" 2>&1 | head -c 300)"

# A closed stdout is an output that cannot be written (exit 3, as before), but the archive stays whole.
case_name=stdout-closed-archive
"$PIPE" -c "$T/c.conf" --archive "$T/ar2" "${IN[@]}" >&- 2>"$T/err"
rc=$?
zcat "$T"/ar2/*.jsonl.gz >"$T/ar2.jsonl" 2>/dev/null
[ $rc -eq 3 ] && grep -q "standard output: cannot write output: Bad file descriptor" "$T/err" &&
  "$PARCH" verify "$T/ar2" >/dev/null && cmp -s "$T/ref-ar.jsonl" "$T/ar2.jsonl" && ok ||
  fail "exit $rc; stderr: $(head -c 300 "$T/err"); archive: $("$PARCH" verify "$T/ar2" 2>&1 | head -c 300)"

# A closed stdin is still a read error for '-', not an empty document.
case_name=stdin-closed
"$PIPE" -c "$T/c.conf" -o "$T/d.json" - <&- 2>"$T/err"
rc=$?
[ $rc -eq 1 ] && grep -q '"error"' "$T/d.json" && ok || fail "exit $rc: $(head -c 300 "$T/d.json")"

# pipe-archive creates files too (reindex writes an index, recover a final file): with stdout and
# stderr closed, its messages must not land in them.
case_name=archive-tool-closed-streams
mkdir -p "$T/ar3" && cp "$T"/ref-ar/*.jsonl.gz "$T/ar3/"
"$PARCH" reindex "$T"/ar3/*.jsonl.gz >/dev/null 2>&1 && cp "$T"/ar3/*.idx "$T/good.idx" && rm -f "$T"/ar3/*.idx
"$PARCH" reindex "$T"/ar3/*.jsonl.gz >&- 2>&-
rc=$?
[ $rc -eq 0 ] && cmp -s "$T/good.idx" "$T"/ar3/*.idx && "$PARCH" verify "$T/ar3" >/dev/null && ok ||
  fail "exit $rc; index differs from a run with open streams: $("$PARCH" verify "$T/ar3" 2>&1 | head -c 300)"

finish
