#!/usr/bin/env bash
# Summarizer speed: the whole default pipeline and the summarize pipeline over Reuters, and one
# generated document of ~115,000 sentences (gen-long-doc.py) per method, best of N wall-clock
# runs, for each build given (e.g. an older build first, to compare before and after in one
# session). Prints a Markdown table and the load average, which the numbers depend on.
#   bench/summarizer/speed.sh [-n RUNS] [BUILD_DIR ...]      (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=5
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
builds=("$@")
[ ${#builds[@]} -gt 0 ] || builds=("$root/build")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sum-speed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
zcat "$root/../shared/samples/reuters21578.jsonl.gz" > "$tmp/reuters.jsonl"
python3 "$root/bench/summarizer/gen-long-doc.py" --jsonl > "$tmp/long.jsonl"

# "WALL s (CPU s)": the best wall-clock and the best user+system time of $runs runs of "$@"
# (CPU time suffers less from other jobs on a shared machine), or n/a when the command fails
# (an older build without a method).
best() {
  local bw="" bc="" w c
  for _ in $(seq "$runs"); do
    if ! /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" > /dev/null 2>&1; then echo n/a; return; fi
    read -r w u s < <(tail -1 "$tmp/t")
    c=$(awk -v u="$u" -v s="$s" 'BEGIN{printf "%.2f", u + s}')
    if [ -z "$bw" ] || awk -v a="$w" -v b="$bw" 'BEGIN{exit !(a < b)}'; then bw=$w; fi
    if [ -z "$bc" ] || awk -v a="$c" -v b="$bc" 'BEGIN{exit !(a < b)}'; then bc=$c; fi
  done
  echo "$bw ($bc)"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "seconds, wall (CPU), best of $runs"
echo
echo "| build | pipeline.conf, Reuters | summarize.conf default, Reuters | learned, Reuters | long doc default | long doc textrank | long doc learned |"
echo "|---|---|---|---|---|---|---|"
for b in "${builds[@]}"; do
  pipe=$b/pipe
  row="| $b"
  row+=" | $(best "$pipe" -c "$root/conf/pipeline.conf" -q --layers none "$tmp/reuters.jsonl")"
  for m in default learned; do
    row+=" | $(best "$pipe" -c "$root/conf/summarize.conf" -q --layers none --set summarizer.method=$m "$tmp/reuters.jsonl")"
  done
  for m in default textrank learned; do
    row+=" | $(best "$pipe" -c "$root/conf/summarize.conf" -q --layers none --set summarizer.method=$m "$tmp/long.jsonl")"
  done
  echo "$row |"
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
