#!/usr/bin/env bash
# The HTML report beside the JSON output: the same pipeline over the same corpus, -f json and -f html
# run in turns (so both see the same machine load), each written to a file, and a run that writes
# counts only (--layers none) to show what the stages alone cost. Prints a Markdown table of the
# median of RUNS runs: wall seconds, CPU seconds (user+sys, less shaken by other processes on a
# shared machine), and the CPU the writer adds over the counts-only run; and the load average.
#   bench/html.sh [CORPUS.jsonl.gz] [RUNS] [JOBS]
#   defaults: ../shared/samples/reuters21578.jsonl.gz 7 1; PIPE_BUILD_DIR (default build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/samples/reuters21578.jsonl.gz}
runs=${2:-7}
jobs=${3:-1}
build=${PIPE_BUILD_DIR:-$root/build}
pipe=$build/pipe
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pipe-bench-html.XXXX")
trap 'rm -rf "$tmp"' EXIT
[ -x "$pipe" ] || { echo "no $pipe: build first" >&2; exit 1; }

case $corpus in
*.gz) gzip -dc "$corpus" >"$tmp/corpus.jsonl" ;;
*) cp "$corpus" "$tmp/corpus.jsonl" ;;
esac
read -r docs bytes < <(python3 -c "
import json, sys
n = b = 0
for l in open(sys.argv[1], encoding='utf-8'):
    if l.strip():
        n += 1; b += len(json.loads(l)['text'].encode('utf-8'))
print(n, b)" "$tmp/corpus.jsonl")

echo "corpus: $corpus: $docs documents, $bytes bytes of text; conf/pipeline.conf, -j$jobs, $runs runs each"
echo "load before: $(uptime | sed 's/.*load average: //')"
for r in $(seq "$runs"); do
  for fmt in none json html; do
    args=(-f "$fmt")
    [ "$fmt" = none ] && args=(-f json --layers none)
    /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "$pipe" -c "$root/conf/pipeline.conf" -q -j "$jobs" "${args[@]}" \
      "$tmp/corpus.jsonl" -o "$tmp/out.$fmt"
    echo "$(cat "$tmp/time") $(stat -c %s "$tmp/out.$fmt")" >>"$tmp/$fmt.runs"
  done
done
echo "load after: $(uptime | sed 's/.*load average: //')"
echo
python3 - "$tmp" "$docs" "$bytes" <<'PY'
import statistics, sys
tmp, docs, text = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def load(fmt):
    return [list(map(float, l.split())) for l in open("%s/%s.runs" % (tmp, fmt))]
base = statistics.median(r[2] + r[3] for r in load("none"))
print("| output | median wall s | docs/s | text MB/s | median CPU s | writer CPU s | output MB | peak RSS MB |")
print("|---|---|---|---|---|---|---|---|")
for fmt, label in (("none", "--layers none (stages only)"), ("json", "-f json"), ("html", "-f html")):
    rows = load(fmt)
    wall = statistics.median(r[0] for r in rows)
    cpu = statistics.median(r[2] + r[3] for r in rows)
    print("| %s | %.2f | %.0f | %.1f | %.2f | %s | %.1f | %.0f |" % (
        label, wall, docs / max(wall, 1e-3), text / 1e6 / max(wall, 1e-3), cpu,
        "-" if fmt == "none" else "%.2f" % (cpu - base), rows[-1][4] / 1e6, max(r[1] for r in rows) / 1024))
PY
