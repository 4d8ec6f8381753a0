#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crash.h"
#include "doc.h"
#include "options.h"

static int in_list(const char *const *v, const char *name)
{
    for (size_t k = 0; v && v[k]; k++)
        if (strcmp(v[k], name) == 0)
            return 1;
    return 0;
}

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
    for (size_t k = 0; k < p->n; k++) {
        strncat(names, p->stages[k].cs->name, sizeof names - strlen(names) - 1);
        if (k + 1 < p->n)
            strncat(names, ", ", sizeof names - strlen(names) - 1);
    }
    snprintf(err, errlen, "--set '%s': no stage named '%.*s' (stages: %s)", set, (int)slen, set, names);
    return -1;
}

static int check_flow(const pipeline *p, const conf *c, char *err, size_t errlen)
{
    for (size_t i = 0; i < p->n; i++) {
        const pipe_plugin *d = p->stages[i].mod.desc;
        for (size_t k = 0; d->consumes && d->consumes[k]; k++) {
            const char *layer = d->consumes[k];
            int found = 0;
            for (size_t j = 0; j < i && !found; j++)
                found = in_list(p->stages[j].mod.desc->produces, layer);
            if (found)
                continue;
            const char *later = NULL;
            for (size_t j = i + 1; j < p->n && !later; j++)
                if (in_list(p->stages[j].mod.desc->produces, layer))
                    later = p->stages[j].cs->name;
            if (later)
                snprintf(err, errlen, "%s:%d: stage '%s' consumes '%s', which stage '%s' produces only later; "
                         "move '%s' before '%s'", c->path, p->stages[i].cs->line, p->stages[i].cs->name, layer,
                         later, later, p->stages[i].cs->name);
            else
                snprintf(err, errlen, "%s:%d: stage '%s' consumes '%s' but no earlier stage produces it",
                         c->path, p->stages[i].cs->line, p->stages[i].cs->name, layer);
            return -1;
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
            for (size_t j = 0; j < p->nproduced; j++) {
                strncat(names, registry_schema(&p->reg, p->produced[j])->name, sizeof names - strlen(names) - 1);
                if (j + 1 < p->nproduced)
                    strncat(names, ", ", sizeof names - strlen(names) - 1);
            }
            /* --layers is blamed as the flag it is, not as the pipeline file it overrides. */
            snprintf(err, errlen, "%s: output layer '%s' is not produced by any stage of this pipeline "
                     "(produced: %s)", c->layers_from_flag ? "--layers" : c->path, c->layers[k],
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

static int create_instances(pipeline *p, const conf *c, char *err, size_t errlen)
{
    for (size_t w = 0; w < p->nworkers; w++) {
        for (size_t i = 0; i < p->n; i++) {
            stage *s = &p->stages[i];
            stage_inst *in = &p->inst[w * p->n + i];
            host_init(&in->host, s->cs->name, &p->reg, c->dir);
            if (!s->mod.desc->create) {
                in->created = 1;
                continue;
            }
            in->host.creating = 1;
            int rc = s->mod.desc->create(&host_api, &in->host, s->cfg, &in->state);
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
                             "schema for it in create()", s->mod.path, s->cs->name, prod[j]);
                    return -1;
                }
            }
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
        if (!(s->cfg = cfg_new(s->mod.desc->options, sub, sizeof sub))) {
            snprintf(err, errlen, "%s: %s", s->mod.path, sub);
            return -1;
        }
        if (conf_apply_options(c, i, s->cfg, err, errlen))
            return -1;
    }
    for (size_t k = 0; k < nsets; k++)
        if (apply_set(p, sets[k], err, errlen))
            return -1;
    if (check_flow(p, c, err, errlen) || create_instances(p, c, err, errlen) || choose_output(p, c, err, errlen))
        return -1;
    return 0;
}

doc_result pipeline_run_doc(pipeline *p, size_t worker, pipe_doc *doc)
{
    if (doc_error_stage(doc))
        return DOC_FAILED;
    for (size_t i = 0; i < p->n; i++) {
        stage_inst *in = &p->inst[worker * p->n + i];
        crash_enter(i, p->stages[i].cs->name, doc_get_id(doc));
        int rc = p->stages[i].mod.desc->process(in->state, doc);
        crash_leave();
        if (rc == PIPE_SKIP)
            return DOC_SKIPPED;
        if (rc < 0) {
            doc_set_error(doc, p->stages[i].cs->name, host_take_error(&in->host, rc));
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
        cfg_free(p->stages[i].cfg);
        loader_close(&p->stages[i].mod);
    }
    free(p->inst);
    free(p->stages);
    free(p->out_layers);
    free(p->produced);
    registry_free(&p->reg);
    memset(p, 0, sizeof *p);
}
