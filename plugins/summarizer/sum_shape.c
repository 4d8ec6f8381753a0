/*
 * sum_shape.c: a sentence's shape, from its tokens alone.
 *
 * Some lines are not prose a reader would accept in a summary, however
 * central their words: table rows ("Net 392.7 mln vs 353.0 mln"), columns
 * laid out with runs of spaces, price lists ("June/July at 1,850 and 1,880
 * dlrs, Aug/Sept at 1,870, 1,875 and 1,880 dlrs"), bylines ("By Jane Smith")
 * and navigation bars ("Home | News | Sport"). Their shape gives them away:
 * the share of numbers and of digits, numbers that follow each other with at most one
 * connector between them, column gaps, separators, and no lower-case word
 * at all. The counts (and what the learned method weighs: numbers,
 * capitalised words after the first word, words inside quote marks) are made
 * in sum_terms_build()'s pass over the tokens (sum_shape.h); here they become
 * decisions, with a second pass only for sentences with enough numbers to be a
 * price list: linear.
 */
#include <string.h>

#include "sum_shape.h"

/* Numbers that follow another number with at most one connector between them: a list of prices. */
#define SUM_SHAPE_MAX_NUMBER_PAIRS 3
/* A line without final punctuation with this share of numbers is a table row. */
#define SUM_SHAPE_ROW_NUMBERS 0.3
/* A punctuated sentence with this share of numbers is one too (short ones: "Shr 1.20 vs 1.10."). */
#define SUM_SHAPE_TABLE_NUMBERS 0.5
/* Number bytes this share of number and word bytes: a row of figures ("Sunoil prev 37.4, Feb 107.3, Mar 24.5"). */
#define SUM_SHAPE_DIGIT_SHARE 0.3
/* Separators ("|", "»", "›", "•") that make a navigation or breadcrumb line. */
#define SUM_SHAPE_MAX_SEPARATORS 3
/* Lines of at most this many words with no lower-case word are datelines or credits. */
#define SUM_SHAPE_CAPS_WORDS 6
/* A byline is "By" and at most this many capitalised words. */
#define SUM_SHAPE_BYLINE_WORDS 5

/* Is token text t[0..n) one of the words that join the numbers of a list? */
static int is_connector_word(const char *t, size_t n)
{
    static const char *const w[] = {"and", "to", "or", "vs", "against"};
    for (size_t k = 0; k < sizeof w / sizeof *w; k++)
        if (strlen(w[k]) == n && memcmp(t, w[k], n) == 0)
            return 1;
    return 0;
}

/*
 * Numbers that follow another number with at most one connector between them (a price list), for
 * the sentence's tokens tk[0..ntok). Its own pass: only a sentence with enough numbers can have
 * SUM_SHAPE_MAX_NUMBER_PAIRS of them, so most sentences never run it.
 */
static uint32_t number_pairs(const pipe_token *tk, uint32_t ntok, const char *text, size_t len)
{
    uint32_t pairs = 0;
    /* Tokens since the last number: 0 = the number itself, 1 = one connector after it, 2+ = none. */
    unsigned since_number = 2;
    for (uint32_t k = 0; k < ntok; k++) {
        const pipe_token *t = &tk[k];
        if (t->end <= t->start || t->end > len)
            continue;
        const unsigned char *b = (const unsigned char *)text + t->start;
        size_t n = t->end - t->start;
        switch (t->kind) {
        case PIPE_TOK_NUMBER:
            pairs += since_number <= 1;
            since_number = 0;
            continue;
        case PIPE_TOK_WORD:
            if (t->flags & PIPE_TOKF_CLITIC)
                break;
            since_number = since_number == 0 && is_connector_word((const char *)b, n) ? 1 : 2;
            continue;
        case PIPE_TOK_PUNCT:
        case PIPE_TOK_SYMBOL:
        case PIPE_TOK_OTHER:
            if (sum_is_double_quote(b, n))
                break;
            /* ",", "-" and "/" join list items like "and" does. */
            if (since_number == 0 && n == 1 && (b[0] == ',' || b[0] == '-' || b[0] == '/'))
                since_number = 1;
            else if (since_number <= 1 && !(n == 1 && b[0] == '$'))
                since_number = 2;
            continue;
        default:
            break;
        }
        since_number = 2;
    }
    return pairs;
}

int sum_shape(const pipe_summarize_input *in, const sum_sent *ss, const sum_shape_stats *sh)
{
    uint32_t words = sh->words;
    if (words == 0)
        return 0;
    /* The price-list state machine runs apart, only for sentences with enough numbers. */
    uint32_t pairs = ss->numbers > SUM_SHAPE_MAX_NUMBER_PAIRS ?
                         number_pairs(in->tokens + ss->tok0, ss->ntok, in->text, in->len) :
                         0;
    double share = (double)ss->numbers / words;
    if (pairs >= SUM_SHAPE_MAX_NUMBER_PAIRS || sh->columns >= 2 || sh->seps >= SUM_SHAPE_MAX_SEPARATORS)
        return 1;
    if (share >= ((ss->flags & PIPE_SENTF_NO_FINAL_PUNCT) ? SUM_SHAPE_ROW_NUMBERS : SUM_SHAPE_TABLE_NUMBERS))
        return 1;
    if (sh->alnum > 0 && sh->digits >= SUM_SHAPE_DIGIT_SHARE * sh->alnum)
        return 1;
    /* A short line without a lower-case word: a dateline or a credit, not a sentence (all-capital wire
     * copy has longer ones, which stay). */
    if (sh->lower == 0 && words >= 2 && words <= SUM_SHAPE_CAPS_WORDS)
        return 1;
    /* "By Jane Smith", "By John Smith and Jane Doe": capitalised words and at most one "and". */
    if (sh->byline && words <= SUM_SHAPE_BYLINE_WORDS + 1 && sh->lower <= 1 && sh->capitalised + sh->lower == words)
        return 1;
    return 0;
}
