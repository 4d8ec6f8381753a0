/* Growable byte buffer used by readers and writers. */
#ifndef PIPE_BUF_H
#define PIPE_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A byte buffer that keeps one spare byte for a terminating NUL. */
typedef struct buf {
    char *data;
    size_t len;
    size_t cap;
    size_t prefaulted; /* bytes of data made present ahead of the writes (pipe/prefault.h) */
} buf;

/* buf_reserve()'s path that grows the buffer or makes more of it present; 0 or -1. */
int buf_reserve_slow(buf *b, size_t n);

/*
 * Make room for n more bytes; returns 0 or -1 on allocation failure. Inline, like buf_add and
 * buf_putc: the JSON writer calls them for every key and number, and the room is nearly always
 * there already (a call each was 6% of the instructions of the default pipeline over Reuters).
 */
static inline int buf_reserve(buf *b, size_t n)
{
    /* prefaulted <= cap: room up to it needs neither a realloc nor pages made present. */
    if (b->prefaulted > b->len && n < b->prefaulted - b->len)
        return 0;
    return buf_reserve_slow(b, n);
}

/* Append n bytes; returns 0 or -1. */
static inline int buf_add(buf *b, const void *p, size_t n)
{
    if (buf_reserve(b, n) != 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* Append one byte; returns 0 or -1. */
static inline int buf_putc(buf *b, char c)
{
    if (buf_reserve(b, 1) != 0)
        return -1;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
    return 0;
}

/* Append a NUL-terminated string; returns 0 or -1. */
int buf_puts(buf *b, const char *s);
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
