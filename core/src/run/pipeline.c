#include "run/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/crash.h"
#include "doc/doc.h"
#include "doc/layer_check.h"
#include "config/stage_options.h"
#include "util/name_list.h"

/* Largest number of layers one stage may produce (the loader reads at most 64 names per list). */
#define MAX_PRODUCED 64

static int apply_set(pipeline *p, const char *set, char *err, size_t errlen)
{
    const char *dot = strchr(set, '.');
    const char *eq = dot ? strchr(dot, '=') : NULL;
    if (!dot || !eq || dot == set || eq == dot + 1) {
        snprintf(err, errlen, "--set '%s': expected STAGE.OPTION=VALUE", set);
        return -1;
    }
    size_t slen = (size_t)(dot - set);
    for (size_t k = 0; k < p->n; k++) {
        const char *name = p->stages[k].cs->name;
        if (strlen(name) != slen || strncmp(name, set, slen) != 0)
            continue;
        char opt[256];
        snprintf(opt, sizeof opt, "%.*s", (int)(eq - dot - 1), dot + 1);
        char sub[512];
        if (cfg_set_text(p->stages[k].cfg, opt, eq + 1, sub, sizeof sub)) {
            snprintf(err, errlen, "--set '%s': stage '%s': %s", set, name, sub);
            return -1;
        }
        p->stages[k].set_by = set;
        return 0;
    }
    char names[512] = "";
    for (size_t k = 0; k < p->n; k++)
        name_list_add(names, sizeof names, k == 0, p->stages[k].cs->name);
    snprintf(err, errlen, "--set '%s': no stage named '%.*s' (stages: %s)", set, (int)slen, set, names);
    return -1;
}

/* The earlier stage that produces layer, or NULL. */
static const char *producer_before(const pipeline *p, size_t i, const char *layer)
{
    for (size_t j = 0; j < i; j++)
        if (host_in_list(p->stages[j].mod.desc->produces, layer))
            return p->stages[j].cs->name;
    return NULL;
}

/* The later stage that produces layer, or NULL. */
static const char *producer_after(const pipeline *p, size_t i, const char *layer)
{
    for (size_t j = i + 1; j < p->n; j++)
        if (host_in_list(p->stages[j].mod.desc->produces, layer))
            return p->stages[j].cs->name;
    return NULL;
}

/*
 * The layer contract at load time: every required consume produced earlier,
 * every optional consume produced earlier or not at all (a later producer
 * would be silently ignored), and one producer per layer.
 */
static int check_flow(const pipeline *p, const conf *c, char *err, size_t errlen)
{
    for (size_t i = 0; i < p->n; i++) {
        const pipe_plugin *d = p->stages[i].mod.desc;
        const char *name = p->stages[i].cs->name;
        int line = p->stages[i].cs->line;
        for (size_t k = 0; d->consumes && d->consumes[k]; k++) {
            const char *layer = d->consumes[k];
            if (producer_before(p, i, layer))
                continue;
            const char *later = producer_after(p, i, layer);
            if (later)
                snprintf(err, errlen, "%s:%d: stage '%s' consumes '%s', which stage '%s' produces only later; "
                                      "move '%s' before '%s'",
                         c->path, line, name, layer, later, later, name);
            else
                snprintf(err, errlen, "%s:%d: stage '%s' consumes '%s' but no earlier stage produces it",
                         c->path, line, name, layer);
            return -1;
        }
        for (size_t k = 0; d->consumes_optional && d->consumes_optional[k]; k++) {
            const char *layer = d->consumes_optional[k], *later = producer_after(p, i, layer);
            if (!producer_before(p, i, layer) && later) {
                snprintf(err, errlen, "%s:%d: stage '%s' reads '%s' when an earlier stage produces it, but stage "
                                      "'%s' produces it only later, so '%s' would never see it; move '%s' before '%s'",
                         c->path, line, name, layer, later, name, later, name);
                return -1;
            }
        }
        for (size_t k = 0; d->produces && d->produces[k]; k++) {
            const char *first = producer_before(p, i, d->produces[k]);
            if (first) {
                snprintf(err, errlen, "%s:%d: stage '%s' produces '%s', which stage '%s' already produces; a "
                                      "layer has one producer (remove one of the stages)",
                         c->path, line, name,
                         d->produces[k], first);
                return -1;
            }
        }
    }
    return 0;
}

/* Append id to a set kept as an array (layers are few; order is the user's). */
static int add_unique(pipe_layer_id **v, size_t *n, pipe_layer_id id)
{
    for (size_t k = 0; k < *n; k++)
        if ((*v)[k] == id)
            return 0;
    pipe_layer_id *grown = realloc(*v, (*n + 1) * sizeof *grown);
    if (!grown)
        return -1;
    *v = grown;
    (*v)[(*n)++] = id;
    return 0;
}

static int choose_output(pipeline *p, const conf *c, char *err, size_t errlen)
{
    for (size_t k = 0; k < p->n; k++) {
        const char *const *prod = p->stages[k].mod.desc->produces;
        for (size_t j = 0; prod && prod[j]; j++) {
            pipe_layer_id id;
            if (registry_find(&p->reg, prod[j], &id) == PIPE_OK && add_unique(&p->produced, &p->nproduced, id))
                goto nomem;
        }
    }
    if (c->layers_none)
        return 0;
    if (!c->layers) {
        for (size_t k = 0; k < p->nproduced; k++)
            if (add_unique(&p->out_layers, &p->nout, p->produced[k]))
                goto nomem;
        return 0;
    }
    for (size_t k = 0; k < c->nlayers; k++) {
        pipe_layer_id id = -1;
        int known = registry_find(&p->reg, c->layers[k], &id) == PIPE_OK;
        int produced = 0;
        for (size_t j = 0; known && j < p->nproduced; j++)
            produced |= p->produced[j] == id;
        if (!produced) {
            char names[512] = "";
            for (size_t j = 0; j < p->nproduced; j++)
                name_list_add(names, sizeof names, j == 0, registry_schema(&p->reg, p->produced[j])->name);
            /* --layers is blamed as the flag it is, not as the pipeline file it overrides. */
            snprintf(err, errlen, "%s: output layer '%s' is not produced by any stage of this pipeline "
                                  "(produced: %s)",
                     c->layers_from_flag ? "--layers" : c->path, c->layers[k],
                     p->nproduced ? names : "none");
            return -1;
        }
        if (add_unique(&p->out_layers, &p->nout, id))
            goto nomem;
    }
    return 0;
nomem:
    snprintf(err, errlen, "out of memory");
    return -1;
}

/* The ids of the layers a stage produces and a flag per layer id, once every schema is registered. */
static int note_writes(pipeline *p, stage *s)
{
    const char *const *prod = s->mod.desc->produces;
    s->may_append = calloc(p->reg.n ? p->reg.n : 1, 1);
    s->prod = calloc(MAX_PRODUCED, sizeof *s->prod);
    if (!s->may_append || !s->prod)
        return -1;
    for (size_t j = 0; prod && prod[j] && s->nprod < MAX_PRODUCED; j++) {
        pipe_layer_id id;
        if (registry_find(&p->reg, prod[j], &id) == PIPE_OK && !s->may_append[id]) {
            s->may_append[id] = 1;
            s->prod[s->nprod++] = id;
        }
    }
    return 0;
}

/* Run a stage's init() once, before its first instance. */
static int init_stage(pipeline *p, stage *s, const conf *c, char *err, size_t errlen)
{
    host_init(&s->init_host, s->cs->name, s->mod.desc, &p->reg, c->dir);
    if (!s->mod.desc->init)
        return 0;
    s->init_host.creating = 1;
    int rc = s->mod.desc->init(&host_api, &s->init_host, s->cfg, &s->shared);
    s->init_host.creating = 0;
    if (rc < 0) {
        snprintf(err, errlen, "%s:%d: stage '%s' (%s) failed to start: %s", c->path, s->cs->line, s->cs->name,
                 s->mod.path, host_take_error(&s->init_host, rc));
        return -1;
    }
    s->inited = 1;
    return 0;
}

static int create_instances(pipeline *p, const conf *c, char *err, size_t errlen)
{
    for (size_t w = 0; w < p->nworkers; w++) {
        for (size_t i = 0; i < p->n; i++) {
            stage *s = &p->stages[i];
            stage_inst *in = &p->inst[w * p->n + i];
            if (w == 0 && init_stage(p, s, c, err, errlen))
                return -1;
            host_init(&in->host, s->cs->name, s->mod.desc, &p->reg, c->dir);
            if (!s->mod.desc->create) {
                in->created = 1;
                continue;
            }
            in->host.creating = 1;
            int rc = s->mod.desc->create(&host_api, &in->host, s->cfg, s->shared, &in->state);
            in->host.creating = 0;
            if (rc < 0) {
                /* A value from --set is where the user will look first: name it beside the file. */
                snprintf(err, errlen, "%s:%d%s%s%s: stage '%s' (%s) failed to start: %s", c->path, s->cs->line,
                         s->set_by ? " with --set '" : "", s->set_by ? s->set_by : "", s->set_by ? "'" : "",
                         s->cs->name, s->mod.path, host_take_error(&in->host, rc));
                if (s->mod.desc->destroy && in->state)
                    s->mod.desc->destroy(in->state);
                in->state = NULL;
                return -1;
            }
            in->created = 1;
            if (w > 0)
                continue;
            const char *const *prod = s->mod.desc->produces;
            for (size_t j = 0; prod && prod[j]; j++) {
                pipe_layer_id id;
                if (registry_find(&p->reg, prod[j], &id) != PIPE_OK) {
                    snprintf(err, errlen, "%s: stage '%s' declares that it produces '%s' but registered no "
                                          "schema for it in init() or create()",
                             s->mod.path, s->cs->name, prod[j]);
                    return -1;
                }
            }
        }
    }
    for (size_t i = 0; i < p->n; i++)
        if (note_writes(p, &p->stages[i])) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
    return 0;
}

/* A required option without a value: FILE:LINE of the stage, and what the option is for. */
static int check_required(const pipeline *p, const conf *c, char *err, size_t errlen)
{
    for (size_t i = 0; i < p->n; i++) {
        const char *missing = cfg_missing_required(p->stages[i].cfg);
        if (missing) {
            const pipe_option *o = cfg_decl(p->stages[i].cfg, missing);
            snprintf(err, errlen, "%s:%d: stage '%s' needs option '%s' (%s): set it in the stage's options or "
                                  "with --set %s.%s=VALUE",
                     c->path, p->stages[i].cs->line, p->stages[i].cs->name, missing,
                     o->help ? o->help : cfg_type_name(o->type), p->stages[i].cs->name, missing);
            return -1;
        }
    }
    return 0;
}

int pipeline_build(pipeline *p, const conf *c, const strvec *plugin_dirs, char *const *sets, size_t nsets,
                   size_t nworkers, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    if (registry_init(&p->reg)) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    p->stages = calloc(c->nstages, sizeof *p->stages);
    p->nworkers = nworkers ? nworkers : 1;
    p->inst = calloc(c->nstages * p->nworkers, sizeof *p->inst);
    if (!p->stages || !p->inst) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    p->n = c->nstages;
    for (size_t i = 0; i < p->n; i++) {
        stage *s = &p->stages[i];
        s->cs = &c->stages[i];
        char sub[1536];
        if (loader_open(s->cs->plugin, plugin_dirs, &s->mod, sub, sizeof sub)) {
            snprintf(err, errlen, "%s:%d: stage '%s': %s", c->path, s->cs->line, s->cs->name, sub);
            return -1;
        }
        if (!(s->cfg = cfg_new(s->mod.options, sub, sizeof sub))) {
            snprintf(err, errlen, "%s: %s", s->mod.path, sub);
            return -1;
        }
        if (conf_apply_options(c, i, s->cfg, err, errlen))
            return -1;
    }
    for (size_t k = 0; k < nsets; k++)
        if (apply_set(p, sets[k], err, errlen))
            return -1;
    if (check_required(p, c, err, errlen) || check_flow(p, c, err, errlen) || create_instances(p, c, err, errlen) ||
        choose_output(p, c, err, errlen))
        return -1;
    return 0;
}

/* The new records of every layer the stage produces, checked against layers.h's contract. */
static int check_records(const stage *s, pipe_doc *doc, const size_t *before, char *err, size_t errlen)
{
    for (size_t k = 0; k < s->nprod; k++)
        if (layer_check(doc, s->prod[k], before[k], err, errlen))
            return -1;
    return 0;
}

doc_result pipeline_run_doc(pipeline *p, size_t worker, pipe_doc *doc)
{
    if (doc_error_stage(doc))
        return DOC_FAILED;
    for (size_t i = 0; i < p->n; i++) {
        stage *s = &p->stages[i];
        stage_inst *in = &p->inst[worker * p->n + i];
        size_t before[MAX_PRODUCED];
        for (size_t k = 0; k < s->nprod; k++)
            doc_layer_records(doc, s->prod[k], &before[k]);
        pipe_call call = {sizeof call, &host_api, &in->host, doc, s->shared};
        host_clear_error(&in->host);
        doc_set_writer(doc, s->may_append);
        crash_enter(i, s->cs->name, doc_get_id(doc));
        int rc = s->mod.desc->process(in->state, &call);
        crash_leave();
        doc_set_writer(doc, NULL);
        char *breach = doc_take_violation(doc), why[1024];
        if (rc == PIPE_SKIP) {
            free(breach);
            return DOC_SKIPPED;
        }
        if (breach) {
            /* The breach explains a failure better than the stage can: it is what the stage did wrong. */
            snprintf(why, sizeof why, "layer contract: %s", breach);
            free(breach);
            doc_set_error(doc, s->cs->name, why);
            return DOC_FAILED;
        }
        if (rc < 0) {
            doc_set_error(doc, s->cs->name, host_take_error(&in->host, rc));
            return DOC_FAILED;
        }
        if (check_records(s, doc, before, why, sizeof why)) {
            doc_set_error(doc, s->cs->name, why);
            return DOC_FAILED;
        }
    }
    return DOC_OK;
}

void pipeline_free(pipeline *p)
{
    for (size_t w = 0; p->inst && w < p->nworkers; w++) {
        for (size_t i = 0; i < p->n; i++) {
            stage_inst *in = &p->inst[w * p->n + i];
            if (in->created && p->stages[i].mod.desc->destroy)
                p->stages[i].mod.desc->destroy(in->state);
        }
    }
    for (size_t i = 0; p->stages && i < p->n; i++) {
        stage *s = &p->stages[i];
        if (s->inited && s->mod.desc->fini)
            s->mod.desc->fini(s->shared);
        cfg_free(s->cfg);
        free(s->prod);
        free(s->may_append);
        loader_close(&s->mod);
    }
    free(p->inst);
    free(p->stages);
    free(p->out_layers);
    free(p->produced);
    registry_free(&p->reg);
    memset(p, 0, sizeof *p);
}
