/* Serializing documents and their layers as JSON, from the layer schemas alone. */
#ifndef PIPE_JSON_WRITER_H
#define PIPE_JSON_WRITER_H

#include <stddef.h>

#include "util/buf.h"
#include "pipe/plugin.h"
#include "doc/layer_registry.h"
#include "output/writer.h"

/* Append s[0..n) as a JSON string; control characters escaped, invalid UTF-8 bytes become U+FFFD. */
int json_put_string(buf *out, const char *s, size_t n);
/* Append a double as the shortest decimal that reads back as the same value (null when not finite). */
int json_put_double(buf *out, double v);
/* Append one field of a record as a JSON value (number, string, array or null). */
int json_field_value(buf *out, const pipe_doc *doc, const void *record, const pipe_field *f);
/* True when name[0..n) is a top-level key pipe writes itself (id, bytes, error, counts, input, a layer's name). */
int json_reserved_key(const registry *reg, const char *name, size_t n);
/* Append one document as a JSON object (no trailing newline); an error record if the document failed. */
int json_write_doc(buf *out, const pipe_doc *doc, const write_opts *o);

#endif
