/* Pages of a large growing buffer made present ahead of the writes, a megabyte per call. */
#ifndef PIPE_PREFAULT_H
#define PIPE_PREFAULT_H

#include <stddef.h>

/*
 * The buffer base[0..cap) is about to be written up to byte upto; *done is how far it has been
 * made present. Makes [*done, upto + 1 MiB) present (clipped to cap) in one call and moves *done;
 * a buffer under 1 MiB is left alone (*done = cap). Only ever touches base[0..cap).
 */
void prefault(char *base, size_t cap, size_t upto, size_t *done);

#endif
