/* The document: id, immutable text, annotation layers and a string pool. */
#ifndef PIPE_DOC_H
#define PIPE_DOC_H

#include <stddef.h>

#include "pipe/plugin.h"
#include "doc/layer_registry.h"
#include "util/buf.h"

/* Make a document that takes ownership of text (malloc'd, len bytes plus a NUL); NULL on no memory. */
pipe_doc *doc_new(const registry *reg, const char *id, char *text, size_t len);
/* Make a document that failed before any stage ran (reader errors), carrying stage and message. */
pipe_doc *doc_new_failed(const char *id, const char *stage, const char *message);
/* Free a document and all its layers. */
void doc_free(pipe_doc *doc);

/*
 * A worker's spare document: the one it finished last, kept with its buffers (id, text, metadata,
 * layer records, string pool) so that the next document of news size allocates nothing. A buffer
 * over DOC_CACHE_KEEP is freed rather than kept. Zero-initialise; one per thread; doc_cache_free at
 * the end.
 */
/*
 * Largest buffer a spare document keeps. Given back, a 1 MB document's text and tokens were faulted
 * in again page by page by the next one: sixteen such documents took 8,300 page faults, 2,500 with
 * the buffers kept (and the heap untrimmed, cli/main.c). The bound stops a worker from holding a
 * huge document's memory after it: this is the text and tokens of about 13 MB of news.
 */
#define DOC_CACHE_KEEP ((size_t)32 << 20)

/*
 * Smallest layer array doc_shed frees. At 8 MB of news the run peaked while the JSON (15.7 MB) was
 * built on top of the tokens (18.6 MB) it does not write; at 1 MB the summarizer's peak is higher
 * than the JSON's, and a smaller array is better kept for the next document (DOC_CACHE_KEEP).
 */
#define DOC_SHED_MIN ((size_t)8 << 20)
/* Free the records of every layer not in keep[0..n) whose array holds DOC_SHED_MIN bytes or more,
 * before the output is written; such a layer reads as empty afterwards. */
void doc_shed(pipe_doc *doc, const pipe_layer_id *keep, size_t n);

typedef struct doc_cache {
    pipe_doc *spare;
} doc_cache;
/* Free doc, keeping its memory in c for doc_new_cached when c holds no spare yet (c may be NULL). */
void doc_cache_put(doc_cache *c, pipe_doc *doc);
/* Lend the spare's text and metadata memory to empty bufs text and extra, for a reader to fill (c may be NULL). */
void doc_cache_lend(doc_cache *c, buf *text, buf *extra);
/*
 * doc_new on the spare's memory (c may be NULL): the document takes text's contents (its text, len
 * bytes, NUL after them) and extra's when it is not empty (the members doc_extra returns), leaving
 * both bufs empty; NULL (bufs untouched) when out of memory.
 */
pipe_doc *doc_new_cached(doc_cache *c, const registry *reg, const char *id, buf *text, buf *extra);
/* Free the spare. */
void doc_cache_free(doc_cache *c);

/* Attach a JSONL input's id value and carried members as written JSON (`42,"k":v,...`); takes ownership. */
void doc_set_extra(pipe_doc *doc, char *members);
/* The extra members, or NULL. */
const char *doc_extra(const pipe_doc *doc);

/* Record that a stage failed on this document (first failure wins). */
void doc_set_error(pipe_doc *doc, const char *stage, const char *message);
/* The failing stage, or NULL when the document succeeded. */
const char *doc_error_stage(const pipe_doc *doc);
/* The failure message, or NULL. */
const char *doc_error_message(const pipe_doc *doc);

/* Implementations of the pipe_host_api document services. */
const char *doc_get_id(const pipe_doc *doc);
/* See pipe_host_api.doc_text. */
const char *doc_get_text(const pipe_doc *doc, size_t *len);
/* See pipe_host_api.layer_records. */
const void *doc_layer_records(const pipe_doc *doc, pipe_layer_id id, size_t *count);
/* Append n zeroed records to any layer (the core's own use and tests); NULL on no memory or a bad id. */
void *doc_layer_append(pipe_doc *doc, pipe_layer_id id, size_t n);
/* See pipe_host_api.layer_append: only layers the running stage may append to (doc_set_writer). */
int doc_api_layer_append(pipe_doc *doc, pipe_layer_id id, size_t n, void **out);
/* Name the layers the next stage may append to (one flag per layer id; NULL = none). */
void doc_set_writer(pipe_doc *doc, const unsigned char *may_append);
/* The first contract breach recorded since the last call (malloc'd, the caller frees), or NULL. */
char *doc_take_violation(pipe_doc *doc);
/* See pipe_host_api.str_add. */
int doc_str_add(pipe_doc *doc, const char *s, size_t len, pipe_str *out);
/* See pipe_host_api.str_get. */
const char *doc_str_get(const pipe_doc *doc, pipe_str s, size_t *len);
/* The registry the document's layers follow. */
const registry *doc_registry(const pipe_doc *doc);

#endif
