#include "jsonl.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "json_writer.h"

static pipe_doc *bad_line(const char *file, uint64_t lineno, const char *fmt, const char *detail)
{
    char id[1024], msg[1024];
    snprintf(id, sizeof id, "%s:%" PRIu64, file, lineno);
    snprintf(msg, sizeof msg, fmt, detail);
    return doc_new_failed(id, "reader", msg);
}

/* Serialize every member but id and text as "key":value, in the input's order. */
static char *extra_members(json_t *obj, int *nomem)
{
    buf b = {0};
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        if (strcmp(key, "text") == 0 || strcmp(key, "id") == 0)
            continue;
        char *v = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
        if (!v || (b.len && buf_putc(&b, ',')) || json_put_string(&b, key, strlen(key)) || buf_putc(&b, ':') ||
            buf_puts(&b, v)) {
            free(v);
            buf_free(&b);
            *nomem = 1;
            return NULL;
        }
        free(v);
    }
    return b.data;
}

pipe_doc *jsonl_doc(const registry *reg, const char *line, size_t len, const char *file, uint64_t lineno,
                    int64_t max_bytes)
{
    json_error_t jerr;
    /* NULs are legal in JSON strings (\u0000); documents may carry them. */
    json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!obj) {
        char detail[256];
        snprintf(detail, sizeof detail, "%s (column %d)", jerr.text, jerr.column);
        return bad_line(file, lineno, "not valid JSON: %s", detail);
    }
    pipe_doc *d = NULL;
    json_t *text = json_object_get(obj, "text");
    json_t *id = json_object_get(obj, "id");
    if (!json_is_object(obj)) {
        d = bad_line(file, lineno, "%s", "line is not a JSON object");
    } else if (!text) {
        d = bad_line(file, lineno, "%s", "object has no \"text\" member");
    } else if (!json_is_string(text)) {
        d = bad_line(file, lineno, "%s", "\"text\" is not a string");
    } else if ((int64_t)json_string_length(text) > max_bytes) {
        char lim[64];
        snprintf(lim, sizeof lim, "%" PRId64, max_bytes);
        d = bad_line(file, lineno, "text is larger than max_document_bytes (%s bytes)", lim);
    } else {
        char idbuf[1024];
        if (json_is_string(id))
            snprintf(idbuf, sizeof idbuf, "%s", json_string_value(id));
        else if (json_is_integer(id))
            snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        else
            snprintf(idbuf, sizeof idbuf, "%s:%" PRIu64, file, lineno);
        size_t n = json_string_length(text);
        char *copy = malloc(n + 1);
        int nomem = 0;
        char *extra = extra_members(obj, &nomem);
        if (copy && !nomem) {
            memcpy(copy, json_string_value(text), n + 1);
            d = doc_new(reg, idbuf, copy, n);
        }
        if (d) {
            doc_set_extra(d, extra);
        } else {
            free(copy);
            free(extra);
        }
    }
    json_decref(obj);
    return d;
}
