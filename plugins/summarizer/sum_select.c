/*
 * sum_select.c: greedy selection of the summary from the scored sentences.
 *
 * Only the best eligibility tier present is used (see sum_eligible.c). Picks are
 * made by Maximal Marginal Relevance (Carbonell & Goldstein 1998):
 *     argmax  lambda * rel(i) - (1 - lambda) * max_{j picked} cos(i, j)
 * with rel normalised to [0, 1]. The mmr method uses the configured
 * lambda; the others use lambda = 1 (their own ranking) but,
 * like every method, never take a sentence whose cosine with an earlier
 * pick is SUM_DUP_COSINE or more: that is a duplicate, not a second point.
 *
 * Cost: a candidate is compared with the picks when the selection looks at
 * it (maxsim_of), so the default methods, which take the first acceptable
 * candidate in score order, compare a few; mmr looks at the whole pool for
 * every pick. The pool is the top candidates by score, bounded so that
 * picks x pool stays under SUM_MMR_BUDGET comparisons; past that (a summary
 * of many thousands of sentences) picks follow the score order and only the
 * exact duplicates removed by sum_eligible.c are excluded.
 */
#include <stdlib.h>
#include <string.h>

#include "sum_internal.h"

/* Cosine at or above which a candidate repeats an earlier pick. */
#define SUM_DUP_COSINE 0.7
/* Pairwise comparisons allowed for redundancy checks. */
#define SUM_MMR_BUDGET 20000000.0

static int cmp_cand(const void *a, const void *b)
{
    const struct sum_cand *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i); /* ties: earlier sentence first, for determinism */
}

/*
 * cmp_cand is a total order (ties broken by sentence index), so any sort
 * gives the same order: insertion sort for an article's few dozen
 * candidates (glibc's qsort allocates a buffer per call), qsort beyond.
 */
static void sort_cand(struct sum_cand *c, size_t n)
{
    if (n > 32) {
        qsort(c, n, sizeof *c, cmp_cand);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        struct sum_cand x = c[i];
        size_t j = i;
        for (; j > 0 && cmp_cand(&c[j - 1], &x) > 0; j--)
            c[j] = c[j - 1];
        c[j] = x;
    }
}

static int cmp_out(const void *a, const void *b)
{
    const pipe_summary *x = a, *y = b;
    return (x->sentence > y->sentence) - (x->sentence < y->sentence);
}

/* Candidate state: picked, or an opener waiting for its previous sentence. */
#define SUM_PICKED 1u
#define SUM_WAITING 2u

/* Is sentence i's previous sentence in the summary already? */
static int prev_picked(const pipe_summarizer *s, uint32_t i)
{
    uint32_t c = i > 0 ? s->cand_of[i - 1] : UINT32_MAX;
    return c != UINT32_MAX && s->cand[c].picked == SUM_PICKED;
}

/*
 * Candidate c's similarity to the closest pick, brought up to date with the
 * picks made since it was last asked: only the candidates the selection
 * looks at are compared with the picks (a few for the default methods), not
 * the whole pool once per pick. sum_cosine() gives the same double for a
 * pair whichever way round, and a maximum does not depend on the order it
 * is taken in, so this is the eager comparison's value. A waiting opener is
 * not compared with the picks made while it waits (see sum_select()).
 */
static double maxsim_of(pipe_summarizer *s, size_t c)
{
    if (s->cand[c].picked == SUM_WAITING)
        return s->maxsim[c];
    while (s->sim_upto[c] < s->n_upd) {
        double sim = sum_cosine(&s->d, s->cand[c].i, s->upd[s->sim_upto[c]++]);
        if (sim > s->maxsim[c])
            s->maxsim[c] = sim;
    }
    return s->maxsim[c];
}

/* Take candidate c into the summary; with `update`, later candidates are compared with it. */
static void record_pick(pipe_summarizer *s, size_t pick, int update, size_t *n_out, uint64_t *words)
{
    const sum_doc *d = &s->d;
    struct sum_cand *pc = &s->cand[pick];
    pc->picked = SUM_PICKED;
    *words += d->sent[pc->i].words;
    pipe_summary *o = &s->out[(*n_out)++];
    o->start = d->sent[pc->i].start;
    o->end = d->sent[pc->i].end;
    o->sentence = pc->i;
    o->rank = (uint32_t)*n_out;
    o->score = pc->score;
    if (update)
        s->upd[s->n_upd++] = pc->i;
}

/* May candidate c join the summary now: not taken, not a duplicate of a pick, within the word budget? */
static int acceptable(pipe_summarizer *s, size_t c, int redundancy, uint64_t words, uint64_t budget)
{
    const struct sum_cand *cd = &s->cand[c];
    return cd->picked != SUM_PICKED && words + s->d.sent[cd->i].words <= budget &&
           !(redundancy && maxsim_of(s, c) >= SUM_DUP_COSINE);
}

/*
 * The learned scores are the reference words a pick is expected to cover,
 * so two picks are worth the sum of their scores. An opener whose previous
 * sentence is not picked can still come in with that sentence, as a pair
 * of picks: worth it when the pair outscores the two best single picks that
 * would take those places instead. Returns the opener's candidate index
 * (its previous sentence's in *prev), or SIZE_MAX when no pair wins.
 */
static size_t best_pair(pipe_summarizer *s, size_t pool, int redundancy, uint64_t words, uint64_t budget,
                        size_t *prev)
{
    double single[2] = {0, 0}, pair = 0;
    size_t n_single = 0, best = SIZE_MAX;
    double top = pool ? s->cand[0].score : 0;
    for (size_t c = 0; c < pool; c++) {
        /*
         * Sorted by score: no later pair can beat the best one found, or the two best singles,
         * once this candidate with the best score beside it does not (rounding is monotonic,
         * so the sums compare as the scores do).
         */
        double bound = n_single == 2 && single[0] + single[1] > pair ? single[0] + single[1] : pair;
        if (n_single == 2 && s->cand[c].score + top <= bound)
            break;
        if (!acceptable(s, c, redundancy, words, budget))
            continue;
        uint32_t i = s->cand[c].i;
        if (!s->d.sent[i].opener || prev_picked(s, i)) {
            if (n_single < 2)
                single[n_single++] = s->cand[c].score; /* sorted: the first two are the best */
            continue;
        }
        uint32_t pc = i > 0 ? s->cand_of[i - 1] : UINT32_MAX;
        if (pc == UINT32_MAX || !acceptable(s, pc, redundancy, words + s->d.sent[i].words, budget))
            continue;
        if (s->d.sent[i - 1].opener && !prev_picked(s, i - 1))
            continue; /* the previous sentence dangles itself ("He said ... But ...") */
        double v = s->cand[c].score + s->cand[pc].score;
        if (v > pair) {
            pair = v;
            best = c;
            *prev = pc;
        }
    }
    return best != SIZE_MAX && pair > single[0] + single[1] ? best : SIZE_MAX;
}

/* Does candidate c open with a pronoun or connective whose sentence before it is not picked? */
static int dangling(const pipe_summarizer *s, size_t c)
{
    uint32_t i = s->cand[c].i;
    return s->d.sent[i].opener && !prev_picked(s, i);
}

/* Set candidate c waiting for its previous sentence, with the picks made so far counted. */
static void set_waiting(pipe_summarizer *s, size_t c)
{
    (void)maxsim_of(s, c);
    s->cand[c].picked = SUM_WAITING;
}

/* The relevance-minus-redundancy value of candidate c, or -1 when it may not be picked now (taken,
 * waiting, over the word budget or a duplicate of a pick); *v gets the value. */
static int pick_value(pipe_summarizer *s, size_t c, int redundancy, double lambda, double top, uint64_t words,
                      uint64_t budget, double *v)
{
    const struct sum_cand *cd = &s->cand[c];
    if (cd->picked || words + s->d.sent[cd->i].words > budget)
        return -1;
    double sim = redundancy ? maxsim_of(s, c) : 0;
    if (redundancy && sim >= SUM_DUP_COSINE)
        return -1;
    double rel = top > 0 ? cd->score / top : 0;
    *v = lambda * rel - (1.0 - lambda) * sim;
    return 0;
}

/*
 * The next single pick among the first `pool` candidates, or SIZE_MAX. A dangling opener ("He
 * said ...", "But ...") is not picked: it waits until its previous sentence has been picked on
 * its own merit (pulling that one in with it cost more than it gave: dev set -0.3 ROUGE-1), and
 * the next best is taken. Every opener better than the pick is set waiting here, in one pass,
 * as the old loop did one per round: it restarted its scan for each, so a document whose
 * sentences all open with "We" (a transcript) took time quadratic in its sentences.
 * *lo: candidates before it can no longer be picked (taken, waiting, over the budget, or a
 * duplicate: the words and the similarity to the picks only grow).
 */
static size_t next_pick(pipe_summarizer *s, size_t pool, size_t *lo, int redundancy, double lambda, double top,
                        uint64_t words, uint64_t budget)
{
    double v, best_v = 0;
    size_t pick = SIZE_MAX;
    if (!redundancy || lambda >= 1.0) {
        /* Sorted by score: the first candidate that may be picked wins. */
        for (size_t c = *lo; c < pool; c++) {
            if (pick_value(s, c, redundancy, lambda, top, words, budget, &v) != 0)
                continue;
            if (!dangling(s, c)) {
                *lo = c;
                return c;
            }
            set_waiting(s, c);
        }
        *lo = pool;
        return SIZE_MAX;
    }
    for (size_t c = 0; c < pool; c++)
        if (pick_value(s, c, redundancy, lambda, top, words, budget, &v) == 0 && !dangling(s, c) &&
            (pick == SIZE_MAX || v > best_v)) {
            pick = c;
            best_v = v;
        }
    /* The openers the old rounds would have taken first: a higher value, or the same one earlier. */
    for (size_t c = 0; c < pool; c++)
        if (pick_value(s, c, redundancy, lambda, top, words, budget, &v) == 0 && dangling(s, c) &&
            (pick == SIZE_MAX || v > best_v || (v == best_v && c < pick)))
            set_waiting(s, c);
    return pick;
}

int64_t sum_select(pipe_summarizer *s, size_t k)
{
    const sum_doc *d = &s->d;
    int best = SUM_NEVER;
    for (size_t i = 0; i < d->n; i++)
        if (d->sent[i].tier < best)
            best = d->sent[i].tier;
    if (best == SUM_NEVER || k == 0)
        return 0;
    size_t nc = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->sent[i].tier == best)
            nc++;
    if (sum_grow(&s->cand, &s->cap_cand, nc, sizeof *s->cand) != 0)
        return PIPE_ERR_NOMEM;
    nc = 0;
    double top = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (d->sent[i].tier != best)
            continue;
        double x = s->score[i];
        if (!(x == x) || x < 0)
            x = 0; /* NaN-proof: a broken score must not break the sort */
        s->cand[nc].score = x;
        s->cand[nc].i = (uint32_t)i;
        s->cand[nc].picked = 0;
        if (x > top)
            top = x;
        nc++;
    }
    sort_cand(s->cand, nc);
    if (sum_grow(&s->cand_of, &s->cap_cand_of, d->n, sizeof *s->cand_of) != 0)
        return PIPE_ERR_NOMEM;
    memset(s->cand_of, 0xFF, d->n * sizeof *s->cand_of);
    for (size_t c = 0; c < nc; c++)
        s->cand_of[s->cand[c].i] = (uint32_t)c;
    if (k > nc)
        k = nc;

    size_t pool = nc;
    if ((double)k * (double)pool > SUM_MMR_BUDGET) {
        double p = SUM_MMR_BUDGET / (double)k;
        pool = p < (double)k ? k : (size_t)p;
    }
    int redundancy = (double)k * (double)pool <= SUM_MMR_BUDGET;
    double lambda = s->o.method == PIPE_SUM_MMR ? s->o.lambda : 1.0;
    if (lambda < 0)
        lambda = 0;
    if (lambda > 1)
        lambda = 1;
    if (sum_grow(&s->sim_upto, &s->cap_sim_upto, pool + 1, sizeof *s->sim_upto) != 0 ||
        sum_grow(&s->upd, &s->cap_upd, k + 1, sizeof *s->upd) != 0)
        return PIPE_ERR_NOMEM;
    for (size_t c = 0; c < pool; c++) {
        s->maxsim[c] = 0; /* maxsim is indexed by candidate here, not by sentence */
        s->sim_upto[c] = 0;
    }
    s->n_upd = 0;

    if (sum_grow(&s->out, &s->cap_out, k + 1, sizeof *s->out) != 0)
        return PIPE_ERR_NOMEM;
    uint64_t words = 0, budget = s->o.max_words > 0 ? (uint64_t)s->o.max_words : UINT64_MAX;
    size_t n_out = 0, lo = 0;
    /* Pairs only where scores add up to expected coverage: the learned methods (best_pair()). */
    int pairs = s->o.method == PIPE_SUM_LEARNED || s->o.method == PIPE_SUM_DEFAULT;
    while (n_out < k) {
        size_t pick = SIZE_MAX, prev = SIZE_MAX;
        if (pairs && n_out + 2 <= k &&
            (pick = best_pair(s, pool, redundancy, words, budget, &prev)) != SIZE_MAX) {
            record_pick(s, prev, redundancy, &n_out, &words);
            record_pick(s, pick, redundancy && n_out + 1 < k, &n_out, &words);
            continue;
        }
        pick = next_pick(s, pool, &lo, redundancy, lambda, top, words, budget);
        if (pick == SIZE_MAX)
            break;
        uint32_t i = s->cand[pick].i;
        record_pick(s, pick, redundancy && n_out + 1 < k, &n_out, &words);
        /* The sentence after the pick may have been waiting for it. */
        uint32_t nx = i + 1 < d->n ? s->cand_of[i + 1] : UINT32_MAX;
        if (nx != UINT32_MAX && s->cand[nx].picked == SUM_WAITING) {
            s->cand[nx].picked = 0;
            s->sim_upto[nx] = (uint32_t)s->n_upd; /* the picks made while it waited are not counted */
            if (nx < lo)
                lo = nx;
        }
    }
    if (n_out > 1)
        qsort(s->out, n_out, sizeof *s->out, cmp_out);
    return (int64_t)n_out;
}
