#include "output/json_writer.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/ascii8.h"
#include "util/fmt_double.h"
#include "doc/doc.h"
#include "output/layer_walk.h"
#include "util/utf8.h"

int json_put_string(buf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    if (buf_reserve(out, n + 2))
        return -1;
    int rc = buf_putc(out, '"');
    size_t run = 0; /* start of bytes that need no escaping, copied in one go */
    size_t i = 0;
    while (i < n && rc == 0) {
        /* News text is mostly ASCII letters and spaces: skip it a block at a time. */
        i = ascii_run_end(u, i, n);
        if (i >= n)
            break;
        unsigned char c = u[i];
        size_t adv = 1;
        if (c >= 0x80 && utf8_decode(u + i, n - i, &adv) != UTF8_INVALID) {
            i += adv;
            continue;
        }
        rc |= buf_add(out, s + run, i - run);
        switch (c) {
        case '"':
            rc |= buf_add(out, "\\\"", 2);
            break;
        case '\\':
            rc |= buf_add(out, "\\\\", 2);
            break;
        case '\n':
            rc |= buf_add(out, "\\n", 2);
            break;
        case '\t':
            rc |= buf_add(out, "\\t", 2);
            break;
        case '\r':
            rc |= buf_add(out, "\\r", 2);
            break;
        default:
            if (c < 0x20) {
                char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                rc |= buf_add(out, e, 6);
            } else {
                rc |= buf_add(out, "\xEF\xBF\xBD", 3); /* U+FFFD for a byte that is not UTF-8 */
            }
        }
        i += 1;
        run = i;
    }
    rc |= buf_add(out, s + run, n - run);
    rc |= buf_putc(out, '"');
    return rc ? -1 : 0;
}

int json_put_double(buf *out, double v)
{
    if (!isfinite(v))
        return buf_puts(out, "null");
    /* The fewest digits that read back as the same double, in %g's layout (util/fmt_double.h). */
    char s[FMT_DOUBLE_MAX];
    return buf_add(out, s, fmt_double(s, v));
}

/* A signed integer in decimal, digit by digit like buf_put_u64 (printf costs more than the digits). */
static int put_i64(buf *out, int64_t v)
{
    if (v >= 0)
        return buf_put_u64(out, (uint64_t)v);
    return buf_putc(out, '-') | buf_put_u64(out, (uint64_t)0 - (uint64_t)v);
}

static int span_text(buf *out, const pipe_doc *doc, uint32_t start, uint32_t end)
{
    size_t len;
    const char *text = layer_span_text(doc, start, end, &len);
    return text ? json_put_string(out, text, len) : buf_puts(out, "null");
}

static int names_array(buf *out, uint32_t bits, const char *const *names)
{
    int rc = buf_putc(out, '[');
    int first = 1;
    for (unsigned b = 0; b < 32 && rc == 0; b++) {
        if (!(bits & (1u << b)))
            continue;
        rc |= first ? 0 : buf_putc(out, ',');
        first = 0;
        size_t k = 0;
        while (names[k] && k < b)
            k++;
        if (names[k] && k == b)
            rc |= json_put_string(out, names[k], strlen(names[k]));
        else
            rc |= buf_printf(out, "\"bit%u\"", b);
    }
    return rc | buf_putc(out, ']');
}

int json_field_value(buf *out, const pipe_doc *doc, const void *record, const pipe_field *f)
{
    const char *p = (const char *)record + f->offset;
    union {
        uint8_t u8;
        uint16_t u16;
        uint32_t u32[2];
        int32_t i32;
        uint64_t u64;
        int64_t i64;
        double f64;
        pipe_str str;
    } v;
    memcpy(&v, p, registry_field_size(f->type));
    switch (f->type) {
    case PIPE_FIELD_U8:
        return buf_put_u64(out, v.u8);
    case PIPE_FIELD_U16:
        return buf_put_u64(out, v.u16);
    case PIPE_FIELD_U32:
        return buf_put_u64(out, v.u32[0]);
    case PIPE_FIELD_I32:
        return put_i64(out, v.i32);
    case PIPE_FIELD_U64:
        return buf_put_u64(out, v.u64);
    case PIPE_FIELD_I64:
        return put_i64(out, v.i64);
    case PIPE_FIELD_F64:
        return json_put_double(out, v.f64);
    case PIPE_FIELD_BOOL:
        return buf_puts(out, v.u8 ? "true" : "false");
    case PIPE_FIELD_ENUM16: {
        size_t k = 0;
        while (f->names[k] && k < v.u16)
            k++;
        if (f->names[k])
            return json_put_string(out, f->names[k], strlen(f->names[k]));
        return buf_printf(out, "%u", (unsigned)v.u16);
    }
    case PIPE_FIELD_FLAGS16:
        return names_array(out, v.u16, f->names);
    case PIPE_FIELD_FLAGS32:
        return names_array(out, v.u32[0], f->names);
    case PIPE_FIELD_STR: {
        size_t len;
        const char *s = doc_str_get(doc, v.str, &len);
        return s ? json_put_string(out, s, len) : buf_puts(out, "null");
    }
    case PIPE_FIELD_SPAN:
        if (v.u32[0] == PIPE_NO_POS)
            return buf_puts(out, "null");
        return buf_putc(out, '[') | buf_put_u64(out, v.u32[0]) | buf_putc(out, ',') | buf_put_u64(out, v.u32[1]) |
               buf_putc(out, ']');
    case PIPE_FIELD_SPAN_TEXT:
        return span_text(out, doc, v.u32[0], v.u32[1]);
    }
    return buf_puts(out, "null");
}

static int key(buf *out, const char *name, const write_opts *o, int first)
{
    int rc = first ? 0 : buf_putc(out, ',');
    if (o->pretty)
        rc |= buf_puts(out, "\n  ");
    rc |= json_put_string(out, name, strlen(name));
    return rc | buf_puts(out, o->pretty ? ": " : ":");
}

/* One of the writer's own keys (id, bytes, ...): a literal that needs no escaping, so it is copied
 * in one go instead of going through json_put_string() for every record. */
#define OWN_KEY(out, lit, o, first) own_key(out, "\"" lit "\"", sizeof lit + 1, o, first)

static int own_key(buf *out, const char *quoted, size_t n, const write_opts *o, int first)
{
    if (buf_reserve(out, n + 6))
        return -1;
    char *w = out->data + out->len;
    if (!first)
        *w++ = ',';
    if (o->pretty) {
        memcpy(w, "\n  ", 3);
        w += 3;
    }
    memcpy(w, quoted, n);
    w += n;
    *w++ = ':';
    if (o->pretty)
        *w++ = ' ';
    *w = '\0';
    out->len = (size_t)(w - out->data);
    return 0;
}

/* A layer's field keys (`,"name":`), escaped once per layer of a document rather than once per record. */
typedef struct layer_keys {
    buf bytes;
    size_t *at;           /* key k is bytes[at[k]..at[k + 1]) */
    const pipe_field **f; /* the fields shown, in schema order */
    size_t n;
    size_t record_bytes; /* room a record needs besides its strings, reserved once per record */
} layer_keys;

static int keys_build(layer_keys *lk, const pipe_layer_schema *s)
{
    size_t k = 0, n = 0;
    while (layer_next_field(s, &k))
        n++;
    *lk = (layer_keys){{0}, calloc(n + 1, sizeof *lk->at), calloc(n ? n : 1, sizeof *lk->f), n, 0};
    if (!lk->at || !lk->f)
        return -1;
    k = 0;
    for (size_t i = 0; i < n; i++) {
        const pipe_field *f = lk->f[i] = layer_next_field(s, &k);
        if (buf_putc(&lk->bytes, ',') || json_put_string(&lk->bytes, f->name, strlen(f->name)) ||
            buf_putc(&lk->bytes, ':'))
            return -1;
        lk->at[i + 1] = lk->bytes.len;
    }
    /* {"start":N,"end":N,"text":} and at most a span's [N,N] (43 bytes) for each field's value. */
    lk->record_bytes = 64 + lk->bytes.len + 44 * n;
    return 0;
}

static void keys_free(layer_keys *lk)
{
    buf_free(&lk->bytes);
    free(lk->at);
    free(lk->f);
}

static int write_record(buf *out, const pipe_doc *doc, const layer_keys *lk, const void *rec, int with_text)
{
    uint32_t se[2];
    layer_record_span(rec, &se[0], &se[1]);
    if (buf_reserve(out, lk->record_bytes))
        return -1;
    int rc = buf_add(out, "{\"start\":", 9) | buf_put_u64(out, se[0]) | buf_add(out, ",\"end\":", 7) |
             buf_put_u64(out, se[1]);
    if (with_text) {
        rc |= buf_add(out, ",\"text\":", 8);
        rc |= span_text(out, doc, se[0], se[1]);
    }
    for (size_t k = 0; k < lk->n && rc == 0; k++) {
        rc |= buf_add(out, lk->bytes.data + lk->at[k], lk->at[k + 1] - lk->at[k]);
        rc |= json_field_value(out, doc, rec, lk->f[k]);
    }
    return rc | buf_putc(out, '}');
}

static int write_layer(buf *out, const pipe_doc *doc, pipe_layer_id id, const write_opts *o)
{
    layer_view v = layer_view_of(doc, id);
    const pipe_layer_schema *s = v.schema;
    size_t n = v.n;
    int with_text = o->text == TEXT_ON || (o->text == TEXT_AUTO && (s->flags & PIPE_LAYERF_TEXT));
    layer_keys lk = {{0}, NULL, NULL, 0, 0};
    int rc = (n && keys_build(&lk, s)) | buf_putc(out, '[');
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (k)
            rc |= buf_putc(out, ',');
        if (o->pretty)
            rc |= buf_puts(out, "\n    ");
        rc |= write_record(out, doc, &lk, layer_view_record(&v, k), with_text);
    }
    keys_free(&lk);
    if (o->pretty && n)
        rc |= buf_puts(out, "\n  ");
    return rc | buf_putc(out, ']');
}

int json_reserved_key(const registry *reg, const char *name, size_t n)
{
    /* "input" is where input/jsonl_doc.c carries the input members that would collide with the others. */
    static const char *const own[] = {"id", "bytes", "error", "counts", "input"};
    for (size_t k = 0; k < sizeof own / sizeof *own; k++)
        if (strlen(own[k]) == n && memcmp(own[k], name, n) == 0)
            return 1;
    for (size_t k = 0; reg && k < reg->n; k++) {
        const char *layer = reg->defs[k].schema.name;
        if (strlen(layer) == n && memcmp(layer, name, n) == 0)
            return 1;
    }
    return 0;
}

int json_write_doc(buf *out, const pipe_doc *doc, const write_opts *o)
{
    const char *id = doc_get_id(doc);
    int rc = buf_putc(out, '{');
    rc |= OWN_KEY(out, "id", o, 1);
    if (doc_extra(doc))
        rc |= buf_puts(out, doc_extra(doc)); /* a JSONL input's id as written, then its members, all valid JSON */
    else
        rc |= json_put_string(out, id, strlen(id));
    if (doc_error_stage(doc)) {
        const char *stage = doc_error_stage(doc), *msg = doc_error_message(doc);
        rc |= OWN_KEY(out, "error", o, 0);
        rc |= buf_puts(out, "{\"stage\":");
        rc |= json_put_string(out, stage, strlen(stage));
        rc |= buf_puts(out, ",\"message\":");
        rc |= json_put_string(out, msg, strlen(msg));
        rc |= buf_putc(out, '}');
        rc |= buf_puts(out, o->pretty ? "\n}" : "}");
        return rc ? -1 : 0;
    }
    size_t len;
    doc_get_text(doc, &len);
    rc |= OWN_KEY(out, "bytes", o, 0);
    rc |= buf_put_u64(out, len);
    if (o->counts_only) {
        rc |= OWN_KEY(out, "counts", o, 0);
        rc |= buf_putc(out, '{');
        for (size_t k = 0; k < o->nall; k++) {
            size_t n;
            doc_layer_records(doc, o->all[k], &n);
            const char *name = registry_schema(doc_registry(doc), o->all[k])->name;
            if (k)
                rc |= buf_putc(out, ',');
            rc |= json_put_string(out, name, strlen(name));
            rc |= buf_putc(out, ':') | buf_put_u64(out, n);
        }
        rc |= buf_putc(out, '}');
    }
    for (size_t k = 0; k < o->nlayers && !o->counts_only; k++) {
        rc |= key(out, registry_schema(doc_registry(doc), o->layers[k])->name, o, 0);
        rc |= write_layer(out, doc, o->layers[k], o);
    }
    rc |= buf_puts(out, o->pretty ? "\n}" : "}");
    return rc ? -1 : 0;
}
