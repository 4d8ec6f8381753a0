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
 * at all. The same pass counts what the learned method weighs: numbers,
 * capitalised words after the first word (proper nouns) and words inside
 * quote marks. One counting pass over the sentence's tokens, a second only for
 * sentences with enough numbers to be a price list: linear.
 */
#include <string.h>

#include "sum_internal.h"

/* Numbers that follow another number with at most one connector between them: a list of prices. */
#define SUM_SHAPE_MAX_NUMBER_PAIRS 3
/* A gap of this many bytes between two tokens on one line is a column. */
#define SUM_SHAPE_COLUMN_GAP 3
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

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

/* Is token text t[0..n) one of the words that join the numbers of a list? */
static int is_connector_word(const char *t, size_t n)
{
    static const char *const w[] = {"and", "to", "or", "vs", "against"};
    for (size_t k = 0; k < sizeof w / sizeof *w; k++)
        if (strlen(w[k]) == n && memcmp(t, w[k], n) == 0)
            return 1;
    return 0;
}

/* Is punctuation t[0..n) a separator of navigation lines? */
static int is_separator(const unsigned char *t, size_t n)
{
    if (n == 1)
        return t[0] == '|' || t[0] == '>';
    /* » (C2 BB), › (E2 80 BA), • (E2 80 A2) */
    return (n == 2 && t[0] == 0xC2 && t[1] == 0xBB) ||
           (n == 3 && t[0] == 0xE2 && t[1] == 0x80 && (t[2] == 0xBA || t[2] == 0xA2));
}

/* Is token t[0..n) a double quote mark (straight or typographic)? Apostrophes are not. */
static int is_double_quote(const unsigned char *t, size_t n)
{
    return (n == 1 && t[0] == '"') || (n == 3 && t[0] == 0xE2 && t[1] == 0x80 && (t[2] == 0x9C || t[2] == 0x9D));
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
            if (is_double_quote(b, n))
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

int sum_shape(const pipe_summarize_input *in, sum_sent *ss)
{
    ss->numbers = ss->proper = ss->quoted = 0;
    if (ss->ntok == 0)
        return 0;
    const pipe_token *tk = in->tokens + ss->tok0;
    const char *text = in->text;
    size_t len = in->len;
    uint32_t words = 0, numbers = 0, quoted = 0, lower = 0;
    uint32_t columns = 0, seps = 0, capitalised = 0, digits = 0, alnum = 0;
    /* Words inside quote marks are counted when the quote closes: words then less words at its opening. */
    uint32_t inside = 0, open_words = 0;
    uint32_t prev_end = 0;
    /*
     * The hot pass counts only: a word or number costs a few additions. The
     * order-dependent tests run apart: the first word (byline, proper nouns)
     * once after it, the price-list state machine only for sentences with
     * enough numbers (number_pairs()).
     */
    for (uint32_t k = 0; k < ss->ntok; k++) {
        const pipe_token *t = &tk[k];
        if (t->end <= t->start || t->end > len)
            continue;
        const unsigned char *b = (const unsigned char *)text + t->start;
        uint32_t n = t->end - t->start;
        if (k > 0 && t->start >= prev_end + SUM_SHAPE_COLUMN_GAP && !(t->flags & PIPE_TOKF_NEWLINE_BEFORE))
            columns++;
        prev_end = t->end;
        switch (t->kind) {
        case PIPE_TOK_WORD:
            if (t->flags & PIPE_TOKF_CLITIC)
                break;
            alnum += n;
            words++;
            lower += is_lower(b[0]);
            capitalised += is_upper(b[0]);
            break;
        case PIPE_TOK_NUMBER:
            /* A number's bytes count as digits and a word's as letters: no loop over bytes. */
            digits += n;
            alnum += n;
            words++;
            numbers++;
            break;
        case PIPE_TOK_PUNCT:
        case PIPE_TOK_SYMBOL:
        case PIPE_TOK_OTHER:
            if (is_double_quote(b, n)) {
                if (inside)
                    quoted += words - open_words;
                else
                    open_words = words;
                inside = !inside;
            } else {
                seps += is_separator(b, n);
            }
            break;
        default:
            break;
        }
    }
    if (inside)
        quoted += words - open_words;
    /* The first word (a number or a word that is no clitic): proper nouns are the capitalised words after it. */
    uint32_t proper = capitalised;
    int byline = 0;
    for (uint32_t k = 0; k < ss->ntok; k++) {
        const pipe_token *t = &tk[k];
        if (t->end <= t->start || t->end > len)
            continue;
        if (t->kind == PIPE_TOK_NUMBER)
            break;
        if (t->kind != PIPE_TOK_WORD || (t->flags & PIPE_TOKF_CLITIC))
            continue;
        const unsigned char *b = (const unsigned char *)text + t->start;
        proper -= is_upper(b[0]);
        byline = t->end - t->start == 2 && (b[0] == 'B' || b[0] == 'b') && b[1] == 'y';
        break;
    }
    uint32_t pairs = numbers > SUM_SHAPE_MAX_NUMBER_PAIRS ? number_pairs(tk, ss->ntok, text, len) : 0;
    ss->numbers = numbers;
    ss->proper = proper;
    ss->quoted = quoted;
    if (words == 0)
        return 0;
    double share = (double)numbers / words;
    if (pairs >= SUM_SHAPE_MAX_NUMBER_PAIRS || columns >= 2 || seps >= SUM_SHAPE_MAX_SEPARATORS)
        return 1;
    if (share >= ((ss->flags & PIPE_SENTF_NO_FINAL_PUNCT) ? SUM_SHAPE_ROW_NUMBERS : SUM_SHAPE_TABLE_NUMBERS))
        return 1;
    if (alnum > 0 && digits >= SUM_SHAPE_DIGIT_SHARE * alnum)
        return 1;
    /* A short line without a lower-case word: a dateline or a credit, not a sentence (all-capital wire
     * copy has longer ones, which stay). */
    if (lower == 0 && words >= 2 && words <= SUM_SHAPE_CAPS_WORDS)
        return 1;
    /* "By Jane Smith", "By John Smith and Jane Doe": capitalised words and at most one "and". */
    if (byline && words <= SUM_SHAPE_BYLINE_WORDS + 1 && lower <= 1 && capitalised + lower == words)
        return 1;
    return 0;
}
