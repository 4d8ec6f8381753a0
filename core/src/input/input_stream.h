/* All the inputs of a run as one stream of documents: files, folders, stdin, JSONL corpora, .gz. */
#ifndef PIPE_INPUT_H
#define PIPE_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/plugin.h"
#include "doc/layer_registry.h"
#include "input/jsonl_doc.h"

/* How input files are read. */
typedef enum input_format {
    INPUT_AUTO = 0, /* JSONL for .jsonl, .ndjson (optionally .gz), one document per file otherwise */
    INPUT_TEXT = 1, /* every file is one document */
    INPUT_JSONL = 2 /* every file (and stdin) is JSON Lines */
} input_format;

/* Options of an input stream. */
typedef struct input_opts {
    input_format format;
    int recursive;     /* -r: read the files under folders */
    int64_t max_bytes; /* max_document_bytes */
} input_opts;

/* An input stream (opaque). */
typedef struct input input;

/* Start reading the given paths in order ("-" is stdin); NULL when out of memory. */
input *input_open(char *const *paths, size_t n, const input_opts *o, const registry *reg);
/*
 * One unit of input: a document already made, or a JSONL line still to be
 * parsed (parsing is left to the worker threads, where it runs in parallel).
 */
typedef struct input_item {
    pipe_doc *doc; /* set for whole files and for errors */
    char *line;    /* else a JSONL line (malloc'd) ... */
    size_t len;
    char *file;      /* ... from this file (malloc'd) ... */
    uint64_t lineno; /* ... at this line */
} input_item;

/*
 * The next item, in a stable order: arguments as given; a folder's entries
 * sorted bytewise by name, depth first, hidden entries skipped, symbolic links
 * to folders not followed; JSONL lines in file order. Input errors come back
 * as failed documents. Returns 1 with *it, 0 at the end, -1 when out of memory.
 */
int input_next_item(input *in, input_item *it);
/* Turn an item into its document (parsing a line); thread-safe; frees the item's line. NULL when out of memory. */
pipe_doc *input_item_doc(const input *in, input_item *it);
/* input_item_doc with a thread's scratch (NULL: none), which the thread reuses from line to line. */
pipe_doc *input_item_doc_with(const input *in, input_item *it, jsonl_scratch *ws);
/* Free an item that will not be used. */
void input_item_free(input_item *it);

/* True when the next item can be read without waiting for a producer (a pipe with no data yet). */
int input_ready(input *in);
/* Bytes of input consumed so far (compressed bytes for .gz), for progress. */
uint64_t input_consumed(const input *in);
/* Total size of the named inputs on disk, or 0 when unknown (stdin, folders still unexpanded). */
uint64_t input_total(const input *in);
/* Stop reading: the next call to input_next_item returns 0 (used on signals and write errors). */
void input_stop(input *in);
/* Close files and free the stream. */
void input_close(input *in);

#endif
