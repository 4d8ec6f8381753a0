#!/usr/bin/env python3
"""Checks the WCAG 2 contrast of the colour pairs a pipe HTML report's style sheet uses (AA: 4.5:1 for text).

usage: contrast.py REPORT.html
Reads the page's <style>: every speaker colour class (.cN{--dark:..;--tint:..}) gives white badge text on
--dark and the ink colour on --tint; the fixed pairs (muted text, summary highlight, rank badge, tips,
errors) are read from the custom properties and rules they are set in. Prints each pair's ratio.
"""
import re
import sys


def lum(hexcol):
    rgb = [int(hexcol[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a, b):
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def main():
    page = open(sys.argv[1], encoding="utf-8").read()
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    var = dict(re.findall(r"--([a-z]+):(#[0-9a-f]{6})", css.split("}")[0]))
    pairs = [("ink on page", var["ink"], var["bg"]), ("muted on page", var["muted"], var["bg"]),
             ("muted on soft", var["muted"], var["soft"]), ("ink on summary", var["ink"], var["sum"])]
    for name, dark, tint in re.findall(r"\.(c[0-9u])\{--dark:(#[0-9a-f]{6});--tint:(#[0-9a-f]{6})\}", css):
        pairs.append((name + " badge", "#ffffff", dark))
        pairs.append((name + " quote", var["ink"], tint))
    rank = re.search(r"mark\.sum\[data-rank\]::before\{[^}]*background:(#[0-9a-f]{6})", css).group(1)
    pairs.append(("rank badge", "#ffffff", rank))
    err = re.search(r"\.row \.err,\.body \.err\{color:(#[0-9a-f]{6})", css).group(1)
    pairs.append(("error text", err, var["bg"]))
    bad = 0
    for name, fg, bg in pairs:
        r = ratio(fg, bg)
        print("%-16s %s on %s  %.2f:1%s" % (name, fg, bg, r, "" if r >= 4.5 else "  below AA"))
        bad += r < 4.5
    if len(pairs) < 15:
        print("only %d pairs found: the style sheet changed shape" % len(pairs))
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
