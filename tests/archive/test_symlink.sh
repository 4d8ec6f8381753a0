#!/usr/bin/env bash
# Symlinks planted under the names pipe and pipe-archive create are never followed (issue 16,
# item 7): every file is created new (O_EXCL|O_NOFOLLOW) under a name of its own, and recover
# does not open a symlink. The victim files must stay byte for byte as they were.
# usage: test_symlink.sh PIPE PIPE_ARCHIVE
set -u
PIPE=$1 PA=$2
. "$(dirname "$0")/common.sh"

for i in $(seq 1 30); do printf '{"id":"doc-%02d","text":"Story %d. The talks went well."}\n' "$i" "$i"; done >"$T/in.jsonl"
printf 'precious data\n' >"$T/victim"
cp "$T/victim" "$T/victim.orig"
victim_intact() { cmp -s "$T/victim" "$T/victim.orig" && [ ! -L "$T/victim" ]; }
fresh_victim() { rm -f "$T/victim" && cp "$T/victim.orig" "$T/victim"; } # each case starts clean

# pipe: the index temp name of the first files of runs starting in the next few seconds
mkdir "$T/arc"
now=$(date +%s)
for s in 0 1 2 3 4 5; do
  stamp=$(date -u -d "@$((now + s))" +%Y-%m-%dT%H%M%SZ)
  for n in 0001 0002 0003; do ln -s "$T/victim" "$T/arc/$stamp-$n.jsonl.gz.idx.tmp"; done
done
"$PIPE" -c <(printf 'stages = ( { plugin = "example"; } );\n') --archive "$T/arc" "$T/in.jsonl" >/dev/null 2>"$T/err"
check pipe-idx-tmp-exit [ $? -eq 0 ]
check pipe-idx-tmp-victim victim_intact
"$PA" verify "$T/arc" >/dev/null 2>&1
check pipe-idx-tmp-verify [ $? -eq 0 ]

fresh_victim
# pipe: the archive's own temp name (the run takes the next number)
rm -rf "$T/arc" && mkdir "$T/arc"
now=$(date +%s)
for s in 0 1 2 3 4 5; do
  stamp=$(date -u -d "@$((now + s))" +%Y-%m-%dT%H%M%SZ)
  ln -s "$T/victim" "$T/arc/$stamp-0001.jsonl.gz.tmp"
done
"$PIPE" -c <(printf 'stages = ( { plugin = "example"; } );\n') --archive "$T/arc" "$T/in.jsonl" >/dev/null 2>"$T/err"
check pipe-tmp-exit [ $? -eq 0 ]
check pipe-tmp-victim victim_intact
check pipe-tmp-other-name [ "$(zcat "$T"/arc/*-0002.jsonl.gz | wc -l)" -eq 30 ]

fresh_victim
# reindex: NAME.idx.tmp planted beside the archive
A=$(ls "$T"/arc/*.jsonl.gz | head -1)
rm -f "$A.idx"
ln -s "$T/victim" "$A.idx.tmp"
"$PA" reindex "$A" >/dev/null 2>"$T/err"
check reindex-exit [ $? -eq 0 ]
check reindex-victim victim_intact
"$PA" verify "$A" >/dev/null 2>&1
check reindex-index-valid [ $? -eq 0 ]

fresh_victim
# recover: the .tmp itself is a symlink to someone's file
ln -s "$T/victim" "$T/arc/x.jsonl.gz.tmp"
"$PA" recover "$T/arc/x.jsonl.gz.tmp" >/dev/null 2>"$T/err"
rc=$?
check recover-refuses eval '[ $rc -eq 2 ] && grep -q "x.jsonl.gz.tmp: is a symbolic link; not following it" "$T/err"'
check recover-victim victim_intact
check recover-no-final [ ! -e "$T/arc/x.jsonl.gz" ]

finish
