#!/usr/bin/env bash
# Builds pipe with warnings as errors and runs the whole test suite with ctest.
#   scripts/test.sh              normal build in build/
#   scripts/test.sh --sanitize   ASan+UBSan build in build-asan/
#   scripts/test.sh --valgrind   normal build, then the sample pipeline under valgrind
#   scripts/test.sh --tsan       ThreadSanitizer build in build-tsan/, then the tests that run -j
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
  --tsan)
    # The top-level build has no TSan switch; the flags go straight to the compiler and linkers. Plugins
    # link libtsan themselves, so -z defs still holds for them.
    dir=build-tsan
    tsan="-fsanitize=thread -fno-omit-frame-pointer"
    flags+=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_C_FLAGS=$tsan" "-DCMAKE_EXE_LINKER_FLAGS=$tsan"
            "-DCMAKE_MODULE_LINKER_FLAGS=$tsan" "-DCMAKE_SHARED_LINKER_FLAGS=$tsan")
    # Reports go to files as well as failing the process: a race in a piped command whose exit code
    # a test does not look at must still fail the run.
    rm -rf "$dir/tsan-reports"
    mkdir -p "$dir/tsan-reports"
    export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 log_path=$PWD/$dir/tsan-reports/race"
    ;;
  *) echo "usage: scripts/test.sh [--sanitize|--valgrind|--tsan]" >&2; exit 2 ;;
esac
cmake -S . -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)"
if [ "$mode" = --valgrind ]; then
  valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite -q \
    "$dir/pipe" -c conf/pipeline.conf samples/huawei-no-spy.txt >/dev/null
  echo "valgrind: sample pipeline clean"
  exit 0
fi
if [ "$mode" = --tsan ]; then
  # Every test that starts worker threads: -j runs, -j with archives and signals.
  status=0
  ctest --test-dir "$dir" --output-on-failure -R '^(test_jobs|test_cli|test_archive)$' || status=1
  if [ -n "$(ls -A "$dir/tsan-reports")" ]; then
    cat "$dir"/tsan-reports/* >&2
    echo "tsan: data races reported (above)" >&2
    exit 1
  fi
  [ "$status" -eq 0 ] && echo "tsan: no data races in the -j tests"
  exit "$status"
fi
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)"
