/*
 * sumsplit.h: tokens and sentences for the summarizer engine's development
 * driver (sumdev), unit tests and fuzz target, made by the real engines:
 * `pipe_tokenize` (news mode, the tokenizer stage's default) and
 * `pipe_sentsplit` with the sentences stage's default lexicon
 * (conf/abbrev-en.txt, conf/sentences-starters-en.txt). A thin adapter
 * only, so the engine is exercised on exactly what the pipeline feeds it.
 */
#ifndef PIPE_SUMSPLIT_H
#define PIPE_SUMSPLIT_H

#include <stddef.h>

#include "pipe/layers.h"

struct sentsplit_lexicon;

/* Token and sentence arrays of the last text split (grow-only buffers); zero-initialise. */
typedef struct sumsplit {
    struct sentsplit_lexicon *lex; /* loaded on first use */
    pipe_token *toks;
    size_t ntok, captok;
    pipe_sentence *sents;
    size_t nsent, capsent;
} sumsplit;

/* Split text[0..len) into d->toks and d->sents (exits on out of memory or a missing data file). */
void sumsplit_run(sumsplit *d, const char *text, size_t len);
/* Free the buffers and the lexicon. */
void sumsplit_free(sumsplit *d);

#endif
