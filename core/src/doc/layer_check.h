/* The layer contract of layers.h, checked over the records a stage just added. */
#ifndef PIPE_LAYER_CHECK_H
#define PIPE_LAYER_CHECK_H

#include <stddef.h>

#include "pipe/plugin.h"

/*
 * Check records [from, count) of layer id in one pass: spans inside the
 * text, start <= end, sorted by start, span/string/enum fields valid, and
 * the built-in layers' indexes in range. 0, or -1 with the first breach
 * (record index and field) in err.
 */
int layer_check(const pipe_doc *doc, pipe_layer_id id, size_t from, char *err, size_t errlen);

#endif
