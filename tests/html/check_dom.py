#!/usr/bin/env python3
"""Checks a DOM that headless Chromium dumped from a pipe HTML report against the JSON output of the same run.

usage: check_dom.py DOM.html RUN.json INPUT.txt
Prints one line per failed check and a closing "N passed, N failed"; exits 1 if any check failed.
"""
import html.parser
import json
import sys

from checks import Checks


class Dom(html.parser.HTMLParser):
    """Collects, per mark, the text inside it (fragments of one mark joined), plus headings, title, scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, keys of the marks this element opens)
        self.text = {}  # mark key -> text
        self.first = {}  # mark key -> attributes of its first fragment
        self.headings = []
        self.title = ""
        self.in_title = False
        self.scripts = 0
        self.bad = []  # elements or attributes a hostile document could have smuggled in
        self.speaker_names = {}  # data-sp -> name in the who-said-what table
        self.in_button = None
        self.open_docs = 0
        self.row = {}  # what the index line of the (last) document says

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        keys = []
        cls = (a.get("class") or "").split()
        if "q" in cls:
            keys.append(("q", a["data-q"]))
        for kind in ("spk", "cue"):
            if kind in cls:
                keys.append((kind, sum(1 for k in self.first if k[0] == kind)))
        if tag == "mark" and "sum" in cls:
            keys.append(("sum", a.get("id") or self._open_sum()))
        keys = [k for k in keys if k[1] is not None]
        for k in keys:
            self.first.setdefault(k, a)
            self.text.setdefault(k, "")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "title":
            self.in_title = True
        if tag == "script":
            self.scripts += 1
        if tag in ("img", "iframe", "object", "embed", "svg", "style", "link", "meta", "base") and not self._head():
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(tag + "@" + name)
            if name in ("href", "src") and value and not value.startswith("#"):
                self.bad.append(tag + "@" + name + "=" + value)
        if tag == "button" and "flt" in cls:
            self.in_button = a["data-sp"]
            self.speaker_names[self.in_button] = ""
        if tag == "details" and "doc" in cls and "open" in a:
            self.open_docs += 1
        self.stack.append((tag, keys, "ini" in cls))

    def _head(self):
        return any(t == "head" for t, _, _ in self.stack)

    def _open_sum(self):
        for _, ks, _ in reversed(self.stack):
            for k in ks:
                if k[0] == "sum":
                    return k[1]
        # A continuation fragment: it continues the last summary mark opened.
        sums = [k for k in self.first if k[0] == "sum"]
        return sums[-1][1] if sums else "?"

    def handle_endtag(self, tag):
        while self.stack:
            t, _, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "title":
            self.in_title = False
        if tag == "button":
            self.in_button = None

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        in_ini = any(ini for _, _, ini in self.stack)
        if self.in_button is not None and not in_ini:
            self.speaker_names[self.in_button] += data
        for _, ks, _ in self.stack:
            for k in ks:
                self.text[k] += data


def squeeze(s):
    return "".join(s.split())


def main():
    dom_path, json_path, input_path = sys.argv[1:4]
    dom = Dom()
    with open(dom_path, encoding="utf-8") as f:
        dom.feed(f.read())
    with open(json_path, encoding="utf-8") as f:
        doc = json.loads(f.readline())
    with open(input_path, "rb") as f:
        raw = f.read()
    check = Checks()

    def span(s):
        return raw[s[0]:s[1]].decode("utf-8", "replace") if s else None

    check(dom.title == "pipe report", "page title changed to %r: a script from the document ran" % dom.title)
    check(dom.scripts == 1, "%d script elements, expected only the report's own" % dom.scripts)
    check(not dom.bad, "elements or attributes from the document became markup: %s" % dom.bad[:5])
    check(dom.open_docs == 1, "the report's own script did not open the one document (blocked by its CSP?)")
    check(dom.headings and dom.headings[0] == 1 and all(b - a <= 1 for a, b in zip(dom.headings, dom.headings[1:])),
          "heading levels skip: %s" % dom.headings[:20])

    quotes = [q for q in doc.get("quotes", []) if q["end"] > q["start"]]
    seen = sorted(int(k[1]) for k in dom.text if k[0] == "q")
    check(seen == list(range(len(quotes))), "quotes in the DOM %s, the JSON has %d" % (seen, len(quotes)))
    for i, q in enumerate(quotes):
        key = ("q", str(i))
        if key not in dom.text:
            continue
        check(squeeze(dom.text[key]) == squeeze(q["text"]),
              "quote %d: DOM %r, JSON %r" % (i, dom.text[key], q["text"]))
        first = dom.first[key]
        check(first.get("tabindex") == "0", "quote %d cannot be focused with the keyboard" % i)
        tip = first.get("data-tip", "")
        check(("Kind: " + q["kind"]) in tip, "quote %d: tip %r lacks its kind %s" % (i, tip, q["kind"]))
        if q["kind"] != "scare":
            check(("Speaker: " + (q["speaker"] or "not found")) in tip, "quote %d: tip %r lacks speaker" % (i, tip))
            check(("Cue: " + (q["cue"] or "none")) in tip, "quote %d: tip %r lacks cue %r" % (i, tip, q["cue"]))
            name = dom.speaker_names.get(first.get("data-sp"), "")
            want = q["speaker"] if q["speaker"] is not None else "not attributed"
            check(squeeze(name) == squeeze(want[:200]), "quote %d: table row %r, JSON speaker %r" % (i, name, want))
            check(first.get("data-ini"), "quote %d has no initials (colour would be the only cue)" % i)
        else:
            check("scare" in first.get("class", "").split(), "scare quote %d is not styled as one" % i)

    # Speaker mentions and cues, in document order of their first appearance, once per distinct span.
    # With a speakers layer that lists mentions, those are the underlined ones.
    listed = [sp["mentions"] for sp in doc.get("speakers", []) if isinstance(sp.get("mentions"), str)]
    for kind, field in (("spk", "speaker_span"), ("cue", "cue")):
        spans = []
        if kind == "spk" and listed:
            for m in " ".join(listed).split():
                a, b = map(int, m.split("-"))
                spans.append(span((a, b)))
            got = [dom.text[k] for k in dom.text if k[0] == kind]
            check(sorted(map(squeeze, got)) == sorted(map(squeeze, spans)), "mentions %s, JSON %s" % (got, spans))
            continue
        for q in quotes:
            if q["kind"] == "scare":
                continue
            s = q[field] if field == "speaker_span" else None
            if field == "cue" and q["cue"] is not None:
                s = None  # the cue's span is not in the JSON, only its text: compared as a set below
                spans.append(q["cue"])
            elif s and s[1] > s[0] and span(s) not in spans:
                spans.append(span(s))
        got = [dom.text[k] for k in sorted((k for k in dom.text if k[0] == kind), key=lambda k: k[1])]
        check(sorted(set(map(squeeze, got))) == sorted(set(map(squeeze, spans))),
              "%s marks %s, JSON %s" % (kind, got, spans))

    summary = doc.get("summary", [])
    sums = sorted((k for k in dom.text if k[0] == "sum"), key=lambda k: int(k[1].rsplit("-s", 1)[1]))
    check(len(sums) == len(summary), "%d summary marks, JSON has %d" % (len(sums), len(summary)))
    for k, s in zip(sums, summary):
        check(squeeze(dom.text[k]) == squeeze(s["text"]), "summary %s: DOM %r, JSON %r" % (k[1], dom.text[k], s["text"]))

    return check.finish()


if __name__ == "__main__":
    sys.exit(main())
