#!/bin/sh
# Tokenizer benchmark: pipe (news, uax29) vs ICU's word BreakIterator.
# Usage: bench/tokenizer/run.sh [CORPUS.jsonl.gz|CORPUS.jsonl] [ROUNDS]
#   CORPUS defaults to ../shared/samples/reuters21578.jsonl.gz (JSON lines
#   with a "text" field); the texts are joined by blank lines into a plain
#   UTF-8 file in /tmp. PIPE_BUILD_DIR (default: build) holds the driver,
#   built by `cmake --build $PIPE_BUILD_DIR --target bench_tokenizer`.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus=${1:-$root/../shared/samples/reuters21578.jsonl.gz}
rounds=${2:-5}
build=${PIPE_BUILD_DIR:-$root/build}
driver=$build/bench/tokenizer/bench_tokenizer
blob=${TMPDIR:-/tmp}/pipe-bench-$(basename "$corpus" | sed 's/\.jsonl.*$//').txt

if [ ! -x "$driver" ]; then
    echo "no $driver: configure with ICU (libicu-dev) and build the bench_tokenizer target" >&2
    exit 1
fi
python3 - "$corpus" "$blob" <<'PY'
import gzip, json, sys
src, dst = sys.argv[1], sys.argv[2]
opener = gzip.open if src.endswith(".gz") else open
with opener(src, "rt", encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
    out.write("\n\n".join(json.loads(line)["text"] for line in f if line.strip()))
PY
echo "corpus: $corpus -> $blob"
"$driver" "$blob" "$rounds"
