/* UTF-8 decoding that accepts any byte sequence (RFC 3629 strictness). */
#ifndef PIPE_UTF8_H
#define PIPE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Code point reported for a byte that does not start a valid sequence. */
#define UTF8_INVALID UINT32_MAX

/*
 * Decode the code point at s[0..n) (n > 0) and store its length in *adv.
 * Overlong forms, surrogates, values above U+10FFFF, truncated sequences and
 * stray continuation bytes yield UTF8_INVALID with *adv = 1, so a caller
 * replaces exactly one byte and resynchronises on the next.
 */
uint32_t utf8_decode(const unsigned char *s, size_t n, size_t *adv);

/* Length of the longest prefix of s[0..n) that is valid UTF-8. */
size_t utf8_valid_prefix(const char *s, size_t n);

#endif
