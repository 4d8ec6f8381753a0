#!/usr/bin/env python3
"""gen-docs.py: JSONL documents of one size for the scaling and memory benchmarks.

Usage: gen-docs.py KIND SIZE TOTAL OUT.jsonl      prints "BYTES DOCUMENTS"
       gen-docs.py KIND SIZE SIZE OUT.txt         one document as a plain file
Writes documents of SIZE bytes of text each until TOTAL bytes (at least one
document). A .txt output holds the one document's bytes as they are (pipe
reads a file as one document), for sizes whose escaped JSON line would pass
max_document_bytes + 64 KiB. KIND `news` draws sentences (seeded) from the development set's
articles, four to a paragraph, and gives every other one a made-up place name
("... near Vrc.") so no sentence of a long document repeats: a repeated one
would be dropped as a duplicate and make long documents look cheap. The
other kinds are the adversarial inputs: quote-marks, no-spaces, abbreviations,
one-paragraph, quotes-and-speakers, random-bytes (raw bytes inside the JSON
string, which pipe accepts in `text`; only `"`, `\\` and control bytes are escaped).
"""
import gzip
import json
import os
import random
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
UNITS = {
    "quote-marks": "\u201c\u201d\"'\u2018\u2019\u00ab\u00bb",
    "no-spaces": "x",
    "abbreviations": "Dr. A. B. Smith Jr. of the U.S. Inc. said \"Yes.\" e.g. No. 10... (see www.x.com) ",
    "one-paragraph": "The minister said the plan would work, and officials agreed. ",
    "quotes-and-speakers": "\"We will act,\" Dr Smith told reporters. She said: \"It is 'safe'.\" ",
}


def news(size, rng, pool, counter):
    def tag(k):
        s, k = "", k + 400
        while k:
            s, k = s + "bcdfghjklmnpqrstvwxz"[k % 20], k // 20
        return s.capitalize()
    paras, para, n = [], [], 0
    while n < size:
        s = rng.choice(pool)
        if counter[0] % 2 == 0:
            s = s[:-1] + " near " + tag(counter[0]) + s[-1]
        counter[0] += 1
        para.append(s)
        n += len(s.encode()) + 1
        if len(para) == 4:
            paras.append(" ".join(para))
            para = []
    if para:
        paras.append(" ".join(para))
    return "\n\n".join(paras).encode()[:size]


def escape(b):
    return re.sub(rb'["\\\x00-\x1f]', lambda m: b"\\u%04x" % m.group()[0], b)


def main():
    kind, size, total, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = random.Random(7)
    pool = []
    if kind == "news":
        with gzip.open(os.path.join(REPO, "..", "shared", "eval", "bbc-summaries-dev.jsonl.gz"), "rt",
                       encoding="utf-8") as f:
            for line in f:
                for para in json.loads(line)["text"].split("\n")[1:]:
                    pool += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para.strip()) if len(s) > 20]
    elif kind != "random-bytes" and kind not in UNITS:
        sys.exit("gen-docs.py: unknown kind %s" % kind)
    counter, n, d = [0], 0, 0
    with open(out, "wb") as o:
        while n < max(total, size):
            if kind == "news":
                text = news(size, rng, pool, counter)
            elif kind == "random-bytes":
                text = rng.randbytes(size)
            else:
                unit = UNITS[kind].encode()
                text = (unit * (size // len(unit) + 1))[:size]
            k = len(text)  # never end inside a UTF-8 character (except random bytes)
            if kind != "random-bytes":
                while k and (text[k - 1] & 0xC0) == 0x80:
                    k -= 1
                if k and text[k - 1] >= 0xC0:
                    k -= 1
                text = text[:k].ljust(size, b" ")
            if out.endswith(".txt"):
                o.write(text)
                print(len(text), 1)
                return
            o.write(b'{"id":"d%d","text":"' % d + escape(text) + b'"}\n')
            d += 1
            n += len(text)
    print(n, d)


main()
