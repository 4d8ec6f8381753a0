/*
 * --isolate: the stages run in worker processes, one document at a time each.
 * A worker that crashes or spends longer than stage_timeout in one stage costs
 * that document only (an error record naming the stage and the signal); the
 * worker is forked again from the supervisor, whose stage instances are still
 * fresh, and output keeps input order.
 */
#ifndef PIPE_ISOLATE_H
#define PIPE_ISOLATE_H

#include "run/progress.h"
#include "run/runner_batch.h"

/* Run every document of `in` through worker processes (p->nworkers of them); 0, or -1 when out of resources. */
int isolate_run(const job *j, input *in, output *out, archive *ar, progress *pg, runner_stats *st,
                double stage_timeout);

#endif
