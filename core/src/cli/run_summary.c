#include "cli/run_summary.h"

#include "util/log.h"

void run_summary_stages(const pipeline *p, const conf *c)
{
    log_msg(PIPE_LOG_INFO, NULL, "pipeline %s: %zu stage%s", c->path, p->n, p->n == 1 ? "" : "s");
    for (size_t k = 0; k < p->n; k++) {
        const stage *s = &p->stages[k];
        log_msg(PIPE_LOG_INFO, NULL, "stage '%s': plugin %s %s from %s", s->cs->name, s->mod.desc->name,
                s->mod.desc->version, s->mod.path);
    }
}

void run_summary_end(const runner_stats *st, double seconds)
{
    double mb = (double)st->bytes / 1e6;
    /* A run too short to time gives no rate rather than an infinite one. */
    double rate = seconds > 0 ? mb / seconds : 0;
    log_msg(PIPE_LOG_INFO, NULL, "%llu document%s, %llu error%s, %.2f MB of text in %.2f s (%.2f MB/s)",
            (unsigned long long)st->docs, st->docs == 1 ? "" : "s", (unsigned long long)st->failed,
            st->failed == 1 ? "" : "s", mb, seconds, rate);
}
