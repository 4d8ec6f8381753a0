#!/usr/bin/env bash
# A stage written in C++ with the unchanged PIPE_PLUGIN_DEFINE loads and runs after a bundled C stage.
# usage: test_cxx_stage.sh PIPE SOURCE_DIR STAGE_DIR
PIPE=$1 SRC=$2 STAGES=$3
. "$(dirname "$0")/common.sh"
printf 'stages = ( { plugin = "tokenizer"; }, { plugin = "longest"; options = { min_bytes = 3; }; } );\n' >"$T/c.conf"

printf 'A short text with an extraordinary word.\n' >"$T/doc.txt"
run run 0 -P "$STAGES" -c "$T/c.conf" --layers longest_word "$T/doc.txt" &&
  has out '"longest_word":[{"start":21,"end":34,"text":"extraordinary","bytes":13}]' && ok

run describe 0 -P "$STAGES" --describe longest && has out 'C++ example stage' && has out 'min_bytes' && ok

# Its option is type- and range-checked by the host from the declaration, like any C stage's.
run bad-option 2 -P "$STAGES" -c "$T/c.conf" --set longest.min_bytes=0 "$T/doc.txt" &&
  has err "option 'min_bytes' is 0, below its minimum 1" && ok

# Instances per worker and a real article: the same bytes with -j1 and -j2.
run sample-j1 0 -P "$STAGES" -c "$T/c.conf" "$SAMPLE" "$T/doc.txt" && cp "$T/out" "$T/j1" &&
  has out '"longest_word":[{' && ok
run sample-j2 0 -P "$STAGES" -c "$T/c.conf" -j 2 "$SAMPLE" "$T/doc.txt" &&
  { cmp -s "$T/out" "$T/j1" && ok || fail "-j 2 output differs from -j 1"; }
finish
