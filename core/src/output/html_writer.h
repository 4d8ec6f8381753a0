/* One self-contained HTML5 page per run: each article with its quotes, speakers and summary marked. */
#ifndef PIPE_HTML_WRITER_H
#define PIPE_HTML_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "output/output_file.h"
#include "pipe/plugin.h"
#include "output/writer.h"

/* Write the page's start (CSP naming the style and script by hash, the style sheet, the heading); 0 or -1. */
int html_begin(output *out);
/* Append one document: its index line, and inside it the summary, who-said-what table, article and other layers. */
int html_write_doc(buf *out, const pipe_doc *doc, const write_opts *o);
/* Write the page's end: the document count, the script, the closing tags; 0 or -1. */
int html_end(output *out, uint64_t docs, uint64_t failed);

#endif
