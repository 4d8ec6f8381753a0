/* The set of layer schemas known to one pipeline: built-ins plus what stages register. */
#ifndef PIPE_REGISTRY_H
#define PIPE_REGISTRY_H

#include <stddef.h>

#include "pipe/plugin.h"

/* One registered layer: a deep copy of its schema, owned by the registry. */
typedef struct layer_def {
    pipe_layer_schema schema;
    char *owner; /* "core" or the stage that registered it */
} layer_def;

/* All layers of a pipeline; ids are indexes into defs. */
typedef struct registry {
    layer_def *defs;
    size_t n;
} registry;

/* Register the built-in layers (tokens, sentences, quotes, summary); 0 or -1. */
int registry_init(registry *r);
/* Add a schema (validated and copied); the same schema again returns the existing id. */
int registry_add(registry *r, const pipe_layer_schema *s, const char *owner, pipe_layer_id *id, char *err,
                 size_t errlen);
/* Look a layer up by name; PIPE_OK or PIPE_ERR_NOTFOUND. */
int registry_find(const registry *r, const char *name, pipe_layer_id *id);
/* The schema of a layer id (which must be valid). */
const pipe_layer_schema *registry_schema(const registry *r, pipe_layer_id id);
/* Size in bytes of one field of the given type. */
size_t registry_field_size(uint32_t t);
/* True when name follows the layer-name convention of layers.h: [a-z][a-z0-9_]*, at most 64 bytes. */
int registry_valid_name(const char *name);
/* Free every copy. */
void registry_free(registry *r);

/* The built-in schemas, defined in builtin_layers.c. */
extern const pipe_layer_schema *const builtin_layers[];

#endif
