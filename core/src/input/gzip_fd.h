/*
 * Reading a file descriptor that may hold gzip data, without blocking for
 * more than the kernel has: zlib's gzread() waits until its whole request is
 * filled, so a slow producer on a pipe (a live feed, `tail -f`) would see no
 * output until 256 KiB had arrived. Here each call returns what one read()
 * brought, decompressed when the stream starts with the gzip magic bytes
 * (concatenated gzip members are read through, as gzip -d does).
 */
#ifndef PIPE_ZREADER_H
#define PIPE_ZREADER_H

#include <stddef.h>
#include <stdint.h>

/* A reader over one file descriptor (opaque). */
typedef struct zreader zreader;

/* Take ownership of fd; NULL when out of memory (fd is then closed). */
zreader *zr_open(int fd);
/* Read up to len bytes: >0 bytes, 0 at the end, -1 on error (zr_error says why; errno EINTR after a signal). */
long zr_read(zreader *z, void *buf, size_t len);
/* True when zr_read can return data without waiting (data is buffered or the descriptor is readable). */
int zr_ready(zreader *z);
/* Raw (compressed) bytes read from the descriptor so far. */
uint64_t zr_consumed(const zreader *z);
/* The last error, e.g. "unexpected end of file" for a truncated .gz. */
const char *zr_error(const zreader *z);
/* Close the descriptor and free the reader. */
void zr_close(zreader *z);

#endif
