#!/usr/bin/env bash
# What --archive costs: the full pipeline at -j1 writing JSON to /dev/null, alone and with
# --archive at a level (wall seconds and CPU seconds), runs alternated so a busy neighbour hits both alike; median of RUNS.
# With ZLIB_BUILD (a build configured with -DPIPE_DEFLATE_ZLIB=ON) the zlib writer is timed too.
#   bench/io/archive.sh [CORPUS.jsonl.gz] [TEXT_MB]
#   env: PIPE_BUILD_DIR (default build), ZLIB_BUILD, LEVEL (6), RUNS (3), JOBS (1), ARCHIVE_THREADS (unset: default)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
corpus=${1:-$root/../shared/samples/reuters21578.jsonl.gz}
text_mb=${2:-50}
build=${PIPE_BUILD_DIR:-$root/build}
level=${LEVEL:-6} runs=${RUNS:-3} jobs=${JOBS:-1}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pipe-bench-archive.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
[ -x "$build/pipe" ] || { echo "no $build/pipe: build first" >&2; exit 1; }
[ -f "$corpus" ] || { echo "no corpus $corpus" >&2; exit 1; }

python3 "$(dirname "$0")/../corpus.py" "$corpus" "$text_mb" "$tmp/corpus.jsonl" >/dev/null
extra=()
[ -n "${ARCHIVE_THREADS:-}" ] && extra=(--set "archive_threads=$ARCHIVE_THREADS")

# One timed run: prints seconds and peak RSS (MB).
timed() { # NAME PIPE [ARGS...]
  local name=$1 pipe=$2; shift 2
  rm -rf "$tmp/arc"
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "$pipe" -c "$root/conf/pipeline.conf" -j "$jobs" "$@" \
    "$tmp/corpus.jsonl" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  read -r s kb us ss <"$tmp/time"
  echo "$name $s $((kb / 1024)) $(cut -d' ' -f1 /proc/loadavg) $(python3 -c "print($us+$ss)")" >>"$tmp/rows"
}
configs=("json:$build/pipe:" "archive:$build/pipe:--archive $tmp/arc --archive-level $level")
[ -n "${ZLIB_BUILD:-}" ] && configs+=("archive-zlib:$ZLIB_BUILD/pipe:--archive $tmp/arc --archive-level $level")
for ((r = 0; r < runs; r++)); do
  for c in "${configs[@]}"; do
    IFS=: read -r name pipe args <<<"$c"
    # shellcheck disable=SC2086
    timed "$name" "$pipe" $args
  done
done
python3 - "$tmp/rows" "$text_mb" "$level" "$jobs" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
mb, level, jobs = float(sys.argv[2]), sys.argv[3], sys.argv[4]
names = list(dict.fromkeys(r[0] for r in rows))
med = {n: statistics.median(float(r[1]) for r in rows if r[0] == n) for n in names}
cpu = {n: statistics.median(float(r[4]) for r in rows if r[0] == n) for n in names}
print("| run (-j%s, level %s, %.0f MB text) | median s | MB/s | x json | CPU s | CPU x json | peak RSS MB | load 1-min |" % (jobs, level, mb))
print("|---|---|---|---|---|---|---|---|")
for n in names:
    rs = [r for r in rows if r[0] == n]
    print("| %s | %.2f | %.1f | %.2f | %.2f | %.2f | %s | %s |" % (n, med[n], mb / med[n], med[n] / med["json"],
          cpu[n], cpu[n] / cpu["json"], max(int(r[2]) for r in rs), "-".join(sorted({r[3] for r in rs}))))
PY
