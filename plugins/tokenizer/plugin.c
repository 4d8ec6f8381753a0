/*
 * plugin.c: the `tokenizer` stage: reads the options, runs the pipe_tokenize
 * engine over each document and appends the result to the `tokens` layer.
 */
#include <stdlib.h>
#include <string.h>

#include "pipe/plugin.h"
#include "tokenize.h"

/* Tokens copied per layer_append(): big enough to make appends rare. */
#define BATCH 1024

typedef struct tokenizer_state {
    const pipe_host_api *api;
    pipe_host *host;
    pipe_layer_id tokens;
    pipe_tokenize_opts opts;
} tokenizer_state;

static const pipe_option options[] = {
    {"mode", PIPE_OPT_STRING, "news", "news (NLP tokens, no white space) or uax29 (plain UAX #29 segments)"},
    {"clitics", PIPE_OPT_STRING, "split", "news: split clitics and possessives (do n't, Huawei 's) or keep them"},
    {"hyphens", PIPE_OPT_STRING, "keep", "news: keep hyphenated words (next-generation) whole or split them"},
    {NULL, 0, NULL, NULL}};

static const char *const produces[] = {PIPE_LAYER_TOKENS, NULL};

/* Read a two-valued string option; *out = 1 for `one`, 0 for `zero`. */
static int read_choice(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg,
                       const char *name, const char *one, const char *zero, int *out)
{
    const char *v = NULL;
    int rc = api->opt_string(cfg, name, &v);
    if (rc < 0 || v == NULL) {
        api->set_error(host, "option %s: cannot read it", name);
        return rc < 0 ? rc : PIPE_ERR_CONFIG;
    }
    if (strcmp(v, one) == 0)
        *out = 1;
    else if (strcmp(v, zero) == 0)
        *out = 0;
    else {
        api->set_error(host, "option %s: \"%s\" is neither \"%s\" nor \"%s\"", name, v, one, zero);
        return PIPE_ERR_CONFIG;
    }
    return PIPE_OK;
}

static int tokenizer_create(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void **state)
{
    tokenizer_state *st = calloc(1, sizeof *st);
    int uax29 = 0, rc;
    if (st == NULL)
        return PIPE_ERR_NOMEM;
    *state = st;
    st->api = api;
    st->host = host;
    pipe_tokenize_opts_init(&st->opts);
    if ((rc = read_choice(api, host, cfg, "mode", "uax29", "news", &uax29)) < 0 ||
        (rc = read_choice(api, host, cfg, "clitics", "split", "keep", &st->opts.split_clitics)) < 0 ||
        (rc = read_choice(api, host, cfg, "hyphens", "split", "keep", &st->opts.split_hyphens)) < 0)
        return rc;
    st->opts.mode = uax29 ? PIPE_TOKENIZE_UAX29 : PIPE_TOKENIZE_NEWS;
    if ((rc = api->layer_find(host, PIPE_LAYER_TOKENS, &st->tokens)) < 0) {
        api->set_error(host, "the host has no \"%s\" layer", PIPE_LAYER_TOKENS);
        return rc;
    }
    return PIPE_OK;
}

static int tokenizer_process(void *state, pipe_doc *doc)
{
    tokenizer_state *st = state;
    const pipe_host_api *api = st->api;
    pipe_tokenizer tk;
    pipe_token buf[BATCH];
    size_t len = 0, n;
    const char *text = api->doc_text(doc, &len);

    if (pipe_tokenizer_init(&tk, text, len, &st->opts) != 0) {
        api->set_error(st->host, "document of %zu bytes is too large for 32-bit offsets", len);
        return PIPE_ERR_LIMIT;
    }
    while ((n = pipe_tokenizer_next(&tk, buf, BATCH)) > 0) {
        pipe_token *dst = api->layer_append(doc, st->tokens, n);
        if (dst == NULL) {
            api->set_error(st->host, "out of memory for %zu tokens", n);
            return PIPE_ERR_NOMEM;
        }
        memcpy(dst, buf, n * sizeof *buf);
    }
    return PIPE_OK;
}

static void tokenizer_destroy(void *state)
{
    free(state);
}

static const pipe_plugin descriptor = {
    PIPE_PLUGIN_HEADER,
    "tokenizer",
    "1.0.0",
    "UAX #29 word segmentation with news-aware tokens (URLs, numbers, clitics, quotes)",
    NULL,
    produces,
    options,
    tokenizer_create,
    tokenizer_process,
    tokenizer_destroy,
};

PIPE_PLUGIN_DEFINE(tokenizer, descriptor)
