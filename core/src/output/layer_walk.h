/* The walk over a document's layers that every writer shares: find, select, read records and fields. */
#ifndef PIPE_LAYER_WALK_H
#define PIPE_LAYER_WALK_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/plugin.h"
#include "output/writer.h"

/* One layer of one document as a writer sees it. */
typedef struct layer_view {
    const pipe_layer_schema *schema;
    const char *recs; /* n records of schema->record_size bytes */
    size_t n;
} layer_view;

/* The records of layer id. */
layer_view layer_view_of(const pipe_doc *doc, pipe_layer_id id);
/* The records of the layer called name; an empty view (schema NULL) when the pipeline has no such layer. */
layer_view layer_view_find(const pipe_doc *doc, const char *name);
/* Record k of a view. */
const void *layer_view_record(const layer_view *v, size_t k);
/* The [start, end) every record begins with (records may be unaligned for a plugin's packed struct). */
void layer_record_span(const void *rec, uint32_t *start, uint32_t *end);
/* The schema field called name that has the given type, or NULL: how writers read a plugin's layer by contract. */
const pipe_field *layer_field_find(const pipe_layer_schema *s, const char *name, pipe_field_type type);
/* The next field a writer shows at or after *k (hidden ones skipped), advancing *k past it; NULL at the end. */
const pipe_field *layer_next_field(const pipe_layer_schema *s, size_t *k);
/* Whether the output asks for the layer called name. */
int layer_wanted(const write_opts *o, const pipe_doc *doc, const char *name);
/* The text of [start, end) in *len, or NULL when the span is absent or outside the document. */
const char *layer_span_text(const pipe_doc *doc, uint32_t start, uint32_t end, size_t *len);

#endif
