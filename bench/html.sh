#!/usr/bin/env bash
# The HTML report beside the JSON output: the same pipeline over the same corpus, -f json and -f html
# run in turns (so both see the same machine load), each written to a file. Prints a Markdown table
# of the median of RUNS runs per format, and the load average before and after.
#   bench/html.sh [CORPUS.jsonl.gz] [RUNS] [JOBS]
#   defaults: ../shared/samples/reuters21578.jsonl.gz 5 1; PIPE_BUILD_DIR (default build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-$root/../shared/samples/reuters21578.jsonl.gz}
runs=${2:-5}
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
  for fmt in json html; do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$pipe" -c "$root/conf/pipeline.conf" -q -j "$jobs" -f "$fmt" \
      "$tmp/corpus.jsonl" -o "$tmp/out.$fmt"
    echo "$(cat "$tmp/time") $(stat -c %s "$tmp/out.$fmt")" >>"$tmp/$fmt.runs"
  done
done
echo "load after: $(uptime | sed 's/.*load average: //')"
echo
echo "| -f | median s | docs/s | text MB/s | output MB | peak RSS MB |"
echo "|---|---|---|---|---|---|"
for fmt in json html; do
  python3 - "$tmp/$fmt.runs" "$fmt" "$docs" "$bytes" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
s = statistics.median(r[0] for r in rows)
rss = max(r[1] for r in rows) / 1024
out = rows[-1][2] / 1e6
docs, text = int(sys.argv[3]), int(sys.argv[4])
print("| %s | %.2f | %.0f | %.1f | %.1f | %.0f |" % (sys.argv[2], s, docs / max(s, 1e-3), text / 1e6 / max(s, 1e-3), out, rss))
PY
done
