/*
 * output/: how results are written. The writers (json_writer, text_writer, html_writer with its
 * assets, escaping, marks and CSP digests), the one walk over a document's layers they share
 * (layer_walk), and the output file that appears under its name only when complete
 * (output_file). It owns the output formats and the JSON schema's promises. It may call doc/,
 * config/ and util/; it never runs a stage.
 */
/* What every output writer needs to know: which layers, with or without text, how laid out. */
#ifndef PIPE_WRITER_H
#define PIPE_WRITER_H

#include <stddef.h>

#include "config/pipeline_conf.h"
#include "pipe/plugin.h"

/* Options shared by the JSON and text writers. */
typedef struct write_opts {
    const pipe_layer_id *layers; /* layers to write, in order */
    size_t nlayers;
    int counts_only;          /* --layers none: id, bytes and per-layer counts */
    const pipe_layer_id *all; /* every layer the pipeline produces, for counts */
    size_t nall;
    text_mode text;
    int pretty;
} write_opts;

#endif
