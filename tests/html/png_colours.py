#!/usr/bin/env python3
"""Reads a PNG screenshot (8-bit RGB or RGBA, as Chromium writes them) with the standard library only.

usage: png_colours.py SHOT.png [#rrggbb ...]
Prints the number of distinct colours and how many pixels have each colour asked for; exits 1 when the
picture has a single colour (blank) or an asked colour is missing.
"""
import struct
import sys
import zlib


def pixels(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("%s: not a PNG" % path)
    pos, idat = 8, b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6):
        raise SystemExit("%s: colour type %d depth %d not handled" % (path, ctype, depth))
    bpp = 3 if ctype == 2 else 4
    raw, stride, prev, out = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out.append(bytes(line))
        prev = line
    return w, h, bpp, out


def main():
    w, h, bpp, rows = pixels(sys.argv[1])
    counts = {}
    for line in rows:
        for x in range(0, len(line), bpp * 2):  # every other pixel is plenty
            rgb = line[x:x + 3]
            counts[rgb] = counts.get(rgb, 0) + 1
    print("%dx%d, %d colours" % (w, h, len(counts)))
    bad = len(counts) < 2
    for want in sys.argv[2:]:
        rgb = bytes.fromhex(want.lstrip("#"))
        n = counts.get(rgb, 0)
        print("%s: %d pixels" % (want, n))
        bad |= n == 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
