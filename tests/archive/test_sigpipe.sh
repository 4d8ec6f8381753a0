#!/usr/bin/env bash
# A reader that closes early (pipe --archive A ... | head -1) still leaves a valid archive
# holding, in order, the documents pipe finished before the pipe closed; pipe ends quietly of
# SIGPIPE as without an archive (issue 16, item 14). usage: test_sigpipe.sh PIPE PIPE_ARCHIVE
set -u
PIPE=$1 PA=$2
. "$(dirname "$0")/common.sh"

# About 3 MB of JSON output: far more than a pipe buffer and pipe's 1 MiB output block.
python3 - "$T/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(8000):
        f.write(json.dumps({"id": "doc-%05d" % i, "text": "Story %d. The talks went well, officials said. " % i * 6}) + "\n")
PY
printf 'stages = ( { plugin = "example"; } );\noutput = { archive = { dir = "%s"; member_docs = 64; }; };\n' "$T/arc" >"$T/p.conf"
"$PIPE" -c "$T/p.conf" "$T/in.jsonl" 2>"$T/err" | head -1 >"$T/first"
rc=${PIPESTATUS[0]}
check sigpipe-exit [ "$rc" -eq 141 ]
check sigpipe-quiet [ ! -s "$T/err" ]
check no-tmp-left [ -z "$(ls "$T/arc" | grep '\.tmp')" ]
"$PA" verify "$T/arc" >"$T/v" 2>&1
check verify-ok [ $? -eq 0 ]
zcat "$T"/arc/*.jsonl.gz | python3 -c '
import json, sys
ids = [json.loads(l)["id"] for l in sys.stdin]
want = ["doc-%05d" % i for i in range(len(ids))]
print(len(ids) if ids == want else -1)' >"$T/n"
n=$(cat "$T/n")
check archive-is-prefix [ "$n" -ge 1 ]
check archive-not-all [ "$n" -lt 8000 ]
check head-line-archived grep -q '"id":"doc-00000"' "$T/first"
check index-agrees [ "$(cat "$T"/arc/*.idx | grep -c '^[0-9]')" -eq "$n" ]

finish "archive kept $n documents"
