/*
 * The installed test harness (pipe/testing.h): real stages over a string.
 * Stages and their data files are found beside this library: the build
 * tree's when it runs from there, else the installed folders relative to the
 * library's own file, so a moved prefix keeps working.
 */
#define _GNU_SOURCE /* dladdr */
#include "pipe/testing.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/build_paths.h"
#include "doc/doc.h"
#include "util/paths.h"
#include "run/string_run.h"

struct pipe_test_result {
    text_run run;
    int built;
    pipe_doc *doc;
    char *json;
    char *error; /* the build error, when the pipeline was not built */
};

static strvec extra_dirs;

int pipe_test_add_plugin_dir(const char *dir)
{
    return strvec_add(&extra_dirs, dir) == 0 ? PIPE_OK : PIPE_ERR_NOMEM;
}

/* The folder of this library's file, or "" when unknown. */
static void library_dir(char *out, size_t outlen)
{
    Dl_info info;
    char real[PATH_MAX];
    out[0] = '\0';
    /* Any object of this library will do (an object pointer: ISO C has no function-to-void* cast). */
    if (dladdr(&extra_dirs, &info) && info.dli_fname && realpath(info.dli_fname, real)) {
        char *slash = strrchr(real, '/');
        if (slash)
            *slash = '\0';
        snprintf(out, outlen, "%s", real);
    }
}

/* pipe's own stage and data folders, as seen from this library. */
static int own_folders(strvec *plugins, char **data)
{
    char lib[PATH_MAX], build[PATH_MAX];
    library_dir(lib, sizeof lib);
    if (realpath(PIPE_BUILD_DIR, build) && strcmp(lib, build) == 0) {
        *data = strdup(PIPE_SOURCE_CONF_DIR);
        return *data && strvec_add(plugins, PIPE_BUILD_PLUGIN_DIR) == 0 ? 0 : -1;
    }
    if (!lib[0]) {
        *data = NULL;
        return 0;
    }
    char *p = paths_join(lib, "pipe/plugins");
    *data = paths_join(lib, PIPE_TESTING_LIB_TO_DATA);
    int rc = p && *data && strvec_add(plugins, p) == 0 ? 0 : -1;
    free(p);
    return rc;
}

/* The plugin folders in order: added ones, PIPE_PLUGIN_PATH, pipe's own. */
static int plugin_dirs(strvec *out, char **data)
{
    for (size_t k = 0; k < extra_dirs.n; k++)
        if (strvec_add(out, extra_dirs.v[k]))
            return -1;
    return paths_env_plugin_dirs(out) ? -1 : own_folders(out, data);
}

/* "a,b" -> a pipeline file with stages a and b; anything with '=' is a pipeline file already. */
static char *pipeline_text(const char *stages)
{
    if (strchr(stages, '='))
        return strdup(stages);
    size_t cap = strlen(stages) * 2 + 64;
    char *t = malloc(cap);
    if (!t)
        return NULL;
    size_t used = (size_t)snprintf(t, cap, "stages = (");
    const char *p = stages;
    for (int first = 1; *p; first = 0) {
        size_t n = strcspn(p, ",");
        while (n && (*p == ' ' || *p == '\t'))
            p++, n--;
        size_t m = n;
        while (m && (p[m - 1] == ' ' || p[m - 1] == '\t'))
            m--;
        used += (size_t)snprintf(t + used, cap - used, "%s { plugin = \"%.*s\"; }", first ? "" : ",", (int)m, p);
        p += n + (p[n] == ',');
    }
    snprintf(t + used, cap - used, " );\n");
    return t;
}

int pipe_test_run_n(const char *stages, const char *text, size_t len, pipe_test_result **result)
{
    *result = NULL;
    pipe_test_result *r = calloc(1, sizeof *r);
    char *conf_text = r ? pipeline_text(stages) : NULL;
    strvec dirs = {0};
    char *data = NULL;
    if (!conf_text || plugin_dirs(&dirs, &data)) {
        free(conf_text);
        free(data);
        strvec_free(&dirs);
        free(r);
        return PIPE_ERR_NOMEM;
    }
    char err[2048];
    int built = text_run_build(&r->run, conf_text, data, &dirs, err, sizeof err) == 0;
    free(conf_text);
    free(data);
    strvec_free(&dirs);
    *result = r;
    if (!built)
        return (r->error = strdup(err)) ? PIPE_ERR_CONFIG : PIPE_ERR_NOMEM;
    r->built = 1;
    doc_result how = DOC_FAILED;
    if (!(r->doc = text_run_doc(&r->run, "test", text, len, &how)) || !(r->json = text_run_json(&r->run, r->doc)))
        return PIPE_ERR_NOMEM;
    return how == DOC_OK ? PIPE_OK : how == DOC_SKIPPED ? PIPE_SKIP :
                                                          PIPE_ERR_INPUT;
}

int pipe_test_run(const char *stages, const char *text, pipe_test_result **result)
{
    return pipe_test_run_n(stages, text, strlen(text), result);
}

const char *pipe_test_json(const pipe_test_result *result)
{
    return result ? result->json : NULL;
}

const void *pipe_test_layer(const pipe_test_result *result, const char *layer, size_t *count)
{
    *count = 0;
    return result && result->doc ? text_run_layer(&result->run, result->doc, layer, count) : NULL;
}

const char *pipe_test_string(const pipe_test_result *result, pipe_str s, size_t *len)
{
    return result && result->doc ? doc_str_get(result->doc, s, len) : NULL;
}

const char *pipe_test_error(const pipe_test_result *result)
{
    if (!result)
        return NULL;
    return result->error ? result->error : result->doc ? doc_error_message(result->doc) :
                                                         NULL;
}

const char *pipe_test_error_stage(const pipe_test_result *result)
{
    return result && result->doc ? doc_error_stage(result->doc) : NULL;
}

void pipe_test_free(pipe_test_result *result)
{
    if (!result)
        return;
    if (result->doc)
        doc_free(result->doc);
    free(result->json);
    free(result->error);
    if (result->built)
        text_run_free(&result->run);
    free(result);
}
