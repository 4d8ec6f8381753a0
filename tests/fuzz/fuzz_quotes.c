/*
 * fuzz_quotes.c: libFuzzer target for the quote finder (built with -DPIPE_FUZZ=ON and clang).
 * Any bytes in; the result must keep its invariants: spans inside the text, content inside
 * the marks, sorted by start, quotes nested or disjoint with levels matching the nesting.
 * Runs both word sources (the tokenizer's tokens, when built, and the finder's own scan).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "quotefind.h"
#ifdef HAVE_TOKENIZE
#include "tokenize.h"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static qf_lexicon *lex;
static qf_finder *fin;

static void check(const qf_quote *q, size_t n, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        const pipe_quote *r = &q[i].rec;
        if (!(r->start < r->end && r->end <= len && r->start <= r->content_start &&
              r->content_start <= r->content_end && r->content_end <= r->end))
            abort();
        if (i && q[i - 1].rec.start > r->start)
            abort();
        if (r->speaker_start != PIPE_NO_POS && !(r->speaker_start < r->speaker_end && r->speaker_end <= len))
            abort();
        if (r->cue_start != PIPE_NO_POS && !(r->cue_start < r->cue_end && r->cue_end <= len))
            abort();
        if (q[i].name_len && !q[i].name)
            abort();
        unsigned lvl = 0; /* quadratic, but fuzz inputs are small */
        for (size_t j = 0; j < i; j++) {
            if (q[j].rec.end <= r->start)
                continue;
            if (q[j].rec.end < r->end)
                abort();
            lvl++;
        }
        if (lvl != r->level)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!lex) {
        char err[512];
        if (qf_lexicon_load_dir(&lex, PIPE_CONF_DIR, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            abort();
        }
        fin = qf_finder_new(lex);
    }
    const qf_quote *q;
    size_t n;
    if (qf_find(fin, (const char *)data, size, NULL, 0, NULL, 0, &q, &n) == 0)
        check(q, n, size);
#ifdef HAVE_TOKENIZE
    pipe_token *tok = malloc((size + 8) * sizeof *tok);
    size_t ntok = pipe_tokenize((const char *)data, size, NULL, tok, size + 8);
    if (ntok > size + 8)
        ntok = size + 8;
    if (qf_find(fin, (const char *)data, size, tok, ntok, NULL, 0, &q, &n) == 0)
        check(q, n, size);
    free(tok);
#endif
    return 0;
}
