/* Streaming documents from the input through the stages to the output, with N workers. */
#ifndef PIPE_RUNNER_H
#define PIPE_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "archive/archive_writer.h"
#include "config/pipeline_conf.h"
#include "input/input_stream.h"
#include "output/output_file.h"
#include "run/pipeline.h"
#include "output/writer.h"

/* What a run did. */
typedef struct runner_stats {
    uint64_t docs;     /* documents written (skipped ones not counted) */
    uint64_t failed;   /* documents with an error record */
    uint64_t bytes;    /* text bytes processed */
    int write_failed;  /* the output or the archive stopped accepting data: the run stops */
    int output_failed; /* it was the output (so a -o file must not be committed) */
    int signal;        /* SIGINT/SIGTERM ended the run early, or 0 */
} runner_stats;

/* Workers allowed per online core: more only add memory (each worker holds its own documents in flight). */
#define RUNNER_JOBS_PER_CORE 4
/* Workers allowed at all, whatever the number of cores. */
#define RUNNER_MAX_JOBS 256
/* The -j / jobs limit on this machine: RUNNER_JOBS_PER_CORE x online cores, at most RUNNER_MAX_JOBS. */
long runner_max_jobs(void);
/* 0 when jobs is within runner_max_jobs(), else -1 with a message naming what (e.g. "-j") and the limit. */
int runner_check_jobs(long jobs, const char *what, char *err, size_t errlen);

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
