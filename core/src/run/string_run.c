#include "run/string_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "doc/doc.h"
#include "output/json_writer.h"
#include "plugins/loader.h"

/* conf_load reads a file (its messages name file:line), so the text goes through a private temp file. */
static int load_text(conf *c, const char *config_text, char *err, size_t errlen)
{
    const char *tmp = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/pipe-test-XXXXXX", tmp && tmp[0] == '/' ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a temporary pipeline file in %s", path);
        return -1;
    }
    size_t n = strlen(config_text);
    int wrote = write(fd, config_text, n) == (ssize_t)n;
    close(fd);
    int rc = wrote ? conf_load(c, path, err, errlen) : -1;
    if (!wrote)
        snprintf(err, errlen, "cannot write the temporary pipeline file %s", path);
    unlink(path);
    return rc;
}

int text_run_build(text_run *t, const char *config_text, const char *conf_dir, const strvec *plugin_dirs,
                   char *err, size_t errlen)
{
    static int ltdl_ready;
    memset(t, 0, sizeof *t);
    if (!ltdl_ready && loader_init() == 0)
        ltdl_ready = 1; /* libltdl stays up for the process; lt_dlexit would unload shared state */
    if (load_text(&t->c, config_text, err, errlen)) {
        conf_free(&t->c);
        return -1;
    }
    /* The temporary file's folder means nothing: data files come from conf_dir. */
    free(t->c.dir);
    t->c.dir = conf_dir ? strdup(conf_dir) : NULL;
    strvec dirs = {0};
    int rc = 0;
    for (size_t k = 0; rc == 0 && k < t->c.nplugin_path; k++)
        rc = strvec_add(&dirs, t->c.plugin_path[k]);
    for (size_t k = 0; rc == 0 && plugin_dirs && k < plugin_dirs->n; k++)
        rc = strvec_add(&dirs, plugin_dirs->v[k]);
    if (rc) {
        snprintf(err, errlen, "out of memory");
    } else {
        t->built = 1; /* a half-built pipeline is freed by pipeline_free too */
        rc = pipeline_build(&t->p, &t->c, &dirs, NULL, 0, 1, err, errlen);
    }
    strvec_free(&dirs);
    if (rc) {
        text_run_free(t);
        return -1;
    }
    return 0;
}

pipe_doc *text_run_doc(text_run *t, const char *id, const char *text, size_t len, doc_result *res)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, text, len);
    copy[len] = '\0';
    pipe_doc *d = doc_new(&t->p.reg, id, copy, len);
    if (!d) {
        free(copy);
        return NULL;
    }
    doc_result r = pipeline_run_doc(&t->p, 0, d);
    if (res)
        *res = r;
    return d;
}

const void *text_run_layer(const text_run *t, const pipe_doc *doc, const char *layer, size_t *n)
{
    pipe_layer_id id;
    *n = 0;
    if (registry_find(&t->p.reg, layer, &id) != PIPE_OK)
        return NULL;
    return doc_layer_records(doc, id, n);
}

char *text_run_json(const text_run *t, const pipe_doc *doc)
{
    write_opts wo = {t->p.out_layers, t->p.nout, t->c.layers_none, t->p.produced, t->p.nproduced, t->c.text, 0};
    buf b = {0};
    if (json_write_doc(&b, doc, &wo)) {
        buf_free(&b);
        return NULL;
    }
    return b.data;
}

void text_run_free(text_run *t)
{
    if (t->built)
        pipeline_free(&t->p);
    conf_free(&t->c);
    memset(t, 0, sizeof *t);
}
