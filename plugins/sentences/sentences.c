/*
 * sentences: the sentence splitter stage. Thin glue between the host and
 * the engine in sentsplit.c: read options, load the word lists, and per
 * document run the engine over the `tokens` layer into `sentences`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <pipe/plugin.h>

#include "sentsplit.h"

static const pipe_option options[] = {
    {"abbreviations", PIPE_OPT_STRING, "",
     "extra abbreviation list file (same format as abbrev-en.txt), added to the built-in list"},
    {"paragraphs", PIPE_OPT_BOOL, "true",
     "blank lines end sentences and number paragraphs; false: one paragraph, blank lines are line breaks"},
    {"max_sentence_bytes", PIPE_OPT_INT, "10000",
     "cut longer sentences at a token boundary and flag them forced_split; 0 = no limit"},
    {NULL, 0, NULL, NULL}};

/* One instance: the options, the word lists, and a scratch array reused across documents. */
typedef struct sent_state {
    const pipe_host_api *api;
    pipe_layer_id tokens, sentences;
    sentsplit_opts opts;
    sentsplit_lexicon *lex;
    pipe_sentence *scratch;
    size_t scratch_cap;
} sent_state;

static void sent_destroy(void *state)
{
    sent_state *s = state;
    if (!s)
        return;
    sentsplit_lexicon_free(s->lex);
    free(s->scratch);
    free(s);
}

/* Load one word list found through the host's data path. */
static int load_list(sent_state *s, pipe_host *host, const char *name, unsigned cls)
{
    char *path = NULL, err[512];
    int rc = s->api->data_path(host, name, &path);
    if (rc != PIPE_OK) {
        s->api->set_error(host, "data file '%s' not found", name);
        free(path);
        return PIPE_ERR_CONFIG;
    }
    rc = sentsplit_lexicon_load(s->lex, path, cls, err, sizeof err) == 0 ? PIPE_OK : PIPE_ERR_CONFIG;
    if (rc != PIPE_OK)
        s->api->set_error(host, "%s", err);
    free(path);
    return rc;
}

static int sent_create(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void **state)
{
    int paragraphs;
    int64_t max_bytes;
    const char *extra;
    int rc;
    if ((rc = api->opt_bool(cfg, "paragraphs", &paragraphs)) != PIPE_OK ||
        (rc = api->opt_int(cfg, "max_sentence_bytes", &max_bytes)) != PIPE_OK ||
        (rc = api->opt_string(cfg, "abbreviations", &extra)) != PIPE_OK)
        return rc;
    if (max_bytes < 0 || max_bytes > UINT32_MAX) {
        api->set_error(host, "max_sentence_bytes must be between 0 and %lu, not %lld",
                       (unsigned long)UINT32_MAX, (long long)max_bytes);
        return PIPE_ERR_CONFIG;
    }
    sent_state *s = calloc(1, sizeof *s);
    if (!s)
        return PIPE_ERR_NOMEM;
    *state = s;
    s->api = api;
    sentsplit_opts_init(&s->opts);
    s->opts.paragraphs = paragraphs != 0;
    s->opts.max_sentence_bytes = (uint32_t)max_bytes;
    if (!(s->lex = sentsplit_lexicon_new()))
        return PIPE_ERR_NOMEM;
    for (const sentsplit_list *l = sentsplit_default_lists; l->file; l++)
        if ((rc = load_list(s, host, l->file, l->cls)) != PIPE_OK)
            return rc;
    if (extra && *extra && (rc = load_list(s, host, extra, SENTSPLIT_ABBR)) != PIPE_OK)
        return rc;
    if ((rc = api->layer_find(host, PIPE_LAYER_TOKENS, &s->tokens)) != PIPE_OK ||
        (rc = api->layer_find(host, PIPE_LAYER_SENTENCES, &s->sentences)) != PIPE_OK) {
        api->set_error(host, "the core did not register the tokens and sentences layers");
        return rc;
    }
    return PIPE_OK;
}

static int sent_process(void *state, pipe_doc *doc)
{
    sent_state *s = state;
    size_t len, n;
    const char *text = s->api->doc_text(doc, &len);
    const pipe_token *tok = s->api->layer_records(doc, s->tokens, &n);
    if (n == 0)
        return PIPE_OK;
    /* At most one sentence per token: size the scratch once, append once. */
    if (n > s->scratch_cap) {
        pipe_sentence *p = realloc(s->scratch, n * sizeof *p);
        if (!p)
            return PIPE_ERR_NOMEM;
        s->scratch = p;
        s->scratch_cap = n;
    }
    size_t count = sentsplit_run(s->lex, &s->opts, text, len, tok, n, s->scratch);
    if (count == 0)
        return PIPE_OK;
    pipe_sentence *out = s->api->layer_append(doc, s->sentences, count);
    if (!out)
        return PIPE_ERR_NOMEM;
    memcpy(out, s->scratch, count * sizeof *out);
    return PIPE_OK;
}

static const char *const consumes[] = {PIPE_LAYER_TOKENS, NULL};
static const char *const produces[] = {PIPE_LAYER_SENTENCES, NULL};

static const pipe_plugin descriptor = {
    PIPE_PLUGIN_HEADER,
    "sentences",
    "1.0.0",
    "sentence boundaries and paragraphs for news text (abbreviations, quotes, lists, headlines)",
    consumes,
    produces,
    options,
    sent_create,
    sent_process,
    sent_destroy,
};

PIPE_PLUGIN_DEFINE(sentences, descriptor)
