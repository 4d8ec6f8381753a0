/*
 * Showing untrusted text (document ids, file names, stage messages) on a
 * terminal or in a line-based listing. Printable text passes unchanged;
 * everything that could end a line, move the cursor, recolour or reorder
 * the screen, or that is not UTF-8, becomes a visible escape:
 *
 *   \\  a backslash          \n \r \t  those controls
 *   \xHH  any other C0 control, DEL, or a byte that is not valid UTF-8
 *   \uHHHH  a C1 control (U+0080-U+009F), U+2028/U+2029, or a bidi control
 *
 * The mapping is one-to-one, so an escaped id names exactly one raw id.
 */
#ifndef PIPE_ESCAPE_H
#define PIPE_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

#include "util/buf.h"

/* Append s[0..n) to b, escaped; 0 or -1 (no memory). */
int escape_append(buf *b, const char *s, size_t n);
/* Nonzero when s[0..n) would change when escaped. */
int escape_needed(const char *s, size_t n);
/* A malloc'd escaped copy of the string s; NULL when out of memory. */
char *escape_dup(const char *s);
/* Write the string s to f, escaped. */
void escape_fputs(const char *s, FILE *f);

#endif
