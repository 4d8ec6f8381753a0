/*
 * sentences: the sentence splitter stage. Thin glue between the host and
 * the engine in sent_split.c: read options, load the word lists, and per
 * document run the engine over the `tokens` layer into `sentences`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pipe/plugin.h>

#include "sentsplit.h"

static const pipe_option options[] = {
    {.name = "abbreviations", .type = PIPE_OPT_STRING, .default_value = "", .help = "extra abbreviation list file (same format as abbrev-en.txt), added to the built-in list"},
    {.name = "paragraphs", .type = PIPE_OPT_BOOL, .default_value = "true", .help = "blank lines end sentences and number paragraphs; false: one paragraph, blank lines are line breaks"},
    {.name = "max_sentence_bytes", .type = PIPE_OPT_INT, .default_value = "10000", PIPE_OPT_RANGE(0, UINT32_MAX), .help = "cut longer sentences at a token boundary and flag them forced_split; 0 = no limit"},
    PIPE_OPTION_END};

/* One instance: the options, the layer ids, and a scratch array reused across documents. */
typedef struct sent_state {
    pipe_layer_id tokens, sentences;
    sentsplit_opts opts;
    pipe_sentence *scratch;
    size_t scratch_cap;
} sent_state;

/* Load one word list found through the host's data path. */
static int load_list(const pipe_host_api *api, pipe_host *host, sentsplit_lexicon *lex, const char *name,
                     unsigned cls)
{
    char *path = NULL, err[512];
    int rc = api->data_path(host, name, &path);
    if (rc != PIPE_OK) {
        api->set_error(host, "data file '%s' not found", name);
        return PIPE_ERR_CONFIG;
    }
    rc = sentsplit_lexicon_load(lex, path, cls, err, sizeof err) == 0 ? PIPE_OK : PIPE_ERR_CONFIG;
    if (rc != PIPE_OK)
        api->set_error(host, "%s", err);
    api->string_free(path);
    return rc;
}

static void sent_fini(void *shared)
{
    sentsplit_lexicon_free(shared);
}

/* The word lists, loaded once and read by every instance. */
static int sent_init(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void **shared)
{
    const char *extra;
    int rc = api->opt_string(cfg, "abbreviations", &extra);
    if (rc != PIPE_OK)
        return rc;
    sentsplit_lexicon *lex = sentsplit_lexicon_new();
    if (!lex)
        return PIPE_ERR_NOMEM;
    for (const sentsplit_list *l = sentsplit_default_lists; rc == PIPE_OK && l->file; l++)
        rc = load_list(api, host, lex, l->file, l->cls);
    if (rc == PIPE_OK && extra[0])
        rc = load_list(api, host, lex, extra, SENTSPLIT_ABBR);
    if (rc != PIPE_OK) {
        sentsplit_lexicon_free(lex);
        return rc;
    }
    *shared = lex;
    return PIPE_OK;
}

static void sent_destroy(void *state)
{
    sent_state *s = state;
    if (!s)
        return;
    free(s->scratch);
    free(s);
}

static int sent_create(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void *shared, void **state)
{
    int paragraphs;
    int64_t max_bytes;
    int rc;
    (void)shared;
    if ((rc = api->opt_bool(cfg, "paragraphs", &paragraphs)) != PIPE_OK ||
        (rc = api->opt_int(cfg, "max_sentence_bytes", &max_bytes)) != PIPE_OK)
        return rc;
    sent_state *s = calloc(1, sizeof *s);
    if (!s)
        return PIPE_ERR_NOMEM;
    *state = s;
    sentsplit_opts_init(&s->opts);
    s->opts.paragraphs = paragraphs != 0;
    s->opts.max_sentence_bytes = (uint32_t)max_bytes; /* the host checked the range */
    if ((rc = api->layer_find(host, PIPE_LAYER_TOKENS, &s->tokens)) != PIPE_OK ||
        (rc = api->layer_find(host, PIPE_LAYER_SENTENCES, &s->sentences)) != PIPE_OK) {
        api->set_error(host, "the core did not register the tokens and sentences layers");
        return rc;
    }
    return PIPE_OK;
}

/* Scratch kept between documents (a news article of tens of KB needs far less). */
#define SENT_KEEP_BYTES (1u << 20)

static int sent_process(void *state, const pipe_call *call)
{
    sent_state *s = state;
    const pipe_host_api *api = call->api;
    size_t len, n;
    const char *text = api->doc_text(call->doc, &len);
    const pipe_token *tok = api->layer_records(call->doc, s->tokens, &n);
    if (n == 0)
        return PIPE_OK;
    /* The scratch grows with the sentences (a news sentence is about 25 tokens), not one record
     * per token; appended once. */
    size_t count = sentsplit_run_grow(call->shared, &s->opts, text, len, tok, n, &s->scratch, &s->scratch_cap);
    if (count == SIZE_MAX)
        return PIPE_ERR_NOMEM;
    if (count == 0)
        return PIPE_OK;
    void *out;
    int rc = api->layer_append(call->doc, s->sentences, count, &out);
    if (rc < 0)
        return rc;
    memcpy(out, s->scratch, count * sizeof *s->scratch);
    /* A large document's scratch (24 bytes per sentence) would stay allocated through every later
     * stage; give it back and keep only what a long news article needs. */
    if (s->scratch_cap * sizeof *s->scratch > SENT_KEEP_BYTES) {
        free(s->scratch);
        s->scratch = NULL;
        s->scratch_cap = 0;
    }
    return PIPE_OK;
}

static const char *const consumes[] = {PIPE_LAYER_TOKENS, NULL};
static const char *const produces[] = {PIPE_LAYER_SENTENCES, NULL};

static const pipe_plugin descriptor = {
    PIPE_PLUGIN_HEADER,
    .name = "sentences",
    .version = "2.0.0",
    .description = "sentence boundaries and paragraphs for news text (abbreviations, quotes, lists, headlines)",
    .consumes = consumes,
    .produces = produces,
    .options = options,
    .init = sent_init,
    .create = sent_create,
    .process = sent_process,
    .destroy = sent_destroy,
    .fini = sent_fini,
};

PIPE_PLUGIN_DEFINE(sentences, descriptor)
