/*
 * archive/: archives of results, written during a run (archive_writer, archive_index, gzmember)
 * and read back by pipe-archive (archive_scan, archive_tool). It owns the archive format and its
 * index. It may call output/'s JSON writer, util/ and run/signals; pipe-archive also prints
 * cli/version's line.
 */
#include "archive/archive_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archive/archive_index.h"
#include "util/buf.h"
#include "util/fileopen.h"
#include "archive/gzmember.h"
#include "util/paths.h"
#include "run/signals.h"

/* A batch of lines on its way into the file: filled, then compressed, then written. */
typedef enum slot_state { SLOT_FREE,
                          SLOT_READY,
                          SLOT_BUSY,
                          SLOT_DONE } slot_state;

typedef struct batch {
    buf lines;
    strvec ids;
    buf member; /* the compressed member, once SLOT_DONE */
    int compress_failed;
    slot_state state;
} batch;

struct archive {
    archive_opts o;
    char stamp[32];    /* run start time, in every file name of the run */
    unsigned seq;      /* sequence number of the current file */
    char *final, *tmp; /* names of the current file */
    int fd;
    uint64_t size; /* bytes of complete members in the current file */
    buf index;
    size_t nindex;
    int nthreads;
    gz_encoder *enc; /* one per compressor thread */
    batch filling;
    /* A ring of nthreads + 2 batches in input order: every thread busy while the next one fills. */
    batch *queue;
    size_t qcap, head, count;
    int writing; /* a thread is writing the oldest members; the others leave it to it */
    int closing;
    atomic_int failed;
    char error[512];
    pthread_t *threads;
    int started;
    pthread_mutex_t m;
    pthread_cond_t cv;
};

typedef struct worker_arg {
    archive *a;
    gz_encoder *enc;
} worker_arg;

static void batch_reset(batch *b)
{
    buf_clear(&b->lines);
    strvec_free(&b->ids);
}

/* Called from both threads; the first error is the one reported. */
static void set_error(archive *a, const char *what, int err)
{
    pthread_mutex_lock(&a->m);
    if (!a->failed)
        snprintf(a->error, sizeof a->error, "%s: %s: %s", a->tmp ? a->tmp : a->o.dir, what, strerror(err));
    a->failed = 1;
    pthread_mutex_unlock(&a->m);
}

/* Point a->final at the name with sequence number seq; 0, or -1 when out of memory. */
static int name_final(archive *a, unsigned seq)
{
    char name[64];
    snprintf(name, sizeof name, "%s-%04u.jsonl.gz", a->stamp, seq);
    free(a->final);
    if (!(a->final = paths_join(a->o.dir, name))) {
        set_error(a, "cannot name archive", ENOMEM);
        return -1;
    }
    return 0;
}

/*
 * Open the next free NAME.tmp of this run; names come from the clock and a counter, never from
 * input. Created with O_EXCL|O_NOFOLLOW: the .tmp is this process's alone (another run, or a
 * symlink someone planted, makes us take the next number), and place_file never overwrites a
 * final name either, so parallel runs into one folder cannot lose each other's files.
 */
static int open_file(archive *a)
{
    for (int tries = 0; tries < 10000; tries++) {
        if (name_final(a, ++a->seq))
            return -1;
        free(a->tmp);
        if (!(a->tmp = malloc(strlen(a->final) + 5))) {
            set_error(a, "cannot name archive", ENOMEM);
            return -1;
        }
        sprintf(a->tmp, "%s.tmp", a->final);
        struct stat st;
        if (lstat(a->final, &st) == 0)
            continue;
        a->fd = file_create(a->tmp, 0644);
        if (a->fd >= 0) {
            a->size = 0;
            a->nindex = 0;
            buf_clear(&a->index);
            return index_begin(&a->index);
        }
        if (errno != EEXIST) {
            set_error(a, "cannot create archive", errno);
            return -1;
        }
    }
    set_error(a, "no free archive name", EEXIST);
    return -1;
}

/* Give the complete .tmp a final name no file has: the next free number when a parallel run took ours. */
static int place_file(archive *a)
{
    for (int tries = 0; tries < 10000; tries++) {
        if (file_rename_new(a->tmp, a->final) == 0)
            return 0;
        if (errno != EEXIST) {
            set_error(a, "cannot rename archive", errno);
            return -1;
        }
        if (name_final(a, ++a->seq))
            return -1;
    }
    set_error(a, "no free archive name", EEXIST);
    return -1;
}

/* Complete the current file: cut any partial member, fsync, index, rename. */
static int finish_file(archive *a)
{
    if (a->fd < 0)
        return 0;
    if (a->nindex == 0) {
        /* Nothing complete was written: leave no empty archive behind. */
        close(a->fd);
        a->fd = -1;
        unlink(a->tmp);
        return 0;
    }
    int ok = ftruncate(a->fd, (off_t)a->size) == 0 && fsync(a->fd) == 0;
    int saved = errno;
    ok &= close(a->fd) == 0;
    a->fd = -1;
    if (!ok) {
        set_error(a, "cannot finish archive", saved ? saved : errno);
        return -1;
    }
    /* The data file gets its final name even if the index cannot be written (a full disk):
       an archive reads in full without its index, and pipe-archive reindex rebuilds it. */
    if (place_file(a))
        return -1;
    char err[256], *idx = malloc(strlen(a->final) + 5);
    if (!idx)
        return -1;
    sprintf(idx, "%s.idx", a->final);
    int rc = index_end(&a->index, a->nindex) == 0 && index_write_file(&a->index, idx, err, sizeof err) == 0 ? 0 : -1;
    free(idx);
    if (rc) {
        pthread_mutex_lock(&a->m);
        if (!a->failed)
            snprintf(a->error, sizeof a->error, "%.255s (pipe-archive reindex rebuilds it)", err);
        a->failed = 1;
        pthread_mutex_unlock(&a->m);
    }
    return rc;
}

/* Append a compressed batch to the file (members go in input order); runs on one thread at a time. */
static void write_batch(archive *a, batch *b)
{
    if (a->failed || b->ids.n == 0)
        return;
    if (b->compress_failed) {
        set_error(a, "cannot compress", ENOMEM);
        return;
    }
    if (a->size && a->size + b->member.len > a->o.max_file_bytes && (finish_file(a) || open_file(a)))
        return;
    size_t off = 0;
    while (off < b->member.len) {
        ssize_t w = write(a->fd, b->member.data + off, b->member.len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            set_error(a, "cannot write archive", w < 0 ? errno : EIO);
            return; /* finish_file cuts the partial member off */
        }
        off += (size_t)w;
    }
    for (size_t k = 0; k < b->ids.n; k++)
        index_add(&a->index, a->size, b->member.len, b->ids.v[k]);
    a->nindex += b->ids.n;
    a->size += b->member.len;
}

/* The oldest batch waiting for a compressor, or NULL; under the lock. */
static batch *next_ready(archive *a)
{
    for (size_t k = 0; k < a->count; k++) {
        batch *b = &a->queue[(a->head + k) % a->qcap];
        if (b->state == SLOT_READY)
            return b;
    }
    return NULL;
}

/* Write every compressed batch at the head of the ring, in order; under the lock, which it drops while writing. */
static void write_done(archive *a)
{
    while (!a->writing && a->count && a->queue[a->head].state == SLOT_DONE) {
        batch *b = &a->queue[a->head];
        a->writing = 1;
        pthread_mutex_unlock(&a->m);
        write_batch(a, b);
        buf_clear(&b->lines);
        strvec_free(&b->ids);
        pthread_mutex_lock(&a->m);
        b->state = SLOT_FREE;
        a->head = (a->head + 1) % a->qcap;
        a->count--;
        a->writing = 0;
        pthread_cond_broadcast(&a->cv);
    }
}

static void *compressor(void *arg)
{
    worker_arg *w = arg;
    archive *a = w->a;
    signals_block_in_thread();
    pthread_mutex_lock(&a->m);
    for (;;) {
        batch *b = next_ready(a);
        if (!b) {
            if (a->closing)
                break;
            pthread_cond_wait(&a->cv, &a->m);
            continue;
        }
        b->state = SLOT_BUSY;
        pthread_mutex_unlock(&a->m);
        buf_clear(&b->member);
        b->compress_failed = !a->failed && b->ids.n && gz_encoder_member(w->enc, b->lines.data, b->lines.len, &b->member);
        pthread_mutex_lock(&a->m);
        b->state = SLOT_DONE;
        write_done(a);
    }
    pthread_mutex_unlock(&a->m);
    free(w);
    return NULL;
}

int archive_threads(const archive_opts *o)
{
    if (o->threads > 0)
        return o->threads < ARCHIVE_MAX_THREADS ? o->threads : ARCHIVE_MAX_THREADS;
    /* Compression has the cores the stages leave free: on 2 cores with -j1, one thread beside the worker. */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    long spare = (cores > 0 ? cores : 1) - (o->workers > 0 ? o->workers : 1);
    return spare < 1 ? 1 : spare > ARCHIVE_MAX_THREADS ? ARCHIVE_MAX_THREADS :
                                                         (int)spare;
}

/* Allocate the ring and one encoder per thread, then start the threads; 0 or -1 with a->error or err set. */
static int start_threads(archive *a, char *err, size_t errlen)
{
    a->nthreads = archive_threads(&a->o);
    a->qcap = (size_t)a->nthreads + 2;
    a->queue = calloc(a->qcap, sizeof *a->queue);
    a->enc = calloc((size_t)a->nthreads, sizeof *a->enc);
    a->threads = calloc((size_t)a->nthreads, sizeof *a->threads);
    if (!a->queue || !a->enc || !a->threads) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (int k = 0; k < a->nthreads; k++) {
        worker_arg *w = malloc(sizeof *w);
        if (!w || gz_encoder_init(&a->enc[k], a->o.level, GZ_BACKEND_DEFAULT)) {
            free(w);
            snprintf(err, errlen, "cannot start the compressor");
            return -1;
        }
        *w = (worker_arg){a, &a->enc[k]};
        if (pthread_create(&a->threads[k], NULL, compressor, w) != 0) {
            free(w);
            snprintf(err, errlen, "cannot start the compressor thread");
            return -1;
        }
        a->started++;
    }
    return 0;
}

archive *archive_open(const archive_opts *o, char *err, size_t errlen)
{
    archive *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    a->o = *o;
    a->fd = -1;
    pthread_mutex_init(&a->m, NULL);
    pthread_cond_init(&a->cv, NULL);
    if (mkdir(o->dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "%s: cannot create archive folder: %s", o->dir, strerror(errno));
        archive_close(a, NULL, 0);
        return NULL;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(a->stamp, sizeof a->stamp, "%Y-%m-%dT%H%M%SZ", &tm);
    if (open_file(a)) {
        snprintf(err, errlen, "%s", a->error);
        archive_close(a, NULL, 0);
        return NULL;
    }
    if (start_threads(a, err, errlen)) {
        archive_close(a, NULL, 0);
        return NULL;
    }
    return a;
}

/* Hand the filling batch to the compressor, waiting while the queue is full. */
static void submit(archive *a)
{
    pthread_mutex_lock(&a->m);
    while (a->count == a->qcap)
        pthread_cond_wait(&a->cv, &a->m);
    batch *slot = &a->queue[(a->head + a->count) % a->qcap];
    /* Swap the buffers: the slot takes the filled ones, filling recycles the slot's memory. */
    buf lines = slot->lines;
    slot->lines = a->filling.lines;
    slot->ids = a->filling.ids;
    a->filling.lines = lines;
    a->filling.ids = (strvec){0};
    slot->state = SLOT_READY;
    a->count++;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->m);
    batch_reset(&a->filling);
}

int archive_add(archive *a, const char *id, const char *line, size_t len)
{
    if (a->failed)
        return -1;
    if (buf_add(&a->filling.lines, line, len) || strvec_add(&a->filling.ids, id)) {
        set_error(a, "cannot buffer", ENOMEM);
        return -1;
    }
    if (a->filling.ids.n >= a->o.member_docs || a->filling.lines.len >= a->o.member_bytes)
        submit(a);
    return 0;
}

int archive_close(archive *a, char *err, size_t errlen)
{
    if (!a)
        return 0;
    if (a->started == a->nthreads && a->started > 0 && a->filling.ids.n)
        submit(a);
    pthread_mutex_lock(&a->m);
    a->closing = 1;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->m);
    for (int k = 0; k < a->started; k++)
        pthread_join(a->threads[k], NULL);
    /* Whatever happened, what was written completely is kept under a final name. */
    finish_file(a);
    int rc = a->failed ? -1 : 0;
    if (rc && err)
        snprintf(err, errlen, "%s", a->error);
    for (int k = 0; a->enc && k < a->nthreads; k++)
        gz_encoder_free(&a->enc[k]);
    free(a->enc);
    free(a->threads);
    batch_reset(&a->filling);
    buf_free(&a->filling.lines);
    for (size_t k = 0; a->queue && k < a->qcap; k++) {
        batch_reset(&a->queue[k]);
        buf_free(&a->queue[k].lines);
        buf_free(&a->queue[k].member);
    }
    free(a->queue);
    buf_free(&a->index);
    free(a->final);
    free(a->tmp);
    pthread_cond_destroy(&a->cv);
    pthread_mutex_destroy(&a->m);
    free(a);
    return rc;
}
