/*
 * test_plugin.c: the tokenizer.so module through its exported entry, with a
 * fake host services table, so the glue is tested without the core.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pipe/plugin.h"

struct pipe_host {
    char error[256];
};

struct pipe_cfg {
    const char *mode, *clitics, *hyphens;
};

struct pipe_doc {
    const char *text;
    size_t len;
    pipe_token *recs;
    size_t n;
    int fail_append;
};

#define TOKENS_ID 7

static void fake_log(pipe_host *host, int level, const char *fmt, ...)
{
    (void)host;
    (void)level;
    (void)fmt;
}

static void fake_set_error(pipe_host *host, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(host->error, sizeof host->error, fmt, ap);
    va_end(ap);
}

static int fake_opt_string(const pipe_cfg *cfg, const char *name, const char **out)
{
    if (strcmp(name, "mode") == 0)
        *out = cfg->mode;
    else if (strcmp(name, "clitics") == 0)
        *out = cfg->clitics;
    else if (strcmp(name, "hyphens") == 0)
        *out = cfg->hyphens;
    else
        return PIPE_ERR_NOTFOUND;
    return PIPE_OK;
}

static int fake_layer_find(pipe_host *host, const char *name, pipe_layer_id *id)
{
    (void)host;
    if (strcmp(name, PIPE_LAYER_TOKENS) != 0)
        return PIPE_ERR_NOTFOUND;
    *id = TOKENS_ID;
    return PIPE_OK;
}

static const char *fake_doc_text(const pipe_doc *doc, size_t *len)
{
    *len = doc->len;
    return doc->text;
}

static int fake_layer_append(pipe_doc *doc, pipe_layer_id id, size_t n, void **out)
{
    *out = NULL;
    if (id != TOKENS_ID)
        return PIPE_ERR_DENIED;
    if (doc->fail_append)
        return PIPE_ERR_NOMEM;
    pipe_token *r = realloc(doc->recs, (doc->n + n) * sizeof *r);
    if (r == NULL)
        return PIPE_ERR_NOMEM;
    doc->recs = r;
    memset(r + doc->n, 0, n * sizeof *r);
    doc->n += n;
    *out = r + doc->n - n;
    return PIPE_OK;
}

static const pipe_host_api api = {
    .abi_major = PIPE_ABI_MAJOR,
    .abi_minor = PIPE_ABI_MINOR,
    .struct_size = sizeof(pipe_host_api),
    .log = fake_log,
    .set_error = fake_set_error,
    .opt_string = fake_opt_string,
    .layer_find = fake_layer_find,
    .doc_text = fake_doc_text,
    .layer_append = fake_layer_append,
};

static void *module;
static const pipe_plugin *plugin;

static int load(void **state)
{
    (void)state;
    const char *bin = getenv("PIPE_BINARY_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/plugins/tokenizer.so", bin ? bin : "../../build");
    module = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (module == NULL) {
        fprintf(stderr, "%s\n", dlerror());
        return -1;
    }
    const pipe_plugin *(*entry)(void);
    *(void **)&entry = dlsym(module, "tokenizer_LTX_pipe_plugin_entry");
    if (entry == NULL)
        return -1;
    plugin = entry();
    return 0;
}

static int unload(void **state)
{
    (void)state;
    if (module)
        dlclose(module);
    return 0;
}

static void test_descriptor(void **state)
{
    (void)state;
    assert_int_equal(plugin->abi_major, PIPE_ABI_MAJOR);
    assert_int_equal(plugin->struct_size, sizeof(pipe_plugin));
    assert_string_equal(plugin->name, "tokenizer");
    assert_null(plugin->consumes);
    assert_string_equal(plugin->produces[0], PIPE_LAYER_TOKENS);
    assert_null(plugin->produces[1]);
    assert_string_equal(plugin->options[0].name, "mode");
    assert_string_equal(plugin->options[0].default_value, "news");
    assert_string_equal(plugin->options[1].name, "clitics");
    assert_string_equal(plugin->options[2].name, "hyphens");
    assert_null(plugin->options[3].name);
}

/* Run the stage once over text; returns the process() status. */
static int run(const pipe_cfg *cfg, pipe_doc *doc, pipe_host *host)
{
    void *st = NULL;
    int rc = plugin->create(&api, host, cfg, NULL, &st);
    pipe_call call = {sizeof call, &api, host, doc, NULL};
    if (rc == PIPE_OK)
        rc = plugin->process(st, &call);
    plugin->destroy(st);
    return rc;
}

static void test_news_mode(void **state)
{
    (void)state;
    pipe_cfg cfg = {"news", "split", "keep"};
    pipe_host host = {""};
    pipe_doc doc = {"Huawei\xE2\x80\x99s 5G.", 14, NULL, 0, 0};
    assert_int_equal(run(&cfg, &doc, &host), PIPE_OK);
    assert_int_equal(doc.n, 4);
    assert_int_equal(doc.recs[0].end, 6);
    assert_int_equal(doc.recs[1].start, 6);
    assert_int_equal(doc.recs[1].flags, PIPE_TOKF_CLITIC);
    assert_int_equal(doc.recs[2].kind, PIPE_TOK_WORD);
    assert_int_equal(doc.recs[2].flags, PIPE_TOKF_SPACE_BEFORE);
    assert_int_equal(doc.recs[3].kind, PIPE_TOK_PUNCT);
    free(doc.recs);
}

static void test_uax29_mode_many_batches(void **state)
{
    (void)state;
    /* more tokens than one batch, so layer_append runs several times */
    size_t words = 3000, len = words * 2;
    char *text = malloc(len);
    assert_non_null(text);
    for (size_t i = 0; i < words; i++) {
        text[2 * i] = 'a';
        text[2 * i + 1] = ' ';
    }
    pipe_cfg cfg = {"uax29", "keep", "split"};
    pipe_host host = {""};
    pipe_doc doc = {text, len, NULL, 0, 0};
    assert_int_equal(run(&cfg, &doc, &host), PIPE_OK);
    assert_int_equal(doc.n, 2 * words);
    for (size_t i = 0; i < doc.n; i++) {
        assert_int_equal(doc.recs[i].start, i);
        assert_int_equal(doc.recs[i].kind, i % 2 ? PIPE_TOK_SPACE : PIPE_TOK_WORD);
    }
    free(doc.recs);
    free(text);
}

static void test_errors(void **state)
{
    (void)state;
    pipe_host host = {""};
    pipe_doc doc = {"x", 1, NULL, 0, 0};
    /* Bad option values never reach the stage: the choices are declared and the host checks them. */
    assert_string_equal(plugin->options[0].choices[0], "news");
    assert_string_equal(plugin->options[0].choices[1], "uax29");
    assert_null(plugin->options[0].choices[2]);
    assert_string_equal(plugin->options[1].choices[0], "split");
    assert_string_equal(plugin->options[2].choices[1], "keep");
    pipe_cfg good = {"news", "split", "keep"};
    doc.fail_append = 1;
    assert_int_equal(run(&good, &doc, &host), PIPE_ERR_NOMEM);
    /* an empty document gives no tokens and no error */
    pipe_doc empty = {"", 0, NULL, 0, 0};
    assert_int_equal(run(&good, &empty, &host), PIPE_OK);
    assert_int_equal(empty.n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptor),
        cmocka_unit_test(test_news_mode),
        cmocka_unit_test(test_uax29_mode_many_batches),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
