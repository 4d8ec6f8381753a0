/* A pipeline given as pipeline-file text, run over strings: what the test harnesses share. */
#ifndef PIPE_TEXT_RUN_H
#define PIPE_TEXT_RUN_H

#include <stddef.h>

#include "config/pipeline_conf.h"
#include "util/paths.h"
#include "run/pipeline.h"

/* A built pipeline with one worker and the configuration it came from. */
typedef struct text_run {
    conf c;
    pipeline p;
    int built; /* p holds a (maybe half-) built pipeline */
} text_run;

/*
 * Parse config_text as a pipeline file and build it: data files are found
 * from conf_dir (NULL: the usual data folders), plugins in plugin_dirs and
 * the text's plugin_path. 0, or -1 with the message in err (t is then freed).
 */
int text_run_build(text_run *t, const char *config_text, const char *conf_dir, const strvec *plugin_dirs,
                   char *err, size_t errlen);
/* Run every stage over a copy of text[0..len) (*res: how it went, if res); the document is the caller's (NULL: no memory). */
pipe_doc *text_run_doc(text_run *t, const char *id, const char *text, size_t len, doc_result *res);
/* The records of a layer by name (NULL and 0 when empty or unknown). */
const void *text_run_layer(const text_run *t, const pipe_doc *doc, const char *layer, size_t *n);
/* The document as the JSON writer writes it with the pipeline's output options (malloc'd, NULL on error). */
char *text_run_json(const text_run *t, const pipe_doc *doc);
/* Free the pipeline and configuration. */
void text_run_free(text_run *t);

#endif
