/* Growable byte buffer used by readers and writers. */
#ifndef PIPE_BUF_H
#define PIPE_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A byte buffer that keeps one spare byte for a terminating NUL. */
typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t prefaulted; /* bytes of data made present ahead of the writes (pipe/prefault.h) */
} buf;

/* Make room for n more bytes; returns 0 or -1 on allocation failure. */
int buf_reserve(buf *b, size_t n);
/* Append n bytes; returns 0 or -1. */
int buf_add(buf *b, const void *p, size_t n);
/* Append a NUL-terminated string; returns 0 or -1. */
int buf_puts(buf *b, const char *s);
/* Append one byte; returns 0 or -1. */
int buf_putc(buf *b, char c);
/* Append printf-formatted text; returns 0 or -1. */
int buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append an unsigned integer in decimal (the writers' hottest format, without printf's cost). */
int buf_put_u64(buf *b, uint64_t v);
/* Append everything f still holds; 0, or -1 on a read error or no memory. */
int buf_read_all(buf *b, FILE *f);
/* Forget the contents but keep the memory. */
void buf_clear(buf *b);
/* Free the memory. */
void buf_free(buf *b);

#endif
