/* --describe NAME --format json: a stage's descriptor, options and layer schemas for programs. */
#ifndef PIPE_DESCRIBE_JSON_H
#define PIPE_DESCRIBE_JSON_H

#include "util/buf.h"
#include "pipe/plugin.h"

/* Append the JSON object opening a description: name, version, description, file, ABI, consumes, produces, options. */
int describe_json_begin(buf *out, const pipe_plugin *d, const pipe_option *opts, const char *file);
/*
 * Append one layer as a member of "layers": its name and the JSON Schema (draft 2020-12) of one record
 * as the JSON output writes it (docs/pipe-output.schema.json has the same shapes for the built-in layers).
 */
int describe_json_layer(buf *out, const pipe_layer_schema *s, int first);
/* Close the layers and the object, with a final newline. */
int describe_json_end(buf *out);

#endif
