/* Where results go: stdout, or a file that appears under its name only when complete. */
#ifndef PIPE_OUTPUT_H
#define PIPE_OUTPUT_H

#include <stddef.h>

#include "util/buf.h"

/* An open output; a file output is written to a temporary name beside the target. */
typedef struct output {
    int fd;
    int own_fd;  /* a file we opened (not stdout) */
    char *path;  /* final name, NULL for stdout */
    char *tmp;   /* temporary name while writing (NULL for stdout, devices and FIFOs) */
    buf pending; /* records of the current batch: written once per batch, not once per record */
    int err;     /* first errno seen, 0 if none */
} output;

/* Open stdout (path NULL or "-"), a device or FIFO in place, or a temporary file beside path; 0 or -1 with err. */
int output_open(output *o, const char *path, char *err, size_t errlen);
/* Write bytes; -1 once any write has failed (the errno is kept in o->err). */
int output_write(output *o, const char *data, size_t len);
/* Write what is pending (the runner calls it after every batch, so finished records survive a crash
   and a live feed sees them at once); -1 once any write has failed. */
int output_flush(output *o);
/* What output_close does with a file written under a temporary name. */
enum {
    OUTPUT_DISCARD = 0, /* remove it: nothing under the final name */
    OUTPUT_COMMIT = 1,  /* rename it to the final name: the run is complete */
    OUTPUT_PARTIAL = 2  /* rename it to FINAL.partial: a stopped run's finished documents, never taken for whole */
};
/* Flush and, for a file, end it as `commit` says (OUTPUT_*; a write error discards it); 0 or -1 with err. */
int output_close(output *o, int commit, char *err, size_t errlen);
/* The name a file output gets under OUTPUT_PARTIAL (malloc'd), or NULL for stdout, devices and FIFOs. */
char *output_partial_name(const output *o);

#endif
