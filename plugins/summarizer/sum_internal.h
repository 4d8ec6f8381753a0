/*
 * sum_internal.h: the pieces of the summarizer engine shared between its
 * files (not installed, not part of the plugin ABI).
 *
 * A document goes through four steps, one file each:
 *   terms.c        tokens -> per-sentence sparse term vectors (fold, stop, stem)
 *   eligible.c     which sentences may be picked (boilerplate, duplicates)
 *   rank.c         one score per sentence for the chosen method
 *   select.c       greedy pick with redundancy removal and the word budget
 * summarize.c ties them together and owns the buffers, which live as long as
 * the engine so a document costs no allocation once buffers are warm.
 */
#ifndef PIPE_SUM_INTERNAL_H
#define PIPE_SUM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "summarize.h"

struct sb_stemmer;

/* Grow *p (of *cap elements of size elem) to hold at least need elements; 0 or -1 on overflow/NOMEM. */
int sum_grow(void *p, size_t *cap, size_t need, size_t elem);

/* An open-addressing set of byte strings that maps each one to a dense id. */
typedef struct sum_strtab {
    uint32_t *slots;  /* id + 1 per slot, 0 = empty */
    size_t n_slots;   /* power of two */
    struct sum_strent {
        uint32_t off, len, hash; /* bytes in chars; hash kept so growing never rehashes bytes */
    } *ent;           /* per id */
    size_t cap_ids;
    size_t n;         /* ids in use */
    char *chars;      /* all strings back to back */
    size_t n_chars, cap_chars;
} sum_strtab;

/* Forget every string but keep the memory (one call per document). */
void sum_strtab_clear(sum_strtab *t);
/* Free the table's memory. */
void sum_strtab_free(sum_strtab *t);
/* The id of s[0..len), or -1 when absent. */
int64_t sum_strtab_find(const sum_strtab *t, const char *s, size_t len);
/* The id of s[0..len), adding it when absent; -1 when out of memory. */
int64_t sum_strtab_intern(sum_strtab *t, const char *s, size_t len);

/* One sentence's view for scoring: its terms and size. */
typedef struct sum_sent {
    uint32_t voff, vlen; /* its (term, count) pairs in sum_doc.vterm/vcount[voff..voff+vlen), sorted by term */
    uint32_t words;      /* word and number tokens (the unit of max_words) */
    uint32_t n_terms;    /* content terms with repetition (sum of counts) */
    double norm;         /* Euclidean norm of its tf-idf vector */
    uint32_t start, end; /* span, clamped to the text */
    uint32_t flags;      /* pipe_sentence.flags */
    int tier;            /* eligibility: 0 best, higher = fallback only, SUM_NEVER = never */
    double quote_factor; /* < 1 when the sentence continues a quote begun earlier */
} sum_sent;

/* A sentence that must never be picked (boilerplate, duplicate, empty). */
#define SUM_NEVER 9

/* All per-document state; buffers are reused from one document to the next. */
typedef struct sum_doc {
    sum_sent *sent;
    size_t n, cap_sent;
    uint32_t *vterm; /* term ids of all sentence vectors, back to back */
    float *vcount;   /* matching term counts */
    size_t nv, cap_v, cap_vc;
    uint32_t *df;    /* per term: sentences containing it */
    double *idf;
    size_t n_terms, cap_terms, cap_idf;
    uint32_t *scratch; /* one sentence's term ids before sorting */
    size_t cap_scratch;
} sum_doc;

/* Engine-wide read-only data plus the per-document buffers. */
struct pipe_summarizer {
    pipe_summarize_opts o;
    struct sb_stemmer *stemmer; /* NULL = no stemming */
    sum_strtab stop;            /* folded stop words */
    char **bp_phrases;          /* folded boilerplate phrases; a leading '^' = at sentence start */
    size_t n_bp;
    sum_strtab words;           /* per document: folded surface form -> word id */
    int32_t *word_term;         /* per word id: term id, or -1 for a stop word */
    size_t cap_word_term;
    sum_strtab terms;           /* per document: stem -> term id */
    sum_doc d;
    double *score;              /* per sentence */
    double *maxsim;             /* per sentence: similarity to the closest pick so far */
    double *tmp;                /* power iteration, centroid */
    size_t cap_score, cap_maxsim, cap_tmp;
    uint32_t *edge_i, *edge_j;  /* similarity graph as an edge list */
    double *edge_w;
    size_t cap_edge_i, cap_edge_j, cap_edge_w;
    struct sum_cand {
        double score; /* relevance */
        uint32_t i;   /* sentence index */
        uint32_t picked;
    } *cand;                    /* candidates sorted by score */
    size_t cap_cand;
    pipe_summary *out;
    size_t cap_out;
};

/* Build the per-sentence term vectors and idf (terms.c); PIPE status. */
int sum_terms_build(pipe_summarizer *s, const pipe_summarize_input *in);
/* Fold a word into buf (lower case, typographic apostrophes to '); returns its length. */
size_t sum_fold(const char *w, size_t len, char *buf, size_t cap);
/* tf-idf cosine of two sentences (terms.c). */
double sum_cosine(const sum_doc *d, size_t a, size_t b);
/* Number of distinct terms two sentences share (terms.c). */
double sum_overlap(const sum_doc *d, size_t a, size_t b);

/* Load boilerplate phrases (eligible.c); PIPE status, message in err. */
int sum_boilerplate_load(pipe_summarizer *s, const char *path, char *err, size_t errlen);
/* Set every sentence's tier (eligible.c). */
void sum_eligible(pipe_summarizer *s, const pipe_summarize_input *in);

/* Score every sentence for the configured method (rank.c); PIPE status. */
int sum_rank(pipe_summarizer *s);
/* Largest window (in sentences) the similarity graph may span for n sentences (rank.c). */
size_t sum_graph_window(size_t n);

/* Pick the summary into s->out (select.c); returns the count or a negative PIPE status. */
int64_t sum_select(pipe_summarizer *s, size_t k);

#endif
