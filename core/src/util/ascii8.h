/*
 * Eight bytes at a time: the JSON reader and writer both spend their time in runs of
 * plain ASCII (letters, digits, spaces, punctuation) and only need to stop at a byte
 * that is a control, a quote, a backslash or not ASCII.
 */
#ifndef PIPE_ASCII8_H
#define PIPE_ASCII8_H

#include <stdint.h>
#include <string.h>

/* Nonzero when any of p[0..8) is below 0x20, '"', '\\' or above 0x7F: where a JSON string needs care. */
static inline uint64_t ascii8_stop(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
    uint64_t x;
    memcpy(&x, p, 8);
    uint64_t quote = x ^ (ones * '"'), bslash = x ^ (ones * '\\');
    /* The classic word tests for "some byte is below 0x20" and "some byte is zero"; exact for "any". */
    return (((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) | ((bslash - ones) & ~bslash) | x) & high;
}

#endif
