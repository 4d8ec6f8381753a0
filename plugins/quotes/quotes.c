/*
 * quotes: the plugin glue around the quote finder engine (quotefind.h).
 * Reads `tokens` and `sentences`, writes `quotes`, pools speaker names.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pipe/plugin.h>

#include "quotefind.h"

static const pipe_option options[] = {
    {.name = "scare", .type = PIPE_OPT_BOOL, .default_value = "true", .help = "keep scare quotes and titles in the layer (kind \"scare\")"},
    {.name = "speakers", .type = PIPE_OPT_BOOL, .default_value = "true", .help = "attribute direct quotes to speakers"},
    {.name = "nested", .type = PIPE_OPT_BOOL, .default_value = "true", .help = "keep quotes nested inside other quotes"},
    PIPE_OPTION_END};

typedef struct quotes_state {
    pipe_layer_id tokens, sentences, quotes, speakers_layer;
    char *spans; /* "start-end ..." text of one speaker's mentions, reused */
    size_t spans_cap;
    int scare, speakers, nested;
    qf_finder *finder;
} quotes_state;

static void quotes_fini(void *shared)
{
    qf_lexicon_free(shared);
}

/* The word lists, loaded once and read by every instance's finder. */
static int quotes_init(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void **shared)
{
    (void)cfg;
    qf_lexicon *lex = qf_lexicon_new();
    if (!lex)
        return PIPE_ERR_NOMEM;
    for (size_t i = 0; qf_data_files[i]; i++) {
        char *path = NULL;
        char err[512];
        if (api->data_path(host, qf_data_files[i], &path) != PIPE_OK) {
            api->set_error(host, "data file %s not found (it ships in conf/)", qf_data_files[i]);
            qf_lexicon_free(lex);
            return PIPE_ERR_CONFIG;
        }
        int rc = qf_lexicon_add_file(lex, qf_data_files[i], path, err, sizeof err);
        api->string_free(path);
        if (rc) {
            api->set_error(host, "%s", err);
            qf_lexicon_free(lex);
            return PIPE_ERR_CONFIG;
        }
    }
    *shared = lex;
    return PIPE_OK;
}

static void quotes_destroy(void *state)
{
    quotes_state *s = state;
    if (!s)
        return;
    qf_finder_free(s->finder);
    free(s->spans);
    free(s);
}

static int quotes_create(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void *shared,
                         void **state)
{
    quotes_state *s = calloc(1, sizeof *s);
    if (!s)
        return PIPE_ERR_NOMEM;
    *state = s;
    int rc;
    if ((rc = api->opt_bool(cfg, "scare", &s->scare)) != PIPE_OK ||
        (rc = api->opt_bool(cfg, "speakers", &s->speakers)) != PIPE_OK ||
        (rc = api->opt_bool(cfg, "nested", &s->nested)) != PIPE_OK)
        return rc;
    if ((rc = api->layer_find(host, PIPE_LAYER_TOKENS, &s->tokens)) != PIPE_OK ||
        (rc = api->layer_find(host, PIPE_LAYER_SENTENCES, &s->sentences)) != PIPE_OK ||
        (rc = api->layer_find(host, PIPE_LAYER_QUOTES, &s->quotes)) != PIPE_OK ||
        (rc = api->layer_find(host, PIPE_LAYER_SPEAKERS, &s->speakers_layer)) != PIPE_OK) {
        api->set_error(host, "the tokens, sentences, quotes and speakers layers must be registered");
        return rc;
    }
    s->finder = qf_finder_new(shared);
    return s->finder ? PIPE_OK : PIPE_ERR_NOMEM;
}

/* The decimal digits of v at out (at most 10); their count. snprintf("%u-%u") per mention cost
 * ~1,300 instructions a span, more than finding the speaker. */
static size_t put_u32(char *out, uint32_t v)
{
    char tmp[10];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* The speakers layer: one record per speaker, mentions written as "start-end" spans. */
static int write_speakers(quotes_state *s, const pipe_host_api *api, pipe_doc *doc)
{
    const qf_speaker *sp;
    size_t n;
    if (qf_speakers(s->finder, &sp, &n))
        return PIPE_ERR_NOMEM;
    if (!n)
        return PIPE_OK;
    void *mem;
    int rc = api->layer_append(doc, s->speakers_layer, n, &mem);
    if (rc < 0)
        return rc;
    pipe_speaker *out = mem;
    for (size_t i = 0; i < n; i++) {
        size_t need = sp[i].nspans * 22 + 1, len = 0;
        if (need > s->spans_cap) {
            char *b = realloc(s->spans, need);
            if (!b)
                return PIPE_ERR_NOMEM;
            s->spans = b;
            s->spans_cap = need;
        }
        for (size_t k = 0; k < sp[i].nspans; k++) {
            if (k)
                s->spans[len++] = ' ';
            len += put_u32(s->spans + len, sp[i].spans[k * 2]);
            s->spans[len++] = '-';
            len += put_u32(s->spans + len, sp[i].spans[k * 2 + 1]);
        }
        memset(&out[i], 0, sizeof out[i]);
        out[i].start = sp[i].nspans ? sp[i].spans[0] : 0;
        out[i].end = sp[i].nspans ? sp[i].spans[1] : 0;
        out[i].n_mentions = (uint32_t)sp[i].nspans;
        out[i].quotes = sp[i].quotes;
        out[i].kind = sp[i].kind;
        if (api->str_add(doc, sp[i].name, sp[i].name_len, &out[i].name) != PIPE_OK ||
            api->str_add(doc, s->spans, len, &out[i].mentions) != PIPE_OK)
            return PIPE_ERR_NOMEM;
    }
    return PIPE_OK;
}

/* Find the document's quotes and append them (and the speakers) to their layers. */
static int find_quotes(quotes_state *s, const pipe_call *call)
{
    const pipe_host_api *api = call->api;
    pipe_doc *doc = call->doc;
    size_t len, ntok, nsent, n;
    const char *text = api->doc_text(doc, &len);
    const pipe_token *tok = api->layer_records(doc, s->tokens, &ntok);
    const pipe_sentence *sent = api->layer_records(doc, s->sentences, &nsent);
    const qf_quote *q;
    if (qf_find(s->finder, text, len, tok, ntok, sent, nsent, &q, &n)) {
        api->set_error(call->host, "out of memory finding quotes");
        return PIPE_ERR_NOMEM;
    }
    /* Count first and append once: a later append would move earlier records. */
    size_t keep = 0;
    for (size_t i = 0; i < n; i++)
        keep += (s->scare || q[i].rec.kind != PIPE_QUOTE_SCARE) && (s->nested || q[i].rec.level == 0);
    if (!keep)
        return PIPE_OK;
    if (s->speakers) {
        int rc = write_speakers(s, api, doc);
        if (rc != PIPE_OK)
            return rc;
    }
    void *mem;
    int rc = api->layer_append(doc, s->quotes, keep, &mem);
    if (rc < 0)
        return rc;
    pipe_quote *out = mem;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (!((s->scare || q[i].rec.kind != PIPE_QUOTE_SCARE) && (s->nested || q[i].rec.level == 0)))
            continue;
        out[w] = q[i].rec;
        if (!s->speakers) {
            out[w].speaker_start = out[w].speaker_end = out[w].cue_start = out[w].cue_end = PIPE_NO_POS;
            out[w].flags &= ~(uint32_t)PIPE_QUOTEF_RESOLVED;
            out[w].speaker_kind = PIPE_SPEAKER_UNKNOWN;
        } else if (q[i].name && api->str_add(doc, q[i].name, q[i].name_len, &out[w].speaker) != PIPE_OK) {
            return PIPE_ERR_NOMEM;
        }
        w++;
    }
    return PIPE_OK;
}

/* Arrays kept between documents: enough for a long news article's units (about 4 bytes of text
 * each), so ordinary documents allocate nothing, while a large one's arrays (32 bytes per token)
 * are freed before the summarizer runs instead of adding to its peak. */
#define QUOTES_KEEP_BYTES (1u << 20)

static int quotes_process(void *state, const pipe_call *call)
{
    quotes_state *s = state;
    int rc = find_quotes(s, call);
    qf_finder_trim(s->finder, QUOTES_KEEP_BYTES);
    if (s->spans_cap > QUOTES_KEEP_BYTES) {
        free(s->spans);
        s->spans = NULL;
        s->spans_cap = 0;
    }
    return rc;
}

static const char *const consumes[] = {PIPE_LAYER_TOKENS, PIPE_LAYER_SENTENCES, NULL};
static const char *const produces[] = {PIPE_LAYER_QUOTES, PIPE_LAYER_SPEAKERS, NULL};

static const pipe_plugin descriptor = {
    PIPE_PLUGIN_HEADER,
    .name = "quotes",
    .version = "0.2.0",
    .description = "quotations with kind (direct, partial or scare), nesting and speaker; the speakers table",
    .consumes = consumes,
    .produces = produces,
    .options = options,
    .init = quotes_init,
    .create = quotes_create,
    .process = quotes_process,
    .destroy = quotes_destroy,
    .fini = quotes_fini,
};

PIPE_PLUGIN_DEFINE(quotes, descriptor)
