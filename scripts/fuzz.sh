#!/usr/bin/env bash
# Run libFuzzer targets (tests/fuzz/, one per file) for SECONDS each, from their committed seeds
# (tests/fuzz/seeds/TARGET/; a target without seeds is an error, never run from nothing).
#   scripts/fuzz.sh TARGET SECONDS        e.g. scripts/fuzz.sh fuzz_pipeline 60
#   scripts/fuzz.sh --all SECONDS         every target in turn (CI: 20 s each); fails if any finds a crash
#   scripts/fuzz.sh --list                the targets
# Builds build-fuzz/ with clang and -DPIPE_FUZZ=ON. Crashes are written to build-fuzz/fuzz/crash-*:
# add each one to the stage's tests as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
targets() {
  grep -hoE 'pipe_add_fuzzer\(NAME [a-z_]+' tests/fuzz/CMakeLists.txt | sed -E 's/.*NAME //' | sort -u
}
if [ "${1:-}" = --list ]; then
  targets
  exit 0
fi
if [ "${1:-}" = --all ]; then
  status=0
  for t in $(targets); do
    echo "== $t"
    bash "$0" "$t" "${2:-20}" || status=1
  done
  exit $status
fi
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
secs=${2:-20}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DPIPE_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
bin=$(find build-fuzz -type f -name "$target" -perm -u+x | head -1)
[ -n "$bin" ] || { echo "no fuzz target '$target' (scripts/fuzz.sh --list)" >&2; exit 2; }
committed=tests/fuzz/seeds/$target
[ -n "$(ls -A "$committed" 2>/dev/null)" ] || { echo "no seeds for '$target' in $committed" >&2; exit 2; }
seeds=build-fuzz/seeds/$target
mkdir -p "$seeds"
cp "$committed"/* "$seeds"/
export ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp \
  PIPE_SOURCE_DIR=$PWD PIPE_BINARY_DIR=$PWD/build-fuzz
cd "$(dirname "$bin")"
status=0
"./$(basename "$bin")" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  "$OLDPWD/$seeds" >"$OLDPWD/build-fuzz/$target.log" 2>&1 || status=$?
grep -E "^#[0-9]+ *DONE|ERROR|SUMMARY|Test unit written|stat::number_of_executed_units" "$OLDPWD/build-fuzz/$target.log" | head -8
exit $status
