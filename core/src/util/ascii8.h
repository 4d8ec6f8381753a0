/*
 * Runs of plain ASCII: the JSON reader and writer both spend their time in runs of
 * letters, digits, spaces and punctuation, and only need to stop at a byte that is a
 * control, a quote, a backslash or not ASCII.
 */
#ifndef PIPE_ASCII8_H
#define PIPE_ASCII8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

/* Whether the byte c needs care in a JSON string (see ascii8_stop). */
static inline int ascii_stop_byte(unsigned char c)
{
    return c < 0x20 || c >= 0x80 || c == '"' || c == '\\';
}

/*
 * The first i >= from with p[i] needing care in a JSON string, or n. With SSE2 sixteen
 * bytes cost one compare round and the stop byte is found by its bit, so a run ends
 * without a byte loop; the word test and a byte loop do the same elsewhere.
 */
static inline size_t ascii_run_end(const unsigned char *p, size_t from, size_t n)
{
    size_t i = from;
#if defined(__SSE2__)
    const __m128i below = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
        /* signed compare: bytes >= 0x80 are negative, so below 0x20 too */
        __m128i stop = _mm_or_si128(_mm_cmplt_epi8(v, below),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)));
        unsigned m = (unsigned)_mm_movemask_epi8(stop);
        if (m)
            return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#else
    while (n - i >= 8 && !ascii8_stop(p + i))
        i += 8;
#endif
    while (i < n && !ascii_stop_byte(p[i]))
        i++;
    return i;
}

#endif
