/*
 * sumsplit.c: the adapter of sumsplit.h. It holds no splitting logic of its
 * own: tokens come from pipe_tokenize(), sentences from sentsplit_run().
 */
#include <stdio.h>
#include <stdlib.h>

#include "sentsplit.h"
#include "sumsplit.h"
#include "tokenize.h"

static void die(const char *msg)
{
    fprintf(stderr, "sumsplit: %s\n", msg);
    exit(1);
}

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap && p)
        return p;
    size_t c = need < 64 ? 64 : need;
    void *q = realloc(p, c * elem);
    if (!q)
        die("out of memory");
    *cap = c;
    return q;
}

/* The sentences stage's default lexicon, from the source tree's conf/. */
static void load_lexicon(sumsplit *d)
{
    char err[512];
    d->lex = sentsplit_lexicon_new();
    if (!d->lex)
        die("out of memory");
    if (sentsplit_lexicon_load_dir(d->lex, SUMSPLIT_CONF_DIR, err, sizeof err) != 0)
        die(err);
}

void sumsplit_run(sumsplit *d, const char *text, size_t len)
{
    if (!d->lex)
        load_lexicon(d);
    /* pipe_tokenize() returns the full count even when the buffer is short: size, then fill. */
    size_t n = pipe_tokenize(text, len, NULL, d->toks, d->captok);
    if (n > d->captok) {
        d->toks = grow(d->toks, &d->captok, n, sizeof *d->toks);
        n = pipe_tokenize(text, len, NULL, d->toks, d->captok);
    }
    d->ntok = n;
    d->sents = grow(d->sents, &d->capsent, n + 1, sizeof *d->sents);
    sentsplit_opts o;
    sentsplit_opts_init(&o);
    d->nsent = sentsplit_run(d->lex, &o, text, len, d->toks, n, d->sents);
}

void sumsplit_free(sumsplit *d)
{
    sentsplit_lexicon_free(d->lex);
    free(d->toks);
    free(d->sents);
    d->lex = NULL;
    d->toks = NULL;
    d->sents = NULL;
    d->ntok = d->captok = d->nsent = d->capsent = 0;
}
