#!/usr/bin/env bash
# Corpus benchmark: each stage cumulatively and the full pipeline over the news corpus repeated to
# TARGET_MB of text, at -j1 and -j2, beside `wc -w` and ICU's word iterator (bench_tokenizer icu)
# on the same text. The configurations are alternated (every one once per round, RUNS rounds, so
# a neighbour's burst hits them alike) and each row is the median of its runs. Ratios are speeds
# against `wc -w` and ICU measured in the same rounds. Each run records the cores other processes
# kept busy meanwhile (/proc/stat minus pipe's own rusage, bench/measure.sh); a row with a run over
# 0.15 cores is marked noisy. Then the archive size, and peak RSS of the full pipeline on a
# BIG_MB corpus. Prints Markdown (README's benchmark table).
#   bench/run.sh [-n RUNS] [CORPUS.jsonl.gz] [TARGET_MB] [BIG_MB]
#   defaults: 3 runs, ../shared/samples/reuters21578.jsonl.gz 200 1024; PIPE_BUILD_DIR (build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=3
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
[ "$runs" -ge 3 ] || { echo "bench/run.sh: at least 3 runs (a median of fewer is no median)" >&2; exit 2; }
corpus=${1:-$root/../shared/samples/reuters21578.jsonl.gz}
target_mb=${2:-200}
big_mb=${3:-1024}
build=${PIPE_BUILD_DIR:-$root/build}
pipe=$build/pipe
icu=$build/bench/tokenizer/bench_tokenizer
[ -x "$pipe" ] || { echo "no $pipe: build first" >&2; exit 1; }
[ -x "$icu" ] || { echo "no $icu: install libicu-dev, reconfigure and build the bench_tokenizer target" >&2; exit 1; }
. "$root/bench/measure.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pipe-bench.XXXXXX")
trap 'rm -rf "$tmp" "$BENCH_ERR"' EXIT

# The corpus repeated (with fresh ids) to TARGET_MB of text, and the text alone for wc.
read -r bytes docs < <(python3 "$root/bench/corpus.py" "$corpus" "$target_mb" "$tmp/corpus.jsonl" "$tmp/corpus.txt")
mb=$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')

# The configurations, one a line: LABEL<TAB>COMMAND (archive runs start from an empty folder).
{
  printf 'wc -w\twc -w %s\n' "$tmp/corpus.txt"
  printf 'ICU word iterator\t%s %s 1 icu\n' "$icu" "$tmp/corpus.txt"
  for conf in tokenize sentences quotes pipeline; do
    [ -f "$root/conf/$conf.conf" ] || continue
    for j in 1 2; do
      printf '%s.conf -j%d --layers none\t%s -c %s -j %d -q --layers none %s\n' "$conf" "$j" "$pipe" \
        "$root/conf/$conf.conf" "$j" "$tmp/corpus.jsonl"
    done
  done
  # --isolate against threads: the same work in worker processes, one document per round trip.
  for j in 1 2; do
    printf 'pipeline.conf -j%d --isolate --layers none\t%s -c %s -j %d -q --isolate --layers none %s\n' "$j" "$pipe" \
      "$root/conf/pipeline.conf" "$j" "$tmp/corpus.jsonl"
  done
  for j in 1 2; do
    printf 'pipeline.conf -j%d (JSON written)\t%s -c %s -j %d -q %s\n' "$j" "$pipe" "$root/conf/pipeline.conf" "$j" "$tmp/corpus.jsonl"
  done
  for level in 6 1; do
    for j in 1 2; do
      printf 'pipeline.conf -j%d + --archive level %d\t%s -c %s -j %d -q --archive %s --archive-level %d %s\n' \
        "$j" "$level" "$pipe" "$root/conf/pipeline.conf" "$j" "$tmp/archive" "$level" "$tmp/corpus.jsonl"
    done
  done
} >"$tmp/configs"
mapfile -t labels < <(cut -f1 "$tmp/configs")
mapfile -t cmds < <(cut -f2 "$tmp/configs")

declare -a walls cpus rsss noisy other
for ((c = 0; c < ${#labels[@]}; c++)); do walls[c]="" cpus[c]="" rsss[c]="" noisy[c]=0 other[c]=0; done
load_before=$(bench_load)
for ((r = 1; r <= runs; r++)); do
  for ((c = 0; c < ${#labels[@]}; c++)); do
    rm -rf "$tmp/archive"
    # shellcheck disable=SC2086
    bench_measure ${cmds[c]} || { echo "${labels[c]} failed: $(tail -3 "$BENCH_ERR")" >&2; exit 1; }
    walls[c]+=" $BENCH_WALL" cpus[c]+=" $BENCH_CPU" rsss[c]+=" $BENCH_RSS"
    noisy[c]=$((noisy[c] + BENCH_NOISY))
    other[c]=$(awk -v a="${other[c]}" -v b="$BENCH_OTHER" 'BEGIN { print (b > a ? b : a) }')
  done
done
load_after=$(bench_load)

# shellcheck disable=SC2086
wc_wall=$(bench_median ${walls[0]}) wc_cpu=$(bench_median ${cpus[0]})
# shellcheck disable=SC2086
icu_wall=$(bench_median ${walls[1]})
echo "corpus: $corpus repeated: $docs documents, $mb MB of text ($(nproc) cores, $(uname -m))"
echo "median of $runs alternated runs; load before $load_before, after $load_after"
echo
echo "(x wc -w, x ICU: speed ratios of the median wall times; by CPU: wc -w's CPU time over the row's,"
echo "less disturbed by neighbours but blind to what -j2 gains)"
echo
echo "| run | MB/s | docs/s | x wc -w | x ICU | x wc -w by CPU | peak RSS MB | seconds | CPU s | noisy runs (other cores, max) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for ((c = 0; c < ${#labels[@]}; c++)); do
  # shellcheck disable=SC2086
  w=$(bench_median ${walls[c]}) cpu=$(bench_median ${cpus[c]}) rss=$(bench_median ${rsss[c]})
  awk -v l="${labels[c]}" -v mb="$mb" -v d="$docs" -v w="$w" -v cpu="$cpu" -v rss="$rss" -v wc="$wc_wall" \
    -v icu="$icu_wall" -v wcc="$wc_cpu" -v n="${noisy[c]}" -v runs="$runs" -v o="${other[c]}" 'BEGIN {
      s = w > 0.001 ? w : 0.001
      printf "| %s | %.1f | %.0f | %.2fx | %.2fx | %.2fx | %.0f | %.2f | %.2f | %s%d of %d (%.2f) |\n", l, mb / s,
        d / s, (wc > 0 ? wc : 0.001) / s, (icu > 0 ? icu : 0.001) / s, wcc / (cpu > 0.001 ? cpu : 0.001),
        rss / 1024, w, cpu, n ? "**noisy** " : "", n, runs, o }'
done

rm -rf "$tmp/archive"
"$pipe" -c "$root/conf/pipeline.conf" -q --archive "$tmp/archive" "$tmp/corpus.jsonl" >/dev/null
"$pipe" -c "$root/conf/pipeline.conf" -q "$tmp/corpus.jsonl" >"$tmp/out.jsonl"
out_mb=$(python3 -c "import os; print(os.path.getsize('$tmp/out.jsonl')/1e6)")
arc_mb=$(python3 -c "import glob,os; print(sum(os.path.getsize(p) for p in glob.glob('$tmp/archive/*.jsonl.gz'))/1e6)")
gzip -6 -c "$tmp/out.jsonl" >"$tmp/out.jsonl.gz"
gz_mb=$(python3 -c "import os; print(os.path.getsize('$tmp/out.jsonl.gz')/1e6)")
echo
python3 -c "print('archive: %.1f MB of JSON -> %.1f MB (ratio %.2f); gzip -6 on the same JSONL: %.1f MB (archive is %+.1f%%)' % ($out_mb, $arc_mb, $out_mb/$arc_mb, $gz_mb, 100*($arc_mb/$gz_mb-1)))"
rm -rf "$tmp/archive" "$tmp/out.jsonl" "$tmp/out.jsonl.gz" "$tmp/corpus.jsonl" "$tmp/corpus.txt"

if [ "$big_mb" -gt 0 ]; then
  read -r _ bdocs < <(python3 "$root/bench/corpus.py" "$corpus" "$big_mb" "$tmp/big.jsonl")
  jsonl_mb=$(python3 -c "import os; print(round(os.path.getsize('$tmp/big.jsonl')/1e6))")
  bench_measure "$pipe" -c "$root/conf/pipeline.conf" -j 2 -q "$tmp/big.jsonl"
  echo "bounded memory: full pipeline -j2 over $jsonl_mb MB of JSONL ($bdocs documents): peak RSS" \
    "$((BENCH_RSS / 1024)) MB in ${BENCH_WALL}s (other cores $BENCH_OTHER, load $(bench_load))"
fi
