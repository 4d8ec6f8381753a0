#!/usr/bin/env bash
# Every plugin exports exactly one symbol, its entry point NAME_LTX_pipe_plugin_entry: the promise of
# plugin.h, kept by pipe_add_plugin's version script even for stages that link static libraries.
# usage: test_exports.sh PLUGIN.so...
set -u
passed=0 failed=0
[ $# -ge 6 ] || { echo "FAIL: only $# plugins given, expected the 5 bundled stages and the C++ one"; exit 1; }
for so in "$@"; do
  name=$(basename "$so" .so)
  if [ ! -f "$so" ]; then
    echo "FAIL: $name: $so missing"; failed=$((failed + 1)); continue
  fi
  syms=$(nm -D --defined-only "$so" | awk '{print $NF}')
  if [ "$syms" = "${name}_LTX_pipe_plugin_entry" ]; then
    passed=$((passed + 1))
  else
    echo "FAIL: $name exports $(echo "$syms" | wc -l) symbols, want only ${name}_LTX_pipe_plugin_entry:"
    echo "$syms" | head -10
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
