#include "layer_check.h"

#include <stdio.h>
#include <string.h>

#include "doc.h"

static uint32_t u32_at(const char *rec, uint32_t off)
{
    uint32_t v;
    memcpy(&v, rec + off, sizeof v);
    return v;
}

static size_t count_of(const pipe_doc *doc, const char *layer)
{
    pipe_layer_id id;
    size_t n = 0;
    if (registry_find(doc_registry(doc), layer, &id) == PIPE_OK)
        doc_layer_records(doc, id, &n);
    return n;
}

/* A field's value breaks the contract: a message naming it, or NULL when it holds. */
static const char *check_field(const pipe_doc *doc, const pipe_field *f, const char *rec, size_t len)
{
    switch ((pipe_field_type)f->type) {
    case PIPE_FIELD_SPAN:
    case PIPE_FIELD_SPAN_TEXT: {
        uint32_t s = u32_at(rec, f->offset), e = u32_at(rec, f->offset + 4);
        if (s == PIPE_NO_POS && e == PIPE_NO_POS)
            return NULL;
        return s <= e && e <= len ? NULL : "is neither PIPE_NO_POS twice nor a span inside the text";
    }
    case PIPE_FIELD_STR: {
        pipe_str v;
        memcpy(&v, rec + f->offset, sizeof v);
        return v.off == UINT32_MAX || doc_str_get(doc, v, NULL) ? NULL : "lies outside the string pool";
    }
    case PIPE_FIELD_ENUM16: {
        uint16_t v;
        memcpy(&v, rec + f->offset, sizeof v);
        for (size_t k = 0; f->names[k]; k++)
            if (k == v)
                return NULL;
        return "has no name (an unknown enum value)";
    }
    default:
        return NULL;
    }
}

/* The built-in layers' indexes: a message, or NULL when they hold. */
static const char *check_indexes(const char *layer, const char *rec, size_t ntokens, size_t nsentences)
{
    if (strcmp(layer, PIPE_LAYER_SENTENCES) == 0) {
        pipe_sentence s;
        memcpy(&s, rec, sizeof s);
        return s.first_token <= ntokens && s.n_tokens <= ntokens - s.first_token
                   ? NULL : "first_token + n_tokens exceeds the number of tokens";
    }
    if (strcmp(layer, PIPE_LAYER_SUMMARY) == 0) {
        pipe_summary s;
        memcpy(&s, rec, sizeof s);
        return s.sentence < nsentences ? NULL : "sentence is not an index into sentences";
    }
    return NULL;
}

int layer_check(const pipe_doc *doc, pipe_layer_id id, size_t from, char *err, size_t errlen)
{
    const pipe_layer_schema *schema = registry_schema(doc_registry(doc), id);
    size_t n, len;
    const char *recs = doc_layer_records(doc, id, &n);
    doc_get_text(doc, &len);
    size_t ntokens = count_of(doc, PIPE_LAYER_TOKENS), nsentences = count_of(doc, PIPE_LAYER_SENTENCES);
    uint32_t prev = from > 0 ? u32_at(recs + (from - 1) * schema->record_size, 0) : 0;
    for (size_t k = from; k < n; k++) {
        const char *rec = recs + k * schema->record_size;
        uint32_t start = u32_at(rec, 0), end = u32_at(rec, 4);
        const char *why = NULL, *field = NULL;
        if (start > end || end > len)
            why = "span [start, end) is not inside the text";
        else if (start < prev)
            why = "records are not sorted by start";
        for (size_t f = 0; !why && schema->fields[f].name; f++)
            if ((why = check_field(doc, &schema->fields[f], rec, len)))
                field = schema->fields[f].name;
        if (!why)
            why = check_indexes(schema->name, rec, ntokens, nsentences);
        if (why) {
            snprintf(err, errlen, "layer contract: %s record %zu [%u, %u)%s%s%s: %s", schema->name, k, start, end,
                     field ? " field '" : "", field ? field : "", field ? "'" : "", why);
            return -1;
        }
        prev = start;
    }
    return 0;
}
