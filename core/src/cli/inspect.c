#include "cli/inspect.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "cli/describe_json.h"
#include "plugins/host.h"
#include "plugins/loader.h"
#include "util/log.h"
#include "config/stage_options.h"
#include "doc/layer_registry.h"

static void print_names(FILE *out, const char *const *v)
{
    if (!v || !v[0]) {
        fputs("-", out);
        return;
    }
    for (size_t k = 0; v[k]; k++)
        fprintf(out, "%s%s", k ? "," : "", v[k]);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int inspect_list(FILE *out, const strvec *dirs)
{
    strvec seen = {0};
    int failed = 0;
    for (size_t d = 0; d < dirs->n; d++) {
        DIR *dir = opendir(dirs->v[d]);
        if (!dir)
            continue;
        strvec files = {0};
        for (struct dirent *e; (e = readdir(dir));) {
            size_t n = strlen(e->d_name);
            if (n > 3 && strcmp(e->d_name + n - 3, ".so") == 0)
                strvec_add(&files, e->d_name);
        }
        closedir(dir);
        if (files.n)
            qsort(files.v, files.n, sizeof *files.v, cmp_str);
        for (size_t k = 0; k < files.n; k++) {
            files.v[k][strlen(files.v[k]) - 3] = '\0';
            int dup = 0;
            for (size_t j = 0; j < seen.n; j++)
                dup |= strcmp(seen.v[j], files.v[k]) == 0;
            if (dup)
                continue; /* shadowed by an earlier folder, as the loader would */
            strvec_add(&seen, files.v[k]);
            char *path = paths_join(dirs->v[d], files.v[k]);
            char full[4096], err[1024];
            snprintf(full, sizeof full, "%s.so", path ? path : "");
            free(path);
            plugin_mod m;
            if (loader_open_path(full, &m, err, sizeof err)) {
                fprintf(out, "%-12s (not loadable) %s\n", files.v[k], err);
                failed++;
                continue;
            }
            fprintf(out, "%-12s %-8s %s\n             consumes: ", m.desc->name, m.desc->version,
                    m.desc->description);
            print_names(out, m.desc->consumes);
            fputs("  produces: ", out);
            print_names(out, m.desc->produces);
            fprintf(out, "\n             path: %s\n", m.path);
            loader_close(&m);
        }
        strvec_free(&files);
    }
    if (seen.n == 0)
        fputs("no plugins found\n", out);
    strvec_free(&seen);
    return failed;
}

static void describe_layer(FILE *out, const pipe_layer_schema *s)
{
    fprintf(out, "  %s: %s (record %u bytes%s)\n", s->name, s->description ? s->description : "",
            s->record_size, (s->flags & PIPE_LAYERF_TEXT) ? ", text by default" : "");
    fputs("    start: u32 byte offset\n    end: u32 byte offset (exclusive)\n", out);
    static const char *const types[] = {"?", "u8", "u16", "u32", "i32", "u64", "i64", "f64", "bool",
                                        "enum", "flags", "flags", "string", "span", "span text"};
    for (size_t k = 0; s->fields[k].name; k++) {
        const pipe_field *f = &s->fields[k];
        fprintf(out, "    %s: %s%s", f->name, types[f->type], (f->flags & PIPE_FIELDF_HIDDEN) ? " (not written)" : "");
        if (f->names) {
            fputs(" [", out);
            print_names(out, f->names);
            fputc(']', out);
        }
        fputc('\n', out);
    }
}

/* The layers an instance registered (after the built-in ones) and the built-in layers it produces. */
static size_t described_layers(const registry *reg, size_t builtin, const pipe_plugin *d,
                               const pipe_layer_schema **out, size_t max)
{
    size_t n = 0;
    for (size_t k = builtin; k < reg->n && n < max; k++)
        out[n++] = &reg->defs[k].schema;
    for (size_t k = 0; d->produces && d->produces[k] && n < max; k++) {
        pipe_layer_id id;
        if (registry_find(reg, d->produces[k], &id) == PIPE_OK && (size_t)id < builtin)
            out[n++] = &reg->defs[id].schema;
    }
    return n;
}

static void describe_text(FILE *out, const plugin_mod *m, const char *create_error, const pipe_layer_schema *const *ls,
                          size_t nls)
{
    const pipe_plugin *d = m->desc;
    fprintf(out, "%s %s: %s\n  file: %s\n  ABI: %u.%u (runner %d.%d)\n  consumes: ", d->name, d->version,
            d->description, m->path, d->abi_major, d->abi_minor, PIPE_ABI_MAJOR, PIPE_ABI_MINOR);
    print_names(out, d->consumes);
    fputs("\n  consumes if present: ", out);
    print_names(out, d->consumes_optional);
    fputs("\n  produces: ", out);
    print_names(out, d->produces);
    fputs("\noptions:\n", out);
    if (!m->options[0].name)
        fputs("  (none)\n", out);
    for (size_t k = 0; m->options[k].name; k++) {
        const pipe_option *o = &m->options[k];
        fprintf(out, "  %-20s %-11s %s %-10s %s", o->name, cfg_type_name(o->type),
                (o->flags & PIPE_OPTF_REQUIRED) ? "required" : "default ",
                o->default_value ? o->default_value : "", o->help ? o->help : "");
        if (o->flags & PIPE_OPTF_MIN)
            fprintf(out, "; min %.15g", o->min);
        if (o->flags & PIPE_OPTF_MAX)
            fprintf(out, "; max %.15g", o->max);
        if (o->choices) {
            fputs("; one of ", out);
            print_names(out, o->choices);
        }
        fputc('\n', out);
    }
    fputs("layers it registers:\n", out);
    if (create_error)
        fprintf(out, "  (starting the stage with default options failed: %s)\n", create_error);
    for (size_t k = 0; k < nls; k++)
        describe_layer(out, ls[k]);
}

static int describe_as_json(FILE *out, const plugin_mod *m, const pipe_layer_schema *const *ls, size_t nls)
{
    buf b = {0};
    int rc = describe_json_begin(&b, m->desc, m->options, m->path);
    for (size_t k = 0; k < nls; k++)
        rc |= describe_json_layer(&b, ls[k], k == 0);
    rc |= describe_json_end(&b);
    if (rc == 0)
        fwrite(b.data, 1, b.len, out);
    else
        log_msg(PIPE_LOG_ERROR, NULL, "out of memory");
    buf_free(&b);
    return rc ? -1 : 0;
}

int inspect_describe(FILE *out, const char *name, const strvec *dirs, const char *conf_dir, int json)
{
    plugin_mod m;
    char err[1536];
    if (loader_open(name, dirs, &m, err, sizeof err)) {
        log_msg(PIPE_LOG_ERROR, NULL, "%s", err);
        return -1;
    }
    const pipe_plugin *d = m.desc;
    /* Create one instance with default options to learn which layer schemas it registers. */
    registry reg;
    int rc = registry_init(&reg);
    size_t builtin = reg.n;
    pipe_cfg *cfg = rc == 0 ? cfg_new(m.options, err, sizeof err) : NULL;
    const char *create_error = NULL;
    char missing_msg[256];
    const char *missing = cfg ? cfg_missing_required(cfg) : NULL;
    pipe_host h;
    if (missing) {
        snprintf(missing_msg, sizeof missing_msg, "not known: option '%s' is required", missing);
        create_error = missing_msg;
    } else if (cfg) {
        void *shared = NULL, *state = NULL;
        host_init(&h, d->name, d, &reg, conf_dir);
        h.creating = 1;
        int irc = d->init ? d->init(&host_api, &h, cfg, &shared) : PIPE_OK, crc = irc;
        if (irc >= 0 && d->create) {
            crc = d->create(&host_api, &h, cfg, shared, &state);
            if (d->destroy && (crc >= 0 || state))
                d->destroy(state);
        }
        if (crc < 0)
            create_error = host_take_error(&h, crc);
        if (irc >= 0 && d->fini)
            d->fini(shared);
    }
    const pipe_layer_schema *ls[64];
    size_t nls = described_layers(&reg, builtin, d, ls, sizeof ls / sizeof ls[0]);
    if (json && create_error) {
        log_msg(PIPE_LOG_ERROR, NULL, "%s: create() with default options failed: %s", d->name, create_error);
        rc = -1;
    } else if (json) {
        rc = describe_as_json(out, &m, ls, nls);
    } else {
        describe_text(out, &m, create_error, ls, nls);
        rc = 0;
    }
    cfg_free(cfg);
    registry_free(&reg);
    loader_close(&m);
    return rc;
}
