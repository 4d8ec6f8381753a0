#!/bin/sh
# Quote finder benchmark: tokenizer, (+ sentences when pipe_sentsplit is built), + quotes,
# single thread, best of ROUNDS, over JSON lines with a "text" field (gzip read directly).
# Usage: bench/quotes/run.sh [CORPUS.jsonl.gz] [ROUNDS]; PIPE_BUILD_DIR defaults to build.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${1:-$root/../shared/samples/reuters21578.jsonl.gz}
build=${PIPE_BUILD_DIR:-$root/build}
PIPE_SOURCE_DIR=$root exec "$build/bench/quotes/quotebench" bench "$corpus" "${2:-3}"
