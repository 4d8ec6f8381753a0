#!/usr/bin/env bash
# Peak memory of one worker on the largest document pipe accepts (max_document_bytes, 64 MiB by
# default): builds a news-like document of exactly that size from the sample article, runs the
# pipeline on it with /usr/bin/time and prints peak RSS and its ratio to the document size.
#   bench/memory.sh [PIPELINE.conf] [BYTES] [PIPE OPTIONS...]      (PIPE_BUILD_DIR, default build)
# e.g. bench/memory.sh conf/pipeline.conf 67108864 --layers all   (every layer written, tokens too)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
conf=${1:-$root/conf/pipeline.conf}
bytes=${2:-67108864}
shift $(($# < 2 ? $# : 2))
pipe=${PIPE_BUILD_DIR:-$root/build}/pipe
[ -x /usr/bin/time ] || { echo "bench/memory.sh needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Whole articles one after another, cut at the exact size on a character boundary.
python3 - "$root/samples/huawei-no-spy.txt" "$bytes" "$tmp/doc.txt" <<'PY'
import sys
unit = open(sys.argv[1], "rb").read() + b"\n\n"
n = int(sys.argv[2])
data = (unit * (n // len(unit) + 1))[:n]
k = len(data)  # never end inside a UTF-8 character: blank a cut one
while k and (data[k - 1] & 0xC0) == 0x80:
    k -= 1
if k and data[k - 1] >= 0xC0:
    k -= 1
open(sys.argv[3], "wb").write(data[:k].ljust(n, b" "))
PY
size=$(stat -c %s "$tmp/doc.txt")
/usr/bin/time -f '%M %e' -o "$tmp/time" "$pipe" -c "$conf" "$@" -o /dev/null "$tmp/doc.txt"
read -r kb secs <"$tmp/time"
awk -v kb="$kb" -v size="$size" -v secs="$secs" -v conf="$conf${*:+ $*}" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "document: %d bytes (%.1f MiB), pipeline %s\n", size, size / 1048576, conf
  printf "peak RSS: %d KiB (%.0f MiB), %.1fx the document; %.1f s wall, load %s\n",
         kb, kb / 1024, kb * 1024 / size, secs, load }'
