#!/usr/bin/env bash
# Worker threads: -j N gives the same bytes as -j 1 (JSON, archives, failures), and N is capped at
# 4 per online core with a message naming the flag and the limit. scripts/test.sh --tsan runs this
# under ThreadSanitizer.
# usage: test_jobs.sh PIPE SOURCE_DIR
set -u
PIPE=$1 SRC=$2
. "$(dirname "$0")/common.sh"
FULL=$SRC/conf/pipeline.conf
cores=$(getconf _NPROCESSORS_ONLN)
max=$((cores * 4 > 256 ? 256 : cores * 4))

python3 - "$T" <<'PY'
import json, os, sys
t = sys.argv[1]
words = "The minister said the plan would work. \"We will act,\" Dr Smith told reporters on Monday. ".split()
with open(os.path.join(t, "corpus.jsonl"), "w") as f:
    for i in range(300):
        n = 5 + (i * 37) % 400  # uneven sizes so batches finish out of order
        text = " ".join(words[(i + k) % len(words)] for k in range(n))
        f.write(json.dumps({"id": "doc-%03d" % i, "text": text}) + "\n")
    f.write("{broken\n")
PY

case_name=reference
"$PIPE" -c "$FULL" -j 1 --archive "$T/ar1" "$T/corpus.jsonl" >"$T/j1.json" 2>"$T/j1.err"
[ $? -eq 1 ] && [ "$(wc -l <"$T/j1.json")" -eq 301 ] && ok || fail "reference run: $(head -c 300 "$T/j1.err")"
zcat "$T"/ar1/*.jsonl.gz >"$T/ar1.jsonl"
for j in 2 3 $max; do
  case_name="same-output -j $j"
  "$PIPE" -c "$FULL" -j "$j" --archive "$T/ar$j" "$T/corpus.jsonl" >"$T/j.json" 2>"$T/j.err"
  rc=$?
  zcat "$T/ar$j"/*.jsonl.gz >"$T/arj.jsonl"
  [ $rc -eq 1 ] && cmp -s "$T/j1.json" "$T/j.json" && cmp -s "$T/j1.err" "$T/j.err" && cmp -s "$T/ar1.jsonl" "$T/arj.jsonl" &&
    ok || fail "exit $rc; output, messages or archive differ from -j 1"
done
case_name=same-output-many-files
"$PIPE" -c "$T/c.conf" -j 2 "$SAMPLE" "$T/nope.txt" "$SAMPLE" "$T/corpus.jsonl" >"$T/j.json" 2>/dev/null
"$PIPE" -c "$T/c.conf" -j 1 "$SAMPLE" "$T/nope.txt" "$SAMPLE" "$T/corpus.jsonl" >"$T/j1b.json" 2>/dev/null
cmp -s "$T/j.json" "$T/j1b.json" && [ "$(wc -l <"$T/j.json")" -eq 304 ] && ok || fail "-j 2 differs from -j 1"

case_name=cap-flag
"$PIPE" -c "$T/c.conf" -j $((max + 1)) "$SAMPLE" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -qF -- "-j $((max + 1)): expected a number of workers from 1 to $max" "$T/err" && [ ! -s "$T/out" ] && ok ||
  fail "exit $rc: $(head -c 300 "$T/err")"
case_name=cap-flag-256
"$PIPE" -c "$T/c.conf" -j 256 "$SAMPLE" >"$T/out" 2>"$T/err"
rc=$?
if [ "$max" -lt 256 ]; then
  [ $rc -eq 2 ] && grep -qF "4 per online core, $cores core" "$T/err" &&
    ok || fail "exit $rc: $(head -c 300 "$T/err")"
else
  [ $rc -eq 0 ] && ok || fail "exit $rc"
fi
case_name=cap-config
printf 'stages = ( { plugin = "example"; } );\njobs = %d;\n' $((max + 1)) >"$T/many.conf"
"$PIPE" -c "$T/many.conf" "$SAMPLE" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 2 ] && grep -qF "$T/many.conf: jobs = $((max + 1)): expected a number of workers from 1 to $max" "$T/err" && ok ||
  fail "exit $rc: $(head -c 300 "$T/err")"
case_name=not-a-number
"$PIPE" -c "$T/c.conf" -j 4x "$SAMPLE" >"$T/out" 2>"$T/err"
[ $? -eq 2 ] && grep -qF -- "-j '4x': expected a number of workers" "$T/err" && ok || fail "$(head -c 300 "$T/err")"

finish
