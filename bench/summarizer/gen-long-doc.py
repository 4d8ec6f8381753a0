#!/usr/bin/env python3
"""gen-long-doc.py: write a long synthetic news document for the cost benchmark.

Usage: gen-long-doc.py [--sentences N] [--jsonl] > OUT
Sentences are drawn (seeded, with replacement) from the development set's
articles, four to a paragraph, so the vocabulary is realistic; the default
100,000 sentences make about 10 MB. --jsonl wraps it as one {"id","text"} line.
"""
import argparse
import gzip
import json
import os
import random
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ap = argparse.ArgumentParser()
ap.add_argument("--sentences", type=int, default=100000)
ap.add_argument("--jsonl", action="store_true")
ap.add_argument("--data", default=os.path.join(REPO, "..", "shared", "eval", "bbc-summaries-dev.jsonl.gz"))
a = ap.parse_args()
pool = []
with gzip.open(a.data, "rt", encoding="utf-8") as f:
    for line in f:
        for para in json.loads(line)["text"].split("\n")[1:]:
            pool += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", para.strip()) if len(s) > 20]
rng = random.Random(6)
paras = []
for i in range(0, a.sentences, 4):
    paras.append(" ".join(rng.choice(pool) for _ in range(min(4, a.sentences - i))))
text = "\n\n".join(paras) + "\n"
sys.stdout.write(json.dumps({"id": "long", "text": text}) + "\n" if a.jsonl else text)
