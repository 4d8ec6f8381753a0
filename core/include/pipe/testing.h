/*
 * pipe/testing.h: run real, installed stages over a string from a unit test,
 * so an out-of-tree stage is tested behind the stages it consumes from.
 * Link the library pipe-testing (CMake: pipe::testing; pkg-config:
 * pipe-testing). The stage under test is found through
 * pipe_test_add_plugin_dir() or PIPE_PLUGIN_PATH, the bundled ones in the
 * plugin folder of the pipe this library belongs to.
 *
 *     pipe_test_result *r;
 *     pipe_test_add_plugin_dir(".");             // where mystage.so is built
 *     int rc = pipe_test_run("tokenizer,sentences,mystage", "One. Two.", &r);
 *     size_t n;
 *     const pipe_sentence *s = pipe_test_layer(r, PIPE_LAYER_SENTENCES, &n);
 *     puts(pipe_test_json(r));                   // the record pipe would write
 *     pipe_test_free(r);
 *
 * Not thread-safe: call it from one thread. Stages run in this process.
 */
#ifndef PIPE_TESTING_H
#define PIPE_TESTING_H

#include <stddef.h>

#include "pipe/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
/* Marks the functions the test library exports. */
#define PIPE_TEST_API __attribute__((visibility("default")))
#else
#define PIPE_TEST_API
#endif

/* What one run left: the document's layers and JSON record, or why it failed. */
typedef struct pipe_test_result pipe_test_result;

/*
 * Build a pipeline and run it over the NUL-terminated text. `stages` is a
 * comma-separated list of stage names ("tokenizer,sentences") or, when it
 * holds an '=', the text of a whole pipeline file (for options). Returns
 * PIPE_OK when every stage succeeded, PIPE_SKIP when one dropped the
 * document, PIPE_ERR_INPUT when one failed on it (see pipe_test_error),
 * PIPE_ERR_CONFIG when the pipeline could not be built; *result is set in
 * every case except PIPE_ERR_NOMEM and must be freed with pipe_test_free().
 */
PIPE_TEST_API int pipe_test_run(const char *stages, const char *text, pipe_test_result **result);
/* The same over text[0..len), which may hold NULs and invalid UTF-8. */
PIPE_TEST_API int pipe_test_run_n(const char *stages, const char *text, size_t len, pipe_test_result **result);
/* Also look for stages in dir, before PIPE_PLUGIN_PATH and pipe's own folder; PIPE_OK or PIPE_ERR_NOMEM. */
PIPE_TEST_API int pipe_test_add_plugin_dir(const char *dir);
/* The document as one JSON record, exactly as `pipe` writes it; NULL if the pipeline was not built. */
PIPE_TEST_API const char *pipe_test_json(const pipe_test_result *result);
/* The records of a layer as a C array (e.g. const pipe_token *); NULL and 0 when empty or unknown. */
PIPE_TEST_API const void *pipe_test_layer(const pipe_test_result *result, const char *layer, size_t *count);
/* A pooled string of a record (pipe_str fields); NULL for PIPE_STR_NULL. */
PIPE_TEST_API const char *pipe_test_string(const pipe_test_result *result, pipe_str s, size_t *len);
/* The build error or the failing stage's message; NULL when all went well. */
PIPE_TEST_API const char *pipe_test_error(const pipe_test_result *result);
/* The name of the failing stage; NULL when none failed. */
PIPE_TEST_API const char *pipe_test_error_stage(const pipe_test_result *result);
/* Free a result and its pipeline; NULL is allowed. */
PIPE_TEST_API void pipe_test_free(pipe_test_result *result);

#ifdef __cplusplus
}
#endif

#endif /* PIPE_TESTING_H */
