/*
 * devsplit.h: a deliberately simple tokenizer and sentence splitter that
 * make the `tokens` and `sentences` arrays the summarizer engine needs, for
 * its development driver (sumdev) and unit tests, so the engine can be
 * exercised without the tokenizer and sentences stages. Words are runs of
 * letters and digits; a sentence ends at . ! ? before a capital (not after
 * a short abbreviation) and at every line end; a line without final
 * punctuation gets PIPE_SENTF_NO_FINAL_PUNCT. Not for production use.
 */
#ifndef PIPE_DEVSPLIT_H
#define PIPE_DEVSPLIT_H

#include <stddef.h>

#include "pipe/layers.h"

/* Token and sentence arrays of the last text split (grow-only buffers). */
typedef struct devsplit {
    pipe_token *toks;
    size_t ntok, captok;
    pipe_sentence *sents;
    size_t nsent, capsent;
} devsplit;

/* Split text[0..len) into d->toks and d->sents (exits on out of memory). */
void devsplit_run(devsplit *d, const char *text, size_t len);
/* Free the buffers. */
void devsplit_free(devsplit *d);

#endif
