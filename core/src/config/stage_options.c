#include "config/stage_options.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/name_list.h"

typedef struct opt_value {
    const pipe_option *decl;
    int is_set;
    int b;
    int64_t i;
    double d;
    char *s;
    char **list; /* NULL-terminated */
    size_t nlist;
} opt_value;

struct pipe_cfg {
    size_t n;
    opt_value *vals;
};

static opt_value *find(const pipe_cfg *cfg, const char *name)
{
    if (!cfg || !name)
        return NULL;
    for (size_t k = 0; k < cfg->n; k++)
        if (strcmp(cfg->vals[k].decl->name, name) == 0)
            return &cfg->vals[k];
    return NULL;
}

static void clear_value(opt_value *v)
{
    free(v->s);
    v->s = NULL;
    for (size_t k = 0; k < v->nlist; k++)
        free(v->list[k]);
    free(v->list);
    v->list = NULL;
    v->nlist = 0;
    v->is_set = 0;
}

const char *cfg_type_name(uint32_t t)
{
    switch ((pipe_opt_type)t) {
    case PIPE_OPT_BOOL:
        return "bool";
    case PIPE_OPT_INT:
        return "int";
    case PIPE_OPT_DOUBLE:
        return "double";
    case PIPE_OPT_STRING:
        return "string";
    case PIPE_OPT_STRLIST:
        return "string list";
    }
    return "unknown";
}

const char *cfg_type_wanted(uint32_t t)
{
    /* "a bool" leaves the user guessing between yes, 1 and on: name the two words accepted. */
    switch (t) {
    case PIPE_OPT_BOOL:
        return "true or false";
    case PIPE_OPT_INT:
        return "an int";
    case PIPE_OPT_DOUBLE:
        return "a double";
    case PIPE_OPT_STRING:
        return "a string";
    case PIPE_OPT_STRLIST:
        return "a string list";
    }
    return "a known type";
}

pipe_cfg *cfg_new(const pipe_option *decls, char *err, size_t errlen)
{
    pipe_cfg *cfg = calloc(1, sizeof *cfg);
    if (!cfg) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    size_t n = 0;
    while (decls && decls[n].name)
        n++;
    cfg->vals = calloc(n ? n : 1, sizeof *cfg->vals);
    if (!cfg->vals) {
        free(cfg);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    cfg->n = n;
    for (size_t k = 0; k < n; k++) {
        cfg->vals[k].decl = &decls[k];
        for (size_t j = 0; j < k; j++) {
            if (strcmp(decls[j].name, decls[k].name) == 0) {
                snprintf(err, errlen, "option '%s' is declared twice", decls[k].name);
                cfg_free(cfg);
                return NULL;
            }
        }
    }
    for (size_t k = 0; k < n; k++) {
        if (!decls[k].default_value)
            continue;
        char sub[256];
        if (cfg_set_text(cfg, decls[k].name, decls[k].default_value, sub, sizeof sub) != 0) {
            snprintf(err, errlen, "bad default for option '%s': %s", decls[k].name, sub);
            cfg_free(cfg);
            return NULL;
        }
    }
    return cfg;
}

void cfg_free(pipe_cfg *cfg)
{
    if (!cfg)
        return;
    for (size_t k = 0; k < cfg->n; k++)
        clear_value(&cfg->vals[k]);
    free(cfg->vals);
    free(cfg);
}

const pipe_option *cfg_decl(const pipe_cfg *cfg, const char *name)
{
    opt_value *v = find(cfg, name);
    return v ? v->decl : NULL;
}

void cfg_names(const pipe_cfg *cfg, char *out, size_t outlen)
{
    out[0] = '\0';
    for (size_t k = 0; k < cfg->n; k++)
        name_list_add(out, outlen, k == 0, cfg->vals[k].decl->name);
    if (cfg->n == 0)
        snprintf(out, outlen, "(none)");
}

static opt_value *settable(pipe_cfg *cfg, const char *name, uint32_t t)
{
    opt_value *v = find(cfg, name);
    if (!v || v->decl->type != t)
        return NULL;
    clear_value(v);
    return v;
}

int cfg_set_bool(pipe_cfg *cfg, const char *name, int b)
{
    opt_value *v = settable(cfg, name, PIPE_OPT_BOOL);
    if (!v)
        return PIPE_ERR_TYPE;
    v->b = b != 0;
    v->is_set = 1;
    return PIPE_OK;
}

int cfg_set_int(pipe_cfg *cfg, const char *name, int64_t i)
{
    opt_value *v = settable(cfg, name, PIPE_OPT_INT);
    if (!v)
        return PIPE_ERR_TYPE;
    v->i = i;
    v->is_set = 1;
    return PIPE_OK;
}

int cfg_set_double(pipe_cfg *cfg, const char *name, double d)
{
    opt_value *v = settable(cfg, name, PIPE_OPT_DOUBLE);
    if (!v)
        return PIPE_ERR_TYPE;
    v->d = d;
    v->is_set = 1;
    return PIPE_OK;
}

int cfg_set_string(pipe_cfg *cfg, const char *name, const char *s)
{
    opt_value *v = settable(cfg, name, PIPE_OPT_STRING);
    if (!v)
        return PIPE_ERR_TYPE;
    if (!(v->s = strdup(s)))
        return PIPE_ERR_NOMEM;
    v->is_set = 1;
    return PIPE_OK;
}

int cfg_set_strlist(pipe_cfg *cfg, const char *name, const char *const *items, size_t n)
{
    opt_value *v = settable(cfg, name, PIPE_OPT_STRLIST);
    if (!v)
        return PIPE_ERR_TYPE;
    v->list = calloc(n + 1, sizeof *v->list);
    if (!v->list)
        return PIPE_ERR_NOMEM;
    for (size_t k = 0; k < n; k++) {
        if (!(v->list[k] = strdup(items[k]))) {
            clear_value(v);
            return PIPE_ERR_NOMEM;
        }
        v->nlist = k + 1;
    }
    v->is_set = 1;
    return PIPE_OK;
}

static int parse_strlist(pipe_cfg *cfg, const char *name, const char *text)
{
    /* Comma-separated on the command line; an empty text is an empty list. */
    char *copy = strdup(text);
    if (!copy)
        return PIPE_ERR_NOMEM;
    size_t n = 0, cap = 8;
    const char **items = malloc(cap * sizeof *items);
    int rc = items ? PIPE_OK : PIPE_ERR_NOMEM;
    for (char *p = copy; rc == PIPE_OK && *p;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (n == cap) {
            const char **grown = realloc(items, 2 * cap * sizeof *items);
            if (!grown) {
                rc = PIPE_ERR_NOMEM;
                break;
            }
            items = grown;
            cap *= 2;
        }
        items[n++] = p;
        if (!comma)
            break;
        p = comma + 1;
    }
    if (rc == PIPE_OK)
        rc = cfg_set_strlist(cfg, name, items, n);
    free(items);
    free(copy);
    return rc;
}

int cfg_set_text(pipe_cfg *cfg, const char *name, const char *text, char *err, size_t errlen)
{
    opt_value *v = find(cfg, name);
    if (!v) {
        char names[512];
        cfg_names(cfg, names, sizeof names);
        snprintf(err, errlen, "unknown option '%s' (valid options: %s)", name, names);
        return -1;
    }
    char *end = NULL;
    int rc = PIPE_OK;
    switch ((pipe_opt_type)v->decl->type) {
    case PIPE_OPT_BOOL:
        if (strcmp(text, "true") == 0)
            rc = cfg_set_bool(cfg, name, 1);
        else if (strcmp(text, "false") == 0)
            rc = cfg_set_bool(cfg, name, 0);
        else
            goto bad;
        break;
    case PIPE_OPT_INT: {
        errno = 0;
        long long i = strtoll(text, &end, 10);
        if (errno || end == text || *end)
            goto bad;
        rc = cfg_set_int(cfg, name, (int64_t)i);
        break;
    }
    case PIPE_OPT_DOUBLE: {
        errno = 0;
        double d = strtod(text, &end);
        if (errno || end == text || *end || !isfinite(d))
            goto bad;
        rc = cfg_set_double(cfg, name, d);
        break;
    }
    case PIPE_OPT_STRING:
        rc = cfg_set_string(cfg, name, text);
        break;
    case PIPE_OPT_STRLIST:
        rc = parse_strlist(cfg, name, text);
        break;
    }
    if (rc != PIPE_OK) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return cfg_check(cfg, name, err, errlen);
bad:
    snprintf(err, errlen, "option '%s' wants %s, not '%s'", name, cfg_type_wanted(v->decl->type), text);
    return -1;
}

void cfg_format_value(const pipe_cfg *cfg, const char *name, char *out, size_t outlen)
{
    opt_value *v = find(cfg, name);
    if (!v || !v->is_set) {
        snprintf(out, outlen, "(unset)");
        return;
    }
    switch ((pipe_opt_type)v->decl->type) {
    case PIPE_OPT_BOOL:
        snprintf(out, outlen, "%s", v->b ? "true" : "false");
        break;
    case PIPE_OPT_INT:
        snprintf(out, outlen, "%" PRId64, v->i);
        break;
    case PIPE_OPT_DOUBLE:
        snprintf(out, outlen, "%g", v->d);
        break;
    case PIPE_OPT_STRING:
        snprintf(out, outlen, "\"%s\"", v->s);
        break;
    case PIPE_OPT_STRLIST: {
        size_t used = 0;
        out[0] = '\0';
        for (size_t k = 0; k < v->nlist && used < outlen; k++) {
            int w = snprintf(out + used, outlen - used, "%s%s", k ? "," : "", v->list[k]);
            if (w < 0)
                break;
            used += (size_t)w;
        }
        break;
    }
    }
}

/* A string is one of the declared choices (or any string when there are none). */
static int is_choice(const pipe_option *o, const char *s)
{
    for (size_t k = 0; o->choices && o->choices[k]; k++)
        if (strcmp(o->choices[k], s) == 0)
            return 1;
    return !o->choices;
}

static void choices_text(const pipe_option *o, char *out, size_t outlen)
{
    out[0] = '\0';
    for (size_t k = 0; o->choices[k]; k++)
        name_list_add(out, outlen, k == 0, o->choices[k]);
}

int cfg_check(const pipe_cfg *cfg, const char *name, char *err, size_t errlen)
{
    const opt_value *v = find(cfg, name);
    if (!v || !v->is_set)
        return 0;
    const pipe_option *o = v->decl;
    double x = o->type == PIPE_OPT_INT ? (double)v->i : v->d;
    int numeric = o->type == PIPE_OPT_INT || o->type == PIPE_OPT_DOUBLE;
    char val[64];
    if (o->type == PIPE_OPT_INT)
        snprintf(val, sizeof val, "%" PRId64, v->i);
    else
        snprintf(val, sizeof val, "%.15g", v->d);
    if (numeric && (o->flags & PIPE_OPTF_MIN) && x < o->min) {
        snprintf(err, errlen, "option '%s' is %s, below its minimum %.15g", name, val, o->min);
        return -1;
    }
    if (numeric && (o->flags & PIPE_OPTF_MAX) && x > o->max) {
        snprintf(err, errlen, "option '%s' is %s, above its maximum %.15g", name, val, o->max);
        return -1;
    }
    const char *bad = NULL;
    if (o->type == PIPE_OPT_STRING && !is_choice(o, v->s))
        bad = v->s;
    for (size_t k = 0; o->type == PIPE_OPT_STRLIST && !bad && k < v->nlist; k++)
        if (!is_choice(o, v->list[k]))
            bad = v->list[k];
    if (bad) {
        char list[512];
        choices_text(o, list, sizeof list);
        snprintf(err, errlen, "option '%s' is \"%s\", not one of: %s", name, bad, list);
        return -1;
    }
    return 0;
}

const char *cfg_missing_required(const pipe_cfg *cfg)
{
    for (size_t k = 0; k < cfg->n; k++)
        if ((cfg->vals[k].decl->flags & PIPE_OPTF_REQUIRED) && !cfg->vals[k].is_set)
            return cfg->vals[k].decl->name;
    return NULL;
}

static const opt_value *gettable(const pipe_cfg *cfg, const char *name, uint32_t t, int *rc)
{
    const opt_value *v = find(cfg, name);
    if (!v)
        *rc = PIPE_ERR_NOTFOUND;
    else if (v->decl->type != t && !(t == PIPE_OPT_DOUBLE && v->decl->type == PIPE_OPT_INT))
        *rc = PIPE_ERR_TYPE;
    else if (!v->is_set)
        *rc = PIPE_ERR_NOTFOUND;
    else
        *rc = PIPE_OK;
    return *rc == PIPE_OK ? v : NULL;
}

int cfg_get_bool(const pipe_cfg *cfg, const char *name, int *out)
{
    int rc;
    const opt_value *v = gettable(cfg, name, PIPE_OPT_BOOL, &rc);
    if (v)
        *out = v->b;
    return rc;
}

int cfg_get_int(const pipe_cfg *cfg, const char *name, int64_t *out)
{
    int rc;
    const opt_value *v = gettable(cfg, name, PIPE_OPT_INT, &rc);
    if (v)
        *out = v->i;
    return rc;
}

int cfg_get_double(const pipe_cfg *cfg, const char *name, double *out)
{
    int rc;
    const opt_value *v = gettable(cfg, name, PIPE_OPT_DOUBLE, &rc);
    if (v)
        *out = v->decl->type == PIPE_OPT_INT ? (double)v->i : v->d;
    return rc;
}

int cfg_get_string(const pipe_cfg *cfg, const char *name, const char **out)
{
    int rc;
    const opt_value *v = gettable(cfg, name, PIPE_OPT_STRING, &rc);
    if (v)
        *out = v->s;
    return rc;
}

int cfg_get_strlist(const pipe_cfg *cfg, const char *name, const char *const **items, size_t *count)
{
    int rc;
    const opt_value *v = gettable(cfg, name, PIPE_OPT_STRLIST, &rc);
    if (v) {
        static const char *const empty[] = {NULL};
        *items = v->list ? (const char *const *)v->list : empty;
        *count = v->nlist;
    }
    return rc;
}
