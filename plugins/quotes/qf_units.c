/*
 * qf_units.c: the word and punctuation units the attribution rules walk
 * over, with paragraph and sentence starts.
 *
 * Units come from the `tokens` layer when there is one; otherwise (engine
 * used alone, or a pipeline without a tokenizer) from a small scan of our
 * own, so the finder never depends on a tokenizer's choices about quotes.
 * Paragraphs are computed from the text because the quote pairing needs
 * them before anything else and because news text comes in two shapes:
 * blank-line paragraphs with long lines, and hard-wrapped lines (Reuters)
 * where a paragraph starts with an indented line.
 */
#include <string.h>

#include "pipe/utf8.h"
#include "qf_internal.h"

/* Length of the UTF-8 sequence at t[i], 1 for a byte that starts none: only the shape counts
 * (LAX), since a unit of an encoded surrogate is still one character to step over. */
static size_t seq_len(const unsigned char *t, size_t len, size_t i)
{
    size_t n;
    (void)pipe_utf8_decode(t + i, len - i, &n, PIPE_UTF8_LAX);
    return n;
}

/* Length of the white space at t[i] (ASCII, no-break and Unicode spaces), 0 if none. */
static size_t space_len(const unsigned char *t, size_t len, size_t i)
{
    unsigned char b = t[i];
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v')
        return 1;
    if (b == 0xC2 && i + 1 < len && t[i + 1] == 0xA0)
        return 2;
    if (b == 0xE2 && i + 2 < len && ((t[i + 1] == 0x80 && (t[i + 2] <= 0x8A || t[i + 2] == 0xAF)) || (t[i + 1] == 0x81 && t[i + 2] == 0x9F)))
        return 3;
    if (b == 0xE3 && i + 2 < len && t[i + 1] == 0x80 && t[i + 2] == 0x80)
        return 3;
    return 0;
}

/* A letter or digit for word scanning: ASCII alnum or a non-ASCII character outside the punctuation blocks. */
static int wordchar_at(const unsigned char *t, size_t len, size_t i)
{
    unsigned char b = t[i];
    if (b < 0x80)
        return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
    if (seq_len(t, len, i) == 1)
        return 0;
    if (b == 0xC2)
        return 0; /* U+0080..U+00BF: Latin-1 punctuation and symbols */
    if (b == 0xE2 && (t[i + 1] == 0x80 || t[i + 1] == 0x81 || t[i + 1] == 0x82))
        return 0; /* general punctuation, currency */
    if (b == 0xC3 && (t[i + 1] == 0x97 || t[i + 1] == 0xB7))
        return 0; /* × ÷ */
    return 1;
}

int qf_is_alnum_at(const char *t, size_t len, size_t i)
{
    return i < len && wordchar_at((const unsigned char *)t, len, i);
}

/* Inlined into its callers' loops: it runs once per token, and a call's prologue and epilogue cost
 * as much as the unit's own fields. */
#ifdef __GNUC__
#define QF_UNIT_INLINE inline __attribute__((always_inline))
#else
#define QF_UNIT_INLINE inline
#endif
static QF_UNIT_INLINE int is_upper_at(const unsigned char *t, size_t len, size_t i)
{
    if (t[i] >= 'A' && t[i] <= 'Z')
        return 1;
    /* Latin-1 capitals À..Þ (not ×), and the Latin Extended-A even code points. */
    if (t[i] == 0xC3 && i + 1 < len && t[i + 1] >= 0x80 && t[i + 1] <= 0x9E && t[i + 1] != 0x97)
        return 1;
    if ((t[i] == 0xC4 || t[i] == 0xC5) && i + 1 < len && (t[i + 1] & 1) == 0)
        return 1;
    return 0;
}

/* The unit of text[s..e) (t = f->text, len = f->len, lex = f->lex: the token loop passes them in
 * registers). */
static QF_UNIT_INLINE qf_unit make_unit(const unsigned char *t, size_t len, const qf_lexicon *lex, uint32_t s,
                                        uint32_t e, int type, int clitic)
{
    if (type == QU_WORD && t[s] >= '0' && t[s] <= '9')
        type = QU_NUM;
    /* Fields in locals, then one store: the unit's bit-fields share a word. */
    uint32_t flags = clitic ? UF_CLITIC : 0, bits = 0;
    if (type == QU_WORD) {
        if (is_upper_at(t, len, s))
            flags |= UF_CAP;
        /* The lexicon is asked only about words its prefilter lets through (capitalised ones
         * always, as the names need them). */
        if ((flags & UF_CAP) || qf_lex_maybe(lex, (const char *)t + s, e - s))
            bits = qf_lex_bits(lex, qf_word_hash_inline((const char *)t + s, e - s));
    }
    return (qf_unit){.lex = bits, .flags = flags, .type = (uint32_t)type};
}

/* Append a unit spanning text[s..e); own: its span goes to f->own_sp (else f->sp already has it). */
static QF_UNIT_INLINE int push_unit(qf_finder *f, uint32_t s, uint32_t e, int type, int clitic, int own)
{
    if (f->nu == f->capu && qf_grow((void **)&f->u, &f->capu, f->nu + 1, sizeof(qf_unit)))
        return -1;
    if (own) {
        if (f->nu >= f->cap_own_sp && qf_grow((void **)&f->own_sp, &f->cap_own_sp, f->nu + 1, sizeof(pipe_token)))
            return -1;
        f->own_sp[f->nu] = (pipe_token){.start = s, .end = e};
    }
    f->u[f->nu++] = make_unit((const unsigned char *)f->text, f->len, f->lex, s, e, type, clitic);
    return 0;
}

/* Whether a word ends in a possessive 's / ’s, which becomes a separate clitic unit. */
static size_t possessive_len(const unsigned char *t, size_t s, size_t e)
{
    if (e - s >= 3 && (t[e - 1] == 's' || t[e - 1] == 'S') && t[e - 2] == '\'')
        return 2;
    if (e - s >= 5 && (t[e - 1] == 's' || t[e - 1] == 'S') && t[e - 2] == 0x99 && t[e - 3] == 0x80 &&
        t[e - 4] == 0xE2)
        return 4;
    return 0;
}

static int scan_units(qf_finder *f)
{
    const unsigned char *t = (const unsigned char *)f->text;
    size_t len = f->len, i = 0;
    while (i < len) {
        size_t sp = space_len(t, len, i);
        if (sp) {
            i += sp;
            continue;
        }
        if (!wordchar_at(t, len, i)) {
            size_t n = seq_len(t, len, i);
            if (push_unit(f, (uint32_t)i, (uint32_t)(i + n), QU_PUNCT, 0, 1))
                return -1;
            i += n;
            continue;
        }
        size_t s = i;
        while (i < len) {
            if (wordchar_at(t, len, i)) {
                i += seq_len(t, len, i);
                continue;
            }
            /* Inner joiners: U.S, next-generation, don't, Huawei’s, AT&T. */
            size_t jl = 0;
            if (t[i] == '.' || t[i] == '-' || t[i] == '\'' || t[i] == '&')
                jl = 1;
            else if (t[i] == 0xE2 && i + 2 < len && t[i + 1] == 0x80 && t[i + 2] == 0x99)
                jl = 3;
            if (jl && i + jl < len && wordchar_at(t, len, i + jl)) {
                i += jl;
                continue;
            }
            break;
        }
        size_t pl = possessive_len(t, s, i);
        if (push_unit(f, (uint32_t)s, (uint32_t)(i - pl), QU_WORD, 0, 1))
            return -1;
        if (pl && push_unit(f, (uint32_t)(i - pl), (uint32_t)i, QU_WORD, 1, 1))
            return -1;
    }
    f->sp = f->own_sp;
    return 0;
}

/* The unit type of a token kind. */
static int token_type(uint16_t kind)
{
    switch (kind) {
    case PIPE_TOK_WORD:
        return QU_WORD;
    case PIPE_TOK_NUMBER:
        return QU_NUM;
    case PIPE_TOK_PUNCT:
    case PIPE_TOK_SYMBOL:
        return QU_PUNCT;
    default:
        return QU_OTHER;
    }
}

/* Trust nothing: a record outside the text, empty, or before the end of the last one kept. */
static int token_bad(const qf_finder *f, const pipe_token *t, uint32_t last)
{
    return t->start >= t->end || t->end > f->len || t->start < last;
}

static int token_units(qf_finder *f, const pipe_token *tk, size_t n)
{
    if (qf_grow((void **)&f->u, &f->capu, n, sizeof(qf_unit)))
        return -1;
    pipe_prefault_all(f->u, n * sizeof(qf_unit)); /* all n are written below */
    /* Tokens in order, inside the text and not empty (what a tokenizer writes) are the units'
     * spans as they are. */
    uint32_t last = 0;
    size_t k = 0;
    {
        /* The common case in locals: room for n units was made above, and nothing in the loop
         * writes the finder, so its fields need not be read again per token. */
        qf_unit *u = f->u;
        const unsigned char *t = (const unsigned char *)f->text;
        const size_t len = f->len;
        const qf_lexicon *lex = f->lex;
        for (; k < n && !token_bad(f, &tk[k], last); k++) {
            last = tk[k].end;
            u[k] = make_unit(t, len, lex, tk[k].start, tk[k].end, token_type(tk[k].kind),
                             (tk[k].flags & PIPE_TOKF_CLITIC) != 0);
        }
        f->nu = k;
    }
    f->sp = tk;
    if (k == n)
        return 0;
    /* A record to skip: the units get their own spans, starting with those of the k kept so far. */
    if (qf_grow((void **)&f->own_sp, &f->cap_own_sp, n, sizeof(pipe_token)))
        return -1;
    memcpy(f->own_sp, tk, k * sizeof *tk);
    for (; k < n; k++) {
        if (token_bad(f, &tk[k], last))
            continue;
        last = tk[k].end;
        if (push_unit(f, tk[k].start, tk[k].end, token_type(tk[k].kind), (tk[k].flags & PIPE_TOKF_CLITIC) != 0, 1))
            return -1;
    }
    f->sp = f->own_sp;
    return 0;
}

/* Paragraph starts: after a blank line, after a line break followed by indentation, and after
 * every line break in a text whose lines are not hard-wrapped. Only line breaks can start a
 * paragraph, so between the first character after a break and the next '\n' the scan jumps
 * with memchr (no multi-byte sequence contains the byte '\n', so the jump lands exactly where
 * the character-by-character walk would). */
int qf_paragraphs_build(qf_finder *f)
{
    const unsigned char *t = (const unsigned char *)f->text;
    size_t len = f->len, lines = 0, long_lines = 0, line_start = 0;
    while (line_start <= len) {
        const unsigned char *nlp = line_start < len ? memchr(t + line_start, '\n', len - line_start) : NULL;
        size_t i = nlp ? (size_t)(nlp - t) : len;
        size_t l = i - line_start;
        if (l > 2) {
            lines++;
            long_lines += l > 100;
        }
        line_start = i + 1;
    }
    int wrapped = lines >= 3 && long_lines * 20 < lines;
    f->npara = 0;
    int at_break = 1; /* the start of the text opens a paragraph */
    size_t nl = 0;
    for (size_t i = 0; i < len;) {
        size_t sp = space_len(t, len, i);
        if (sp) {
            if (t[i] == '\n') {
                nl++;
                size_t j = i + 1, ind = 0;
                while (j < len && (t[j] == ' ' || t[j] == '\t')) {
                    ind += t[j] == '\t' ? 4 : 1;
                    j++;
                }
                if (!wrapped || nl >= 2 || (ind >= 2 && j < len && t[j] != '\n' && t[j] != '\r'))
                    at_break = 1;
            }
            i += sp;
            continue;
        }
        if (at_break) {
            if (f->npara == f->cappara &&
                qf_grow((void **)&f->para_start, &f->cappara, f->npara + 1, sizeof(uint32_t)))
                return -1;
            f->para_start[f->npara++] = (uint32_t)i;
            at_break = 0;
        }
        nl = 0;
        /* Nothing until the next line break can set at_break or nl again. */
        const unsigned char *nlp = memchr(t + i, '\n', len - i);
        if (!nlp)
            break;
        i = (size_t)(nlp - t);
    }
    return 0;
}

/* Index of the first unit whose start is >= off, given that every unit before lo starts before
 * off: a galloping search from lo, O(log distance), so walking through sorted offsets costs
 * O(n) in all and any order stays O(log n) per look-up. */
size_t qf_unit_at_from(const qf_finder *f, size_t lo, uint32_t off)
{
    size_t hi = lo, step = 1;
    while (hi < f->nu && f->sp[hi].start < off) {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    if (hi > f->nu)
        hi = f->nu;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->sp[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t qf_unit_at(const qf_finder *f, uint32_t off)
{
    return qf_unit_at_from(f, 0, off);
}

static int is_quote_char(const qf_finder *f, const qf_unit *u)
{
    const unsigned char *t = (const unsigned char *)f->text + qf_unit_start(f, u);
    size_t n = qf_unit_end(f, u) - qf_unit_start(f, u);
    if (n == 1)
        return t[0] == '"' || t[0] == '\'' || t[0] == ')' || t[0] == ']';
    if (n == 2)
        return t[0] == 0xC2 && (t[1] == 0xBB || t[1] == 0xAB);
    return n == 3 && t[0] == 0xE2 && t[1] == 0x80 && t[2] >= 0x98 && t[2] <= 0x9F;
}

int qf_units_build(qf_finder *f, const pipe_token *tokens, size_t ntok, const pipe_sentence *sents,
                   size_t nsent)
{
    f->nu = 0;
    if (tokens && ntok ? token_units(f, tokens, ntok) : scan_units(f))
        return -1;
    qf_unit *u = f->u;
    size_t nu = f->nu;
    for (size_t p = 0, k = 0; p < f->npara; p++) {
        k = qf_unit_at_from(f, k, f->para_start[p]); /* paragraph starts ascend */
        if (k < nu)
            u[k].flags |= UF_PARA | UF_SENT;
    }
    /* Sentence-final punctuation: . ! ? not after an honorific or an initial. */
    for (size_t k = 0; k < nu; k++) {
        unsigned char ch = qf_unit_ch(f, &u[k]);
        if (ch != '.' && ch != '!' && ch != '?')
            continue;
        if (ch == '.' && k > 0 && f->sp[k - 1].end == f->sp[k].start && u[k - 1].type == QU_WORD &&
            ((u[k - 1].lex & LX_HONOR) || (f->sp[k - 1].end - f->sp[k - 1].start == 1 && (u[k - 1].flags & UF_CAP))))
            continue;
        u[k].flags |= UF_TERM;
    }
    if (sents && nsent) {
        size_t k = 0;
        uint32_t prev = 0;
        for (size_t s = 0; s < nsent; s++) {
            if (sents[s].start >= sents[s].end || sents[s].end > f->len)
                continue;
            /* Sentences come in order: walk on from the previous one (a few steps, then a binary
             * search, so out-of-order or sparse records still cost O(log n) each). */
            uint32_t off = sents[s].start;
            k = qf_unit_at_from(f, off < prev ? 0 : k, off);
            prev = off;
            if (k < nu && f->sp[k].start < sents[s].end)
                u[k].flags |= UF_SENT;
        }
        return 0;
    }
    if (nu)
        u[0].flags |= UF_SENT;
    for (size_t k = 0; k < nu; k++) {
        if (!(u[k].flags & UF_TERM))
            continue;
        size_t j = k + 1;
        while (j < nu && u[j].type == QU_PUNCT && (u[j].flags & UF_TERM || is_quote_char(f, &u[j])) &&
               f->sp[j].start == f->sp[j - 1].end)
            j++; /* closing marks and brackets glued to the full stop belong to its sentence */
        if (j < nu && (u[j].flags & UF_CAP || u[j].type == QU_PUNCT || u[j].type == QU_NUM))
            u[j].flags |= UF_SENT;
    }
    return 0;
}
