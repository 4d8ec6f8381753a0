#!/usr/bin/env bash
# End-to-end tests of --archive and pipe-archive. usage: test_archive.sh PIPE PIPE_ARCHIVE
set -u
PIPE=$1 PA=$2
T=$(mktemp -d)
cleanup() { mountpoint -q "$T/full" 2>/dev/null && umount "$T/full"; chmod -R u+rwx "$T"; rm -rf "$T"; }
trap cleanup EXIT
passed=0 failed=0 skipped=0
fail() { echo "FAIL: $case_name: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }
check() { case_name=$1; shift; if "$@"; then ok; else fail "command failed: $*"; fi; }

CONF=$T/stats.conf
printf 'stages = ( { plugin = "example"; name = "stats"; } );\n' >"$CONF"
# A corpus whose ids try to escape the archive folder: ids are data, never paths.
python3 - "$T" <<'PY'
import json, os, sys
t = sys.argv[1]
with open(os.path.join(t, "corpus.jsonl"), "w") as f:
    for i in range(300):
        f.write(json.dumps({"id": "../../evil-%d" % i if i % 50 == 0 else "doc-%04d" % i,
                            "text": "Story %d. " % i + "Officials said the talks went well. " * (i % 9 + 1)}) + "\n")
with open(os.path.join(t, "big.jsonl"), "w") as f:
    for i in range(60000):
        f.write(json.dumps({"id": "big-%06d" % i, "text": "A line of news text, number %d, said a spokesman. " % i * 4}) + "\n")
PY

# ---- round trip ----
"$PIPE" -c "$CONF" --archive "$T/arc" "$T/corpus.jsonl" >"$T/out.jsonl" 2>"$T/err"
check round-trip-run [ $? -eq 0 ]
A=$(ls "$T"/arc/*.jsonl.gz 2>/dev/null | head -1)
check one-archive-named-by-time [ "$(ls "$T/arc" | grep -c '^[0-9-]*T[0-9]*Z-0001\.jsonl\.gz$')" -eq 1 ]
check index-beside [ -f "$A.idx" ]
check nothing-outside [ -z "$(find "$T" -name 'evil*')" ]
check gzip-reads-it gzip -t "$A"
zcat "$A" >"$T/zcat.jsonl"
check zcat-equals-stdout cmp -s "$T/zcat.jsonl" "$T/out.jsonl"
"$PA" ls "$A" >"$T/ls" 2>"$T/err"
check ls-lists-all [ "$(wc -l <"$T/ls")" -eq 300 ]
check ls-has-ids grep -qF '../../evil-50' "$T/ls"
all_ok=1
while read -r id; do
  "$PA" get "$A" "$id" >"$T/one" 2>/dev/null || { all_ok=0; break; }
  grep -F "\"id\":\"$id\"" "$T/out.jsonl" | cmp -s - "$T/one" || { all_ok=0; break; }
done < <(cut -f3 "$T/ls")
check get-every-id [ $all_ok -eq 1 ]
"$PA" get "$A" nosuch >/dev/null 2>"$T/err"
check get-missing-id [ $? -eq 1 ]
"$PA" verify "$T/arc" >"$T/v" 2>&1
check verify-ok grep -q "ok, 300 documents" "$T/v"

# ---- members per document, levels, config group ----
printf 'stages = ( { plugin = "example"; } );\noutput = { archive = { dir = "%s"; level = 1; member_docs = 1; }; };\n' "$T/arc1" >"$T/a1.conf"
"$PIPE" -c "$T/a1.conf" "$T/corpus.jsonl" >/dev/null 2>&1
A1=$(ls "$T"/arc1/*.jsonl.gz | head -1)
check member-per-doc [ "$("$PA" ls "$A1" | cut -f1 | sort -u | wc -l)" -eq 300 ]
printf 'stages = ( { plugin = "example"; } );\noutput = { archive = { dir = "x"; level = 10; }; };\n' >"$T/bad.conf"
"$PIPE" -c "$T/bad.conf" "$T/corpus.jsonl" >/dev/null 2>"$T/err"
rc=$?
check bad-level eval '[ $rc -eq 2 ] && grep -q "bad.conf:2: '"'"'level'"'"' must be between 0 and 9" "$T/err"'

# ---- rollover at a size limit ----
printf 'stages = ( { plugin = "example"; } );\noutput = { archive = { dir = "%s"; member_docs = 10; max_file_bytes = 4096; }; };\n' "$T/roll" >"$T/roll.conf"
"$PIPE" -c "$T/roll.conf" "$T/corpus.jsonl" >/dev/null 2>&1
n=$(ls "$T"/roll/*.jsonl.gz | wc -l)
check rollover-files [ "$n" -gt 2 ]
check rollover-all-docs [ "$(zcat "$T"/roll/*.jsonl.gz | wc -l)" -eq 300 ]
"$PA" verify "$T/roll" >/dev/null 2>&1
check rollover-verify [ $? -eq 0 ]

# ---- corruption: flip a byte, truncate (an archive of many members) ----
A=$A1
"$PA" ls "$A" >"$T/ls"
cp "$A" "$T/flip.jsonl.gz" && cp "$A.idx" "$T/flip.jsonl.gz.idx"
size=$(stat -c %s "$T/flip.jsonl.gz")
# Flip a byte in the compressed data of the member in the middle (a header's MTIME or OS byte is not
# checked by gzip, so the middle of the file itself may hold nothing a reader can notice).
python3 - "$T/flip.jsonl.gz" "$size" <<'PY'
import sys
p, size = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read())
starts = [i for i in range(len(b) - 2) if b[i:i + 3] == b"\x1f\x8b\x08"] + [len(b)]
s = max(i for i in starts if i <= size // 2)
e = min(i for i in starts if i > s)
b[s + 10 + (e - s - 18) // 2] ^= 0xFF  # 10-byte header, 8-byte trailer: the middle of the deflate data
open(p, "wb").write(b)
PY
"$PA" verify "$T/flip.jsonl.gz" >/dev/null 2>"$T/err"
check flip-detected [ $? -eq 1 ]
check flip-names-member grep -q "member at byte [0-9]* is damaged" "$T/err"
first=$(head -1 "$T/ls" | cut -f3)
"$PA" get "$T/flip.jsonl.gz" "$first" >"$T/one" 2>/dev/null
check flip-other-ids-readable [ -s "$T/one" ]
head -c $((size - 100)) "$A" >"$T/trunc.jsonl.gz" && cp "$A.idx" "$T/trunc.jsonl.gz.idx"
"$PA" verify "$T/trunc.jsonl.gz" >/dev/null 2>"$T/err"
check truncation-detected [ $? -eq 1 ]
check truncation-named grep -q "truncated" "$T/err"
"$PA" get "$T/trunc.jsonl.gz" "$first" >"$T/one" 2>/dev/null
check truncated-get-first [ -s "$T/one" ]
sed -i 's/doc-0001/doc-9999/' "$T/flip.jsonl.gz.idx"
"$PA" ls "$T/flip.jsonl.gz" >/dev/null 2>"$T/err"
check index-checksum grep -q "index checksum does not match" "$T/err"

# ---- no index: reads in full; reindex rebuilds ----
cp "$A" "$T/noidx.jsonl.gz"
"$PA" get "$T/noidx.jsonl.gz" doc-0007 >"$T/one" 2>/dev/null
check get-without-index grep -q '"id":"doc-0007"' "$T/one"
"$PA" reindex "$T/noidx.jsonl.gz" >/dev/null
check reindex-same cmp -s "$T/noidx.jsonl.gz.idx" "$A.idx"

# ---- SIGTERM and SIGINT: finish, close validly, 143/130 ----
# The input is a FIFO we keep open after the corpus, so pipe is certainly still running (blocked on
# a read, the case a user's Ctrl-C meets most) when the signal arrives, and it must already have
# written every document it got: batches close when the producer pauses.
mkfifo "$T/fifo"
for sig in TERM INT; do
  rm -rf "$T/sig"
  "$PIPE" -c "$CONF" -j 2 -i jsonl --archive "$T/sig" - <"$T/fifo" >"$T/sig.out" 2>"$T/err" &
  pid=$!
  exec 7>"$T/fifo"
  cat "$T/corpus.jsonl" >&7
  for _ in $(seq 1 250); do [ "$(wc -l <"$T/sig.out")" -ge 300 ] && break; sleep 0.02; done
  kill -"$sig" "$pid"
  wait "$pid"
  rc=$?
  exec 7>&-
  want=$([ "$sig" = TERM ] && echo 143 || echo 130)
  case_name=signal-$sig
  if [ "$rc" -ne "$want" ]; then fail "exit $rc, expected $want"; continue; fi
  S=$(ls "$T"/sig/*.jsonl.gz 2>/dev/null | head -1)
  if [ -z "$S" ] || ! gzip -t "$S" || ! "$PA" verify "$S" >/dev/null 2>&1; then fail "archive not valid"; continue; fi
  lines=$(wc -l <"$T/sig.out")
  archived=$(zcat "$S" | wc -l)
  if [ "$lines" -ne 300 ] || [ "$archived" -ne 300 ]; then fail "stdout $lines docs, archive $archived"; continue; fi
  ok
done

# ---- kill -9: no corrupt final file; recover keeps the complete members ----
rm -rf "$T/k9"
printf 'stages = ( { plugin = "example"; } );\noutput = { archive = { dir = "%s"; member_docs = 5; }; };\n' "$T/k9" >"$T/k9.conf"
"$PIPE" -c "$T/k9.conf" -i jsonl - <"$T/fifo" >"$T/k9.out" 2>/dev/null &
pid=$!
exec 7>"$T/fifo"
cat "$T/corpus.jsonl" >&7
for _ in $(seq 1 250); do [ "$(wc -l <"$T/k9.out")" -ge 300 ] && break; sleep 0.02; done
sleep 0.3 # the compressor writes the last complete members
kill -9 "$pid"
wait "$pid" 2>/dev/null
exec 7>&-
check k9-no-final [ -z "$(ls "$T"/k9/*.jsonl.gz 2>/dev/null)" ]
K=$(ls "$T"/k9/*.jsonl.gz.tmp | head -1)
"$PA" verify "$T/k9" >/dev/null 2>"$T/err"
check k9-verify-reports-tmp grep -q "left by an interrupted run" "$T/err"
"$PA" recover "$K" >"$T/rec" 2>&1
check k9-recover [ $? -eq 0 ]
R=${K%.tmp}
check k9-recovered-valid gzip -t "$R"
"$PA" verify "$R" >/dev/null 2>&1
check k9-recovered-verify [ $? -eq 0 ]
check k9-recovered-docs [ "$(zcat "$R" | wc -l)" -eq 300 ]

# ---- errors known up front: exit 2 before processing ----
mkdir -p "$T/ro" && chmod 555 "$T/ro"
# Root writes anywhere, so as root (CI) the case runs as user nobody.
AS_USER=()
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  chmod 755 "$T"
  chmod 644 "$T/corpus.jsonl" "$CONF"
  AS_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  # nobody must reach the build (a checkout under a private folder, such as mktemp -d, is not)
  if ! "${AS_USER[@]}" "$PIPE" -c "$CONF" --check >/dev/null 2>&1; then
    echo "skipped: unwritable-dir (user nobody cannot run $PIPE -c $CONF: a parent folder is private)"
    skipped=$((skipped + 1))
    AS_USER=(skip)
  fi
fi
if [ "$(id -u)" -ne 0 ] || { [ ${#AS_USER[@]} -gt 0 ] && [ "${AS_USER[0]}" != skip ]; }; then
  "${AS_USER[@]}" "$PIPE" -c "$CONF" --archive "$T/ro/a" "$T/corpus.jsonl" >"$T/out" 2>"$T/err"
  rc=$?
  check unwritable-dir eval '[ $rc -eq 2 ] && [ ! -s "$T/out" ] && grep -q "cannot create archive folder: Permission denied" "$T/err"'
fi
: >"$T/afile"
"$PIPE" -c "$CONF" --archive "$T/afile" "$T/corpus.jsonl" >"$T/out" 2>"$T/err"
rc=$?
check archive-dir-is-file eval '[ $rc -eq 2 ] && [ ! -s "$T/out" ] && grep -q "cannot create archive" "$T/err"'

# ---- full disk: clear message, exit 3, what was written stays valid ----
mkdir -p "$T/full"
if mount -t tmpfs -o size=256k tmpfs "$T/full" 2>/dev/null; then
  printf 'stages = ( { plugin = "example"; } );\noutput = { archive = { dir = "%s"; level = 0; member_docs = 20; }; };\n' "$T/full/a" >"$T/full.conf"
  "$PIPE" -c "$T/full.conf" "$T/big.jsonl" >/dev/null 2>"$T/err"
  rc=$?
  check full-exit [ $rc -eq 3 ]
  check full-message grep -q "No space left on device" "$T/err"
  F=$(ls "$T"/full/a/*.jsonl.gz 2>/dev/null | head -1)
  if [ -n "$F" ]; then
    check full-kept-valid gzip -t "$F"
    n=$("$PA" ls "$F" 2>/dev/null | wc -l)
    check full-kept-docs eval '[ "$n" -gt 100 ] && [ "$n" -eq "$(zcat "$F" | wc -l)" ]'
  else
    check full-kept-file false
  fi
  umount "$T/full"
else
  skipped=$((skipped + 1))
  echo "skipped: full-disk (cannot mount a tmpfs here)"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
