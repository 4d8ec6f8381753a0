/*
 * summarizer: the plugin around the engine in summarize.h. It reads the
 * options, resolves the data files, and per document hands the engine the
 * `tokens`, `sentences` and (when a quotes stage ran) `quotes` layers, then
 * appends the picks to the `summary` layer in one call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pipe/plugin.h>

#include "summarize.h"

static const char *const methods[] = {"default", "learned", "mmr", "lead", "textrank", "lexrank", NULL};

static const pipe_option options[] = {
    {.name = "sentences", .type = PIPE_OPT_INT, .default_value = "3", PIPE_OPT_RANGE(0, 1000000), .help = "sentences in the summary (ignored when ratio > 0)"},
    {.name = "ratio", .type = PIPE_OPT_DOUBLE, .default_value = "0", .help = "pick this fraction of the article's sentences instead (0 = off)"},
    {.name = "max_words", .type = PIPE_OPT_INT, .default_value = "0", PIPE_OPT_RANGE(0, 1000000000), .help = "the summary never holds more words than this (0 = no limit)"},
    {.name = "min_words", .type = PIPE_OPT_INT, .default_value = "5", PIPE_OPT_RANGE(0, 1000), .help = "shorter sentences are picked only when nothing longer exists"},
    {.name = "method", .type = PIPE_OPT_STRING, .default_value = "default", .choices = methods, .help = "default (trained sentence scorer, lead first), learned (the scorer alone), mmr (centrality + position + MMR), lead, textrank or lexrank"},
    {.name = "language", .type = PIPE_OPT_STRING, .default_value = "en", .help = "Snowball stemmer and data files stopwords-, summarizer-boilerplate-, summarizer-openers-, summarizer-weights-<language>.txt"},
    {.name = "lambda", .type = PIPE_OPT_DOUBLE, .default_value = "0.8", .help = "MMR trade-off of the mmr method: 1 = relevance only, lower = less redundancy"},
    {.name = "position_weight", .type = PIPE_OPT_DOUBLE, .default_value = "0.05", .help = "lead prior of the mmr method (0 = none)"},
    {.name = "stopwords", .type = PIPE_OPT_STRING, .default_value = "", .help = "stop-word file name (default stopwords-<language>.txt)"},
    {.name = "boilerplate", .type = PIPE_OPT_STRING, .default_value = "", .help = "boilerplate phrase file name (default summarizer-boilerplate-<language>.txt)"},
    {.name = "openers", .type = PIPE_OPT_STRING, .default_value = "", .help = "dangling-opener phrase file name (default summarizer-openers-<language>.txt)"},
    {.name = "weights", .type = PIPE_OPT_STRING, .default_value = "", .help = "feature weights of the default and learned methods (default summarizer-weights-<language>.txt)"},
    PIPE_OPTION_END};

/* One instance: the engine plus the layer ids. */
typedef struct summarizer_state {
    pipe_summarizer *engine;
    const pipe_summarizer *shared; /* the loaded data engines are made from (to renew the engine) */
    pipe_layer_id tokens, sentences, quotes, summary;
    int has_quotes;
} summarizer_state;

/* Resolve a data file: the option's value, or the per-language default name. */
static int resolve(const pipe_host_api *api, pipe_host *host, const char *given, const char *prefix,
                   const char *lang, char **path)
{
    char name[256];
    if (given && given[0])
        snprintf(name, sizeof name, "%s", given);
    else
        snprintf(name, sizeof name, "%s%s.txt", prefix, lang);
    int rc = api->data_path(host, name, path);
    if (rc != PIPE_OK) {
        api->set_error(host, "data file %s not found (config folder, source conf/ or installed share/pipe)", name);
        return PIPE_ERR_CONFIG;
    }
    return PIPE_OK;
}

/* The data file names an instance was configured with ("" = the per-language default). */
typedef struct data_names {
    const char *stop, *bp, *openers, *weights;
} data_names;

static int read_options(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, pipe_summarize_opts *o,
                        data_names *dn)
{
    int64_t sentences, max_words, min_words;
    const char *method;
    int rc;
    if ((rc = api->opt_int(cfg, "sentences", &sentences)) != PIPE_OK ||
        (rc = api->opt_int(cfg, "max_words", &max_words)) != PIPE_OK ||
        (rc = api->opt_int(cfg, "min_words", &min_words)) != PIPE_OK ||
        (rc = api->opt_double(cfg, "ratio", &o->ratio)) != PIPE_OK ||
        (rc = api->opt_double(cfg, "lambda", &o->lambda)) != PIPE_OK ||
        (rc = api->opt_double(cfg, "position_weight", &o->position_weight)) != PIPE_OK ||
        (rc = api->opt_string(cfg, "method", &method)) != PIPE_OK ||
        (rc = api->opt_string(cfg, "language", &o->language)) != PIPE_OK ||
        (rc = api->opt_string(cfg, "stopwords", &dn->stop)) != PIPE_OK ||
        (rc = api->opt_string(cfg, "boilerplate", &dn->bp)) != PIPE_OK ||
        (rc = api->opt_string(cfg, "openers", &dn->openers)) != PIPE_OK ||
        (rc = api->opt_string(cfg, "weights", &dn->weights)) != PIPE_OK)
        return rc;
    /* The host checked the declared ranges and the method's choices. */
    o->sentences = (int)sentences;
    o->max_words = (int)max_words;
    o->min_words = (int)min_words;
    o->method = (pipe_summarize_method)pipe_summarize_method_parse(method);
    if (!o->language[0] || strchr(o->language, '/') || strlen(o->language) > 32) {
        api->set_error(host, "language must be a short code such as \"en\", not \"%s\"", o->language);
        return PIPE_ERR_CONFIG;
    }
    return PIPE_OK;
}

/*
 * Once per configured stage: read the options and load the word lists, phrases and weights into a
 * prototype engine that never summarizes; every worker's engine reads its tables (-j N loads them once).
 */
static int summarizer_init(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void **shared)
{
    pipe_summarize_opts o;
    pipe_summarize_opts_init(&o);
    data_names dn;
    int rc = read_options(api, host, cfg, &o, &dn);
    if (rc != PIPE_OK)
        return rc;
    char *stop = NULL, *bp = NULL, *openers = NULL, *weights = NULL;
    if ((rc = resolve(api, host, dn.stop, "stopwords-", o.language, &stop)) != PIPE_OK ||
        (rc = resolve(api, host, dn.bp, "summarizer-boilerplate-", o.language, &bp)) != PIPE_OK ||
        (rc = resolve(api, host, dn.openers, "summarizer-openers-", o.language, &openers)) != PIPE_OK)
        goto done;
    /* Weights only matter to the learned method, but a file named explicitly is always checked. */
    if ((o.method == PIPE_SUM_DEFAULT || o.method == PIPE_SUM_LEARNED || dn.weights[0]) &&
        (rc = resolve(api, host, dn.weights, "summarizer-weights-", o.language, &weights)) != PIPE_OK)
        goto done;
    o.stopwords_path = stop;
    o.boilerplate_path = bp;
    o.openers_path = openers;
    o.weights_path = weights;
    char err[512];
    pipe_summarizer *proto = pipe_summarizer_new(&o, err, sizeof err);
    if (!proto) {
        api->set_error(host, "%s", err);
        rc = PIPE_ERR_CONFIG;
        goto done;
    }
    *shared = proto;
done:
    api->string_free(stop);
    api->string_free(bp);
    api->string_free(openers);
    api->string_free(weights);
    return rc;
}

static void summarizer_fini(void *shared)
{
    pipe_summarizer_free(shared);
}

static int summarizer_create(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void *shared,
                             void **state)
{
    (void)cfg;
    summarizer_state *s = calloc(1, sizeof *s);
    if (!s)
        return PIPE_ERR_NOMEM;
    int rc;
    if ((rc = api->layer_find(host, PIPE_LAYER_TOKENS, &s->tokens)) != PIPE_OK ||
        (rc = api->layer_find(host, PIPE_LAYER_SENTENCES, &s->sentences)) != PIPE_OK ||
        (rc = api->layer_find(host, PIPE_LAYER_SUMMARY, &s->summary)) != PIPE_OK) {
        api->set_error(host, "the core did not register the tokens, sentences and summary layers");
        free(s);
        return rc;
    }
    /* Quotes are an optional consume: read when a quotes stage ran before us (the host checks the order). */
    s->has_quotes = api->layer_find(host, PIPE_LAYER_QUOTES, &s->quotes) == PIPE_OK;
    char err[512];
    s->shared = shared;
    s->engine = pipe_summarizer_share(shared, err, sizeof err);
    if (!s->engine) {
        api->set_error(host, "%s", err);
        free(s);
        return PIPE_ERR_CONFIG;
    }
    *state = s;
    return PIPE_OK;
}

/* Summarize the document and append the picks to the summary layer. */
static int summarize_doc(summarizer_state *s, const pipe_call *call)
{
    const pipe_host_api *api = call->api;
    pipe_doc *doc = call->doc;
    pipe_summarize_input in = {0};
    in.text = api->doc_text(doc, &in.len);
    in.tokens = api->layer_records(doc, s->tokens, &in.n_tokens);
    in.sentences = api->layer_records(doc, s->sentences, &in.n_sentences);
    if (s->has_quotes)
        in.quotes = api->layer_records(doc, s->quotes, &in.n_quotes);
    size_t n;
    const pipe_summary *picks = pipe_summarize(s->engine, &in, &n);
    if (!picks) {
        api->set_error(call->host, "out of memory summarizing %zu sentences", in.n_sentences);
        return PIPE_ERR_NOMEM;
    }
    if (n == 0)
        return PIPE_OK;
    void *out;
    int rc = api->layer_append(doc, s->summary, n, &out);
    if (rc < 0)
        return rc;
    memcpy(out, picks, n * sizeof *picks);
    return PIPE_OK;
}

/* Tokens past which a document's buffers (about 60 bytes per token) are given back after it. */
#define SUMMARIZER_KEEP_TOKENS (1u << 16)

static int summarizer_process(void *state, const pipe_call *call)
{
    summarizer_state *s = state;
    size_t n_tokens;
    call->api->layer_records(call->doc, s->tokens, &n_tokens);
    int rc = summarize_doc(s, call);
    /* The engine keeps its per-document buffers for the next document; after a large one they
     * would stay allocated while the JSON is written and through every later document. A fresh
     * engine gives the same results (the word cache only saves work). */
    if (n_tokens > SUMMARIZER_KEEP_TOKENS) {
        char err[512];
        pipe_summarizer *fresh = pipe_summarizer_share(s->shared, err, sizeof err);
        if (fresh) {
            pipe_summarizer_free(s->engine);
            s->engine = fresh;
        }
    }
    return rc;
}

static void summarizer_destroy(void *state)
{
    summarizer_state *s = state;
    if (!s)
        return;
    pipe_summarizer_free(s->engine);
    free(s);
}

static const char *const consumes[] = {PIPE_LAYER_TOKENS, PIPE_LAYER_SENTENCES, NULL};
static const char *const consumes_optional[] = {PIPE_LAYER_QUOTES, NULL};
static const char *const produces[] = {PIPE_LAYER_SUMMARY, NULL};

static const pipe_plugin descriptor = {
    PIPE_PLUGIN_HEADER,
    .name = "summarizer",
    .version = "2.0.0",
    .description = "extractive summary: the sentences that best summarize the article, in document order",
    .consumes = consumes,
    .consumes_optional = consumes_optional,
    .produces = produces,
    .options = options,
    .init = summarizer_init,
    .create = summarizer_create,
    .process = summarizer_process,
    .destroy = summarizer_destroy,
    .fini = summarizer_fini,
};

PIPE_PLUGIN_DEFINE(summarizer, descriptor)
