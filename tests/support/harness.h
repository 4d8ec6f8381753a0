/*
 * Test harness: run a real pipeline (plugins from the build tree) over a
 * string and inspect the layers, for the cmocka tests of every stage.
 *
 *     harness *h = harness_new("stages = ( { plugin = \"tokenizer\"; } );");
 *     pipe_doc *d = harness_run(h, "Hello world.");
 *     size_t n; const pipe_token *t = harness_layer(h, d, "tokens", &n);
 *     ...
 *     harness_doc_free(d);
 *     harness_free(h);
 */
#ifndef PIPE_TEST_HARNESS_H
#define PIPE_TEST_HARNESS_H

#include <stddef.h>

#include "pipe/plugin.h"

/* A built pipeline with one worker. */
typedef struct harness harness;

/* Build a pipeline from config text; on failure prints the error and returns NULL. */
harness *harness_new(const char *config_text);
/* Build from config text; on failure returns NULL and copies the message into err. */
harness *harness_try(const char *config_text, char *err, size_t errlen);
/* Run the pipeline over text[0..len) (len (size_t)-1 = strlen); the document is the caller's to free. */
pipe_doc *harness_run_n(harness *h, const char *text, size_t len);
/* Run the pipeline over a NUL-terminated string. */
pipe_doc *harness_run(harness *h, const char *text);
/* The records of a layer by name (NULL and 0 when empty or unknown). */
const void *harness_layer(harness *h, const pipe_doc *doc, const char *layer, size_t *n);
/* The failing stage of a document, or NULL when it succeeded. */
const char *harness_error_stage(const pipe_doc *doc);
/* The failure message, or NULL. */
const char *harness_error_message(const pipe_doc *doc);
/* The document as the JSON writer writes it with default output options (malloc'd). */
char *harness_json(harness *h, const pipe_doc *doc);
/* Read a pooled string (e.g. pipe_quote.speaker) as a malloc'd C string, NULL for null. */
char *harness_str(const pipe_doc *doc, pipe_str s);
/* Free a document. */
void harness_doc_free(pipe_doc *doc);
/* Free the pipeline. */
void harness_free(harness *h);
/* Read a whole file (path relative to the source tree when not absolute); malloc'd, NULL on error. */
char *harness_read_file(const char *path, size_t *len);

#endif
