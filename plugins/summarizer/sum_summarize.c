/*
 * sum_summarize.c: the engine's public API; it loads the data files once and
 * runs the four steps of sum_internal.h over each document.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "sum_internal.h"

void pipe_summarize_opts_init(pipe_summarize_opts *o)
{
    memset(o, 0, sizeof *o);
    o->method = PIPE_SUM_DEFAULT;
    o->sentences = 3;
    o->min_words = 5;
    o->lambda = 0.8;
    o->position_weight = 0.05;
    o->language = "en";
}

int pipe_summarize_method_parse(const char *name)
{
    if (!name)
        return -1;
    if (strcmp(name, "default") == 0)
        return PIPE_SUM_DEFAULT;
    if (strcmp(name, "mmr") == 0)
        return PIPE_SUM_MMR;
    if (strcmp(name, "learned") == 0)
        return PIPE_SUM_LEARNED;
    if (strcmp(name, "lead") == 0)
        return PIPE_SUM_LEAD;
    if (strcmp(name, "textrank") == 0)
        return PIPE_SUM_TEXTRANK;
    if (strcmp(name, "lexrank") == 0)
        return PIPE_SUM_LEXRANK;
    return -1;
}

/*
 * Read a stop-word file: one word a line, '#' starts a comment. A word
 * followed by `count` ("said count") is still a stop word for similarity,
 * but the learned method's term frequency counts it (sum_features.c).
 */
static int load_stopwords(pipe_summarizer *s, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read stop words %s: %s", path, strerror(errno));
        return PIPE_ERR_CONFIG;
    }
    char line[256], buf[256];
    int rc = PIPE_OK;
    unsigned lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strcspn(line, "# \t\r\n");
        if (n == 0)
            continue;
        size_t m = sum_fold(line, n, buf, sizeof buf);
        if (sum_strtab_intern(&s->stop, buf, m) < 0) {
            snprintf(err, errlen, "out of memory reading %s", path);
            rc = PIPE_ERR_NOMEM;
            break;
        }
        const char *r = line + n;
        r += strspn(r, " \t");
        size_t rn = strcspn(r, "# \t\r\n");
        if (rn == 0)
            continue;
        if (rn != 5 || memcmp(r, "count", 5) != 0) {
            snprintf(err, errlen, "%s:%u: after the word, only `count` may follow", path, lineno);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        if (sum_strtab_find(&s->counted, buf, m) >= 0)
            continue;
        if (s->counted.n >= SUM_MAX_COUNTED) {
            snprintf(err, errlen, "%s:%u: more than %d words marked `count`", path, lineno, SUM_MAX_COUNTED);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        if (sum_strtab_intern(&s->counted, buf, m) < 0) {
            snprintf(err, errlen, "out of memory reading %s", path);
            rc = PIPE_ERR_NOMEM;
            break;
        }
    }
    fclose(f);
    return rc;
}

/* What every engine owns, whoever holds the data: the stemmer (Snowball keeps per-call state) and the picks buffer. */
static int engine_own_parts(pipe_summarizer *s, char *err, size_t errlen)
{
    if (s->language[0] && !(s->stemmer = sb_stemmer_new(s->language, "UTF_8"))) {
        snprintf(err, errlen, "no Snowball stemmer for language \"%s\"", s->language);
        return -1;
    }
    if (sum_grow(&s->out, &s->cap_out, 4, sizeof *s->out) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

pipe_summarizer *pipe_summarizer_new(const pipe_summarize_opts *o, char *err, size_t errlen)
{
    pipe_summarizer *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->o = *o;
    for (size_t w = 0; w < SUM_LOG_TABLE; w++) {
        s->log1w[w] = log(1.0 + (double)w);
        s->lenpow[w] = 1.0; /* length_exponent 0 until a weights file says otherwise */
    }
    if (o->method < PIPE_SUM_DEFAULT || o->method > PIPE_SUM_MMR) {
        snprintf(err, errlen, "unknown method %d", (int)o->method);
        goto fail;
    }
    if (!(o->ratio >= 0 && o->ratio <= 1)) {
        snprintf(err, errlen, "ratio must be between 0 and 1, not %g", o->ratio);
        goto fail;
    }
    if (!(o->lambda >= 0 && o->lambda <= 1)) {
        snprintf(err, errlen, "lambda must be between 0 and 1, not %g", o->lambda);
        goto fail;
    }
    if (o->sentences < 0 || o->max_words < 0 || o->min_words < 0 || !(o->position_weight >= 0)) {
        snprintf(err, errlen, "sentences, max_words, min_words and position_weight must not be negative");
        goto fail;
    }
    /* Options hold borrowed strings; the engine does not keep them after new(). */
    s->o.language = NULL;
    s->o.stopwords_path = NULL;
    s->o.boilerplate_path = NULL;
    s->o.openers_path = NULL;
    s->o.weights_path = NULL;
    if (o->language)
        snprintf(s->language, sizeof s->language, "%s", o->language);
    if (engine_own_parts(s, err, errlen) != 0)
        goto fail;
    if (o->stopwords_path && load_stopwords(s, o->stopwords_path, err, errlen) != PIPE_OK)
        goto fail;
    if (o->boilerplate_path && sum_boilerplate_load(s, o->boilerplate_path, err, errlen) != PIPE_OK)
        goto fail;
    if (o->openers_path && sum_openers_load(s, o->openers_path, err, errlen) != PIPE_OK)
        goto fail;
    if (o->weights_path && sum_weights_load(s, o->weights_path, err, errlen) != PIPE_OK)
        goto fail;
    if ((o->method == PIPE_SUM_DEFAULT || o->method == PIPE_SUM_LEARNED) && !o->weights_path) {
        /* Zero weights would rank by nothing: the learned scorer needs its file. */
        snprintf(err, errlen, "the default and learned methods need a weights file (summarizer-weights-<language>.txt)");
        goto fail;
    }
    return s;
fail:
    pipe_summarizer_free(s);
    return NULL;
}

pipe_summarizer *pipe_summarizer_share(const pipe_summarizer *proto, char *err, size_t errlen)
{
    pipe_summarizer *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->o = proto->o;
    memcpy(s->log1w, proto->log1w, sizeof s->log1w);
    memcpy(s->language, proto->language, sizeof s->language);
    /* Read-only after loading: lookups never change these tables, so workers can read them at once. */
    s->borrowed = 1;
    s->stop = proto->stop;
    s->counted = proto->counted;
    s->bp = proto->bp;
    s->openers = proto->openers;
    s->opener_kind = proto->opener_kind;
    s->cap_opener_kind = proto->cap_opener_kind;
    s->opener_max_words = proto->opener_max_words;
    memcpy(s->opener_first, proto->opener_first, sizeof s->opener_first);
    memcpy(s->weight, proto->weight, sizeof s->weight);
    s->bias = proto->bias;
    s->length_exponent = proto->length_exponent;
    memcpy(s->lenpow, proto->lenpow, sizeof s->lenpow);
    if (engine_own_parts(s, err, errlen) != 0) {
        pipe_summarizer_free(s);
        return NULL;
    }
    return s;
}

/* How many sentences to pick for a document of n sentences. */
static size_t target_count(const pipe_summarize_opts *o, size_t n)
{
    if (o->ratio > 0) {
        double k = floor(o->ratio * (double)n + 0.5);
        return k < 1 ? 1 : (size_t)k;
    }
    return (size_t)o->sentences;
}

const pipe_summary *pipe_summarize(pipe_summarizer *s, const pipe_summarize_input *in, size_t *n)
{
    *n = 0;
    pipe_summarize_input safe = *in;
    if (!safe.text) {
        safe.text = "";
        safe.len = 0;
    }
    if (safe.len > UINT32_MAX)
        safe.len = UINT32_MAX; /* offsets are 32-bit; nothing past 4 GiB can be addressed */
    if (sum_terms_build(s, &safe) != PIPE_OK)
        return NULL;
    if (s->d.n == 0)
        return s->out;
    sum_eligible(s, &safe);
    if (safe.n_tokens > SUM_RELEASE_TOKENS) {
        /* The word cache and the duplicate table are done with: give them back before the graph,
         * the largest buffer, is built. Results stay the same, as with a fresh engine. */
        sum_cache_release(s);
        free(s->dup_slot);
        s->dup_slot = NULL;
        s->cap_dup_slot = 0;
    }
    if (sum_rank(s) != PIPE_OK)
        return NULL;
    /* The selection is where a large document's summarizer memory peaks (8 MB of news: 3.6 MB of
     * ranking scratch still held); results stay the same, the buffers are made again when needed. */
    if (safe.n_tokens > SUM_RELEASE_TOKENS)
        sum_rank_release(s);
    int64_t k = sum_select(s, target_count(&s->o, s->d.n));
    if (k < 0)
        return NULL;
    *n = (size_t)k;
    return s->out;
}

const double *pipe_summarize_features(pipe_summarizer *s, const pipe_summarize_input *in, size_t *n,
                                      const int **tiers)
{
    *n = 0;
    *tiers = NULL;
    pipe_summarize_input safe = *in;
    if (!safe.text) {
        safe.text = "";
        safe.len = 0;
    }
    if (safe.len > UINT32_MAX)
        safe.len = UINT32_MAX;
    if (sum_terms_build(s, &safe) != PIPE_OK)
        return NULL;
    size_t m = s->d.n;
    if (sum_grow(&s->tiers, &s->cap_tiers, m + 1, sizeof *s->tiers) != 0 ||
        sum_grow(&s->feat, &s->cap_feat, m * PIPE_SUM_N_FEATURES + 1, sizeof *s->feat) != 0)
        return NULL;
    if (m > 0) {
        sum_eligible(s, &safe);
        /* The learned method's ranking computes the features, whatever method this engine runs. */
        pipe_summarize_method method = s->o.method;
        s->o.method = PIPE_SUM_LEARNED;
        s->keep_feat = 1;
        int rc = sum_rank(s);
        s->keep_feat = 0;
        s->o.method = method;
        if (rc != PIPE_OK)
            return NULL;
        for (size_t i = 0; i < m; i++)
            s->tiers[i] = s->d.sent[i].tier;
    }
    *n = m;
    *tiers = s->tiers;
    return s->feat;
}

void pipe_summarizer_free(pipe_summarizer *s)
{
    if (!s)
        return;
    if (s->stemmer)
        sb_stemmer_delete(s->stemmer);
    if (!s->borrowed) {
        sum_boilerplate_free(&s->bp);
        sum_strtab_free(&s->stop);
        sum_strtab_free(&s->counted);
        sum_strtab_free(&s->openers);
        free(s->opener_kind);
    }
    free(s->feat);
    free(s->fpre);
    free(s->tiers);
    free(s->cand_of);
    free(s->form_slot);
    free(s->form_chars);
    free(s->pend);
    free(s->newcnt);
    sum_strtab_free(&s->stems);
    free(s->dup_slot);
    free(s->stem_doc);
    free(s->d.sent);
    free(s->d.vterm);
    free(s->d.vcount);
    free(s->d.df);
    free(s->d.idf);
    free(s->d.scratch);
    free(s->score);
    free(s->maxsim);
    free(s->tmp);
    free(s->logw);
    free(s->term_mark);
    free(s->term_val);
    free(s->idf_by_df);
    free(s->adj_off);
    free(s->adj_nb);
    free(s->adj_c);
    free(s->loop);
    free(s->cand);
    free(s->sim_upto);
    free(s->upd);
    free(s->out);
    free(s);
}
