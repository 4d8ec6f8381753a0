/*
 * config/: what a run is configured with. The pipeline file (pipeline_conf, every use of
 * libconfig), which file that is (pipeline_file) and the typed options of each stage
 * (stage_options: the host side of pipe_cfg). It owns the checking of keys, types and ranges, with
 * FILE:LINE in every message. It may call util/ only (and archive/'s option types); it never loads a
 * plugin or opens an input.
 */
#include "config/pipeline_conf.h"

#include <errno.h>
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/stage_options.h"
#include "util/name_list.h"
#include "util/paths.h"

static int fail(char *err, size_t errlen, const conf *c, const config_setting_t *s, const char *fmt, ...)
    PIPE_PRINTF(5, 6);

/* Every message names the file and line so a user can jump straight to it. */
static int fail(char *err, size_t errlen, const conf *c, const config_setting_t *s, const char *fmt, ...)
{
    /* A whole-file problem (an empty file has no 'stages') has no line: FILE:0 would send the user looking. */
    int line = s ? (int)config_setting_source_line(s) : 0;
    int n = line > 0 ? snprintf(err, errlen, "%s:%d: ", c->path, line) : snprintf(err, errlen, "%s: ", c->path);
    if (n >= 0 && (size_t)n < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static const char *type_name(int t)
{
    switch (t) {
    case CONFIG_TYPE_GROUP:
        return "a group";
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64:
        return "an int";
    case CONFIG_TYPE_FLOAT:
        return "a float";
    case CONFIG_TYPE_STRING:
        return "a string";
    case CONFIG_TYPE_BOOL:
        return "a bool";
    case CONFIG_TYPE_ARRAY:
        return "an array";
    case CONFIG_TYPE_LIST:
        return "a list";
    default:
        return "an unknown type";
    }
}

/* Reject keys outside `allowed`: typos must never be silently ignored. */
static int check_keys(const conf *c, const config_setting_t *group, const char *where,
                      const char *const *allowed, char *err, size_t errlen)
{
    int n = config_setting_length(group);
    for (int k = 0; k < n; k++) {
        const config_setting_t *s = config_setting_get_elem(group, (unsigned)k);
        const char *name = config_setting_name(s);
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            ok |= strcmp(*a, name) == 0;
        if (!ok) {
            char list[256] = "";
            for (const char *const *a = allowed; *a; a++)
                name_list_add(list, sizeof list, a == allowed, *a);
            return fail(err, errlen, c, s, "unknown key '%s' in %s (valid keys: %s)", name, where, list);
        }
    }
    return 0;
}

static int want_type(const conf *c, const config_setting_t *s, int type, const char *what, char *err,
                     size_t errlen)
{
    int t = config_setting_type(s);
    if (t == type || (type == CONFIG_TYPE_INT && t == CONFIG_TYPE_INT64))
        return 0;
    return fail(err, errlen, c, s, "'%s' must be %s, not %s", what,
                type == CONFIG_TYPE_BOOL ? "true or false" : type_name(type), type_name(t));
}

static int dup_string(const conf *c, const config_setting_t *s, const char *what, char **out, char *err,
                      size_t errlen)
{
    if (want_type(c, s, CONFIG_TYPE_STRING, what, err, errlen))
        return -1;
    free(*out);
    *out = strdup(config_setting_get_string(s));
    if (!*out)
        return fail(err, errlen, c, s, "out of memory");
    return 0;
}

/* Read an array or list of strings into a NULL-terminated malloc'd vector. */
static int string_list(const conf *c, const config_setting_t *s, const char *what, char ***out, size_t *n,
                       char *err, size_t errlen)
{
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST)
        return fail(err, errlen, c, s, "'%s' must be an array of strings, not %s", what, type_name(t));
    int len = config_setting_length(s);
    char **v = calloc((size_t)len + 1, sizeof *v);
    if (!v)
        return fail(err, errlen, c, s, "out of memory");
    for (int k = 0; k < len; k++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)k);
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            for (int j = 0; j < k; j++)
                free(v[j]);
            free(v);
            return fail(err, errlen, c, e, "'%s' must be an array of strings; element %d is %s", what, k + 1,
                        type_name(config_setting_type(e)));
        }
        v[k] = strdup(config_setting_get_string(e));
    }
    *out = v;
    *n = (size_t)len;
    return 0;
}

static void free_list(char **v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(v[k]);
    free(v);
}

int conf_parse_format(const char *name, out_format *out)
{
    if (strcmp(name, "json") == 0)
        *out = OUT_JSON;
    else if (strcmp(name, "jsonl") == 0)
        *out = OUT_JSONL;
    else if (strcmp(name, "text") == 0)
        *out = OUT_TEXT;
    else if (strcmp(name, "html") == 0)
        *out = OUT_HTML;
    else
        return -1;
    return 0;
}

/* Read an int member of a group within [lo, hi]; absent leaves *out alone. */
static int bounded_int(const conf *c, const config_setting_t *g, const char *name, int64_t lo, int64_t hi,
                       int64_t *out, char *err, size_t errlen)
{
    const config_setting_t *s = config_setting_get_member(g, name);
    if (!s)
        return 0;
    if (want_type(c, s, CONFIG_TYPE_INT, name, err, errlen))
        return -1;
    int64_t v = config_setting_get_int64(s);
    if (v < lo || v > hi)
        return fail(err, errlen, c, s, "'%s' must be between %lld and %lld", name, (long long)lo, (long long)hi);
    *out = v;
    return 0;
}

static int load_archive(conf *c, const config_setting_t *g, char *err, size_t errlen)
{
    static const char *const keys[] = {"dir", "level", "member_docs", "member_bytes", "max_file_bytes", "threads", NULL};
    if (want_type(c, g, CONFIG_TYPE_GROUP, "archive", err, errlen) ||
        check_keys(c, g, "output.archive", keys, err, errlen))
        return -1;
    const config_setting_t *s = config_setting_get_member(g, "dir");
    if (!s)
        return fail(err, errlen, c, g, "output.archive needs a 'dir'");
    if (dup_string(c, s, "dir", &c->archive_dir, err, errlen))
        return -1;
    int64_t level = c->archive.level, docs = (int64_t)c->archive.member_docs, bytes = (int64_t)c->archive.member_bytes,
            max = (int64_t)c->archive.max_file_bytes, threads = c->archive.threads;
    if (bounded_int(c, g, "level", 0, 9, &level, err, errlen) ||
        bounded_int(c, g, "threads", 0, ARCHIVE_MAX_THREADS, &threads, err, errlen) ||
        bounded_int(c, g, "member_docs", 1, 1000000, &docs, err, errlen) ||
        bounded_int(c, g, "member_bytes", 1, 1LL << 30, &bytes, err, errlen) ||
        bounded_int(c, g, "max_file_bytes", 1024, INT64_MAX, &max, err, errlen))
        return -1;
    c->archive.level = (int)level;
    c->archive.member_docs = (size_t)docs;
    c->archive.member_bytes = (size_t)bytes;
    c->archive.max_file_bytes = (uint64_t)max;
    c->archive.threads = (int)threads;
    return 0;
}

static int load_output(conf *c, const config_setting_t *out, char *err, size_t errlen)
{
    static const char *const keys[] = {"format", "layers", "pretty", "text", "path", "archive", NULL};
    if (want_type(c, out, CONFIG_TYPE_GROUP, "output", err, errlen) ||
        check_keys(c, out, "output", keys, err, errlen))
        return -1;
    const config_setting_t *s;
    if ((s = config_setting_get_member(out, "format"))) {
        if (want_type(c, s, CONFIG_TYPE_STRING, "format", err, errlen))
            return -1;
        if (conf_parse_format(config_setting_get_string(s), &c->format))
            return fail(err, errlen, c, s, "unknown output format '%s' (use json, jsonl, text or html)",
                        config_setting_get_string(s));
    }
    if ((s = config_setting_get_member(out, "layers"))) {
        if (string_list(c, s, "layers", &c->layers, &c->nlayers, err, errlen))
            return -1;
        c->layers_none = c->nlayers == 0;
    }
    if ((s = config_setting_get_member(out, "pretty"))) {
        if (want_type(c, s, CONFIG_TYPE_BOOL, "pretty", err, errlen))
            return -1;
        c->pretty = config_setting_get_bool(s);
    }
    if ((s = config_setting_get_member(out, "text"))) {
        if (config_setting_type(s) == CONFIG_TYPE_BOOL) {
            c->text = config_setting_get_bool(s) ? TEXT_ON : TEXT_OFF;
        } else if (config_setting_type(s) == CONFIG_TYPE_STRING &&
                   strcmp(config_setting_get_string(s), "auto") == 0) {
            c->text = TEXT_AUTO;
        } else {
            return fail(err, errlen, c, s, "'text' must be true, false or \"auto\"");
        }
    }
    if ((s = config_setting_get_member(out, "path")) && dup_string(c, s, "path", &c->output_path, err, errlen))
        return -1;
    if ((s = config_setting_get_member(out, "archive")) && load_archive(c, s, err, errlen))
        return -1;
    return 0;
}

static int load_stage(conf *c, const config_setting_t *g, conf_stage *st, char *err, size_t errlen)
{
    static const char *const keys[] = {"plugin", "name", "options", NULL};
    st->line = (int)config_setting_source_line(g);
    if (config_setting_type(g) != CONFIG_TYPE_GROUP)
        return fail(err, errlen, c, g, "each stage must be a group { plugin = \"...\"; }, not %s",
                    type_name(config_setting_type(g)));
    if (check_keys(c, g, "stage", keys, err, errlen))
        return -1;
    const config_setting_t *s = config_setting_get_member(g, "plugin");
    if (!s)
        return fail(err, errlen, c, g, "stage has no 'plugin' key");
    if (dup_string(c, s, "plugin", &st->plugin, err, errlen))
        return -1;
    if (!st->plugin[0] || strpbrk(st->plugin, "/\\."))
        return fail(err, errlen, c, s, "plugin '%s' must be a module name, not a path (use plugin_path or -P)",
                    st->plugin);
    if ((s = config_setting_get_member(g, "name"))) {
        if (dup_string(c, s, "name", &st->name, err, errlen))
            return -1;
        if (!st->name[0] || strchr(st->name, '.') || strchr(st->name, '='))
            return fail(err, errlen, c, s, "stage name '%s' must be non-empty without '.' or '='", st->name);
    } else if (!(st->name = strdup(st->plugin))) {
        return fail(err, errlen, c, g, "out of memory");
    }
    if ((s = config_setting_get_member(g, "options")) &&
        want_type(c, s, CONFIG_TYPE_GROUP, "options", err, errlen))
        return -1;
    return 0;
}

/* The name in the `@include "NAME"` on line `line` of file, or NULL. */
static char *include_name(const char *file, int line)
{
    FILE *f = fopen(file, "r");
    char *text = NULL, *name = NULL;
    size_t cap = 0;
    for (int k = 1; f && getline(&text, &cap, f) >= 0; k++) {
        if (k < line)
            continue;
        char *at = strstr(text, "@include"), *q = at ? strchr(at, '"') : NULL, *e = q ? strchr(q + 1, '"') : NULL;
        name = e ? strndup(q + 1, (size_t)(e - q - 1)) : NULL;
        break;
    }
    free(text);
    if (f)
        fclose(f);
    return name;
}

/* libconfig 1.5 says only "cannot open include file"; say which file, where it was looked for and why. */
static void include_error(const conf *c, const config_t *lc, char *err, size_t errlen)
{
    /* An included file is named as written, relative to the include folder. */
    const char *ef = config_error_file(lc);
    char *inner = ef && ef[0] != '/' && strcmp(ef, c->path) != 0 ? paths_join(c->dir, ef) : NULL;
    const char *file = inner ? inner : ef ? ef :
                                            c->path;
    int line = config_error_line(lc);
    char *name = include_name(file, line);
    char *full = name && name[0] != '/' ? paths_join(c->dir, name) : NULL;
    const char *where = full ? full : name;
    if (!where) {
        snprintf(err, errlen, "%s:%d: %s", file, line, config_error_text(lc));
    } else {
        FILE *f = fopen(where, "r");
        const char *why = f ? "unreadable" : strerror(errno);
        snprintf(err, errlen, "%s:%d: cannot open included file '%s' (%s): %s", file, line, name, where, why);
        if (f)
            fclose(f);
    }
    free(full);
    free(name);
    free(inner);
}

int conf_load(conf *c, const char *path, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->max_document_bytes = CONF_DEFAULT_MAX_DOC_BYTES;
    c->jobs = 1;
    c->archive = (archive_opts){NULL, ARCHIVE_DEFAULT_LEVEL, ARCHIVE_DEFAULT_MEMBER_DOCS, ARCHIVE_DEFAULT_MEMBER_BYTES,
                                ARCHIVE_DEFAULT_MAX_FILE_BYTES, 0, 1};
    c->path = strdup(path);
    const char *slash = strrchr(path, '/');
    c->dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
    config_t *lc = calloc(1, sizeof *lc);
    if (!c->path || !c->dir || !lc) {
        free(lc);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    config_init(lc);
    c->lc = lc;
    /* No CONFIG_OPTION_AUTOCONVERT: it would silently truncate 0.2 to 0 for an int option. */
    config_set_options(lc, 0);
    config_set_include_dir(lc, c->dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open pipeline file: %s", path, strerror(errno));
        return -1;
    }
    int ok = config_read(lc, f);
    fclose(f);
    if (ok != CONFIG_TRUE && config_error_text(lc) && strstr(config_error_text(lc), "include file")) {
        include_error(c, lc, err, errlen);
        return -1;
    }
    if (ok != CONFIG_TRUE) {
        snprintf(err, errlen, "%s:%d: %s", path, config_error_line(lc), config_error_text(lc));
        return -1;
    }
    const config_setting_t *root = config_root_setting(lc);
    static const char *const keys[] = {"plugin_path", "stages", "output", "max_document_bytes", "jobs", "isolate",
                                       "stage_timeout", NULL};
    if (check_keys(c, root, "the pipeline file", keys, err, errlen))
        return -1;
    const config_setting_t *s;
    if ((s = config_setting_get_member(root, "plugin_path"))) {
        if (config_setting_type(s) == CONFIG_TYPE_STRING) {
            c->plugin_path = calloc(2, sizeof *c->plugin_path);
            if (!c->plugin_path || !(c->plugin_path[0] = strdup(config_setting_get_string(s))))
                return fail(err, errlen, c, s, "out of memory");
            c->nplugin_path = 1;
        } else if (string_list(c, s, "plugin_path", &c->plugin_path, &c->nplugin_path, err, errlen)) {
            return -1;
        }
    }
    if ((s = config_setting_get_member(root, "max_document_bytes"))) {
        if (want_type(c, s, CONFIG_TYPE_INT, "max_document_bytes", err, errlen))
            return -1;
        c->max_document_bytes = config_setting_get_int64(s);
        if (c->max_document_bytes <= 0 || c->max_document_bytes >= (int64_t)UINT32_MAX)
            return fail(err, errlen, c, s, "max_document_bytes must be between 1 and %u", UINT32_MAX - 1);
    }
    if ((s = config_setting_get_member(root, "jobs"))) {
        if (want_type(c, s, CONFIG_TYPE_INT, "jobs", err, errlen))
            return -1;
        c->jobs = config_setting_get_int64(s);
        if (c->jobs < 1 || c->jobs > 256)
            return fail(err, errlen, c, s, "jobs must be between 1 and 256");
    }
    if ((s = config_setting_get_member(root, "isolate"))) {
        if (want_type(c, s, CONFIG_TYPE_BOOL, "isolate", err, errlen))
            return -1;
        c->isolate = config_setting_get_bool(s);
    }
    if ((s = config_setting_get_member(root, "stage_timeout"))) {
        int t = config_setting_type(s);
        if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64 && want_type(c, s, CONFIG_TYPE_FLOAT, "stage_timeout", err, errlen))
            return -1;
        c->stage_timeout = t == CONFIG_TYPE_FLOAT ? config_setting_get_float(s) : (double)config_setting_get_int64(s);
        if (!(c->stage_timeout >= 0 && c->stage_timeout <= 86400))
            return fail(err, errlen, c, s, "stage_timeout must be between 0 (no limit) and 86400 seconds");
    }
    if ((s = config_setting_get_member(root, "output")) && load_output(c, s, err, errlen))
        return -1;
    s = config_setting_get_member(root, "stages");
    if (!s)
        return fail(err, errlen, c, root, "no 'stages' list: a pipeline needs at least one stage");
    if (config_setting_type(s) != CONFIG_TYPE_LIST)
        return fail(err, errlen, c, s, "'stages' must be a list ( {...}, {...} ), not %s",
                    type_name(config_setting_type(s)));
    int n = config_setting_length(s);
    if (n == 0)
        return fail(err, errlen, c, s, "'stages' is empty: a pipeline needs at least one stage");
    c->stages = calloc((size_t)n, sizeof *c->stages);
    if (!c->stages)
        return fail(err, errlen, c, s, "out of memory");
    for (int k = 0; k < n; k++) {
        const config_setting_t *g = config_setting_get_elem(s, (unsigned)k);
        c->nstages = (size_t)k + 1;
        if (load_stage(c, g, &c->stages[k], err, errlen))
            return -1;
        for (int j = 0; j < k; j++)
            if (strcmp(c->stages[j].name, c->stages[k].name) == 0)
                return fail(err, errlen, c, g,
                            "two stages are named '%s' (line %d); give one a distinct `name`",
                            c->stages[k].name, c->stages[j].line);
    }
    return 0;
}

static const config_setting_t *stage_options(const conf *c, size_t i)
{
    const config_setting_t *stages = config_lookup((const config_t *)c->lc, "stages");
    const config_setting_t *g = stages ? config_setting_get_elem(stages, (unsigned)i) : NULL;
    return g ? config_setting_get_member(g, "options") : NULL;
}

int conf_apply_options(const conf *c, size_t i, pipe_cfg *cfg, char *err, size_t errlen)
{
    const config_setting_t *opts = stage_options(c, i);
    const char *stage = c->stages[i].name;
    int n = opts ? config_setting_length(opts) : 0;
    for (int k = 0; k < n; k++) {
        const config_setting_t *s = config_setting_get_elem(opts, (unsigned)k);
        const char *name = config_setting_name(s);
        const pipe_option *d = cfg_decl(cfg, name);
        if (!d) {
            char names[512];
            cfg_names(cfg, names, sizeof names);
            return fail(err, errlen, c, s, "stage '%s' has no option '%s' (valid options: %s)", stage, name,
                        names);
        }
        int t = config_setting_type(s);
        int isint = t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64;
        int rc = PIPE_ERR_TYPE;
        switch ((pipe_opt_type)d->type) {
        case PIPE_OPT_BOOL:
            if (t == CONFIG_TYPE_BOOL)
                rc = cfg_set_bool(cfg, name, config_setting_get_bool(s));
            break;
        case PIPE_OPT_INT:
            if (isint)
                rc = cfg_set_int(cfg, name, config_setting_get_int64(s));
            break;
        case PIPE_OPT_DOUBLE:
            if (t == CONFIG_TYPE_FLOAT)
                rc = cfg_set_double(cfg, name, config_setting_get_float(s));
            else if (isint)
                rc = cfg_set_double(cfg, name, (double)config_setting_get_int64(s));
            break;
        case PIPE_OPT_STRING:
            if (t == CONFIG_TYPE_STRING)
                rc = cfg_set_string(cfg, name, config_setting_get_string(s));
            break;
        case PIPE_OPT_STRLIST: {
            char **v = NULL;
            size_t nv = 0;
            if (string_list(c, s, name, &v, &nv, err, errlen))
                return -1;
            rc = cfg_set_strlist(cfg, name, (const char *const *)v, nv);
            free_list(v, nv);
            break;
        }
        }
        if (rc == PIPE_ERR_NOMEM)
            return fail(err, errlen, c, s, "out of memory");
        if (rc != PIPE_OK)
            return fail(err, errlen, c, s, "option '%s' of stage '%s' must be %s, not %s", name, stage,
                        cfg_type_wanted(d->type), type_name(t));
        char why[768];
        if (cfg_check(cfg, name, why, sizeof why))
            return fail(err, errlen, c, s, "stage '%s': %s", stage, why);
    }
    return 0;
}

int conf_set_layers(conf *c, const char *list, char *err, size_t errlen)
{
    free_list(c->layers, c->nlayers);
    c->layers = NULL;
    c->nlayers = 0;
    c->layers_none = 0;
    c->layers_from_flag = 1;
    if (strcmp(list, "none") == 0) {
        c->layers_none = 1;
        return 0;
    }
    if (strcmp(list, "all") == 0)
        return 0;
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    c->layers = calloc(cap + 1, sizeof *c->layers);
    if (!c->layers) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const char *p = list;
    while (1) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == 0) {
            snprintf(err, errlen, "--layers: empty layer name in '%s'", list);
            return -1;
        }
        c->layers[c->nlayers++] = strndup(p, len);
        if (!comma)
            break;
        p = comma + 1;
    }
    return 0;
}

void conf_free(conf *c)
{
    for (size_t k = 0; k < c->nstages; k++) {
        free(c->stages[k].plugin);
        free(c->stages[k].name);
    }
    free(c->stages);
    free_list(c->plugin_path, c->nplugin_path);
    free_list(c->layers, c->nlayers);
    free(c->output_path);
    free(c->archive_dir);
    if (c->lc) {
        config_destroy((config_t *)c->lc);
        free(c->lc);
    }
    free(c->path);
    free(c->dir);
    memset(c, 0, sizeof *c);
}
