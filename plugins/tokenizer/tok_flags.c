/*
 * tok_flags.c: what both modes work out the same way from a token's
 * surroundings: the white space before it (space, line and paragraph flags)
 * and the side a quote or bracket is on. Kept apart from the modes so that
 * news mode and uax29 mode each use it without using each other.
 */
#include "tok_internal.h"

int tok_space_at(const uint8_t *s, size_t n, size_t i)
{
    uint32_t cp;
    if (i >= n)
        return 0;
    if (s[i] < 0x80)
        return s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r');
    return tok_decode(s, n, i, &cp) != 0 && (tok_prop(cp) & TOK_P_WHITE_SPACE);
}

/* Line breaks that the white space [i, i+w) holding cp counts for (CR LF is one). */
static unsigned line_breaks(const uint8_t *s, size_t n, size_t i, uint32_t cp)
{
    switch (cp) {
    case '\r':
        return (i + 1 < n && s[i + 1] == '\n') ? 0 : 1;
    case '\n':
    case 0x0B:
    case 0x0C:
    case 0x85:
    case 0x2028:
        return 1;
    case 0x2029: /* PARAGRAPH SEPARATOR: a paragraph break on its own */
        return 2;
    default:
        return 0;
    }
}

void tok_note_space(pipe_tokenizer *tk, size_t start, size_t end)
{
    const uint8_t *s = tk->text;
    tk->pending_flags |= PIPE_TOKF_SPACE_BEFORE;
    for (size_t i = start; i < end;) {
        uint32_t cp;
        size_t w = tok_decode(s, tk->len, i, &cp);
        if (w == 0)
            break;
        tk->newlines += line_breaks(s, tk->len, i, cp);
        i += w;
    }
    if (tk->newlines >= 1)
        tk->pending_flags |= PIPE_TOKF_NEWLINE_BEFORE;
    if (tk->newlines >= 2) {
        tk->pending_flags |= PIPE_TOKF_PARA_BEFORE;
        tk->squote_open = 0; /* a single quote never spans a blank line */
    }
}

int tok_skip_space(pipe_tokenizer *tk)
{
    const uint8_t *s = tk->text;
    size_t n = tk->len, i = tk->pos, start = tk->pos;
    /* Common case first: one ASCII space between words. */
    while (i < n) {
        uint8_t b = s[i];
        if (b == ' ') {
            i++;
            continue;
        }
        if (b < 0x80) {
            if (b >= '\t' && b <= '\r') {
                tk->newlines += (b == '\r') ? (i + 1 < n && s[i + 1] == '\n' ? 0u : 1u) : (b == '\t' ? 0u : 1u);
                i++;
                continue;
            }
            break;
        }
        uint32_t cp;
        size_t w = tok_decode(s, n, i, &cp);
        if (w == 0 || !(tok_prop(cp) & TOK_P_WHITE_SPACE))
            break;
        tk->newlines += line_breaks(s, n, i, cp);
        i += w;
    }
    if (i > start) {
        tk->pending_flags |= PIPE_TOKF_SPACE_BEFORE;
        if (tk->newlines >= 1)
            tk->pending_flags |= PIPE_TOKF_NEWLINE_BEFORE;
        if (tk->newlines >= 2) {
            tk->pending_flags |= PIPE_TOKF_PARA_BEFORE;
            tk->squote_open = 0;
        }
    }
    tk->pos = i;
    return i < n;
}

unsigned tok_punct_flags(const pipe_tokenizer *tk, uint32_t cp, uint16_t p, size_t start, size_t end)
{
    unsigned gc = TOK_GC(p);
    if (!(p & TOK_P_QUOTE)) {
        if (gc == TOK_GC_OPEN)
            return PIPE_TOKF_OPEN;
        if (gc == TOK_GC_CLOSE)
            return PIPE_TOKF_CLOSE;
        return 0;
    }
    /* Typographic quotes say which side they are on, except U+2019, which
     * is also the apostrophe and so is judged by context like ' and ". */
    if (cp != 0x2019) {
        if (gc == TOK_GC_OPEN || gc == TOK_GC_INITIAL_QUOTE)
            return PIPE_TOKF_QUOTE | PIPE_TOKF_OPEN;
        if (gc == TOK_GC_CLOSE || gc == TOK_GC_FINAL_QUOTE)
            return PIPE_TOKF_QUOTE | PIPE_TOKF_CLOSE;
    }
    /* Straight (or ambiguous) quote: closing when it touches the text before,
     * opening when it touches the text after, neither when it stands alone. */
    int space_before = start == 0 || (tk->pending_flags & PIPE_TOKF_SPACE_BEFORE) || tk->after_open;
    int space_after = end >= tk->len || tok_space_at(tk->text, tk->len, end);
    if (!space_before)
        return PIPE_TOKF_QUOTE | PIPE_TOKF_CLOSE;
    if (!space_after && cp != 0x2019)
        return PIPE_TOKF_QUOTE | PIPE_TOKF_OPEN;
    return PIPE_TOKF_QUOTE;
}

/* Token kind of each General_Category group, for one-code-point punctuation. */
const uint8_t tok_gc_kind[16] = {
    [TOK_GC_UNASSIGNED] = PIPE_TOK_OTHER,
    [TOK_GC_LETTER] = PIPE_TOK_WORD,
    [TOK_GC_MARK] = PIPE_TOK_WORD,
    [TOK_GC_DIGIT] = PIPE_TOK_NUMBER,
    [TOK_GC_OTHER_NUMBER] = PIPE_TOK_NUMBER,
    [TOK_GC_DASH] = PIPE_TOK_PUNCT,
    [TOK_GC_OPEN] = PIPE_TOK_PUNCT,
    [TOK_GC_CLOSE] = PIPE_TOK_PUNCT,
    [TOK_GC_INITIAL_QUOTE] = PIPE_TOK_PUNCT,
    [TOK_GC_FINAL_QUOTE] = PIPE_TOK_PUNCT,
    [TOK_GC_PUNCT] = PIPE_TOK_PUNCT,
    [TOK_GC_CONNECTOR] = PIPE_TOK_PUNCT,
    [TOK_GC_CURRENCY] = PIPE_TOK_SYMBOL,
    [TOK_GC_SYMBOL] = PIPE_TOK_SYMBOL,
    [TOK_GC_SEPARATOR] = PIPE_TOK_SPACE,
    [TOK_GC_CONTROL] = PIPE_TOK_OTHER,
};
