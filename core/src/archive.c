#include "archive.h"

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

#include "archive_index.h"
#include "buf.h"
#include "fileopen.h"
#include "gzmember.h"
#include "paths.h"
#include "signals.h"

/* Batches waiting for the compressor: two keep it busy while the next fills. */
#define QUEUE 3

typedef struct batch {
    buf lines;
    strvec ids;
} batch;

struct archive {
    archive_opts o;
    char stamp[32];     /* run start time, in every file name of the run */
    unsigned seq;       /* sequence number of the current file */
    char *final, *tmp;  /* names of the current file */
    int fd;
    uint64_t size;      /* bytes of complete members in the current file */
    buf index;
    size_t nindex;
    gz_encoder enc;
    buf member;
    batch filling;
    batch queue[QUEUE];
    size_t head, count;
    int closing;
    atomic_int failed;
    char error[512];
    pthread_t thread;
    int thread_started;
    pthread_mutex_t m;
    pthread_cond_t cv;
};

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

/* Compress one batch as one member and append it; runs on the compressor thread. */
static void write_batch(archive *a, batch *b)
{
    if (a->failed || b->ids.n == 0)
        return;
    buf_clear(&a->member);
    if (gz_encoder_member(&a->enc, b->lines.data, b->lines.len, &a->member)) {
        set_error(a, "cannot compress", ENOMEM);
        return;
    }
    if (a->size && a->size + a->member.len > a->o.max_file_bytes && (finish_file(a) || open_file(a)))
        return;
    size_t off = 0;
    while (off < a->member.len) {
        ssize_t w = write(a->fd, a->member.data + off, a->member.len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            set_error(a, "cannot write archive", w < 0 ? errno : EIO);
            return; /* finish_file cuts the partial member off */
        }
        off += (size_t)w;
    }
    for (size_t k = 0; k < b->ids.n; k++)
        index_add(&a->index, a->size, a->member.len, b->ids.v[k]);
    a->nindex += b->ids.n;
    a->size += a->member.len;
}

static void *compressor(void *arg)
{
    archive *a = arg;
    signals_block_in_thread();
    pthread_mutex_lock(&a->m);
    for (;;) {
        while (a->count == 0 && !a->closing)
            pthread_cond_wait(&a->cv, &a->m);
        if (a->count == 0)
            break;
        batch *b = &a->queue[a->head];
        pthread_mutex_unlock(&a->m);
        write_batch(a, b);
        batch_reset(b);
        pthread_mutex_lock(&a->m);
        a->head = (a->head + 1) % QUEUE;
        a->count--;
        pthread_cond_broadcast(&a->cv);
    }
    pthread_mutex_unlock(&a->m);
    return NULL;
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
    if (gz_encoder_init(&a->enc, o->level, GZ_BACKEND_DEFAULT) || open_file(a)) {
        snprintf(err, errlen, "%s", a->failed ? a->error : "cannot start the compressor");
        archive_close(a, NULL, 0);
        return NULL;
    }
    if (pthread_create(&a->thread, NULL, compressor, a) != 0) {
        snprintf(err, errlen, "cannot start the compressor thread");
        archive_close(a, NULL, 0);
        return NULL;
    }
    a->thread_started = 1;
    return a;
}

/* Hand the filling batch to the compressor, waiting while the queue is full. */
static void submit(archive *a)
{
    pthread_mutex_lock(&a->m);
    while (a->count == QUEUE)
        pthread_cond_wait(&a->cv, &a->m);
    batch *slot = &a->queue[(a->head + a->count) % QUEUE];
    batch tmp = *slot; /* an empty batch whose memory we recycle */
    *slot = a->filling;
    a->filling = tmp;
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
    if (a->thread_started) {
        if (a->filling.ids.n)
            submit(a);
        pthread_mutex_lock(&a->m);
        a->closing = 1;
        pthread_cond_broadcast(&a->cv);
        pthread_mutex_unlock(&a->m);
        pthread_join(a->thread, NULL);
    }
    /* Whatever happened, what was written completely is kept under a final name. */
    finish_file(a);
    int rc = a->failed ? -1 : 0;
    if (rc && err)
        snprintf(err, errlen, "%s", a->error);
    gz_encoder_free(&a->enc);
    batch_reset(&a->filling);
    buf_free(&a->filling.lines);
    for (size_t k = 0; k < QUEUE; k++) {
        batch_reset(&a->queue[k]);
        buf_free(&a->queue[k].lines);
    }
    buf_free(&a->member);
    buf_free(&a->index);
    free(a->final);
    free(a->tmp);
    pthread_cond_destroy(&a->cv);
    pthread_mutex_destroy(&a->m);
    free(a);
    return rc;
}
