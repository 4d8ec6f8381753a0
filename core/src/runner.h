/* Streaming documents from the input through the stages to the output, with N workers. */
#ifndef PIPE_RUNNER_H
#define PIPE_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "archive.h"
#include "config.h"
#include "input.h"
#include "output.h"
#include "pipeline.h"
#include "writer.h"

/* What a run did. */
typedef struct runner_stats {
    uint64_t docs;     /* documents written (skipped ones not counted) */
    uint64_t failed;   /* documents with an error record */
    uint64_t bytes;    /* text bytes processed */
    int write_failed;  /* the output or the archive stopped accepting data: the run stops */
    int output_failed; /* it was the output (so a -o file must not be committed) */
    int signal;        /* SIGINT/SIGTERM ended the run early, or 0 */
} runner_stats;

/*
 * Run every document of `in` through p and write it to out, in input order.
 * With p->nworkers > 1, worker w uses the stage instances of worker w and
 * serializes its own results; the calling thread reads and writes. Memory is
 * bounded by 4 documents per worker in flight. Each result also goes to
 * the archive when ar is not NULL. A signal stops the reading; documents
 * already read are finished and written.
 */
int runner_run(pipeline *p, const conf *c, input *in, output *out, archive *ar, const write_opts *wo,
               int show_progress, runner_stats *st);

#endif
