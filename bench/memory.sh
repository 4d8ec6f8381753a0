#!/usr/bin/env bash
# Memory per document in flight: peak RSS of one worker on single documents of several sizes, news
# text and random bytes (bench/gen-docs.py), against the size. "per document" subtracts the peak of
# a 1 KB document (the program, its plugins and their tables), so it is what the document itself
# costs; issue 22's bound is 6x the document. Exits 1 when a size is over the bound. Each document
# is a plain file (no JSON escaping, so random bytes of 50 MB stay under max_document_bytes).
#   bench/memory.sh [--sizes MB,MB...] [PIPELINE.conf] [PIPE OPTIONS...]   (PIPE_BUILD_DIR, build)
#   defaults: 1,8,50 MB, conf/pipeline.conf (its default layers)
# e.g. bench/memory.sh --sizes 64 conf/pipeline.conf --layers all   (every layer written, tokens too)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sizes=1,8,50
bound=6
if [ "${1:-}" = "--sizes" ]; then sizes=$2; shift 2; fi
conf=${1:-$root/conf/pipeline.conf}
shift $(($# < 1 ? $# : 1))
pipe=${PIPE_BUILD_DIR:-$root/build}/pipe
[ -x "$pipe" ] || { echo "no $pipe: build first" >&2; exit 1; }
. "$root/bench/measure.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pipe-memory.XXXXXX")
trap 'rm -rf "$tmp" "$BENCH_ERR"' EXIT

echo "pipeline: $conf${*:+ $*}, -j1, one document at a time; load before: $(bench_load)"
echo
echo "| input | document MB | peak RSS MiB | x document | per document (over a 1 KB one) | CPU s | other cores |"
echo "|---|---|---|---|---|---|---|"
fail=0
IFS=, read -ra mbs <<<"$sizes"
for kind in news random-bytes; do
  python3 "$root/bench/gen-docs.py" "$kind" 1000 1000 "$tmp/doc.txt" >/dev/null
  bench_measure "$pipe" -c "$conf" "$@" -j 1 -q -o /dev/null "$tmp/doc.txt" ||
    { echo "$kind 1 KB: pipe failed: $(tail -3 "$BENCH_ERR")" >&2; exit 1; }
  floor=$BENCH_RSS
  for mb in "${mbs[@]}"; do
    size=$(awk -v m="$mb" 'BEGIN { printf "%d", m * 1e6 }')
    python3 "$root/bench/gen-docs.py" "$kind" "$size" "$size" "$tmp/doc.txt" >/dev/null
    bench_measure "$pipe" -c "$conf" "$@" -j 1 -q -o /dev/null "$tmp/doc.txt" ||
      { echo "$kind $mb MB: pipe failed: $(tail -3 "$BENCH_ERR")" >&2; exit 1; }
    per=$(awk -v kb="$BENCH_RSS" -v f="$floor" -v size="$size" 'BEGIN { printf "%.1f", (kb - f) * 1024 / size }')
    over=""
    if awk -v p="$per" -v b="$bound" 'BEGIN { exit !(p > b) }'; then over=" (over ${bound}x)" fail=1; fi
    awk -v k="$kind" -v mb="$mb" -v size="$size" -v kb="$BENCH_RSS" -v per="$per" -v over="$over" \
      -v cpu="$BENCH_CPU" -v o="$BENCH_OTHER" 'BEGIN {
        printf "| %s | %g | %.0f | %.1fx | %sx%s | %.2f | %.2f |\n", k, mb, kb / 1024, kb * 1024 / size, per, over, cpu, o }'
  done
done
rm -f "$tmp/doc.txt"
echo
echo "load after: $(bench_load)"
[ "$fail" = 0 ] || { echo "bench/memory.sh: a document needs more than ${bound}x its size (see above)" >&2; exit 1; }
