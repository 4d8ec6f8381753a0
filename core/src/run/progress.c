#include "run/progress.h"

#include <stdio.h>
#include <time.h>

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(progress *p, int enabled)
{
    p->enabled = enabled;
    p->start = p->last = progress_now();
}

void progress_update(progress *p, uint64_t docs, uint64_t text_bytes, uint64_t consumed, uint64_t total, int force)
{
    if (!p->enabled)
        return;
    double now = progress_now();
    if (!force && now - p->last < 0.2)
        return;
    p->last = now;
    /* MB and MB/s count text, as the README's figures do; a .gz's compressed bytes only place it in the file. */
    double secs = now - p->start, mb = (double)text_bytes / 1e6;
    double rate = secs > 0 ? mb / secs : 0;
    char tail[64] = "";
    if (total && consumed <= total && consumed > 0) {
        double frac = (double)consumed / (double)total;
        double eta = frac > 0 ? secs / frac - secs : 0;
        snprintf(tail, sizeof tail, "  %3.0f%%  ETA %.0fs", frac * 100, eta);
    }
    /* \r and erase-to-end keep it one line however the numbers shrink. */
    fprintf(stderr, "\rpipe: %llu docs  %.1f MB  %.1f MB/s%s\033[K", (unsigned long long)docs, mb, rate, tail);
    fflush(stderr);
}

void progress_finish(progress *p, uint64_t docs, uint64_t text_bytes, uint64_t consumed, uint64_t total)
{
    if (!p->enabled)
        return;
    progress_update(p, docs, text_bytes, consumed, total, 1);
    fputc('\n', stderr);
}
