/*
 * terms.c: from tokens to one sparse term vector per sentence.
 *
 * A word is compared after case folding, stop-word removal and Snowball
 * stemming. Stemming is the costly step, so every distinct surface form of a
 * document is folded and stemmed once and cached (words -> term id); a
 * repeated word costs one hash lookup. Vectors are (term id, count) pairs
 * sorted by term id so two sentences compare with a linear merge.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "sum_internal.h"

/* Longest word that is stemmed and compared; longer ones are cut (URLs, junk). */
#define SUM_MAX_WORD 64

size_t sum_fold(const char *w, size_t len, char *buf, size_t cap)
{
    const unsigned char *u = (const unsigned char *)w;
    size_t o = 0;
    for (size_t i = 0; i < len && o < cap; i++) {
        unsigned char c = u[i];
        if (c >= 'A' && c <= 'Z') {
            buf[o++] = (char)(c | 0x20);
        } else if (c == 0xE2 && i + 2 < len && u[i + 1] == 0x80 && (u[i + 2] == 0x98 || u[i + 2] == 0x99)) {
            buf[o++] = '\''; /* typographic apostrophe: Huawei’s and Huawei's are one word */
            i += 2;
        } else if (c == 0xC3 && i + 1 < len && u[i + 1] >= 0x80 && u[i + 1] <= 0x9E && u[i + 1] != 0x97) {
            if (o + 2 > cap)
                break;
            buf[o++] = (char)c; /* Latin-1 capitals: À..Þ -> à..þ */
            buf[o++] = (char)(u[i + 1] + 0x20);
            i++;
        } else {
            buf[o++] = (char)c;
        }
    }
    /* Never end in the middle of a UTF-8 sequence: the stemmer decodes it. */
    size_t back = o;
    while (back > 0 && ((unsigned char)buf[back - 1] & 0xC0) == 0x80)
        back--;
    if (back > 0 && (unsigned char)buf[back - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)buf[back - 1];
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (o - (back - 1) < need)
            o = back - 1;
    }
    return o;
}

/* True when s is well-formed UTF-8, the only input the stemmer is given. */
static int valid_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned char c = s[i];
        size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (n == 0 || (n == 2 && c < 0xC2) || i + n > len)
            return 0;
        for (size_t k = 1; k < n; k++)
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
        i += n;
    }
    return 1;
}

/* Term id of a word (-1: stop word or no letters/digits, -2: out of memory). */
static int64_t word_term(pipe_summarizer *s, const char *w, size_t len)
{
    char buf[SUM_MAX_WORD];
    size_t n = sum_fold(w, len, buf, sizeof buf);
    /* Trim apostrophes and hyphens at the edges ('90s, -based) so they do not make new words. */
    size_t a = 0;
    while (a < n && (buf[a] == '\'' || buf[a] == '-'))
        a++;
    while (n > a && (buf[n - 1] == '\'' || buf[n - 1] == '-' || buf[n - 1] == '.'))
        n--;
    if (n == a)
        return -1;
    size_t before = s->words.n;
    int64_t id = sum_strtab_intern(&s->words, buf + a, n - a);
    if (id < 0)
        return -2;
    if ((size_t)id < before)
        return s->word_term[id];
    if (sum_grow(&s->word_term, &s->cap_word_term, (size_t)id + 1, sizeof *s->word_term) != 0)
        return -2;
    int64_t term = -1;
    int has_alnum = 0;
    for (size_t i = a; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        has_alnum |= c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    }
    if (has_alnum && sum_strtab_find(&s->stop, buf + a, n - a) < 0) {
        const char *stem = buf + a;
        size_t slen = n - a;
        if (s->stemmer && valid_utf8((const unsigned char *)stem, slen)) {
            const sb_symbol *r = sb_stemmer_stem(s->stemmer, (const sb_symbol *)stem, (int)slen);
            if (r) {
                stem = (const char *)r;
                slen = (size_t)sb_stemmer_length(s->stemmer);
            }
        }
        term = sum_strtab_intern(&s->terms, stem, slen);
        if (term < 0)
            return -2;
    }
    s->word_term[id] = (int32_t)term;
    return term;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Token kinds that carry content words. */
static int is_content_kind(unsigned kind)
{
    return kind == PIPE_TOK_WORD || kind == PIPE_TOK_NUMBER || kind == PIPE_TOK_HASHTAG ||
           kind == PIPE_TOK_MENTION;
}

/* Append one sentence's sorted (term, count) pairs from scratch[0..m). */
static int add_vector(sum_doc *d, sum_sent *ss, size_t m)
{
    if (m > 1)
        qsort(d->scratch, m, sizeof *d->scratch, cmp_u32);
    if (sum_grow(&d->vterm, &d->cap_v, d->nv + m, sizeof *d->vterm) != 0)
        return PIPE_ERR_NOMEM;
    if (sum_grow(&d->vcount, &d->cap_vc, d->nv + m, sizeof *d->vcount) != 0)
        return PIPE_ERR_NOMEM;
    ss->voff = (uint32_t)d->nv;
    for (size_t i = 0; i < m; i++) {
        if (i > 0 && d->scratch[i] == d->scratch[i - 1]) {
            d->vcount[d->nv - 1] += 1.0f;
            continue;
        }
        d->vterm[d->nv] = d->scratch[i];
        d->vcount[d->nv] = 1.0f;
        d->nv++;
    }
    ss->vlen = (uint32_t)(d->nv - ss->voff);
    return PIPE_OK;
}

int sum_terms_build(pipe_summarizer *s, const pipe_summarize_input *in)
{
    sum_doc *d = &s->d;
    sum_strtab_clear(&s->words);
    sum_strtab_clear(&s->terms);
    d->n = d->nv = 0;
    size_t n = in->sentences ? in->n_sentences : 0;
    size_t ntok = in->tokens ? in->n_tokens : 0;
    size_t len = in->text ? in->len : 0;
    if (n > UINT32_MAX / 2)
        n = UINT32_MAX / 2;
    if (n && sum_grow(&d->sent, &d->cap_sent, n, sizeof *d->sent) != 0)
        return PIPE_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const pipe_sentence *ps = &in->sentences[i];
        sum_sent *ss = &d->sent[i];
        memset(ss, 0, sizeof *ss);
        ss->start = ps->start <= len ? ps->start : (uint32_t)len;
        ss->end = ps->end <= len ? ps->end : (uint32_t)len;
        if (ss->end < ss->start)
            ss->end = ss->start;
        ss->flags = ps->flags;
        ss->quote_factor = 1.0;
        size_t first = ps->first_token, cnt = ps->n_tokens;
        if (first >= ntok)
            cnt = 0;
        else if (cnt > ntok - first)
            cnt = ntok - first;
        if (sum_grow(&d->scratch, &d->cap_scratch, cnt + 1, sizeof *d->scratch) != 0)
            return PIPE_ERR_NOMEM;
        size_t m = 0;
        for (size_t t = first; t < first + cnt; t++) {
            const pipe_token *tk = &in->tokens[t];
            if (tk->start >= tk->end || tk->end > len || !is_content_kind(tk->kind))
                continue;
            if (tk->flags & PIPE_TOKF_CLITIC)
                continue; /* 's and n't are grammar, not content */
            ss->words++;
            int64_t term = word_term(s, in->text + tk->start, tk->end - tk->start);
            if (term == -2)
                return PIPE_ERR_NOMEM;
            if (term >= 0)
                d->scratch[m++] = (uint32_t)term;
        }
        ss->n_terms = (uint32_t)m;
        int rc = add_vector(d, ss, m);
        if (rc != PIPE_OK)
            return rc;
    }
    d->n = n;
    /* Document frequency over sentences, then idf = log((N + 1) / df) > 0. */
    d->n_terms = s->terms.n;
    if (sum_grow(&d->df, &d->cap_terms, d->n_terms + 1, sizeof *d->df) != 0 ||
        sum_grow(&d->idf, &d->cap_idf, d->n_terms + 1, sizeof *d->idf) != 0)
        return PIPE_ERR_NOMEM;
    memset(d->df, 0, d->n_terms * sizeof *d->df);
    for (size_t v = 0; v < d->nv; v++)
        d->df[d->vterm[v]]++;
    for (size_t t = 0; t < d->n_terms; t++)
        d->idf[t] = log((double)(n + 1) / (double)d->df[t]);
    for (size_t i = 0; i < n; i++) {
        sum_sent *ss = &d->sent[i];
        double sq = 0;
        for (uint32_t v = ss->voff; v < ss->voff + ss->vlen; v++) {
            double w = d->vcount[v] * d->idf[d->vterm[v]];
            sq += w * w;
        }
        ss->norm = sqrt(sq);
    }
    return PIPE_OK;
}

double sum_cosine(const sum_doc *d, size_t a, size_t b)
{
    const sum_sent *x = &d->sent[a], *y = &d->sent[b];
    if (x->norm <= 0 || y->norm <= 0)
        return 0;
    uint32_t i = x->voff, ie = x->voff + x->vlen, j = y->voff, je = y->voff + y->vlen;
    double dot = 0;
    while (i < ie && j < je) {
        uint32_t ti = d->vterm[i], tj = d->vterm[j];
        if (ti < tj) {
            i++;
        } else if (tj < ti) {
            j++;
        } else {
            double w = d->idf[ti];
            dot += (double)d->vcount[i] * d->vcount[j] * w * w;
            i++;
            j++;
        }
    }
    return dot / (x->norm * y->norm);
}

double sum_overlap(const sum_doc *d, size_t a, size_t b)
{
    const sum_sent *x = &d->sent[a], *y = &d->sent[b];
    uint32_t i = x->voff, ie = x->voff + x->vlen, j = y->voff, je = y->voff + y->vlen;
    double n = 0;
    while (i < ie && j < je) {
        uint32_t ti = d->vterm[i], tj = d->vterm[j];
        if (ti < tj) {
            i++;
        } else if (tj < ti) {
            j++;
        } else {
            n += 1;
            i++;
            j++;
        }
    }
    return n;
}
