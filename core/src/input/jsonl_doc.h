/* One line of a JSON Lines corpus -> one document. */
#ifndef PIPE_JSONL_H
#define PIPE_JSONL_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/plugin.h"
#include "doc/doc.h"
#include "doc/layer_registry.h"
#include "util/jsonl_scan.h"

/*
 * Make a document from one JSONL line: `text` (required string), `id`
 * (string or integer; default FILE:LINE) and every other member carried
 * through to the output byte for byte; members whose names pipe writes itself
 * go inside an `input` object. A bad line (not exactly one JSON object, a
 * duplicate name, no string `text`, a bad id, text over max_bytes) gives a
 * failed document whose id is FILE:LINE and whose message says what was wrong.
 * NULL only when out of memory.
 */
pipe_doc *jsonl_doc(const registry *reg, const char *line, size_t len, const char *file, uint64_t lineno,
                    int64_t max_bytes);
/*
 * jsonl_doc with the path chosen: one_pass decodes the text while the line is
 * scanned (what jsonl_doc does), 0 decodes it afterwards from its bytes (the path
 * a `text` name written with escapes takes). Both give the same document; tests
 * and the fuzzer run both.
 */
pipe_doc *jsonl_doc_path(const registry *reg, const char *line, size_t len, const char *file, uint64_t lineno,
                         int64_t max_bytes, int one_pass);

/*
 * What one thread reuses from line to line: the scanner's member list, the buffers the id, the
 * metadata and the text are built in, and (docs, optional) the spare document whose memory the next
 * document takes. Zero-initialise, set docs, free with jsonl_scratch_free.
 */
typedef struct jsonl_scratch {
    jscan scan;
    buf id, extra, text;
    doc_cache *docs;
} jsonl_scratch;
/* jsonl_doc_path with a thread's scratch: the same document, made without allocating for news-sized lines. */
pipe_doc *jsonl_doc_with(jsonl_scratch *ws, const registry *reg, const char *line, size_t len, const char *file,
                         uint64_t lineno, int64_t max_bytes, int one_pass);
/* Free what the scratch holds (not docs). */
void jsonl_scratch_free(jsonl_scratch *ws);

#endif
