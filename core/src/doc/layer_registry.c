#include "doc/layer_registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t registry_field_size(uint32_t t)
{
    switch ((pipe_field_type)t) {
    case PIPE_FIELD_U8:
    case PIPE_FIELD_BOOL:
        return 1;
    case PIPE_FIELD_U16:
    case PIPE_FIELD_ENUM16:
    case PIPE_FIELD_FLAGS16:
        return 2;
    case PIPE_FIELD_U32:
    case PIPE_FIELD_I32:
    case PIPE_FIELD_FLAGS32:
        return 4;
    case PIPE_FIELD_U64:
    case PIPE_FIELD_I64:
    case PIPE_FIELD_F64:
    case PIPE_FIELD_STR:
    case PIPE_FIELD_SPAN:
    case PIPE_FIELD_SPAN_TEXT:
        return 8;
    }
    return 0;
}

static int needs_names(uint32_t t)
{
    return t == PIPE_FIELD_ENUM16 || t == PIPE_FIELD_FLAGS16 || t == PIPE_FIELD_FLAGS32;
}

static void free_schema(pipe_layer_schema *s)
{
    free((char *)s->name);
    free((char *)s->description);
    pipe_field *f = (pipe_field *)s->fields;
    for (size_t k = 0; f && f[k].name; k++) {
        free((char *)f[k].name);
        char **names = (char **)f[k].names;
        for (size_t j = 0; names && names[j]; j++)
            free(names[j]);
        free(names);
    }
    free(f);
}

static char **copy_names(const char *const *names)
{
    size_t n = 0;
    while (names[n])
        n++;
    char **v = calloc(n + 1, sizeof *v);
    for (size_t k = 0; v && k < n; k++)
        if (!(v[k] = strdup(names[k])))
            return v; /* caller frees through free_schema */
    return v;
}

int registry_valid_name(const char *name)
{
    if (!name || !(name[0] >= 'a' && name[0] <= 'z'))
        return 0;
    size_t n = 0;
    for (; name[n]; n++)
        if (!((name[n] >= 'a' && name[n] <= 'z') || (name[n] >= '0' && name[n] <= '9') || name[n] == '_'))
            return 0;
    return n <= 64;
}

/* Field k of a schema whose array has the plugin's stride (field_size). */
static const pipe_field *field_at(const pipe_layer_schema *s, size_t k)
{
    return (const pipe_field *)(const void *)((const char *)s->fields + k * s->field_size);
}

/* Only the struct_size prefix the caller's SDK knew about is read. */
static int validate(const pipe_layer_schema *s, char *err, size_t errlen)
{
    if (!s || s->struct_size < offsetof(pipe_layer_schema, fields) + sizeof s->fields) {
        snprintf(err, errlen, "layer schema is too small (struct_size %u)", s ? s->struct_size : 0);
        return -1;
    }
    if (!s->name || !s->name[0]) {
        snprintf(err, errlen, "layer schema has no name");
        return -1;
    }
    if (!registry_valid_name(s->name)) {
        snprintf(err, errlen, "layer name '%s' is not a lower-case identifier ([a-z][a-z0-9_]*, at most 64 bytes), "
                              "which jq and JSON tools address plainly; name a plugin's layer <plugin>_<what>",
                 s->name);
        return -1;
    }
    if (s->field_size < offsetof(pipe_field, flags) + sizeof(uint32_t)) {
        snprintf(err, errlen, "layer '%s': field_size %u is smaller than ABI %d.0's pipe_field", s->name,
                 s->field_size, PIPE_ABI_MAJOR);
        return -1;
    }
    if (s->record_size < 2 * sizeof(uint32_t)) {
        snprintf(err, errlen, "layer '%s': record_size %u cannot hold start and end", s->name, s->record_size);
        return -1;
    }
    for (size_t k = 0; s->fields && field_at(s, k)->name; k++) {
        const pipe_field *f = field_at(s, k);
        size_t sz = registry_field_size(f->type);
        if (sz == 0) {
            snprintf(err, errlen, "layer '%s': field '%s' has unknown type %d", s->name, f->name, (int)f->type);
            return -1;
        }
        if (f->offset < 2 * sizeof(uint32_t) || f->offset + sz > s->record_size) {
            snprintf(err, errlen, "layer '%s': field '%s' (offset %u) lies outside the record", s->name, f->name,
                     f->offset);
            return -1;
        }
        if (needs_names(f->type) && !f->names) {
            snprintf(err, errlen, "layer '%s': field '%s' needs a names list", s->name, f->name);
            return -1;
        }
        if (!strcmp(f->name, "start") || !strcmp(f->name, "end") || !strcmp(f->name, "text")) {
            snprintf(err, errlen, "layer '%s': field name '%s' is reserved", s->name, f->name);
            return -1;
        }
    }
    return 0;
}

/* a is a registered copy (host stride), b a plugin's schema (its own stride). */
static int same_schema(const pipe_layer_schema *a, const pipe_layer_schema *b)
{
    if (a->record_size != b->record_size || a->flags != b->flags)
        return 0;
    size_t k = 0;
    for (; a->fields && a->fields[k].name; k++) {
        if (!b->fields || !field_at(b, k)->name)
            return 0;
        const pipe_field *x = &a->fields[k], *y = field_at(b, k);
        if (strcmp(x->name, y->name) || x->type != y->type || x->offset != y->offset || x->flags != y->flags)
            return 0;
    }
    return !b->fields || !field_at(b, k)->name;
}

int registry_add(registry *r, const pipe_layer_schema *s, const char *owner, pipe_layer_id *id, char *err,
                 size_t errlen)
{
    if (validate(s, err, errlen))
        return PIPE_ERR_CONFIG;
    pipe_layer_id old;
    if (registry_find(r, s->name, &old) == PIPE_OK) {
        if (!same_schema(&r->defs[old].schema, s)) {
            snprintf(err, errlen, "layer '%s' is already registered by '%s' with another schema", s->name,
                     r->defs[old].owner);
            return PIPE_ERR_CONFIG;
        }
        *id = old;
        return PIPE_OK;
    }
    layer_def *grown = realloc(r->defs, (r->n + 1) * sizeof *grown);
    if (!grown)
        return PIPE_ERR_NOMEM;
    r->defs = grown;
    layer_def *d = &r->defs[r->n];
    memset(d, 0, sizeof *d);
    size_t nf = 0;
    while (s->fields && field_at(s, nf)->name)
        nf++;
    pipe_field *f = calloc(nf + 1, sizeof *f);
    d->schema.struct_size = sizeof d->schema;
    d->schema.field_size = sizeof *f;
    d->schema.name = strdup(s->name);
    d->schema.description = s->description ? strdup(s->description) : NULL;
    d->schema.record_size = s->record_size;
    d->schema.flags = s->flags;
    d->schema.fields = f;
    d->owner = strdup(owner);
    int ok = f && d->schema.name && d->owner && (!s->description || d->schema.description);
    for (size_t k = 0; ok && k < nf; k++) {
        const pipe_field *src = field_at(s, k);
        f[k].type = src->type;
        f[k].offset = src->offset;
        f[k].flags = src->flags;
        f[k].name = strdup(src->name);
        f[k].names = src->names ? (const char *const *)copy_names(src->names) : NULL;
        ok = f[k].name && (!src->names || f[k].names);
    }
    if (!ok) {
        free_schema(&d->schema);
        free(d->owner);
        return PIPE_ERR_NOMEM;
    }
    *id = (pipe_layer_id)r->n++;
    return PIPE_OK;
}

int registry_find(const registry *r, const char *name, pipe_layer_id *id)
{
    for (size_t k = 0; k < r->n; k++) {
        if (strcmp(r->defs[k].schema.name, name) == 0) {
            *id = (pipe_layer_id)k;
            return PIPE_OK;
        }
    }
    return PIPE_ERR_NOTFOUND;
}

const pipe_layer_schema *registry_schema(const registry *r, pipe_layer_id id)
{
    return &r->defs[id].schema;
}

int registry_init(registry *r)
{
    memset(r, 0, sizeof *r);
    for (size_t k = 0; builtin_layers[k]; k++) {
        char err[256];
        pipe_layer_id id;
        if (registry_add(r, builtin_layers[k], "core", &id, err, sizeof err) != PIPE_OK) {
            registry_free(r);
            return -1;
        }
    }
    return 0;
}

void registry_free(registry *r)
{
    for (size_t k = 0; k < r->n; k++) {
        free_schema(&r->defs[k].schema);
        free(r->defs[k].owner);
    }
    free(r->defs);
    r->defs = NULL;
    r->n = 0;
}
