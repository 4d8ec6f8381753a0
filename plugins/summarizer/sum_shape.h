/*
 * sum_shape.h: the shape statistics of a sentence, counted token by token in
 * sum_terms_build()'s loop over the sentence's tokens (sum_terms.c), so the
 * tokens are read once; sum_shape.c turns the counts into decisions.
 */
#ifndef PIPE_SUM_SHAPE_H
#define PIPE_SUM_SHAPE_H

#include "sum_internal.h"

/* A gap of this many bytes between two tokens on one line is a column. */
#define SUM_SHAPE_COLUMN_GAP 3

/* Is punctuation t[0..n) a separator of navigation lines? */
static inline int sum_is_separator(const unsigned char *t, size_t n)
{
    if (n == 1)
        return t[0] == '|' || t[0] == '>';
    /* » (C2 BB), › (E2 80 BA), • (E2 80 A2) */
    return (n == 2 && t[0] == 0xC2 && t[1] == 0xBB) ||
           (n == 3 && t[0] == 0xE2 && t[1] == 0x80 && (t[2] == 0xBA || t[2] == 0xA2));
}

/* Is token t[0..n) a double quote mark (straight or typographic)? Apostrophes are not. */
static inline int sum_is_double_quote(const unsigned char *t, size_t n)
{
    return (n == 1 && t[0] == '"') || (n == 3 && t[0] == 0xE2 && t[1] == 0x80 && (t[2] == 0x9C || t[2] == 0x9D));
}

/* The running state of one sentence's count (zeroed before its first token). */
typedef struct sum_shape_acc {
    uint32_t prev_end;    /* end of the last valid token */
    uint32_t inside;      /* 1 between quote marks */
    uint32_t open_words;  /* words before the open quote mark */
    uint32_t first_done;  /* the first word or number has been seen */
    uint32_t first_upper; /* the first word (when it came before any number) is capitalised */
    uint32_t numbers;     /* number tokens */
    uint32_t quoted;      /* words between quote marks */
    sum_shape_stats sh;   /* the counts sum_shape.c decides on */
} sum_shape_acc;

/*
 * Count valid token t (t->start < t->end <= the text's length) with bytes b into a; not_first: t
 * is not the sentence's first token. Only counts: a word or number costs a few additions. The
 * counts stay in a (a local of the caller, so in registers): sum_shape_finish() stores the ones
 * the learned method weighs and sum_shape() decides on the rest, which are never stored.
 */
static inline void sum_shape_count(sum_shape_acc *a, const pipe_token *t, const unsigned char *b, int not_first)
{
    sum_shape_stats *sh = &a->sh;
    uint32_t n = t->end - t->start;
    if (not_first && t->start >= a->prev_end + SUM_SHAPE_COLUMN_GAP && !(t->flags & PIPE_TOKF_NEWLINE_BEFORE))
        sh->columns++;
    a->prev_end = t->end;
    switch (t->kind) {
    case PIPE_TOK_WORD:
        if (t->flags & PIPE_TOKF_CLITIC)
            break;
        sh->alnum += n;
        sh->words++;
        sh->lower += b[0] >= 'a' && b[0] <= 'z';
        sh->capitalised += b[0] >= 'A' && b[0] <= 'Z';
        if (!a->first_done) {
            /* The first word: proper nouns are the capitalised words after it; "By" opens a byline. */
            a->first_done = 1;
            a->first_upper = b[0] >= 'A' && b[0] <= 'Z';
            sh->byline = n == 2 && (b[0] == 'B' || b[0] == 'b') && b[1] == 'y';
        }
        break;
    case PIPE_TOK_NUMBER:
        /* A number's bytes count as digits and a word's as letters: no loop over bytes. */
        sh->digits += n;
        sh->alnum += n;
        sh->words++;
        a->numbers++;
        a->first_done = 1; /* a number first: no word is the first */
        break;
    case PIPE_TOK_PUNCT:
    case PIPE_TOK_SYMBOL:
    case PIPE_TOK_OTHER:
        if (sum_is_double_quote(b, n)) {
            /* Words inside quote marks are counted when the quote closes: words then less words at its opening. */
            if (a->inside)
                a->quoted += sh->words - a->open_words;
            else
                a->open_words = sh->words;
            a->inside = !a->inside;
        } else {
            sh->seps += sum_is_separator(b, n);
        }
        break;
    default:
        break;
    }
}

/* After the sentence's last token: close an open quote and store in ss the counts the learned
 * method weighs (the shape counts stay in a, for sum_shape()). */
static inline void sum_shape_finish(const sum_shape_acc *a, sum_sent *ss)
{
    ss->numbers = a->numbers;
    ss->quoted = a->quoted + (a->inside ? a->sh.words - a->open_words : 0);
    ss->proper = a->sh.capitalised - a->first_upper;
}

#endif
