/* Escaping for the HTML report: the one way document bytes reach the page. */
#ifndef PIPE_HTML_ESCAPE_H
#define PIPE_HTML_ESCAPE_H

#include <stddef.h>

#include "util/buf.h"

/* Append s[0..n) as element text: & < > as references, invalid UTF-8 and controls (not tab, CR, LF) as U+FFFD. */
int html_esc_text(buf *out, const char *s, size_t n);
/* The same for a double- or single-quoted attribute value: " and ' as references too. */
int html_esc_attr(buf *out, const char *s, size_t n);
/* A document's anchor: "d-" and its id with every byte outside [A-Za-z0-9-] as _XX, so ids never collide. */
int html_anchor(buf *out, const char *id);

#endif
