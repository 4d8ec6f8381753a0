#!/usr/bin/env bash
# -o FILE: an existing file keeps its permission bits, a new one gets 0666 & ~umask, and an open()
# interrupted by a signal (EINTR) is retried instead of failing the run.
# usage: test_output_file.sh PIPE SOURCE_DIR EINTR_SHIM
set -u
PIPE=$1 SRC=$2 SHIM=$3
. "$(dirname "$0")/common.sh"
mode() { stat -c %a "$1"; }

case_name=keeps-0600
echo old >"$T/private.json" && chmod 600 "$T/private.json"
"$PIPE" -c "$T/c.conf" -o "$T/private.json" "$SAMPLE" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && [ "$(mode "$T/private.json")" = 600 ] && grep -q '"bytes":3900' "$T/private.json" && ok ||
  fail "exit $rc, mode $(mode "$T/private.json") (want 600)"

case_name=keeps-0640
echo old >"$T/group.json" && chmod 640 "$T/group.json"
"$PIPE" -c "$T/c.conf" -o "$T/group.json" "$SAMPLE" 2>"$T/err"
[ "$(mode "$T/group.json")" = 640 ] && ok || fail "mode $(mode "$T/group.json") (want 640)"

case_name=new-file-umask
(umask 027 && "$PIPE" -c "$T/c.conf" -o "$T/new.json" "$SAMPLE" 2>"$T/err")
[ "$(mode "$T/new.json")" = 640 ] && ok || fail "mode $(mode "$T/new.json") (want 640 under umask 027)"

# The shim makes the first mkstemp()/open() of these paths fail with EINTR. Sanitizer runtimes want to
# come first among the libraries; the shim only wraps three libc calls, so tell them not to mind.
eintr() {
  EINTR_PATH=$1 LD_PRELOAD=$SHIM ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0 \
    TSAN_OPTIONS=${TSAN_OPTIONS:+$TSAN_OPTIONS:}verify_interceptors=0 "${@:2}"
}
case_name=eintr-probe
# The probe shows the shim really interrupts: a plain open of the path fails with EINTR.
if ! eintr "$T/probe" python3 -c 'import ctypes,sys
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.open(sys.argv[1].encode(), 0o101, 0o644)
sys.exit(0 if fd < 0 and ctypes.get_errno() == 4 else 1)' "$T/probe"; then
  fail "the EINTR shim does not interrupt open()"
else
  ok
fi

case_name=eintr-new-file
eintr "$T/intr.json" "$PIPE" -c "$T/c.conf" -o "$T/intr.json" "$SAMPLE" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && grep -q '"bytes":3900' "$T/intr.json" && ok || fail "exit $rc: $(head -c 300 "$T/err")"

case_name=eintr-fifo
mkfifo "$T/out.fifo"
cat "$T/out.fifo" >"$T/from-fifo" &
reader=$!
eintr "$T/out.fifo" "$PIPE" -c "$T/c.conf" -o "$T/out.fifo" "$SAMPLE" 2>"$T/err"
rc=$?
if [ $rc -ne 0 ]; then
  exec 3>"$T/out.fifo" # release the reader
  exec 3>&-
fi
wait $reader
[ $rc -eq 0 ] && grep -q '"bytes":3900' "$T/from-fifo" && ok || fail "exit $rc: $(head -c 300 "$T/err")"

finish
