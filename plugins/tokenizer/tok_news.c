/*
 * tok_news.c: the news rules layered over UAX #29 (news mode).
 *
 * Each step skips white space, then decides from the first byte which rule
 * can start here: URL, e-mail, mention, hashtag, time or date, ellipsis,
 * dash run, quote or apostrophe. Everything else is a UAX #29 segment that
 * the word rules may refine (abbreviations, domains, numbers with a
 * magnitude suffix or %, hyphenated compounds, clitics, possessives).
 * Matchers only look a bounded distance ahead (or, for e-mail, up to the
 * next '@', which is found once per '@'), so the pass stays linear.
 */
#include <string.h>

#include "tok_internal.h"

static inline int is_digit(int b)
{
    return (unsigned)(b - '0') < 10u;
}

static inline int is_alpha(int b)
{
    return (unsigned)((b | 0x20) - 'a') < 26u;
}

static inline int is_upper(int b)
{
    return (unsigned)(b - 'A') < 26u;
}

static inline int is_alnum(int b)
{
    return is_digit(b) || is_alpha(b);
}

static inline int lower(int b)
{
    return is_upper(b) ? b | 0x20 : b;
}

/* Byte at i, or -1 past the end: keeps every look-ahead in bounds. */
static inline int at(const pipe_tokenizer *tk, size_t i)
{
    return i < tk->len ? tk->text[i] : -1;
}

/* Whether the code point at i is a letter or digit of any script (false at the end). */
static int word_char_at(const pipe_tokenizer *tk, size_t i)
{
    uint32_t cp;
    if (i >= tk->len)
        return 0;
    if (tk->text[i] < 0x80)
        return is_alnum(tk->text[i]);
    if (tok_decode(tk->text, tk->len, i, &cp) == 0)
        return 0;
    unsigned gc = TOK_GC(tok_prop(cp));
    return gc == TOK_GC_LETTER || gc == TOK_GC_DIGIT || gc == TOK_GC_MARK;
}

/* Length of an apostrophe (' or U+2019) at i, else 0: both spellings are treated alike. */
static size_t apostrophe_at(const pipe_tokenizer *tk, size_t i)
{
    if (at(tk, i) == '\'')
        return 1;
    if (at(tk, i) == 0xE2 && at(tk, i + 1) == 0x80 && at(tk, i + 2) == 0x99)
        return 3;
    return 0;
}

/* Case-insensitive match of the ASCII word w at i. */
static int match_ci(const pipe_tokenizer *tk, size_t i, const char *w)
{
    for (; *w; w++, i++)
        if (lower(at(tk, i)) != *w)
            return 0;
    return 1;
}

/* Write one token and settle the state that depends on the last token. */
static size_t emit(pipe_tokenizer *tk, pipe_token *out, size_t start, size_t end, unsigned kind,
                   unsigned flags)
{
    out->start = (uint32_t)start;
    out->end = (uint32_t)end;
    out->kind = (uint16_t)kind;
    out->flags = (uint16_t)(flags | tk->pending_flags);
    tk->pending_flags = 0;
    tk->newlines = 0;
    tk->after_open = (flags & PIPE_TOKF_OPEN) != 0;
    tk->pos = end;
    return 1;
}

/*
 * End of the junk that starts with the invalid byte at pos. Bytes that are not UTF-8 are binary
 * data or text in another encoding; a token for each of them made random bytes 0.86 tokens a byte,
 * ten times their size in token records. One token takes the bytes that follow up to where text
 * resumes: white space, a valid non-ASCII character, a quote mark, . , ; : ! ? before white space
 * (a sentence's punctuation), three ASCII letters or digits in a row, or fewer before white space
 * (a word). Valid characters are never split. So text in another encoding keeps its words and
 * sentence ends ("caf\xE9. Then", "\x93We said,\x94", "Fran\xE7ois" give the same words and
 * punctuation as before), and random bytes make about one token in six bytes, all kinds counted.
 */
static size_t junk_end(const pipe_tokenizer *tk, size_t pos)
{
    const uint8_t *s = tk->text;
    size_t i = pos + 1;
    while (i < tk->len) {
        uint8_t b = s[i];
        if (b >= 0x80) {
            uint32_t cp;
            if (tok_decode(s, tk->len, i, &cp) != 0)
                break;
            i++;
            continue;
        }
        if (tok_space_at(s, tk->len, i) || b == '"' || b == '\'')
            break;
        if ((b == '.' || b == ',' || b == ';' || b == ':' || b == '!' || b == '?') &&
            (i + 1 == tk->len || tok_space_at(s, tk->len, i + 1)))
            break;
        if (is_alnum(b)) {
            size_t j = i + 1;
            while (j < tk->len && is_alnum(s[j]))
                j++;
            if (j - i >= 3 || j == tk->len || tok_space_at(s, tk->len, j))
                break;
            i = j;
            continue;
        }
        i++;
    }
    return i;
}

/* ---- URLs and e-mail ------------------------------------------------------ */

/* End of a URL whose body starts at i: stops at space, quotes and
 * brackets-like characters that cannot be in a URL, then gives back
 * trailing punctuation (the period that ends the sentence) and closing
 * brackets that have no opening one inside the URL. */
static size_t url_end(const pipe_tokenizer *tk, size_t start, size_t i)
{
    const uint8_t *s = tk->text;
    int parens = 0, squares = 0;
    while (i < tk->len) {
        uint8_t b = s[i];
        if (b < 0x80) {
            if (b <= ' ' || b == 0x7F || strchr("\"<>\\^`{|}", b))
                break;
            parens += (b == '(') - (b == ')');
            squares += (b == '[') - (b == ']');
            i++;
            continue;
        }
        uint32_t cp;
        size_t w = tok_decode(s, tk->len, i, &cp);
        if (w == 0)
            break;
        unsigned gc = TOK_GC(tok_prop(cp));
        if (gc != TOK_GC_LETTER && gc != TOK_GC_MARK && gc != TOK_GC_DIGIT)
            break;
        i += w;
    }
    while (i > start) {
        uint8_t b = s[i - 1];
        if (b && strchr(".,;:!?'*", b)) {
            i--;
        } else if (b == ')' && parens < 0) {
            parens++;
            i--;
        } else if (b == ']' && squares < 0) {
            squares++;
            i--;
        } else {
            break;
        }
    }
    return i;
}

/* A URL that starts with a scheme or "www." at pos; returns its end or 0. */
static size_t match_url(const pipe_tokenizer *tk, size_t pos)
{
    static const char *const prefixes[] = {"https://", "http://", "ftp://", "www."};
    int b = lower(at(tk, pos)), b1 = lower(at(tk, pos + 1));
    if (!((b == 'h' || b == 'f') && b1 == 't') && !(b == 'w' && b1 == 'w'))
        return 0;
    for (size_t k = 0; k < sizeof prefixes / sizeof prefixes[0]; k++) {
        size_t plen = strlen(prefixes[k]);
        if (match_ci(tk, pos, prefixes[k]) && is_alnum(at(tk, pos + plen))) {
            size_t end = url_end(tk, pos, pos + plen);
            return end > pos + plen ? end : 0;
        }
    }
    return 0;
}

/* Top-level domains that make a dotted word like "reuters.com" a URL. */
static int known_tld(const pipe_tokenizer *tk, size_t i, size_t len)
{
    static const char *const tlds[] = {"com", "org", "net", "edu", "gov", "int", "mil", "info",
                                       "biz", "io", "co", "uk", "us", "eu", "de", "fr",
                                       "it", "es", "nl", "be", "ch", "at", "se", "no",
                                       "dk", "fi", "ie", "ca", "au", "nz", "jp", "cn",
                                       "in", "ru", "br", "za", "tv", "ly", "ai", "news"};
    for (size_t k = 0; k < sizeof tlds / sizeof tlds[0]; k++)
        if (strlen(tlds[k]) == len && match_ci(tk, i, tlds[k]))
            return 1;
    return 0;
}

/* End of a domain name (labels of [A-Za-z0-9-] joined by dots, at least two
 * labels, an alphabetic last label of 2+ letters) starting at i, or 0. */
static size_t domain_end(const pipe_tokenizer *tk, size_t i)
{
    size_t end = 0, labels = 0;
    for (;;) {
        size_t l = i;
        int alpha = 1;
        while (is_alnum(at(tk, i)) || at(tk, i) == '-') {
            alpha &= is_alpha(at(tk, i));
            i++;
        }
        if (i == l)
            break;
        labels++;
        if (labels >= 2 && alpha && i - l >= 2)
            end = i;
        if (at(tk, i) != '.')
            break;
        i++;
    }
    return end;
}

/* An e-mail address starting at pos; returns its end or 0. */
static size_t match_email(pipe_tokenizer *tk, size_t pos)
{
    if (tk->next_at < pos) {
        const void *p = memchr(tk->text + pos, '@', tk->len - pos);
        tk->next_at = p ? (size_t)((const uint8_t *)p - tk->text) : tk->len;
    }
    size_t a = tk->next_at;
    if (a >= tk->len || a == pos || a - pos > 64 || tk->text[a - 1] == '.')
        return 0;
    for (size_t i = pos; i < a; i++) {
        int b = tk->text[i];
        /* strchr() finds the terminator for a NUL byte: NUL is no local-part character. */
        if (!is_alnum(b) && (b == 0 || !strchr("._%+-", b)))
            return 0;
    }
    return domain_end(tk, a + 1);
}

/* ---- numbers --------------------------------------------------------------- */

/* Length of a run of ASCII digits at i (at most max + 1, to tell "too long"). */
static size_t digits(const pipe_tokenizer *tk, size_t i, size_t max)
{
    size_t k = 0;
    while (k <= max && is_digit(at(tk, i + k)))
        k++;
    return k;
}

/* A time (10:30, 10:30:15, 10:30pm) or a date (2019-03-01, 1/3/2019) or a
 * fraction (1/2, 24/7) at pos; returns its end or 0. */
static size_t match_time_date(const pipe_tokenizer *tk, size_t pos)
{
    size_t d1 = digits(tk, pos, 4), j = pos + d1, k;
    int sep = at(tk, j);
    if (sep == ':' && d1 <= 2 && digits(tk, j + 1, 2) == 2) {
        size_t end = j + 3;
        if (at(tk, end) == ':' && digits(tk, end + 1, 2) == 2)
            end += 3;
        if ((lower(at(tk, end)) == 'a' || lower(at(tk, end)) == 'p') && lower(at(tk, end + 1)) == 'm' &&
            !is_alnum(at(tk, end + 2)))
            end += 2;
        return is_alnum(at(tk, end)) ? 0 : end;
    }
    if (sep == '-' && d1 == 4 && digits(tk, j + 1, 2) == 2 && at(tk, j + 3) == '-' &&
        digits(tk, j + 4, 2) == 2 && !is_alnum(at(tk, j + 6)))
        return j + 6;
    if (sep == '/' && d1 >= 1 && d1 <= 4 && (k = digits(tk, j + 1, 4)) >= 1 && k <= 4) {
        size_t end = j + 1 + k;
        size_t y;
        if (at(tk, end) == '/' && d1 <= 2 && k <= 2 && ((y = digits(tk, end + 1, 4)) == 2 || y == 4))
            end += 1 + y;
        return (is_alnum(at(tk, end)) || at(tk, end) == '/') ? 0 : end;
    }
    return 0;
}

/* Whether [i, end) is a suffix that keeps a digit-led word a number:
 * magnitudes (470m, 1.7bn, 5k), ordinals (2nd), decades (1990s), 5x. */
static int number_suffix(const pipe_tokenizer *tk, size_t i, size_t end)
{
    static const char *const suffixes[] = {"k", "m", "b", "bn", "mn", "mln", "bln", "tn",
                                           "trn", "st", "nd", "rd", "th", "s", "x"};
    for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++)
        if (strlen(suffixes[k]) == end - i && match_ci(tk, i, suffixes[k]))
            return 1;
    return 0;
}

/* Kind of a UAX #29 segment [start, end) that starts with an ASCII digit. */
static unsigned number_kind(const pipe_tokenizer *tk, size_t start, size_t end)
{
    size_t i = start;
    while (i < end && !is_alpha(tk->text[i])) {
        if (tk->text[i] >= 0x80 && !apostrophe_at(tk, i))
            return PIPE_TOK_WORD;
        i++;
    }
    if (i == end)
        return PIPE_TOK_NUMBER;
    for (size_t k = i; k < end; k++)
        if (!is_alpha(tk->text[k]))
            return PIPE_TOK_WORD;
    return number_suffix(tk, i, end) ? PIPE_TOK_NUMBER : PIPE_TOK_WORD;
}

/* ---- words ----------------------------------------------------------------- */

enum dotted { DOT_NONE,
              DOT_ABBREV,
              DOT_DOMAIN,
              DOT_SPLIT };

/* What a letter-led segment with inner periods is: an abbreviation (U.K,
 * e.g, Ph.D: every part 1-3 letters), a domain (reuters.com), two words
 * run together at a sentence end (year.The), or an ordinary word. */
static enum dotted classify_dotted(const pipe_tokenizer *tk, size_t start, size_t end,
                                   size_t *dot)
{
    size_t labels = 0, maxlen = 0, firstlen = 0, lastlen = 0, last = start;
    int alpha = 1;
    for (size_t i = start; i <= end; i++) {
        int b = i < end ? tk->text[i] : '.';
        if (b == '.') {
            size_t len = i - last;
            if (len == 0)
                return DOT_NONE;
            if (labels == 0)
                firstlen = len;
            else
                *dot = last - 1;
            labels++;
            maxlen = len > maxlen ? len : maxlen;
            lastlen = len;
            last = i + 1;
        } else if (is_digit(b) || b == '-') {
            alpha = 0;
        } else if (!is_alpha(b)) {
            return DOT_NONE;
        }
    }
    if (labels < 2)
        return DOT_NONE;
    if (firstlen >= 2 && lastlen >= 2 && known_tld(tk, end - lastlen, lastlen))
        return DOT_DOMAIN;
    if (!alpha)
        return DOT_NONE;
    if (maxlen <= 3)
        return DOT_ABBREV;
    if (labels == 2 && firstlen >= 2 && lastlen >= 2 && is_upper(tk->text[*dot + 1]))
        return DOT_SPLIT;
    return DOT_NONE;
}

/* Where a clitic starts in the word [start, end): 's 'm 'd 'll 're 've
 * (at the apostrophe) and n't (at the n), with ' and U+2019 alike; or end. */
static size_t clitic_split(const pipe_tokenizer *tk, size_t start, size_t end)
{
    size_t i = end;
    while (i > start && end - i < 5) {
        i--;
        size_t a = apostrophe_at(tk, i);
        if (a == 0)
            continue;
        size_t sl = end - (i + a);
        const uint8_t *suf = tk->text + i + a;
        int c0 = sl > 0 ? lower(suf[0]) : 0, c1 = sl > 1 ? lower(suf[1]) : 0;
        if (i == start)
            return end;
        if ((sl == 1 && (c0 == 's' || c0 == 'm' || c0 == 'd')) ||
            (sl == 2 && ((c0 == 'l' && c1 == 'l') || (c0 == 'r' && c1 == 'e') || (c0 == 'v' && c1 == 'e'))))
            return i;
        if (sl == 1 && c0 == 't' && i - start >= 2 && lower(tk->text[i - 1]) == 'n')
            return i - 1;
        return end;
    }
    return end;
}

/* Length of a hyphen that may join a compound (- U+2010 U+2011) at i, else 0. */
static size_t hyphen_at(const pipe_tokenizer *tk, size_t i)
{
    if (at(tk, i) == '-')
        return at(tk, i + 1) == '-' ? 0 : 1;
    if (at(tk, i) == 0xE2 && at(tk, i + 1) == 0x80 && (at(tk, i + 2) == 0x90 || at(tk, i + 2) == 0x91))
        return 3;
    return 0;
}

/* A word or number: one UAX #29 segment refined by the news rules. */
static size_t news_word(pipe_tokenizer *tk, pipe_token *out)
{
    const uint8_t *s = tk->text;
    size_t start = tk->pos, n = 0, dot = 0;
    tok_seg seg;
    size_t end = tok_wb_segment(s, tk->len, start, &seg);
    unsigned kind = tok_seg_kind(&seg);
    int letters = (seg.mask & TOK_SEG_LETTERS) != 0;
    size_t last = start; /* start of the last segment: where clitics are looked for */

    if (is_digit(s[start])) {
        kind = number_kind(tk, start, end);
        if (kind == PIPE_TOK_NUMBER) {
            if (at(tk, end) == '%')
                end++;
            else if (at(tk, end) == 0xE2 && at(tk, end + 1) == 0x80 && at(tk, end + 2) == 0xB0)
                end += 3; /* per mille */
        }
    } else if (seg.mask & (1u << TOK_WB_MIDNUMLET)) {
        switch (classify_dotted(tk, start, end, &dot)) {
        case DOT_DOMAIN:
            if (at(tk, end) == '/')
                end = url_end(tk, start, end);
            return emit(tk, out, start, end, PIPE_TOK_URL, 0);
        case DOT_ABBREV:
            if (at(tk, end) == '.' && at(tk, end + 1) != '.')
                end++;
            return emit(tk, out, start, end, PIPE_TOK_WORD, PIPE_TOKF_ABBREV);
        case DOT_SPLIT:
            n += emit(tk, out + n, start, dot, PIPE_TOK_WORD, 0);
            n += emit(tk, out + n, dot, dot + 1, PIPE_TOK_PUNCT, 0);
            start = last = dot + 1;
            break;
        case DOT_NONE:
            break;
        }
    }

    /* AT&T, S&P, E&T: short capitals joined by an ampersand (AT&T's too). */
    if (at(tk, end) == '&' && end - start <= 3 && is_upper(at(tk, end + 1))) {
        int caps = 1;
        for (size_t i = start; i < end; i++)
            caps &= is_upper(s[i]);
        tok_seg next;
        size_t j = end + 1, e2 = tok_wb_segment(s, tk->len, j, &next);
        while (j < e2 && is_upper(s[j]))
            j++;
        if (caps && j - end <= 5 && (j == e2 || apostrophe_at(tk, j))) {
            last = end + 1;
            end = e2;
        }
    }

    /* Hyphenated compounds (next-generation, 10-year, Covid-19) stay one
     * word; a range of plain numbers (1990-1995) does not. */
    size_t h;
    while (!tk->opts.split_hyphens && (kind == PIPE_TOK_WORD || kind == PIPE_TOK_NUMBER) &&
           (h = hyphen_at(tk, end)) > 0 && word_char_at(tk, end + h)) {
        tok_seg next;
        size_t e2 = tok_wb_segment(s, tk->len, end + h, &next);
        unsigned k2 = tok_seg_kind(&next);
        int letters2 = (next.mask & TOK_SEG_LETTERS) != 0;
        if ((k2 != PIPE_TOK_WORD && k2 != PIPE_TOK_NUMBER) || (!letters && !letters2))
            break;
        last = end + h;
        end = e2;
        kind = PIPE_TOK_WORD;
        letters = 1;
    }

    if (kind == PIPE_TOK_WORD && tk->opts.split_clitics) {
        size_t c = clitic_split(tk, last, end);
        if (c < end) {
            n += emit(tk, out + n, start, c, kind, 0);
            return n + emit(tk, out + n, c, end, PIPE_TOK_WORD, PIPE_TOKF_CLITIC);
        }
    }

    /* Plural possessive (the firms' profits): an apostrophe after a final s,
     * unless a single quote is open, in which case it closes the quote. */
    size_t a;
    if (kind == PIPE_TOK_WORD && !tk->squote_open && (s[end - 1] | 0x20) == 's' &&
        (a = apostrophe_at(tk, end)) > 0 && !word_char_at(tk, end + a)) {
        if (!tk->opts.split_clitics)
            return n + emit(tk, out + n, start, end + a, kind, 0);
        n += emit(tk, out + n, start, end, kind, 0);
        return n + emit(tk, out + n, end, end + a, PIPE_TOK_WORD, PIPE_TOKF_CLITIC);
    }
    return n + emit(tk, out + n, start, end, kind, 0);
}

/* ---- punctuation and the rest ------------------------------------------------ */

/* Any other UAX #29 segment, with its punctuation flags. */
static size_t news_segment(pipe_tokenizer *tk, pipe_token *out)
{
    tok_seg seg;
    size_t start = tk->pos;
    size_t end = tok_wb_segment(tk->text, tk->len, start, &seg);
    unsigned kind = tok_seg_kind(&seg), flags = 0;
    if (kind == PIPE_TOK_PUNCT || kind == PIPE_TOK_SYMBOL)
        flags = tok_punct_flags(tk, seg.first_cp, seg.first, start, end);
    if (flags & PIPE_TOKF_QUOTE) {
        uint32_t cp = seg.first_cp;
        if (cp == '\'' || (cp >= 0x2018 && cp <= 0x201B) || cp == 0x2039 || cp == 0x203A) {
            if (flags & PIPE_TOKF_OPEN)
                tk->squote_open = 1;
            else if (flags & PIPE_TOKF_CLOSE)
                tk->squote_open = 0;
        }
    }
    emit(tk, out, start, end, kind, flags);
    if (TOK_GC(seg.first) == TOK_GC_DASH)
        tk->after_open = 1; /* a quote after a dash opens */
    return 1;
}

/* An apostrophe right after a non-word token (U.S.'s, 1990's): a clitic,
 * if what follows is one; returns its end or 0. */
static size_t match_clitic(const pipe_tokenizer *tk, size_t pos, size_t alen)
{
    static const char *const clitics[] = {"ll", "re", "ve", "s", "m", "d"};
    if (pos == 0 || (tk->pending_flags & PIPE_TOKF_SPACE_BEFORE) || tk->squote_open)
        return 0;
    for (size_t k = 0; k < sizeof clitics / sizeof clitics[0]; k++) {
        size_t len = strlen(clitics[k]);
        if (match_ci(tk, pos + alen, clitics[k]) && !word_char_at(tk, pos + alen + len))
            return pos + alen + len;
    }
    return 0;
}

size_t tok_news_step(pipe_tokenizer *tk, pipe_token *out)
{
    if (!tok_skip_space(tk))
        return 0;
    const uint8_t *s = tk->text;
    size_t pos = tk->pos, end;
    uint8_t b = s[pos];

    if (is_alnum(b)) {
        if ((end = match_url(tk, pos)) > 0)
            return emit(tk, out, pos, end, PIPE_TOK_URL, 0);
        if ((end = match_email(tk, pos)) > 0)
            return emit(tk, out, pos, end, PIPE_TOK_EMAIL, 0);
        if (is_digit(b) && (end = match_time_date(tk, pos)) > 0)
            return emit(tk, out, pos, end, PIPE_TOK_NUMBER, 0);
        return news_word(tk, out);
    }
    switch (b) {
    case '@':
    case '#': {
        /* Mentions are Twitter-style ASCII handles; hashtags may use any
         * script but need a letter (#1 is "number one"). Neither follows a
         * word character directly. */
        size_t i = pos + 1;
        int letter = 0;
        if (pos > 0 && (is_alnum(s[pos - 1]) || s[pos - 1] == '_'))
            break;
        while (i < tk->len) {
            uint32_t cp = 0;
            size_t w = tok_decode(s, tk->len, i, &cp);
            unsigned gc = w ? TOK_GC(tok_prop(cp)) : TOK_GC_UNASSIGNED;
            if (b == '@' ? !(is_alnum(s[i]) || s[i] == '_') : !(gc == TOK_GC_LETTER || gc == TOK_GC_MARK || gc == TOK_GC_DIGIT || cp == '_'))
                break;
            letter |= gc == TOK_GC_LETTER;
            i += w;
        }
        if (i > pos + 1 && (b == '@' || letter))
            return emit(tk, out, pos, i, b == '@' ? PIPE_TOK_MENTION : PIPE_TOK_HASHTAG, 0);
        break;
    }
    case '.':
    case '-': {
        /* "..." is an ellipsis; "--" or "---" a dash. */
        size_t i = pos + 1;
        while (at(tk, i) == b)
            i++;
        if (i - pos >= 2) {
            emit(tk, out, pos, i, PIPE_TOK_PUNCT, 0);
            tk->after_open = (b == '-');
            return 1;
        }
        break;
    }
    case '\'':
        if ((end = match_clitic(tk, pos, 1)) > 0)
            return emit(tk, out, pos, end, PIPE_TOK_WORD, PIPE_TOKF_CLITIC);
        break;
    default:
        if (b >= 0x80) {
            uint32_t cp;
            size_t w = tok_decode(s, tk->len, pos, &cp);
            if (w == 0)
                return emit(tk, out, pos, junk_end(tk, pos), PIPE_TOK_INVALID, 0);
            unsigned c = tok_prop(cp) & TOK_WB_MASK;
            if (c == TOK_WB_ALETTER || c == TOK_WB_HL || c == TOK_WB_NUMERIC || c == TOK_WB_KATAKANA)
                return news_word(tk, out);
            if (cp == 0x2019 && (end = match_clitic(tk, pos, 3)) > 0)
                return emit(tk, out, pos, end, PIPE_TOK_WORD, PIPE_TOKF_CLITIC);
        }
        break;
    }
    return news_segment(tk, out);
}

/* ---- the fast loop ----------------------------------------------------------- */

/* The ASCII bytes run_may_continue() may join to a letter/digit run (1), and '-' and ':', which the fast
 * loop looks at for hyphenated compounds and URL schemes; a run that ends at any other ASCII byte ends there. */
static const uint8_t may_join_run[128] = {
    ['.'] = 1, [','] = 1, [':'] = 1, [';'] = 1, ['\''] = 1, ['_'] = 1, ['&'] = 1, ['-'] = 1, ['%'] = 1, ['/'] = 1, ['@'] = 1, ['+'] = 1};

/* ASCII bytes after a letter/digit run that may extend the token: the
 * UAX #29 joiners (. , : ; ' _) and the news joiners (& - % / @). */
static inline int run_may_continue(const uint8_t *s, size_t n, size_t j)
{
    if (j >= n)
        return 0;
    uint8_t c = s[j];
    if (c >= 0x80)
        return 1;
    switch (c) {
    case '.':
        /* inside a word, a number or an e-mail's local part */
        return j + 1 < n && (s[j + 1] >= 0x80 || is_alnum(s[j + 1]) || (s[j + 1] && strchr("._%+-@", s[j + 1])));
    case ',':
    case ':':
    case ';':
        /* only a letter or digit right after makes them inner punctuation */
        return j + 1 < n && (s[j + 1] >= 0x80 || is_alnum(s[j + 1]));
    case '\'':
    case '_':
    case '&':
    case '-':
    case '%':
    case '/':
    case '@':
    case '+':
        return 1;
    default:
        return 0;
    }
}

/* ASCII bytes that are a one-byte token whenever an ASCII byte follows:
 * punctuation and symbols without a news rule of their own. */
static inline int plain_ascii_punct(const uint8_t *s, size_t n, size_t i)
{
    uint8_t b = s[i];
    if (b <= ' ' || b >= 0x7F || is_alnum(b))
        return 0;
    switch (b) {
    case '@':
    case '#':
    case '\'':
    case '"':
    case '_':
        return 0;
    case '.':
    case '-':
        return i + 1 >= n || (s[i + 1] != b && s[i + 1] < 0x80);
    default:
        return i + 1 >= n || s[i + 1] < 0x80;
    }
}

/* End of a number whose ASCII run ends at end (> its start), with the groups UAX #29 joins to it
 * (WB11, WB12: a digit, '.' or ',', a digit): 5.93, 1,750.25. */
static inline size_t number_groups(const uint8_t *s, size_t n, size_t end, unsigned *seen)
{
    while (n - end >= 2 && (s[end] == '.' || s[end] == ',') && is_digit(s[end - 1]) && is_digit(s[end + 1]))
        end = tok_alnum_run(s, n, end + 1, seen);
    return end;
}

/* End of a hyphenated compound whose first ASCII run ends at end: the joins news_word() makes
 * (next-generation, 10-year) while every part is a plain run; *letters says whether any part
 * has a letter (two numbers, 1990-1995, stay apart). A part that ends at a joiner is left to
 * the caller's run_may_continue() check, which sends the token to the full step. */
static inline size_t hyphen_parts(const uint8_t *s, size_t n, size_t end, int *letters)
{
    while (n - end >= 2 && s[end] == '-' && (tok_byte_class[s[end + 1]] & TOK_B_ALNUM)) {
        unsigned seen = 0;
        size_t e2 = tok_alnum_run(s, n, end + 1, &seen);
        if (!*letters && !(seen & TOK_B_LETTER))
            break;
        *letters = 1;
        end = e2;
    }
    return end;
}

size_t tok_news_run(pipe_tokenizer *tk, pipe_token *out, size_t cap)
{
    const uint8_t *s = tk->text;
    size_t n = tk->len, count = 0;
    /* The fast paths keep the state in locals (a pipe_token store could
     * alias the tokenizer's fields) and hand it back before a full step. */
    size_t pos = tk->pos;
    unsigned pending = tk->pending_flags;
    int fast = 0, after_open = tk->after_open, join_hyphens = !tk->opts.split_hyphens;
    while (count + PIPE_TOKENIZE_MIN_CAP <= cap && pos < n) {
        uint8_t b = s[pos];
        size_t end;
        unsigned kind, flags = 0;
        if (b == ' ' && pos + 1 < n) { /* the usual single space between tokens */
            pending |= PIPE_TOKF_SPACE_BEFORE;
            b = s[++pos];
        }
        if (b <= ' ' && (b == ' ' || (b >= '\t' && b <= '\r'))) {
            /* Any other ASCII gap (a line break ends every line of a news wire): tok_skip_space()
             * counts it into the flags as a full step would, and the token after it may still
             * take a fast path, instead of the whole step running for the first word of a line. */
            tk->pos = pos;
            tk->pending_flags = pending;
            if (fast)
                tk->newlines = 0;
            fast = 0;
            int more = tok_skip_space(tk);
            pos = tk->pos;
            pending = tk->pending_flags;
            if (!more)
                break;
            b = s[pos];
        }
        if (tok_byte_class[b] & TOK_B_ALNUM) {
            /* Letters and digits up to a byte that cannot extend the token;
             * anything that might (URL, e-mail, a joiner) takes the full
             * path. No e-mail can start here unless the run is followed by
             * a local-part character or '@', which run_may_continue() catches. */
            unsigned seen = 0;
            if (is_digit(b)) {
                end = tok_alnum_run(s, n, pos, &seen);
                size_t run = end;
                end = number_groups(s, n, end, &seen);
                kind = (seen & TOK_B_LETTER) ? PIPE_TOK_WORD : PIPE_TOK_NUMBER;
                if (seen == TOK_B_ALNUM || end > run)
                    kind = number_kind(tk, pos, end);
            } else {
                /* A letter first: a word whatever follows, so what the run holds is not asked for. */
                unsigned unused = 0;
                end = tok_alnum_run(s, n, pos, &unused);
                seen = TOK_B_LETTER;
                kind = PIPE_TOK_WORD;
            }
            /* Most runs end at a byte that nothing joins (a space, a bracket, a quote): one lookup says so. */
            uint8_t c = end < n ? s[end] : ' ';
            if (c >= 0x80 || may_join_run[c]) {
                /* A URL's scheme ends its first run at ':' (http://, ftp://; "www." goes on with a letter,
                 * which run_may_continue() sends on), so every ':' takes the full step, which knows them. */
                if (c == ':')
                    goto full;
                if (join_hyphens && c == '-') {
                    int letters = (seen & TOK_B_LETTER) != 0;
                    size_t e2 = hyphen_parts(s, n, end, &letters);
                    if (e2 > end)
                        kind = PIPE_TOK_WORD;
                    end = e2;
                }
                if (run_may_continue(s, n, end))
                    goto full;
            }
            after_open = 0;
        } else if (b == '"' && (pos + 1 >= n || s[pos + 1] < 0x80)) {
            /* A straight double quote: open or close by the space around it, as news_segment() does. */
            tk->pending_flags = pending;
            tk->after_open = after_open;
            end = pos + 1;
            kind = PIPE_TOK_PUNCT;
            flags = tok_punct_flags(tk, '"', tok_prop('"'), pos, end);
            after_open = (flags & PIPE_TOKF_OPEN) != 0;
        } else if (plain_ascii_punct(s, n, pos)) {
            end = pos + 1;
            kind = tok_ascii_punct_kind(b, &flags);
            after_open = (flags & PIPE_TOKF_OPEN) || b == '-';
        } else {
            goto full;
        }
        out[count].start = (uint32_t)pos;
        out[count].end = (uint32_t)end;
        out[count].kind = (uint16_t)kind;
        out[count].flags = (uint16_t)(flags | pending);
        count++;
        pending = 0;
        pos = end;
        fast = 1;
        continue;
    full:
        tk->pos = pos;
        tk->pending_flags = pending;
        tk->after_open = after_open;
        if (fast)
            tk->newlines = 0;
        count += tok_news_step(tk, out + count);
        pos = tk->pos;
        pending = tk->pending_flags;
        after_open = tk->after_open;
        fast = 0;
    }
    tk->pos = pos;
    tk->pending_flags = pending;
    tk->after_open = after_open;
    if (fast)
        tk->newlines = 0;
    return count;
}
