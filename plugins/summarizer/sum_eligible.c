/*
 * sum_eligible.c: which sentences a summary may contain.
 *
 * News pages carry lines a reader would never accept in a summary: captions,
 * bylines and headlines (the sentence splitter marks lines without final
 * punctuation), image credits, newsletter sign-ups, "Read more",
 * sentences repeated verbatim (pull quotes, teasers), and lines shaped like
 * tables, price lists or bylines (sum_shape.c). Each sentence gets a
 * tier: 0 = a normal sentence, 1 = too short, 2 = a line without final
 * punctuation, SUM_NEVER = boilerplate, table, duplicate or empty. Selection uses
 * the best tier present, so a one-line document still gets a summary while
 * an article never gets its caption. Phrases are data, in
 * conf/summarizer-boilerplate-<lang>.txt.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sum_internal.h"

/* Phrases are only searched in sentences up to this many bytes: boilerplate is short, and it bounds the cost. */
#define SUM_BP_MAX_BYTES 400
/* Sentences examined per quote, so nested or runaway quotes stay linear. */
#define SUM_QUOTE_MAX_SENTENCES 64

/* State flags of the automaton. */
#define SUM_BP_ANY 1u      /* an unanchored phrase ends here (at this state or a suffix of it) */
#define SUM_BP_ANCHORED 2u /* an anchored phrase ends exactly at this trie node */
#define SUM_BP_EXACT 4u    /* an unanchored phrase ends exactly at this trie node */

/* ASCII-only lower case: the locale must not change what a phrase matches, and UTF-8 passes through. */
static unsigned char ascii_lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c | 0x20) : c;
}

static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void sum_boilerplate_free(sum_bp *bp)
{
    free(bp->next);
    free(bp->depth);
    free(bp->flag);
    free(bp->shift);
    memset(bp, 0, sizeof *bp);
}

/*
 * Compile phrases p[0..n) (folded, a leading '^' = anchored) into the
 * automaton: a trie over byte classes, then Aho-Corasick failure links
 * folded into a full transition table (a DFA), so matching costs one table
 * step per byte. An anchored phrase matches only while the DFA is still on
 * the trie path from the sentence start (depth == bytes read).
 */
static int bp_compile(sum_bp *bp, char **p, size_t n)
{
    size_t total = 1;
    uint8_t used[256] = {0};
    for (size_t k = 0; k < n; k++) {
        const unsigned char *q = (const unsigned char *)p[k] + (p[k][0] == '^');
        size_t m = strlen((const char *)q);
        if (m == 0) {
            if (p[k][0] == '^')
                bp->empty_anchored = 1;
            else
                bp->empty_any = 1;
        }
        total += m;
        for (size_t i = 0; i < m; i++)
            used[q[i]] = 1;
    }
    /* Class 0: bytes in no phrase (every such byte sends the DFA to the root). */
    uint8_t cls_of[256] = {0};
    size_t nc = 1;
    for (size_t b = 0; b < 256; b++)
        if (used[b])
            cls_of[b] = (uint8_t)nc++;
    if (nc > 256 || total > UINT32_MAX / nc)
        return -1;
    for (size_t b = 0; b < 256; b++)
        bp->cls[b] = cls_of[ascii_lower((unsigned char)b)];
    bp->n_cls = nc;
    bp->next = calloc(total * nc, sizeof *bp->next);
    bp->depth = calloc(total, sizeof *bp->depth);
    bp->flag = calloc(total, sizeof *bp->flag);
    uint32_t *fail = calloc(total, sizeof *fail), *queue = calloc(total, sizeof *queue);
    int rc = -1;
    if (!bp->next || !bp->depth || !bp->flag || !fail || !queue)
        goto done;
    /* The trie; next[] == 0 means no child yet (the root is never a child). */
    size_t ns = 1;
    for (size_t k = 0; k < n; k++) {
        int anchored = p[k][0] == '^';
        const unsigned char *q = (const unsigned char *)p[k] + anchored;
        uint32_t st = 0;
        for (size_t i = 0; q[i]; i++) {
            uint32_t *t = &bp->next[st * nc + cls_of[q[i]]];
            if (*t == 0) {
                *t = (uint32_t)ns;
                bp->depth[ns] = bp->depth[st] + 1;
                ns++;
            }
            st = *t;
        }
        if (st != 0) {
            bp->flag[st] |= anchored ? SUM_BP_ANCHORED : SUM_BP_ANY | SUM_BP_EXACT;
            if (anchored)
                bp->has_anchored = 1;
            else
                bp->has_any = 1;
        }
    }
    /* Breadth first: failure links, inherited SUM_BP_ANY, and the missing transitions. */
    size_t qh = 0, qt = 0;
    queue[qt++] = 0;
    while (qh < qt) {
        uint32_t u = queue[qh++];
        for (size_t c = 0; c < nc; c++) {
            uint32_t *t = &bp->next[u * nc + c];
            if (*t != 0 && bp->depth[*t] == bp->depth[u] + 1) {
                uint32_t v = *t;
                fail[v] = u == 0 ? 0 : bp->next[fail[u] * nc + c];
                bp->flag[v] |= bp->flag[fail[v]] & SUM_BP_ANY;
                queue[qt++] = v;
            } else {
                *t = u == 0 ? 0 : bp->next[fail[u] * nc + c];
            }
        }
    }
    bp->n_states = ns;
    /*
     * Wu-Manber (1994) with two-byte blocks: a window of the shortest
     * unanchored phrase's length slides over the sentence; the window's
     * last two bytes say how far it may move without skipping the first
     * bytes of any phrase. Only a shift of 0 costs a trie walk, so a
     * sentence costs about len / window steps instead of len.
     */
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(p[k]);
        if (p[k][0] != '^' && len > 0 && (m == 0 || len < m))
            m = len;
    }
    if (m > 255)
        m = 255;
    if (m >= 2) {
        bp->shift = malloc(nc * nc);
        if (!bp->shift)
            goto done;
        memset(bp->shift, (int)(m - 1), nc * nc);
        for (size_t k = 0; k < n; k++) {
            const unsigned char *q = (const unsigned char *)p[k];
            if (q[0] == '^')
                continue;
            for (size_t j = 1; j < m; j++) {
                uint8_t *sh = &bp->shift[cls_of[q[j - 1]] * nc + cls_of[q[j]]];
                if (*sh > m - 1 - j)
                    *sh = (uint8_t)(m - 1 - j);
            }
        }
        bp->window = m;
    }
    rc = 0;
done:
    free(fail);
    free(queue);
    return rc;
}

int sum_boilerplate_load(pipe_summarizer *s, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read boilerplate phrases %s: %s", path, strerror(errno));
        return PIPE_ERR_CONFIG;
    }
    char line[512];
    char **phrases = NULL;
    size_t n_bp = 0, cap = 0;
    int rc = PIPE_OK;
    while (fgets(line, sizeof line, f)) {
        size_t a, n = sum_phrase_line(line, &a);
        if (a == n)
            continue;
        if (sum_grow(&phrases, &cap, n_bp + 1, sizeof *phrases) != 0) {
            rc = PIPE_ERR_NOMEM;
            break;
        }
        char *p = malloc(n - a + 1);
        if (!p) {
            rc = PIPE_ERR_NOMEM;
            break;
        }
        size_t m = sum_fold(line + a, n - a, p, n - a);
        p[m] = '\0';
        phrases[n_bp++] = p;
    }
    fclose(f);
    sum_boilerplate_free(&s->bp);
    if (rc == PIPE_OK && bp_compile(&s->bp, phrases, n_bp) != 0)
        rc = PIPE_ERR_NOMEM;
    for (size_t k = 0; k < n_bp; k++)
        free(phrases[k]);
    free(phrases);
    if (rc != PIPE_OK)
        snprintf(err, errlen, "out of memory reading %s", path);
    return rc;
}

/*
 * Is a sentence boilerplate by one of the phrases? Anchored phrases may
 * only match at the first letter or digit, so they cost a short trie walk;
 * unanchored ones may match anywhere after it and are found by the
 * Wu-Manber scan (or the DFA when some phrase is a single byte).
 */
static int is_boilerplate(const sum_bp *bp, const char *text, size_t len)
{
    if (len > SUM_BP_MAX_BYTES)
        return 0;
    if (bp->empty_anchored)
        return 1;
    const unsigned char *t = (const unsigned char *)text;
    /* Skip what may precede the words: space, quote marks, bullets. */
    size_t a = 0;
    while (a < len && t[a] < 0x80 && !ascii_alnum(t[a]))
        a++;
    if (bp->empty_any && a < len)
        return 1;
    if (!bp->has_any && !bp->has_anchored)
        return 0;
    const uint32_t *next = bp->next, *depth = bp->depth;
    const uint8_t *flag = bp->flag, *cls = bp->cls;
    size_t nc = bp->n_cls;
    /* Anchored phrases: follow the trie from the first word while it matches. */
    if (bp->has_anchored) {
        uint32_t st = 0;
        for (size_t i = a; i < len; i++) {
            st = next[st * nc + cls[t[i]]];
            if (depth[st] != i - a + 1)
                break;
            if (flag[st] & SUM_BP_ANCHORED)
                return 1;
        }
    }
    if (!bp->has_any)
        return 0;
    if (!bp->window) {
        /* Too short a phrase to skip: one DFA step per byte. */
        uint32_t st = 0;
        for (size_t i = a; i < len; i++) {
            st = next[st * nc + cls[t[i]]];
            if (flag[st] & SUM_BP_ANY)
                return 1;
        }
        return 0;
    }
    const uint8_t *shift = bp->shift;
    size_t m = bp->window;
    for (size_t pos = a + m - 1; pos < len;) {
        size_t sh = shift[cls[t[pos - 1]] * nc + cls[t[pos]]];
        if (sh) {
            pos += sh;
            continue;
        }
        /* The window's end fits some phrase: walk the trie from the window's start. */
        uint32_t st = 0;
        for (size_t i = pos + 1 - m; i < len; i++) {
            uint32_t nx = next[st * nc + cls[t[i]]];
            if (depth[nx] != depth[st] + 1)
                break;
            st = nx;
            if (flag[st] & SUM_BP_EXACT)
                return 1;
        }
        pos++;
    }
    return 0;
}

/* Lower the weight of sentences that begin inside a quote opened earlier. */
static void mark_quote_continuations(sum_doc *d, const pipe_summarize_input *in)
{
    if (!in->quotes || d->n == 0)
        return;
    for (size_t q = 0; q < in->n_quotes; q++) {
        const pipe_quote *pq = &in->quotes[q];
        if (pq->kind != PIPE_QUOTE_DIRECT || pq->end <= pq->start)
            continue;
        /* First sentence starting after the quote opens (sentences are in document order). */
        size_t lo = 0, hi = d->n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (d->sent[mid].start <= pq->start)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo, k = 0; i < d->n && k < SUM_QUOTE_MAX_SENTENCES; i++, k++) {
            if (d->sent[i].start >= pq->end)
                break;
            d->sent[i].quote_cont = 1;
        }
    }
}

/* Hash of sentence i's term vector (is_repeat's key). */
static uint32_t vector_hash(const sum_doc *d, size_t i)
{
    const sum_sent *ss = &d->sent[i];
    return sum_hash((const char *)&d->vterm[ss->voff], ss->vlen * sizeof *d->vterm);
}

/*
 * Is sentence i's term vector (hash h) one an earlier sentence has (a repeat)? The table holds
 * 1 + the index of each sentence with a new vector, by the vector's hash; a candidate is compared
 * in place in d->vterm, so no vector is copied. mask + 1 slots, a power of two above twice the
 * sentences.
 */
static int is_repeat(uint32_t *slot, size_t mask, const sum_doc *d, uint32_t i, uint32_t h)
{
    const sum_sent *ss = &d->sent[i];
    const uint32_t *v = &d->vterm[ss->voff];
    size_t k = h & mask;
    for (; slot[k]; k = (k + 1) & mask) {
        const sum_sent *o = &d->sent[slot[k] - 1];
        if (o->vlen == ss->vlen && memcmp(&d->vterm[o->voff], v, ss->vlen * sizeof *v) == 0)
            return 1;
    }
    slot[k] = i + 1;
    return 0;
}

void sum_eligible(pipe_summarizer *s, const pipe_summarize_input *in)
{
    sum_doc *d = &s->d;
    size_t n_slots = 16;
    while (n_slots < 2 * d->n)
        n_slots *= 2;
    /* Out of memory: no sentence is taken for a repeat, as when the old table could not grow. */
    uint32_t *slot = sum_grow(&s->dup_slot, &s->cap_dup_slot, n_slots, sizeof *s->dup_slot) == 0 ? s->dup_slot : NULL;
    if (slot)
        memset(slot, 0, n_slots * sizeof *slot);
    uint32_t min_words = s->o.min_words > 0 ? (uint32_t)s->o.min_words : 0;
    uint32_t h_next = d->n ? vector_hash(d, 0) : 0;
    for (size_t i = 0; i < d->n; i++) {
        sum_sent *ss = &d->sent[i];
        /* The next sentence's slot is fetched while this one is tested (a miss on a large document). */
        uint32_t h = h_next;
        if (i + 1 < d->n) {
            h_next = vector_hash(d, i + 1);
#ifdef __GNUC__
            if (slot)
                __builtin_prefetch(&slot[h_next & (n_slots - 1)]);
#endif
        }
        const char *t = in->text + ss->start;
        size_t len = ss->end - ss->start;
        int table = (int)ss->table;
        ss->opener = i > 0 && sum_opener(s, in, ss);
        if (ss->words == 0 || table || is_boilerplate(&s->bp, t, len)) {
            ss->tier = SUM_NEVER;
            continue;
        }
        /* The same content terms as an earlier sentence: a repeat, keep the first. */
        if (ss->vlen > 0 && slot && is_repeat(slot, n_slots - 1, d, (uint32_t)i, h)) {
            ss->tier = SUM_NEVER;
            continue;
        }
        if (ss->flags & PIPE_SENTF_NO_FINAL_PUNCT)
            ss->tier = ss->words >= min_words ? 2 : SUM_NEVER;
        else
            ss->tier = ss->words >= min_words ? 0 : 1;
    }
    mark_quote_continuations(d, in);
}
