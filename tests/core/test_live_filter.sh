#!/usr/bin/env bash
# pipe as a live filter: the result of a document is written before the next document arrives, with one
# worker and with several. The read timeout is a hang guard only: without per-batch flushing the first
# read waits for end of input, which never comes until we send it.
# usage: test_live_filter.sh PIPE SOURCE_DIR
set -u
PIPE=$1 SRC=$2
. "$(dirname "$0")/common.sh"

for jobs in 1 2; do
  case_name="live-j$jobs"
  coproc LIVE { "$PIPE" -c "$T/c.conf" -i jsonl -f jsonl -j "$jobs" - 2>"$T/err"; }
  livepid=$LIVE_PID
  echo '{"id":"first","text":"One short article."}' >&"${LIVE[1]}"
  first=
  IFS= read -r -t 60 first <&"${LIVE[0]}"
  echo '{"id":"second","text":"Another one."}' >&"${LIVE[1]}"
  second=
  IFS= read -r -t 60 second <&"${LIVE[0]}"
  exec {LIVE[1]}>&-
  wait "$livepid"
  rc=$?
  case "$first|$second|$rc" in
    '{"id":"first"'*'|{"id":"second"'*'|0') ok ;;
    *) fail "exit $rc; first line '${first:0:80}', second '${second:0:80}'; stderr: $(head -c 300 "$T/err")" ;;
  esac
done
finish
