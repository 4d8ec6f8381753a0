/* Unit tests of the core: config parsing, plugin loading, documents and layers, the JSON writer. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/buf.h"
#include "config/pipeline_conf.h"
#include "doc/doc.h"
#include "harness.h"
#include "output/json_writer.h"
#include "plugins/loader.h"
#include "config/stage_options.h"
#include "run/pipeline.h"
#include "doc/layer_registry.h"
#include "util/utf8.h"

/* Write text to a temporary config file; returns its malloc'd path. */
static char *tmp_conf(const char *text)
{
    char *path = strdup("/tmp/pipe-conf-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

/* Load text as a config and expect failure with a message containing ":LINE: " (line 0: the whole file,
   "PATH: ") and needle. */
static void expect_conf_error(const char *text, int line, const char *needle)
{
    char *path = tmp_conf(text);
    conf c;
    char err[1024] = "";
    assert_int_equal(conf_load(&c, path, err, sizeof err), -1);
    char where[PATH_MAX + 64];
    if (line)
        snprintf(where, sizeof where, ":%d: ", line);
    else
        snprintf(where, sizeof where, "%s: ", path);
    if (!strstr(err, where) || !strstr(err, needle) || !strstr(err, path))
        fail_msg("config error '%s' lacks '%s', line marker '%s' or the path", err, needle, where);
    conf_free(&c);
    unlink(path);
    free(path);
}

static void test_config_good(void **st)
{
    (void)st;
    char *path = tmp_conf("# comment\n"
                          "plugin_path = [\"plugins\", \"/opt/pipe\"];\n"
                          "max_document_bytes = 1000;\n"
                          "stages = (\n"
                          "  { plugin = \"example\"; },\n"
                          "  { plugin = \"example\"; name = \"second\"; options = { words_per_minute = 100; }; }\n"
                          ");\n"
                          "output = { format = \"text\"; layers = [\"stats\"]; pretty = true; text = false;"
                          " path = \"out.json\"; };\n");
    conf c;
    char err[1024];
    assert_int_equal(conf_load(&c, path, err, sizeof err), 0);
    assert_int_equal(c.nstages, 2);
    assert_string_equal(c.stages[0].plugin, "example");
    assert_string_equal(c.stages[0].name, "example");
    assert_string_equal(c.stages[1].name, "second");
    assert_int_equal(c.stages[1].line, 6);
    assert_int_equal(c.nplugin_path, 2);
    assert_string_equal(c.plugin_path[1], "/opt/pipe");
    assert_int_equal(c.format, OUT_TEXT);
    assert_int_equal(c.nlayers, 1);
    assert_string_equal(c.layers[0], "stats");
    assert_true(c.pretty);
    assert_int_equal(c.text, TEXT_OFF);
    assert_string_equal(c.output_path, "out.json");
    assert_int_equal(c.max_document_bytes, 1000);
    assert_string_equal(c.dir, "/tmp");
    conf_free(&c);
    unlink(path);
    free(path);
}

static void test_config_errors(void **st)
{
    (void)st;
    expect_conf_error("stages = (\n { plugin = \"a\"; }\n", 3, "syntax error");
    expect_conf_error("stages = ( { plugin = \"a\"; } );\nstagse = 1;\n", 2, "unknown key 'stagse'");
    expect_conf_error("stages = (\n { plugin = \"a\"; optoins = {}; }\n);\n", 2, "unknown key 'optoins' in stage");
    expect_conf_error("stages = (\n { name = \"a\"; }\n);\n", 2, "no 'plugin'");
    expect_conf_error("stages = ( { plugin = 5; } );\n", 1, "'plugin' must be a string");
    expect_conf_error("stages = ( { plugin = \"../evil\"; } );\n", 1, "not a path");
    expect_conf_error("stages = ( { plugin = \"a\"; },\n { plugin = \"a\"; } );\n", 2, "two stages are named 'a'");
    expect_conf_error("stages = ( { plugin = \"a\"; } );\noutput = { pretty = 1; };\n", 2, "'pretty' must be true or false");
    expect_conf_error("stages = ( { plugin = \"a\"; } );\noutput = { format = \"xml\"; };\n", 2,
                      "unknown output format 'xml'");
    expect_conf_error("stages = ( { plugin = \"a\"; } );\noutput = { layers = [1, 2]; };\n", 2,
                      "array of strings");
    expect_conf_error("stages = ( { plugin = \"a\"; } );\noutput = { colour = true; };\n", 2, "unknown key 'colour'");
    expect_conf_error("stages = ();\n", 1, "'stages' is empty");
    expect_conf_error("output = {};\n", 0, "no 'stages' list");
    expect_conf_error("stages = ( { plugin = \"a\"; } );\nmax_document_bytes = 0;\n", 2, "max_document_bytes");
    expect_conf_error("stages = ( { plugin = \"a\"; options = 3; } );\n", 1, "'options' must be a group");
}

static void test_config_missing_file(void **st)
{
    (void)st;
    conf c;
    char err[512];
    assert_int_equal(conf_load(&c, "/nonexistent/pipe.conf", err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/pipe.conf: cannot open pipeline file"));
    conf_free(&c);
}

static const pipe_option decls[] = {{.name = "n", .type = PIPE_OPT_INT, .default_value = "3", .help = "an int"},
                                    {.name = "ratio", .type = PIPE_OPT_DOUBLE, .default_value = "0.25", .help = "a double"},
                                    {.name = "on", .type = PIPE_OPT_BOOL, .default_value = "true", .help = "a bool"},
                                    {.name = "mode", .type = PIPE_OPT_STRING, .default_value = "news", .help = "a string"},
                                    {.name = "list", .type = PIPE_OPT_STRLIST, .default_value = "a,b,c", .help = "a list"},
                                    {.name = "noval", .type = PIPE_OPT_STRING, .default_value = NULL, .help = "unset by default"},
                                    PIPE_OPTION_END};

static void test_options_defaults_and_text(void **st)
{
    (void)st;
    char err[512];
    pipe_cfg *cfg = cfg_new(decls, err, sizeof err);
    assert_non_null(cfg);
    int64_t i;
    double d;
    int b;
    const char *s;
    const char *const *items;
    size_t n;
    assert_int_equal(cfg_get_int(cfg, "n", &i), PIPE_OK);
    assert_int_equal(i, 3);
    assert_int_equal(cfg_get_double(cfg, "ratio", &d), PIPE_OK);
    assert_true(d == 0.25);
    assert_int_equal(cfg_get_double(cfg, "n", &d), PIPE_OK); /* int widens to double */
    assert_true(d == 3.0);
    assert_int_equal(cfg_get_int(cfg, "ratio", &i), PIPE_ERR_TYPE); /* double never narrows */
    assert_int_equal(cfg_get_bool(cfg, "on", &b), PIPE_OK);
    assert_true(b);
    assert_int_equal(cfg_get_string(cfg, "mode", &s), PIPE_OK);
    assert_string_equal(s, "news");
    assert_int_equal(cfg_get_strlist(cfg, "list", &items, &n), PIPE_OK);
    assert_int_equal(n, 3);
    assert_string_equal(items[2], "c");
    assert_null(items[3]);
    assert_int_equal(cfg_get_string(cfg, "noval", &s), PIPE_ERR_NOTFOUND);
    assert_int_equal(cfg_get_string(cfg, "nosuch", &s), PIPE_ERR_NOTFOUND);

    assert_int_equal(cfg_set_text(cfg, "n", "12", err, sizeof err), 0);
    assert_int_equal(cfg_get_int(cfg, "n", &i), PIPE_OK);
    assert_int_equal(i, 12);
    assert_int_equal(cfg_set_text(cfg, "n", "1.5", err, sizeof err), -1);
    assert_non_null(strstr(err, "wants an int"));
    assert_int_equal(cfg_set_text(cfg, "n", "12abc", err, sizeof err), -1);
    assert_int_equal(cfg_set_text(cfg, "on", "yes", err, sizeof err), -1);
    assert_non_null(strstr(err, "wants true or false"));
    assert_int_equal(cfg_set_text(cfg, "ratio", "nan", err, sizeof err), -1);
    assert_int_equal(cfg_set_text(cfg, "ratio", "2", err, sizeof err), 0);
    assert_int_equal(cfg_set_text(cfg, "list", "", err, sizeof err), 0);
    assert_int_equal(cfg_get_strlist(cfg, "list", &items, &n), PIPE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(cfg_set_text(cfg, "bogus", "1", err, sizeof err), -1);
    assert_non_null(strstr(err, "unknown option 'bogus' (valid options: n, ratio, on, mode, list, noval)"));
    cfg_free(cfg);

    static const pipe_option bad[] = {{.name = "n", .type = PIPE_OPT_INT, .default_value = "three", .help = "bad default"}, PIPE_OPTION_END};
    assert_null(cfg_new(bad, err, sizeof err));
    assert_non_null(strstr(err, "bad default for option 'n'"));
}

/* Apply the options group of a one-stage config to the decls above. */
static int apply(const char *opts, char *err, size_t errlen)
{
    char text[512];
    snprintf(text, sizeof text, "stages = (\n { plugin = \"x\";\n options = {\n %s\n }; }\n);\n", opts);
    char *path = tmp_conf(text);
    conf c;
    assert_int_equal(conf_load(&c, path, err, errlen), 0);
    pipe_cfg *cfg = cfg_new(decls, err, errlen);
    int rc = conf_apply_options(&c, 0, cfg, err, errlen);
    cfg_free(cfg);
    conf_free(&c);
    unlink(path);
    free(path);
    return rc;
}

static void test_config_option_types(void **st)
{
    (void)st;
    char err[1024];
    assert_int_equal(apply("n = 5; ratio = 1; on = false; mode = \"uax29\"; list = [\"x\"];", err, sizeof err), 0);
    assert_int_equal(apply("n = 5L;", err, sizeof err), 0);
    assert_int_equal(apply("n = 0.2;", err, sizeof err), -1);
    assert_non_null(strstr(err, ":4: option 'n' of stage 'x' must be an int, not a float"));
    assert_int_equal(apply("on = 1;", err, sizeof err), -1);
    assert_non_null(strstr(err, ":4: option 'on' of stage 'x' must be true or false, not an int"));
    assert_int_equal(apply("mode = 3;", err, sizeof err), -1);
    assert_non_null(strstr(err, "must be a string"));
    assert_int_equal(apply("list = [1];", err, sizeof err), -1);
    assert_non_null(strstr(err, "array of strings"));
    assert_int_equal(apply("nn = 1;", err, sizeof err), -1);
    assert_non_null(strstr(err, ":4: stage 'x' has no option 'nn' (valid options: n, ratio"));
}

/* Build a pipeline from config text with the fixture and build-tree plugins; expect an error containing needle. */
static void expect_build_error(const char *text, const char *needle)
{
    char err[2048] = "";
    harness *h = harness_try(text, err, sizeof err);
    if (h || !strstr(err, needle))
        fail_msg("expected build error containing '%s', got '%s'", needle, h ? "(success)" : err);
}

#define FX_PATH "plugin_path = \"" FIXTURE_DIR "\";\n"

/* Run one document through the rogue stage (mode as given) and the sentence splitter. */
static pipe_doc *run_rogue(const char *mode, const char *text, harness **h)
{
    char text_conf[512];
    snprintf(text_conf, sizeof text_conf, FX_PATH "stages = ( { plugin = \"rogue\"; options = { mode = \"%s\"; }; },\n"
                                                  "{ plugin = \"sentences\"; } );",
             mode);
    *h = harness_new(text_conf);
    assert_non_null(*h);
    return harness_run(*h, text);
}

/* Hostile layers never reach the next stage: the host checks the rogue producer's records. */
static void test_layer_contract_records(void **st)
{
    (void)st;
    static const char *const cases[][2] = {
        {"past_end", "tokens record 1 [0, 110): span [start, end) is not inside the text"},
        {"end_zero", "tokens record 1 [5, 0): span [start, end) is not inside the text"},
        {"unsorted", "tokens record 1 [0, 10): records are not sorted by start"},
        {"bad_kind", "tokens record 0 [0, 10) field 'kind': has no name (an unknown enum value)"},
        {"undeclared", "layer contract: layer_append to layer 'summary', which the stage does not declare in produces"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        harness *h;
        pipe_doc *d = run_rogue(cases[k][0], "0123456789", &h);
        assert_string_equal(harness_error_stage(d), "rogue");
        if (!strstr(harness_error_message(d), cases[k][1]))
            fail_msg("%s: got '%s'", cases[k][0], harness_error_message(d));
        size_t n;
        assert_null(harness_layer(h, d, "sentences", &n)); /* the splitter never ran */
        harness_doc_free(d);
        harness_free(h);
    }
    /* Layers that keep the contract and nothing more reach the splitter, which must cope (ASan watches). */
    static const char *const fine[] = {"good", "empty"};
    for (size_t k = 0; k < 2; k++) {
        harness *h;
        pipe_doc *d = run_rogue(fine[k], "A. B.", &h);
        assert_null(harness_error_stage(d));
        size_t n;
        harness_layer(h, d, "sentences", &n);
        assert_true(n >= 1);
        harness_doc_free(d);
        harness_free(h);
    }
}

/* A message set on a document that succeeded is gone before the next call. */
static void test_stale_error_cleared(void **st)
{
    (void)st;
    harness *h;
    pipe_doc *ok = run_rogue("stale", "fine", &h);
    assert_null(harness_error_stage(ok));
    pipe_doc *bad = harness_run(h, "FAIL");
    assert_string_equal(harness_error_stage(bad), "rogue");
    assert_string_equal(harness_error_message(bad), "document cannot be processed (status -3)");
    harness_doc_free(ok);
    harness_doc_free(bad);
    harness_free(h);
}

/* Load-time contract and declared option checks, each with FILE:LINE. */
static void test_layer_contract_load(void **st)
{
    (void)st;
    expect_build_error("stages = ( { plugin = \"tokenizer\"; },\n { plugin = \"tokenizer\"; name = \"again\"; } );",
                       ":2: stage 'again' produces 'tokens', which stage 'tokenizer' already produces; a layer has "
                       "one producer");
    expect_build_error("stages = ( { plugin = \"tokenizer\"; }, { plugin = \"sentences\"; },\n"
                       " { plugin = \"summarizer\"; },\n { plugin = \"quotes\"; } );",
                       ":2: stage 'summarizer' reads 'quotes' when an earlier stage produces it, but stage 'quotes' "
                       "produces it only later");
    expect_build_error(FX_PATH "stages = (\n { plugin = \"rogue\"; } );",
                       ":3: stage 'rogue' needs option 'mode' (which breach to commit)");
    expect_build_error(FX_PATH "stages = (\n { plugin = \"rogue\";\n options = { mode = \"bogus\"; }; } );",
                       ":4: stage 'rogue': option 'mode' is \"bogus\", not one of: past_end, end_zero");
    expect_build_error(FX_PATH "stages = (\n { plugin = \"rogue\";\n options = { mode = \"good\"; count = 9; }; } );",
                       ":4: stage 'rogue': option 'count' is 9, above its maximum 3");
    expect_build_error("stages = ( { plugin = \"sentences\"; options = {\n max_sentence_bytes = -1; }; } );",
                       ":2: stage 'sentences': option 'max_sentence_bytes' is -1, below its minimum 0");
}

static void test_loader_errors(void **st)
{
    (void)st;
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"abi1\"; } );",
                       "abi1.so: plugin was built for pipe plugin ABI 1.0, this runner provides ABI 2.0 (major versions "
                       "differ); rebuild the plugin against this pipe's SDK (checked before loading it)");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"missing_dep\"; } );",
                       "missing_dep.so: cannot load plugin: libfxdep.so: cannot open shared object file");
    expect_build_error("stages = ( { plugin = \"nosuch\"; } );", "plugin 'nosuch' not found (looked for nosuch.so in:");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"bad_abi\"; } );",
                       "bad_abi.so: plugin was built for pipe plugin ABI 99.0, this runner provides ABI 2.0");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"newer_minor\"; } );",
                       "newer_minor.so: plugin was built for pipe plugin ABI 2.1");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"no_entry\"; } );",
                       "no_entry.so: not a pipe plugin: no symbol 'no_entry_LTX_pipe_plugin_entry'");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"no_note\"; } );",
                       "no_note.so: not a pipe plugin: no pipe ABI note");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"ctor_abi\"; } );",
                       "ctor_abi.so: plugin was built for pipe plugin ABI 99.0, this runner provides ABI 2.0 "
                       "(major versions differ); rebuild the plugin against this pipe's SDK (checked before loading it)");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"not_an_object\"; } );",
                       "not_an_object.so: cannot load plugin:");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"wrong_name\"; } );",
                       "descriptor names the stage 'other_name' but the file is 'wrong_name'");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = (\n { plugin = \"consumer\"; } );",
                       ":3: stage 'consumer' consumes 'tokens' but no earlier stage produces it");
    expect_build_error("plugin_path = \"" FIXTURE_DIR "\";\nstages = ( { plugin = \"failing_create\"; } );",
                       "stage 'failing_create' (" FIXTURE_DIR "/failing_create.so) failed to start: model file is missing");
    expect_build_error("stages = ( { plugin = \"example\"; } );\noutput = { layers = [\"tokens\"]; };",
                       "output layer 'tokens' is not produced by any stage of this pipeline (produced: example_stats)");
}

static void test_loader_refuses_world_writable(void **st)
{
    (void)st;
    char dir[] = "/tmp/pipe-ww-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char src[512], dst[512], cmd[1200];
    snprintf(src, sizeof src, "%s/failing_process.so", FIXTURE_DIR);
    snprintf(dst, sizeof dst, "%s/failing_process.so", dir);
    snprintf(cmd, sizeof cmd, "cp '%s' '%s' && chmod 0757 '%s'", src, dst, dir);
    assert_int_equal(system(cmd), 0);
    strvec dirs = {0};
    strvec_add(&dirs, dir);
    plugin_mod m;
    char err[1024];
    assert_int_equal(loader_open("failing_process", &dirs, &m, err, sizeof err), -1);
    assert_non_null(strstr(err, "can be written by any user (mode 0757)"));
    loader_allow_insecure(1);
    assert_int_equal(loader_open("failing_process", &dirs, &m, err, sizeof err), 0);
    loader_close(&m);
    loader_allow_insecure(0);
    strvec_free(&dirs);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static const char *fx_conf = "plugin_path = \"" FIXTURE_DIR "\";\n"
                             "stages = ( { plugin = \"failing_process\"; name = \"fx\";\n"
                             "  options = { label = \"caf\\xc3\\xa9\"; count = 42; flag = true; words = [\"p\"]; }; } );";

static void test_custom_layer_json(void **st)
{
    (void)st;
    harness *h = harness_new(fx_conf);
    assert_non_null(h);
    pipe_doc *d = harness_run(h, "abcdef");
    assert_null(harness_error_stage(d));
    char *json = harness_json(h, d);
    assert_string_equal(json, "{\"id\":\"test\",\"bytes\":6,\"fx_all\":[{\"start\":0,\"end\":6,\"u8\":1,\"b\":true,"
                              "\"e\":\"one\",\"fl\":[\"a\",\"b\"],\"i32\":-5,\"span\":[0,4],\"spantext\":\"abcd\","
                              "\"i64\":42,\"f\":0.5,\"s\":\"caf\xc3\xa9\"}]}");
    free(json);
    harness_doc_free(d);

    d = harness_run(h, "x FAIL y");
    assert_string_equal(harness_error_stage(d), "fx");
    assert_string_equal(harness_error_message(d), "found FAIL at byte 2");
    json = harness_json(h, d);
    assert_string_equal(json, "{\"id\":\"test\",\"error\":{\"stage\":\"fx\",\"message\":\"found FAIL at byte 2\"}}");
    free(json);
    harness_doc_free(d);
    harness_free(h);
}

static void test_json_string_escaping(void **st)
{
    (void)st;
    buf b = {0};
    const char in[] = "a\"b\\c\n\t\r\x01\x1f/\xc3\xa9\xe2\x80\x9c";
    assert_int_equal(json_put_string(&b, in, sizeof in - 1), 0);
    assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\t\\r\\u0001\\u001f/\xc3\xa9\xe2\x80\x9c\"");
    buf_clear(&b);
    /* NUL, a lone continuation byte, an overlong '/', a surrogate, a truncated sequence. */
    const char bad[] = "x\0y\x80z\xc0\xafw\xed\xa0\x80v\xe2\x80";
    assert_int_equal(json_put_string(&b, bad, sizeof bad - 1), 0);
    assert_string_equal(b.data, "\"x\\u0000y\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBDw\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                                "v\xEF\xBF\xBD\xEF\xBF\xBD\"");
    assert_int_equal(utf8_valid_prefix(b.data, b.len), b.len);
    buf_free(&b);
}

/* The escaping rules one byte at a time, as the writer had them before its eight-byte fast path: the oracle. */
static void escape_slowly(buf *b, const unsigned char *u, size_t n)
{
    buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        size_t adv = 1;
        unsigned char c = u[i];
        if (c >= 0x80 && utf8_decode(u + i, n - i, &adv) != UTF8_INVALID) {
            buf_add(b, (const char *)u + i, adv);
            i += adv;
            continue;
        }
        if (c == '"' || c == '\\')
            buf_printf(b, "\\%c", c);
        else if (c == '\n' || c == '\t' || c == '\r')
            buf_printf(b, "\\%c", c == '\n' ? 'n' : c == '\t' ? 't' :
                                                                'r');
        else if (c < 0x20)
            buf_printf(b, "\\u%04x", c);
        else if (c >= 0x80)
            buf_puts(b, "\xEF\xBF\xBD");
        else
            buf_putc(b, (char)c);
        i++;
    }
    buf_putc(b, '"');
}

/* Every byte that needs escaping is found at every offset of the eight-byte words, in runs of any length. */
static void test_json_string_fast_path(void **st)
{
    (void)st;
    static const unsigned char alphabet[] = {'a', ' ', '.', '"', '\\', '\n', 0x01, 0x1f, 0x20, 0x7f, 0xc3, 0xa9,
                                             0xe2, 0x80, 0x9c, 0xff, 0x00, '/', '!', '#', '[', '`', '{', '~'};
    uint32_t x = 12345;
    buf got = {0}, want = {0};
    unsigned char in[80];
    for (int round = 0; round < 20000; round++) {
        size_t n = (size_t)(round % 80), plain = (size_t)(round % 7);
        for (size_t k = 0; k < n; k++) {
            x ^= x << 13, x ^= x >> 17, x ^= x << 5;
            /* Mostly plain ASCII, as news is, so long runs take the fast path. */
            in[k] = x % 8 < plain ? (unsigned char)('a' + x % 26) : alphabet[(x >> 8) % sizeof alphabet];
        }
        buf_clear(&got);
        buf_clear(&want);
        assert_int_equal(json_put_string(&got, (const char *)in, n), 0);
        escape_slowly(&want, in, n);
        assert_int_equal(got.len, want.len);
        assert_memory_equal(got.data, want.data, got.len);
    }
    buf_free(&got);
    buf_free(&want);
}

/* Scores survive a round trip (strtod gives back the very double), in the fewest digits. */
static void test_json_double_round_trip(void **st)
{
    (void)st;
    static const struct {
        double v;
        const char *text;
    } exact[] = {
        {0.1, "0.1"},
        {1.0 / 3, "0.3333333333333333"},
        {0.1 + 0.2, "0.30000000000000004"},
        {7.0, "7"},
        {-0.0, "-0"},
        {1e-5, "1e-05"},
        {123456789012.5, "123456789012.5"},
        {5e-324, "5e-324"},
        {0.0, "0"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {2.0 / 3 * 10, "6.666666666666666"},
    };
    buf b = {0};
    for (size_t k = 0; k < sizeof exact / sizeof *exact; k++) {
        buf_clear(&b);
        assert_int_equal(json_put_double(&b, exact[k].v), 0);
        assert_string_equal(b.data, exact[k].text);
    }
    uint64_t x = 88172645463325252u;
    for (int round = 0; round < 100000; round++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double v;
        uint64_t bits = round % 2 ? x : (x >> 12) | 0x3FF0000000000000u; /* any double, or one in [1, 2) */
        memcpy(&v, &bits, sizeof v);
        buf_clear(&b);
        assert_int_equal(json_put_double(&b, v), 0);
        if (!isfinite(v)) {
            assert_string_equal(b.data, "null");
            continue;
        }
        double back = strtod(b.data, NULL);
        assert_memory_equal(&back, &v, sizeof v);
        /* No shorter %g form reads back (%.Ng of 1 to 14 digits). */
        for (int prec = 1; prec < 15; prec++) {
            char s[40];
            snprintf(s, sizeof s, "%.*g", prec, v);
            if (strtod(s, NULL) == v)
                assert_true(b.len <= strlen(s));
        }
    }
    buf_free(&b);
}

/* Integers as the writers print them: every digit count, the two-digit steps' edges, both ends. */
static void test_buf_put_u64(void **st)
{
    (void)st;
    uint64_t vals[64];
    size_t nv = 0;
    vals[nv++] = 0;
    vals[nv++] = UINT64_MAX;
    vals[nv++] = 4294967295u;
    for (uint64_t p = 1; nv + 3 <= sizeof vals / sizeof *vals; p *= 10) {
        vals[nv++] = p;
        vals[nv++] = p - 1;
        vals[nv++] = p + 1;
        if (p > UINT64_MAX / 10)
            break;
    }
    buf b = {0};
    char want[32];
    for (size_t k = 0; k < nv; k++) {
        buf_clear(&b);
        assert_int_equal(buf_add(&b, "x", 1), 0);
        assert_int_equal(buf_put_u64(&b, vals[k]), 0);
        snprintf(want, sizeof want, "x%llu", (unsigned long long)vals[k]);
        assert_string_equal(b.data, want); /* NUL-terminated as well */
        assert_int_equal(b.len, strlen(want));
    }
    /* From an empty buffer, and many in a row (growth across calls). */
    buf_free(&b);
    size_t len = 0;
    for (uint64_t v = 0; v < 20000; v += 7) {
        assert_int_equal(buf_put_u64(&b, v), 0);
        len += (size_t)snprintf(want, sizeof want, "%llu", (unsigned long long)v);
    }
    assert_int_equal(b.len, len);
    assert_memory_equal(b.data, "0714212835", 10);
    assert_int_equal(b.data[b.len], '\0');
    buf_free(&b);
}

static void test_json_empty_document(void **st)
{
    (void)st;
    harness *h = harness_new("stages = ( { plugin = \"example\"; } );");
    assert_non_null(h);
    pipe_doc *d = harness_run(h, "");
    char *json = harness_json(h, d);
    assert_string_equal(json, "{\"id\":\"test\",\"bytes\":0,\"example_stats\":[{\"start\":0,\"end\":0,\"chars\":0,\"words\":0,"
                              "\"lines\":0,\"paragraphs\":0,\"reading_minutes\":0}]}");
    free(json);
    harness_doc_free(d);
    harness_free(h);
}

static void test_example_counts(void **st)
{
    (void)st;
    harness *h = harness_new("stages = ( { plugin = \"example\"; options = { words_per_minute = 2; }; } );");
    assert_non_null(h);
    pipe_doc *d = harness_run(h, "Title line\n\nOne two, three \xE2\x80\x94 four.\nFive!\n\n\n\xff end");
    size_t n;
    const uint32_t *r = harness_layer(h, d, "example_stats", &n);
    assert_int_equal(n, 1);
    assert_int_equal(r[2], 48); /* chars: the em dash is one, the bad byte is one */
    assert_int_equal(r[3], 9);  /* words: the dash alone is not a word */
    assert_int_equal(r[4], 7);  /* lines */
    assert_int_equal(r[5], 3);  /* paragraphs */
    harness_doc_free(d);
    harness_free(h);
}

static const pipe_field two_fields[] = {{"a", PIPE_FIELD_U32, 8, NULL, 0}, PIPE_FIELD_END};
static const pipe_field other_fields[] = {{"b", PIPE_FIELD_U32, 8, NULL, 0}, PIPE_FIELD_END};
static const pipe_field outside[] = {{"a", PIPE_FIELD_F64, 8, NULL, 0}, PIPE_FIELD_END};
static const pipe_field no_names[] = {{"a", PIPE_FIELD_ENUM16, 8, NULL, 0}, PIPE_FIELD_END};
static const pipe_field reserved[] = {{"text", PIPE_FIELD_U32, 8, NULL, 0}, PIPE_FIELD_END};

static void test_registry(void **st)
{
    (void)st;
    registry r;
    char err[512];
    pipe_layer_id id, id2;
    assert_int_equal(registry_init(&r), 0);
    assert_int_equal(registry_find(&r, "tokens", &id), PIPE_OK);
    assert_int_equal(registry_schema(&r, id)->record_size, sizeof(pipe_token));
    assert_int_equal(registry_find(&r, "nope", &id), PIPE_ERR_NOTFOUND);
    pipe_layer_schema s = {PIPE_SCHEMA_HEADER, "my_layer", "d", 12, 0, two_fields};
    assert_int_equal(registry_add(&r, &s, "a", &id, err, sizeof err), PIPE_OK);
    assert_int_equal(registry_add(&r, &s, "b", &id2, err, sizeof err), PIPE_OK);
    assert_int_equal(id, id2); /* the same schema from a second instance is the same layer */
    pipe_layer_schema clash = {PIPE_SCHEMA_HEADER, "my_layer", "d", 12, 0, other_fields};
    assert_int_equal(registry_add(&r, &clash, "c", &id2, err, sizeof err), PIPE_ERR_CONFIG);
    assert_non_null(strstr(err, "already registered by 'a' with another schema"));
    pipe_layer_schema bad = {PIPE_SCHEMA_HEADER, "x", "d", 12, 0, outside};
    assert_int_equal(registry_add(&r, &bad, "c", &id2, err, sizeof err), PIPE_ERR_CONFIG);
    assert_non_null(strstr(err, "lies outside the record"));
    bad.fields = no_names;
    assert_int_equal(registry_add(&r, &bad, "c", &id2, err, sizeof err), PIPE_ERR_CONFIG);
    assert_non_null(strstr(err, "needs a names list"));
    bad.fields = reserved;
    assert_int_equal(registry_add(&r, &bad, "c", &id2, err, sizeof err), PIPE_ERR_CONFIG);
    assert_non_null(strstr(err, "reserved"));
    bad.fields = two_fields;
    bad.name = "bad name";
    assert_int_equal(registry_add(&r, &bad, "c", &id2, err, sizeof err), PIPE_ERR_CONFIG);
    bad.name = "small";
    bad.record_size = 4;
    assert_int_equal(registry_add(&r, &bad, "c", &id2, err, sizeof err), PIPE_ERR_CONFIG);
    bad.struct_size = 4;
    assert_int_equal(registry_add(&r, &bad, "c", &id2, err, sizeof err), PIPE_ERR_CONFIG);
    registry_free(&r);
}

/* doc_shed frees a large layer the output does not write, and only that one. */
static void test_doc_shed(void **st)
{
    (void)st;
    registry r;
    assert_int_equal(registry_init(&r), 0);
    pipe_layer_id tok, sent, quotes;
    assert_int_equal(registry_find(&r, PIPE_LAYER_TOKENS, &tok), PIPE_OK);
    assert_int_equal(registry_find(&r, PIPE_LAYER_SENTENCES, &sent), PIPE_OK);
    assert_int_equal(registry_find(&r, PIPE_LAYER_QUOTES, &quotes), PIPE_OK);
    char *text = strdup("hello world");
    pipe_doc *d = doc_new(&r, "id1", text, 11);
    size_t big = DOC_SHED_MIN / sizeof(pipe_token) + 1, n;
    pipe_token *t = doc_layer_append(d, tok, big);
    assert_non_null(t);
    t[big - 1].end = 5;
    pipe_sentence *s = doc_layer_append(d, sent, big / 2); /* written, though large */
    assert_non_null(s);
    s[0].end = 11;
    assert_non_null(doc_layer_append(d, quotes, 3)); /* small: kept for the next document */
    doc_shed(d, &sent, 1);
    assert_null(doc_layer_records(d, tok, &n));
    assert_int_equal(n, 0);
    const pipe_sentence *ks = doc_layer_records(d, sent, &n);
    assert_int_equal(n, big / 2);
    assert_int_equal(ks[0].end, 11);
    assert_non_null(doc_layer_records(d, quotes, &n));
    assert_int_equal(n, 3);
    /* A shed layer takes records again, zeroed (a stage of the next document, the same doc reused). */
    t = doc_layer_append(d, tok, 2);
    assert_non_null(t);
    assert_int_equal(t[1].end, 0);
    doc_free(d);
    registry_free(&r);
}

static void test_doc_layers_and_strings(void **st)
{
    (void)st;
    registry r;
    assert_int_equal(registry_init(&r), 0);
    pipe_layer_id tok;
    assert_int_equal(registry_find(&r, "tokens", &tok), PIPE_OK);
    char *text = strdup("hello world");
    pipe_doc *d = doc_new(&r, "id1", text, 11);
    size_t n = 99;
    assert_null(doc_layer_records(d, tok, &n));
    assert_int_equal(n, 0);
    for (uint32_t k = 0; k < 1000; k++) {
        pipe_token *t = doc_layer_append(d, tok, 1);
        assert_non_null(t);
        assert_int_equal(t->kind, 0); /* appended records are zeroed */
        t->start = k;
        t->end = k + 1;
    }
    const pipe_token *all = doc_layer_records(d, tok, &n);
    assert_int_equal(n, 1000);
    assert_int_equal(all[999].start, 999);
    assert_null(doc_layer_append(d, 999, 1)); /* unknown layer */
    assert_null(doc_layer_records(d, -1, &n));
    pipe_str s1, s2;
    assert_int_equal(doc_str_add(d, "Liang Hua", 9, &s1), PIPE_OK);
    assert_int_equal(doc_str_add(d, "", 0, &s2), PIPE_OK);
    size_t len;
    const char *p = doc_str_get(d, s1, &len);
    assert_int_equal(len, 9);
    assert_memory_equal(p, "Liang Hua", 9);
    assert_non_null(doc_str_get(d, s2, &len));
    assert_int_equal(len, 0);
    assert_null(doc_str_get(d, PIPE_STR_NULL, &len));
    pipe_str wild = {1000, 5};
    assert_null(doc_str_get(d, wild, &len));
    assert_string_equal(doc_get_text(d, &len), "hello world");
    assert_null(doc_error_stage(d));
    doc_set_error(d, "s1", "first");
    doc_set_error(d, "s2", "second");
    assert_string_equal(doc_error_stage(d), "s1"); /* the first failure is the cause */
    assert_string_equal(doc_error_message(d), "first");
    doc_free(d);
    registry_free(&r);
}

static void test_utf8_decode(void **st)
{
    (void)st;
    size_t adv;
    assert_int_equal(utf8_decode((const unsigned char *)"\xE2\x80\x9C", 3, &adv), 0x201C);
    assert_int_equal(adv, 3);
    assert_int_equal(utf8_decode((const unsigned char *)"\xF0\x9F\x98\x80", 4, &adv), 0x1F600);
    assert_int_equal(utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &adv), UTF8_INVALID);
    assert_int_equal(adv, 1);
    assert_int_equal(utf8_decode((const unsigned char *)"\xE0\x80\xAF", 3, &adv), UTF8_INVALID);
    assert_int_equal(utf8_decode((const unsigned char *)"\xF0\x9F\x98", 3, &adv), UTF8_INVALID);
    assert_int_equal(utf8_valid_prefix("ab\xC3\xA9\xC3", 5), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_good),
        cmocka_unit_test(test_config_errors),
        cmocka_unit_test(test_config_missing_file),
        cmocka_unit_test(test_options_defaults_and_text),
        cmocka_unit_test(test_config_option_types),
        cmocka_unit_test(test_loader_errors),
        cmocka_unit_test(test_layer_contract_records),
        cmocka_unit_test(test_stale_error_cleared),
        cmocka_unit_test(test_layer_contract_load),
        cmocka_unit_test(test_loader_refuses_world_writable),
        cmocka_unit_test(test_custom_layer_json),
        cmocka_unit_test(test_json_string_escaping),
        cmocka_unit_test(test_json_string_fast_path),
        cmocka_unit_test(test_json_double_round_trip),
        cmocka_unit_test(test_buf_put_u64),
        cmocka_unit_test(test_json_empty_document),
        cmocka_unit_test(test_example_counts),
        cmocka_unit_test(test_registry),
        cmocka_unit_test(test_doc_layers_and_strings),
        cmocka_unit_test(test_doc_shed),
        cmocka_unit_test(test_utf8_decode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
