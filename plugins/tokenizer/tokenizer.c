/*
 * tokenizer.c: the `tokenizer` stage: reads the options, runs the pipe_tokenize
 * engine over each document and appends the result to the `tokens` layer.
 */
#include <stdlib.h>
#include <string.h>

#include "pipe/plugin.h"
#include "tokenize.h"

/* Tokens copied per layer_append(): big enough to make appends rare. */
#define BATCH 1024

typedef struct tokenizer_state {
    pipe_layer_id tokens;
    pipe_tokenize_opts opts;
} tokenizer_state;

static const char *const modes[] = {"news", "uax29", NULL};
static const char *const split_keep[] = {"split", "keep", NULL};

static const pipe_option options[] = {
    {.name = "mode", .type = PIPE_OPT_STRING, .default_value = "news", .choices = modes, .help = "news (NLP tokens, no white space) or uax29 (plain UAX #29 segments)"},
    {.name = "clitics", .type = PIPE_OPT_STRING, .default_value = "split", .choices = split_keep, .help = "news: split clitics and possessives (do n't, Huawei 's) or keep them"},
    {.name = "hyphens", .type = PIPE_OPT_STRING, .default_value = "keep", .choices = split_keep, .help = "news: keep hyphenated words (next-generation) whole or split them"},
    PIPE_OPTION_END};

static const char *const produces[] = {PIPE_LAYER_TOKENS, NULL};

/* *out = 1 when the string option `name` is `one` (the host has checked it is one of its choices). */
static int read_choice(const pipe_host_api *api, const pipe_cfg *cfg, const char *name, const char *one, int *out)
{
    const char *v = NULL;
    int rc = api->opt_string(cfg, name, &v);
    if (rc < 0)
        return rc;
    *out = strcmp(v, one) == 0;
    return PIPE_OK;
}

static int tokenizer_create(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void *shared,
                            void **state)
{
    tokenizer_state *st = calloc(1, sizeof *st);
    int uax29 = 0, rc;
    (void)shared;
    if (st == NULL)
        return PIPE_ERR_NOMEM;
    *state = st;
    pipe_tokenize_opts_init(&st->opts);
    if ((rc = read_choice(api, cfg, "mode", "uax29", &uax29)) < 0 ||
        (rc = read_choice(api, cfg, "clitics", "split", &st->opts.split_clitics)) < 0 ||
        (rc = read_choice(api, cfg, "hyphens", "split", &st->opts.split_hyphens)) < 0)
        return rc;
    st->opts.mode = uax29 ? PIPE_TOKENIZE_UAX29 : PIPE_TOKENIZE_NEWS;
    if ((rc = api->layer_find(host, PIPE_LAYER_TOKENS, &st->tokens)) < 0) {
        api->set_error(host, "the host has no \"%s\" layer", PIPE_LAYER_TOKENS);
        return rc;
    }
    return PIPE_OK;
}

static int tokenizer_process(void *state, const pipe_call *call)
{
    tokenizer_state *st = state;
    const pipe_host_api *api = call->api;
    pipe_doc *doc = call->doc;
    pipe_tokenizer tk;
    pipe_token buf[BATCH];
    size_t len = 0, n;
    const char *text = api->doc_text(doc, &len);

    if (pipe_tokenizer_init(&tk, text, len, &st->opts) != 0) {
        api->set_error(call->host, "document of %zu bytes is too large for 32-bit offsets", len);
        return PIPE_ERR_LIMIT;
    }
    while ((n = pipe_tokenizer_next(&tk, buf, BATCH)) > 0) {
        void *dst;
        int rc = api->layer_append(doc, st->tokens, n, &dst);
        if (rc < 0) {
            api->set_error(call->host, "cannot append %zu tokens", n);
            return rc;
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
    .name = "tokenizer",
    .version = "2.0.0",
    .description = "UAX #29 word segmentation with news-aware tokens (URLs, numbers, clitics, quotes)",
    .produces = produces,
    .options = options,
    .create = tokenizer_create,
    .process = tokenizer_process,
    .destroy = tokenizer_destroy,
};

PIPE_PLUGIN_DEFINE(tokenizer, descriptor)
