#!/usr/bin/env bash
# Scaling: the cost per byte of the whole pipeline (JSON written, -j1) as documents grow from
# 1 KB to 50 MB, on news-like text and on adversarial inputs. Each point runs pipe over at least
# TOTAL_MB of documents of one size (bench/gen-docs.py), RUNS times with the sizes alternated,
# and keeps the median CPU time (user + system: less disturbed by busy neighbours than wall time).
# A linear pipeline costs the same per byte at every size; the table gives each size's cost per
# byte over the 1 KB documents' and the script exits 1 when any ratio is over 2 (a quadratic
# stage would grow with the size). Then bench/quotes/linear.sh, when it exists.
#   bench/scaling.sh [-n RUNS] [--max-mb MB] [--total-mb MB] [--kinds K,K...] [PIPELINE.conf]
#   defaults: 3 runs, documents up to 50 MB, 8 MB per point, every kind; PIPE_BUILD_DIR (build)
# Kinds: news (the 1 KB .. 50 MB ladder), and quote-marks, no-spaces, abbreviations,
# one-paragraph, quotes-and-speakers, random-bytes (1 KB .. 8 MB).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=3 max_mb=50 total_mb=8
kinds=news,quote-marks,no-spaces,abbreviations,one-paragraph,quotes-and-speakers,random-bytes
while [ $# -gt 0 ]; do
  case $1 in
    -n) runs=$2; shift 2 ;;
    --max-mb) max_mb=$2; shift 2 ;;
    --total-mb) total_mb=$2; shift 2 ;;
    --kinds) kinds=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "bench/scaling.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
conf=${1:-$root/conf/pipeline.conf}
pipe=${PIPE_BUILD_DIR:-$root/build}/pipe
[ -x "$pipe" ] || { echo "no $pipe: build first" >&2; exit 1; }
. "$root/bench/measure.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pipe-scaling.XXXXXX")
trap 'rm -rf "$tmp" "$BENCH_ERR"' EXIT

sizes_for() { # KIND: document sizes in bytes, 1 KB first
  local top s
  top=$(awk -v m="$max_mb" 'BEGIN { printf "%d", m * 1e6 }')
  if [ "$1" = news ]; then set -- 1000 16000 64000 256000 1000000 8000000 50000000
  else set -- 1000 64000 1000000 8000000; fi
  for s in "$@"; do [ "$s" -le "$top" ] && echo "$s"; done
}

echo "pipeline: $conf, -j1, JSON written; median CPU (user+sys) of $runs runs over >= $total_mb MB per point"
echo "load before: $(bench_load)"
echo
echo "| input | document size | documents | MB | CPU s (median) | ns/byte | / 1 KB | runs noisy | other cores (max) |"
echo "|---|---|---|---|---|---|---|---|---|"
fail=0
IFS=, read -ra kind_list <<<"$kinds"
for kind in "${kind_list[@]}"; do
  mapfile -t sizes < <(sizes_for "$kind")
  declare -A bytes=() docs=() cpus=() noisy=() other=()
  for s in "${sizes[@]}"; do
    read -r "bytes[$s]" "docs[$s]" < <(python3 "$root/bench/gen-docs.py" "$kind" "$s" "$(awk -v m="$total_mb" 'BEGIN { printf "%d", m * 1e6 }')" "$tmp/$s.jsonl")
    cpus[$s]="" noisy[$s]=0 other[$s]=0
  done
  for _ in $(seq "$runs"); do # rounds: every size once per round, so drifting load hits all alike
    for s in "${sizes[@]}"; do
      bench_measure "$pipe" -c "$conf" -j 1 -q "$tmp/$s.jsonl" ||
        { echo "$kind $s: pipe failed: $(tail -3 "$BENCH_ERR")" >&2; exit 1; }
      cpus[$s]+=" $BENCH_CPU"
      noisy[$s]=$((noisy[$s] + BENCH_NOISY))
      other[$s]=$(awk -v a="${other[$s]}" -v b="$BENCH_OTHER" 'BEGIN { print (b > a ? b : a) }')
    done
  done
  base=""
  for s in "${sizes[@]}"; do
    # shellcheck disable=SC2086
    med=$(bench_median ${cpus[$s]})
    nsb=$(awk -v c="$med" -v b="${bytes[$s]}" 'BEGIN { printf "%.1f", c * 1e9 / b }')
    [ -n "$base" ] || base=$nsb
    ratio=$(awk -v a="$nsb" -v b="$base" 'BEGIN { printf "%.2f", a / (b > 0 ? b : 1) }')
    if awk -v r="$ratio" 'BEGIN { exit !(r > 2) }'; then ratio="**$ratio (over 2x)**"; fail=1; fi
    printf '| %s | %s | %d | %.1f | %s | %s | %s | %d of %d | %s |\n' "$kind" \
      "$(awk -v s="$s" 'BEGIN { if (s >= 1e6) printf "%g MB", s / 1e6; else printf "%g KB", s / 1e3 }')" \
      "${docs[$s]}" "$(awk -v b="${bytes[$s]}" 'BEGIN { print b / 1e6 }')" "$med" "$nsb" "$ratio" \
      "${noisy[$s]}" "$runs" "${other[$s]}"
  done
  rm -f "$tmp"/*.jsonl
  unset bytes docs cpus noisy other
done
echo
echo "load after: $(bench_load); a run is noisy when other processes kept more than $BENCH_NOISE_CORES cores busy"
if [ -x "$root/bench/quotes/linear.sh" ]; then
  echo
  "$root/bench/quotes/linear.sh" || fail=1
fi
[ "$fail" = 0 ] || { echo "bench/scaling.sh: a cost per byte over 2x the 1 KB documents' (see above)" >&2; exit 1; }
