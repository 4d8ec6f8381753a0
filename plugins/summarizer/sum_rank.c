/*
 * sum_rank.c: one relevance score per sentence, for each method.
 *
 * TextRank and LexRank are graph methods: sentences are nodes, similarity
 * makes edges, and PageRank gives centrality. Comparing every pair is
 * quadratic, so the graph only joins sentences at most SUM_GRAPH_WINDOW
 * apart: every pair in an article of up to 65 sentences (all but 3 of the
 * 896 development articles), and a band of at most 128 neighbours per
 * sentence beyond, so a sentence costs the same in a 5 KB article and in a
 * 50 MB document (a document-wide pair budget made the cost per byte grow
 * 7.8x from 1 KB to 250 KB documents; issue 22). Both the comparisons and
 * PageRank's rounds are O(window x sentences).
 *
 * The learned methods: sum_features.c describes each sentence
 * (position, length, centrality in the TextRank graph, overlap with the headline and the
 * lead, shares of numbers, names and quoted words, openers) and a logistic
 * model trained on the development set (bench/train-summarizer, weights in
 * conf/summarizer-weights-<lang>.txt) turns them into the probability that
 * an editor's extract holds the sentence; the default method also puts
 * the lead first.
 *
 * The mmr method (the former default) is TextRank centrality (shared words
 * over log lengths, which favours informative, self-contained sentences over
 * short ones; tf-idf cosine, being length-blind, scored 3-4 ROUGE points
 * lower on the development set) times a mild lead prior, because news puts
 * its point first; redundancy is removed afterwards by MMR in sum_select.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sum_internal.h"

/*
 * Farthest apart two sentences may be and still share an edge; see the
 * comment above. 64 keeps the summarizer's cost per byte within 1.5x from
 * 1 KB to 50 MB documents (256: 2.3x at 250 KB documents; bench/scaling.sh).
 */
#define SUM_GRAPH_WINDOW 64u
/* PageRank damping (the probability of following an edge), as in both papers. */
#define SUM_DAMPING 0.85
/* PageRank stops after this many rounds or when the L1 change is below SUM_EPS. */
#define SUM_MAX_ITER 100
#define SUM_EPS 1e-7
/* LexRank: an edge where the cosine exceeds this (Erkan & Radev 2004, Algorithm 3: "> t", t = 0.1). */
#define SUM_LEXRANK_THRESHOLD 0.1

size_t sum_graph_window(size_t n)
{
    return n < SUM_GRAPH_WINDOW ? n : SUM_GRAPH_WINDOW;
}

/* Which similarity makes the graph's edges. */
typedef enum sum_sim { SUM_SIM_TEXTRANK,
                       SUM_SIM_LEXRANK } sum_sim;

/*
 * Build the windowed similarity graph; PIPE status. With degree non-NULL
 * no edge is stored: each edge's weight is added to both its sentences'
 * degree[] (zeroed here), in the order pagerank() would sum them. Otherwise each edge is stored
 * once, in its first sentence's row: row i is adj_nb[adj_off[i] ..
 * adj_off[i + 1]), its later neighbours in ascending order, and
 * adj_c[2k] holds edge k's weight until pagerank() turns it into the two
 * transition weights (20 bytes an edge; an edge list plus both directions'
 * rows took 40).
 *
 * TextRank's weight (Mihalcea & Tarau) is shared words over the log of the
 * sentence lengths; LexRank's edge is 1 when the tf-idf cosine reaches the
 * threshold. Rather than merging two sorted vectors per pair (a branch per
 * step the CPU cannot predict), sentence i's terms are marked in a
 * per-term array once and each later sentence j looks its own terms up.
 * j's terms are visited in the same increasing term order as the merge,
 * so every sum is added in the same order and the weights are unchanged.
 */
static int build_graph(pipe_summarizer *s, sum_sim sim, double *degree)
{
    const sum_doc *d = &s->d;
    size_t n = d->n, w = sum_graph_window(n), e = 0;
    if (sum_grow(&s->term_mark, &s->cap_term_mark, d->n_terms + 1, sizeof *s->term_mark) != 0 ||
        sum_grow(&s->term_val, &s->cap_term_val, d->n_terms + 1, sizeof *s->term_val) != 0 ||
        sum_grow(&s->adj_off, &s->cap_adj_off, n + 1, sizeof *s->adj_off) != 0)
        return PIPE_ERR_NOMEM;
    uint32_t *off = s->adj_off;
    uint32_t *mark = s->term_mark;
    float *val = s->term_val;
    memset(mark, 0, d->n_terms * sizeof *mark);
    if (degree)
        memset(degree, 0, n * sizeof *degree);
    const uint32_t *vterm = d->vterm;
    const float *vcount = d->vcount;
    const double *idf = d->idf;
    for (size_t i = 0; i < n; i++) {
        const sum_sent *x = &d->sent[i];
        off[i] = (uint32_t)e;
        if (x->tier == SUM_NEVER || x->vlen == 0)
            continue;
        /* No edge can start here: log(1) = 0 leaves TextRank's weight undefined; cosine needs a norm. */
        if (sim == SUM_SIM_TEXTRANK ? x->words < 2 : !(x->norm > 0))
            continue;
        for (uint32_t v = x->voff; v < x->voff + x->vlen; v++) {
            mark[vterm[v]] = (uint32_t)i + 1;
            val[vterm[v]] = vcount[v];
        }
        size_t end = i + w < n ? i + w + 1 : n;
        for (size_t j = i + 1; j < end; j++) {
            const sum_sent *y = &d->sent[j];
            if (y->tier == SUM_NEVER || y->vlen == 0)
                continue;
            double wt;
            if (sim == SUM_SIM_TEXTRANK) {
                if (y->words < 2)
                    continue;
                uint32_t ov = 0;
                for (uint32_t v = y->voff; v < y->voff + y->vlen; v++)
                    ov += mark[vterm[v]] == (uint32_t)i + 1;
                wt = ov > 0 ? (double)ov / (s->logw[i] + s->logw[j]) : 0;
            } else {
                if (!(y->norm > 0))
                    continue;
                double dot = 0;
                for (uint32_t v = y->voff; v < y->voff + y->vlen; v++) {
                    uint32_t t = vterm[v];
                    if (mark[t] == (uint32_t)i + 1) {
                        double it = idf[t];
                        dot += (double)val[t] * vcount[v] * it * it;
                    }
                }
                wt = dot / (x->norm * y->norm) > SUM_LEXRANK_THRESHOLD ? 1.0 : 0.0;
            }
            if (!(wt > 0))
                continue;
            if (degree) {
                degree[i] += wt;
                degree[j] += wt;
                continue;
            }
            if (e >= s->cap_adj_nb || 2 * e + 1 >= s->cap_adj_c) {
                if (e >= UINT32_MAX || sum_grow(&s->adj_nb, &s->cap_adj_nb, e + 1, sizeof *s->adj_nb) != 0 ||
                    sum_grow(&s->adj_c, &s->cap_adj_c, 2 * e + 2, sizeof *s->adj_c) != 0)
                    return PIPE_ERR_NOMEM;
            }
            s->adj_nb[e] = (uint32_t)j;
            s->adj_c[2 * e] = wt;
            e++;
        }
    }
    off[n] = (uint32_t)e;
    return PIPE_OK;
}

/* Graph arrays kept between documents: a news article's graph is a few KB. */
#define SUM_GRAPH_KEEP_EDGES (1u << 16)

/*
 * Give back a large document's graph once its ranks are known, so the
 * features and the selection that follow reuse that memory instead of
 * adding to it (at 1 MB of text the graph is 5 MB).
 */
static void release_graph(pipe_summarizer *s)
{
    if (s->cap_adj_nb <= SUM_GRAPH_KEEP_EDGES)
        return;
    free(s->adj_off);
    free(s->adj_nb);
    free(s->adj_c);
    s->adj_off = s->adj_nb = NULL;
    s->adj_c = NULL;
    s->cap_adj_off = s->cap_adj_nb = s->cap_adj_c = 0;
}

void sum_rank_release(pipe_summarizer *s)
{
    free(s->tmp);
    free(s->logw);
    free(s->term_mark);
    free(s->term_val);
    free(s->loop);
    free(s->fpre);
    s->tmp = s->logw = NULL;
    s->term_mark = NULL;
    s->term_val = NULL;
    s->loop = NULL;
    s->fpre = NULL;
    s->cap_tmp = s->cap_logw = s->cap_term_mark = s->cap_term_val = s->cap_loop = s->cap_fpre = 0;
}

/*
 * Weighted PageRank over the undirected graph into s->score:
 * PR(i) = (1 - d) + d * sum_j w_ij / out(j) * PR(j). Uses s->tmp for the
 * next vector and s->maxsim for the out-weights (free until selection).
 */
static int pagerank(pipe_summarizer *s, sum_sim sim)
{
    size_t n = s->d.n;
    int rc = build_graph(s, sim, NULL);
    if (rc != PIPE_OK)
        return rc;
    double *pr = s->score, *next = s->tmp, *out = s->maxsim;
    memset(out, 0, n * sizeof *out);
    /*
     * LexRank's graph is the thresholded cosine matrix itself, whose
     * diagonal is 1 (Erkan & Radev 2004, Algorithm 3 runs over every i, j):
     * each sentence also links to itself, and its degree counts that loop.
     * TextRank's graph has no loops (Mihalcea & Tarau 2004).
     */
    uint8_t *loop = s->loop;
    if (sim == SUM_SIM_LEXRANK) {
        if (sum_grow(&s->loop, &s->cap_loop, n, sizeof *s->loop) != 0)
            return PIPE_ERR_NOMEM;
        loop = s->loop;
        for (size_t i = 0; i < n; i++) {
            const sum_sent *x = &s->d.sent[i];
            loop[i] = x->tier != SUM_NEVER && x->vlen > 0 && x->norm > 0;
            out[i] = loop[i];
        }
    }
    const uint32_t *off = s->adj_off, *nb = s->adj_nb;
    double *c = s->adj_c;
    for (size_t i = 0; i < n; i++)
        for (size_t k = off[i]; k < off[i + 1]; k++) {
            out[i] += c[2 * k];
            out[nb[k]] += c[2 * k];
        }
    /*
     * The transition weights do not change between rounds: divide once per
     * edge, not once per round (a loop's, one per sentence, is divided per
     * round). A round visits the rows in order: an edge adds i's rank to
     * its later neighbour's sum and the neighbour's to i's, kept in a
     * register. So each sentence's sum gets its loop, then its earlier
     * neighbours, then its later ones, in the order of the former
     * per-node rows, and every score is unchanged.
     */
    for (size_t i = 0; i < n; i++)
        for (size_t k = off[i]; k < off[i + 1]; k++) {
            double wt = c[2 * k];
            c[2 * k] = SUM_DAMPING * wt / out[i];         /* i's rank flowing to nb[k] */
            c[2 * k + 1] = SUM_DAMPING * wt / out[nb[k]]; /* nb[k]'s rank flowing to i */
        }
    for (size_t i = 0; i < n; i++)
        pr[i] = 1.0;
    for (int it = 0; it < SUM_MAX_ITER; it++) {
        for (size_t i = 0; i < n; i++)
            next[i] = 1.0 - SUM_DAMPING;
        if (sim == SUM_SIM_LEXRANK)
            for (size_t i = 0; i < n; i++)
                if (loop[i])
                    next[i] += SUM_DAMPING / out[i] * pr[i];
        for (size_t i = 0; i < n; i++) {
            double acc = next[i], p = pr[i];
            for (size_t k = off[i]; k < off[i + 1]; k++) {
                next[nb[k]] += c[2 * k] * p;
                acc += c[2 * k + 1] * pr[nb[k]];
            }
            next[i] = acc;
        }
        double delta = 0;
        for (size_t i = 0; i < n; i++) {
            delta += fabs(next[i] - pr[i]);
            pr[i] = next[i];
        }
        if (delta < SUM_EPS * (double)n)
            break;
    }
    release_graph(s);
    return PIPE_OK;
}

/* Lead: earlier is better. */
static void rank_lead(pipe_summarizer *s)
{
    for (size_t i = 0; i < s->d.n; i++)
        s->score[i] = 1.0 / (1.0 + (double)i);
}

/*
 * The learned method: the logistic of bias + weights . features (with
 * TextRank centrality as one of the features) is the probability that the
 * sentence belongs in an editor's extract; times (1 + words)^e it is the
 * reference words a pick is expected to cover, which is what a summary of a
 * few sentences should maximise (e is chosen by cross-validation).
 */
/*
 * Probability from which the default method puts the lead first. Re-tuned in
 * cross-validation for the current weights (0 .. 1, plugins/summarizer/README.md):
 * only thresholds that drop the lead of samples/huawei-no-spy.txt (p = 0.946)
 * win outside the noise, so 0.9 stays.
 */
#define SUM_LEAD_CONFIDENT 0.9

static int rank_learned(pipe_summarizer *s)
{
    /*
     * Centrality for the features is the sentence's weighted degree in the
     * TextRank graph: no edge is stored and PageRank does not run. In
     * cross-validation it scored as PageRank did (default 65.88 / 61.56
     * against 65.77 / 61.43), and the pipeline spends about 5% less time.
     */
    sum_feat_walk walk;
    int rc = build_graph(s, SUM_SIM_TEXTRANK, s->score);
    if (rc != PIPE_OK || (rc = sum_features_begin(s, &walk)) != PIPE_OK)
        return rc;
    double lead_p = -1, f[PIPE_SUM_N_FEATURES];
    for (size_t i = 0; i < s->d.n; i++) {
        /* Row i reads score[i] as its centrality before the score replaces it. */
        sum_feature_row(s, &walk, f);
        if (s->keep_feat)
            memcpy(&s->feat[i * PIPE_SUM_N_FEATURES], f, sizeof f);
        if (s->d.sent[i].tier == SUM_NEVER) {
            s->score[i] = 0; /* never a candidate, and no bar for the lead below */
            continue;
        }
        double z = s->bias;
        for (size_t k = 0; k < PIPE_SUM_N_FEATURES; k++)
            z += s->weight[k] * f[k];
        double p = 1.0 / (1.0 + exp(-z));
        if (lead_p < 0 && s->d.sent[i].tier == 0)
            lead_p = p;
        /* Expected reference words covered: longer sentences cover more (length_exponent in the file). */
        uint32_t w = s->d.sent[i].words;
        s->score[i] = p * (w < SUM_LOG_TABLE ? s->lenpow[w] : pow(1.0 + w, s->length_exponent));
    }
    if (s->o.method != PIPE_SUM_DEFAULT)
        return PIPE_OK;
    /*
     * The default puts the lead first when the model is confident it
     * belongs in an editor's extract (p >= SUM_LEAD_CONFIDENT): news
     * states its point there, and a summary without it reads like
     * background (the model alone skips the lead of
     * samples/huawei-no-spy.txt, p = 0.946, for longer sentences). Always
     * putting it first costs 1.82 / 2.12 ROUGE-1 / ROUGE-2 on the
     * development set (cross-validated), whose references favour long
     * central sentences; only when confident, 0.22 / 0.16.
     */
    if (lead_p < SUM_LEAD_CONFIDENT)
        return PIPE_OK;
    double top = 0;
    size_t lead = SIZE_MAX;
    for (size_t i = 0; i < s->d.n; i++) {
        if (s->score[i] > top)
            top = s->score[i];
        if (lead == SIZE_MAX && s->d.sent[i].tier == 0)
            lead = i;
    }
    if (lead != SIZE_MAX)
        s->score[lead] = top > 0 ? top * 1.01 : 1.0;
    return PIPE_OK;
}

/*
 * mmr: TextRank centrality times a lead prior
 * 1 + w / (1 + p), where p is the sentence's position among the article's
 * real sentences (captions and headlines do not count), so the first
 * sentence gets up to (1 + w) times the weight and the effect fades fast.
 */
static int rank_mmr(pipe_summarizer *s)
{
    int rc = pagerank(s, SUM_SIM_TEXTRANK);
    if (rc != PIPE_OK)
        return rc;
    double w = s->o.position_weight > 0 ? s->o.position_weight : 0;
    size_t p = 0;
    for (size_t i = 0; i < s->d.n; i++) {
        const sum_sent *ss = &s->d.sent[i];
        s->score[i] *= (1.0 + w / (1.0 + (double)p)) * (ss->quote_cont ? SUM_QUOTE_CONTINUATION : 1.0);
        if (ss->tier == 0)
            p++;
    }
    return PIPE_OK;
}

int sum_rank(pipe_summarizer *s)
{
    size_t n = s->d.n;
    if (n == 0)
        return PIPE_OK;
    if (sum_grow(&s->score, &s->cap_score, n, sizeof *s->score) != 0 ||
        sum_grow(&s->tmp, &s->cap_tmp, n, sizeof *s->tmp) != 0 ||
        sum_grow(&s->maxsim, &s->cap_maxsim, n, sizeof *s->maxsim) != 0 ||
        sum_grow(&s->logw, &s->cap_logw, n, sizeof *s->logw) != 0)
        return PIPE_ERR_NOMEM;
    /* TextRank's log lengths, once per sentence instead of once per pair. */
    for (size_t i = 0; i < n; i++) {
        uint32_t w = s->d.sent[i].words;
        /* log1w[w - 1] = log(1.0 + (w - 1)): the same argument, so the same value as log(w). */
        s->logw[i] = w < 2 ? 0 : w <= SUM_LOG_TABLE ? s->log1w[w - 1] :
                                                      log((double)w);
    }
    switch (s->o.method) {
    case PIPE_SUM_LEAD:
        rank_lead(s);
        return PIPE_OK;
    case PIPE_SUM_TEXTRANK:
        return pagerank(s, SUM_SIM_TEXTRANK);
    case PIPE_SUM_LEXRANK:
        return pagerank(s, SUM_SIM_LEXRANK);
    case PIPE_SUM_MMR:
        return rank_mmr(s);
    case PIPE_SUM_LEARNED:
    case PIPE_SUM_DEFAULT:
    default:
        return rank_learned(s);
    }
}
