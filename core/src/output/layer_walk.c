#include "output/layer_walk.h"

#include <string.h>

#include "doc/doc.h"

layer_view layer_view_of(const pipe_doc *doc, pipe_layer_id id)
{
    layer_view v;
    v.schema = registry_schema(doc_registry(doc), id);
    v.recs = doc_layer_records(doc, id, &v.n);
    if (!v.recs)
        v.n = 0;
    return v;
}

layer_view layer_view_find(const pipe_doc *doc, const char *name)
{
    pipe_layer_id id;
    if (registry_find(doc_registry(doc), name, &id) != PIPE_OK)
        return (layer_view){NULL, NULL, 0};
    return layer_view_of(doc, id);
}

const void *layer_view_record(const layer_view *v, size_t k)
{
    return v->recs + k * v->schema->record_size;
}

void layer_record_span(const void *rec, uint32_t *start, uint32_t *end)
{
    uint32_t se[2];
    memcpy(se, rec, sizeof se);
    *start = se[0];
    *end = se[1];
}

const pipe_field *layer_field_find(const pipe_layer_schema *s, const char *name, pipe_field_type type)
{
    for (size_t k = 0; s && s->fields[k].name; k++)
        if (s->fields[k].type == type && strcmp(s->fields[k].name, name) == 0)
            return &s->fields[k];
    return NULL;
}

const pipe_field *layer_next_field(const pipe_layer_schema *s, size_t *k)
{
    while (s->fields[*k].name) {
        const pipe_field *f = &s->fields[(*k)++];
        if (!(f->flags & PIPE_FIELDF_HIDDEN))
            return f;
    }
    return NULL;
}

int layer_wanted(const write_opts *o, const pipe_doc *doc, const char *name)
{
    for (size_t k = 0; k < o->nlayers; k++)
        if (strcmp(registry_schema(doc_registry(doc), o->layers[k])->name, name) == 0)
            return 1;
    return 0;
}

const char *layer_span_text(const pipe_doc *doc, uint32_t start, uint32_t end, size_t *len)
{
    size_t n;
    const char *text = doc_get_text(doc, &n);
    *len = 0;
    if (start == PIPE_NO_POS || start > end || end > n)
        return NULL;
    *len = end - start;
    return text + start;
}
