#!/usr/bin/env bash
# Damage inside an archive costs only the damaged members (issue 16, item 5): verify, ls, get,
# reindex and recover resume at the next intact member, report what they skipped, exit 1, and
# reindex never replaces a valid index with a worse one. usage: test_damage.sh PIPE PIPE_ARCHIVE
set -u
PIPE=$1 PA=$2
. "$(dirname "$0")/common.sh"

python3 - "$T" <<'PY'
import json, os, sys
with open(os.path.join(sys.argv[1], "corpus.jsonl"), "w") as f:
    for i in range(300):
        f.write(json.dumps({"id": "doc-%04d" % i, "text": "Story %d. " % i + "The talks went well, officials said. " * (i % 7 + 1)}) + "\n")
PY
printf 'stages = ( { plugin = "example"; } );\noutput = { archive = { dir = "%s"; member_docs = 3; }; };\n' "$T/arc" >"$T/p.conf"
"$PIPE" -c "$T/p.conf" -o /dev/null "$T/corpus.jsonl" 2>"$T/err"
check run [ $? -eq 0 ]
A=$(ls "$T"/arc/*.jsonl.gz | head -1)
"$PA" ls "$A" >"$T/ls"
check hundred-members [ "$(cut -f1 "$T/ls" | sort -u | wc -l)" -eq 100 ]

# damage FILE FROM TO: overwrite bytes [FROM, TO) with 0x55; prints the ids of the members it touches.
damage() {
  python3 - "$1" "$2" "$3" "$T/ls" <<'PY'
import sys
p, a, b, ls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
d = bytearray(open(p, "rb").read())
for i in range(a, b):
    d[i] = 0x55 if d[i] != 0x55 else 0xAA
open(p, "wb").write(d)
for line in open(ls):
    off, ln, ident = line.rstrip("\n").split("\t")
    off, ln = int(off), int(ln)
    if off < b and off + ln > a:
        print(ident)
PY
}
# One byte in the middle of the 50th member's deflate data; and a 2,000-byte stretch of junk
# spanning several members further on.
read -r off50 len50 _ < <(sed -n 148p "$T/ls")
cp "$A" "$T/d.jsonl.gz" && cp "$A.idx" "$T/d.jsonl.gz.idx"
damage "$T/d.jsonl.gz" $((off50 + len50 / 2)) $((off50 + len50 / 2 + 1)) >"$T/lost"
read -r offj _ < <(sed -n 220p "$T/ls")
damage "$T/d.jsonl.gz" $((offj + 7)) $((offj + 2007)) >>"$T/lost"
nlost=$(wc -l <"$T/lost")
keep=$((300 - nlost))
check lost-few eval '[ "$nlost" -ge 6 ] && [ "$nlost" -le 60 ]'
grep -vxFf "$T/lost" <(cut -f3 "$T/ls") >"$T/want-ids"

# verify: exit 1, names each damaged member and the ids the index puts there
"$PA" verify "$T/d.jsonl.gz" >"$T/out" 2>"$T/err"
check verify-exit [ $? -eq 1 ]
check verify-names-offset grep -q "member at byte $off50 is damaged" "$T/err"
check verify-names-ids grep -q "holds '$(head -1 "$T/lost")'" "$T/err"
check verify-goes-on [ "$(grep -c "is damaged\|is truncated" "$T/err")" -ge 2 ]

# ls without an index: every intact member is listed, the damage reported, exit 1
cp "$T/d.jsonl.gz" "$T/n.jsonl.gz"
"$PA" ls "$T/n.jsonl.gz" >"$T/nls" 2>"$T/err"
check ls-exit [ $? -eq 1 ]
check ls-keeps-intact cmp -s <(cut -f3 "$T/nls") "$T/want-ids"
check ls-reports-skip grep -q "skipped bytes $off50-" "$T/err"
last=$(tail -1 "$T/want-ids")
"$PA" get "$T/n.jsonl.gz" "$last" >"$T/one" 2>/dev/null
check get-after-damage grep -q "\"id\":\"$last\"" "$T/one"

# reindex without an index: a partial index of every intact member, exit 1
"$PA" reindex "$T/n.jsonl.gz" >"$T/out" 2>"$T/err"
check reindex-partial-exit [ $? -eq 1 ]
check reindex-partial-count [ "$(grep -c '^[0-9]' "$T/n.jsonl.gz.idx")" -eq "$keep" ]
"$PA" get "$T/n.jsonl.gz" "$last" >"$T/one" 2>/dev/null
check reindex-partial-get grep -q "\"id\":\"$last\"" "$T/one"

# reindex with a valid, complete index: the index is kept, not replaced by a partial one
cp "$T/d.jsonl.gz.idx" "$T/before.idx"
"$PA" reindex "$T/d.jsonl.gz" >"$T/out" 2>"$T/err"
check reindex-keeps-exit [ $? -eq 1 ]
check reindex-keeps-index cmp -s "$T/before.idx" "$T/d.jsonl.gz.idx"
check reindex-keeps-says grep -q "kept the existing index (300 documents)" "$T/err"
check reindex-names-ids grep -q "member at byte $off50 is damaged: .*; it holds '$(head -1 "$T/lost")'" "$T/err"

# recover a damaged .tmp: every intact member is kept in a valid archive; the .tmp stays
mkdir "$T/r" && cp "$T/d.jsonl.gz" "$T/r/x.jsonl.gz.tmp"
"$PA" recover "$T/r/x.jsonl.gz.tmp" >"$T/out" 2>"$T/err"
check recover-exit [ $? -eq 1 ]
check recover-gzip-valid gzip -t "$T/r/x.jsonl.gz"
"$PA" verify "$T/r/x.jsonl.gz" >/dev/null 2>&1
check recover-verify [ $? -eq 0 ]
zcat "$T/r/x.jsonl.gz" | python3 -c 'import json,sys; [print(json.loads(l)["id"]) for l in sys.stdin]' >"$T/rec-ids"
check recover-keeps-intact cmp -s "$T/rec-ids" "$T/want-ids"
check recover-keeps-tmp [ -f "$T/r/x.jsonl.gz.tmp" ]
check recover-reports grep -q "skipped bytes $off50-" "$T/err"

finish
