/*
 * sum_features.c: what the learned method knows about a sentence.
 *
 * Each feature is a number the weights file (sum_weights.c) multiplies; their
 * sum through a logistic is the sentence's score (sum_rank.c). They are
 * computed here, and bench/train-summarizer trains on exactly these values
 * (pipe_summarize_features() dumps them), so training and the stage cannot
 * disagree. Every feature is relative to the document (a position, a share,
 * a ratio to the best), so the model carries across article lengths. The
 * document-wide facts take two passes over the sentences and their term
 * vectors (sum_features_begin()); then each sentence's row is made when it
 * is scored (sum_feature_row()) and never stored: a table of every row was
 * 168 bytes a sentence, 1.3 times a news document's text.
 *
 * "Body" sentences are the ones with final punctuation that may be picked:
 * headlines, captions and boilerplate do not move the position count.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sum_internal.h"

static const char *const feature_names[PIPE_SUM_N_FEATURES] = {
    "first_body",       /* 1 for the first body sentence (the lead) */
    "position",         /* body position / (body sentences - 1): 0 first, 1 last */
    "inv_position",     /* 1 / (1 + body position) */
    "para_first",       /* 1 when the sentence opens its paragraph */
    "inv_paragraph",    /* 1 / (1 + body paragraphs before it) */
    "log_words",        /* log(1 + words) */
    "long",             /* 1 at 25 words or more (the reference favours long sentences) */
    "short",            /* 1 under 10 words */
    "centrality",       /* weighted degree in the TextRank graph / the document's best */
    "title_overlap",    /* share of the headline's terms the sentence holds */
    "lead_overlap",     /* share of the sentence's terms that the lead holds (1 for the lead) */
    "numbers",          /* number tokens / words */
    "proper",           /* capitalised words after the first / words */
    "quoted",           /* words inside double quote marks / words */
    "content",          /* content terms (no stop words) / words */
    "opener",           /* 1 when it opens with a pronoun or connective (sum_opener.c) */
    "centrality_rank",  /* 1 / (1 + sentences of higher centrality) */
    "length_ratio",     /* words / the body's mean words */
    "term_freq",        /* mean body-sentence frequency of its words and counted stop words / the document's best */
    "term_freq_share",  /* share of pickable sentences with a higher term_freq (0 = the best) */
    "centrality_share", /* share of pickable sentences with a higher centrality (0 = the best) */
};

enum {
    F_FIRST_BODY,
    F_POSITION,
    F_INV_POSITION,
    F_PARA_FIRST,
    F_INV_PARAGRAPH,
    F_LOG_WORDS,
    F_LONG,
    F_SHORT,
    F_CENTRALITY,
    F_TITLE_OVERLAP,
    F_LEAD_OVERLAP,
    F_NUMBERS,
    F_PROPER,
    F_QUOTED,
    F_CONTENT,
    F_OPENER,
    F_CENTRALITY_RANK,
    F_LENGTH_RATIO,
    F_TERM_FREQ,
    F_TERM_FREQ_SHARE,
    F_CENTRALITY_SHARE
};

/* Word counts at which a sentence is long or short. */
#define SUM_FEAT_LONG_WORDS 25
#define SUM_FEAT_SHORT_WORDS 10
/* Marks in term_mark: the headline's terms and the lead's. */
#define SUM_MARK_TITLE 1u
#define SUM_MARK_LEAD 2u
/* Added to term_mark once per non-body sentence holding the term (the bits above the two marks). */
#define SUM_MARK_OUTSIDE 4u

const char *pipe_summarize_feature_name(size_t k)
{
    return k < PIPE_SUM_N_FEATURES ? feature_names[k] : NULL;
}

static int is_body(const sum_sent *ss)
{
    return ss->tier != SUM_NEVER && !(ss->flags & PIPE_SENTF_NO_FINAL_PUNCT);
}

/*
 * Distinct terms of sentence ss that the headline holds (*title) and that the
 * lead holds (*lead), and the sum over its words (with repetition) of their
 * sentence frequencies in the body (*df_sum): one pass.
 */
static void shared_terms(const sum_doc *d, const sum_sent *ss, const uint32_t *mark, uint32_t *title, uint32_t *lead,
                         uint32_t *df_sum)
{
    uint32_t t = 0, l = 0, f = 0;
    for (uint32_t v = ss->voff; v < ss->voff + ss->vlen; v++) {
        uint32_t term = d->vterm[v], m = mark[term];
        t += m & SUM_MARK_TITLE;
        l += (m & SUM_MARK_LEAD) >> 1;
        f += (d->df[term] - m / SUM_MARK_OUTSIDE) * (uint32_t)d->vcount[v]; /* body sentences, each occurrence */
    }
    *title = t;
    *lead = l;
    *df_sum = f;
}

/* Index of the lowest set bit of m (m != 0). */
static unsigned low_bit(uint64_t m)
{
#ifdef __GNUC__
    return (unsigned)__builtin_ctzll(m);
#else
    unsigned k = 0;
    while (!(m & 1u)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
}

/* Up to this many pickable sentences, each one counts those above it directly (see rank_columns()). */
#define SUM_RANK_COUNT_MAX 64

/* Centrality feature of sentence i: its weighted degree over the document's best. */
static double centrality(const pipe_summarizer *s, const sum_feat_walk *w, size_t i)
{
    double c = s->score[i];
    return w->best > 0 && c == c && c > 0 ? c / w->best : 0;
}

/* Sort key of a value v >= 0: non-negative doubles order as their bit patterns do, and the
 * complement puts the largest first. -0.0 is made 0.0, which it equals. */
static uint64_t desc_key(double v)
{
    uint64_t b;
    if (v == 0)
        v = 0.0;
    memcpy(&b, &v, sizeof b);
    return ~b;
}

/*
 * Order the m keys k[0..m) with their sentences i[0..m) ascending (LSD radix, 8 bits a pass;
 * a pass where every key has the same byte is skipped: the values share their exponent bytes).
 * k and i have room for 2m; the result is in the first m. Linear, and no comparison to
 * mispredict, where qsort and a binary search per sentence were n log n with both.
 */
static void radix_sort(uint64_t *k, uint32_t *i, size_t m)
{
    static const unsigned bits = 8, passes = 8;
    size_t hist[8][256];
    memset(hist, 0, sizeof hist);
    for (size_t j = 0; j < m; j++)
        for (unsigned p = 0; p < passes; p++)
            hist[p][(k[j] >> (bits * p)) & 255]++;
    uint64_t *k0 = k, *k1 = k + m;
    uint32_t *i0 = i, *i1 = i + m;
    for (unsigned p = 0; p < passes; p++) {
        size_t *h = hist[p];
        if (h[(k0[0] >> (bits * p)) & 255] == m)
            continue;
        size_t sum = 0;
        for (unsigned c = 0; c < 256; c++) {
            size_t t = h[c];
            h[c] = sum;
            sum += t;
        }
        for (size_t j = 0; j < m; j++) {
            size_t d = h[(k0[j] >> (bits * p)) & 255]++;
            k1[d] = k0[j];
            i1[d] = i0[j];
        }
        uint64_t *tk = k0;
        k0 = k1;
        k1 = tk;
        uint32_t *ti = i0;
        i0 = i1;
        i1 = ti;
    }
    if (k0 != k) {
        memcpy(k, k0, m * sizeof *k);
        memcpy(i, i0, m * sizeof *i);
    }
}

/*
 * Where each sentence stands among the pickable ones on centrality and on
 * term_freq: how many have a higher value (sum_feature_row() makes the rank
 * and the shares of it), into s->fpre. The dev references hold about 40% of
 * each article, so a share says "in the top 40%" the same way in a short and
 * a long article. A news article has a few dozen pickable sentences: counting
 * the values above each one, both features in one branch-free loop, is
 * fastest. Longer documents sort each column once (radix_sort()) and give
 * each run of equal values the position where it starts.
 */
static int rank_columns(pipe_summarizer *s, sum_feat_walk *w)
{
    const sum_doc *d = &s->d;
    size_t n = d->n, m = 0;
    for (size_t i = 0; i < n; i++)
        m += d->sent[i].tier != SUM_NEVER;
    w->m = m;
    if (m <= SUM_RANK_COUNT_MAX) {
        double cent[SUM_RANK_COUNT_MAX], tf[SUM_RANK_COUNT_MAX];
        uint32_t who[SUM_RANK_COUNT_MAX];
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (d->sent[i].tier == SUM_NEVER)
                continue;
            cent[k] = centrality(s, w, i);
            tf[k] = s->fpre[i].tf;
            who[k++] = (uint32_t)i;
        }
        for (size_t a = 0; a < m; a++) {
            uint32_t above_c = 0, above_t = 0;
            for (size_t j = 0; j < m; j++) {
                above_c += cent[j] > cent[a];
                above_t += tf[j] > tf[a];
            }
            s->fpre[who[a]].above_c = above_c;
            s->fpre[who[a]].above_t = above_t;
        }
        return PIPE_OK;
    }
    /* Scratch: 2n keys and 2n sentence numbers (24 bytes a sentence, in 8-byte units). */
    if (sum_grow(&s->tmp, &s->cap_tmp, 3 * n + 1, sizeof *s->tmp) != 0)
        return PIPE_ERR_NOMEM;
    uint64_t *key = (uint64_t *)s->tmp;
    uint32_t *idx = (uint32_t *)(key + 2 * n);
    for (int col = 0; col < 2; col++) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (d->sent[i].tier == SUM_NEVER)
                continue;
            key[k] = desc_key(col == 0 ? centrality(s, w, i) : s->fpre[i].tf);
            idx[k++] = (uint32_t)i;
        }
        radix_sort(key, idx, m);
        for (size_t j = 0, first = 0; j < m; j++) {
            if (key[j] != key[first])
                first = j; /* a new value: as many above it as stand before it */
            struct sum_feat_pre *pre = &s->fpre[idx[j]];
            if (col == 0)
                pre->above_c = (uint32_t)first;
            else
                pre->above_t = (uint32_t)first;
        }
    }
    return PIPE_OK;
}

int sum_features_begin(pipe_summarizer *s, sum_feat_walk *w)
{
    const sum_doc *d = &s->d;
    size_t n = d->n;
    memset(w, 0, sizeof *w);
    w->lead = SIZE_MAX;
    if (sum_grow(&s->fpre, &s->cap_fpre, n + 1, sizeof *s->fpre) != 0 ||
        sum_grow(&s->term_mark, &s->cap_term_mark, d->n_terms + 1, sizeof *s->term_mark) != 0)
        return PIPE_ERR_NOMEM;
    uint32_t *mark = s->term_mark;
    memset(mark, 0, d->n_terms * sizeof *mark);
    /* Sentence frequency of each counted stop word (the stop-word file's `count` marks). */
    uint32_t counted_df[SUM_MAX_COUNTED] = {0};
    for (size_t i = 0; i < n; i++) {
        const sum_sent *ss = &d->sent[i];
        if (!is_body(ss)) {
            /* term_freq counts body sentences only: a headline or a caption is not the article's text. */
            for (uint32_t v = ss->voff; v < ss->voff + ss->vlen; v++)
                mark[d->vterm[v]] += SUM_MARK_OUTSIDE;
        } else {
            for (uint64_t m = ss->counted; m; m &= m - 1)
                counted_df[low_bit(m)]++;
            if (w->lead == SIZE_MAX)
                w->lead = i;
            w->n_body++;
            w->body_words += ss->words;
        }
        if (ss->tier != SUM_NEVER && s->score[i] > w->best)
            w->best = s->score[i];
    }
    /* The headline: a first line without final punctuation, before the lead. */
    if (n > 0 && w->lead != SIZE_MAX && w->lead > 0 && (d->sent[0].flags & PIPE_SENTF_NO_FINAL_PUNCT)) {
        const sum_sent *t = &d->sent[0];
        for (uint32_t v = t->voff; v < t->voff + t->vlen; v++)
            mark[d->vterm[v]] |= SUM_MARK_TITLE;
        w->title_terms = t->vlen;
    }
    if (w->lead != SIZE_MAX) {
        const sum_sent *l = &d->sent[w->lead];
        for (uint32_t v = l->voff; v < l->voff + l->vlen; v++)
            mark[d->vterm[v]] |= SUM_MARK_LEAD;
    }
    /* term_freq is relative to the document's best, so it takes a pass of its own. */
    double best_tf = 0;
    for (size_t i = 0; i < n; i++) {
        const sum_sent *ss = &d->sent[i];
        struct sum_feat_pre *pre = &s->fpre[i];
        /* A sentence that is never picked (a fifth of Reuters') needs no features: no score of its
           own is used (rank_learned). It is no body sentence either, so no count moves. */
        if (ss->tier == SUM_NEVER)
            continue;
        uint32_t df_sum;
        shared_terms(d, ss, mark, &pre->in_title, &pre->in_lead, &df_sum);
        /*
         * Counted stop words ("said", "also") join the mean: words an
         * editor's frequency count keeps although they say little on
         * their own (see conf/stopwords-en.txt).
         */
        uint32_t n_counted = 0;
        for (uint64_t m = ss->counted; m; m &= m - 1) {
            df_sum += counted_df[low_bit(m)];
            n_counted++;
        }
        uint32_t nt = ss->n_terms + n_counted;
        pre->tf = nt ? (double)df_sum / nt : 0;
        if (pre->tf > best_tf)
            best_tf = pre->tf;
    }
    if (best_tf > 0)
        for (size_t i = 0; i < n; i++)
            if (d->sent[i].tier != SUM_NEVER)
                s->fpre[i].tf /= best_tf;
    return rank_columns(s, w);
}

void sum_feature_row(pipe_summarizer *s, sum_feat_walk *w, double f[PIPE_SUM_N_FEATURES])
{
    const sum_doc *d = &s->d;
    size_t i = w->next++;
    const sum_sent *ss = &d->sent[i];
    memset(f, 0, PIPE_SUM_N_FEATURES * sizeof *f);
    if (ss->tier == SUM_NEVER)
        return; /* all 0, and no count moves */
    const struct sum_feat_pre *pre = &s->fpre[i];
    int body = is_body(ss);
    if (body && w->any_par && ss->paragraph != w->last_par)
        w->pp++;
    if (body) {
        w->last_par = ss->paragraph;
        w->any_par = 1;
    }
    size_t p = w->p, n_body = w->n_body;
    f[F_FIRST_BODY] = body && p == 0;
    f[F_POSITION] = n_body > 1 ? (double)(p < n_body ? p : n_body - 1) / (double)(n_body - 1) : 0;
    f[F_INV_POSITION] = 1.0 / (1.0 + (double)p);
    f[F_PARA_FIRST] = i == 0 || ss->paragraph != d->sent[i - 1].paragraph;
    f[F_INV_PARAGRAPH] = 1.0 / (1.0 + (double)w->pp);
    double wd = ss->words;
    f[F_LOG_WORDS] = ss->words < SUM_LOG_TABLE ? s->log1w[ss->words] : log(1.0 + wd);
    f[F_LONG] = ss->words >= SUM_FEAT_LONG_WORDS;
    f[F_SHORT] = ss->words < SUM_FEAT_SHORT_WORDS;
    double c = centrality(s, w, i), t = pre->tf;
    f[F_CENTRALITY] = c;
    f[F_TITLE_OVERLAP] = w->title_terms ? (double)pre->in_title / w->title_terms : 0;
    f[F_LEAD_OVERLAP] = i == w->lead ? 1.0 : ss->vlen ? (double)pre->in_lead / ss->vlen :
                                                        0;
    if (wd > 0) {
        f[F_NUMBERS] = ss->numbers / wd;
        f[F_PROPER] = ss->proper / wd;
        f[F_QUOTED] = ss->quoted / wd;
        f[F_CONTENT] = ss->n_terms / wd;
    }
    f[F_OPENER] = ss->opener != 0;
    f[F_LENGTH_RATIO] = n_body ? wd / (w->body_words / (double)n_body) : 0;
    f[F_TERM_FREQ] = t;
    size_t m = w->m, above_c = pre->above_c, above_t = pre->above_t;
    f[F_CENTRALITY_RANK] = 1.0 / (1.0 + (double)above_c);
    f[F_CENTRALITY_SHARE] = m ? (double)above_c / (double)m : 0;
    f[F_TERM_FREQ_SHARE] = m ? (double)above_t / (double)m : 0;
    w->p += body;
}
