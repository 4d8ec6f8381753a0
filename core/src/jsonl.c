/* memmem (a GNU extension in glibc) finds escaped NULs without a hand-written scan. */
#define _GNU_SOURCE
#include "jsonl.h"

#include <cjson/cJSON.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "json_writer.h"
#include "utf8.h"

/*
 * Two libraries, one contract. cJSON parses about ten times faster than
 * jansson (800 vs 85 MB/s here), which decides corpus throughput, but keeps
 * numbers as doubles and strings NUL-terminated. Lines where that would change
 * what we carry through (an integer beyond 2^53, a \u0000 in a string) are
 * parsed again with jansson, which keeps 64-bit integers and embedded NULs.
 */

static pipe_doc *bad_line(const char *file, uint64_t lineno, const char *fmt, const char *detail)
{
    char id[1024], msg[1024];
    snprintf(id, sizeof id, "%s:%" PRIu64, file, lineno);
    snprintf(msg, sizeof msg, fmt, detail);
    return doc_new_failed(id, "reader", msg);
}

static pipe_doc *too_big(const char *file, uint64_t lineno, int64_t max_bytes)
{
    char lim[64];
    snprintf(lim, sizeof lim, "%" PRId64, max_bytes);
    return bad_line(file, lineno, "text is larger than max_document_bytes (%s bytes)", lim);
}

/* Make the document once text, id and the extra members are known; takes ownership of extra. */
static pipe_doc *make_doc(const registry *reg, const char *id, const char *text, size_t n, char *extra)
{
    char *copy = malloc(n + 1);
    pipe_doc *d = copy ? doc_new(reg, id, copy, n) : NULL;
    if (!d) {
        free(copy);
        free(extra);
        return NULL;
    }
    memcpy(copy, text, n);
    copy[n] = '\0';
    doc_set_extra(d, extra);
    return d;
}

/* True when a cJSON number could not be printed back exactly (integers past 2^53). */
static int lossy_numbers(const cJSON *v)
{
    if (cJSON_IsNumber(v))
        return fabs(v->valuedouble) >= 9007199254740992.0;
    for (const cJSON *c = v->child; c; c = c->next)
        if (lossy_numbers(c))
            return 1;
    return 0;
}

static pipe_doc *parse_jansson(const registry *reg, const char *line, size_t len, const char *file,
                               uint64_t lineno, int64_t max_bytes)
{
    json_error_t jerr;
    json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &jerr);
    if (!obj) {
        char detail[256];
        snprintf(detail, sizeof detail, "%s (column %d)", jerr.text, jerr.column);
        return bad_line(file, lineno, "not valid JSON: %s", detail);
    }
    pipe_doc *d = NULL;
    json_t *text = json_object_get(obj, "text"), *id = json_object_get(obj, "id");
    if (!json_is_object(obj)) {
        d = bad_line(file, lineno, "%s", "line is not a JSON object");
    } else if (!text) {
        d = bad_line(file, lineno, "%s", "object has no \"text\" member");
    } else if (!json_is_string(text)) {
        d = bad_line(file, lineno, "%s", "\"text\" is not a string");
    } else if ((int64_t)json_string_length(text) > max_bytes) {
        d = too_big(file, lineno, max_bytes);
    } else {
        char idbuf[1024];
        if (json_is_string(id))
            snprintf(idbuf, sizeof idbuf, "%s", json_string_value(id));
        else if (json_is_integer(id))
            snprintf(idbuf, sizeof idbuf, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
        else
            snprintf(idbuf, sizeof idbuf, "%s:%" PRIu64, file, lineno);
        buf extra = {0};
        const char *key;
        json_t *value;
        int nomem = 0;
        json_object_foreach(obj, key, value) {
            if (strcmp(key, "text") == 0 || strcmp(key, "id") == 0)
                continue;
            char *v = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
            nomem |= !v || (extra.len && buf_putc(&extra, ',')) || json_put_string(&extra, key, strlen(key)) ||
                     buf_putc(&extra, ':') || buf_puts(&extra, v);
            free(v);
        }
        if (nomem)
            buf_free(&extra);
        else
            d = make_doc(reg, idbuf, json_string_value(text), json_string_length(text), extra.data);
    }
    json_decref(obj);
    return d;
}

pipe_doc *jsonl_doc(const registry *reg, const char *line, size_t len, const char *file, uint64_t lineno,
                    int64_t max_bytes)
{
    if (memmem(line, len, "\\u0000", 6))
        return parse_jansson(reg, line, len, file, lineno, max_bytes);
    cJSON *obj = cJSON_ParseWithLength(line, len);
    if (!obj) {
        /* jansson's message says where and why, cJSON's does not. */
        return parse_jansson(reg, line, len, file, lineno, max_bytes);
    }
    pipe_doc *d = NULL;
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    if (!cJSON_IsObject(obj)) {
        d = bad_line(file, lineno, "%s", "line is not a JSON object");
    } else if (!text) {
        d = bad_line(file, lineno, "%s", "object has no \"text\" member");
    } else if (!cJSON_IsString(text)) {
        d = bad_line(file, lineno, "%s", "\"text\" is not a string");
    } else if (lossy_numbers(obj)) {
        d = parse_jansson(reg, line, len, file, lineno, max_bytes);
    } else {
        size_t n = strlen(text->valuestring);
        if ((int64_t)n > max_bytes) {
            d = too_big(file, lineno, max_bytes);
        } else {
            char idbuf[1024];
            const char *idp = idbuf;
            if (cJSON_IsString(id))
                idp = id->valuestring;
            else if (cJSON_IsNumber(id) && id->valuedouble == floor(id->valuedouble))
                snprintf(idbuf, sizeof idbuf, "%.0f", id->valuedouble);
            else
                snprintf(idbuf, sizeof idbuf, "%s:%" PRIu64, file, lineno);
            buf extra = {0};
            int nomem = 0, bad_utf8 = 0;
            for (const cJSON *c = obj->child; c && !nomem && !bad_utf8; c = c->next) {
                if (!c->string || strcmp(c->string, "text") == 0 || strcmp(c->string, "id") == 0)
                    continue;
                char *v = cJSON_PrintUnformatted(c);
                /* cJSON passes bytes through; carried-through members must stay valid UTF-8. */
                bad_utf8 = v && utf8_valid_prefix(v, strlen(v)) != strlen(v);
                nomem |= !v || (extra.len && buf_putc(&extra, ',')) ||
                         json_put_string(&extra, c->string, strlen(c->string)) || buf_putc(&extra, ':') ||
                         buf_puts(&extra, v);
                cJSON_free(v);
            }
            if (nomem || bad_utf8)
                buf_free(&extra);
            if (bad_utf8)
                d = parse_jansson(reg, line, len, file, lineno, max_bytes); /* says which byte is wrong */
            else if (!nomem)
                d = make_doc(reg, idp, text->valuestring, n, extra.data);
        }
    }
    cJSON_Delete(obj);
    return d;
}
