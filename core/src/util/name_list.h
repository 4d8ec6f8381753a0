/* "a, b, c" in a fixed buffer: the lists of valid names that error messages show. */
#ifndef PIPE_NAME_LIST_H
#define PIPE_NAME_LIST_H

#include <stddef.h>

/*
 * Append name to the list in out (a string in a buffer of outlen > 0 bytes),
 * after ", " unless first; what does not fit is cut off, since a message with
 * a shortened list still says what was wrong.
 */
void name_list_add(char *out, size_t outlen, int first, const char *name);

#endif
