# shellcheck shell=bash disable=SC2034  # the BENCH_* results are read by the scripts that source this
# bench/measure.sh: one measured run of a command on a shared machine; sourced by bench/run.sh,
# bench/scaling.sh and bench/memory.sh, so every benchmark judges noise the same way.
#
# bench_measure CMD...   runs CMD with stdout to /dev/null and sets
#   BENCH_WALL   wall-clock seconds
#   BENCH_CPU    CMD's own user + system seconds
#   BENCH_RSS    CMD's peak RSS in KiB
#   BENCH_OTHER  cores the other processes kept busy meanwhile: all CPUs' busy time in /proc/stat
#                over the run, minus CMD's own rusage, over the wall time
#   BENCH_NOISY  1 when BENCH_OTHER is over BENCH_NOISE_CORES (0.15): a neighbour that busy
#                slows a -j2 run by taking one of two cores
# and returns CMD's exit status (its stderr is in $BENCH_ERR).
BENCH_NOISE_CORES=${BENCH_NOISE_CORES:-0.15}
BENCH_HZ=$(getconf CLK_TCK)
BENCH_ERR=$(mktemp "${TMPDIR:-/tmp}/bench-err.XXXXXX")
[ -x /usr/bin/time ] || { echo "bench: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }

# Busy jiffies of all CPUs so far: user, nice, system, irq, softirq and steal (not idle, iowait).
bench_busy() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }

bench_measure() {
  local t b0 b1 rc=0 u s
  t=$(mktemp "${TMPDIR:-/tmp}/bench-time.XXXXXX")
  b0=$(bench_busy)
  /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >/dev/null 2>"$BENCH_ERR" || rc=$?
  b1=$(bench_busy)
  read -r BENCH_WALL u s BENCH_RSS < <(tail -1 "$t")
  rm -f "$t"
  read -r BENCH_CPU BENCH_OTHER BENCH_NOISY < <(awk -v b0="$b0" -v b1="$b1" -v hz="$BENCH_HZ" \
    -v w="$BENCH_WALL" -v u="$u" -v s="$s" -v lim="$BENCH_NOISE_CORES" 'BEGIN {
      cpu = u + s; other = ((b1 - b0) / hz - cpu) / (w > 0.01 ? w : 0.01)
      if (other < 0) other = 0
      printf "%.3f %.2f %d\n", cpu, other, (other > lim) }')
  return "$rc"
}

# bench_median X...: the median of the numbers given (the lower middle one for an even count).
bench_median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# bench_load: the load averages, to print beside every table.
bench_load() { cut -d' ' -f1-3 /proc/loadavg; }
