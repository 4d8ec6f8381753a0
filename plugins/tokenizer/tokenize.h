/*
 * tokenize.h: the tokenizer engine of pipe, as a plain C library
 * (CMake target `pipe_tokenize`), independent of the plugin host.
 *
 * Two modes:
 *  - PIPE_TOKENIZE_UAX29: exactly the word boundaries of Unicode Standard
 *    Annex #29 (the Unicode version in pipe_tokenize_unicode_version()).
 *    Every segment is a token, white space included (kind PIPE_TOK_SPACE),
 *    so the tokens cover every byte of the text.
 *  - PIPE_TOKENIZE_NEWS: tokens for NLP on news text (see README.md):
 *    no white-space tokens; URLs, e-mails, mentions, hashtags, numbers,
 *    times, dates, abbreviations and ellipses are single tokens; clitics
 *    are split off (or not); quote marks, dashes and brackets are tokens.
 *
 * Offsets are byte offsets into the UTF-8 text. Bytes that are not valid
 * UTF-8 become PIPE_TOK_INVALID tokens: one per byte in uax29 mode; in news
 * mode one token from a bad byte to where text resumes (README.md); any
 * byte sequence is safe.
 *
 * Typical use (no allocation; the state lives on the caller's stack):
 *
 *     pipe_tokenizer tk;
 *     pipe_token buf[256];
 *     size_t n;
 *     pipe_tokenizer_init(&tk, text, len, NULL);
 *     while ((n = pipe_tokenizer_next(&tk, buf, 256)) > 0)
 *         consume(buf, n);
 *
 * The engine keeps no global mutable state, so separate pipe_tokenizer
 * objects may be used from separate threads.
 */
#ifndef PIPE_TOKENIZE_H
#define PIPE_TOKENIZE_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/layers.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Which tokenization to produce. */
typedef enum pipe_tokenize_mode {
    PIPE_TOKENIZE_NEWS = 0, /* news-aware tokens without white space (default) */
    PIPE_TOKENIZE_UAX29 = 1 /* plain UAX #29 word segments, white space included */
} pipe_tokenize_mode;

/* Options of a tokenizer run; fill with pipe_tokenize_opts_init() first. */
typedef struct pipe_tokenize_opts {
    pipe_tokenize_mode mode; /* default PIPE_TOKENIZE_NEWS */
    int split_clitics;       /* news: "don't" -> "do" "n't", "Huawei's" -> "Huawei" "'s" (default 1) */
    int split_hyphens;       /* news: "next-generation" -> "next" "-" "generation" (default 0) */
} pipe_tokenize_opts;

/* Smallest buffer pipe_tokenizer_next() accepts: one step may emit this many tokens. */
#define PIPE_TOKENIZE_MIN_CAP 8

/* State of one pass over one text; treat the fields as private. */
typedef struct pipe_tokenizer {
    const uint8_t *text;     /* the text being tokenized (not owned) */
    size_t len;              /* its length in bytes */
    size_t pos;              /* where the next token search starts */
    pipe_tokenize_opts opts; /* copy of the options */
    unsigned pending_flags;  /* SPACE/NEWLINE/PARA bits for the next token */
    unsigned newlines;       /* line breaks seen in the current gap */
    int after_open;          /* the last token opened something (bracket, quote, dash) */
    int squote_open;         /* news: a single opening quote is waiting for its close */
    size_t next_at;          /* news: offset of the next '@' at or after pos, or len */
} pipe_tokenizer;

/* Set opts to the defaults (news mode, clitics split, hyphenated words kept). */
void pipe_tokenize_opts_init(pipe_tokenize_opts *opts);

/* Start tokenizing text[0..len) (opts NULL = defaults); -1 when len > UINT32_MAX, else 0. */
int pipe_tokenizer_init(pipe_tokenizer *tk, const char *text, size_t len,
                        const pipe_tokenize_opts *opts);

/* Write up to cap (>= PIPE_TOKENIZE_MIN_CAP) next tokens to out; 0 when the text is done. */
size_t pipe_tokenizer_next(pipe_tokenizer *tk, pipe_token *out, size_t cap);

/* Tokenize a whole text into out[0..cap); returns the total count, which may exceed cap
 * (then only cap tokens were written: call again with a bigger buffer, like snprintf). */
size_t pipe_tokenize(const char *text, size_t len, const pipe_tokenize_opts *opts,
                     pipe_token *out, size_t cap);

/* Name of a pipe_token_kind ("word", "number", ...), or "?" for an unknown value. */
const char *pipe_token_kind_name(unsigned kind);

/* Unicode version of the built-in property tables, e.g. "15.0.0". */
const char *pipe_tokenize_unicode_version(void);

#ifdef __cplusplus
}
#endif

#endif /* PIPE_TOKENIZE_H */
