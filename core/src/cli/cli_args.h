/* Command-line parsing for the pipe executable. */
#ifndef PIPE_CLI_H
#define PIPE_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "util/paths.h"

/* Everything the command line says; strings point into argv. */
typedef struct cli {
    const char *config;       /* -c FILE */
    const char *format;       /* -f json|jsonl|text */
    const char *output;       /* -o FILE */
    const char *layers;       /* --layers LIST */
    const char *describe;     /* --describe NAME */
    const char *input_format; /* -i auto|text|jsonl */
    const char *archive;      /* --archive DIR */
    int archive_level;        /* --archive-level N, -1 = not given */
    long jobs;                /* -j N, 0 = not given */
    int recursive;            /* -r */
    int progress;             /* --progress 1, --no-progress 0, -1 = when stderr is a terminal */
    strvec plugin_dirs;       /* -P DIR, repeatable */
    strvec sets;              /* --set STAGE.OPTION=VALUE, repeatable */
    int check, list_plugins, help, version, quiet, verbose, pretty, allow_insecure, isolate;
    char **inputs;
    size_t ninputs;
} cli;

/* Parse argv; 0, or -1 with a message in err (a usage error: exit 2). */
int cli_parse(cli *c, int argc, char **argv, char *err, size_t errlen);
/* Print the help text. */
void cli_usage(FILE *f);
/* Free the lists. */
void cli_free(cli *c);

#endif
