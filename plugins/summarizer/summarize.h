/*
 * summarize.h: the extractive summarizer engine of pipe, as a plain C library
 * (CMake target `pipe_summarize`), independent of the plugin host.
 *
 * The engine reads a document's text with its tokens and sentences (and,
 * optionally, its quotes), and picks the sentences that best summarize it.
 * It never trusts its input: spans and indices out of range are clamped or
 * ignored, so any arrays are safe.
 *
 *     pipe_summarize_opts o;
 *     pipe_summarize_opts_init(&o);
 *     o.stopwords_path = "conf/stopwords-en.txt";
 *     pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
 *     size_t n;
 *     const pipe_summary *picks = pipe_summarize(s, &in, &n);
 *     ... picks[0..n) are in document order; valid until the next call ...
 *     pipe_summarizer_free(s);
 *
 * One pipe_summarizer is one worker's state (stemmer, buffers): use one per
 * thread. Cost bounds are documented in README.md ("Cost").
 */
#ifndef PIPE_SUMMARIZE_H
#define PIPE_SUMMARIZE_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/plugin.h" /* records and pipe_status codes */

#ifdef __cplusplus
extern "C" {
#endif

/* How sentences are scored before selection. */
typedef enum pipe_summarize_method {
    PIPE_SUM_DEFAULT = 0,  /* the learned scorer with the lead first (needs weights_path) */
    PIPE_SUM_LEAD = 1,     /* the first eligible sentences */
    PIPE_SUM_TEXTRANK = 2, /* Mihalcea & Tarau 2004: PageRank over word-overlap similarity */
    PIPE_SUM_LEXRANK = 3,  /* Erkan & Radev 2004: PageRank over thresholded tf-idf cosine */
    PIPE_SUM_LEARNED = 4,  /* a logistic model over sentence features alone (needs weights_path) */
    PIPE_SUM_MMR = 5       /* centrality x position prior, then MMR redundancy removal (the former default) */
} pipe_summarize_method;

/* Features per sentence that the learned method weighs (names: pipe_summarize_feature_name()). */
#define PIPE_SUM_N_FEATURES 21

/* Options of the engine; fill with pipe_summarize_opts_init() first. */
typedef struct pipe_summarize_opts {
    pipe_summarize_method method; /* default PIPE_SUM_DEFAULT */
    int sentences;                /* sentences to pick when ratio is 0 (default 3) */
    double ratio;                 /* > 0: pick round(ratio x sentences in the document), at least 1 */
    int max_words;                /* > 0: the summary never holds more words than this */
    int min_words;                /* sentences with fewer words are picked only as a fallback (default 5) */
    double lambda;                /* MMR trade-off of the mmr method: 1 = relevance only, 0 = novelty only (default 0.8) */
    double position_weight;       /* strength of the lead prior of the mmr method (default 0.05) */
    const char *language;         /* Snowball stemmer name or ISO code ("en"); NULL or "" = no stemming */
    const char *stopwords_path;   /* stop-word file (one word a line, # comments, `WORD count`: see README); NULL = none */
    const char *boilerplate_path; /* boilerplate phrase file (see conf/summarizer-boilerplate-en.txt); NULL = none */
    const char *openers_path;     /* dangling-opener file (conf/summarizer-openers-en.txt); NULL = no opener rule */
    const char *weights_path;     /* feature weights of the default and learned methods (conf/summarizer-weights-en.txt) */
} pipe_summarize_opts;

/* The engine's input: one document and its upstream layers. */
typedef struct pipe_summarize_input {
    const char *text;         /* document bytes (UTF-8 expected, not required) */
    size_t len;               /* bytes in text */
    const pipe_token *tokens; /* the `tokens` layer */
    size_t n_tokens;
    const pipe_sentence *sentences; /* the `sentences` layer */
    size_t n_sentences;
    const pipe_quote *quotes; /* the `quotes` layer, or NULL */
    size_t n_quotes;
} pipe_summarize_input;

/* One engine instance: options, stemmer, stop words and reusable buffers. */
typedef struct pipe_summarizer pipe_summarizer;

/* Set o to the defaults. */
void pipe_summarize_opts_init(pipe_summarize_opts *o);
/* Parse a method name ("default", "mmr", "learned", "lead", "textrank", "lexrank"); -1 if unknown. */
int pipe_summarize_method_parse(const char *name);
/* Make an engine (loads the data files); NULL with a message in err on failure. */
pipe_summarizer *pipe_summarizer_new(const pipe_summarize_opts *o, char *err, size_t errlen);
/*
 * Make an engine that reads proto's word lists, phrases and weights in place and owns only its
 * stemmer and working memory: the stage builds one prototype per pipeline stage in init() and one
 * of these per worker, so -j N loads the data once. proto must outlive it; NULL with err on failure.
 */
pipe_summarizer *pipe_summarizer_share(const pipe_summarizer *proto, char *err, size_t errlen);
/* Summarize one document; returns the picks in document order (count in *n), NULL only when out of memory. */
const pipe_summary *pipe_summarize(pipe_summarizer *s, const pipe_summarize_input *in, size_t *n);
/* Name of feature k (< PIPE_SUM_N_FEATURES) as the weights file spells it; NULL beyond. */
const char *pipe_summarize_feature_name(size_t k);
/*
 * The learned method's view of one document, for training (bench/train-summarizer):
 * n sentences' features row-major (n x PIPE_SUM_N_FEATURES) and each sentence's
 * eligibility tier (0 best; 9 = never picked; such a sentence's features are all
 * 0, as the stage never scores it). The same code computes them for the stage.
 * Valid until the next call; NULL only when out of memory.
 */
const double *pipe_summarize_features(pipe_summarizer *s, const pipe_summarize_input *in, size_t *n,
                                      const int **tiers);
/* Free an engine (NULL is fine). */
void pipe_summarizer_free(pipe_summarizer *s);

#ifdef __cplusplus
}
#endif

#endif /* PIPE_SUMMARIZE_H */
