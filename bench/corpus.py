#!/usr/bin/env python3
"""Repeat a JSONL corpus (ids made unique per repetition) until it holds MB megabytes of text.

usage: corpus.py SRC.jsonl[.gz] MB OUT.jsonl [OUT.txt]   (OUT.txt: the texts alone, for wc -w)
Prints "TEXT_BYTES DOCUMENTS" of what it wrote. The corpus stays where it is (../shared); the copies
go to a temporary folder of the caller. bench/run.sh and bench/io/*.sh share it.
"""
import gzip
import json
import sys

src, mb, out_jsonl = sys.argv[1], int(sys.argv[2]), sys.argv[3]
out_txt = sys.argv[4] if len(sys.argv) > 4 else None
opener = gzip.open if src.endswith(".gz") else open
with opener(src, "rt", encoding="utf-8") as f:
    docs = [json.loads(line) for line in f if line.strip()]
n, rep = 0, 0
with open(out_jsonl, "w", encoding="utf-8") as j, open(out_txt or "/dev/null", "w", encoding="utf-8") as t:
    while n < mb * 1_000_000:
        for d in docs:
            j.write(json.dumps({"id": "%s/%d" % (d.get("id", ""), rep), "text": d["text"]}) + "\n")
            t.write(d["text"] + "\n")
            n += len(d["text"].encode("utf-8"))
        rep += 1
print(n, rep * len(docs))
