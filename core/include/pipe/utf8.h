/*
 * pipe/utf8.h: the one UTF-8 decoder of pipe (included by plugin.h), for the
 * host and for stages alike. Inline, so a stage calls it without linking
 * anything of the core and a scanner's inner loop pays no call.
 *
 * Two strictnesses, because readers differ in what a wrong byte may cost:
 * PIPE_UTF8_STRICT is RFC 3629 (what the writers need to promise valid
 * UTF-8 out); PIPE_UTF8_LAX checks only the shape of a sequence (lead byte
 * C2..F4 and its continuation bytes), for a scanner that maps whatever it
 * cannot use to U+FFFD anyway and must not stop at, say, an encoded
 * surrogate.
 */
#ifndef PIPE_UTF8_DECODE_H
#define PIPE_UTF8_DECODE_H

#include <stddef.h>
#include <stdint.h>

/* Code point pipe_utf8_decode reports for a byte that does not start an accepted sequence. */
#define PIPE_UTF8_INVALID UINT32_MAX

/* How much of RFC 3629 pipe_utf8_decode enforces (see above). */
typedef enum pipe_utf8_strictness { PIPE_UTF8_STRICT,
                                    PIPE_UTF8_LAX } pipe_utf8_strictness;

/*
 * Decode the code point at s[0..n) (n > 0) and store its length in *adv.
 * Truncated sequences, stray continuation bytes and lead bytes outside
 * C2..F4 always yield PIPE_UTF8_INVALID with *adv = 1, so a caller replaces
 * exactly one byte and resynchronises on the next; PIPE_UTF8_STRICT also
 * refuses overlong forms, surrogates and values above U+10FFFF that way.
 */
static inline uint32_t pipe_utf8_decode(const unsigned char *s, size_t n, size_t *adv,
                                        pipe_utf8_strictness strictness)
{
    unsigned char c = s[0];
    *adv = 1;
    if (c < 0x80)
        return c;
    size_t len;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, cp = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, cp = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, cp = c & 0x07u, min = 0x10000;
    } else {
        return PIPE_UTF8_INVALID;
    }
    if (n < len)
        return PIPE_UTF8_INVALID;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return PIPE_UTF8_INVALID;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (strictness == PIPE_UTF8_STRICT && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)))
        return PIPE_UTF8_INVALID;
    *adv = len;
    return cp;
}

#endif
