/* What -v tells about a run: where each stage was loaded from, and the figures at the end. */
#ifndef PIPE_RUN_SUMMARY_H
#define PIPE_RUN_SUMMARY_H

#include "run/pipeline.h"
#include "run/runner.h"

/* Info lines: the pipeline file and, per stage, the plugin, its version and the file it was loaded from. */
void run_summary_stages(const pipeline *p, const conf *c);
/* Info line at the end of a run: documents, errors, MB of text, seconds and MB/s. */
void run_summary_end(const runner_stats *st, double seconds);

#endif
