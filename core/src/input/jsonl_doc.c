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

/* A scratch buffer above this many bytes is freed after its line rather than kept for the next. */
#define JSONL_SCRATCH_KEEP (256 * 1024)

typedef struct line_ctx {
    const registry *reg;
    const char *line, *file;
    uint64_t lineno;
    int64_t max_bytes;
    jsonl_scratch *ws;
    jscan *sc;
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
    const jscan_member *m = &c->sc->m[k];
    size_t n = m->key_len < 64 ? m->key_len : 64;
    while (n < m->key_len && n > 0 && ((unsigned char)c->line[m->key + n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

/* The id as a C string (for messages and the archive index) and as JSON (for the output): 0, 1 with *bad, -1 no memory. */
static int read_id(const line_ctx *c, size_t k, buf *id, buf *json, pipe_doc **bad)
{
    if (k == SIZE_MAX)
        return buf_printf(id, "%s:%" PRIu64, c->file, c->lineno) || json_put_string(json, id->data, id->len) ? -1 : 0;
    const jscan_member *m = &c->sc->m[k];
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
    for (size_t k = 0; k < c->sc->n && rc == 0; k++) {
        const jscan_member *m = &c->sc->m[k];
        const char *name = c->sc->names.data + m->name;
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
    int rc = jscan_names(c->sc, c->line) ? -1 : jscan_duplicate(c->sc, &dup);
    if (rc < 0)
        return NULL;
    if (rc > 0)
        return bad_line(c, "member \"%.*s\" appears twice (each name may appear once)", quoted_len(c, dup),
                        c->line + c->sc->m[dup].key);
    for (size_t k = 0; k < c->sc->n; k++) {
        if (jscan_name_is(c->sc, k, "text"))
            text = k;
        else if (jscan_name_is(c->sc, k, "id"))
            id = k;
    }
    for (size_t k = 0; k < c->sc->n; k++)
        if (k != text && c->sc->m[k].bad_utf8 != SIZE_MAX) /* only a text may hold bytes that are not UTF-8 */
            return bad_line(c, "not valid JSON: invalid UTF-8 byte 0x%02X at column %zu",
                            (unsigned char)c->line[c->sc->m[k].bad_utf8], c->sc->m[k].bad_utf8 + 1);
    if (text == SIZE_MAX)
        return bad_line(c, "object has no \"text\" member");
    if (c->line[c->sc->m[text].val] != '"')
        return bad_line(c, "\"text\" is not a string");
    jsonl_scratch *ws = c->ws;
    pipe_doc *d = NULL;
    buf_clear(&ws->id);
    buf_clear(&ws->extra);
    if (text != c->sc->text_member) {
        /* The text was not decoded during the scan (its name has escapes, or this is the two-pass path). */
        const jscan_member *m = &c->sc->m[text];
        buf_clear(&ws->text);
        if (jscan_decode(&ws->text, c->line + m->val + 1, m->val_len - 2))
            return NULL;
    }
    if (read_id(c, id, &ws->id, &ws->extra, &d) != 0 || carry_members(c, text, id, &ws->extra) != 0)
        return d;
    if ((int64_t)ws->text.len > c->max_bytes)
        return bad_line(c, "text is larger than max_document_bytes (%" PRId64 " bytes)", c->max_bytes);
    return doc_new_cached(ws->docs, c->reg, ws->id.data ? ws->id.data : "", &ws->text, &ws->extra);
}

pipe_doc *jsonl_doc(const registry *reg, const char *line, size_t len, const char *file, uint64_t lineno,
                    int64_t max_bytes)
{
    return jsonl_doc_path(reg, line, len, file, lineno, max_bytes, 1);
}

pipe_doc *jsonl_doc_path(const registry *reg, const char *line, size_t len, const char *file, uint64_t lineno,
                         int64_t max_bytes, int one_pass)
{
    jsonl_scratch ws = {0};
    pipe_doc *d = jsonl_doc_with(&ws, reg, line, len, file, lineno, max_bytes, one_pass);
    jsonl_scratch_free(&ws);
    return d;
}

pipe_doc *jsonl_doc_with(jsonl_scratch *ws, const registry *reg, const char *line, size_t len, const char *file,
                         uint64_t lineno, int64_t max_bytes, int one_pass)
{
    line_ctx c = {reg, line, file, lineno, max_bytes, ws, &ws->scan};
    doc_cache_lend(ws->docs, &ws->text, &ws->extra);
    buf_clear(&ws->text);
    ws->scan.text_out = one_pass ? &ws->text : NULL;
    int rc = jscan_line(&ws->scan, line, len);
    ws->scan.text_out = NULL;
    pipe_doc *d = NULL;
    if (rc > 0)
        d = bad_line(&c, "not valid JSON: %s", ws->scan.err);
    else if (rc == 0 && !ws->scan.is_object)
        d = bad_line(&c, "line is not a JSON object");
    else if (rc == 0)
        d = from_members(&c);
    /* What a large line left in the buffers goes back to the allocator, not to the next line. */
    buf *kept[] = {&ws->id, &ws->extra, &ws->text};
    for (size_t k = 0; k < sizeof kept / sizeof kept[0]; k++)
        if (kept[k]->cap > JSONL_SCRATCH_KEEP)
            buf_free(kept[k]);
    return d;
}

void jsonl_scratch_free(jsonl_scratch *ws)
{
    jscan_free(&ws->scan);
    buf_free(&ws->id);
    buf_free(&ws->extra);
    buf_free(&ws->text);
}
