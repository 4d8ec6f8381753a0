/* --list-plugins and --describe: what plugins are there and what they offer. */
#ifndef PIPE_INSPECT_H
#define PIPE_INSPECT_H

#include <stdio.h>

#include "util/paths.h"

/* Print every plugin found in dirs (first of a name wins); returns the number that failed to load. */
int inspect_list(FILE *out, const strvec *dirs);
/* Print one plugin's descriptor, options and the layer schemas it registers, as text or as JSON; 0 or -1. */
int inspect_describe(FILE *out, const char *name, const strvec *dirs, const char *conf_dir, int json);

#endif
