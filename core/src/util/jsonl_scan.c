#include "util/jsonl_scan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii8.h"
#include "util/utf8.h"

static int fail(jscan *s, size_t at, const char *what)
{
    snprintf(s->err, sizeof s->err, "%s at column %zu", what, at + 1);
    return 1;
}

static size_t skip_ws(const unsigned char *p, size_t i, size_t n)
{
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
        i++;
    return i;
}

/* The four hex digits at p[i..i+4) as a number, or -1. */
static long hex4(const unsigned char *p, size_t i, size_t n)
{
    if (n < 4 || i > n - 4)
        return -1;
    long v = 0;
    for (size_t k = i; k < i + 4; k++) {
        unsigned char c = p[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
                                             c >= 'A' && c <= 'F'     ? c - 'A' + 10 :
                                                                        -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* The low surrogate of a \uD8xx escape at p[k], or -1 when none follows. */
static long low_surrogate(const unsigned char *p, size_t k, size_t n)
{
    if (n - k < 12 || p[k + 6] != '\\' || p[k + 7] != 'u')
        return -1;
    long lo = hex4(p, k + 8, n);
    return lo >= 0xDC00 && lo <= 0xDFFF ? lo : -1;
}

static void put_utf8(char *o, size_t *k, unsigned long cp)
{
    if (cp < 0x80) {
        o[(*k)++] = (char)cp;
    } else if (cp < 0x800) {
        o[(*k)++] = (char)(0xC0 | (cp >> 6));
        o[(*k)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        o[(*k)++] = (char)(0xE0 | (cp >> 12));
        o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[(*k)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        o[(*k)++] = (char)(0xF0 | (cp >> 18));
        o[(*k)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        o[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[(*k)++] = (char)(0x80 | (cp & 0x3F));
    }
}

/* Decode the (valid) escape at p[k] into o[*w...]; how many input bytes it took. */
static size_t decode_escape(const unsigned char *p, size_t k, size_t n, char *o, size_t *w)
{
    char one;
    switch (p[k + 1]) {
    case 'n':
        one = '\n';
        break; /* the escape of every line break in a news text: first */
    case '"':
        one = '"';
        break;
    case '\\':
        one = '\\';
        break;
    case '/':
        one = '/';
        break;
    case 'b':
        one = '\b';
        break;
    case 'f':
        one = '\f';
        break;
    case 'r':
        one = '\r';
        break;
    case 't':
        one = '\t';
        break;
    default:
        one = 0;
        break;
    }
    if (p[k + 1] != 'u') {
        o[(*w)++] = one;
        return 2;
    }
    unsigned long cp = (unsigned long)hex4(p, k + 2, n);
    size_t took = 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + ((unsigned long)low_surrogate(p, k, n) - 0xDC00);
        took = 12;
    }
    put_utf8(o, w, cp);
    return took;
}

/*
 * The string whose quote is at p[*i]; *i moves past the closing quote. With
 * bad, a byte that is not UTF-8 is noted there (the first one) instead of
 * failing: a text may hold such bytes, as a text file may.
 */
static int scan_string(jscan *s, const unsigned char *p, size_t *i, size_t n, size_t *bad, buf *dec)
{
    size_t k = *i + 1, run = k;         /* with dec: p[run..k) is copied when an escape or the end comes */
    if (dec && buf_reserve(dec, n - k)) /* the rest of the line bounds the decoded text */
        return -1;
    for (;;) {
        k = ascii_run_end(p, k, n);
        if (k >= n)
            return fail(s, *i, "string not closed: it starts");
        unsigned char c = p[k];
        if (c == '"') {
            if (dec && buf_add(dec, (const char *)p + run, k - run))
                return -1;
            *i = k + 1;
            return 0;
        }
        if (c < 0x20) {
            char m[80];
            snprintf(m, sizeof m, "raw control character 0x%02X inside a string (JSON needs \\u%04X)", c, c);
            return fail(s, k, m);
        }
        if (c >= 0x80) {
            size_t adv;
            if (utf8_decode(p + k, n - k, &adv) != UTF8_INVALID) {
                k += adv;
                continue;
            }
            if (!bad) {
                char m[64];
                snprintf(m, sizeof m, "invalid UTF-8 byte 0x%02X", c);
                return fail(s, k, m);
            }
            *bad = *bad < k ? *bad : k;
            k++;
            continue;
        }
        c = k + 1 < n ? p[k + 1] : 0;
        long u = c == 'u' ? hex4(p, k + 2, n) : -1;
        if (!(c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't')) {
            if (u < 0)
                return fail(s, k, "invalid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hex digits)");
            if (u >= 0xDC00 && u <= 0xDFFF)
                return fail(s, k, "UTF-16 low surrogate escape without a high one");
            if (u >= 0xD800 && u <= 0xDBFF && low_surrogate(p, k, n) < 0)
                return fail(s, k, "UTF-16 high surrogate escape without a low one");
        }
        if (!dec) {
            k += c == 'u' ? (u >= 0xD800 && u <= 0xDBFF ? 12 : 6) : 2;
            continue;
        }
        /* The escape is valid: decode it here, so the text needs no second pass (\u0000 included).
         * dec has room for the rest of the line (reserved above; no escape decodes longer than it
         * is written), so the run and the escape go straight in; the closing buf_add() ends it. */
        memcpy(dec->data + dec->len, p + run, k - run);
        dec->len += k - run;
        k += decode_escape(p, k, n, dec->data, &dec->len);
        run = k;
    }
}

static size_t digits(const unsigned char *p, size_t k, size_t n)
{
    while (k < n && p[k] >= '0' && p[k] <= '9')
        k++;
    return k;
}

/* The number at p[*i], in RFC 8259's grammar exactly (no leading zeros, no bare '.', no '+'). */
static int scan_number(jscan *s, const unsigned char *p, size_t *i, size_t n)
{
    size_t k = *i + (p[*i] == '-');
    if (k < n && p[k] == '0')
        k++;
    else if (k < n && p[k] >= '1' && p[k] <= '9')
        k = digits(p, k, n);
    else
        return fail(s, *i, "invalid number");
    if (k < n && p[k] == '.') {
        size_t f = digits(p, k + 1, n);
        if (f == k + 1)
            return fail(s, *i, "invalid number (digits must follow '.')");
        k = f;
    }
    if (k < n && (p[k] == 'e' || p[k] == 'E')) {
        k += k + 1 < n && (p[k + 1] == '+' || p[k + 1] == '-') ? 2 : 1;
        size_t e = digits(p, k, n);
        if (e == k)
            return fail(s, *i, "invalid number (digits must follow the exponent)");
        k = e;
    }
    *i = k;
    return 0;
}

static int literal(const unsigned char *p, size_t i, size_t n, const char *word)
{
    size_t w = strlen(word);
    return n - i >= w && memcmp(p + i, word, w) == 0 ? (int)w : 0;
}

static int add_member(jscan *s, size_t key, size_t key_len)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        jscan_member *m = realloc(s->m, cap * sizeof *m);
        if (!m)
            return -1;
        s->m = m;
        s->cap = cap;
    }
    s->m[s->n++] = (jscan_member){key, key_len, 0, 0, SIZE_MAX, 0, 0};
    return 0;
}

/* A scalar value at p[*i]: string, number or literal. */
static int scan_scalar(jscan *s, const unsigned char *p, size_t *i, size_t n, size_t *bad)
{
    if (*i >= n)
        return fail(s, *i, "line ends where a value should be");
    unsigned char c = p[*i];
    if (c == '"')
        return scan_string(s, p, i, n, bad, NULL);
    if (c == '-' || (c >= '0' && c <= '9'))
        return scan_number(s, p, i, n);
    int w = literal(p, *i, n, "true");
    w = w ? w : literal(p, *i, n, "false");
    w = w ? w : literal(p, *i, n, "null");
    if (!w)
        return fail(s, *i, c < 0x20 ? "control character where a value should be" : "a value expected");
    *i += (size_t)w;
    return 0;
}

int jscan_line(jscan *s, const char *line, size_t len)
{
    const unsigned char *p = (const unsigned char *)line;
    unsigned char open[JSCAN_MAX_DEPTH];
    size_t depth = 0, i = skip_ws(p, 0, len);
    enum { VALUE,
           KEY,
           AFTER } st = VALUE;
    s->n = 0;
    s->err[0] = '\0';
    s->text_member = SIZE_MAX;
    s->is_object = i < len && p[i] == '{';
    for (;;) {
        if (st == VALUE) {
            unsigned char c = i < len ? p[i] : 0;
            if (c != '{' && c != '[') {
                jscan_member *m = depth == 1 && s->is_object ? &s->m[s->n - 1] : NULL;
                int rc;
                if (m && c == '"' && s->text_out && s->text_member == SIZE_MAX && m->key_len == 4 &&
                    memcmp(p + m->key, "text", 4) == 0) {
                    s->text_member = s->n - 1;
                    rc = scan_string(s, p, &i, len, &m->bad_utf8, s->text_out);
                } else {
                    rc = scan_scalar(s, p, &i, len, m ? &m->bad_utf8 : NULL);
                }
                if (rc)
                    return rc;
                st = AFTER;
                continue;
            }
            if (depth == JSCAN_MAX_DEPTH)
                return fail(s, i, "nested deeper than 512 levels");
            open[depth++] = c;
            i = skip_ws(p, i + 1, len);
            if (i < len && p[i] == (c == '{' ? '}' : ']')) {
                depth--;
                i++;
                st = AFTER;
            } else {
                st = c == '{' ? KEY : VALUE;
            }
        } else if (st == KEY) {
            size_t k0 = i;
            if (i >= len || p[i] != '"')
                return fail(s, i, "a member name (a string) expected");
            if (scan_string(s, p, &i, len, NULL, NULL))
                return 1;
            if (depth == 1 && add_member(s, k0 + 1, i - k0 - 2))
                return -1;
            i = skip_ws(p, i, len);
            if (i >= len || p[i] != ':')
                return fail(s, i, "':' expected after a member name");
            i = skip_ws(p, i + 1, len);
            if (depth == 1)
                s->m[s->n - 1].val = i;
            st = VALUE;
        } else {
            if (depth == 1 && s->is_object && s->n)
                s->m[s->n - 1].val_len = i - s->m[s->n - 1].val;
            i = skip_ws(p, i, len);
            if (depth == 0)
                return i < len ? fail(s, i, "more after the JSON value (only whitespace may follow it)") : 0;
            unsigned char close = open[depth - 1] == '{' ? '}' : ']';
            if (i < len && p[i] == ',') {
                i = skip_ws(p, i + 1, len);
                st = open[depth - 1] == '{' ? KEY : VALUE;
            } else if (i < len && p[i] == close) {
                depth--;
                i++;
            } else {
                return fail(s, i, close == '}' ? "',' or '}' expected" : "',' or ']' expected");
            }
        }
    }
}

int jscan_decode(buf *out, const char *body, size_t n)
{
    /* Decoding never makes a string longer: an escape is at least as long as its UTF-8. */
    if (buf_reserve(out, n))
        return -1;
    const unsigned char *p = (const unsigned char *)body;
    char *o = out->data + out->len;
    size_t k = 0, w = 0;
    while (k < n) {
        const unsigned char *e = memchr(p + k, '\\', n - k);
        size_t plain = e ? (size_t)(e - p) - k : n - k;
        memcpy(o + w, p + k, plain);
        w += plain;
        k += plain;
        if (k < n)
            k += decode_escape(p, k, n, o, &w);
    }
    out->len += w;
    out->data[out->len] = '\0';
    return 0;
}

int jscan_names(jscan *s, const char *line)
{
    buf_clear(&s->names);
    for (size_t k = 0; k < s->n; k++) {
        s->m[k].name = s->names.len;
        if (jscan_decode(&s->names, line + s->m[k].key, s->m[k].key_len))
            return -1;
        s->m[k].name_len = s->names.len - s->m[k].name;
    }
    return 0;
}

typedef struct name_ref {
    const char *p;
    size_t n, idx;
} name_ref;

static int cmp_name(const void *a, const void *b)
{
    const name_ref *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
    if (c == 0)
        c = (x->n > y->n) - (x->n < y->n);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

int jscan_duplicate(const jscan *s, size_t *later)
{
    if (s->n < 2)
        return 0;
    /* Sorting keeps a line with 100,000 members linear-logarithmic rather than quadratic. */
    name_ref *r = malloc(s->n * sizeof *r);
    if (!r)
        return -1;
    for (size_t k = 0; k < s->n; k++)
        r[k] = (name_ref){s->names.data + s->m[k].name, s->m[k].name_len, k};
    qsort(r, s->n, sizeof *r, cmp_name);
    int dup = 0;
    for (size_t k = 1; k < s->n; k++) {
        if (r[k].n == r[k - 1].n && memcmp(r[k].p, r[k - 1].p, r[k].n) == 0 && (!dup || r[k].idx < *later)) {
            *later = r[k].idx;
            dup = 1;
        }
    }
    free(r);
    return dup;
}

int jscan_name_is(const jscan *s, size_t k, const char *word)
{
    size_t w = strlen(word);
    return s->m[k].name_len == w && memcmp(s->names.data + s->m[k].name, word, w) == 0;
}

int jscan_id_text(buf *out, const char *v, size_t n)
{
    if (n >= 2 && v[0] == '"')
        return jscan_decode(out, v + 1, n - 2);
    /* An integer has no fraction or exponent; 1e3 or 1.0 are numbers but not ids. */
    if (n && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9')) && !memchr(v, '.', n) && !memchr(v, 'e', n) &&
        !memchr(v, 'E', n))
        return buf_add(out, v, n);
    return 1;
}

int jscan_record_id(buf *out, const char *line, size_t len)
{
    jscan s = {0};
    int rc = jscan_line(&s, line, len);
    if (rc == 0)
        rc = !s.is_object ? 1 : jscan_names(&s, line);
    size_t k = 0;
    while (rc == 0 && k < s.n && !jscan_name_is(&s, k, "id"))
        k++;
    if (rc == 0)
        rc = k < s.n ? jscan_id_text(out, line + s.m[k].val, s.m[k].val_len) : 1;
    jscan_free(&s);
    return rc;
}

void jscan_free(jscan *s)
{
    free(s->m);
    buf_free(&s->names);
    memset(s, 0, sizeof *s);
}
