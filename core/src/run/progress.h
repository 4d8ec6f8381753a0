/* The single updating progress line on stderr. */
#ifndef PIPE_PROGRESS_H
#define PIPE_PROGRESS_H

#include <stdint.h>

/* Progress state: shown only when enabled (a terminal, or --progress). */
typedef struct progress {
    int enabled;
    double start, last;
} progress;

/* Start the clock. */
void progress_start(progress *p, int enabled);
/*
 * Redraw at most a few times a second: documents, MB of text processed and MB/s, and percent and ETA
 * when total is known (consumed and total are input bytes as stored, compressed for .gz).
 */
void progress_update(progress *p, uint64_t docs, uint64_t text_bytes, uint64_t consumed, uint64_t total, int force);
/* Draw the final figures and end the line. */
void progress_finish(progress *p, uint64_t docs, uint64_t text_bytes, uint64_t consumed, uint64_t total);
/* Seconds since some fixed point (monotonic). */
double progress_now(void);

#endif
