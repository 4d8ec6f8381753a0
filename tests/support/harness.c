#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "doc.h"
#include "json_writer.h"
#include "loader.h"
#include "paths.h"
#include "pipeline.h"

struct harness {
    conf c;
    pipeline p;
    int built;
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
    static int ltdl_ready;
    if (!ltdl_ready && loader_init() == 0)
        ltdl_ready = 1; /* libltdl stays up for the test process; lt_dlexit would unload shared state */
    harness *h = calloc(1, sizeof *h);
    char path[] = "/tmp/pipe-test-XXXXXX";
    int fd = mkstemp(path);
    if (!h || fd < 0) {
        snprintf(err, errlen, "cannot create a temporary config");
        free(h);
        return NULL;
    }
    size_t n = strlen(config_text);
    int wrote = write(fd, config_text, n) == (ssize_t)n;
    close(fd);
    int rc = wrote ? conf_load(&h->c, path, err, errlen) : -1;
    unlink(path);
    if (rc == 0) {
        /* Data files named in tests are found in the source conf/ folder. */
        free(h->c.dir);
        h->c.dir = source_path("conf");
        strvec dirs = {0};
        for (size_t k = 0; k < h->c.nplugin_path; k++)
            strvec_add(&dirs, h->c.plugin_path[k]);
        const char *bin = getenv("PIPE_BINARY_DIR");
        char *plugins = bin ? paths_join(bin, "plugins") : NULL;
        if (plugins)
            strvec_add(&dirs, plugins);
        free(plugins);
        h->built = 1;
        rc = pipeline_build(&h->p, &h->c, &dirs, NULL, 0, 1, err, errlen);
        strvec_free(&dirs);
    }
    if (rc != 0) {
        harness_free(h);
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
    if (len == (size_t)-1)
        len = strlen(text);
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, text, len);
    copy[len] = '\0';
    pipe_doc *d = doc_new(&h->p.reg, "test", copy, len);
    if (!d) {
        free(copy);
        return NULL;
    }
    pipeline_run_doc(&h->p, 0, d);
    return d;
}

pipe_doc *harness_run(harness *h, const char *text)
{
    return harness_run_n(h, text, (size_t)-1);
}

const void *harness_layer(harness *h, const pipe_doc *doc, const char *layer, size_t *n)
{
    pipe_layer_id id;
    *n = 0;
    if (registry_find(&h->p.reg, layer, &id) != PIPE_OK)
        return NULL;
    return doc_layer_records(doc, id, n);
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
    write_opts wo = {h->p.out_layers, h->p.nout, h->c.layers_none, h->p.produced, h->p.nproduced, h->c.text, 0};
    buf b = {0};
    if (json_write_doc(&b, doc, &wo)) {
        buf_free(&b);
        return NULL;
    }
    return b.data;
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
    if (h->built)
        pipeline_free(&h->p);
    conf_free(&h->c);
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
