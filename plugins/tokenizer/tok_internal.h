/*
 * tok_internal.h: what the engine's files share (UTF-8 decoding, the UAX #29
 * segmenter, token classification). Not installed; include tokenize.h outside.
 */
#ifndef PIPE_TOK_INTERNAL_H
#define PIPE_TOK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <pipe/utf8.h>

#include "tok_tables.h"
#include "tokenize.h"

/* Bits of tok_seg.mask above the Word_Break bits (1 << enum tok_wb). */
#define TOK_SEG_EXTPICT (1u << 24)    /* an Extended_Pictographic code point */
#define TOK_SEG_EMOJI_PRES (1u << 25) /* an Emoji_Presentation code point */
#define TOK_SEG_INVALID (1u << 26)    /* the segment is one invalid byte */
#define TOK_SEG_LETTERS ((1u << TOK_WB_ALETTER) | (1u << TOK_WB_HL) | (1u << TOK_WB_KATAKANA))

/* What the segmenter learnt about one UAX #29 segment while scanning it. */
typedef struct tok_seg {
    uint32_t first_cp; /* first code point (0 for an invalid byte) */
    uint16_t first;    /* its property word */
    uint32_t mask;     /* OR of 1 << Word_Break of every code point, plus TOK_SEG_* bits */
} tok_seg;

/*
 * Decode the code point at s[i] (i < n) into *cp with pipe's one decoder,
 * strict (RFC 3629); returns its length, or 0 when s[i] does not start a
 * valid sequence (the caller then makes s[i] alone an invalid token).
 */
static inline size_t tok_decode(const uint8_t *s, size_t n, size_t i, uint32_t *cp)
{
    size_t len;
    uint32_t c = pipe_utf8_decode(s + i, n - i, &len, PIPE_UTF8_STRICT);
    if (c == PIPE_UTF8_INVALID)
        return 0;
    *cp = c;
    return len;
}

/*
 * End of the run of ASCII letters and digits that starts at s[i] (i < n);
 * ORs TOK_B_LETTER / TOK_B_DIGIT into *seen for what the run holds. Most
 * tokens are such runs, so with SSE2 this tests 16 bytes at a time: the
 * branch that ends the run is then taken once per token, not once per byte.
 */
static inline size_t tok_alnum_run(const uint8_t *s, size_t n, size_t i, unsigned *seen)
{
    unsigned acc = 0, c;
#if defined(__SSE2__)
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i lo = _mm_or_si128(v, _mm_set1_epi8(0x20));
        /* signed compares: bytes >= 0x80 are negative, so never matched */
        __m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        __m128i let = _mm_and_si128(_mm_cmpgt_epi8(lo, _mm_set1_epi8('a' - 1)),
                                    _mm_cmplt_epi8(lo, _mm_set1_epi8('z' + 1)));
        unsigned md = (unsigned)_mm_movemask_epi8(dig), ml = (unsigned)_mm_movemask_epi8(let);
        unsigned stop = ~(md | ml) & 0xFFFFu;
        if (stop) {
            unsigned below = (1u << __builtin_ctz(stop)) - 1u;
            acc |= ((md & below) ? TOK_B_DIGIT : 0u) | ((ml & below) ? TOK_B_LETTER : 0u);
            *seen |= acc;
            return i + (size_t)__builtin_ctz(stop);
        }
        acc |= (md ? TOK_B_DIGIT : 0u) | (ml ? TOK_B_LETTER : 0u);
        i += 16;
    }
#endif
    while (i < n && ((c = tok_byte_class[s[i]]) & TOK_B_ALNUM)) {
        acc |= c;
        i++;
    }
    *seen |= acc;
    return i;
}

/* End of the UAX #29 word segment that starts at pos (< n); fills *seg. */
size_t tok_wb_segment(const uint8_t *s, size_t n, size_t pos, tok_seg *seg);

/* Token kind of a plain UAX #29 segment (before any news rule). */
unsigned tok_seg_kind(const tok_seg *seg);

/* One step of news mode: skip space, emit the next token(s) to out (room for
 * PIPE_TOKENIZE_MIN_CAP); returns how many (0 only at the end of the text). */
size_t tok_news_step(pipe_tokenizer *tk, pipe_token *out);

/* News mode over as many steps as fit in out[0..cap): fast paths for plain
 * ASCII words and punctuation, tok_news_step() for everything else. */
size_t tok_news_run(pipe_tokenizer *tk, pipe_token *out, size_t cap);

/* Token kind of each General_Category group (TOK_GC_*), for one-code-point punctuation. */
extern const uint8_t tok_gc_kind[16];

/* Kind of the one-byte ASCII punctuation or symbol b; *flags gets OPEN or CLOSE for brackets.
 * Inline: the fast loops take it for every punctuation token, and a call cost more than the lookup. */
static inline unsigned tok_ascii_punct_kind(uint8_t b, unsigned *flags)
{
    unsigned gc = TOK_GC(tok_prop(b));
    *flags = gc == TOK_GC_OPEN ? PIPE_TOKF_OPEN : gc == TOK_GC_CLOSE ? PIPE_TOKF_CLOSE :
                                                                       0;
    return tok_gc_kind[gc];
}

/* Skip white space from tk->pos, recording it in tk->pending_flags; returns
 * 0 when the text is exhausted. Used by news mode. */
int tok_skip_space(pipe_tokenizer *tk);

/* Flags of a punctuation token whose first code point is cp (property p)
 * spanning [start, end): QUOTE, OPEN, CLOSE from the character and context. */
unsigned tok_punct_flags(const pipe_tokenizer *tk, uint32_t cp, uint16_t p, size_t start, size_t end);

/* Record white space [start, end) in the flags of the next token (uax29 mode). */
void tok_note_space(pipe_tokenizer *tk, size_t start, size_t end);

/* Whether the code point starting at s[i] is white space (false at the end or on invalid bytes). */
int tok_space_at(const uint8_t *s, size_t n, size_t i);

#endif /* PIPE_TOK_INTERNAL_H */
