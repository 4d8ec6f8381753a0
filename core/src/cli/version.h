/* What --version prints: pipe's version, the plugin ABI and the libraries this process runs with. */
#ifndef PIPE_VERSION_H
#define PIPE_VERSION_H

#include <stdio.h>

/* Print "TOOL VERSION (plugin ABI M.N)" and one line per library (libconfig, zlib, libltdl). */
void version_print(FILE *out, const char *tool);

#endif
