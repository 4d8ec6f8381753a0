/* The host side of one stage instance: the services table plugins call. */
#ifndef PIPE_HOST_H
#define PIPE_HOST_H

#include "pipe/plugin.h"
#include "registry.h"

/* Per-instance host state, handed to the plugin as an opaque pipe_host. */
struct pipe_host {
    const char *stage;    /* instance name, for log prefixes and error records */
    registry *reg;        /* where layer_register adds schemas */
    const char *conf_dir; /* folder of the pipeline file, for data_path */
    int creating;         /* layer registration is allowed only inside create() */
    int has_error;
    char error[1024];
};

/* The one services table every stage receives. */
extern const pipe_host_api host_api;

/* Prepare a host for a stage instance. */
void host_init(pipe_host *h, const char *stage, registry *reg, const char *conf_dir);
/* Take the stage's message after a failure, or a generic one built from the status. */
const char *host_take_error(pipe_host *h, int status);

#endif
