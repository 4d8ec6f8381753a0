/*
 * Spans over a text written as properly nested HTML. Marks may cross each
 * other and paragraph breaks; elements must nest, so a mark cut by another
 * one's end (or by a blank line) is closed and reopened as a continuation
 * fragment. The caller's open function writes each start tag and knows from
 * html_mark.opened whether it writes a mark's first fragment.
 */
#include "output/html_marks.h"

#include <stdlib.h>
#include <string.h>

#include "output/html_escape.h"

int html_grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    void *p = realloc(*v, c * size);
    if (!p)
        return -1;
    *v = p;
    *cap = c;
    return 0;
}

int html_marks_add(html_marks *m, uint32_t start, uint32_t end, uint32_t type, size_t idx, size_t len)
{
    if (start == UINT32_MAX || start >= end || end > len)
        return 0; /* absent, empty or outside the text: nothing to show */
    if (html_grow((void **)&m->v, &m->cap, m->n, sizeof *m->v))
        return -1;
    m->v[m->n++] = (html_mark){start, end, type, (uint32_t)idx, 0};
    return 0;
}

/* Outer marks first: earlier start, then longer, then the lower type. */
static int mark_cmp(const void *a, const void *b)
{
    const html_mark *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    if (x->type != y->type)
        return x->type < y->type ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The end of the blank-line run starting at text[i] (a '\n'), or i when the line break is a single one. */
static size_t para_break(const char *text, size_t i, size_t len)
{
    size_t j = i + 1, nl = 1;
    while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n'))
        nl += text[j++] == '\n';
    return nl >= 2 ? j : i;
}

int html_render(buf *out, const char *text, size_t len, html_marks *m, const html_mark_ops *ops)
{
    if (m->n) /* no marks: m->v is NULL, which qsort must not be given even for zero elements */
        qsort(m->v, m->n, sizeof *m->v, mark_cmp);
    size_t *stack = malloc((m->n + 1) * sizeof *stack);
    if (!stack)
        return -1;
    size_t depth = 0, mi = 0, pos = 0;
    int rc = 0, in_p = 0;
    while (pos < len && text[pos] != '\0' && (text[pos] == '\n' || text[pos] == '\r' || text[pos] == ' '))
        pos++;
    while (rc == 0) {
        /* Close what ends here; marks above it are closed too and reopened as continuations. */
        size_t low = depth;
        for (size_t k = 0; k < depth; k++)
            if (m->v[stack[k]].end <= pos) {
                low = k;
                break;
            }
        if (low < depth) {
            for (size_t k = depth; in_p && k-- > low;)
                rc |= ops->close(out, &m->v[stack[k]]);
            size_t keep = low;
            for (size_t k = low; k < depth; k++)
                if (m->v[stack[k]].end > pos)
                    stack[keep++] = stack[k];
            for (size_t k = low; in_p && k < keep; k++)
                rc |= ops->open(out, ops->ctx, &m->v[stack[k]]);
            depth = keep;
        }
        if (pos >= len)
            break;
        size_t brk = text[pos] == '\n' ? para_break(text, pos, len) : pos;
        if (brk > pos) {
            for (size_t k = depth; in_p && k-- > 0;)
                rc |= ops->close(out, &m->v[stack[k]]);
            if (in_p)
                rc |= buf_puts(out, "</p>\n");
            in_p = 0;
            pos = brk;
            continue;
        }
        if (!in_p) {
            rc |= buf_puts(out, "<p>");
            in_p = 1;
            for (size_t k = 0; k < depth; k++)
                rc |= ops->open(out, ops->ctx, &m->v[stack[k]]);
        }
        for (; mi < m->n && m->v[mi].start <= pos; mi++) {
            html_mark *x = &m->v[mi];
            if (x->end <= pos)
                continue; /* began inside a paragraph break and ended there */
            if (mi > 0 && x->start == m->v[mi - 1].start && x->end == m->v[mi - 1].end &&
                x->type == m->v[mi - 1].type)
                continue; /* drawn once: one speaker mention shared by several quotes */
            rc |= ops->open(out, ops->ctx, x);
            stack[depth++] = mi;
        }
        size_t next = len;
        if (mi < m->n && m->v[mi].start < next)
            next = m->v[mi].start;
        for (size_t k = 0; k < depth; k++)
            if (m->v[stack[k]].end < next)
                next = m->v[stack[k]].end;
        /* Stop at the next blank line, if it comes first. */
        for (const char *nl = memchr(text + pos, '\n', next - pos); nl; nl = memchr(nl + 1, '\n', next - (size_t)(nl + 1 - text))) {
            size_t i = (size_t)(nl - text);
            if (para_break(text, i, len) > i) {
                next = i;
                break;
            }
            if (i + 1 >= next)
                break;
        }
        if (next == pos)
            next = pos + 1; /* a lone '\n' before a mark: copy it */
        rc |= html_esc_text(out, text + pos, next - pos);
        pos = next;
    }
    for (size_t k = depth; in_p && k-- > 0;)
        rc |= ops->close(out, &m->v[stack[k]]);
    if (in_p)
        rc |= buf_puts(out, "</p>\n");
    free(stack);
    return rc;
}
