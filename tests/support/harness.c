#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "doc/doc.h"
#include "util/paths.h"
#include "run/string_run.h"

struct harness {
    text_run r;
};

static char *source_path(const char *rel)
{
    const char *src = getenv("PIPE_SOURCE_DIR");
    if (rel[0] == '/' || !src)
        return strdup(rel);
    return paths_join(src, rel);
}

harness *harness_try(const char *config_text, char *err, size_t errlen)
{
    harness *h = calloc(1, sizeof *h);
    /* Data files named in tests are found in the source conf/ folder, plugins in the build tree. */
    char *conf_dir = source_path("conf");
    const char *bin = getenv("PIPE_BINARY_DIR");
    char *plugins = bin ? paths_join(bin, "plugins") : NULL;
    strvec dirs = {0};
    int rc = h && conf_dir && (!plugins || strvec_add(&dirs, plugins) == 0) ? 0 : -1;
    if (rc)
        snprintf(err, errlen, "out of memory");
    else
        rc = text_run_build(&h->r, config_text, conf_dir, &dirs, err, errlen);
    strvec_free(&dirs);
    free(plugins);
    free(conf_dir);
    if (rc != 0) {
        free(h);
        return NULL;
    }
    return h;
}

harness *harness_new(const char *config_text)
{
    char err[2048];
    harness *h = harness_try(config_text, err, sizeof err);
    if (!h)
        fprintf(stderr, "harness: %s\n", err);
    return h;
}

pipe_doc *harness_run_n(harness *h, const char *text, size_t len)
{
    return text_run_doc(&h->r, "test", text, len == (size_t)-1 ? strlen(text) : len, NULL);
}

pipe_doc *harness_run(harness *h, const char *text)
{
    return harness_run_n(h, text, (size_t)-1);
}

const void *harness_layer(harness *h, const pipe_doc *doc, const char *layer, size_t *n)
{
    return text_run_layer(&h->r, doc, layer, n);
}

const char *harness_error_stage(const pipe_doc *doc)
{
    return doc_error_stage(doc);
}

const char *harness_error_message(const pipe_doc *doc)
{
    return doc_error_message(doc);
}

char *harness_json(harness *h, const pipe_doc *doc)
{
    return text_run_json(&h->r, doc);
}

char *harness_str(const pipe_doc *doc, pipe_str s)
{
    size_t len;
    const char *p = doc_str_get(doc, s, &len);
    return p ? strndup(p, len) : NULL;
}

void harness_doc_free(pipe_doc *doc)
{
    doc_free(doc);
}

void harness_free(harness *h)
{
    if (!h)
        return;
    text_run_free(&h->r);
    free(h);
}

char *harness_read_file(const char *path, size_t *len)
{
    char *full = source_path(path);
    FILE *f = full ? fopen(full, "rb") : NULL;
    free(full);
    if (!f)
        return NULL;
    buf b = {0};
    buf_read_all(&b, f);
    fclose(f);
    if (len)
        *len = b.len;
    if (!b.data)
        b.data = calloc(1, 1);
    return b.data;
}
