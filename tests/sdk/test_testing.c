/*
 * The installed test harness (pipe/testing.h) from the build tree: real
 * bundled stages over a string, a stage from an added folder, options through
 * a pipeline text, and the errors a stage author sees.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <pipe/testing.h>

static void bundled_stages_over_a_string(void **unused)
{
    (void)unused;
    pipe_test_result *r;
    assert_int_equal(pipe_test_run("tokenizer, sentences", "One sentence. And another one.", &r), PIPE_OK);
    size_t n;
    const pipe_token *tok = pipe_test_layer(r, PIPE_LAYER_TOKENS, &n);
    assert_int_equal(n, 7);
    assert_int_equal(tok[1].start, 4);
    assert_int_equal(tok[1].end, 12);
    const pipe_sentence *s = pipe_test_layer(r, PIPE_LAYER_SENTENCES, &n);
    assert_int_equal(n, 2);
    assert_int_equal(s[1].start, 14);
    assert_int_equal(s[1].first_token, 3);
    assert_non_null(strstr(pipe_test_json(r), "\"sentences\":[{\"start\":0,\"end\":13,"));
    assert_null(pipe_test_error(r));
    assert_null(pipe_test_layer(r, "no.such.layer", &n));
    assert_int_equal(n, 0);
    pipe_test_free(r);
}

static void text_with_nul_bytes(void **unused)
{
    (void)unused;
    pipe_test_result *r;
    assert_int_equal(pipe_test_run_n("tokenizer", "a\0b", 3, &r), PIPE_OK);
    assert_non_null(strstr(pipe_test_json(r), "\"bytes\":3"));
    pipe_test_free(r);
}

static void options_through_a_pipeline_text(void **unused)
{
    (void)unused;
    pipe_test_result *r;
    const char *conf = "stages = ( { plugin = \"tokenizer\"; },\n"
                       "  { plugin = \"longest\"; options = { min_bytes = 6; }; } );\n";
    assert_int_equal(pipe_test_run(conf, "Short words only.", &r), PIPE_OK);
    size_t n;
    assert_null(pipe_test_layer(r, "longest_word", &n));
    pipe_test_free(r);
    assert_int_equal(pipe_test_run(conf, "Some lengthier words.", &r), PIPE_OK);
    assert_non_null(pipe_test_layer(r, "longest_word", &n));
    assert_int_equal(n, 1);
    assert_non_null(strstr(pipe_test_json(r), "\"text\":\"lengthier\",\"bytes\":9"));
    pipe_test_free(r);
}

static void errors_name_the_cause(void **unused)
{
    (void)unused;
    pipe_test_result *r;
    assert_int_equal(pipe_test_run("tokenizer,nosuchstage", "x", &r), PIPE_ERR_CONFIG);
    assert_non_null(strstr(pipe_test_error(r), "plugin 'nosuchstage' not found"));
    assert_null(pipe_test_json(r));
    pipe_test_free(r);
    /* The order is checked as pipe checks it: sentences needs tokens first. */
    assert_int_equal(pipe_test_run("sentences", "x", &r), PIPE_ERR_CONFIG);
    assert_non_null(strstr(pipe_test_error(r), "tokens"));
    pipe_test_free(r);
    pipe_test_free(NULL);
}

int main(int argc, char **argv)
{
    /* The C++ test stage lives beside the tests, not among the bundled stages. */
    assert_int_equal(argc, 2);
    assert_int_equal(pipe_test_add_plugin_dir(argv[1]), PIPE_OK);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bundled_stages_over_a_string),
        cmocka_unit_test(text_with_nul_bytes),
        cmocka_unit_test(options_through_a_pipeline_text),
        cmocka_unit_test(errors_name_the_cause),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
