#!/usr/bin/env bash
# The bad-input matrix through the full default pipeline: every case gets its exit code, its message
# and valid JSON. Each run has a hang guard only: a wall-clock bound fails on a slow sanitizer run, so
# speed (no stage may be quadratic) is shown by bench/ scripts, not asserted here.
# usage: test_bad_input.sh PIPE_BINARY SOURCE_DIR
set -u
PIPE=$1 SRC=$2
CONF=$SRC/conf/pipeline.conf
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0 failed=0
fail() { echo "FAIL: $case_name: $*"; failed=$((failed + 1)); }

# case NAME EXPECTED_RC MESSAGE FILE: run the full pipeline on FILE.
case_() {
  case_name=$1
  local want=$2 msg=$3 file=$4
  local rc
  timeout 900 "$PIPE" -c "$CONF" "$file" >"$T/out" 2>"$T/err"
  rc=$?
  if [ "$rc" -eq 124 ]; then fail "still running after the 900 s hang guard"; return; fi
  if [ "$rc" -ne "$want" ]; then fail "exit $rc, expected $want: $(head -c 300 "$T/err")"; return; fi
  if [ -n "$msg" ] && ! grep -qF -- "$msg" "$T/err"; then fail "stderr lacks '$msg': $(head -c 300 "$T/err")"; return; fi
  if ! python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"): json.loads(l)' "$T/out" 2>/dev/null; then fail "output is not valid JSON Lines"; return; fi
  passed=$((passed + 1))
}

: >"$T/empty.txt"
case_ empty 0 "" "$T/empty.txt"
printf ' \n\t\r\n  \n' >"$T/space.txt"
case_ whitespace 0 "" "$T/space.txt"
printf 'He said \x00"no\x00" today.\x00\n\nNext.' >"$T/nul.txt"
case_ nul-bytes 0 "" "$T/nul.txt"
printf 'Overlong \xc0\xaf and \xe0\x80\xaf, surrogate \xed\xa0\x80, truncated \xe2\x80 and \xf0\x9f\x98, lone \x80\xbf continuation.\n"Quoted \xff," he said.' >"$T/utf8.txt"
case_ invalid-utf8 0 "" "$T/utf8.txt"
printf '\xff\xfeH\x00e\x00l\x00l\x00o\x00' >"$T/utf16le.txt"
case_ utf16-le 1 "text is UTF-16" "$T/utf16le.txt"
printf '\xfe\xff\x00H\x00i' >"$T/utf16be.txt"
case_ utf16-be 1 "text is UTF-16" "$T/utf16be.txt"
head -c 50000000 /dev/zero | tr '\0' 'x' >"$T/longline.txt"
case_ 50MB-one-line 0 "" "$T/longline.txt"
python3 -c 'import sys; sys.stdout.write("\u201c\u201d\"\x27\u2018\u2019\u00ab\u00bb" * 500000)' >"$T/quotes.txt"
case_ 10MB-quote-marks 0 "" "$T/quotes.txt"
python3 -c 'import sys; sys.stdout.write(("Dr. A. B. said \"Yes.\" Then... (no!) U.S. 1.5% e.g. www.x.com " * 10 + "\n\n") * 20000)' >"$T/dense.txt"
case_ dense-hard-cases 0 "" "$T/dense.txt"
head -c 3000000 /dev/urandom >"$T/random.bin"
case_ random-bytes 0 "" "$T/random.bin"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
