/*
 * sumtest.h: what the summarizer engine's unit tests share: the data files
 * of the source tree, an engine with them, a run over real tokens and
 * sentences (tests/support/sumsplit.h), and a look at the picks.
 */
#ifndef PIPE_SUMTEST_H
#define PIPE_SUMTEST_H

#include <stddef.h>

#include "sumsplit.h"
#include "summarize.h"

#define STOP PIPE_SOURCE_DIR "/conf/stopwords-en.txt"
#define BOILER PIPE_SOURCE_DIR "/conf/summarizer-boilerplate-en.txt"
#define OPENERS PIPE_SOURCE_DIR "/conf/summarizer-openers-en.txt"
#define WEIGHTS PIPE_SOURCE_DIR "/conf/summarizer-weights-en.txt"

/* Run the engine over text; returns the picks (count in *n), failing the test when NULL. */
const pipe_summary *run(pipe_summarizer *s, sumsplit *ds, const char *text, size_t *n);
/* An engine with every data file of conf/, method m and k sentences; fails the test on error. */
pipe_summarizer *make(pipe_summarize_method m, int sentences);
/* The same with another weights file. */
pipe_summarizer *make_weighted(pipe_summarize_method m, int sentences, const char *weights);
/* The learned method's features of text (n sentences, tiers), failing the test when NULL. */
const double *features_of(pipe_summarizer *s, sumsplit *ds, const char *text, size_t *n, const int **tiers);
/* Index of the feature called name; fails the test when there is none. */
size_t feature(const char *name);
/* Write text to a new temporary file; returns its path (valid until the next call). */
const char *temp_file(const char *text);
/* 1 when one of the picks holds needle. */
int has_text(const char *text, const pipe_summary *p, size_t n, const char *needle);

#endif
