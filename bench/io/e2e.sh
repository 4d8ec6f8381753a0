#!/usr/bin/env bash
# Issue 22's end-to-end goals in one run, each beside its baseline measured in the same run:
#   full pipeline (conf/pipeline.conf, -j1, JSON written to /dev/null) vs `wc -w`   goal 0.30x
#   tokenizer pipeline (conf/tokenize.conf, -j1, --layers none) vs `wc -w`           goal >= 1.2x
#   the same vs ICU's word BreakIterator over the same text (bench_tokenizer)       goal >= 4.5x
# Runs alternate (wc, pipeline, tokenize) ROUNDS times; medians of wall seconds and of CPU seconds
# (user+sys, steadier than wall time when other processes share the cores); 1-min load recorded.
#   bench/io/e2e.sh [CORPUS.jsonl.gz] [TEXT_MB]
#   env: PIPE_BUILD_DIR (default build), ICU_BUILD (where bench_tokenizer is; default PIPE_BUILD_DIR), ROUNDS (3)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$root/../shared/samples/reuters21578.jsonl.gz}
text_mb=${2:-50}
build=${PIPE_BUILD_DIR:-$root/build}
rounds=${ROUNDS:-3}
icu=${ICU_BUILD:-$build}/bench/tokenizer/bench_tokenizer
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pipe-bench-e2e.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for f in "$build/pipe" "$icu"; do [ -x "$f" ] || { echo "no $f: build first (bench_tokenizer needs libicu-dev)" >&2; exit 1; }; done
[ -f "$corpus" ] || { echo "no corpus $corpus" >&2; exit 1; }

python3 "$(dirname "$0")/../corpus.py" "$corpus" "$text_mb" "$tmp/corpus.jsonl" "$tmp/corpus.txt" >/dev/null
mb=$(python3 -c "import os; print(os.path.getsize('$tmp/corpus.txt') / 1e6)")

timed() { # NAME COMMAND...
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r s us ss <"$tmp/time"
  echo "$name $s $(python3 -c "print($us + $ss)") $(cut -d' ' -f1 /proc/loadavg)" >>"$tmp/rows"
}
for ((r = 0; r < rounds; r++)); do
  timed wc wc -w "$tmp/corpus.txt"
  timed pipeline "$build/pipe" -c "$root/conf/pipeline.conf" -j 1 "$tmp/corpus.jsonl"
  timed tokenize "$build/pipe" -c "$root/conf/tokenize.conf" -j 1 --layers none "$tmp/corpus.jsonl"
  # ICU's iterator over the same text, one pass per round: its MB/s line, by wall time and by CPU time.
  for clock in 0 1; do
    BENCH_CPU_TIME=$clock "$icu" "$tmp/corpus.txt" 1 2>/dev/null |
      awk -v L="$(cut -d' ' -f1 /proc/loadavg)" -v C=$clock '/ICU/ { for (i = 1; i <= NF; i++) if ($i ~ /MB\/s/) print "icu" C, $(i-1), L }' >>"$tmp/icu"
  done
done
python3 - "$tmp/rows" "$tmp/icu" "$mb" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
icu = [l.split() for l in open(sys.argv[2])]
mb = float(sys.argv[3])
med = lambda n, i: statistics.median(float(r[i]) for r in rows if r[0] == n)
loads = "-".join(sorted({r[3] for r in rows} | {r[2] for r in icu}))
print("corpus: %.1f MB of text; medians of %d alternated rounds; 1-min load %s" % (mb, len(icu) // 2, loads))
print("| run | wall s | MB/s | CPU s | MB/CPU-s |")
print("|---|---|---|---|---|")
for n in ("wc", "pipeline", "tokenize"):
    print("| %s | %.2f | %.1f | %.2f | %.1f |" % (n, med(n, 1), mb / med(n, 1), med(n, 2), mb / med(n, 2)))
icu_mbs = statistics.median(float(r[1]) for r in icu if r[0] == "icu0")
icu_cpu = statistics.median(float(r[1]) for r in icu if r[0] == "icu1")
print("| ICU word BreakIterator (in-process, text in memory) | | %.1f | | %.1f |" % (icu_mbs, icu_cpu))
print()
print("| goal | wall ratio | CPU ratio | goal |")
print("|---|---|---|---|")
print("| pipeline.conf (JSON) vs wc -w | %.2fx | %.2fx | 0.30x |" % (med("wc", 1) / med("pipeline", 1), med("wc", 2) / med("pipeline", 2)))
print("| tokenize.conf vs wc -w | %.2fx | %.2fx | >= 1.2x |" % (med("wc", 1) / med("tokenize", 1), med("wc", 2) / med("tokenize", 2)))
print("| tokenize.conf vs ICU | %.2fx | %.2fx | >= 4.5x |" % (mb / med("tokenize", 1) / icu_mbs, mb / med("tokenize", 2) / icu_cpu))
PY
