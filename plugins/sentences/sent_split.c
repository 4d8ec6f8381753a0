/*
 * sent_split.c: sentence boundaries over a token array.
 *
 * One forward pass. A sentence is opened at the first token that is not
 * white space. Boundaries come from three sources, checked in this order:
 *  1. line structure, read from the white space between tokens: a blank
 *     line (paragraphs on), a line starting with a list marker or bullet,
 *     or a short line without final punctuation (headline, byline,
 *     caption) followed by a line that starts with a capital;
 *  2. list markers inside a list item ("1. one 2. two") and bullets;
 *  3. terminal punctuation (. ! ? ellipses), with the closing quotes and
 *     brackets that follow it, judged by the word before the period (from
 *     the lexicon) and the first word after it (case, lexicon).
 * The white space is read from the text rather than from token flags, so
 * the splitter works the same on news and uax29 tokens. Inside a sentence
 * only a token at a byte that sent_internal.h's scan stops at (terminal punctuation, a line
 * break, a multi-byte mark) can change anything, so the tokens before it are
 * passed over unread; the counts some rules need are taken when they ask.
 * Every look-ahead is bounded, and every scan of a block is done once, so the
 * pass is linear.
 */
#include <stdlib.h>
#include <string.h>

#include "pipe/utf8.h"
#include "sent_internal.h"
#include "sentsplit.h"

void sentsplit_opts_init(sentsplit_opts *opts)
{
    opts->paragraphs = 1;
    opts->max_sentence_bytes = 10000;
}

/* ---- characters ------------------------------------------------------------ */

/* Code point at s[i] (i < n), length in *w. An invalid or cut-off sequence
 * reads as U+FFFD of length 1, which is never a letter or a mark we know.
 * Lax: only the shape is checked, an encoded surrogate still reads as one
 * code point (it is no letter either). */
static uint32_t decode(const uint8_t *s, size_t n, size_t i, size_t *w)
{
    uint32_t cp = pipe_utf8_decode(s + i, n - i, w, PIPE_UTF8_LAX);
    return cp == PIPE_UTF8_INVALID ? 0xFFFD : cp;
}

/* Rough letter case for the scripts news uses (Latin, Greek, Cyrillic):
 * 1 upper, -1 lower, 0 not a cased letter. */
static int letter_case(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? 1 : (c >= 'a' && c <= 'z') ? -1 :
                                                                     0;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return 1;
    if (c >= 0xDF && c <= 0xFF && c != 0xF7)
        return -1;
    if (c >= 0x100 && c <= 0x17F)
        return (c & 1) ? -1 : 1; /* Latin Extended-A alternates (close enough) */
    if ((c >= 0x391 && c <= 0x3A9) || (c >= 0x400 && c <= 0x42F))
        return 1;
    if ((c >= 0x3B1 && c <= 0x3C9) || (c >= 0x430 && c <= 0x45F))
        return -1;
    return 0;
}

/* ---- token classes ---------------------------------------------------------- */

enum tclass {
    T_SPACE,    /* a white-space token (uax29 mode) */
    T_WORD,     /* starts with a letter */
    T_NUM,      /* starts with a digit */
    T_PERIOD,   /* "." */
    T_QE,       /* ? ! and runs of them (?! ‽ ⁉) */
    T_ELLIPSIS, /* ... or U+2026; "...." counts as period + ellipsis */
    T_OPEN,     /* ( [ { “ ‘ « ‹ */
    T_CLOSE,    /* ) ] } ” ’ » › */
    T_AQUOTE,   /* " ' : ASCII quotes, opening or closing by context */
    T_BULLET,   /* • ◦ ▪ ‣ ⁃ ● ▸ ► */
    T_DASH,     /* - * – — at a line start may be a bullet */
    T_SOFT,     /* , ; : where a forced split prefers to cut */
    T_OTHER
};

/* The classes a token that ends a sentence can have, as a bit set (one test per token). */
#define MAY_END ((1u << T_WORD) | (1u << T_NUM) | (1u << T_PERIOD) | (1u << T_QE) | (1u << T_ELLIPSIS))

typedef struct ctx {
    const uint8_t *t;
    const pipe_token *tk;
    size_t n;
    const sentsplit_lexicon *lex;
    sentsplit_opts o;
    pipe_sentence *out;
    size_t nout;
    size_t cap;           /* room in out */
    pipe_sentence **grow; /* where out lives when it may be reallocated, else NULL */
    size_t *grow_cap;
    int oom; /* out could not grow: the last record is overwritten, the run fails */

    /* the open sentence */
    int open;
    size_t first, last; /* token indexes */
    uint32_t flags;
    size_t words;       /* word and number tokens in [first, counted), counted up to 4 */
    size_t content;     /* tokens that are not punctuation in [first, counted) */
    size_t counted;     /* the next token count_to() looks at */
    int ended;          /* its last token closes terminal punctuation */
    int kept_abbr;      /* ... a period that an abbr-class word kept from ending it */
    int at_line_start;  /* it began at the start of a line */
    uint32_t line_from; /* byte where its current line began (a line wrapped after "and" goes on) */
    int multiline;      /* a line break occurred inside it */
    size_t marker_end;  /* tokens before this index are its list marker */
    uint64_t limit;     /* no token may end past this byte (max_sentence_bytes) */

    /* document state */
    uint32_t para;
    int para_used;    /* the current paragraph holds a token */
    int list_kind;    /* 0 none, 'n' numbers, 'a' letters */
    long list_next;   /* the marker value a next item would have */
    size_t block_end; /* first token after the current block (lazy) */
    int block_known, block_has_term;
    int block_colon; /* its last token is ':' (a wrapped paragraph leading into a list or quote) */
} ctx;

static const uint8_t *ttext(const ctx *c, size_t i, size_t *len)
{
    *len = c->tk[i].end - c->tk[i].start;
    return c->t + c->tk[i].start;
}

/* Is every code point of token i one of the terminal characters? */
static enum tclass punct_class(const ctx *c, size_t i)
{
    size_t len, w;
    const uint8_t *s = ttext(c, i, &len);
    uint32_t cp = decode(s, len, 0, &w);
    if (w == len) {
        switch (cp) {
        case '.':
            return T_PERIOD;
        case '!':
        case '?':
        case 0x203C:
        case 0x2047:
        case 0x2048:
        case 0x2049:
        case 0x203D:
        case 0xFF01:
        case 0xFF1F:
            return T_QE;
        case 0x2026:
            return T_ELLIPSIS;
        case 0x3002:
        case 0xFF0E:
        case 0xFF61:
            return T_PERIOD;
        case '(':
        case '[':
        case '{':
        case 0x201C:
        case 0x2018:
        case 0xAB:
        case 0x2039:
        case 0x201E:
        case 0x300C:
        case 0x300E:
        case 0x3010:
        case 0xFF08:
            return T_OPEN;
        case ')':
        case ']':
        case '}':
        case 0x201D:
        case 0x2019:
        case 0xBB:
        case 0x203A:
        case 0x300D:
        case 0x300F:
        case 0x3011:
        case 0xFF09:
            return T_CLOSE;
        case '"':
        case '\'':
            return T_AQUOTE;
        case 0x2022:
        case 0x25E6:
        case 0x25AA:
        case 0x2023:
        case 0x2043:
        case 0x25CF:
        case 0x25B8:
        case 0x25BA:
        case 0x2219:
            return T_BULLET;
        case '-':
        case '*':
        case 0x2013:
        case 0x2014:
            return T_DASH;
        case ',':
        case ';':
        case ':':
            return T_SOFT;
        default:
            return T_OTHER;
        }
    }
    /* multi-character punctuation: dot runs, ?! runs */
    int dots = 1, qe = 1;
    for (size_t k = 0; k < len; k++) {
        dots &= s[k] == '.';
        qe &= s[k] == '?' || s[k] == '!';
    }
    if (dots)
        return T_ELLIPSIS;
    if (qe)
        return T_QE;
    return T_OTHER;
}

/* Class of one-byte ASCII punctuation tokens, the most common kind after words. */
static const uint8_t ascii_class[128] = {
    ['.'] = T_PERIOD, ['!'] = T_QE, ['?'] = T_QE, ['('] = T_OPEN, ['['] = T_OPEN, ['{'] = T_OPEN, [')'] = T_CLOSE, [']'] = T_CLOSE, ['}'] = T_CLOSE, ['"'] = T_AQUOTE, ['\''] = T_AQUOTE, ['-'] = T_DASH, ['*'] = T_DASH, [','] = T_SOFT, [';'] = T_SOFT, [':'] = T_SOFT};

static inline enum tclass tclass_of(const ctx *c, size_t i)
{
    const pipe_token *t = &c->tk[i];
    if (t->kind == PIPE_TOK_SPACE)
        return T_SPACE;
    if (t->end <= t->start)
        return T_OTHER;
    uint8_t b = c->t[t->start];
    if (t->kind == PIPE_TOK_WORD)
        return (b >= '0' && b <= '9') ? T_NUM : T_WORD;
    if (t->end == t->start + 1 && b < 0x80 && t->kind != PIPE_TOK_NUMBER)
        return ascii_class[b] ? (enum tclass)ascii_class[b] : T_OTHER;
    if (t->kind == PIPE_TOK_PUNCT || t->kind == PIPE_TOK_SYMBOL || t->kind == PIPE_TOK_OTHER)
        return punct_class(c, i);
    if (b >= '0' && b <= '9')
        return T_NUM;
    if (t->kind == PIPE_TOK_NUMBER)
        return T_NUM;
    if (t->kind == PIPE_TOK_WORD)
        return T_WORD;
    return T_OTHER; /* url, email, mention, hashtag, emoji, invalid */
}

/* Case of the first letter of token i: 1 upper, -1 lower, 0 neither. */
static int tok_case(const ctx *c, size_t i)
{
    size_t len, w;
    const uint8_t *s = ttext(c, i, &len);
    if (len == 0 || c->tk[i].kind == PIPE_TOK_URL || c->tk[i].kind == PIPE_TOK_EMAIL)
        return 0;
    if (s[0] < 0x80)
        return (s[0] >= 'A' && s[0] <= 'Z') ? 1 : (s[0] >= 'a' && s[0] <= 'z') ? -1 :
                                                                                 0;
    return letter_case(decode(s, len, 0, &w));
}

/* Does word token i open with a lowercase letter and then a capital (iPhone, eBay,
 * mRNA)? Such a name starts a sentence as a capitalised word would. Two-letter units
 * (pH, kW) are left out. */
static int camel_start(const ctx *c, size_t i)
{
    size_t len;
    const uint8_t *s = ttext(c, i, &len);
    return len >= 3 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* The token's last byte is a period; an empty token (the layer contract allows [0, 0)) has none. */
static inline int ends_in_period(const char *text, const pipe_token *t)
{
    return t->end > t->start && text[t->end - 1] == '.';
}

/* ---- white space between tokens ---------------------------------------------- */

enum { GAP_NONE = 0,
       GAP_SPACE = 1,
       GAP_LINE = 2,
       GAP_BLANK = 3 };

/* What separates byte offset from and to: nothing, spaces, one line break, or a blank line. */
static int gap_kind(const ctx *c, size_t from, size_t to)
{
    int lines = 0, any = 0;
    for (size_t p = from; p < to; p++) {
        uint8_t b = c->t[p];
        any = 1;
        if (b == '\n' || (b == '\r' && (p + 1 >= to || c->t[p + 1] != '\n')) || b == '\f' || b == '\v')
            lines++;
        else if (b == 0xE2 && p + 2 < to && c->t[p + 1] == 0x80 && (c->t[p + 2] == 0xA8 || c->t[p + 2] == 0xA9))
            lines += c->t[p + 2] == 0xA9 ? 2 : 1; /* line / paragraph separator */
    }
    return lines >= 2 ? GAP_BLANK : lines == 1 ? GAP_LINE :
                                any            ? GAP_SPACE :
                                                 GAP_NONE;
}

/* Previous / next token that is not white space (n or SIZE_MAX when none). */
static size_t next_tok(const ctx *c, size_t i)
{
    while (i < c->n && c->tk[i].kind == PIPE_TOK_SPACE)
        i++;
    return i;
}

/* Gap before token i, measured from the end of the previous non-space token. */
static int gap_before_slow(const ctx *c, size_t i)
{
    size_t p = i;
    while (p > 0 && c->tk[p - 1].kind == PIPE_TOK_SPACE)
        p--;
    if (p == 0) {
        /* the first token of the text starts a line */
        int g = gap_kind(c, 0, c->tk[i].start);
        return g > GAP_LINE ? g : GAP_LINE;
    }
    return gap_kind(c, c->tk[p - 1].end, c->tk[i].start);
}

/* The same, with the usual cases first: nothing, one space, one line break, or two after
 * a token (what gap_kind() says of those bytes). */
static inline int gap_before(const ctx *c, size_t i)
{
    if (i > 0 && c->tk[i - 1].kind != PIPE_TOK_SPACE) {
        uint32_t pe = c->tk[i - 1].end, s = c->tk[i].start;
        if (s == pe)
            return GAP_NONE;
        if (s == pe + 1) {
            uint8_t b = c->t[pe];
            if (b == ' ')
                return GAP_SPACE;
            if (b == '\n')
                return GAP_LINE;
        } else if (s == pe + 2 && c->t[pe] == '\n' && c->t[pe + 1] == '\n') {
            return GAP_BLANK;
        }
    }
    return gap_before_slow(c, i);
}

/* ---- lexicon lookups --------------------------------------------------------- */

/* Class of a word as written, or in the other spellings a position forces
 * on it: capitalised at a sentence start (co -> Co), all capitals in a
 * headline (INC -> Inc, CO -> co). */
static unsigned lookup(const ctx *c, const uint8_t *w, size_t len)
{
    char buf[64];
    unsigned cls;
    if (!c->lex || len == 0 || len >= sizeof buf)
        return 0;
    if ((cls = sentsplit_lexicon_get(c->lex, (const char *)w, len)) != 0)
        return cls;
    if (w[0] >= 'a' && w[0] <= 'z')
        return 0; /* the other spellings are all for words with a capital first or only capitals */
    memcpy(buf, w, len);
    int upper = 0, lower = 0;
    for (size_t k = 0; k < len; k++) {
        upper += buf[k] >= 'A' && buf[k] <= 'Z';
        lower += buf[k] >= 'a' && buf[k] <= 'z';
    }
    if (upper == 0)
        return 0;
    if (buf[0] >= 'A' && buf[0] <= 'Z') {
        buf[0] = (char)(buf[0] | 0x20);
        if ((cls = sentsplit_lexicon_get(c->lex, buf, len)) != 0)
            return cls;
    }
    if (lower == 0 && len > 1) {
        for (size_t k = 1; k < len; k++)
            if (buf[k] >= 'A' && buf[k] <= 'Z')
                buf[k] = (char)(buf[k] | 0x20);
        if ((cls = sentsplit_lexicon_get(c->lex, buf, len)) != 0)
            return cls; /* all lower: co, etc, a.m */
        buf[0] = (char)(buf[0] & ~0x20);
        return sentsplit_lexicon_get(c->lex, buf, len); /* title case: Inc, Gen */
    }
    return 0;
}

/* Is token i a word that typically starts a sentence (The, He, However)? */
static int is_starter(const ctx *c, size_t i)
{
    size_t len;
    const uint8_t *s = ttext(c, i, &len);
    return i < c->n && (lookup(c, s, len) & SENTSPLIT_STARTER) != 0;
}

/* ---- list markers ------------------------------------------------------------- */

/* Could a word starting with byte b be a lowercase Roman numeral (ii, iv, xii)? */
static inline int roman_lead(uint8_t b)
{
    return b == 'i' || b == 'v' || b == 'x';
}

/* The value of w[0..len) as a lowercase Roman numeral of two letters or more written the
 * usual way (ii, iv, xiv, up to xxxix), or 0. Single letters (i, v, x) are letter markers. */
static long roman_value(const uint8_t *w, size_t len)
{
    static const char *const ones[] = {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"};
    size_t tens = 0;
    if (len < 2 || len > 8)
        return 0;
    while (tens < len && tens < 3 && w[tens] == 'x')
        tens++;
    for (long v = 0; v < 10; v++) {
        size_t ol = strlen(ones[v]);
        if (tens + ol == len && memcmp(w + tens, ones[v], ol) == 0)
            return (long)tens * 10 + v;
    }
    return 0;
}

/* A list marker starting at token i: "1." "1)" "1.)" "(1)" "a." "a)" "iv)", followed
 * by white space. Returns the index after it (0 if none), its kind and value. */
static size_t list_marker(const ctx *c, size_t i, int *kind, long *value)
{
    size_t j = i, len;
    if (j < c->n && tclass_of(c, j) == T_OPEN && c->t[c->tk[j].start] == '(')
        j++;
    if (j >= c->n)
        return 0;
    const uint8_t *s = ttext(c, j, &len);
    enum tclass k = tclass_of(c, j);
    if (k == T_NUM && len <= 3 && c->tk[j].kind == PIPE_TOK_NUMBER) {
        long v = 0;
        for (size_t q = 0; q < len; q++) {
            if (s[q] < '0' || s[q] > '9')
                return 0;
            v = v * 10 + (s[q] - '0');
        }
        *kind = 'n';
        *value = v;
    } else if (k == T_WORD && len == 1 && s[0] >= 'a' && s[0] <= 'z') {
        *kind = 'a';
        *value = s[0];
    } else if (k == T_WORD && roman_lead(s[0]) && (*value = roman_value(s, len)) != 0) {
        *kind = 'r';
    } else {
        return 0;
    }
    j++;
    int closed = 0;
    for (int q = 0; q < 2 && j < c->n && gap_before(c, j) == GAP_NONE; q++, j++) {
        enum tclass pk = tclass_of(c, j);
        if (pk == T_PERIOD && q == 0 && c->t[c->tk[j].start] == '.')
            closed = 1;
        else if (pk == T_CLOSE && c->t[c->tk[j].start] == ')')
            closed = 1;
        else
            break;
    }
    if (!closed)
        return 0;
    /* the item must have content after white space */
    size_t nx = next_tok(c, j);
    if (nx >= c->n || gap_before(c, nx) < GAP_SPACE)
        return 0;
    return nx;
}

/* A bullet (or dash at a line start) followed by white space or a marker. */
static int is_bullet(const ctx *c, size_t i, int line_start)
{
    enum tclass k = tclass_of(c, i);
    if (k != T_BULLET && !(k == T_DASH && line_start))
        return 0;
    size_t j = next_tok(c, i + 1);
    return j < c->n && (k == T_BULLET || gap_before(c, j) >= GAP_SPACE);
}

/* ---- emitting ------------------------------------------------------------------ */

/* Room for one more record in a growable out: doubled, so a document costs O(log) reallocations. */
static int out_grow(ctx *c)
{
    size_t nc = c->cap * 2;
    pipe_sentence *p = c->grow && nc <= SIZE_MAX / sizeof *p ? realloc(c->out, nc * sizeof *p) : NULL;
    if (!p)
        return -1;
    c->out = *c->grow = p;
    c->cap = *c->grow_cap = nc;
    return 0;
}

static inline void close_sentence(ctx *c, size_t last, uint32_t extra)
{
    if (c->nout == c->cap && out_grow(c)) {
        c->oom = 1;
        c->nout--;
    }
    pipe_sentence *s = &c->out[c->nout++];
    s->start = c->tk[c->first].start;
    s->end = c->tk[last].end;
    s->first_token = (uint32_t)c->first;
    s->n_tokens = (uint32_t)(last - c->first + 1);
    s->paragraph = c->para;
    s->flags = c->flags | extra;
    if (!c->ended && !(extra & PIPE_SENTF_FORCED_SPLIT))
        s->flags |= PIPE_SENTF_NO_FINAL_PUNCT;
    c->open = 0;
}

static inline void open_sentence(ctx *c, size_t i, int gap, enum tclass k)
{
    int kind;
    long value;
    c->open = 1;
    c->first = c->last = i;
    c->limit = c->o.max_sentence_bytes ? (uint64_t)c->tk[i].start + c->o.max_sentence_bytes : UINT64_MAX;
    c->flags = 0;
    c->words = 0;
    c->content = 0;
    c->counted = i;
    c->ended = 0;
    c->at_line_start = gap >= GAP_LINE;
    c->line_from = c->tk[i].start;
    c->multiline = 0;
    c->marker_end = i;
    size_t j = i; /* k is its class */
    /* Most sentences start with a word of two letters or more: neither a bullet nor a marker. */
    if (k == T_WORD && c->tk[j].end - c->tk[j].start > 1 && !roman_lead(c->t[c->tk[j].start]))
        return;
    if (is_bullet(c, j, c->at_line_start)) {
        c->flags |= PIPE_SENTF_LIST_ITEM;
        j = next_tok(c, j + 1);
        c->marker_end = j;
    }
    size_t m = list_marker(c, j, &kind, &value);
    if (m) {
        c->flags |= PIPE_SENTF_LIST_ITEM;
        c->marker_end = m;
        c->list_kind = kind;
        c->list_next = value + 1;
    }
}

/* ---- line structure ------------------------------------------------------------- */

/* Does the current block (up to the next blank line) contain terminal
 * punctuation? Scanned once per block. */
static int block_has_terminal(ctx *c, size_t from)
{
    if (c->block_known && from < c->block_end)
        return c->block_has_term;
    int term = 0;
    size_t i = from;
    for (; i < c->n; i++) {
        if (i > from && c->tk[i].kind != PIPE_TOK_SPACE && gap_before(c, i) == GAP_BLANK)
            break;
        enum tclass k = tclass_of(c, i);
        term |= k == T_PERIOD || k == T_QE || k == T_ELLIPSIS ||
                (c->tk[i].end > c->tk[i].start && c->t[c->tk[i].end - 1] == '.');
    }
    size_t last = i;
    while (last > from && c->tk[last - 1].kind == PIPE_TOK_SPACE)
        last--;
    c->block_known = 1;
    c->block_end = i;
    c->block_has_term = term;
    c->block_colon = last > from && c->tk[last - 1].end == c->tk[last - 1].start + 1 &&
                     c->t[c->tk[last - 1].start] == ':';
    return term;
}

/* Is the open sentence one short line of its own (a headline, byline or caption)? */
static int short_line(const ctx *c)
{
    return c->at_line_start && !c->multiline && c->tk[c->last].end - c->line_from < 60;
}

/* A line break (or, paragraphs off, a blank line) before token i inside the
 * open sentence: does it end the sentence (1)? -1: no, and the next line is read as
 * the same line (a short headline or table row wrapped after "and" is still one). */
static int line_break_ends(ctx *c, size_t i, int gap)
{
    int kind;
    long value;
    int lc = tok_case(c, i);
    enum tclass k = tclass_of(c, i);
    /* Only a bullet, dash, '(' or a number, single letter or Roman numeral can start a list
     * item: the usual word after a line break skips both scans. */
    size_t ilen = c->tk[i].end - c->tk[i].start;
    int may_mark = k == T_BULLET || k == T_DASH || k == T_OPEN || k == T_NUM ||
                   (k == T_WORD && (ilen == 1 || roman_lead(c->t[c->tk[i].start])));
    if (may_mark && (is_bullet(c, i, 1) || list_marker(c, i, &kind, &value)))
        return 1;
    if (c->ended)
        /* Punctuation already had its say (Mr.<newline>Smith), except that an abbreviation
         * closing a short line of its own before a capital ("By Tom Hale Jr." over
         * "DETROIT -", "Reporting by Ann Roe in Boston, Mass." over "Editing by") is read
         * as the end of that line's sentence. */
        return c->kept_abbr && gap == GAP_LINE && lc > 0 && short_line(c);
    size_t len;
    const uint8_t *s = ttext(c, c->last, &len);
    enum tclass lk = tclass_of(c, c->last);
    if (lk == T_SOFT || lk == T_DASH || (len == 1 && s[0] == '&'))
        return 0; /* the line is obviously continued */
    /* start > 0: an empty token may share a word's start (allowed by the layer contract), so a
     * later token index does not promise a byte before the word. */
    if (lk == T_WORD && s[0] >= 'a' && s[0] <= 'z' && c->last > c->first && c->tk[c->last].start > 0 &&
        (c->t[c->tk[c->last].start - 1] == ' ' || c->t[c->tk[c->last].start - 1] == '\t') &&
        (lookup(c, s, len) & SENTSPLIT_JOINER)) {
        c->line_from = c->tk[i].start;
        return -1; /* wrapped after "and", "by", "of": the sentence goes on, judged by its new line */
    }
    int capital_next = lc > 0 || k == T_NUM || k == T_OPEN || k == T_AQUOTE;
    if (gap == GAP_BLANK)
        return lc >= 0; /* paragraphs off: a blank line after an unpunctuated line */
    if (!block_has_terminal(c, c->first) && !c->block_colon)
        return 1; /* lines of a block without any punctuation: a menu, a list, headlines; but a
                     block that ends with ':' is a wrapped paragraph leading into what follows */
    /* a short line of its own (headline, byline, caption) before a capital */
    return capital_next && short_line(c);
}

/* ---- terminal punctuation ------------------------------------------------------- */

/* Bytes that end word_before()'s scan: 1 always (white space, opening bracket or quote),
 * 2 as the last byte of U+201C, U+2018 or U+00A0, or an apostrophe that is not between
 * two letters (can't, board's are words; 'Stop is a quote and a word). */
static const uint8_t word_stop[256] = {[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, ['('] = 1, ['['] = 1, ['"'] = 1, ['\''] = 2, ['{'] = 1, [0x9C] = 2, [0x98] = 2, [0xA0] = 2};

static int ascii_letter(uint8_t b)
{
    return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
}

/* The word before the period at token i: bytes back to white space or an
 * opening bracket or quote, digits in front of letters dropped (5p.m). */
static const uint8_t *word_before(const ctx *c, size_t i, size_t *wlen)
{
    size_t end = c->tk[i].start, p = end;
    size_t floor = end > 64 ? end - 64 : 0;
    while (p > floor) {
        uint8_t b = c->t[p - 1];
        if (!word_stop[b]) {
            p--; /* the usual byte: one table test */
            continue;
        }
        if (word_stop[b] == 1)
            break;
        if (b == 0x9C && p >= 3 && c->t[p - 3] == 0xE2 && c->t[p - 2] == 0x80)
            break; /* U+201C */
        if (b == 0x98 && p >= 3 && c->t[p - 3] == 0xE2 && c->t[p - 2] == 0x80)
            break; /* U+2018 */
        if (b == 0xA0 && p >= 2 && c->t[p - 2] == 0xC2)
            break; /* no-break space */
        if (b == '\'' && !(p >= 2 && p < end && ascii_letter(c->t[p - 2]) && ascii_letter(c->t[p])))
            break;
        p--;
    }
    /* Digits in front of letters are dropped when that leaves a known word (5p.m),
     * not otherwise (3M, 4K are words of their own). */
    size_t q = p;
    while (q < end && c->t[q] >= '0' && c->t[q] <= '9')
        q++;
    if (q < end && q > p && ascii_letter(c->t[q]) && lookup(c, c->t + q, end - q))
        p = q;
    *wlen = end - p;
    return c->t + p;
}

/* Is the text w[0..len) a single letter (any script)? Returns its case or 0. */
static int single_letter(const uint8_t *w, size_t len)
{
    size_t k;
    if (len == 0 || len > 4 || (len > 1 && w[0] < 0x80))
        return 0; /* more than one code point */
    uint32_t cp = decode(w, len, 0, &k);
    return k == len ? letter_case(cp) : 0;
}

enum term { TERM_PERIOD,
            TERM_QE,
            TERM_ELLIPSIS };

/* The token after a terminal cluster, as absorb() found it. */
struct next {
    size_t k;       /* its index, n when the text ends */
    int gap;        /* the white space before it */
    enum tclass kc; /* its class */
};

/* Bring the word and content counts of the open sentence up to token i, or
 * until they stop mattering: `words` words, or (words 0) any content. The
 * rules ask for them only at some terminals, so the tokens the scan passes
 * over are usually never looked at. */
static void count_to(ctx *c, size_t i, size_t words)
{
    for (; c->counted <= i && (c->content == 0 || c->words < words); c->counted++) {
        enum tclass k = tclass_of(c, c->counted);
        c->words += k == T_WORD || k == T_NUM;
        c->content += k == T_WORD || k == T_NUM || k == T_OTHER;
    }
}

/* When the word before the period at token i is a token of its own (i - 1), the
 * index of the token before that word, if on the same line after a space; else n. */
static size_t before_word(const ctx *c, size_t i)
{
    size_t p = i - 1, q;
    if (i < 2 || p <= c->first || c->tk[p].kind != PIPE_TOK_WORD || c->tk[p].end != c->tk[i].start)
        return c->n;
    for (q = p - 1; q > c->first && tclass_of(c, q) == T_SPACE; q--)
        ;
    return gap_kind(c, c->tk[q].end, c->tk[p].start) == GAP_SPACE ? q : c->n;
}

/* Is that word preceded by a capitalised word the lexicon does not know (Main St., not
 * Lt. Gov.)? */
static int after_name(const ctx *c, size_t i)
{
    size_t q = before_word(c, i), len;
    if (q >= c->n || tclass_of(c, q) != T_WORD || tok_case(c, q) <= 0)
        return 0;
    const uint8_t *s = ttext(c, q, &len);
    return (lookup(c, s, len) & SENTSPLIT_CLASS_MASK) == 0;
}

/* Is that word right after a number (a unit: 500 kg., 50 m.)? */
static int unit_after_number(const ctx *c, size_t i)
{
    size_t q = before_word(c, i);
    return q < c->n && tclass_of(c, q) == T_NUM;
}

/* Is w[0..len) two capitals or more with no lowercase letter (IE, SP, MR, INC)? */
static int all_caps(const uint8_t *w, size_t len)
{
    size_t upper = 0;
    for (size_t k = 0; k < len; k++) {
        if (w[k] >= 'a' && w[k] <= 'z')
            return 0;
        upper += w[k] >= 'A' && w[k] <= 'Z';
    }
    return upper >= 2;
}

/* The all-caps word before the period at token i (wb[0..wl)) matched the lexicon only as
 * another spelling (ie, Sp, Adm): is that spelling wrong here? It is right in a headline
 * (MR. SMITH WENT, JUSTICE DEPT. PLAN) and for a word opening a sentence (MR. Smith);
 * in mixed-case text before a capitalised word it is an acronym of its own (switched to
 * IE. Later, the Game Boy SP. Sales). */
static int caps_acronym(const ctx *c, size_t i, size_t w, const uint8_t *wb, size_t wl)
{
    size_t len, q;
    const uint8_t *s = ttext(c, w, &len);
    if (all_caps(s, len) || sentsplit_lexicon_get(c->lex, (const char *)wb, wl))
        return 0;
    if ((q = before_word(c, i)) >= c->n)
        return 0;
    s = ttext(c, q, &len);
    return !all_caps(s, len);
}

/* Does the dotted word w[0..len) end in a lowercase part of two letters or more after its
 * last inner period (app.log, example.org), as names of files and hosts do? */
static int lower_suffix(const uint8_t *w, size_t len)
{
    size_t k = len;
    while (k > 0 && w[k - 1] >= 'a' && w[k - 1] <= 'z')
        k--;
    return len - k >= 2 && k > 0 && w[k - 1] == '.';
}

/* Does a period (token i) after a word of lexicon class cls end the sentence,
 * given the next word w (capitalised? a number?)? */
static int by_class(ctx *c, unsigned cls, size_t i, size_t w, int capital, int digit)
{
    switch (cls) {
    case SENTSPLIT_TITLE:
        /* "Main St. Nobody was hurt": after a capitalised word the title is the end of a
         * name (a street); before a name it stays a title ("at St. Andrew's") */
        if (!(capital && is_starter(c, w) && after_name(c, i)))
            return 0;
        count_to(c, i, 4);
        return c->words >= 3;
    case SENTSPLIT_NEVER:
        return 0;
    case SENTSPLIT_NUMBER:
    case SENTSPLIT_MONTH:
        return !digit; /* No. 10, Jan. 5; otherwise a plain word */
    case SENTSPLIT_TIME:
    case SENTSPLIT_FINAL:
        /* 6 P.M. Mr. Smith, "pears, etc. Farmers grow": an end, unless what precedes
         * is only a fragment ("At 5 a.m. Mr. Smith went") or the time goes on
         * ("5 p.m. Monday", "9 a.m. EDT") */
        if (!(capital || digit))
            return 0;
        if (capital && cls == SENTSPLIT_TIME) {
            size_t wl;
            const uint8_t *ws = ttext(c, w, &wl);
            if ((lookup(c, ws, wl) & SENTSPLIT_CLASS_MASK) == SENTSPLIT_CLOCK)
                return 0;
        }
        count_to(c, i, 4);
        return c->words > 3;
    case SENTSPLIT_ABBR:
        if (!(capital && is_starter(c, w)))
            return 0;
        count_to(c, i, 4);
        return c->words >= 2;
    default:
        return 1; /* an ordinary word, a number or a symbol */
    }
}

/* The bytes of a spaced dash at token k ("-", "--", "–", "—": one dash character, repeated
 * at most three times, white space on both sides), or NULL; its length in *len. */
static const uint8_t *spaced_dash(const ctx *c, size_t k, size_t *len)
{
    size_t p = c->tk[k].start, q = p, tlen = c->tk[c->n - 1].end;
    const uint8_t *t = c->t;
    int en_em = t[p] == 0xE2 && p + 2 < tlen && t[p + 1] == 0x80 && (t[p + 2] == 0x93 || t[p + 2] == 0x94);
    size_t w = t[p] == '-' ? 1 : en_em ? 3 :
                                         0;
    if (w == 0 || p == 0 || (t[p - 1] != ' ' && t[p - 1] != '\t'))
        return NULL;
    while (q + w <= tlen && q - p < 3 * w && memcmp(t + q, t + p, w) == 0)
        q += w;
    if (q >= tlen || (t[q] != ' ' && t[q] != '\t' && t[q] != '\n'))
        return NULL;
    *len = q - p;
    return t + p;
}

/* Is the ? or ! at token i inside a parenthetical that goes on after it: between dashes
 * (and -- presto! -- the file; the next token k is the closing dash, an odd number of the
 * same dashes before it in the sentence) or in a bracket that closes on the same line
 * with no other terminal first ([14: sure? 09:12])? Looks at most 64 tokens back and
 * 16 ahead. */
static int qe_inside(const ctx *c, size_t i, size_t k)
{
    size_t dl, ol, from = i - c->first > 64 ? i - 64 : c->first;
    const uint8_t *dash = c->tk[k].start > c->tk[i].end ? spaced_dash(c, k, &dl) : NULL;
    int opened = 0, depth = 0;
    for (size_t q = i; q-- > from;) {
        uint8_t b = c->t[c->tk[q].start];
        if (dash && (b == '-' || b == 0xE2)) {
            const uint8_t *o = spaced_dash(c, q, &ol);
            opened ^= o && ol == dl && memcmp(o, dash, dl) == 0;
        } else if (b == ')' || b == ']') {
            depth--;
        } else if (b == '(' || b == '[') {
            depth++;
        }
    }
    if (dash)
        return opened;
    if (depth <= 0)
        return 0;
    for (size_t m = k, steps = 0; m < c->n && steps < 16; m = next_tok(c, m + 1), steps++) {
        if (gap_before(c, m) >= GAP_LINE)
            return 0;
        enum tclass km = tclass_of(c, m);
        if (km == T_PERIOD || km == T_QE || km == T_ELLIPSIS || km == T_OPEN)
            return 0;
        if (km == T_CLOSE && (c->t[c->tk[m].start] == ')' || c->t[c->tk[m].start] == ']'))
            return 1;
    }
    return 0;
}

/* A capital letter and its period at token i are followed by k (the token after the
 * cluster) and the capitalised word w (after any opening quotes): does the letter close a
 * name and the sentence (Plan B. The, Mr K. "No comment")? The next token decides:
 *  - an opening quote or bracket: yes, unless it holds a nickname of one or two words
 *    followed by a capitalised name (John D. "Jay" Rockefeller);
 *  - a sentence starter: yes, after a word or more (Plan B. The, Mr K. He, Plan B. I),
 *    unless it is a letter that is an initial itself (by J. A. Smith, R. I. Lee);
 *  - anything else is the rest of a name (George W. Bush, J. R. R. Tolkien). */
static int letter_closes_name(ctx *c, size_t i, size_t k, size_t w)
{
    if (w != k && c->tk[k].start > c->tk[i].end) {
        size_t e = next_tok(c, w + 1);
        if (e < c->n && tclass_of(c, e) == T_WORD && gap_before(c, e) == GAP_SPACE && tok_case(c, e) > 0)
            e = next_tok(c, e + 1);
        if (e < c->n && gap_before(c, e) == GAP_NONE &&
            (tclass_of(c, e) == T_AQUOTE || tclass_of(c, e) == T_CLOSE)) {
            size_t f = next_tok(c, e + 1);
            return !(f < c->n && gap_before(c, f) == GAP_SPACE && tok_case(c, f) > 0);
        }
        return 1;
    }
    if ((c->tk[w].end == c->tk[w].start + 1 && w + 1 < c->n && c->t[c->tk[w].end] == '.') ||
        !is_starter(c, w))
        return 0;
    count_to(c, i, 2);
    return c->words >= 2;
}

/* Is the terminal at token i (k the token after its cluster) a lone '!' that belongs to the
 * name before it (Yahoo! Finance, Jeopardy! host: conf/sentences-exclaim-en.txt)? */
static int exclaim_name(const ctx *c, size_t i, size_t k)
{
    size_t len, p = k;
    while (p > i + 1 && c->tk[p - 1].kind == PIPE_TOK_SPACE)
        p--;
    if (p != i + 1 || i <= c->first || c->t[c->tk[i].start] != '!' || c->tk[i].end != c->tk[i].start + 1 ||
        c->tk[i - 1].end != c->tk[i].start || tok_case(c, i - 1) <= 0)
        return 0;
    const uint8_t *s = ttext(c, i - 1, &len);
    return (lookup(c, s, len) & SENTSPLIT_CLASS_MASK) == SENTSPLIT_EXCLAIM;
}

/* Decide whether the terminal cluster at token i (and the tokens absorb()
 * took after it) ends the sentence, given what follows the cluster. */
static int ends_here(ctx *c, size_t i, const struct next *nx, enum term type, int spaced, size_t dots)
{
    size_t k = nx->k;
    c->kept_abbr = 0;
    if (k >= c->n)
        return 1;
    int gap = nx->gap;
    if (gap == GAP_BLANK && c->o.paragraphs)
        return 1;
    count_to(c, i, 0);
    if (c->content == 0)
        return 0; /* only punctuation so far ("!!! ???"): not a sentence yet */
    int kind;
    long value;
    enum tclass kc = nx->kc;
    if (gap >= GAP_SPACE && (((kc == T_BULLET || kc == T_DASH) && is_bullet(c, k, gap >= GAP_LINE)) ||
                             ((c->flags & PIPE_SENTF_LIST_ITEM) && list_marker(c, k, &kind, &value))))
        return 1;
    /* The first word after opening quotes and brackets decides. */
    size_t w = k;
    enum tclass wc = kc;
    for (int q = 0; q < 8 && (wc == T_OPEN || wc == T_AQUOTE); q++) {
        w = next_tok(c, w + 1);
        if (w >= c->n)
            return 1;
        wc = tclass_of(c, w);
    }
    int wcase = tok_case(c, w);
    if (wcase < 0 && wc == T_WORD && camel_start(c, w))
        wcase = 1;
    if (wcase < 0)
        return 0; /* "Are you sure?" he asked. / e.g. this / Yahoo! in */
    if (c->tk[i].kind == PIPE_TOK_PUNCT && c->t[c->tk[i].start] >= 0xE3)
        return 1; /* 。 ． ｡ ！ ？: the stops of CJK text end before anything but a lowercase
                     word; no space follows them there, no abbreviation or number uses them */
    if (gap == GAP_NONE) {
        /* Nothing between the terminal and the next token: year.The and over?Analysts
         * are two sentences run together; Jr.'s, 3.) and Yahoo!Finance (a capital before
         * the mark: a name) are not. */
        if (!(kc == T_WORD && wcase > 0 && c->tk[i].kind == PIPE_TOK_PUNCT &&
              (type == TERM_PERIOD || (type == TERM_QE && i > c->first && tok_case(c, i - 1) < 0))))
            return 0;
    }
    int capital = wcase > 0;
    int digit = wc == T_NUM;

    if (type == TERM_QE && qe_inside(c, i, k))
        return 0; /* and -- presto! -- the file opened; [14: sure? 09:12] */
    if (type == TERM_QE)
        return !exclaim_name(c, i, k) || by_class(c, SENTSPLIT_ABBR, i, w, capital, digit);
    if (type == TERM_ELLIPSIS) {
        /* An ellipsis with space before it marks words left out inside a
         * sentence; one attached to a word ends it when a typical
         * sentence starter follows. */
        if (spaced || !capital)
            return 0;
        size_t l;
        const uint8_t *s = ttext(c, w, &l);
        return is_starter(c, w) && !(l == 1 && s[0] == 'I');
    }
    /* A period after an ellipsis or after white space ends the sentence. */
    if (dots >= 4 || spaced)
        return 1;
    if (c->tk[i].kind != PIPE_TOK_PUNCT) {
        /* a token with inner periods that kept the final one: U.S. e.g. a.m. 5p.m. */
        size_t tl;
        const uint8_t *ts = ttext(c, i, &tl);
        tl--;
        while (tl > 0 && ts[0] >= '0' && ts[0] <= '9') {
            ts++;
            tl--;
        }
        unsigned cls = lookup(c, ts, tl) & SENTSPLIT_CLASS_MASK;
        c->kept_abbr = cls == SENTSPLIT_ABBR;
        if (!cls && lower_suffix(ts, tl))
            return 1; /* a file or host name (app.log., example.org.): a plain word */
        return by_class(c, cls ? cls : SENTSPLIT_ABBR, i, w, capital, digit);
    }

    size_t wl;
    const uint8_t *wb = word_before(c, i, &wl);
    if (wl == 0 || i == 0)
        return 1;
    unsigned cls = lookup(c, wb, wl) & SENTSPLIT_CLASS_MASK;
    const pipe_token *pt = &c->tk[i - 1];
    if (!cls && pt->kind == PIPE_TOK_WORD && pt->end == c->tk[i].start && c->t + pt->start > wb &&
        !(c->t[pt->start - 1] >= '0' && c->t[pt->start - 1] <= '9') && c->t[pt->start - 1] != 0xB0) {
        /* sentences run together (Tuesday.Mr.), a name in brackets (<Mr. Jax>, Tampa/St.
         * Petersburg): judge the last word alone, but not a unit after a number (40 °C.) */
        wb = c->t + pt->start;
        wl = pt->end - pt->start;
        cls = lookup(c, wb, wl) & SENTSPLIT_CLASS_MASK;
    }
    if (cls && capital && all_caps(wb, wl) && (cls != SENTSPLIT_TITLE || is_starter(c, w)) &&
        caps_acronym(c, i, w, wb, wl))
        cls = 0; /* a title respelled stays one before a name (met MR. Smith), not before The */
    int single = cls ? 0 : single_letter(wb, wl);
    if (!cls && wl >= 3 && wb[wl - 2] == '\'' && wb[wl - 1] >= 'A' && wb[wl - 1] <= 'Z')
        single = 1; /* an initial after an apostrophe: David O'B. Martin */
    if (single > 0) {
        /* "you and I. Did" is an end; "Albert I. Jones", "Jonas E. Smith" are initials. */
        size_t p = i - 1;
        while (p > c->first && tclass_of(c, p - 1) == T_SPACE)
            p--;
        int prev_case = p > c->first ? tok_case(c, p - 1) : 0;
        if (wl == 1 && wb[0] == 'I' && prev_case <= 0 && p > c->first && tclass_of(c, p - 1) != T_PERIOD)
            return 1; /* the pronoun, not an initial after another (R. I. Lee) */
        return capital && letter_closes_name(c, i, k, w);
    }
    if ((single < 0 || (cls == SENTSPLIT_ABBR && wb[0] >= 'a' && wb[0] <= 'z')) && capital &&
        unit_after_number(c, i))
        return by_class(c, SENTSPLIT_FINAL, i, w, capital, digit); /* 14,411 ft. Climbers, 50 m. Swimmers */
    if (single < 0)                                                /* p. 55, a lowercase one-letter abbreviation */
        return digit ? 0 : by_class(c, SENTSPLIT_ABBR, i, w, capital, digit);
    c->kept_abbr = cls == SENTSPLIT_ABBR;
    return by_class(c, cls, i, w, capital, digit);
}

/* Is token i (of class k) a terminal, and of which kind? 0 when not. */
static int terminal_at(const ctx *c, size_t i, enum tclass k, enum term *type, size_t *dots)
{
    *dots = 1;
    if (k == T_PERIOD) { /* the usual one, before the switch's jump */
        *type = TERM_PERIOD;
        return 1;
    }
    size_t len;
    const uint8_t *s = ttext(c, i, &len);
    switch (k) {
    case T_QE:
        *type = TERM_QE;
        return 1;
    case T_ELLIPSIS:
        *dots = s[0] == '.' ? len : 3;
        *type = *dots >= 4 ? TERM_PERIOD : TERM_ELLIPSIS;
        return 1;
    case T_WORD:
    case T_NUM:
        /* U.S. e.g. a.m.: the tokenizer keeps the final period in the token */
        if (len >= 2 && s[len - 1] == '.' && ((c->tk[i].flags & PIPE_TOKF_ABBREV) || memchr(s, '.', len - 1))) {
            *type = TERM_PERIOD;
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/* Do three spaced dots from token k on (". . .") lead into a capitalised word?
 * After a period attached to a word ("units. . . . The"), that is the
 * convention for words left out at the start of the next sentence: the
 * period ends this one and the ellipsis opens the next. */
__attribute__((noinline, cold)) static int spaced_ellipsis_opens(const ctx *c, size_t k)
{
    size_t d = k;
    for (int q = 1; q < 3; q++) {
        size_t e = next_tok(c, d + 1);
        if (e >= c->n || tclass_of(c, e) != T_PERIOD || c->tk[e].start - c->tk[d].end != 1 ||
            gap_before(c, e) != GAP_SPACE)
            return 0;
        d = e;
    }
    size_t w = next_tok(c, d + 1);
    return w < c->n && gap_before(c, w) == GAP_SPACE && tok_case(c, w) > 0; /* same line */
}

/* Absorb what belongs to the terminal at token i: more ?!, spaced dots
 * (". . ."), closing quotes and brackets. Returns the last token absorbed,
 * and in *nx the token after it (n if none) with its gap and class. */
/* If token k is a "[" that opens a short reference mark on one line ([1], [citation
 * needed]) closed by "]" before white space, another "[" or the end, the index of that
 * "]"; else 0. */
static size_t footnote_end(const ctx *c, size_t k)
{
    size_t len;
    const uint8_t *s = ttext(c, k, &len);
    if (len != 1 || s[0] != '[')
        return 0;
    size_t m = next_tok(c, k + 1);
    for (int steps = 0; m < c->n && steps < 8; m = next_tok(c, m + 1), steps++) {
        if (gap_before(c, m) >= GAP_LINE)
            return 0;
        enum tclass km = tclass_of(c, m);
        if (km == T_PERIOD || km == T_QE || km == T_ELLIPSIS || km == T_OPEN)
            return 0;
        s = ttext(c, m, &len);
        if (len == 1 && s[0] == ']') {
            size_t q = next_tok(c, m + 1);
            if (q >= c->n || gap_before(c, q) != GAP_NONE)
                return m;
            s = ttext(c, q, &len);
            return len == 1 && s[0] == '[' ? m : 0;
        }
    }
    return 0;
}

static size_t absorb(const ctx *c, size_t i, enum term *type, size_t *dots, struct next *nx)
{
    size_t j = i, m;
    for (;;) {
        size_t k = next_tok(c, j + 1);
        nx->k = k;
        if (k >= c->n)
            break;
        int gap = nx->gap = gap_before(c, k);
        enum tclass kc = nx->kc = tclass_of(c, k);
        if (gap == GAP_NONE && (kc == T_QE || kc == T_PERIOD || kc == T_ELLIPSIS)) {
            if (kc == T_QE)
                *type = TERM_QE;
            else if (*type != TERM_QE) {
                size_t len;
                const uint8_t *s = ttext(c, k, &len);
                *dots += kc == T_ELLIPSIS && s[0] == '.' ? len : kc == T_ELLIPSIS ? 3 :
                                                                                    1;
                *type = *dots >= 4 ? TERM_PERIOD : TERM_ELLIPSIS;
            }
            j = k;
        } else if (gap == GAP_SPACE && kc == T_PERIOD && *type != TERM_QE &&
                   tclass_of(c, j) == T_PERIOD && c->tk[k].start - c->tk[j].end == 1) {
            /* ". . ." spaced dots, unless they open the next sentence */
            if (j == i && i > 0 && gap_before(c, i) == GAP_NONE && spaced_ellipsis_opens(c, k))
                break;
            (*dots)++;
            *type = *dots >= 4 ? TERM_PERIOD : TERM_ELLIPSIS;
            j = k;
        } else if (gap == GAP_NONE && (kc == T_CLOSE || kc == T_AQUOTE)) {
            j = k;
        } else if (gap == GAP_NONE && kc == T_OPEN && (m = footnote_end(c, k)) != 0) {
            j = m; /* a reference mark stuck to the terminal: done.[1] or done.[citation needed] */
        } else {
            break;
        }
    }
    return j;
}

/* ---- the pass ---------------------------------------------------------------------- */

/* Keep sentences under max_sentence_bytes: cut after the latest soft break
 * (, ; : or a dash) if it is past half the limit, else before token i. */
static void guard_length(ctx *c, size_t i)
{
    uint32_t max = c->o.max_sentence_bytes;
    int cut_before = 0; /* what remains after a cut is cut before i */
    while (c->open && max && i > c->first && c->tk[i].end - c->tk[c->first].start > max) {
        size_t cut = i;
        for (size_t q = i; !cut_before && q-- > c->first;) {
            if (c->tk[q].end - c->tk[c->first].start < max / 2)
                break;
            enum tclass k = tclass_of(c, q);
            if (k == T_SOFT || k == T_DASH) {
                cut = q + 1;
                break;
            }
        }
        size_t last = cut - 1;
        while (last > c->first && c->tk[last].kind == PIPE_TOK_SPACE)
            last--;
        close_sentence(c, last, PIPE_SENTF_FORCED_SPLIT);
        cut = next_tok(c, cut);
        c->open = 1;
        c->first = c->last = cut;
        c->limit = (uint64_t)c->tk[cut].start + max;
        c->flags = 0;
        c->words = 0;
        c->content = 0;
        c->counted = cut;
        c->ended = 0;
        c->at_line_start = 0;
        c->line_from = c->tk[cut].start;
        c->multiline = 0;
        c->marker_end = cut;
        if (cut < i)
            c->last = i - 1;
        cut_before = 1;
    }
}

/* The first token at or after i that ends after byte offset p (n if none). The
 * answer is usually a few tokens ahead: a binary search without branches over
 * the next 16, then the same 16 further on while all of them end before p. */
static inline size_t first_ending_after(const pipe_token *tok, size_t i, size_t n, size_t p)
{
    while (n - i >= 16) {
        if (tok[i + 15].end <= p) {
            i += 16;
            continue;
        }
        /* tok[i + 15] ends after p: the answer is in [i, i + 15] */
        i += (tok[i + 7].end <= p) ? 8 : 0;
        i += (tok[i + 3].end <= p) ? 4 : 0;
        i += (tok[i + 1].end <= p) ? 2 : 0;
        i += (tok[i].end <= p) ? 1 : 0;
        return i;
    }
    while (i < n && tok[i].end <= p)
        i++;
    return i;
}

/* The splitter; out has room for cap records and, when grow is set, lives in *grow (cap in
 * *grow_cap) and is reallocated as needed. Returns the count, or SIZE_MAX when out of memory. */
static size_t split(const sentsplit_lexicon *lex, const sentsplit_opts *opts, const char *text, size_t len,
                    const pipe_token *tok, size_t n, pipe_sentence *out, size_t cap, pipe_sentence **grow,
                    size_t *grow_cap)
{
    /* Only what is read before a sentence opens is set here: zeroing the whole context
     * costs more than the splitting of a short document. */
    ctx c;
    c.open = 0;
    c.nout = 0;
    c.para = 0;
    c.para_used = 0;
    c.list_kind = 0;
    c.list_next = 0;
    c.block_known = 0;
    c.t = (const uint8_t *)text;
    c.tk = tok;
    c.n = n;
    c.lex = lex;
    if (opts)
        c.o = *opts;
    else
        sentsplit_opts_init(&c.o);
    c.out = out;
    c.cap = cap;
    c.grow = grow;
    c.grow_cap = grow_cap;
    c.oom = 0;

    size_t i = 0;
    while (i < n) {
        if (c.open && i >= c.marker_end && !(c.flags & PIPE_SENTF_LIST_ITEM)) {
            /* Inside a sentence, outside list items, only a token at or after a byte the scan
             * stops at can end the sentence or break a line; the ones before it change
             * nothing but `last` (the counts are taken when a rule needs them). */
            size_t to = c.limit < len ? (size_t)c.limit : len;
            size_t p = tok[c.last].end, from = i;
            for (;;) {
                p = sentsplit_next_candidate(c.t, p, to);
                i = first_ending_after(tok, i, n, p);
                /* A hit inside a token that does not end in a period (5.93, U.S.A, don’t,
                 * a URL) is no boundary: go on after it. */
                if (i < n && tok[i].start < p && tok[i].end <= to && tok[i].kind != PIPE_TOK_SPACE &&
                    !ends_in_period(text, &tok[i])) {
                    p = tok[i++].end;
                    continue;
                }
                break;
            }
            if (i > from) {
                size_t last = i - 1;
                while (last > from && tok[last].kind == PIPE_TOK_SPACE)
                    last--;
                if (tok[last].kind != PIPE_TOK_SPACE) {
                    c.last = last;
                    c.ended = 0;
                }
                if (i >= n)
                    break;
            }
        }
        if (tok[i].kind == PIPE_TOK_SPACE) {
            i++;
            continue;
        }
        int gap = gap_before(&c, i);
        enum tclass k = tclass_of(&c, i);
        if (gap == GAP_BLANK && c.o.paragraphs) {
            if (c.open)
                close_sentence(&c, c.last, 0);
            if (c.para_used)
                c.para++;
            c.para_used = 0;
            c.block_known = 0;
        } else if (c.open && gap >= GAP_LINE) {
            int lb = line_break_ends(&c, i, gap);
            if (lb > 0)
                close_sentence(&c, c.last, 0);
            else if (lb == 0)
                c.multiline = 1;
        } else if (c.open && gap == GAP_SPACE && i >= c.marker_end &&
                   (k == T_BULLET || (c.flags & PIPE_SENTF_LIST_ITEM))) {
            int kind;
            long value;
            size_t m;
            if (is_bullet(&c, i, 0) ||
                ((c.flags & PIPE_SENTF_LIST_ITEM) && (m = list_marker(&c, i, &kind, &value)) != 0 &&
                 kind == c.list_kind && value == c.list_next && tok_case(&c, m) >= 0))
                close_sentence(&c, c.last, 0);
        }
        c.para_used = 1;
        if (!c.open)
            open_sentence(&c, i, gap, k);
        if (tok[i].end > c.limit && i > c.first)
            guard_length(&c, i); /* (its loop condition, tested here first) */

        c.last = i;
        c.ended = 0;

        enum term type;
        size_t dots;
        if (!((1u << k) & MAY_END)) {
            i++; /* cannot end a sentence */
            continue;
        }
        if ((k == T_WORD || k == T_NUM) && !ends_in_period(text, &tok[i])) {
            i++; /* the common case: a word without a final period */
            continue;
        }
        if (i >= c.marker_end && terminal_at(&c, i, k, &type, &dots)) {
            int spaced = gap >= GAP_SPACE && tok[i].kind == PIPE_TOK_PUNCT;
            struct next nx;
            size_t j = absorb(&c, i, &type, &dots, &nx);
            int end = ends_here(&c, i, &nx, type, spaced, dots);
            c.last = j;
            c.ended = 1;
            if (end)
                close_sentence(&c, j, 0);
            i = j + 1;
            continue;
        }
        i++;
    }
    if (c.open)
        close_sentence(&c, c.last, 0);
    return c.oom ? SIZE_MAX : c.nout;
}

size_t sentsplit_run(const sentsplit_lexicon *lex, const sentsplit_opts *opts, const char *text,
                     size_t len, const pipe_token *tok, size_t n, pipe_sentence *out)
{
    return split(lex, opts, text, len, tok, n, out, n, NULL, NULL);
}

size_t sentsplit_run_grow(const sentsplit_lexicon *lex, const sentsplit_opts *opts, const char *text,
                          size_t len, const pipe_token *tok, size_t n, pipe_sentence **out, size_t *cap)
{
    if (*cap == 0) {
        pipe_sentence *p = malloc(64 * sizeof *p);
        if (!p)
            return SIZE_MAX;
        free(*out);
        *out = p;
        *cap = 64;
    }
    return split(lex, opts, text, len, tok, n, *out, *cap, out, cap);
}
