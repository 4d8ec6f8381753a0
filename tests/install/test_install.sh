#!/usr/bin/env bash
# Installs this build into a temporary prefix, copies the plugin template, turns it into a new
# stage "wordy", builds it with pkg-config alone and again with find_package(pipe), and runs it
# through the installed pipe, also after moving the whole prefix elsewhere.
# usage: test_install.sh BUILD_DIR SOURCE_DIR
set -u
BUILD=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
check() { local name=$1; shift; if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name: $*"; failed=$((failed + 1)); fi; }
unset PIPE_PLUGIN_PATH

P=$T/prefix
cmake --install "$BUILD" --prefix "$P" >"$T/install.log" 2>&1
check install [ $? -eq 0 ]
LIBDIR=$(cd "$P" && ls -d lib*/pipe/plugins | head -1)
check bin-pipe [ -x "$P/bin/pipe" ]
check bin-pipe-archive [ -x "$P/bin/pipe-archive" ]
check stages-installed eval '[ -f "$P/$LIBDIR/example.so" ] && [ -f "$P/$LIBDIR/tokenizer.so" ]'
check sdk-headers eval '[ -f "$P/include/pipe/plugin.h" ] && [ -f "$P/include/pipe/layers.h" ]'
PC=$(dirname "$(find "$P" -name pipe-plugin.pc | head -1)")
check pkg-config-file [ -f "$PC/pipe-plugin.pc" ]
check cmake-package [ -n "$(find "$P" -name pipeConfig.cmake)" ]
check configs [ -f "$P/share/pipe/pipeline.conf" ]
check template eval '[ -f "$P/share/pipe/plugin-template/example.c" ] && [ -f "$P/share/pipe/plugin-template/CMakeLists.txt" ]'
check man-pages eval '[ -f "$P/share/man/man1/pipe.1" ] && [ -f "$P/share/man/man1/pipe-archive.1" ] && [ -f "$P/share/man/man5/pipe.conf.5" ]'
check output-schema [ -f "$P/share/pipe/pipe-output.schema.json" ]
check completion eval '[ -f "$P/share/bash-completion/completions/pipe" ] && [ -f "$P/share/bash-completion/completions/pipe-archive" ]'
# The installed completion asks the installed pipe for a stage's options.
got=$(bash -c 'source "$1/share/bash-completion/completions/pipe"; COMP_WORDS=("$1/bin/pipe" --set summarizer.sen)
  COMP_CWORD=2; _pipe; echo "${COMPREPLY[*]}"' _ "$P" 2>&1)
check completion-installed [ "$got" = "summarizer.sentences=" ]

# The installed pipe finds its own stages and data with no environment variables.
"$P/bin/pipe" -c "$P/share/pipe/pipeline.conf" "$P/share/pipe/samples/huawei-no-spy.txt" >"$T/out" 2>"$T/err"
rc=$?
check installed-run eval '[ $rc -eq 0 ] && grep -q "\"summary\":\\[{" "$T/out"'

# A user's new stage from the template.
cp -r "$P/share/pipe/plugin-template" "$T/wordy"
cd "$T/wordy" || exit 1
for f in example.c test_example.c CMakeLists.txt; do
  sed -e 's/example/wordy/g' "$f" >"${f/example/wordy}.new"
  rm "$f"
  mv "${f/example/wordy}.new" "${f/example/wordy}"
done
cc -std=c11 -Wall -Wextra -Werror -shared -fPIC -fvisibility=hidden -Wl,-z,defs \
  $(PKG_CONFIG_PATH=$PC pkg-config --cflags pipe-plugin) wordy.c -o wordy.so 2>"$T/cc.err"
check build-with-pkg-config [ -f wordy.so ]
printf 'stages = ( { plugin = "wordy"; options = { words_per_minute = 100; }; } );\n' >pipeline.conf
"$P/bin/pipe" -P . -c pipeline.conf --describe wordy >"$T/describe" 2>&1
check describe grep -q "words_per_minute" "$T/describe"
check describe-schema grep -q "wordy_stats" "$T/describe"
"$P/bin/pipe" -P . -c pipeline.conf "$P/share/pipe/samples/huawei-no-spy.txt" >"$T/out" 2>"$T/err"
check run-new-stage grep -q '"wordy_stats":\[{"start":0,"end":3900' "$T/out"
rm -f wordy.so

cmake -S . -B build -DCMAKE_PREFIX_PATH="$P" >"$T/cmake.log" 2>&1 && cmake --build build >>"$T/cmake.log" 2>&1
check build-with-find-package [ -f build/wordy.so ]
ctest --test-dir build >"$T/ctest.log" 2>&1
check template-test-passes grep -q "100% tests passed" "$T/ctest.log"
"$P/bin/pipe" -P build -c pipeline.conf --check >"$T/check" 2>&1
check check-runs-stage grep -q "wordy_stats 1" "$T/check"

# A relocated prefix still finds its stages.
mv "$P" "$T/moved"
"$T/moved/bin/pipe" -c "$T/moved/share/pipe/pipeline.conf" --check >"$T/check" 2>&1
check relocated grep -q "ok" "$T/check"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
