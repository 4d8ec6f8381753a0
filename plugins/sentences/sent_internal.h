/*
 * sent_internal.h: what the splitter's engine keeps private: its byte scan,
 * which finds the next byte of a text that can matter to a sentence
 * boundary, so that the splitter passes over the tokens before it without
 * looking at them one by one.
 *
 * Most of a news text is words, spaces, commas and quotes, none of which can
 * end a sentence or a line. Only these can: . ! ? the line breaks \n \v \f \r,
 * and the lead bytes 0xE2 0xE3 0xEF of the multi-byte ones (ellipsis, ‼ ⁉,
 * bullets, dashes, U+2028/2029, 。, fullwidth ! ?). A period between two
 * digits (5.93) is skipped too: whatever the tokenizer made of it, a period
 * directly followed by a digit never ends a sentence.
 *
 * With SSE2 (every x86-64) sixteen bytes are tested at a time: one signed
 * compare catches the controls and every non-ASCII byte, three more catch
 * . ! ?, and the hits that are neither (a tab, é) are checked against the
 * table. Elsewhere the table alone gives the same answer. Inline, because
 * the splitter calls it once per boundary candidate.
 */
#ifndef PIPE_SENT_INTERNAL_H
#define PIPE_SENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Which bytes may start a boundary candidate (see above). */
static const uint8_t sentsplit_candidate_byte[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [0xE2] = 1, [0xE3] = 1, [0xEF] = 1};

/* Is the byte at text[p] (from <= p < to) a candidate, decimal points excluded?
 * Without branches on the neighbours (decimal points and real periods come
 * mixed): at either end of the text the byte itself stands in for the missing
 * neighbour, and a period is not a digit. */
static inline int sentsplit_is_candidate(const uint8_t *text, size_t p, size_t to)
{
    unsigned b = text[p], prev = text[p - (p > 0)], next = text[p + (p + 1 < to)];
    return sentsplit_candidate_byte[b] & !((b == '.') & (prev - '0' < 10u) & (next - '0' < 10u));
}

/* The first offset in [from, to) of a boundary candidate, or `to` when there is none
 * (also when from >= to: a single token longer than the sentence limit). */
static inline size_t sentsplit_next_candidate(const uint8_t *text, size_t from, size_t to)
{
    size_t p = from;
    if (p >= to)
        return to;
#if defined(__SSE2__)
    const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!'), ask = _mm_set1_epi8('?');
    const __m128i low = _mm_set1_epi8(0x0E); /* signed: below it are \n..\r and all of 0x80..0xFF */
    while (to - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + p));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, ask), _mm_cmplt_epi8(v, low)));
        unsigned bits = (unsigned)_mm_movemask_epi8(hit);
        while (bits) {
            size_t q = p + (unsigned)__builtin_ctz(bits);
            if (sentsplit_is_candidate(text, q, to))
                return q;
            bits &= bits - 1;
        }
        p += 16;
    }
    if (p < to && to >= 16) {
        /* the last bytes: the 16 that end at `to`, those before p dropped (no load leaves the text) */
        size_t at = to - 16;
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + at));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, ask), _mm_cmplt_epi8(v, low)));
        unsigned bits = (unsigned)_mm_movemask_epi8(hit) >> (p - at) << (p - at);
        while (bits) {
            size_t q = at + (unsigned)__builtin_ctz(bits);
            if (sentsplit_is_candidate(text, q, to))
                return q;
            bits &= bits - 1;
        }
        return to;
    }
#endif
    while (p < to && !sentsplit_is_candidate(text, p, to))
        p++;
    return p;
}

#endif /* PIPE_SENT_INTERNAL_H */
