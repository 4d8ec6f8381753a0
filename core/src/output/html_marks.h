/* Spans marked over a text as nested HTML elements, for the HTML report's article and layer views. */
#ifndef PIPE_HTML_MARKS_H
#define PIPE_HTML_MARKS_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* One span to mark: [start, end) bytes of the text, a caller-defined type and record index. */
typedef struct html_mark {
    uint32_t start, end;
    uint32_t type; /* the caller's kind of mark; lower types nest outside higher ones on equal spans */
    uint32_t idx;  /* the caller's record index */
    int opened;    /* set by the caller's open function once it has written the first fragment */
} html_mark;

/* A growable set of marks. */
typedef struct html_marks {
    html_mark *v;
    size_t n, cap;
} html_marks;

/* How the caller writes a mark's start and end tags. */
typedef struct html_mark_ops {
    int (*open)(buf *out, void *ctx, html_mark *m); /* a start tag (first fragment or continuation) */
    int (*close)(buf *out, const html_mark *m);     /* the matching end tag */
    void *ctx;
} html_mark_ops;

/* Room for one more element in a doubling array of size-byte elements; 0 or -1. */
int html_grow(void **v, size_t *cap, size_t n, size_t size);
/* Add a mark; absent (start UINT32_MAX), empty or out-of-text spans (len bytes) are skipped; 0 or -1. */
int html_marks_add(html_marks *m, uint32_t start, uint32_t end, uint32_t type, size_t idx, size_t len);
/* Write text[0..len) escaped, as <p> paragraphs (split at blank lines), with every mark nested; sorts m. */
int html_render(buf *out, const char *text, size_t len, html_marks *m, const html_mark_ops *ops);

#endif
