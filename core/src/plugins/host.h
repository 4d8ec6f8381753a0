/* The host side of one stage instance: the services table plugins call. */
#ifndef PIPE_HOST_H
#define PIPE_HOST_H

#include "pipe/plugin.h"
#include "doc/layer_registry.h"

/* Per-instance host state, handed to the plugin as an opaque pipe_host. */
struct pipe_host {
    const char *stage;       /* instance name, for log prefixes and error records */
    const pipe_plugin *desc; /* the declared layers layer_find and layer_register allow */
    registry *reg;           /* where layer_register adds schemas */
    const char *conf_dir;    /* folder of the pipeline file, for data_path */
    int creating;            /* layer registration is allowed only inside init() and create() */
    int has_error;
    char error[1024];
};

/* The one services table every stage receives. */
extern const pipe_host_api host_api;

/* Prepare a host for a stage instance of the plugin desc. */
void host_init(pipe_host *h, const char *stage, const pipe_plugin *desc, registry *reg, const char *conf_dir);
/* Forget the last message, before each call into the plugin (a message never outlives its call). */
void host_clear_error(pipe_host *h);
/* Take the stage's message after a failure, or a generic one built from the status. */
const char *host_take_error(pipe_host *h, int status);
/* True when the descriptor lists layer `name` in consumes, consumes_optional or produces. */
int host_declares(const pipe_plugin *desc, const char *name);
/* True when name is in the NULL-terminated list v (NULL = empty). */
int host_in_list(const char *const *v, const char *name);

#endif
