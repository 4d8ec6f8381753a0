#include "input/jsonl_doc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "doc/doc.h"
#include "output/json_writer.h"
#include "util/jsonl_scan.h"

/*
 * One strict scan (jsonl_scan.c) decides what is valid, finds the members and
 * keeps their bytes, so metadata is carried through exactly as written; the
 * same scan decodes the text into the document's buffer, so the text, nearly
 * all of a line, is read once. There
 * used to be two parsers (cJSON, fast, and jansson, for 64-bit integers and
 * \u0000); they disagreed on numbers, duplicate names and NULs, and neither
 * keeps a number's text.
 */

typedef struct line_ctx {
    const registry *reg;
    const char *line, *file;
    uint64_t lineno;
    int64_t max_bytes;
    jscan s;
} line_ctx;

static pipe_doc *bad_line(const line_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static pipe_doc *bad_line(const line_ctx *c, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    buf id = {0};
    pipe_doc *d = buf_printf(&id, "%s:%" PRIu64, c->file, c->lineno) ? NULL : doc_new_failed(id.data, "reader", msg);
    buf_free(&id);
    return d;
}

/* How many bytes of a member's name (as written) to quote in a message: at most 64, never half a character. */
static int quoted_len(const line_ctx *c, size_t k)
{
    const jscan_member *m = &c->s.m[k];
    size_t n = m->key_len < 64 ? m->key_len : 64;
    while (n < m->key_len && n > 0 && ((unsigned char)c->line[m->key + n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

/* The decoded text of a string value, malloc'd, or NULL when out of memory. */
static char *decode_text(const line_ctx *c, const jscan_member *m, size_t *n)
{
    buf text = {0};
    if (jscan_decode(&text, c->line + m->val + 1, m->val_len - 2))
        return NULL;
    *n = text.len;
    return text.data;
}

/* The text the scan already decoded, taken out of its buffer. */
static char *take_text(buf *b, size_t *n)
{
    char *t = b->data;
    *n = b->len;
    *b = (buf){0};
    return t;
}

/* The id as a C string (for messages and the archive index) and as JSON (for the output): 0, 1 with *bad, -1 no memory. */
static int read_id(const line_ctx *c, size_t k, buf *id, buf *json, pipe_doc **bad)
{
    if (k == SIZE_MAX)
        return buf_printf(id, "%s:%" PRIu64, c->file, c->lineno) || json_put_string(json, id->data, id->len) ? -1 : 0;
    const jscan_member *m = &c->s.m[k];
    const char *v = c->line + m->val;
    int rc = jscan_id_text(id, v, m->val_len);
    if (rc < 0)
        return -1;
    if (rc > 0) {
        *bad = bad_line(c, "\"id\" is neither a string nor an integer");
        return 1;
    }
    if (memchr(id->data, '\0', id->len)) {
        *bad = bad_line(c, "\"id\" holds a NUL character (\\u0000)");
        return 1;
    }
    /* A string is written as JSON from its decoded text, an integer exactly as it came. */
    if (v[0] == '"' ? json_put_string(json, id->data, id->len) : buf_add(json, v, m->val_len))
        return -1;
    if ((int64_t)id->len <= c->max_bytes)
        return 0;
    *bad = bad_line(c, "\"id\" is larger than max_document_bytes (%" PRId64 " bytes)", c->max_bytes);
    return 1;
}

/* `,"name":value` for every member but text and id; names pipe writes itself go into "input". */
static int carry_members(const line_ctx *c, size_t text, size_t id, buf *out)
{
    buf moved = {0};
    int rc = 0;
    for (size_t k = 0; k < c->s.n && rc == 0; k++) {
        const jscan_member *m = &c->s.m[k];
        const char *name = c->s.names.data + m->name;
        if (k == text || k == id)
            continue;
        buf *to = json_reserved_key(c->reg, name, m->name_len) ? &moved : out;
        rc |= (to == out || to->len ? buf_putc(to, ',') : 0) | json_put_string(to, name, m->name_len) |
              buf_putc(to, ':') | buf_add(to, c->line + m->val, m->val_len);
    }
    if (moved.len && rc == 0)
        rc |= buf_puts(out, ",\"input\":{") | buf_add(out, moved.data, moved.len) | buf_putc(out, '}');
    buf_free(&moved);
    return rc ? -1 : 0;
}

static pipe_doc *from_members(line_ctx *c)
{
    size_t text = SIZE_MAX, id = SIZE_MAX, dup;
    int rc = jscan_names(&c->s, c->line) ? -1 : jscan_duplicate(&c->s, &dup);
    if (rc < 0)
        return NULL;
    if (rc > 0)
        return bad_line(c, "member \"%.*s\" appears twice (each name may appear once)", quoted_len(c, dup),
                        c->line + c->s.m[dup].key);
    for (size_t k = 0; k < c->s.n; k++) {
        if (jscan_name_is(&c->s, k, "text"))
            text = k;
        else if (jscan_name_is(&c->s, k, "id"))
            id = k;
    }
    for (size_t k = 0; k < c->s.n; k++)
        if (k != text && c->s.m[k].bad_utf8 != SIZE_MAX) /* only a text may hold bytes that are not UTF-8 */
            return bad_line(c, "not valid JSON: invalid UTF-8 byte 0x%02X at column %zu",
                            (unsigned char)c->line[c->s.m[k].bad_utf8], c->s.m[k].bad_utf8 + 1);
    if (text == SIZE_MAX)
        return bad_line(c, "object has no \"text\" member");
    if (c->line[c->s.m[text].val] != '"')
        return bad_line(c, "\"text\" is not a string");
    buf idstr = {0}, extra = {0};
    pipe_doc *d = NULL;
    size_t n = 0;
    char *body = NULL;
    if (read_id(c, id, &idstr, &extra, &d) == 0 && carry_members(c, text, id, &extra) == 0 &&
        (body = text == c->s.text_member ? take_text(c->s.text_out, &n) : decode_text(c, &c->s.m[text], &n))) {
        if ((int64_t)n > c->max_bytes) {
            d = bad_line(c, "text is larger than max_document_bytes (%" PRId64 " bytes)", c->max_bytes);
        } else if ((d = doc_new(c->reg, idstr.data, body, n))) {
            body = NULL;
            doc_set_extra(d, extra.data);
            extra.data = NULL;
        }
    }
    free(body);
    buf_free(&idstr);
    buf_free(&extra);
    return d;
}

pipe_doc *jsonl_doc(const registry *reg, const char *line, size_t len, const char *file, uint64_t lineno,
                    int64_t max_bytes)
{
    return jsonl_doc_path(reg, line, len, file, lineno, max_bytes, 1);
}

pipe_doc *jsonl_doc_path(const registry *reg, const char *line, size_t len, const char *file, uint64_t lineno,
                         int64_t max_bytes, int one_pass)
{
    line_ctx c = {reg, line, file, lineno, max_bytes, {0}};
    buf text = {0};
    c.s.text_out = one_pass ? &text : NULL;
    int rc = jscan_line(&c.s, line, len);
    pipe_doc *d = NULL;
    if (rc > 0)
        d = bad_line(&c, "not valid JSON: %s", c.s.err);
    else if (rc == 0 && !c.s.is_object)
        d = bad_line(&c, "line is not a JSON object");
    else if (rc == 0)
        d = from_members(&c);
    jscan_free(&c.s);
    buf_free(&text);
    return d;
}
