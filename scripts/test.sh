#!/usr/bin/env bash
# Builds pipe with warnings as errors and runs the whole test suite with ctest.
#   scripts/test.sh              normal build in build/
#   scripts/test.sh --sanitize   ASan+UBSan build in build-asan/
#   scripts/test.sh --valgrind   normal build, then the sample pipeline under valgrind
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
dir=build
flags=(-DPIPE_WERROR=ON)
case "$mode" in
  "" | --valgrind) ;;
  --sanitize)
    dir=build-asan
    flags+=(-DPIPE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ;;
  *) echo "usage: scripts/test.sh [--sanitize|--valgrind]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
if [ "$mode" = --valgrind ]; then
  valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite -q \
    "$dir/pipe" -c conf/pipeline.conf samples/huawei-no-spy.txt >/dev/null
  echo "valgrind: sample pipeline clean"
  exit 0
fi
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)"
