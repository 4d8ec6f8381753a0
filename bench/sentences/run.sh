#!/bin/sh
# Sentence splitter benchmark: tokenizer alone vs tokenizer + sentences, one thread.
# Usage: bench/sentences/run.sh [CORPUS.jsonl.gz|CORPUS.jsonl|TEXT...] [ROUNDS]
#   CORPUS defaults to ../shared/samples/reuters21578.jsonl.gz (JSON lines with
#   a "text" field, one document each); it is read in place, never copied.
#   PIPE_BUILD_DIR (default: build) holds the driver, built by
#   `cmake --build $PIPE_BUILD_DIR --target bench_sentences` (use a Release build).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${1:-$root/../shared/samples/reuters21578.jsonl.gz}
rounds=${2:-5}
build=${PIPE_BUILD_DIR:-$root/build}
driver=$build/bench/sentences/bench_sentences
if [ ! -x "$driver" ]; then
    echo "no $driver: build the bench_sentences target" >&2
    exit 1
fi
"$driver" --iterations "$rounds" "$corpus"
