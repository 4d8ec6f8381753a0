/*
 * example: document statistics, and the template to copy for a new stage.
 *
 * It counts characters, words, lines and paragraphs and estimates reading
 * time, then stores one record in a layer of its own, "example_stats". Nothing
 * in the core knows about it: the schema registered in create() is all the JSON
 * and text writers need. Copy this file, rename `example` everywhere (the
 * file must be called <name>.so, PIPE_PLUGIN_DEFINE must use <name>, and
 * your layers are called <name>_<what>, which jq reads as .layers.<name>_<what>),
 * and replace count() with your own analysis.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <pipe/plugin.h>

/* One record of our layer. Records always begin with the byte span they cover. */
typedef struct stats_record {
    uint32_t start, end; /* the whole document */
    uint32_t chars;      /* Unicode code points (invalid bytes count one each) */
    uint32_t words;      /* runs of non-space characters holding a letter or digit */
    uint32_t lines;
    uint32_t paragraphs; /* blocks of text separated by blank lines */
    double reading_minutes;
} stats_record;

/* The schema tells the writers how to print a record: name, type and offset of each field. */
static const pipe_field stats_fields[] = {
    {"chars", PIPE_FIELD_U32, offsetof(stats_record, chars), NULL, 0},
    {"words", PIPE_FIELD_U32, offsetof(stats_record, words), NULL, 0},
    {"lines", PIPE_FIELD_U32, offsetof(stats_record, lines), NULL, 0},
    {"paragraphs", PIPE_FIELD_U32, offsetof(stats_record, paragraphs), NULL, 0},
    {"reading_minutes", PIPE_FIELD_F64, offsetof(stats_record, reading_minutes), NULL, 0},
    PIPE_FIELD_END};

static const pipe_layer_schema stats_schema = {
    PIPE_SCHEMA_HEADER, "example_stats", "characters, words, lines, paragraphs and reading time",
    sizeof(stats_record), 0, stats_fields};

/* Options are declared here; the host checks names, types and ranges in the config before create() runs. */
static const pipe_option options[] = {
    {.name = "words_per_minute", .type = PIPE_OPT_INT, .default_value = "230", PIPE_OPT_RANGE(1, 100000), .help = "reading speed used for reading_minutes"},
    PIPE_OPTION_END};

/* Everything one instance needs. With -j N there are N instances, one per worker thread. */
typedef struct example_state {
    pipe_layer_id layer;
    double words_per_minute;
} example_state;

/* Byte classes, looked up once per byte: a table keeps the loop free of chains of comparisons. */
enum { C_SPACE = 1,
       C_NEWLINE = 2,
       C_WORD = 4,
       C_CONT = 8,
       C_E2 = 16 };

static unsigned char byte_class[256];

/* Fill the table once; bytes of any other class are punctuation or symbols. */
static void init_classes(void)
{
    static const char spaces[] = " \t\n\r\f\v";
    for (int c = 0; c < 256; c++) {
        unsigned char k = 0;
        if (c < 0x80 && ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
            k = C_WORD;
        else if (c >= 0x80 && c < 0xC0)
            k = C_CONT; /* a continuation byte: its lead byte decided */
        else if (c == 0xE2)
            k = C_E2; /* U+2000..U+2FFF: a letter only outside General Punctuation (E2 80, E2 81) */
        else if (c >= 0xC0)
            k = C_WORD; /* other non-ASCII characters are taken as letters of some script */
        byte_class[c] = k;
    }
    for (const char *p = spaces; *p; p++)
        byte_class[(unsigned char)*p] = C_SPACE;
    byte_class['\n'] = C_SPACE | C_NEWLINE;
}

/* Module-level set-up, once per configured stage before any instance: read-only tables go here. */
static int example_init(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void **shared)
{
    (void)api;
    (void)host;
    (void)cfg;
    init_classes(); /* idempotent; init() runs on the main thread only, so this is race-free */
    *shared = NULL; /* nothing to hand the instances: the table is static */
    return PIPE_OK;
}

static int example_create(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void *shared,
                          void **state)
{
    int64_t wpm;
    (void)shared;
    int rc = api->opt_int(cfg, "words_per_minute", &wpm); /* the host checked it is in [1, 100000] */
    if (rc != PIPE_OK)
        return rc;
    example_state *s = calloc(1, sizeof *s);
    if (!s)
        return PIPE_ERR_NOMEM;
    s->words_per_minute = (double)wpm;
    /* Register the layer we produce; every instance gets the same id. */
    rc = api->layer_register(host, &stats_schema, &s->layer);
    if (rc != PIPE_OK) {
        free(s);
        return rc;
    }
    *state = s;
    return PIPE_OK;
}

/* One pass over the bytes; text may hold NULs and invalid UTF-8, so only bytes are trusted. */
static void count(const unsigned char *t, size_t len, stats_record *r)
{
    int in_word = 0, word_has_alnum = 0, line_blank = 1, in_para = 0;
    uint32_t chars = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char k = byte_class[t[i]];
        chars += !(k & C_CONT);
        if (k & C_SPACE) {
            r->words += in_word && word_has_alnum;
            in_word = word_has_alnum = 0;
            if (k & C_NEWLINE) {
                r->lines++;
                if (line_blank)
                    in_para = 0;
                line_blank = 1;
            }
            continue;
        }
        if (!in_para) {
            r->paragraphs++;
            in_para = 1;
        }
        line_blank = 0;
        in_word = 1;
        if (k & C_WORD)
            word_has_alnum = 1;
        else if ((k & C_E2) && !(i + 1 < len && (t[i + 1] == 0x80 || t[i + 1] == 0x81)))
            word_has_alnum = 1;
    }
    r->chars = chars;
    r->words += in_word && word_has_alnum;
    r->lines += len > 0 && t[len - 1] != '\n';
}

/* call carries the services table, this instance's host handle and the document. */
static int example_process(void *state, const pipe_call *call)
{
    example_state *s = state;
    size_t len;
    const char *text = call->api->doc_text(call->doc, &len);
    void *mem;
    int rc = call->api->layer_append(call->doc, s->layer, 1, &mem);
    if (rc < 0)
        return rc;
    stats_record *r = mem;
    r->start = 0;
    r->end = (uint32_t)len; /* the runner never passes documents of 4 GiB or more */
    count((const unsigned char *)text, len, r);
    r->reading_minutes = r->words / s->words_per_minute;
    return PIPE_OK;
}

static void example_destroy(void *state)
{
    free(state);
}

static const char *const produces[] = {"example_stats", NULL};

/* Members left out are NULL: it consumes nothing (it reads the raw text) and needs no fini(). */
static const pipe_plugin descriptor = {
    PIPE_PLUGIN_HEADER,
    .name = "example",
    .version = "2.0.0",
    .description = "document statistics: characters, words, lines, paragraphs, reading time",
    .produces = produces,
    .options = options,
    .init = example_init,
    .create = example_create,
    .process = example_process,
    .destroy = example_destroy,
};

PIPE_PLUGIN_DEFINE(example, descriptor)
