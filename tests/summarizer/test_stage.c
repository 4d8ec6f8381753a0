/*
 * Tests of the summarizer stage in a real pipeline (tokenizer, sentences,
 * summarizer from the build tree). While the sentences stage is not built
 * yet, the pipeline cannot load and every test is skipped.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#define PIPELINE(opts)                                                     \
    "stages = ( { plugin = \"tokenizer\"; }, { plugin = \"sentences\"; }," \
    " { plugin = \"summarizer\"; options = { " opts " }; } );"

/* Build a pipeline or skip the test when a stage is missing. */
static harness *make(const char *conf)
{
    char err[512];
    harness *h = harness_try(conf, err, sizeof err);
    if (!h && strstr(err, "not found")) {
        print_message("skipped: %s\n", err);
        skip();
    }
    if (!h)
        fail_msg("%s", err);
    return h;
}

static int contains(const char *text, const pipe_summary *p, size_t n, const char *needle)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = p[i].end - p[i].start;
        char *s = strndup(text + p[i].start, len);
        int hit = strstr(s, needle) != NULL;
        free(s);
        if (hit)
            return 1;
    }
    return 0;
}

/* The golden test of the issue: samples/huawei-no-spy.txt at 3 sentences. */
static void test_huawei(void **st)
{
    (void)st;
    harness *h = make(PIPELINE("sentences = 3;"));
    size_t len, n;
    char *text = harness_read_file("samples/huawei-no-spy.txt", &len);
    assert_non_null(text);
    pipe_doc *d = harness_run_n(h, text, len);
    assert_null(harness_error_stage(d));
    const pipe_summary *p = harness_layer(h, d, "summary", &n);
    assert_int_equal(n, 3);
    for (size_t i = 1; i < n; i++)
        assert_true(p[i].sentence > p[i - 1].sentence);
    assert_true(contains(text, p, n, "willing to sign a 'no spying' agreement"));
    assert_true(contains(text, p, n, "has never been asked to hand over data"));
    const char *const boiler[] = {"server room", "Image credit", "Sign up", "Recent articles",
                                  "Huawei offers to sign"};
    for (size_t b = 0; b < sizeof boiler / sizeof *boiler; b++)
        assert_false(contains(text, p, n, boiler[b]));
    harness_doc_free(d);
    harness_free(h);
    free(text);
}

/* Every method and the options run through the plugin; bad values are refused. */
static void test_options(void **st)
{
    (void)st;
    const char *const good[] = {PIPELINE("method = \"lead\";"), PIPELINE("method = \"textrank\";"),
                                PIPELINE("method = \"lexrank\";"), PIPELINE("method = \"mmr\"; lambda = 0.5;"),
                                PIPELINE("method = \"learned\";"),
                                PIPELINE("ratio = 0.5;"), PIPELINE("max_words = 40; sentences = 10;")};
    const char *text = "Ministers met on Monday to agree the budget for the coming year.\n\n"
                       "The budget raises spending on schools and hospitals by five percent.\n\n"
                       "Opposition parties said the plan did too little for families on low incomes.\n\n"
                       "A vote on the budget is expected in parliament next week.\n";
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        harness *h = make(good[i]);
        pipe_doc *d = harness_run(h, text);
        size_t n;
        harness_layer(h, d, "summary", &n);
        assert_true(n >= 1 && n <= 3);
        harness_doc_free(d);
        harness_free(h);
    }
    const char *const bad[] = {PIPELINE("method = \"luhn\";"), PIPELINE("ratio = 2.0;"),
                               PIPELINE("sentences = -1;"), PIPELINE("language = \"xx\";")};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char err[512];
        harness *h = harness_try(bad[i], err, sizeof err);
        assert_null(h);
    }
}

/* A bad weights file stops the stage from being created, with the file and line in the message. */
static void test_bad_weights(void **st)
{
    (void)st;
    harness_free(make(PIPELINE("method = \"learned\";"))); /* skips when a stage is not built */
    char path[64];
    snprintf(path, sizeof path, "/tmp/test_stage_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("# weights\nbias 0.1\nposition zero\n", f);
    fclose(f);
    char conf[512], err[512], where[128];
    snprintf(conf, sizeof conf,
             "stages = ( { plugin = \"tokenizer\"; }, { plugin = \"sentences\"; },"
             " { plugin = \"summarizer\"; options = { method = \"learned\"; weights = \"%s\"; }; } );",
             path);
    assert_null(harness_try(conf, err, sizeof err));
    snprintf(where, sizeof where, "%s:3: \"zero\" is not a finite number", path);
    if (!strstr(err, where))
        fail_msg("\"%s\" lacks \"%s\"", err, where);
    unlink(path);
    /* A missing file is named too. */
    assert_null(harness_try(PIPELINE("method = \"learned\"; weights = \"no-such-weights.txt\";"), err, sizeof err));
    assert_non_null(strstr(err, "no-such-weights.txt"));
}

static void test_empty(void **st)
{
    (void)st;
    harness *h = make(PIPELINE("sentences = 3;"));
    const char *const texts[] = {"", "One sentence only, but a real one.", "\n\n\n"};
    for (size_t i = 0; i < 3; i++) {
        pipe_doc *d = harness_run(h, texts[i]);
        assert_null(harness_error_stage(d));
        size_t n;
        harness_layer(h, d, "summary", &n);
        assert_true(n <= 1);
        harness_doc_free(d);
    }
    harness_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_huawei),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_bad_weights),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
