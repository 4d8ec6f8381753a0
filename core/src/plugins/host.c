#include "plugins/host.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "util/log.h"
#include "config/stage_options.h"
#include "util/paths.h"
#include "plugins/status.h"

void host_init(pipe_host *h, const char *stage, const pipe_plugin *desc, registry *reg, const char *conf_dir)
{
    memset(h, 0, sizeof *h);
    h->stage = stage;
    h->desc = desc;
    h->reg = reg;
    h->conf_dir = conf_dir;
}

int host_in_list(const char *const *v, const char *name)
{
    for (size_t k = 0; v && v[k]; k++)
        if (strcmp(v[k], name) == 0)
            return 1;
    return 0;
}

int host_declares(const pipe_plugin *d, const char *name)
{
    return host_in_list(d->consumes, name) || host_in_list(d->consumes_optional, name) ||
           host_in_list(d->produces, name);
}

void host_clear_error(pipe_host *h)
{
    h->has_error = 0;
    h->error[0] = '\0';
}

const char *host_take_error(pipe_host *h, int status)
{
    if (!h->has_error)
        snprintf(h->error, sizeof h->error, "%s (status %d)", pipe_strerror(status), status);
    h->has_error = 0;
    return h->error;
}

static void host_vlog(pipe_host *h, int level, const char *fmt, va_list ap)
{
    /* A level from a plugin is only an int: an unknown one is logged as an error, never used as an index. */
    pipe_log_level l = level >= PIPE_LOG_ERROR && level <= PIPE_LOG_DEBUG ? (pipe_log_level)level : PIPE_LOG_ERROR;
    log_vmsg(l, h ? h->stage : NULL, fmt, ap);
}

static void host_log(pipe_host *h, int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    host_vlog(h, level, fmt, ap);
    va_end(ap);
}

static void host_set_error(pipe_host *h, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(h->error, sizeof h->error, fmt, ap);
    va_end(ap);
    h->has_error = 1;
}

static int host_data_path(pipe_host *h, const char *name, char **out)
{
    if (!name || !out)
        return PIPE_ERR_NOTFOUND;
    return paths_find_data(h->conf_dir, name, out) == 0 ? PIPE_OK : PIPE_ERR_NOTFOUND;
}

static void host_string_free(char *s)
{
    free(s);
}

static int host_layer_register(pipe_host *h, const pipe_layer_schema *s, pipe_layer_id *id)
{
    if (!h->creating) {
        host_set_error(h, "layer_register may only be called from init() or create()");
        return PIPE_ERR_INTERNAL;
    }
    if (s && s->name && !host_in_list(h->desc->produces, s->name)) {
        host_set_error(h, "layer_register: layer '%s' is not in the stage's produces list", s->name);
        return PIPE_ERR_DENIED;
    }
    char err[512];
    int rc = registry_add(h->reg, s, h->stage, id, err, sizeof err);
    if (rc != PIPE_OK)
        host_set_error(h, "%s", rc == PIPE_ERR_NOMEM ? "out of memory" : err);
    return rc;
}

static int host_layer_find(pipe_host *h, const char *name, pipe_layer_id *id)
{
    if (!name || !host_declares(h->desc, name)) {
        host_set_error(h, "layer_find: layer '%s' is not declared in consumes, consumes_optional or produces",
                       name ? name : "(null)");
        return PIPE_ERR_DENIED;
    }
    return registry_find(h->reg, name, id);
}

const pipe_host_api host_api = {
    PIPE_ABI_MAJOR,
    PIPE_ABI_MINOR,
    sizeof(pipe_host_api),
    host_log,
    host_vlog,
    host_set_error,
    cfg_get_bool,
    cfg_get_int,
    cfg_get_double,
    cfg_get_string,
    cfg_get_strlist,
    host_data_path,
    host_string_free,
    host_layer_register,
    host_layer_find,
    doc_get_id,
    doc_get_text,
    doc_layer_records,
    doc_api_layer_append,
    doc_str_add,
    doc_str_get,
};
