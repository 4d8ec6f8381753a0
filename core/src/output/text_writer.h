/* A readable report of one document for a person at a terminal. */
#ifndef PIPE_TEXT_WRITER_H
#define PIPE_TEXT_WRITER_H

#include "util/buf.h"
#include "pipe/plugin.h"
#include "output/writer.h"

/* Append the report: header, summary, quotes with speakers, then the other layers briefly. */
int text_write_doc(buf *out, const pipe_doc *doc, const write_opts *o);

#endif
