#!/usr/bin/env bash
# Run one libFuzzer target for SECONDS, seeded from the samples and configs.
#   scripts/fuzz.sh TARGET SECONDS        e.g. scripts/fuzz.sh fuzz_pipeline 60
#   scripts/fuzz.sh --list                the targets
# Builds build-fuzz/ with clang and -DPIPE_FUZZ=ON. Crashes are written to build-fuzz/fuzz/crash-*:
# add each one to the stage's tests as a regression case.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --list ]; then
  grep -rhoE 'pipe_add_fuzzer\(NAME [a-z_]+|add_executable\(fuzz_[a-z_]+' --include=CMakeLists.txt . |
    sed -E 's/.*(NAME |\()//' | sort -u
  exit 0
fi
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS}
secs=${2:-20}
CC=clang cmake -S . -B build-fuzz -DPIPE_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
bin=$(find build-fuzz -type f -name "$target" -perm -u+x | head -1)
[ -n "$bin" ] || { echo "no fuzz target '$target' (scripts/fuzz.sh --list)" >&2; exit 2; }
seeds=build-fuzz/seeds/$target
mkdir -p "$seeds"
case "$target" in
  fuzz_config) cp conf/*.conf "$seeds"/ ;;
  fuzz_jsonl) printf '{"id":"a","text":"Hello \\"world\\".","tags":[1,2]}' >"$seeds/one.jsonl" ;;
  *) cp samples/*.txt "$seeds"/ ;;
esac
export ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/scripts/lsan.supp \
  PIPE_SOURCE_DIR=$PWD PIPE_BINARY_DIR=$PWD/build-fuzz
cd "$(dirname "$bin")"
"./$(basename "$bin")" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  "$OLDPWD/$seeds" 2>&1 | tail -15
