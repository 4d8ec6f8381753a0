#!/usr/bin/env bash
# Worst-case scaling: the full pipeline on adversarial inputs of 1, 2, 4 and 8 MB. Time that
# doubles with the size is linear; a quadratic stage would quadruple. Prints a Markdown table.
#   bench/scaling.sh [PIPELINE.conf]      (PIPE_BUILD_DIR, default build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
conf=${1:-$root/conf/pipeline.conf}
pipe=${PIPE_BUILD_DIR:-$root/build}/pipe
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gen() { # PATTERN MB FILE
  python3 - "$1" "$2" "$3" <<'PY'
import random, sys
kind, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n = mb * 1_000_000
unit = {
    "quote-marks": "\u201c\u201d\"'\u2018\u2019\u00ab\u00bb",
    "no-spaces": "x",
    "abbreviations": "Dr. A. B. Smith Jr. of the U.S. Inc. said \"Yes.\" e.g. No. 10... (see www.x.com) ",
    "one-paragraph": "The minister said the plan would work, and officials agreed. ",
    "quotes-and-speakers": "\"We will act,\" Dr Smith told reporters. She said: \"It is 'safe'.\" ",
}.get(kind)
if kind == "random-bytes":
    random.seed(1)
    open(out, "wb").write(bytes(random.getrandbits(8) for _ in range(n)))
else:
    s = (unit * (n // len(unit.encode()) + 1)).encode()[:n]
    open(out, "wb").write(s)
PY
}
echo "| input | 1 MB | 2 MB | 4 MB | 8 MB | 8 MB / 1 MB |"
echo "|---|---|---|---|---|---|"
for kind in quote-marks no-spaces abbreviations one-paragraph quotes-and-speakers random-bytes; do
  row="| $kind"
  first=""
  for mb in 1 2 4 8; do
    gen "$kind" "$mb" "$tmp/in"
    /usr/bin/time -f "%e" -o "$tmp/t" "$pipe" -c "$conf" -q --layers none "$tmp/in" >/dev/null 2>&1 || true
    t=$(cat "$tmp/t" | tail -1)
    row="$row | ${t}s"
    [ -n "$first" ] || first=$t
    last=$t
  done
  echo "$row | $(python3 -c "print('%.1fx' % ($last / max($first, 0.01)))") |"
done
# The quote finder alone on its own adversarial inputs, as doubling ratios (its own script).
echo
"$root/bench/quotes/linear.sh"
