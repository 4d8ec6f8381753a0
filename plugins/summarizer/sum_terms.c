/*
 * sum_terms.c: from tokens to one sparse term vector per sentence.
 *
 * A word is compared after case folding, stop-word removal and Snowball
 * stemming. Stemming is the costly step, so every distinct spelling is
 * folded and stemmed once per engine, not per document, and cached (raw
 * bytes -> stem id, see struct pipe_summarizer); a repeated word costs one
 * hash lookup. Vectors are (term id, count) pairs
 * sorted by term id so two sentences compare with a linear merge.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "pipe/utf8.h"
#include "sum_shape.h"

_Static_assert(sizeof(sum_sent) <= 72, "sum_sent grew: it is held per sentence for the whole run");

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
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 :
                                                        2;
        if (o - (back - 1) < need)
            o = back - 1;
    }
    return o;
}

/* True when s is well-formed UTF-8 (RFC 3629), the only input the stemmer is given. */
static int valid_utf8(const unsigned char *s, size_t len)
{
    for (size_t i = 0, n; i < len; i += n)
        if (pipe_utf8_decode(s + i, len - i, &n, PIPE_UTF8_STRICT) == PIPE_UTF8_INVALID)
            return 0;
    return 1;
}

/* Spellings cached at most (8 MB of slots); past that the cache starts over at the next document. */
#define SUM_CACHE_MAX_FORMS (1u << 18)
/*
 * The first form table: 1 MB of slots, room for 32k spellings (300 Reuters articles need no
 * rehash; the whole corpus, 89k, two). calloc'd, so a short run touches only the pages it uses;
 * but a large document fills every page of it before its terms are built, and at 1 MB of text
 * a first table of 4 MB (1 << 18 slots) made the peak 10.8x the document instead of 8.8x.
 */
#define SUM_FORM_SLOTS_FIRST ((size_t)1 << 16)
/* Tokens longer than this are not cached: junk that would only fill the cache (and len fits 8 bits). */
#define SUM_CACHE_MAX_BYTES 128
/* form_chars offsets have 24 bits. */
#define SUM_CACHE_MAX_CHARS ((size_t)1 << 24)

/* The first min(len, 8) bytes of w as a little-endian number; avail = bytes readable from w. */
static inline uint64_t form_head(const char *w, size_t len, size_t avail)
{
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (avail >= 8) {
        /* One unaligned load and a mask, no loop: the token's length varies too much to predict. */
        memcpy(&v, w, 8);
        return len >= 8 ? v : v & (~(uint64_t)0 >> (64 - 8 * len));
    }
#else
    (void)avail;
#endif
    for (size_t k = 0; k < len && k < 8; k++)
        v |= (uint64_t)(unsigned char)w[k] << (8 * k);
    return v;
}

/* Hash of a form from its head, its bytes past the 8th and its length. */
static inline uint32_t form_hash(uint64_t head, const char *tail, size_t len)
{
    uint64_t h = (head ^ ((uint64_t)len << 56)) * 0x9E3779B97F4A7C15u;
    if (len > 8)
        h ^= sum_hash(tail, len - 8);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 32;
    return (uint32_t)h;
}

/*
 * Below this many slots a stream of news-sized documents grows the form table 4x at a time: it
 * fills over many documents, and each growth rehashes every spelling with random writes over
 * megabytes (1% of the default pipeline over Reuters went to the growth from 64k to 256k slots in
 * two steps). A large document doubles it, as its peak memory matters more.
 */
#define SUM_FORM_SLOTS_FAST_MAX ((size_t)1 << 18)

/* Grow the form table (or make the first one). */
static int forms_grow(pipe_summarizer *s)
{
    size_t step = s->forms_fast && s->n_form_slots < SUM_FORM_SLOTS_FAST_MAX ? 4 : 2;
    size_t ns = s->n_form_slots ? s->n_form_slots * step : SUM_FORM_SLOTS_FIRST;
    struct sum_form *t = calloc(ns, sizeof *t);
    if (!t)
        return -1;
    /* A grown table takes every spelling at once, all over it: its pages in one call. The first
     * one is left to fault page by page, so a short run touches only what it uses. */
    if (s->n_form_slots)
        pipe_prefault_all(t, ns * sizeof *t);
    for (size_t i = 0; i < s->n_form_slots; i++) {
        const struct sum_form *f = &s->form_slot[i];
        if (f->meta == 0)
            continue;
        size_t len = f->meta & 0xFF;
        size_t j = form_hash(f->head, s->form_chars + (f->meta >> 8), len) & (ns - 1);
        while (t[j].meta)
            j = (j + 1) & (ns - 1);
        t[j] = *f;
    }
    free(s->form_slot);
    s->form_slot = t;
    s->n_form_slots = ns;
    return 0;
}

/*
 * Stem id of a raw token (-1: stop word or no letters/digits, -2: out of memory,
 * SUM_COUNTED_ID(k): the stop word marked `count` with id k); the slow path.
 */
static int64_t stem_of(pipe_summarizer *s, const char *w, size_t len)
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
    int has_alnum = 0;
    for (size_t i = a; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        has_alnum |= c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
    }
    if (!has_alnum)
        return -1;
    if (sum_strtab_find(&s->stop, buf + a, n - a) >= 0) {
        int64_t k = s->counted.n ? sum_strtab_find(&s->counted, buf + a, n - a) : -1;
        return k >= 0 ? SUM_COUNTED_ID(k) : -1;
    }
    const char *stem = buf + a;
    size_t slen = n - a;
    if (s->stemmer && valid_utf8((const unsigned char *)stem, slen)) {
        const sb_symbol *r = sb_stemmer_stem(s->stemmer, (const sb_symbol *)stem, (int)slen);
        if (r) {
            stem = (const char *)r;
            slen = (size_t)sb_stemmer_length(s->stemmer);
        }
    }
    /* Room for a new stem first, so an id never exists without its stem_doc entry. */
    if (sum_grow(&s->stem_doc, &s->cap_stem_doc, s->stems.n + 1, sizeof *s->stem_doc) != 0)
        return -2;
    size_t before = s->stems.n;
    int64_t id = sum_strtab_intern(&s->stems, stem, slen);
    if (id < 0)
        return -2;
    if ((size_t)id >= before)
        s->stem_doc[id].stamp = 0; /* never used by a document yet */
    return id;
}

/* Stem id of token w[0..len) (-1: no term, -2: out of memory); head and h are its form_head() and
 * form_hash() when it is short enough to cache. */
static int64_t word_stem(pipe_summarizer *s, const char *w, size_t len, uint64_t head, uint32_t h)
{
    int64_t stem;
    if (len > SUM_CACHE_MAX_BYTES || len == 0) {
        stem = stem_of(s, w, len);
    } else {
        size_t mask = s->n_form_slots - 1, i = h & mask;
        for (;; i = (i + 1) & mask) {
            const struct sum_form *f = &s->form_slot[i];
            if (f->meta == 0)
                break;
            if (f->head == head && (f->meta & 0xFF) == len &&
                (len <= 8 || memcmp(s->form_chars + (f->meta >> 8), w + 8, len - 8) == 0)) {
                stem = f->stem;
                goto found;
            }
        }
        /* A new spelling: fold and stem it once, then remember it. */
        stem = stem_of(s, w, len);
        if (stem == -2)
            return -2;
        size_t tail = len > 8 ? len - 8 : 0;
        if (s->n_form_chars + tail >= SUM_CACHE_MAX_CHARS)
            goto found; /* the cache is full for this document: use the stem uncached */
        if (sum_grow(&s->form_chars, &s->cap_form_chars, s->n_form_chars + tail + 1, 1) != 0)
            return -2;
        if ((s->n_forms + 1) * 2 > s->n_form_slots) {
            if (forms_grow(s) != 0)
                return -2;
            mask = s->n_form_slots - 1;
            for (i = h & mask; s->form_slot[i].meta; i = (i + 1) & mask)
                ;
        }
        if (tail)
            memcpy(s->form_chars + s->n_form_chars, w + 8, tail);
        struct sum_form *f = &s->form_slot[i];
        f->head = head;
        f->stem = (int32_t)stem;
        f->meta = (uint32_t)(s->n_form_chars << 8 | len);
        s->n_form_chars += tail;
        s->n_forms++;
    }
found:
    return stem;
}

/* The document's term id of a stem: stems are numbered in order of first use in the document. */
static uint32_t stem_term(pipe_summarizer *s, int64_t stem, size_t *d_terms)
{
    /* Branch-free: whether a stem was seen before in the document is not predictable. */
    struct sum_stem_doc *sd = &s->stem_doc[stem];
    int seen = sd->stamp == s->doc_stamp;
    uint32_t term = seen ? sd->term : (uint32_t)*d_terms;
    *d_terms += !seen;
    sd->stamp = s->doc_stamp;
    sd->term = term;
    return term;
}

void sum_cache_release(pipe_summarizer *s)
{
    free(s->form_slot);
    free(s->form_chars);
    free(s->stem_doc);
    s->form_slot = NULL;
    s->form_chars = NULL;
    s->stem_doc = NULL;
    s->n_form_slots = s->n_forms = s->n_form_chars = s->cap_form_chars = s->cap_stem_doc = 0;
    sum_strtab_free(&s->stems);
    s->doc_stamp = 0; /* no stem id is left to carry an old stamp */
}

/* Start a document: a new stamp for the stem -> term map, and a fresh cache when it has grown too big. */
static int cache_new_doc(pipe_summarizer *s)
{
    if (s->n_forms > SUM_CACHE_MAX_FORMS || s->n_form_chars > SUM_CACHE_MAX_CHARS / 2 ||
        s->doc_stamp == UINT32_MAX) {
        if (s->form_slot)
            memset(s->form_slot, 0, s->n_form_slots * sizeof *s->form_slot);
        s->n_forms = s->n_form_chars = 0;
        sum_strtab_clear(&s->stems);
        s->doc_stamp = 0;
    }
    s->doc_stamp++;
    if (s->n_form_slots == 0)
        return forms_grow(s);
    return 0;
}

/* Sort a sentence's term ids: insertion sort for the usual short sentence, qsort beyond. */
static void sort_u32(uint32_t *a, size_t n);

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void sort_u32(uint32_t *a, size_t n)
{
    if (n > 48) {
        qsort(a, n, sizeof *a, cmp_u32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1] > x; j--)
            a[j] = a[j - 1];
        a[j] = x;
    }
}

/* Token kinds that carry content words. */
static int is_content_kind(unsigned kind)
{
    const unsigned mask = 1u << PIPE_TOK_WORD | 1u << PIPE_TOK_NUMBER | 1u << PIPE_TOK_HASHTAG | 1u << PIPE_TOK_MENTION;
    return kind < 32 && (mask >> kind & 1u);
}

/*
 * Append one sentence's sorted (term, count) pairs: its older terms from
 * scratch[0..m) (sorted here, repeats merged), then its n_new new terms
 * base.. with their counts in newcnt[0..n_new). The counts are whole
 * numbers, so they equal the 1.0f steps the sum used to take.
 */
static int add_vector(sum_doc *d, sum_sent *ss, size_t m, const uint32_t *newcnt, size_t base, size_t n_new)
{
    sort_u32(d->scratch, m);
    if (sum_grow(&d->vterm, &d->cap_v, d->nv + m + n_new, sizeof *d->vterm) != 0)
        return PIPE_ERR_NOMEM;
    if (sum_grow(&d->vcount, &d->cap_vc, d->nv + m + n_new, sizeof *d->vcount) != 0)
        return PIPE_ERR_NOMEM;
    size_t upto = (d->nv + m + n_new) * sizeof *d->vterm;
    if (upto > d->v_present) {
        /* Both arrays hold 4-byte entries and grow together: one watermark for the two. */
        size_t done_v = d->v_present, done_c = d->v_present;
        pipe_prefault(d->vterm, d->cap_v * sizeof *d->vterm, upto, &done_v);
        pipe_prefault(d->vcount, d->cap_vc * sizeof *d->vcount, upto, &done_c);
        d->v_present = done_v < done_c ? done_v : done_c;
    }
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
    for (size_t k = 0; k < n_new; k++) {
        d->vterm[d->nv + k] = (uint32_t)(base + k);
        d->vcount[d->nv + k] = (float)newcnt[k];
    }
    d->nv += n_new;
    ss->vlen = (uint32_t)(d->nv - ss->voff);
    return PIPE_OK;
}

int sum_terms_build(pipe_summarizer *s, const pipe_summarize_input *in)
{
    sum_doc *d = &s->d;
    s->forms_fast = (in->tokens ? in->n_tokens : 0) <= SUM_RELEASE_TOKENS;
    if (cache_new_doc(s) != 0)
        return PIPE_ERR_NOMEM;
    size_t d_terms = 0;
    d->n = d->nv = 0;
    size_t n = in->sentences ? in->n_sentences : 0;
    size_t ntok = in->tokens ? in->n_tokens : 0;
    size_t len = in->text ? in->len : 0;
    if (n > UINT32_MAX / 2)
        n = UINT32_MAX / 2;
    if (n && sum_grow(&d->sent, &d->cap_sent, n, sizeof *d->sent) != 0)
        return PIPE_ERR_NOMEM;
    pipe_prefault_all(d->sent, n * sizeof *d->sent); /* all n are written below */
    for (size_t i = 0; i < n; i++) {
        const pipe_sentence *ps = &in->sentences[i];
        sum_sent *ss = &d->sent[i];
        memset(ss, 0, sizeof *ss);
        ss->start = ps->start <= len ? ps->start : (uint32_t)len;
        ss->end = ps->end <= len ? ps->end : (uint32_t)len;
        if (ss->end < ss->start)
            ss->end = ss->start;
        ss->flags = ps->flags;
        size_t first = ps->first_token, cnt = ps->n_tokens;
        if (first >= ntok)
            cnt = 0;
        else if (cnt > ntok - first)
            cnt = ntok - first;
        ss->paragraph = ps->paragraph;
        ss->tok0 = cnt ? (uint32_t)first : 0;
        ss->ntok = (uint32_t)cnt;
        if (sum_grow(&d->scratch, &d->cap_scratch, cnt + 1, sizeof *d->scratch) != 0)
            return PIPE_ERR_NOMEM;
        if (sum_grow(&s->pend, &s->cap_pend, cnt + 1, sizeof *s->pend) != 0)
            return PIPE_ERR_NOMEM;
        /*
         * Two passes: hash every word of the sentence and prefetch its cache
         * slot, then look them up. The slot table is bigger than the L2
         * cache, so the loads of several words now overlap instead of each
         * waiting for the last.
         */
        size_t np = 0;
        /*
         * Content words first, without a branch on them (word and punctuation alternate
         * unpredictably); the same pass counts the sentence's shape (sum_shape.h).
         */
        sum_shape_acc acc = {0};
        for (size_t t = first; t < first + cnt; t++) {
            const pipe_token *tk = &in->tokens[t];
            s->pend[np].tok = (uint32_t)t;
            int valid = tk->start < tk->end && tk->end <= len;
            /* 's and n't (clitics) are grammar, not content. */
            np += valid && is_content_kind(tk->kind) && !(tk->flags & PIPE_TOKF_CLITIC);
            if (valid)
                sum_shape_count(&acc, tk, (const unsigned char *)in->text + tk->start, t > first);
        }
        sum_shape_finish(&acc, ss);
        /* Decided now, so the counts need no room per sentence: 32 bytes, a quarter of a sum_sent. */
        ss->table = (uint8_t)sum_shape(in, ss, &acc.sh);
        for (size_t k = 0; k < np; k++) {
            struct sum_pending *pd = &s->pend[k];
            const pipe_token *tk = &in->tokens[pd->tok];
            size_t wl = tk->end - tk->start;
            const char *w = in->text + tk->start;
            pd->head = form_head(w, wl, len - tk->start);
            pd->h = form_hash(pd->head, wl > 8 ? w + 8 : w, wl);
#ifdef __GNUC__
            __builtin_prefetch(&s->form_slot[pd->h & (s->n_form_slots - 1)]);
#endif
        }
        ss->words = (uint32_t)np;
        /*
         * Then the stems. Stop words (about half the words) are dropped
         * without a branch: every stem is written and the count only moves
         * past content words, whose per-document entries are prefetched.
         */
        size_t nc = 0;
        uint64_t counted = 0;
        for (size_t k = 0; k < np; k++) {
            struct sum_pending *pd = &s->pend[k];
            const pipe_token *tk = &in->tokens[pd->tok];
            int64_t stem = word_stem(s, in->text + tk->start, tk->end - tk->start, pd->head, pd->h);
            if (stem == -2)
                return PIPE_ERR_NOMEM;
            s->pend[nc].stem = (int32_t)stem;
            nc += stem >= 0;
            /* Counted stop words: a bit each, without a branch (the shift is masked, the bit 0 otherwise). */
            counted |= (uint64_t)(stem <= SUM_COUNTED_ID(0)) << ((uint64_t)(SUM_COUNTED_ID(0) - stem) & 63);
#ifdef __GNUC__
            if (s->stem_doc)
                __builtin_prefetch(&s->stem_doc[stem >= 0 ? stem : 0]);
#endif
        }
        /*
         * Term ids are given in order of first use, so the terms new in this
         * sentence are exactly base..d_terms-1, all above the older ones:
         * only the older ones need sorting, the new ones are counted in
         * place. No branch on new vs old either.
         */
        size_t base = d_terms, mo = 0;
        if (sum_grow(&s->newcnt, &s->cap_newcnt, nc + 1, sizeof *s->newcnt) != 0)
            return PIPE_ERR_NOMEM;
        uint32_t *newcnt = s->newcnt;
        memset(newcnt, 0, (nc + 1) * sizeof *newcnt);
        for (size_t k = 0; k < nc; k++) {
            uint32_t t = stem_term(s, s->pend[k].stem, &d_terms);
            int is_old = t < base;
            d->scratch[mo] = t;
            mo += is_old;
            newcnt[is_old ? nc : t - base] += 1;
        }
        ss->n_terms = (uint32_t)nc;
        ss->counted = counted;
        int rc = add_vector(d, ss, mo, newcnt, base, d_terms - base);
        if (rc != PIPE_OK)
            return rc;
    }
    d->n = n;
    /* Document frequency over sentences, then idf = log((N + 1) / df) > 0. */
    d->n_terms = d_terms;
    if (sum_grow(&d->df, &d->cap_terms, d->n_terms + 1, sizeof *d->df) != 0 ||
        sum_grow(&d->idf, &d->cap_idf, d->n_terms + 1, sizeof *d->idf) != 0)
        return PIPE_ERR_NOMEM;
    memset(d->df, 0, d->n_terms * sizeof *d->df);
    for (size_t v = 0; v < d->nv; v++)
        d->df[d->vterm[v]]++;
    /* df is at most n, so one log per distinct df value, not per term. */
    if (sum_grow(&s->idf_by_df, &s->cap_idf_by_df, n + 1, sizeof *s->idf_by_df) != 0)
        return PIPE_ERR_NOMEM;
    for (size_t k = 1; k <= n; k++)
        s->idf_by_df[k] = -1.0; /* not computed yet */
    for (size_t t = 0; t < d->n_terms; t++) {
        double *v = &s->idf_by_df[d->df[t]];
        if (*v < 0)
            *v = log((double)(n + 1) / (double)d->df[t]);
        d->idf[t] = *v;
    }
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
