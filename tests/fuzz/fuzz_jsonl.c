/*
 * Fuzz JSON Lines reading: any line becomes a document or an error record, what
 * is written is strict JSON without duplicate keys, and the hand-written scanner
 * agrees with jansson on every line jansson can judge.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "doc/doc.h"
#include "output/json_writer.h"
#include "input/jsonl_doc.h"
#include "util/jsonl_scan.h"
#include "doc/layer_registry.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The output is one strict JSON object whose top-level keys all differ. */
static void check_output(const buf *out)
{
    if (utf8_valid_prefix(out->data, out->len) != out->len)
        abort();
    jscan s = {0};
    size_t dup;
    if (jscan_line(&s, out->data, out->len) != 0 || !s.is_object || jscan_names(&s, out->data) ||
        jscan_duplicate(&s, &dup) != 0)
        abort();
    jscan_free(&s);
}

/*
 * jansson's JSON_REJECT_DUPLICATES refuses a repeated name at any depth; pipe refuses it only among
 * the top-level members (a nested object is metadata, carried byte for byte). True when the line has
 * no repeated top-level name, so jansson's refusal is about a nested object.
 */
static int nested_duplicate_only(const uint8_t *data, size_t size)
{
    jscan s = {0};
    size_t dup;
    int ok = jscan_line(&s, (const char *)data, size) == 0 && s.is_object &&
             jscan_names(&s, (const char *)data) == 0 && jscan_duplicate(&s, &dup) == 0;
    jscan_free(&s);
    return ok;
}

/* Where jansson accepts a line with a string text and a usable id, so must we, with the same text. */
static void check_against_jansson(const uint8_t *data, size_t size, const pipe_doc *d)
{
    /* jansson's reader skips raw NUL bytes (its buffer takes NUL for "empty"), so it cannot judge those lines. */
    if (memchr(data, '\0', size))
        return;
    json_error_t e;
    json_t *j = json_loadb((const char *)data, size, JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES, &e);
    json_t *text = json_object_get(j, "text"), *id = json_object_get(j, "id");
    int usable_id = !id || json_is_integer(id) ||
                    (json_is_string(id) && strlen(json_string_value(id)) == json_string_length(id) &&
                     json_string_length(id) <= (1 << 20));
    if (json_is_string(text) && usable_id && json_string_length(text) <= (1 << 20)) {
        size_t n;
        const char *t = doc_get_text(d, &n);
        const char *msg = doc_error_message(d);
        if (doc_error_stage(d) && !strstr(msg, "nested deeper"))
            abort();
        if (!doc_error_stage(d) && (n != json_string_length(text) || memcmp(t, json_string_value(text), n) != 0))
            abort();
    }
    /* What jansson cannot hold: numbers beyond double or int64 range, NULs in names, a text of other bytes. */
    enum json_error_code code = json_error_code(&e);
    if (!j && !doc_error_stage(d) && code != json_error_numeric_overflow && code != json_error_invalid_utf8 &&
        code != json_error_null_byte_in_key && !(code == json_error_duplicate_key && nested_duplicate_only(data, size)))
        abort();
    json_decref(j);
}

/* The same document, byte for byte: text, id, carried members, error. */
static void check_same(const pipe_doc *d, const pipe_doc *e)
{
    size_t dn, en;
    const char *dt = doc_get_text(d, &dn), *et = doc_get_text(e, &en);
    const char *dx = doc_extra(d), *ex = doc_extra(e), *dm = doc_error_message(d), *em = doc_error_message(e);
    if (dn != en || memcmp(dt, et, dn) != 0 || strcmp(doc_get_id(d), doc_get_id(e)) != 0 || !dx != !ex ||
        (dx && strcmp(dx, ex) != 0) || !dm != !em || (dm && strcmp(dm, em) != 0) || et[en] != '\0')
        abort();
}

/*
 * The text decoded during the scan and the text decoded after it, and both again on a worker's
 * scratch and spare document that every earlier input has used: the same document, byte for byte.
 */
static void check_paths_agree(const uint8_t *data, size_t size, const pipe_doc *d, const registry *reg)
{
    static doc_cache cache;
    static jsonl_scratch scratch = {.docs = &cache};
    pipe_doc *e = jsonl_doc_path(reg, (const char *)data, size, "fuzz.jsonl", 1, 1 << 20, 0);
    if (!e)
        return; /* out of memory only */
    check_same(d, e);
    doc_free(e);
    for (int one_pass = 0; one_pass <= 1; one_pass++) {
        if (!(e = jsonl_doc_with(&scratch, reg, (const char *)data, size, "fuzz.jsonl", 1, 1 << 20, one_pass)))
            return;
        check_same(d, e);
        doc_cache_put(&cache, e);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static registry reg;
    static int ready;
    if (!ready && registry_init(&reg) == 0)
        ready = 1;
    pipe_doc *d = jsonl_doc(&reg, (const char *)data, size, "fuzz.jsonl", 1, 1 << 20);
    if (!d)
        return 0; /* out of memory only */
    buf out = {0};
    write_opts wo = {NULL, 0, 0, NULL, 0, TEXT_AUTO, 0};
    if (json_write_doc(&out, d, &wo) != 0)
        abort();
    check_output(&out);
    check_against_jansson(data, size, d);
    check_paths_agree(data, size, d, &reg);
    buf_free(&out);
    doc_free(d);
    return 0;
}
