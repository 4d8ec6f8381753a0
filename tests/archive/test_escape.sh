#!/usr/bin/env bash
# Ids and file names are shown escaped (issue 16, item 13): a newline in an id cannot forge a
# pipe-archive ls row or a log line, and no ESC, C1 or bidi control reaches the terminal raw.
# usage: test_escape.sh PIPE PIPE_ARCHIVE FIXTURE_DIR
set -u
PIPE=$1 PA=$2 FX=$3
. "$(dirname "$0")/common.sh"
# raw FILE: does FILE hold ESC, a C1 control (U+0085, U+009B), U+202E or a byte that is not UTF-8?
raw() {
  python3 - "$1" <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
try:
    t = d.decode("utf-8")
except UnicodeDecodeError:
    sys.exit(0)
sys.exit(0 if any(c in t for c in "\x1b\x85\x9b\u202e\x07") else 1)
PY
}

# Ids that try to forge a row, recolour the terminal, send a C1 CSI, flip the text direction.
cat >"$T/in.jsonl" <<'EOF2'
{"id":"a\nb\t999\tforged","text":"one FAIL here"}
{"id":"\u001b[31mred\u001b[0m\u0007","text":"two FAIL here"}
{"id":"c1\u009b31m\u0085x\u202eevil","text":"FAIL three"}
{"id":"back\\slash","text":"fine"}
{"id":"plain","text":"fine"}
EOF2
printf 'stages = ( { plugin = "failing_process"; name = "fx"; } );\n' >"$T/fx.conf"
"$PIPE" -P "$FX" -c "$T/fx.conf" --archive "$T/arc" "$T/in.jsonl" >/dev/null 2>"$T/err"
rc=$?
check pipe-exit [ "$rc" -eq 1 ]
check pipe-log-no-raw-controls eval '! raw "$T/err"'
check pipe-log-one-line-per-failure [ "$(wc -l <"$T/err")" -eq 3 ]
check pipe-log-shows-escaped grep -qF 'a\nb\t999\tforged: [fx] found FAIL' "$T/err"
check pipe-log-shows-esc grep -qF '\x1b[31mred\x1b[0m\x07: [fx]' "$T/err"
check pipe-log-shows-c1-bidi grep -qF 'c1\u009b31m\u0085x\u202eevil: [fx]' "$T/err"
# A file name is data too.
"$PIPE" -P "$FX" -c "$T/fx.conf" "$T/no"$'\e[2J'"such" >/dev/null 2>"$T/err"
check pipe-file-name-escaped eval '! raw "$T/err" && grep -qF "no\x1b[2Jsuch" "$T/err"'

A=$(ls "$T"/arc/*.jsonl.gz | head -1)
# is_first FILE: FILE holds exactly the first document
is_first() { python3 -c 'import json,sys; d=[json.loads(l) for l in open(sys.argv[1])]; sys.exit(0 if [x["id"] for x in d] == ["a\nb\t999\tforged"] else 1)' "$1"; }
for how in index members; do
  [ "$how" = members ] && rm -f "$A.idx"
  "$PA" ls "$A" >"$T/ls" 2>"$T/lserr"
  check "ls-$how-rows" [ "$(wc -l <"$T/ls")" -eq 5 ]
  check "ls-$how-three-columns" [ "$(awk -F'\t' 'NF != 3' "$T/ls" | wc -l)" -eq 0 ]
  check "ls-$how-no-raw" eval '! raw "$T/ls"'
  check "ls-$how-escaped" grep -qF 'a\nb\t999\tforged' "$T/ls"
  check "ls-$how-backslash" grep -qF 'back\\slash' "$T/ls"
  # get takes the id as ls shows it, or the id itself.
  "$PA" get "$A" 'a\nb\t999\tforged' >"$T/one" 2>/dev/null
  check "get-$how-escaped-form" is_first "$T/one"
  "$PA" get "$A" $'a\nb\t999\tforged' >"$T/one" 2>/dev/null
  check "get-$how-raw-form" is_first "$T/one"
done
"$PA" get "$A" $'\e[31mnosuch' >/dev/null 2>"$T/err"
check get-missing-escaped eval '! raw "$T/err" && grep -qF "no document with id '"'"'\x1b[31mnosuch'"'"'" "$T/err"'
"$PA" verify "$T/x"$'\x9b\e'"y.jsonl.gz" >/dev/null 2>"$T/err"
check verify-name-escaped eval '! raw "$T/err" && grep -qF "x\x9b\x1by.jsonl.gz" "$T/err"'

finish
