#!/usr/bin/env bash
# Parallel runs into one archive folder keep every document (issue 16, item 1).
# usage: test_parallel.sh PIPE PIPE_ARCHIVE
set -u
PIPE=$1 PA=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

# 48 inputs of 20 documents, ids unique across all of them.
for f in $(seq 1 48); do
  for d in $(seq 1 20); do
    printf '{"id":"f%02d-d%02d","text":"Document %d of file %d. The talks went well, officials said."}\n' "$f" "$d" "$d" "$f"
  done >"$T/in-$f.jsonl"
done
# Fast rotation: one document per member, a new file every kilobyte, so names are taken
# and renamed many times a second by every run at once.
printf 'stages = ( { plugin = "example"; } );\noutput = { archive = { dir = "%s"; member_docs = 1; max_file_bytes = 1024; }; };\n' \
  "$T/arc" >"$T/p.conf"
ls "$T"/in-*.jsonl | xargs -P4 -n1 "$PIPE" -c "$T/p.conf" -o /dev/null 2>"$T/err"
rc=$?
[ "$rc" -eq 0 ] || fail "some run failed (xargs exit $rc): $(head -3 "$T/err")"
zcat "$T"/arc/*.jsonl.gz | python3 -c '
import json, sys
ids = [json.loads(l)["id"] for l in sys.stdin]
print(len(ids), len(set(ids)))' >"$T/count"
read -r total distinct <"$T/count"
[ "$total" -eq 960 ] && [ "$distinct" -eq 960 ] || fail "archives hold $total documents ($distinct distinct), expected 960"
[ -z "$(ls "$T"/arc | grep '\.tmp')" ] || fail "temporary files left: $(ls "$T"/arc | grep '\.tmp' | head -3)"
"$PA" verify "$T/arc" >"$T/v" 2>&1 || fail "verify: $(grep -v ': ok,' "$T/v" | head -3)"
idx_docs=$(cat "$T"/arc/*.jsonl.gz.idx | grep -c '^[0-9]')
[ "$idx_docs" -eq 960 ] || fail "indexes list $idx_docs documents, expected 960"
[ "$failed" -eq 0 ] && echo "ok: 48 parallel runs kept all 960 documents in $(ls "$T"/arc/*.jsonl.gz | wc -l) archives"
exit "$failed"
