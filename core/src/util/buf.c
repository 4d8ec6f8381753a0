/*
 * util/: small helpers with no knowledge of documents or stages: byte buffers (buf), messages on
 * stderr (log), UTF-8 (utf8), terminal-safe text (escape), file opening and standard descriptors
 * (fileopen, stdfds), search paths (paths), a map from byte strings (strmap) and the JSON Lines
 * syntax scan (jsonl_scan, ascii8). It calls nothing else in core/; every other folder may call it.
 */
#include "util/buf.h"
#include "pipe/prefault.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int buf_reserve_slow(buf *b, size_t n)
{
    if (n > SIZE_MAX - b->len - 1)
        return -1;
    size_t need = b->len + n + 1;
    if (need <= b->cap) {
        if (need > b->prefaulted)
            pipe_prefault(b->data, b->cap, need, &b->prefaulted);
        return 0;
    }
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    pipe_prefault(b->data, b->cap, need, &b->prefaulted);
    return 0;
}

int buf_puts(buf *b, const char *s)
{
    return buf_add(b, s, strlen(s));
}

int buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char tmp[128];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof tmp)
        return buf_add(b, tmp, (size_t)n);
    if (buf_reserve(b, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int buf_put_u64(buf *b, uint64_t v)
{
    /* Two digits per division: offsets in a news article have four or five. */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    if (buf_reserve(b, 20) != 0)
        return -1;
    char tmp[20], *end = tmp + sizeof tmp, *p = end;
    while (v >= 100) {
        p -= 2;
        memcpy(p, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, pairs + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    size_t n = (size_t)(end - p);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int buf_read_all(buf *b, FILE *f)
{
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (buf_add(b, chunk, got))
            return -1;
    return ferror(f) ? -1 : 0;
}

void buf_clear(buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void buf_free(buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = b->prefaulted = 0;
}
