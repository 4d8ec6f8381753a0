/*
 * doc/: the document model every other folder shares: a document's id, text, annotation layers
 * and string pool (doc), the layer schemas a pipeline knows (layer_registry, builtin_layers) and the
 * check of the layer contract over what a stage added (layer_check). It may call util/ only.
 */
#include "doc/doc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "pipe/prefault.h"

typedef struct layer_data {
    char *records;
    size_t count;
    size_t cap;
    size_t prefaulted; /* bytes of records made present ahead of the appends (pipe/prefault.h) */
} layer_data;

struct pipe_doc {
    char *id;
    size_t id_cap; /* bytes allocated for id (a recycled document keeps them) */
    char *text;
    size_t len, text_cap;
    const registry *reg;
    layer_data *layers; /* nlayers entries: reg->n */
    size_t nlayers;
    buf pool;
    char *error_stage;
    char *error_message;
    char *extra;      /* the carried members, or memory kept for them when !has_extra */
    size_t extra_cap; /* bytes allocated for extra */
    int has_extra;
    const unsigned char *may_append; /* per layer id: 1 when the running stage produces it */
    char *violation;                 /* the first contract breach of the running stage */
};

/* A document's structure and layer table for reg, with no id, text or records yet. */
static pipe_doc *doc_alloc(const registry *reg)
{
    pipe_doc *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->reg = reg;
    d->nlayers = reg ? reg->n : 0;
    if (!(d->layers = calloc(d->nlayers ? d->nlayers : 1, sizeof *d->layers))) {
        free(d);
        return NULL;
    }
    return d;
}

/* Copy id into the document's id buffer, growing it when it is too small; 0 or -1. */
static int set_id(pipe_doc *d, const char *id)
{
    size_t n = strlen(id) + 1;
    if (n > d->id_cap) {
        char *p = realloc(d->id, n);
        if (!p)
            return -1;
        d->id = p;
        d->id_cap = n;
    }
    memcpy(d->id, id, n);
    return 0;
}

pipe_doc *doc_new(const registry *reg, const char *id, char *text, size_t len)
{
    pipe_doc *d = doc_alloc(reg);
    if (!d || set_id(d, id)) {
        doc_free(d);
        return NULL;
    }
    d->text = text;
    d->len = len;
    d->text_cap = len + 1;
    return d;
}

pipe_doc *doc_new_failed(const char *id, const char *stage, const char *message)
{
    char *empty = calloc(1, 1);
    pipe_doc *d = empty ? doc_new(NULL, id, empty, 0) : NULL;
    if (!d) {
        free(empty);
        return NULL;
    }
    doc_set_error(d, stage, message);
    return d;
}

void doc_free(pipe_doc *d)
{
    if (!d)
        return;
    for (size_t k = 0; k < d->nlayers; k++)
        free(d->layers[k].records);
    free(d->layers);
    buf_free(&d->pool);
    free(d->id);
    free(d->text);
    free(d->error_stage);
    free(d->error_message);
    free(d->extra);
    free(d->violation);
    free(d);
}

void doc_set_extra(pipe_doc *d, char *members)
{
    free(d->extra);
    d->extra = members;
    d->extra_cap = members ? strlen(members) + 1 : 0;
    d->has_extra = members != NULL;
}

const char *doc_extra(const pipe_doc *d)
{
    return d->has_extra ? d->extra : NULL;
}

/* Give b's memory to *mem (freeing what *mem held unless it is the same block); b is left empty. */
static void take_buf(char **mem, size_t *cap, buf *b)
{
    if (*mem != b->data)
        free(*mem);
    *mem = b->data;
    *cap = b->cap;
    *b = (buf){0};
}

/* Lend a kept block to an empty buf (its memory, no contents); nothing when b already has memory. */
static void lend(char **mem, size_t *cap, buf *b)
{
    if (b->data || !*mem)
        return;
    *b = (buf){.data = *mem, .cap = *cap};
    b->data[0] = '\0';
    *mem = NULL;
    *cap = 0;
}

void doc_cache_lend(doc_cache *c, buf *text, buf *extra)
{
    pipe_doc *d = c ? c->spare : NULL;
    if (!d)
        return;
    lend(&d->text, &d->text_cap, text);
    lend(&d->extra, &d->extra_cap, extra);
}

pipe_doc *doc_new_cached(doc_cache *c, const registry *reg, const char *id, buf *text, buf *extra)
{
    pipe_doc *d = c ? c->spare : NULL;
    if (c)
        c->spare = NULL;
    if (d && (d->reg != reg || d->nlayers != (reg ? reg->n : 0))) {
        doc_free(d); /* a spare made for another registry */
        d = NULL;
    }
    if ((!d && !(d = doc_alloc(reg))) || set_id(d, id) || (!text->data && buf_reserve(text, 0))) {
        doc_free(d);
        return NULL;
    }
    text->data[text->len] = '\0';
    d->len = text->len;
    take_buf(&d->text, &d->text_cap, text);
    if (extra && extra->len) {
        take_buf(&d->extra, &d->extra_cap, extra);
        d->has_extra = 1;
    }
    return d;
}

void doc_shed(pipe_doc *d, const pipe_layer_id *keep, size_t n)
{
    for (size_t k = 0; k < d->nlayers; k++) {
        layer_data *l = &d->layers[k];
        if (l->cap * d->reg->defs[k].schema.record_size < DOC_SHED_MIN)
            continue;
        size_t i = 0;
        while (i < n && keep[i] != (pipe_layer_id)k)
            i++;
        if (i < n)
            continue;
        free(l->records);
        l->records = NULL;
        l->cap = l->prefaulted = l->count = 0;
    }
}

void doc_cache_put(doc_cache *c, pipe_doc *d)
{
    if (!d)
        return;
    if (!c || c->spare || !d->reg) {
        doc_free(d);
        return;
    }
    /* Keep the memory of a news-sized document, forget its contents; layer_append zeroes what it hands out. */
    for (size_t k = 0; k < d->nlayers; k++) {
        layer_data *l = &d->layers[k];
        if (l->cap * d->reg->defs[k].schema.record_size > DOC_CACHE_KEEP) {
            free(l->records);
            l->records = NULL;
            l->cap = l->prefaulted = 0;
        }
        l->count = 0;
    }
    if (d->text_cap > DOC_CACHE_KEEP) {
        free(d->text);
        d->text = NULL;
        d->text_cap = 0;
    }
    if (d->extra_cap > DOC_CACHE_KEEP) {
        free(d->extra);
        d->extra = NULL;
        d->extra_cap = 0;
    }
    d->has_extra = 0;
    d->len = 0;
    if (d->pool.cap > DOC_CACHE_KEEP)
        buf_free(&d->pool);
    else
        buf_clear(&d->pool);
    free(d->error_stage);
    free(d->error_message);
    free(d->violation);
    d->error_stage = d->error_message = d->violation = NULL;
    d->may_append = NULL;
    c->spare = d;
}

void doc_cache_free(doc_cache *c)
{
    doc_free(c->spare);
    c->spare = NULL;
}

void doc_set_error(pipe_doc *d, const char *stage, const char *message)
{
    if (d->error_stage)
        return;
    d->error_stage = strdup(stage ? stage : "pipe");
    d->error_message = strdup(message ? message : "unknown error");
}

const char *doc_error_stage(const pipe_doc *d)
{
    return d->error_stage;
}

const char *doc_error_message(const pipe_doc *d)
{
    return d->error_message;
}

const char *doc_get_id(const pipe_doc *d)
{
    return d->id;
}

const char *doc_get_text(const pipe_doc *d, size_t *len)
{
    if (len)
        *len = d->len;
    return d->text;
}

static int valid_layer(const pipe_doc *d, pipe_layer_id id)
{
    return d->reg && id >= 0 && (size_t)id < d->reg->n;
}

const void *doc_layer_records(const pipe_doc *d, pipe_layer_id id, size_t *count)
{
    if (!valid_layer(d, id) || d->layers[id].count == 0) {
        if (count)
            *count = 0;
        return NULL;
    }
    if (count)
        *count = d->layers[id].count;
    return d->layers[id].records;
}

void *doc_layer_append(pipe_doc *d, pipe_layer_id id, size_t n)
{
    if (!valid_layer(d, id))
        return NULL;
    layer_data *l = &d->layers[id];
    size_t rs = d->reg->defs[id].schema.record_size;
    if (n > (SIZE_MAX / rs) - l->count)
        return NULL;
    if (l->count + n > l->cap) {
        size_t cap = l->cap ? l->cap : 64;
        while (cap < l->count + n)
            cap = cap > SIZE_MAX / 2 / rs ? l->count + n : cap * 2;
        char *p = realloc(l->records, cap * rs);
        if (!p)
            return NULL;
        l->records = p;
        l->cap = cap;
    }
    char *out = l->records + l->count * rs;
    size_t upto = (l->count + n) * rs;
    if (upto > l->prefaulted)
        pipe_prefault(l->records, l->cap * rs, upto, &l->prefaulted);
    memset(out, 0, n * rs);
    l->count += n;
    return out;
}

void doc_set_writer(pipe_doc *d, const unsigned char *may_append)
{
    d->may_append = may_append;
}

char *doc_take_violation(pipe_doc *d)
{
    char *v = d->violation;
    d->violation = NULL;
    return v;
}

int doc_api_layer_append(pipe_doc *d, pipe_layer_id id, size_t n, void **out)
{
    if (out)
        *out = NULL;
    if (!valid_layer(d, id) || !out)
        return PIPE_ERR_NOTFOUND;
    if (!d->may_append || !d->may_append[id]) {
        if (!d->violation) {
            const char *fmt = "layer_append to layer '%s', which the stage does not declare in produces";
            const char *name = d->reg->defs[id].schema.name;
            size_t need = strlen(fmt) + strlen(name);
            if ((d->violation = malloc(need)))
                snprintf(d->violation, need, fmt, name);
        }
        return PIPE_ERR_DENIED;
    }
    if (n == 0)
        return PIPE_OK; /* nothing to add: *out stays NULL */
    *out = doc_layer_append(d, id, n);
    return *out ? PIPE_OK : PIPE_ERR_NOMEM;
}

int doc_str_add(pipe_doc *d, const char *s, size_t len, pipe_str *out)
{
    if (d->pool.len > UINT32_MAX - len || len > UINT32_MAX - 1)
        return PIPE_ERR_LIMIT;
    uint32_t off = (uint32_t)d->pool.len;
    if (buf_add(&d->pool, s, len) != 0)
        return PIPE_ERR_NOMEM;
    out->off = off;
    out->len = (uint32_t)len;
    return PIPE_OK;
}

const char *doc_str_get(const pipe_doc *d, pipe_str s, size_t *len)
{
    if (s.off == UINT32_MAX || (size_t)s.off + s.len > d->pool.len) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = s.len;
    return d->pool.data + s.off;
}

const registry *doc_registry(const pipe_doc *d)
{
    return d->reg;
}
