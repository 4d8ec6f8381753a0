#!/bin/sh
# Linear time of the quote finder on adversarial input (tests/quotes/hostile.c): each input at
# N and 2N megabytes, best of 9 each, alternating, in processor time; exits 1 when doubling the input more than LIMIT-times the time.
# Usage: bench/quotes/linear.sh [N_MB] [LIMIT] (defaults 4 and 2.2); N is doubled per input until
# one run takes 0.15 s, as runs of a few milliseconds show a loaded machine's noise, not the finder's
# cost; a ratio over LIMIT is measured again and fails only when over again. PIPE_BUILD_DIR defaults
# to build.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${PIPE_BUILD_DIR:-$root/build}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
PIPE_SOURCE_DIR=$root exec "$build/bench/quotes/quotebench" linear "${1:-4}" "${2:-2.2}"
