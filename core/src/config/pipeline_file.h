/* Which pipeline file a run uses: the -c argument, a pipeline installed under that name, or the default. */
#ifndef PIPE_PIPELINE_FILE_H
#define PIPE_PIPELINE_FILE_H

#include <stddef.h>

/* The pipeline used when -c is not given: share/pipe/pipeline.conf (conf/ in a build tree). */
#define PIPELINE_FILE_DEFAULT "pipeline"

/*
 * Resolve -c ARG (NULL: the default): an existing file or a path with a slash is used as given; a bare
 * NAME is looked up as NAME, then NAME.conf, among the installed pipelines. 0 with *path malloc'd, or
 * -1 with a message naming the flag and the folders searched.
 */
int pipeline_file_find(const char *arg, char **path, char *err, size_t errlen);

#endif
