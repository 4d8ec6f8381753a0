/*
 * run/: documents through the stages. The checked chain of stage instances (pipeline), the
 * batches (batch) moved by N worker threads (runner) or by worker processes under --isolate
 * (isolate), the crash handler and signals, the progress line, and pipelines over strings for the
 * test harnesses (string_run, testing). It owns the order of results and the exit status of the
 * documents. It may call doc/, config/, plugins/, input/, output/, archive/ and util/; only cli/
 * calls it (input/ and archive/ poll run/signals to stop reading).
 */
#include "run/runner.h"
#include "run/runner_batch.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/buf.h"
#include "run/crash.h"
#include "doc/doc.h"
#include "run/isolate.h"
#include "util/log.h"
#include "run/progress.h"
#include "run/signals.h"

/* Batches in flight per worker: enough to hide uneven batches, few enough to bound memory. */
#define SLOTS_PER_WORKER 3

static long online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? n : 1;
}

long runner_max_jobs(void)
{
    long cores = online_cores();
    return cores < RUNNER_MAX_JOBS / RUNNER_JOBS_PER_CORE ? cores * RUNNER_JOBS_PER_CORE : RUNNER_MAX_JOBS;
}

int runner_check_jobs(long jobs, const char *what, char *err, size_t errlen)
{
    long max = runner_max_jobs();
    if (jobs >= 1 && jobs <= max)
        return 0;
    snprintf(err, errlen, "%s %ld: expected a number of workers from 1 to %ld (%d per online core, %ld core%s "
                          "online, at most %d): more workers only add memory",
             what, jobs, max, RUNNER_JOBS_PER_CORE,
             online_cores(), online_cores() == 1 ? "" : "s", RUNNER_MAX_JOBS);
    return -1;
}

typedef struct shared {
    job j;
    slot *slots;
    size_t nslots;
    uint64_t seq_read, seq_proc; /* next slot to fill, next to claim */
    int eof;
    pthread_mutex_t m;
    pthread_cond_t work, done;
} shared;

typedef struct worker_arg {
    shared *sh;
    size_t index;
} worker_arg;

/* Parse, run the stages, serialize: all the per-document work that needs no shared state. */
static void process_slot(const job *j, size_t worker, worker_scratch *ws, slot *s, int out_fd)
{
    buf_clear(&s->out);
    buf_clear(&s->json);
    for (size_t k = 0; k < s->n; k++) {
        if (out_fd >= 0)
            crash_set_finished(out_fd, s->out.data, s->out.len);
        batch_process_doc(j, worker, input_item_doc_with(j->in, &s->items[k], &ws->jsonl), &s->out, &s->json,
                          &s->res[k], &ws->docs);
    }
    crash_set_finished(-1, NULL, 0);
}

static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    shared *sh = wa->sh;
    signals_block_in_thread();
    crash_thread_init();
    worker_scratch ws;
    worker_scratch_init(&ws);
    pthread_mutex_lock(&sh->m);
    for (;;) {
        while (sh->seq_proc == sh->seq_read && !sh->eof)
            pthread_cond_wait(&sh->work, &sh->m);
        if (sh->seq_proc == sh->seq_read)
            break; /* end of input and nothing left to claim */
        slot *s = &sh->slots[sh->seq_proc++ % sh->nslots];
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&sh->m);
        process_slot(&sh->j, wa->index, &ws, s, -1);
        pthread_mutex_lock(&sh->m);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&sh->done);
    }
    pthread_mutex_unlock(&sh->m);
    worker_scratch_free(&ws);
    crash_thread_done();
    return NULL;
}

static int run_serial(const job *j, input *in, output *out, archive *ar, progress *pg, runner_stats *st)
{
    slot *s = calloc(1, sizeof *s);
    if (!s)
        return -1;
    int end = 0, rc = 0;
    worker_scratch ws;
    worker_scratch_init(&ws);
    while (!end && !st->write_failed) {
        rc = batch_fill(in, s, &end);
        /* One worker: nothing before this batch is unwritten, so a crash may write its finished records. */
        process_slot(j, 0, &ws, s, out->fd);
        batch_finish(s, out, ar, st);
        progress_update(pg, st->docs, st->bytes, input_consumed(in), input_total(in), 0);
    }
    worker_scratch_free(&ws);
    batch_free(s);
    free(s);
    return rc;
}

static int run_parallel(const job *j, input *in, output *out, archive *ar, progress *pg, runner_stats *st)
{
    shared sh = {0};
    sh.j = *j;
    size_t nworkers = j->p->nworkers;
    sh.nslots = nworkers * SLOTS_PER_WORKER;
    sh.slots = calloc(sh.nslots, sizeof *sh.slots);
    pthread_t *threads = calloc(nworkers, sizeof *threads);
    worker_arg *args = calloc(nworkers, sizeof *args);
    if (!sh.slots || !threads || !args) {
        free(sh.slots);
        free(threads);
        free(args);
        return -1;
    }
    pthread_mutex_init(&sh.m, NULL);
    pthread_cond_init(&sh.work, NULL);
    pthread_cond_init(&sh.done, NULL);
    size_t started = 0;
    for (; started < nworkers; started++) {
        args[started].sh = &sh;
        args[started].index = started;
        if (pthread_create(&threads[started], NULL, worker_main, &args[started]))
            break;
    }
    int rc = started ? 0 : -1;
    uint64_t seq_write = 0;
    pthread_mutex_lock(&sh.m);
    if (!started)
        sh.eof = 1;
    for (;;) {
        /* Write finished batches in input order. */
        slot *w = &sh.slots[seq_write % sh.nslots];
        if (seq_write < sh.seq_read && w->state == SLOT_DONE) {
            pthread_mutex_unlock(&sh.m);
            batch_finish(w, out, ar, st);
            progress_update(pg, st->docs, st->bytes, input_consumed(in), input_total(in), 0);
            pthread_mutex_lock(&sh.m);
            w->state = SLOT_EMPTY;
            seq_write++;
            if (st->write_failed && !sh.eof) {
                sh.eof = 1; /* nothing more can be written: stop reading */
                pthread_cond_broadcast(&sh.work);
            }
            continue;
        }
        /* Read ahead while a slot is free, but never wait for a live feed while results are in
           flight: they must be written before the next document arrives. */
        if (!sh.eof && sh.seq_read - seq_write < sh.nslots && (seq_write == sh.seq_read || input_ready(in))) {
            slot *r = &sh.slots[sh.seq_read % sh.nslots];
            pthread_mutex_unlock(&sh.m);
            int end = 0;
            int got = batch_fill(in, r, &end);
            pthread_mutex_lock(&sh.m);
            if (got < 0)
                rc = -1;
            if (r->n) {
                r->state = SLOT_READY;
                sh.seq_read++;
            }
            if (end)
                sh.eof = 1;
            pthread_cond_broadcast(&sh.work);
            continue;
        }
        if (sh.eof && seq_write == sh.seq_read)
            break;
        pthread_cond_wait(&sh.done, &sh.m);
    }
    pthread_mutex_unlock(&sh.m);
    for (size_t k = 0; k < started; k++)
        pthread_join(threads[k], NULL);
    for (size_t k = 0; k < sh.nslots; k++)
        batch_free(&sh.slots[k]);
    pthread_cond_destroy(&sh.work);
    pthread_cond_destroy(&sh.done);
    pthread_mutex_destroy(&sh.m);
    free(sh.slots);
    free(threads);
    free(args);
    return rc;
}

int runner_run(pipeline *p, const conf *c, input *in, output *out, archive *ar, const write_opts *wo,
               int show_progress, runner_stats *st)
{
    memset(st, 0, sizeof *st);
    progress pg;
    progress_start(&pg, show_progress);
    job j = {p, c, wo, in, ar != NULL};
    int rc = c->isolate ? isolate_run(&j, in, out, ar, &pg, st, c->stage_timeout) : p->nworkers > 1 ? run_parallel(&j, in, out, ar, &pg, st) :
                                                                                                      run_serial(&j, in, out, ar, &pg, st);
    st->signal = signals_pending();
    progress_finish(&pg, st->docs, st->bytes, input_consumed(in), input_total(in));
    if (rc)
        log_msg(PIPE_LOG_ERROR, NULL, "out of memory while reading input");
    return rc;
}
