#!/usr/bin/env bash
# Peak RSS by worker count: what module-level init() saves. Read-only data (word lists, lexicons)
# loaded once per stage and shared by every -j instance should make each extra worker cheap.
# Runs a baseline build and this build alternately on the same small input (the samples), so the
# difference is the data, not the documents.
#   bench/shared-data.sh BASELINE_BUILD_DIR [CONF...]    (this build: PIPE_BUILD_DIR, default build)
# e.g. bench/shared-data.sh ../main/build conf/sentences.conf conf/quotes.conf conf/pipeline.conf
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:?usage: bench/shared-data.sh BASELINE_BUILD_DIR [CONF...]}
shift
confs=("$@")
[ ${#confs[@]} -gt 0 ] || confs=("$root/conf/quotes.conf" "$root/conf/pipeline.conf")
this=${PIPE_BUILD_DIR:-$root/build}
[ -x /usr/bin/time ] || { echo "bench/shared-data.sh needs GNU time (/usr/bin/time)" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rss() { # build conf jobs -> peak RSS in KiB
  /usr/bin/time -f '%M' -o "$tmp/t" "$1/pipe" -P "$1/plugins" -c "$2" -j "$3" --layers none -o /dev/null \
    "$root"/samples/*.txt 2>/dev/null
  cat "$tmp/t"
}
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %4s %14s %14s %12s\n' conf jobs "baseline KiB" "this KiB" "saved KiB"
for conf in "${confs[@]}"; do
  for j in 1 2 4; do
    b=$(rss "$base" "$conf" "$j"); t=$(rss "$this" "$conf" "$j")
    printf '%-22s %4d %14d %14d %12d\n' "$(basename "$conf")" "$j" "$b" "$t" $((b - t))
  done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
