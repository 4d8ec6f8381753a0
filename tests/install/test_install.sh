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
check() { local name=$1; shift; if "$@"; then passed=$((passed + 1)); else echo "FAIL: $name: $*"; failed=$((failed + 1)); return 1; fi; }
unset PIPE_PLUGIN_PATH
# A sanitizer build installs an instrumented libpipe-testing, which only a program with the same
# runtime can load: the out-of-tree test programs are then built with it too.
SAN=()
if grep -q '^PIPE_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt"; then
  SAN=(-DPIPE_SANITIZE=ON "-DCMAKE_C_FLAGS=-fsanitize=address,undefined"
       "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined")
fi

P=$T/prefix
cmake --install "$BUILD" --prefix "$P" >"$T/install.log" 2>&1
check install [ $? -eq 0 ]
LIBDIR=$(cd "$P" && ls -d lib*/pipe/plugins | head -1)
check bin-pipe [ -x "$P/bin/pipe" ]
check bin-pipe-archive [ -x "$P/bin/pipe-archive" ]
check stages-installed eval '[ -f "$P/$LIBDIR/example.so" ] && [ -f "$P/$LIBDIR/tokenizer.so" ]'
check sdk-headers eval '[ -f "$P/include/pipe/plugin.h" ] && [ -f "$P/include/pipe/layers.h" ] && [ -f "$P/include/pipe/testing.h" ] && [ -f "$P/include/pipe/prefault.h" ]'
PC=$(dirname "$(find "$P" -name pipe-plugin.pc | head -1)")
check pkg-config-file [ -f "$PC/pipe-plugin.pc" ]
check cmake-package [ -n "$(find "$P" -name pipeConfig.cmake)" ]
# Both packages carry one version, the plugin ABI that `pipe --version` reports.
pc_version=$(PKG_CONFIG_PATH=$PC pkg-config --modversion pipe-plugin)
printf 'set(PACKAGE_FIND_VERSION 0)\ninclude("%s")\nmessage("${PACKAGE_VERSION}")\n' \
  "$(find "$P" -name pipeConfigVersion.cmake | head -1)" >"$T/version.cmake"
cmake_version=$(cmake -P "$T/version.cmake" 2>&1)
abi_version=$("$P/bin/pipe" --version | sed -n 's/.*plugin ABI \([0-9.]*\)).*/\1/p')
check versions-agree eval '[ -n "$pc_version" ] && [ "$pc_version" = "$cmake_version" ] && [ "$pc_version" = "$abi_version" ]' ||
  echo "pkg-config '$pc_version', CMake '$cmake_version', pipe --version ABI '$abi_version'"
check configs [ -f "$P/share/pipe/pipeline.conf" ]
check template eval '[ -f "$P/share/pipe/plugin-template/example.c" ] && [ -f "$P/share/pipe/plugin-template/CMakeLists.txt" ]'
check man-pages eval '[ -f "$P/share/man/man1/pipe.1" ] && [ -f "$P/share/man/man1/pipe-archive.1" ] && [ -f "$P/share/man/man5/pipe.conf.5" ] && [ -f "$P/share/man/man7/pipe-plugin.7" ]'
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
# Issue 18 item 1: no -c runs the installed default pipeline; -c NAME finds share/pipe/NAME.conf.
(cd "$T" && "$P/bin/pipe" -v "$P/share/pipe/samples/huawei-no-spy.txt" >"$T/out" 2>"$T/err")
rc=$?
check installed-default eval '[ $rc -eq 0 ] && grep -qF "pipe: info: pipeline $P/share/pipe/pipeline.conf: 4 stages" "$T/err" &&
  grep -q "\"summary\":\\[{" "$T/out"'
(cd "$T" && "$P/bin/pipe" -v -c quotes "$P/share/pipe/samples/huawei-no-spy.txt" >"$T/out" 2>"$T/err")
rc=$?
check installed-named eval '[ $rc -eq 0 ] && grep -qF "pipe: info: pipeline $P/share/pipe/quotes.conf: 3 stages" "$T/err"'

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

# The stage's own test of it behind the real, installed tokenizer (pipe/testing.h), built both ways.
cat >wordy_real.c <<'EOF_C'
#include <stdio.h>
#include <string.h>
#include <pipe/testing.h>
int main(int argc, char **argv)
{
    pipe_test_result *r;
    if (argc != 2 || pipe_test_add_plugin_dir(argv[1]) != PIPE_OK)
        return 2;
    int rc = pipe_test_run("tokenizer, wordy", "Two words.", &r);
    size_t n = 0;
    const pipe_token *t = pipe_test_layer(r, PIPE_LAYER_TOKENS, &n);
    const char *json = pipe_test_json(r);
    int ok = rc == PIPE_OK && n == 3 && t[1].start == 4 && json &&
             strstr(json, "\"wordy_stats\":[{\"start\":0,\"end\":10,\"chars\":10,\"words\":2");
    if (!ok)
        fprintf(stderr, "rc %d, %zu tokens, error %s, json %s\n", rc, n, pipe_test_error(r), json);
    pipe_test_free(r);
    return ok ? 0 : 1;
}
EOF_C
printf '\nadd_executable(wordy_real wordy_real.c)\ntarget_link_libraries(wordy_real PRIVATE pipe::testing)\n%s\n' \
  'add_test(NAME wordy_real COMMAND wordy_real ${CMAKE_CURRENT_BINARY_DIR})' >>CMakeLists.txt

cmake -S . -B build -DCMAKE_PREFIX_PATH="$P" "${SAN[@]}" >"$T/cmake.log" 2>&1 && cmake --build build >>"$T/cmake.log" 2>&1
check build-with-find-package [ -f build/wordy.so ]
ctest --test-dir build --output-on-failure >"$T/ctest.log" 2>&1
check template-test-passes grep -q "100% tests passed" "$T/ctest.log"
check harness-test-ran grep -q "wordy_real .*Passed" "$T/ctest.log"
cc -std=c11 -Wall -Wextra -Werror ${SAN:+-fsanitize=address,undefined} wordy_real.c -o wordy_real_pc $(PKG_CONFIG_PATH=$PC pkg-config --cflags --libs pipe-testing) \
  2>"$T/cc-testing.err"
check harness-with-pkg-config eval 'LD_LIBRARY_PATH="$P/${LIBDIR%/pipe/plugins}" ./wordy_real_pc build 2>"$T/real.err"' ||
  head -c 600 "$T/cc-testing.err" "$T/real.err"
"$P/bin/pipe" -P build -c pipeline.conf --check >"$T/check" 2>&1
check check-runs-stage grep -q "wordy_stats 1" "$T/check"
# pipe_add_plugin exported the entry point and nothing else, out of tree too.
check one-export [ "$(nm -D --defined-only build/wordy.so | awk '{print $NF}')" = wordy_LTX_pipe_plugin_entry ]

# `cmake --install` puts the stage in the installed pipe's plugin folder (pkg-config's plugindir),
# where that pipe finds it with no -P.
PLUGINDIR=$(PKG_CONFIG_PATH=$PC pkg-config --variable=plugindir pipe-plugin)
check plugindir [ "$(realpath "$PLUGINDIR")" = "$(realpath "$P/$LIBDIR")" ]
cmake --install build >"$T/stage-install.log" 2>&1
check install-stage [ -f "$P/$LIBDIR/wordy.so" ]
"$P/bin/pipe" -c pipeline.conf --check >"$T/check" 2>&1
check installed-stage-runs grep -q "wordy_stats 1" "$T/check"
rm -f "$P/$LIBDIR/wordy.so"

# -DPIPE_PLUGIN_INSTALL_DIR picks another folder: here the per-user one, which pipe also searches.
cmake -S . -B build-user -DCMAKE_PREFIX_PATH="$P" "${SAN[@]}" -DPIPE_PLUGIN_INSTALL_DIR="$T/xdg/pipe/plugins" \
  >"$T/cmake-user.log" 2>&1 && cmake --build build-user >>"$T/cmake-user.log" 2>&1 &&
  cmake --install build-user >>"$T/cmake-user.log" 2>&1
check install-stage-user [ -f "$T/xdg/pipe/plugins/wordy.so" ]
XDG_DATA_HOME=$T/xdg "$P/bin/pipe" -c pipeline.conf --check >"$T/check" 2>&1
check user-stage-runs grep -q "wordy_stats 1" "$T/check"

# A relocated prefix still finds its stages, from pipe and from the test harness library.
mv "$P" "$T/moved"
"$T/moved/bin/pipe" -c "$T/moved/share/pipe/pipeline.conf" --check >"$T/check" 2>&1
check relocated grep -q "ok" "$T/check"
check relocated-harness eval 'LD_LIBRARY_PATH="$T/moved/${LIBDIR%/pipe/plugins}" ./wordy_real_pc build 2>"$T/real.err"' ||
  head -c 600 "$T/real.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
