/* UTF-8 as the core reads it: always strictly (RFC 3629), with pipe/utf8.h's decoder. */
#ifndef PIPE_UTF8_H
#define PIPE_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/utf8.h"

/* Code point reported for a byte that does not start a valid sequence. */
#define UTF8_INVALID PIPE_UTF8_INVALID

/*
 * pipe_utf8_decode(s, n, adv, PIPE_UTF8_STRICT): the core promises valid UTF-8
 * out, so every reader in it refuses overlong forms, surrogates and values
 * above U+10FFFF (each invalid byte alone, *adv = 1).
 */
uint32_t utf8_decode(const unsigned char *s, size_t n, size_t *adv);

/* Length of the longest prefix of s[0..n) that is valid UTF-8. */
size_t utf8_valid_prefix(const char *s, size_t n);

#endif
