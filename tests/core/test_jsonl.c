/* Unit tests of one JSON Lines line -> one document: validity, exact metadata, output keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "util/buf.h"
#include "doc/doc.h"
#include "output/json_writer.h"
#include "input/jsonl_doc.h"
#include "util/jsonl_scan.h"
#include "doc/layer_registry.h"

#define MAX_BYTES 4096

static registry reg;
/* One worker's scratch and spare document, kept across every line of every test: each line is also
 * made on the memory the lines before it left (a reader that forgot to reset something shows here). */
static doc_cache cache;
static jsonl_scratch scratch = {.docs = &cache};

static int setup(void **state)
{
    (void)state;
    return registry_init(&reg);
}

static int teardown(void **state)
{
    (void)state;
    jsonl_scratch_free(&scratch);
    doc_cache_free(&cache);
    registry_free(&reg);
    return 0;
}

static void same_string(const char *a, const char *b)
{
    if (a || b) {
        assert_non_null(a);
        assert_non_null(b);
        assert_string_equal(a, b);
    }
}

/* d and e are the same document: text, id, carried members, error. */
static void same_doc(const pipe_doc *d, const pipe_doc *e)
{
    size_t dn, en;
    const char *dt = doc_get_text(d, &dn), *et = doc_get_text(e, &en);
    assert_int_equal(dn, en);
    assert_memory_equal(dt, et, dn);
    assert_int_equal(dt[dn], '\0');
    assert_int_equal(et[en], '\0');
    same_string(doc_get_id(d), doc_get_id(e));
    same_string(doc_extra(d), doc_extra(e));
    same_string(doc_error_stage(d), doc_error_stage(e));
    same_string(doc_error_message(d), doc_error_message(e));
}

/* Every line goes through both paths (text decoded during the scan, and after it) and through both again
 * on a worker's reused scratch and spare document: all four must agree exactly. */
static pipe_doc *line_doc(const char *line, size_t len)
{
    pipe_doc *d = jsonl_doc_path(&reg, line, len, "in.jsonl", 7, MAX_BYTES, 1);
    pipe_doc *e = jsonl_doc_path(&reg, line, len, "in.jsonl", 7, MAX_BYTES, 0);
    assert_non_null(d);
    assert_non_null(e);
    same_doc(d, e);
    doc_free(e);
    for (int one_pass = 0; one_pass <= 1; one_pass++) {
        e = jsonl_doc_with(&scratch, &reg, line, len, "in.jsonl", 7, MAX_BYTES, one_pass);
        assert_non_null(e);
        same_doc(d, e);
        doc_cache_put(&cache, e);
    }
    return d;
}

/* The text of a line as the reader gives it (both paths checked by line_doc). */
static void expect_text(const char *line, const char *want, size_t want_len)
{
    pipe_doc *d = line_doc(line, strlen(line));
    size_t n;
    const char *t = doc_get_text(d, &n);
    assert_null(doc_error_message(d));
    assert_int_equal(n, want_len);
    assert_memory_equal(t, want, n);
    doc_free(d);
}

/* Escapes in the text are decoded during the scan, \u0000 and surrogate pairs included, at any place in the runs. */
static void test_text_one_pass(void **state)
{
    (void)state;
    expect_text("{\"text\":\"\"}", "", 0);
    expect_text("{\"text\":\"plain ASCII text longer than eight bytes\"}", "plain ASCII text longer than eight bytes", 40);
    expect_text("{\"text\":\"a\\u0000b\\n\\\"q\\\"\\/\\\\\"}", "a\0b\n\"q\"/\\", 9);
    expect_text("{\"id\":1,\"text\":\"caf\\u00e9 \\ud83d\\ude00 \\u20ac12345678\"}", "caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac"
                                                                                     "12345678",
                22);
    /* Bytes that are not UTF-8 stay in the text as they are (written as U+FFFD on output). */
    expect_text("{\"text\":\"ab\xff\xfe cd\"}", "ab\xff\xfe cd", 7);
    /* A name written with escapes takes the other path, with the same result. */
    expect_text("{\"t\\u0065xt\":\"x\\ty\"}", "x\ty", 3);
    /* The first `text` is decoded, the second makes the line an error on both paths. */
    const char *twice = "{\"text\":\"a\",\"text\":\"b\"}", *escaped = "{\"text\":\"a\",\"t\\u0065xt\":\"b\"}";
    pipe_doc *d = line_doc(twice, strlen(twice));
    assert_non_null(doc_error_message(d));
    doc_free(d);
    d = line_doc(escaped, strlen(escaped));
    assert_non_null(doc_error_message(d));
    doc_free(d);
}

/* The output record of a line (with --layers none: id, members, bytes, counts). */
static char *written(const char *line, size_t len)
{
    pipe_doc *d = line_doc(line, len);
    buf out = {0};
    write_opts wo = {NULL, 0, 0, NULL, 0, TEXT_AUTO, 0};
    assert_int_equal(json_write_doc(&out, d, &wo), 0);
    doc_free(d);
    return out.data;
}

static void expect_output(const char *line, const char *want)
{
    char *got = written(line, strlen(line));
    assert_string_equal(got, want);
    free(got);
}

/* The line is an error record with id in.jsonl:7 whose message contains needle. */
static void expect_error_n(const char *line, size_t len, const char *needle)
{
    pipe_doc *d = line_doc(line, len);
    assert_string_equal(doc_get_id(d), "in.jsonl:7");
    assert_non_null(doc_error_stage(d));
    if (!strstr(doc_error_message(d), needle))
        fail_msg("message '%s' lacks '%s' (line %.80s)", doc_error_message(d), needle, line);
    doc_free(d);
}

static void expect_error(const char *line, const char *needle)
{
    expect_error_n(line, strlen(line), needle);
}

static void test_one_value_per_line(void **state)
{
    (void)state;
    expect_error("{\"id\":\"a\",\"text\":\"x\"}{\"id\":\"b\",\"text\":\"y\"}", "more after the JSON value");
    expect_error("{\"text\":\"x\"} garbage", "more after the JSON value (only whitespace may follow it) at column 14");
    expect_error("{\"text\":\"x\"},", "more after the JSON value");
    expect_error("{\"text\":\"x\"} {}", "more after the JSON value");
    expect_output(" \t{\"id\":\"a\",\"text\":\"x\"} \t\r", "{\"id\":\"a\",\"bytes\":1}");
}

static void test_strict_syntax(void **state)
{
    (void)state;
    expect_error("{\"text\":\"x\",\"n\":01}", "',' or '}' expected");
    expect_error("{\"text\":\"x\",\"n\":1.}", "digits must follow '.'");
    expect_error("{\"text\":\"x\",\"n\":+1}", "a value expected");
    expect_error("{\"text\":\"x\",\"n\":.5}", "a value expected");
    expect_error("{\"text\":\"x\",\"n\":1e}", "digits must follow the exponent");
    expect_error("{\"text\":\"x\",}", "a member name");
    expect_error("{\"text\":\"x\\q\"}", "invalid escape");
    expect_error("{\"text\":\"\\ud800x\"}", "high surrogate");
    expect_error("{\"text\":\"\\udc00\"}", "low surrogate");
    expect_error("{\"text\":\"x\"", "',' or '}' expected");
    expect_error("{\"text\":\"x", "string not closed");
    expect_error("{\"text\":\"x\",\"k\":tru}", "a value expected");
    expect_error("", "line ends where a value should be");
    expect_error("[{\"text\":\"x\"}]", "line is not a JSON object");
    char deep[2 * JSCAN_MAX_DEPTH + 40];
    size_t n = (size_t)sprintf(deep, "{\"text\":\"x\",\"d\":");
    for (int k = 0; k < JSCAN_MAX_DEPTH; k++)
        deep[n++] = '[';
    deep[n] = '\0';
    expect_error(deep, "nested deeper than 512 levels");
}

static void test_raw_controls(void **state)
{
    (void)state;
    static const char nul_text[] = "{\"text\":\"abc\0def\"}";
    expect_error_n(nul_text, sizeof nul_text - 1, "raw control character 0x00 inside a string");
    static const char nul_meta[] = "{\"src\":\"a\0b\",\"text\":\"abcdef\"}";
    expect_error_n(nul_meta, sizeof nul_meta - 1, "raw control character 0x00 inside a string (JSON needs \\u0000) at column 10");
    static const char nul_key[] = "{\"s\0rc\":1,\"text\":\"abcdef\"}";
    expect_error_n(nul_key, sizeof nul_key - 1, "raw control character 0x00");
    static const char nul_between[] = "{\"text\":\0\"abcdef\"}";
    expect_error_n(nul_between, sizeof nul_between - 1, "control character where a value should be");
    expect_error("{\"text\":\"tab\tin\"}", "raw control character 0x09");
    expect_error("{\"text\":\"x\x1f\"}", "raw control character 0x1F");
    expect_error("{\"text\":\"x\",\"m\":{\"a\":\"\x01\"}}", "raw control character 0x01");
    expect_error("{\"text\":\"x\",\f\"m\":1}", "a member name");
    /* Escaped, the same characters are fine and arrive whole. */
    pipe_doc *d = line_doc("{\"text\":\"abc\\u0000def\\t\"}", 25);
    size_t n;
    const char *t = doc_get_text(d, &n);
    assert_null(doc_error_stage(d));
    assert_int_equal(n, 8);
    assert_memory_equal(t, "abc\0def\t", 8);
    doc_free(d);
    expect_output("{\"m\":\"a\\u0000b\",\"text\":\"x\"}", "{\"id\":\"in.jsonl:7\",\"m\":\"a\\u0000b\",\"bytes\":1}");
}

static void test_numbers_exact(void **state)
{
    (void)state;
    expect_output("{\"text\":\"t\",\"a\":18446744073709551616,\"b\":-99999999999999999999999,\"c\":1e400,"
                  "\"d\":1.0,\"e\":-0,\"f\":[1.50, 2E+3],\"g\":{\"h\" : -0.0e-0}}",
                  "{\"id\":\"in.jsonl:7\",\"a\":18446744073709551616,\"b\":-99999999999999999999999,\"c\":1e400,"
                  "\"d\":1.0,\"e\":-0,\"f\":[1.50, 2E+3],\"g\":{\"h\" : -0.0e-0},\"bytes\":1}");
    expect_output("{\"id\":9223372036854775808,\"text\":\"t\"}", "{\"id\":9223372036854775808,\"bytes\":1}");
    expect_output("{\"id\":-0,\"text\":\"t\"}", "{\"id\":-0,\"bytes\":1}");
    expect_output("{\"id\":42,\"text\":\"t\"}", "{\"id\":42,\"bytes\":1}");
    expect_output("{\"id\":\"42\",\"text\":\"t\"}", "{\"id\":\"42\",\"bytes\":1}");
}

static void test_output_keys_not_spoofed(void **state)
{
    (void)state;
    expect_output("{\"id\":\"q\",\"bytes\":999,\"error\":{\"stage\":\"x\",\"message\":\"fake\"},\"src\":\"w\","
                  "\"tokens\":[],\"counts\":{},\"input\":1,\"text\":\"abc\",\"summary\":null}",
                  "{\"id\":\"q\",\"src\":\"w\",\"input\":{\"bytes\":999,\"error\":{\"stage\":\"x\",\"message\":\"fake\"},"
                  "\"tokens\":[],\"counts\":{},\"input\":1,\"summary\":null},\"bytes\":3}");
    /* A name is compared decoded: an escape does not get past. */
    expect_output("{\"by\\u0074es\":1,\"text\":\"abc\"}", "{\"id\":\"in.jsonl:7\",\"input\":{\"bytes\":1},\"bytes\":3}");
    /* Names that differ from pipe's keys stay where they were, in input order. */
    expect_output("{\"b\":1,\"text\":\"abc\",\"Bytes\":2,\"a\":3}", "{\"id\":\"in.jsonl:7\",\"b\":1,\"Bytes\":2,\"a\":3,\"bytes\":3}");
    pipe_doc *d = line_doc("{\"error\":{\"stage\":\"x\",\"message\":\"fake\"},\"text\":\"abc\"}", 53);
    assert_null(doc_error_stage(d));
    doc_free(d);
}

static void test_duplicate_names(void **state)
{
    (void)state;
    expect_error("{\"id\":\"a\",\"a\":1,\"a\":2,\"text\":\"x\"}", "member \"a\" appears twice");
    expect_error("{\"text\":\"x\",\"text\":\"y\"}", "member \"text\" appears twice");
    expect_error("{\"id\":\"a\",\"id\":\"b\",\"text\":\"x\"}", "member \"id\" appears twice");
    expect_error("{\"a\":1,\"\\u0061\":2,\"text\":\"x\"}", "member \"\\u0061\" appears twice");
    /* Nested objects are data: their names are not checked. */
    expect_output("{\"m\":{\"a\":1,\"a\":2},\"text\":\"x\"}", "{\"id\":\"in.jsonl:7\",\"m\":{\"a\":1,\"a\":2},\"bytes\":1}");
}

static void test_ids(void **state)
{
    (void)state;
    expect_error("{\"id\":1.5,\"text\":\"x\"}", "\"id\" is neither a string nor an integer");
    expect_error("{\"id\":1e3,\"text\":\"x\"}", "\"id\" is neither a string nor an integer");
    expect_error("{\"id\":null,\"text\":\"x\"}", "\"id\" is neither a string nor an integer");
    expect_error("{\"id\":\"a\\u0000b\",\"text\":\"x\"}", "\"id\" holds a NUL character");
    /* Long ids are kept whole up to max_document_bytes. */
    char line[MAX_BYTES + 64];
    memset(line, 'i', sizeof line);
    memcpy(line, "{\"id\":\"", 7);
    memcpy(line + 7 + 2000, "\",\"text\":\"x\"}", 14);
    pipe_doc *d = line_doc(line, strlen(line));
    assert_null(doc_error_stage(d));
    assert_int_equal(strlen(doc_get_id(d)), 2000);
    doc_free(d);
    memset(line + 7, 'i', MAX_BYTES + 1);
    memcpy(line + 7 + MAX_BYTES + 1, "\",\"text\":\"x\"}", 14);
    expect_error(line, "\"id\" is larger than max_document_bytes (4096 bytes)");
}

static void test_text_checks(void **state)
{
    (void)state;
    expect_error("{\"id\":\"c\",\"title\":\"no text\"}", "object has no \"text\" member");
    expect_error("{\"text\":42}", "\"text\" is not a string");
    expect_error("{\"src\":\"a\x9d\",\"text\":\"x\"}", "not valid JSON: invalid UTF-8 byte 0x9D at column 10");
    expect_error("{\"s\x9d\":1,\"text\":\"x\"}", "invalid UTF-8 byte 0x9D");
    /* A text may hold any bytes, as a text file may; the writer shows them as U+FFFD. */
    pipe_doc *d = line_doc("{\"text\":\"bad \xff byte\"}", 21);
    size_t n;
    assert_null(doc_error_stage(d));
    assert_memory_equal(doc_get_text(d, &n), "bad \xff byte", 9);
    doc_free(d);
    char big[MAX_BYTES + 32];
    memset(big, 'x', sizeof big);
    memcpy(big, "{\"text\":\"", 9);
    memcpy(big + 9 + MAX_BYTES + 1, "\"}", 3);
    expect_error(big, "text is larger than max_document_bytes");
}

/* The hand-written decoder gives what jansson gives, escape for escape. */
static void test_decode_matches_jansson(void **state)
{
    (void)state;
    static const char *const cases[] = {
        "\"plain\"",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        "\"\\u00e9\\u20AC\\uD83D\\uDE00\"",
        "\"a\\u0000b\"",
        "\"\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"",
        "\"\"",
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        json_t *j = json_loads(cases[k], JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
        assert_non_null(j);
        buf b = {0};
        assert_int_equal(jscan_decode(&b, cases[k] + 1, strlen(cases[k]) - 2), 0);
        assert_int_equal(b.len, json_string_length(j));
        assert_memory_equal(b.data, json_string_value(j), b.len);
        buf_free(&b);
        json_decref(j);
    }
}

/* A document made on a spare's memory starts as a new one would: no records, no error, no members, no pool. */
static void test_spare_document(void **state)
{
    (void)state;
    pipe_layer_id tokens;
    assert_int_equal(registry_find(&reg, PIPE_LAYER_TOKENS, &tokens), PIPE_OK);
    doc_cache c = {0};
    jsonl_scratch ws = {.docs = &c};
    const char *first = "{\"id\":\"a\",\"k\":[1,2],\"text\":\"a first text, longer than the next one\"}";
    pipe_doc *d = jsonl_doc_with(&ws, &reg, first, strlen(first), "in.jsonl", 1, MAX_BYTES, 1);
    assert_non_null(d);
    pipe_token *t = doc_layer_append(d, tokens, 100);
    assert_non_null(t);
    memset(t, 0xAB, 100 * sizeof *t);
    pipe_str str;
    assert_int_equal(doc_str_add(d, "pooled", 6, &str), PIPE_OK);
    doc_set_error(d, "stage", "failed");
    doc_cache_put(&c, d);
    assert_ptr_equal(c.spare, d);
    /* A second document while the spare is taken is freed, not kept. */
    pipe_doc *other = doc_new(&reg, "x", strdup("x"), 1);
    doc_cache_put(&c, other);
    assert_ptr_equal(c.spare, d);

    const char *second = "{\"text\":\"short\"}";
    pipe_doc *e = jsonl_doc_with(&ws, &reg, second, strlen(second), "in.jsonl", 2, MAX_BYTES, 1);
    assert_ptr_equal(e, d); /* the spare's memory, as a new document */
    assert_null(c.spare);
    size_t n;
    assert_string_equal(doc_get_text(e, &n), "short");
    assert_int_equal(n, 5);
    assert_string_equal(doc_get_id(e), "in.jsonl:2");
    assert_string_equal(doc_extra(e), "\"in.jsonl:2\"");
    assert_null(doc_error_stage(e));
    assert_null(doc_error_message(e));
    assert_null(doc_layer_records(e, tokens, &n));
    assert_int_equal(n, 0);
    assert_null(doc_str_get(e, str, &n));
    t = doc_layer_append(e, tokens, 3);
    assert_non_null(t);
    for (size_t k = 0; k < 3 * sizeof *t; k++)
        assert_int_equal(((const unsigned char *)t)[k], 0);

    /* A large document's layer, up to the kept size, is the next document's memory. */
    doc_free(e);
    e = jsonl_doc_with(&ws, &reg, second, strlen(second), "in.jsonl", 3, MAX_BYTES, 1);
    pipe_token *big = doc_layer_append(e, tokens, ((size_t)2 << 20) / sizeof(pipe_token));
    assert_non_null(big);
    memset(big, 0xAB, sizeof *big);
    doc_cache_put(&c, e);
    e = jsonl_doc_with(&ws, &reg, second, strlen(second), "in.jsonl", 3, MAX_BYTES, 1);
    assert_ptr_equal(doc_layer_append(e, tokens, 1), big);
    assert_int_equal(big->start, 0); /* handed out zeroed, as a new document's */

    /* A spare that held a layer over the kept size (its records are given back) still starts empty. */
    assert_non_null(doc_layer_append(e, tokens, DOC_CACHE_KEEP / sizeof(pipe_token) + 1));
    doc_cache_put(&c, e);
    assert_null(doc_layer_records(c.spare, tokens, &n));
    e = jsonl_doc_with(&ws, &reg, second, strlen(second), "in.jsonl", 3, MAX_BYTES, 1);
    assert_non_null(doc_layer_append(e, tokens, 1));
    doc_layer_records(e, tokens, &n);
    assert_int_equal(n, 1);
    doc_free(e);

    /* A failed line leaves the scratch ready for the next one. */
    const char *bad = "{\"text\":\"abc\"} trailing";
    e = jsonl_doc_with(&ws, &reg, bad, strlen(bad), "in.jsonl", 4, MAX_BYTES, 1);
    assert_non_null(doc_error_message(e));
    doc_cache_put(&c, e);
    assert_null(c.spare); /* a failed line's document has no layers to keep */
    e = jsonl_doc_with(&ws, &reg, first, strlen(first), "in.jsonl", 5, MAX_BYTES, 1);
    assert_null(doc_error_message(e));
    assert_string_equal(doc_get_text(e, &n), "a first text, longer than the next one");
    assert_string_equal(doc_extra(e), "\"a\",\"k\":[1,2]");
    doc_free(e);
    jsonl_scratch_free(&ws);
    doc_cache_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_value_per_line),
        cmocka_unit_test(test_strict_syntax),
        cmocka_unit_test(test_raw_controls),
        cmocka_unit_test(test_numbers_exact),
        cmocka_unit_test(test_output_keys_not_spoofed),
        cmocka_unit_test(test_duplicate_names),
        cmocka_unit_test(test_ids),
        cmocka_unit_test(test_text_checks),
        cmocka_unit_test(test_decode_matches_jansson),
        cmocka_unit_test(test_text_one_pass),
        cmocka_unit_test(test_spare_document),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
