/*
 * Unit test of the example stage with a fake host: the way to test your own
 * stage. The host services are plain function pointers, so a test provides
 * just the ones the stage calls and inspects what it appended.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pipe/plugin.h>

/* The descriptor the stage exports (PIPE_PLUGIN_DEFINE in example.c). */
const pipe_plugin *example_LTX_pipe_plugin_entry(void);

/* One fake document with room for a few records of one layer. */
struct pipe_doc {
    const char *text;
    size_t len;
    unsigned char records[4][64];
    size_t count;
    size_t record_size;
};

static char last_error[256];
static int64_t wpm_option = 230;
static size_t registered_record_size;

static void fake_set_error(pipe_host *h, const char *fmt, ...)
{
    (void)h;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
}

static int fake_opt_int(const pipe_cfg *cfg, const char *name, int64_t *out)
{
    (void)cfg;
    if (strcmp(name, "words_per_minute") != 0)
        return PIPE_ERR_NOTFOUND;
    *out = wpm_option;
    return PIPE_OK;
}

static int fake_layer_register(pipe_host *h, const pipe_layer_schema *s, pipe_layer_id *id)
{
    (void)h;
    assert_string_equal(s->name, "example_stats");
    registered_record_size = s->record_size;
    *id = 7;
    return PIPE_OK;
}

static const char *fake_doc_text(const pipe_doc *d, size_t *len)
{
    *len = d->len;
    return d->text;
}

static int fake_layer_append(pipe_doc *d, pipe_layer_id id, size_t n, void **out)
{
    assert_int_equal(id, 7);
    assert_true(d->count + n <= 4);
    d->record_size = registered_record_size;
    *out = d->records[d->count];
    memset(*out, 0, n * sizeof d->records[0]);
    d->count += n;
    return PIPE_OK;
}

static pipe_host_api fake_api(void)
{
    pipe_host_api api;
    memset(&api, 0, sizeof api);
    api.abi_major = PIPE_ABI_MAJOR;
    api.abi_minor = PIPE_ABI_MINOR;
    api.struct_size = sizeof api;
    api.set_error = fake_set_error;
    api.opt_int = fake_opt_int;
    api.layer_register = fake_layer_register;
    api.doc_text = fake_doc_text;
    api.layer_append = fake_layer_append;
    return api;
}

/* The record layout as the schema declares it: start, end, chars, words, lines, paragraphs, minutes. */
typedef struct stats_view {
    uint32_t start, end, chars, words, lines, paragraphs;
    double minutes;
} stats_view;

static void test_counts(void **state)
{
    (void)state;
    const pipe_plugin *d = example_LTX_pipe_plugin_entry();
    pipe_host_api api = fake_api();
    void *shared = NULL, *st = NULL;
    wpm_option = 2;
    assert_int_equal(d->init(&api, NULL, NULL, &shared), PIPE_OK);
    assert_int_equal(d->create(&api, NULL, NULL, shared, &st), PIPE_OK);
    struct pipe_doc doc = {"Headline\n\nThe minister said “yes”. Then — nothing.\n", 0, {{0}}, 0, 0};
    doc.len = strlen(doc.text);
    pipe_call call = {sizeof call, &api, NULL, &doc, shared};
    assert_int_equal(d->process(st, &call), PIPE_OK);
    assert_int_equal(doc.count, 1);
    stats_view v;
    memcpy(&v, doc.records[0], sizeof v);
    assert_int_equal(v.start, 0);
    assert_int_equal(v.end, doc.len);
    assert_int_equal(v.words, 7); /* the lone dash is not a word */
    assert_int_equal(v.paragraphs, 2);
    assert_int_equal(v.lines, 3);
    assert_true(v.minutes == 3.5); /* 7 words at 2 words a minute */
    d->destroy(st);
}

/* The range of words_per_minute is declared, so the host (not the stage) refuses 0. */
static void test_option_range_is_declared(void **state)
{
    (void)state;
    const pipe_plugin *d = example_LTX_pipe_plugin_entry();
    assert_int_equal(d->option_size, sizeof(pipe_option));
    const pipe_option *o = &d->options[0];
    assert_string_equal(o->name, "words_per_minute");
    assert_true(o->flags & PIPE_OPTF_MIN);
    assert_true(o->min == 1);
    assert_null(d->options[1].name);
    (void)last_error;
}

static void test_descriptor(void **state)
{
    (void)state;
    const pipe_plugin *d = example_LTX_pipe_plugin_entry();
    assert_int_equal(d->abi_major, PIPE_ABI_MAJOR);
    assert_int_equal(d->struct_size, sizeof(pipe_plugin));
    assert_string_equal(d->name, "example");
    assert_string_equal(d->produces[0], "example_stats");
    assert_null(d->consumes);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_option_range_is_declared),
        cmocka_unit_test(test_descriptor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
