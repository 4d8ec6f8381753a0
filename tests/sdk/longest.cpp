/*
 * longest: a stage written in C++, the proof that the SDK needs no extern "C"
 * or casts from a C++ author. It reads the bundled tokenizer's `tokens` layer
 * and records the longest word of each document in a layer of its own,
 * "longest_word". Standard containers are fine inside a stage; exceptions must
 * never cross back into the host, so process() catches everything.
 */
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>

#include <pipe/plugin.h>

namespace
{

/* One record: the longest word's span and its length in bytes. */
struct longest_record {
    uint32_t start, end;
    uint32_t bytes;
};

const pipe_field longest_fields[] = {
    {"bytes", PIPE_FIELD_U32, offsetof(longest_record, bytes), nullptr, 0},
    PIPE_FIELD_END};

const pipe_layer_schema longest_schema = {
    PIPE_SCHEMA_HEADER, "longest_word", "the longest word of the document",
    sizeof(longest_record), PIPE_LAYERF_TEXT, longest_fields};

const pipe_option options[] = {
    /* Positional (C++17 has no designated initializers); the host enforces the range. */
    {"min_bytes", PIPE_OPT_INT, PIPE_OPTF_MIN | PIPE_OPTF_MAX, "1", "shortest word worth a record", 1,
     4294967295.0, nullptr},
    PIPE_OPTION_END};

/* One instance; a class, to show that state may own C++ objects. */
class longest_stage
{
  public:
    const pipe_host_api *api = nullptr;
    pipe_layer_id tokens = -1;
    pipe_layer_id out = -1;
    uint32_t min_bytes = 1;
    std::string last_word; /* kept only to exercise an owning member across calls */
};

int longest_create(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void *, void **state)
{
    int64_t min_bytes = 0;
    int rc = api->opt_int(cfg, "min_bytes", &min_bytes);
    if (rc != PIPE_OK)
        return rc;
    longest_stage *s = new (std::nothrow) longest_stage;
    if (!s)
        return PIPE_ERR_NOMEM;
    s->api = api;
    s->min_bytes = static_cast<uint32_t>(min_bytes);
    if ((rc = api->layer_find(host, PIPE_LAYER_TOKENS, &s->tokens)) != PIPE_OK ||
        (rc = api->layer_register(host, &longest_schema, &s->out)) != PIPE_OK) {
        delete s;
        return rc;
    }
    *state = s;
    return PIPE_OK;
}

int longest_process(void *state, const pipe_call *call)
{
    longest_stage *s = static_cast<longest_stage *>(state);
    pipe_doc *doc = call->doc;
    try {
        size_t n = 0, len = 0;
        const char *text = s->api->doc_text(doc, &len);
        const pipe_token *tok = static_cast<const pipe_token *>(s->api->layer_records(doc, s->tokens, &n));
        const pipe_token *best = nullptr;
        for (const pipe_token *t = tok; t != tok + n; ++t) {
            if (t->kind != PIPE_TOK_WORD || t->end > len || t->start >= t->end)
                continue;
            if (!best || t->end - t->start > best->end - best->start)
                best = t;
        }
        if (!best || best->end - best->start < s->min_bytes)
            return PIPE_OK;
        s->last_word.assign(text + best->start, best->end - best->start);
        void *mem = nullptr;
        int rc = s->api->layer_append(doc, s->out, 1, &mem);
        if (rc != PIPE_OK)
            return rc;
        longest_record *r = static_cast<longest_record *>(mem);
        r->start = best->start;
        r->end = best->end;
        r->bytes = static_cast<uint32_t>(s->last_word.size());
        return PIPE_OK;
    } catch (const std::bad_alloc &) {
        return PIPE_ERR_NOMEM;
    } catch (...) {
        return PIPE_ERR_INTERNAL;
    }
}

void longest_destroy(void *state)
{
    delete static_cast<longest_stage *>(state);
}

const char *const consumes[] = {PIPE_LAYER_TOKENS, nullptr};
const char *const produces[] = {"longest_word", nullptr};

const pipe_plugin descriptor = {
    PIPE_PLUGIN_HEADER,
    "longest",
    "1.0.0",
    "the longest word of each document (a C++ example stage)",
    consumes,
    nullptr, /* consumes_optional */
    produces,
    options,
    nullptr, /* init */
    longest_create,
    longest_process,
    longest_destroy,
    nullptr, /* fini */
};

} // namespace

PIPE_PLUGIN_DEFINE(longest, descriptor)
