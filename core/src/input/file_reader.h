/* Reading one input (file, stdin, gzip or plain) into a document's text. */
#ifndef PIPE_READER_H
#define PIPE_READER_H

#include <stddef.h>
#include <stdint.h>

#include "input/gzip_fd.h"

/*
 * Read all of `path` ("-" is standard input) through zlib, so .gz input is
 * decompressed transparently. A UTF-8 byte-order mark is dropped (offsets
 * count from the byte after it); a UTF-16 or UTF-32 mark is an error, since
 * tokenizing such text as UTF-8 would produce garbage. On success *text is
 * malloc'd and NUL-terminated. On failure err says why (without the path).
 */
int reader_read(const char *path, int64_t max_bytes, char **text, size_t *len, char *err, size_t errlen);
/*
 * The same for a stream already open, whose first headlen bytes were read into head already (standard
 * input, looked at to tell JSON Lines from text); z stays open.
 */
int reader_read_from(zreader *z, const char *head, size_t headlen, int64_t max_bytes, char **text, size_t *len,
                     char *err, size_t errlen);

#endif
