#include "runner.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "json_writer.h"
#include "log.h"
#include "progress.h"
#include "signals.h"
#include "text_writer.h"

/* Documents in flight per worker: enough to hide uneven document sizes, small enough to bound memory. */
#define SLOTS_PER_WORKER 4

typedef enum slot_state { SLOT_EMPTY, SLOT_READY, SLOT_BUSY, SLOT_DONE } slot_state;

typedef struct slot {
    pipe_doc *doc;
    doc_result result;
    buf out;
    buf json; /* the JSON line for the archive when the output is a text report */
    int nomem;
    slot_state state;
} slot;

typedef struct shared {
    pipeline *p;
    const conf *c;
    const write_opts *wo;
    int archiving;
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

/* Run the stages and serialize: all the per-document work a worker can do without the output. */
static void process_slot(pipeline *p, const conf *c, const write_opts *wo, int archiving, size_t worker, slot *s)
{
    s->result = pipeline_run_doc(p, worker, s->doc);
    buf_clear(&s->out);
    buf_clear(&s->json);
    s->nomem = 0;
    if (s->result == DOC_SKIPPED)
        return;
    int rc = c->format == OUT_TEXT ? text_write_doc(&s->out, s->doc, wo) : json_write_doc(&s->out, s->doc, wo);
    if (c->format != OUT_TEXT)
        rc |= buf_putc(&s->out, '\n');
    if (archiving && (c->format == OUT_TEXT || wo->pretty)) {
        /* Archives always hold compact JSON Lines, whatever the screen shows. */
        write_opts compact = *wo;
        compact.pretty = 0;
        rc |= json_write_doc(&s->json, s->doc, &compact);
        rc |= buf_putc(&s->json, '\n');
    }
    s->nomem = rc != 0;
}

/* Account for one finished slot and write it; the caller owns the slot. */
static void finish_slot(slot *s, output *out, archive *ar, runner_stats *st)
{
    const char *id = doc_get_id(s->doc);
    if (s->result == DOC_FAILED) {
        st->failed++;
        log_msg(PIPE_LOG_ERROR, NULL, "%s: [%s] %s", id, doc_error_stage(s->doc), doc_error_message(s->doc));
    }
    if (s->result != DOC_SKIPPED) {
        size_t len;
        doc_get_text(s->doc, &len);
        st->bytes += len;
        st->docs++;
        if (s->nomem) {
            log_msg(PIPE_LOG_ERROR, NULL, "%s: out of memory while writing its results", id);
            st->failed++;
        } else if (output_write(out, s->out.data, s->out.len)) {
            st->write_failed = 1;
        } else if (ar) {
            const buf *line = s->json.len ? &s->json : &s->out;
            if (archive_add(ar, id, line->data, line->len))
                st->write_failed = 1;
        }
    }
    doc_free(s->doc);
    s->doc = NULL;
}

static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    shared *sh = wa->sh;
    signals_block_in_thread();
    pthread_mutex_lock(&sh->m);
    for (;;) {
        while (sh->seq_proc == sh->seq_read && !sh->eof)
            pthread_cond_wait(&sh->work, &sh->m);
        if (sh->seq_proc == sh->seq_read)
            break; /* end of input and nothing left to claim */
        slot *s = &sh->slots[sh->seq_proc++ % sh->nslots];
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&sh->m);
        process_slot(sh->p, sh->c, sh->wo, sh->archiving, wa->index, s);
        pthread_mutex_lock(&sh->m);
        s->state = SLOT_DONE;
        pthread_cond_broadcast(&sh->done);
    }
    pthread_mutex_unlock(&sh->m);
    return NULL;
}

static int run_serial(pipeline *p, const conf *c, input *in, output *out, archive *ar, const write_opts *wo,
                      progress *pg, runner_stats *st)
{
    slot s = {0};
    int rc = 0;
    while (!st->write_failed && !signals_pending() && (rc = input_next(in, &s.doc)) == 1) {
        process_slot(p, c, wo, ar != NULL, 0, &s);
        finish_slot(&s, out, ar, st);
        progress_update(pg, st->docs, input_consumed(in), input_total(in), 0);
    }
    buf_free(&s.out);
    buf_free(&s.json);
    return st->write_failed || rc >= 0 ? 0 : -1;
}

static int run_parallel(pipeline *p, const conf *c, input *in, output *out, archive *ar, const write_opts *wo,
                        progress *pg, runner_stats *st)
{
    shared sh = {0};
    sh.archiving = ar != NULL;
    sh.p = p;
    sh.c = c;
    sh.wo = wo;
    sh.nslots = p->nworkers * SLOTS_PER_WORKER;
    sh.slots = calloc(sh.nslots, sizeof *sh.slots);
    pthread_t *threads = calloc(p->nworkers, sizeof *threads);
    worker_arg *args = calloc(p->nworkers, sizeof *args);
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
    for (; started < p->nworkers; started++) {
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
        /* Write finished documents in input order. */
        slot *w = &sh.slots[seq_write % sh.nslots];
        if (seq_write < sh.seq_read && w->state == SLOT_DONE) {
            pthread_mutex_unlock(&sh.m);
            finish_slot(w, out, ar, st);
            progress_update(pg, st->docs, input_consumed(in), input_total(in), 0);
            pthread_mutex_lock(&sh.m);
            w->state = SLOT_EMPTY;
            seq_write++;
            if (st->write_failed && !sh.eof) {
                sh.eof = 1; /* no point reading more: nothing more can be written */
                pthread_cond_broadcast(&sh.work);
            }
            continue;
        }
        /* Read ahead while a slot is free. */
        if (!sh.eof && signals_pending()) {
            sh.eof = 1;
            pthread_cond_broadcast(&sh.work);
            continue;
        }
        if (!sh.eof && sh.seq_read - seq_write < sh.nslots) {
            slot *r = &sh.slots[sh.seq_read % sh.nslots];
            pthread_mutex_unlock(&sh.m);
            int got = input_next(in, &r->doc);
            pthread_mutex_lock(&sh.m);
            if (got == 1) {
                r->state = SLOT_READY;
                sh.seq_read++;
            } else {
                rc = got < 0 ? -1 : rc;
                sh.eof = 1;
            }
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
    for (size_t k = 0; k < sh.nslots; k++) {
        buf_free(&sh.slots[k].out);
        buf_free(&sh.slots[k].json);
    }
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
    int rc = p->nworkers > 1 ? run_parallel(p, c, in, out, ar, wo, &pg, st)
                             : run_serial(p, c, in, out, ar, wo, &pg, st);
    st->signal = signals_pending();
    progress_finish(&pg, st->docs, input_consumed(in), input_total(in));
    if (rc)
        log_msg(PIPE_LOG_ERROR, NULL, "out of memory while reading input");
    return rc;
}
