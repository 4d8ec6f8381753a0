/*
 * sum_internal.h: the pieces of the summarizer engine shared between its
 * files (not installed, not part of the plugin ABI).
 *
 * A document goes through four steps, one file each:
 *   sum_terms.c     tokens -> per-sentence sparse term vectors (fold, stop, stem)
 *   sum_eligible.c  which sentences may be picked (boilerplate, duplicates,
 *                   sum_shape.c's tables and lists), sum_opener.c's dangling openers
 *   sum_rank.c      one score per sentence for the chosen method (the learned
 *                   one weighs sum_features.c's features by sum_weights.c's file)
 *   sum_select.c    greedy pick with redundancy removal, the opener rule and the word budget
 * sum_summarize.c ties them together and owns the buffers, which live as long as
 * the engine so a document costs no allocation once buffers are warm.
 */
#ifndef PIPE_SUM_INTERNAL_H
#define PIPE_SUM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pipe/prefault.h"
#include "summarize.h"

struct sb_stemmer;

/* sum_grow()'s path that reallocates (sum_strtab.c). */
int sum_grow_slow(void *p, size_t *cap, size_t need, size_t elem);
/*
 * Grow *p (of *cap elements of size elem) to hold at least need elements; 0 or -1 on overflow/NOMEM.
 * Inline: it runs several times per sentence and the buffers are almost always big enough.
 */
static inline int sum_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap && *(void **)p)
        return 0;
    return sum_grow_slow(p, cap, need, elem);
}

/*
 * Hash 8 bytes at a time with a multiply-xorshift mix: words are short, and
 * byte-at-a-time FNV costs a multiply per byte on the per-token path. The
 * value only picks a slot, so it may differ between machines. Inline: it
 * runs once per token.
 */
static inline uint32_t sum_hash(const char *s, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ (uint64_t)len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    if (i < len) {
        uint64_t v = 0;
        for (size_t k = 0; i + k < len; k++)
            v |= (uint64_t)(unsigned char)s[i + k] << (8 * k);
        h = (h ^ v) * 0xC4CEB9FE1A85EC53u;
    }
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 32;
    return (uint32_t)h;
}

/* An open-addressing set of byte strings that maps each one to a dense id. */
typedef struct sum_strtab {
    uint32_t *slots; /* id + 1 per slot, 0 = empty */
    size_t n_slots;  /* power of two */
    struct sum_strent {
        uint32_t off, len, hash; /* bytes in chars; hash kept so growing never rehashes bytes */
    } * ent;                     /* per id */
    size_t cap_ids;
    size_t n;    /* ids in use */
    char *chars; /* all strings back to back */
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

/* A sentence's shape counts (sum_shape.h counts them in sum_terms.c, sum_shape.c decides). */
typedef struct sum_shape_stats {
    uint32_t words;              /* words that are no clitic, and numbers */
    uint32_t lower, capitalised; /* words beginning with an ASCII lower / upper case letter */
    uint32_t digits, alnum;      /* bytes of numbers; of numbers and words */
    uint32_t columns;            /* gaps of SUM_SHAPE_COLUMN_GAP bytes or more between tokens on one line */
    uint32_t seps;               /* navigation separators */
    uint32_t byline;             /* the first word (before any number) is "By" */
} sum_shape_stats;

/* One sentence's view for scoring: its terms and size. 72 bytes: the summarizer holds one per
 * sentence from its first step to its last, so at 8 MB of news they were 5.6 MB of its peak. */
typedef struct sum_sent {
    uint32_t voff, vlen; /* its (term, count) pairs in sum_doc.vterm/vcount[voff..voff+vlen), sorted by term */
    uint32_t words;      /* word and number tokens (the unit of max_words) */
    uint32_t n_terms;    /* content terms with repetition (sum of counts) */
    double norm;         /* Euclidean norm of its tf-idf vector */
    uint32_t start, end; /* span, clamped to the text */
    uint32_t flags;      /* pipe_sentence.flags */
    uint32_t paragraph;  /* pipe_sentence.paragraph */
    uint32_t tok0, ntok; /* its tokens in the input, clamped to the token array */
    uint32_t numbers;    /* number tokens (sum_shape.h) */
    uint32_t proper;     /* capitalised words after the first word (sum_shape.h) */
    uint32_t quoted;     /* words between quote marks (sum_shape.h) */
    uint8_t table;       /* a table row, price list, byline or navigation line (sum_shape.c) */
    uint8_t opener;      /* opens with a pronoun or connective whose referent is before it (sum_opener.c) */
    uint8_t tier;        /* eligibility: 0 best, higher = fallback only, SUM_NEVER = never */
    uint8_t quote_cont;  /* continues a quote begun earlier: its score is weighed by SUM_QUOTE_CONTINUATION */
    uint64_t counted;    /* bit k: holds counted stop word k (sum_terms.c; the learned method's term_freq) */
} sum_sent;

/* Score factor of a sentence that continues a quote opened in an earlier one: it reads badly
 * alone (sum_eligible.c marks it, sum_rank.c weighs it). */
#define SUM_QUOTE_CONTINUATION 0.8

/* A sentence that must never be picked (boilerplate, duplicate, empty). */
#define SUM_NEVER 9
/* Stop words a stop-word file may mark `count` (one bit each in sum_sent.counted). */
#define SUM_MAX_COUNTED 64
/* word_stem()'s id of counted stop word k: below -2 (-1 is a plain stop word, -2 out of memory). */
#define SUM_COUNTED_ID(k) (-3 - (int64_t)(k))

/* All per-document state; buffers are reused from one document to the next. */
typedef struct sum_doc {
    sum_sent *sent;
    size_t n, cap_sent;
    uint32_t *vterm; /* term ids of all sentence vectors, back to back */
    float *vcount;   /* matching term counts */
    size_t nv, cap_v, cap_vc;
    size_t v_present; /* entries of vterm and vcount made present ahead of the vectors, in bytes of vterm (pipe/prefault.h) */
    uint32_t *df;     /* per term: sentences containing it */
    double *idf;
    size_t n_terms, cap_terms, cap_idf;
    uint32_t *scratch; /* one sentence's term ids before sorting */
    size_t cap_scratch;
} sum_doc;

/*
 * The boilerplate phrases compiled once into an Aho-Corasick automaton over
 * byte classes (sum_eligible.c), so a sentence is tested in one pass over its
 * bytes however many phrases there are.
 */
typedef struct sum_bp {
    uint8_t cls[256]; /* text byte (ASCII-folded) -> class; 0 = a byte no phrase holds */
    size_t n_cls;
    uint32_t *next;  /* DFA: next[state * n_cls + class] */
    uint32_t *depth; /* per state: length of its trie path */
    uint8_t *flag;   /* per state: SUM_BP_ANY, SUM_BP_ANCHORED, SUM_BP_EXACT (sum_eligible.c) */
    uint8_t *shift;  /* Wu-Manber: shift[class pair] of the window's last two bytes */
    size_t window;   /* shortest unanchored phrase (capped at 255); 0 = no skipping */
    size_t n_states;
    int has_any;        /* some phrase is unanchored */
    int has_anchored;   /* some phrase is anchored */
    int empty_any;      /* an unanchored phrase that folds to nothing: any non-empty sentence */
    int empty_anchored; /* an anchored empty phrase ("^" alone): every short sentence */
} sum_bp;

/* Sentence lengths (words) whose log feature is looked up, not computed, per sentence. */
#define SUM_LOG_TABLE 128
/* Engine-wide read-only data, caches that live across documents, and the per-document buffers. */
struct pipe_summarizer {
    pipe_summarize_opts o;
    struct sb_stemmer *stemmer; /* NULL = no stemming; per engine, because Snowball keeps state per call */
    char language[40];          /* the stemmer's language, for engines that share this one's data */
    int borrowed;               /* stop, bp, openers and opener_kind belong to another engine (pipe_summarizer_share) */
    sum_strtab stop;            /* folded stop words */
    sum_strtab counted;         /* the stop words marked `count`: id k is bit k of sum_sent.counted */
    sum_bp bp;                  /* compiled boilerplate phrases */
    sum_strtab openers;         /* folded opener phrases and the word prefixes of the longer ones */
    uint8_t *opener_kind;       /* per openers id: SUM_OPENER_* bits (sum_opener.c) */
    size_t cap_opener_kind;
    size_t opener_max_words;            /* longest phrase, in words */
    uint32_t opener_first[256];         /* per folded first byte: bit L set when a phrase's first word is L (< 32) bytes long */
    double weight[PIPE_SUM_N_FEATURES]; /* the learned method's weights (sum_weights.c) */
    double bias;
    double length_exponent;       /* the learned score is p x (1 + words)^length_exponent */
    double lenpow[SUM_LOG_TABLE]; /* (1 + w)^length_exponent for w < SUM_LOG_TABLE words, filled once (sum_weights.c) */
    double log1w[SUM_LOG_TABLE];  /* log(1 + w) for w < SUM_LOG_TABLE words, filled once (sum_features.c) */
    double *feat;                 /* per sentence: PIPE_SUM_N_FEATURES features, only for pipe_summarize_features() */
    size_t cap_feat;
    int keep_feat; /* rank_learned() copies each row to feat (pipe_summarize_features()) */
    struct sum_feat_pre {
        double tf;                  /* term_freq, over the document's best */
        uint32_t in_title, in_lead; /* distinct terms the headline / the lead also hold */
        uint32_t above_c, above_t;  /* pickable sentences with a higher centrality / term_freq */
    } * fpre;                       /* per sentence: what its feature row needs from whole-document passes */
    size_t cap_fpre;
    int *tiers; /* per sentence: tier, for pipe_summarize_features() */
    size_t cap_tiers;
    uint32_t *cand_of; /* per sentence: its candidate index in sum_select.c, or UINT32_MAX */
    size_t cap_cand_of;
    /*
     * Word cache, kept across documents (cleared when it grows past
     * SUM_CACHE_MAX_FORMS): raw token bytes -> stem id, so folding and the
     * Snowball stemmer run once per distinct spelling, not once per token
     * or per document. Stem ids are global; each document renumbers the
     * stems it uses densely in order of first use (stem_doc), exactly the
     * term ids a per-document table would give.
     */
    struct sum_form {
        uint64_t head; /* the first 8 bytes, zero-padded: most words fit whole */
        int32_t stem;  /* stem id, or -1 (stop word, no letters), or SUM_COUNTED_ID(k) */
        uint32_t meta; /* off << 8 | len: bytes past the 8th in form_chars[off..]; len 0 = empty slot */
    } * form_slot;     /* open addressing, 16 bytes a slot: a short word costs one cache line */
    size_t n_form_slots, n_forms;
    int forms_fast; /* the document is news-sized: the form table may grow 4x at a time (sum_terms.c) */
    struct sum_pending {
        uint64_t head; /* form_head() of a sentence's word */
        uint32_t h;    /* its form_hash() */
        uint32_t tok;  /* its token index */
        int32_t stem;  /* then its stem id, or -1, or SUM_COUNTED_ID(k) */
    } * pend;          /* one sentence's words between hashing and lookup (sum_terms.c) */
    size_t cap_pend;
    uint32_t *newcnt; /* one sentence's count of each term it uses first, plus a sink (sum_terms.c) */
    size_t cap_newcnt;
    char *form_chars;
    size_t n_form_chars, cap_form_chars;
    sum_strtab stems; /* stem bytes -> stem id */
    struct sum_stem_doc {
        uint32_t stamp; /* == doc_stamp: term is valid for this document */
        uint32_t term;  /* the document's term id */
    } * stem_doc;       /* per stem id */
    size_t cap_stem_doc;
    uint32_t doc_stamp;
    uint32_t *dup_slot; /* per document: 1 + a sentence whose term vector is new, by its hash (sum_eligible.c) */
    size_t cap_dup_slot;
    sum_doc d;
    double *score;       /* per sentence */
    double *maxsim;      /* per sentence: similarity to the closest pick so far */
    double *tmp;         /* power iteration, centroid */
    double *logw;        /* per sentence: log(words), for TextRank */
    uint32_t *term_mark; /* per term: 1 + the sentence whose terms are marked (sum_rank.c) */
    float *term_val;     /* per term: that sentence's count of it */
    size_t cap_term_mark, cap_term_val;
    double *idf_by_df; /* per document frequency 1..n: log((n + 1) / df) */
    size_t cap_score, cap_maxsim, cap_tmp, cap_logw, cap_idf_by_df;
    uint32_t *adj_off; /* similarity graph rows: sentence i's later neighbours are adj_nb[adj_off[i]..adj_off[i + 1]) */
    uint32_t *adj_nb;  /* the neighbour */
    double *adj_c;     /* per edge k: [2k] d * w / out(i), [2k + 1] d * w / out(neighbour) (sum_rank.c) */
    size_t cap_adj_off, cap_adj_nb, cap_adj_c;
    uint8_t *loop; /* LexRank: per sentence, 1 when it is a node (links to itself) */
    size_t cap_loop;
    uint32_t *sim_upto; /* per candidate: the picks in upd its maxsim has been compared with (sum_select.c) */
    uint32_t *upd;      /* the sentences picked so far that later picks must not repeat */
    size_t n_upd, cap_sim_upto, cap_upd;
    struct sum_cand {
        double score; /* relevance */
        uint32_t i;   /* sentence index */
        uint32_t picked;
    } * cand; /* candidates sorted by score */
    size_t cap_cand;
    pipe_summary *out;
    size_t cap_out;
};

/* Build the per-sentence term vectors and idf (sum_terms.c); PIPE status. */
int sum_terms_build(pipe_summarizer *s, const pipe_summarize_input *in);
/* Free the word cache (forms, stems): a large document's terms are built, and the memory is worth
 * more to the graph that follows than the cache to the next document (sum_terms.c). */
void sum_cache_release(pipe_summarizer *s);
/* Tokens past which a document's word cache and duplicate table are freed once it no longer needs
 * them (sum_summarize.c): 8 MB of news fills the cache with 4 MB of slots alone. */
#define SUM_RELEASE_TOKENS (1u << 16)
/* Fold a word into buf (lower case, typographic apostrophes to '); returns its length. */
size_t sum_fold(const char *w, size_t len, char *buf, size_t cap);
/* tf-idf cosine of two sentences (sum_terms.c). */
double sum_cosine(const sum_doc *d, size_t a, size_t b);

/* The phrase on a data file line: line[*start..return) without comment and surrounding blanks.
 * Inline here because both phrase lists (sum_eligible.c, sum_opener.c) read lines this way
 * and neither should depend on the other for it. */
static inline size_t sum_phrase_line(const char *line, size_t *start)
{
    size_t n = strcspn(line, "#\r\n");
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    size_t a = 0;
    while (a < n && (line[a] == ' ' || line[a] == '\t'))
        a++;
    *start = a;
    return n;
}
/* Load and compile boilerplate phrases (sum_eligible.c); PIPE status, message in err. */
int sum_boilerplate_load(pipe_summarizer *s, const char *path, char *err, size_t errlen);
/* Free the compiled phrases (sum_eligible.c). */
void sum_boilerplate_free(sum_bp *bp);
/* Set every sentence's tier (sum_eligible.c). */
void sum_eligible(pipe_summarizer *s, const pipe_summarize_input *in);

/* 1 when the sentence is a table row, price list, byline or navigation, from the counts sum_terms_build() made (sum_shape.c). */
int sum_shape(const pipe_summarize_input *in, const sum_sent *ss, const sum_shape_stats *sh);
/* Load the dangling-opener phrases (sum_opener.c); PIPE status, message naming file:line in err. */
int sum_openers_load(pipe_summarizer *s, const char *path, char *err, size_t errlen);
/* 1 when the sentence opens with one of the loaded openers (sum_opener.c). */
int sum_opener(const pipe_summarizer *s, const pipe_summarize_input *in, const sum_sent *ss);
/* Load the learned method's weights (sum_weights.c); PIPE status, message naming file:line in err. */
int sum_weights_load(pipe_summarizer *s, const char *path, char *err, size_t errlen);
/* Where sum_feature_row() stands in the document: its running counts and the document-wide facts. */
typedef struct sum_feat_walk {
    size_t next;          /* the sentence the next row is for */
    size_t p, pp;         /* body sentences, and changes of body paragraph, before it */
    uint32_t last_par;    /* paragraph of the last body sentence */
    int any_par;          /* a body sentence came before */
    size_t n_body;        /* body sentences in the document */
    size_t lead;          /* the first body sentence, or SIZE_MAX */
    double best;          /* the best centrality score of a pickable sentence */
    double body_words;    /* words in body sentences */
    uint32_t title_terms; /* distinct terms of the headline (0: none) */
    size_t m;             /* pickable sentences */
} sum_feat_walk;
/* Prepare the feature rows; needs the centrality scores in s->score (sum_features.c); PIPE status. */
int sum_features_begin(pipe_summarizer *s, sum_feat_walk *w);
/* The next sentence's row (all 0 for one never picked); rows come in sentence order (sum_features.c). */
void sum_feature_row(pipe_summarizer *s, sum_feat_walk *w, double f[PIPE_SUM_N_FEATURES]);

/* Score every sentence for the configured method (sum_rank.c); PIPE status. */
int sum_rank(pipe_summarizer *s);
/* Free what only ranking uses (its scratch, log lengths, term marks, the features' pre-pass) once
 * the scores are known, so a large document's selection reuses that memory (sum_rank.c). */
void sum_rank_release(pipe_summarizer *s);
/* Largest window (in sentences) the similarity graph may span for n sentences (sum_rank.c). */
size_t sum_graph_window(size_t n);

/* Pick the summary into s->out (sum_select.c); returns the count or a negative PIPE status. */
int64_t sum_select(pipe_summarizer *s, size_t k);

#endif
