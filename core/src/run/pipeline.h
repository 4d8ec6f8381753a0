/* A checked, ready-to-run chain of stage instances. */
#ifndef PIPE_PIPELINE_H
#define PIPE_PIPELINE_H

#include <stddef.h>

#include "config/pipeline_conf.h"
#include "plugins/host.h"
#include "plugins/loader.h"
#include "doc/layer_registry.h"

/* One configured stage: its module, validated options, shared data and the layers it may write. */
typedef struct stage {
    const conf_stage *cs;
    plugin_mod mod;
    pipe_cfg *cfg;
    const char *set_by;  /* the last --set STAGE.OPTION=VALUE that changed an option, or NULL */
    pipe_host init_host; /* the host init() and fini() see */
    void *shared;        /* what init() made, shared by every instance */
    int inited;          /* init() succeeded: fini() is owed */
    pipe_layer_id *prod; /* ids of the layers it produces */
    size_t nprod;
    unsigned char *may_append; /* per layer id: 1 for the layers in prod */
} stage;

/* One instance of a stage, owned by one worker. */
typedef struct stage_inst {
    pipe_host host;
    void *state;
    int created;
} stage_inst;

/* The whole pipeline: layers, stages, one instance of each stage per worker, written layers. */
typedef struct pipeline {
    registry reg;
    stage *stages;
    size_t n;
    stage_inst *inst; /* nworkers * n, worker-major */
    size_t nworkers;
    pipe_layer_id *produced; /* every layer some stage produces, in stage order */
    size_t nproduced;
    pipe_layer_id *out_layers; /* the layers to write */
    size_t nout;
} pipeline;

/* Result of running one document. */
typedef enum doc_result { DOC_OK = 0,
                          DOC_FAILED = 1,
                          DOC_SKIPPED = 2 } doc_result;

/*
 * Load, check and create everything before any input is read: plugins found
 * and valid, options declared and well typed (file:line), --set overrides
 * ("stage.option=value"), consumed layers produced earlier, written layers
 * produced by some stage. 0, or -1 with a message for the user in err.
 */
int pipeline_build(pipeline *p, const conf *c, const strvec *plugin_dirs, char *const *sets, size_t nsets,
                   size_t nworkers, char *err, size_t errlen);
/* Run every stage of `worker`'s instances over doc, checking the layer contract after each; on failure the doc
 * carries the stage and message. */
doc_result pipeline_run_doc(pipeline *p, size_t worker, pipe_doc *doc);
/* Destroy instances, close modules, free all. */
void pipeline_free(pipeline *p);

#endif
