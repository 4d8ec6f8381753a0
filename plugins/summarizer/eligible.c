/*
 * eligible.c: which sentences a summary may contain.
 *
 * News pages carry lines a reader would never accept in a summary: captions,
 * bylines and headlines (the sentence splitter marks lines without final
 * punctuation), image credits, newsletter sign-ups, "Read more", and
 * sentences repeated verbatim (pull quotes, teasers). Each sentence gets a
 * tier: 0 = a normal sentence, 1 = too short, 2 = a line without final
 * punctuation, SUM_NEVER = boilerplate, duplicate or empty. Selection uses
 * the best tier present, so a one-line document still gets a summary while
 * an article never gets its caption. Phrases are data, in
 * conf/summarizer-boilerplate-<lang>.txt.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sum_internal.h"

/* Phrases are only searched in sentences up to this many bytes: boilerplate is short, and it bounds the cost. */
#define SUM_BP_MAX_BYTES 400
/* A sentence continuing a quote opened in an earlier sentence reads badly alone. */
#define SUM_QUOTE_CONTINUATION 0.8
/* Sentences examined per quote, so nested or runaway quotes stay linear. */
#define SUM_QUOTE_MAX_SENTENCES 64

int sum_boilerplate_load(pipe_summarizer *s, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read boilerplate phrases %s: %s", path, strerror(errno));
        return PIPE_ERR_CONFIG;
    }
    char line[512];
    size_t cap = 0;
    int rc = PIPE_OK;
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "#\r\n");
        while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        size_t a = 0;
        while (a < n && (line[a] == ' ' || line[a] == '\t'))
            a++;
        if (a == n)
            continue;
        if (sum_grow(&s->bp_phrases, &cap, s->n_bp + 1, sizeof *s->bp_phrases) != 0) {
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
        s->bp_phrases[s->n_bp++] = p;
    }
    fclose(f);
    if (rc != PIPE_OK)
        snprintf(err, errlen, "out of memory reading %s", path);
    return rc;
}

/* ASCII case-insensitive: does text[0..len) start with the folded phrase p? */
static int starts_with(const char *t, size_t len, const char *p)
{
    size_t i = 0;
    for (; p[i]; i++)
        if (i >= len || tolower((unsigned char)t[i]) != (unsigned char)p[i])
            return 0;
    return 1;
}

/* Is a sentence boilerplate by one of the phrases? */
static int is_boilerplate(const pipe_summarizer *s, const char *t, size_t len)
{
    if (len > SUM_BP_MAX_BYTES)
        return 0;
    /* Skip what may precede the words: space, quote marks, bullets. */
    size_t a = 0;
    while (a < len && !isalnum((unsigned char)t[a]) && (unsigned char)t[a] < 0x80)
        a++;
    for (size_t k = 0; k < s->n_bp; k++) {
        const char *p = s->bp_phrases[k];
        if (p[0] == '^') {
            if (starts_with(t + a, len - a, p + 1))
                return 1;
            continue;
        }
        for (size_t i = a; i < len; i++)
            if (starts_with(t + i, len - i, p))
                return 1;
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
            d->sent[i].quote_factor = SUM_QUOTE_CONTINUATION;
        }
    }
}

void sum_eligible(pipe_summarizer *s, const pipe_summarize_input *in)
{
    sum_doc *d = &s->d;
    sum_strtab_clear(&s->words); /* reused as the set of seen term vectors */
    uint32_t min_words = s->o.min_words > 0 ? (uint32_t)s->o.min_words : 0;
    for (size_t i = 0; i < d->n; i++) {
        sum_sent *ss = &d->sent[i];
        const char *t = in->text + ss->start;
        size_t len = ss->end - ss->start;
        if (ss->words == 0 || is_boilerplate(s, t, len)) {
            ss->tier = SUM_NEVER;
            continue;
        }
        if (ss->vlen > 0) {
            /* The same content terms as an earlier sentence: a repeat, keep the first. */
            size_t before = s->words.n;
            int64_t id = sum_strtab_intern(&s->words, (const char *)&d->vterm[ss->voff],
                                           ss->vlen * sizeof *d->vterm);
            if (id >= 0 && (size_t)id < before) {
                ss->tier = SUM_NEVER;
                continue;
            }
        }
        if (ss->flags & PIPE_SENTF_NO_FINAL_PUNCT)
            ss->tier = ss->words >= min_words ? 2 : SUM_NEVER;
        else
            ss->tier = ss->words >= min_words ? 0 : 1;
    }
    mark_quote_continuations(d, in);
}
