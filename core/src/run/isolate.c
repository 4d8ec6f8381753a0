#include "run/isolate.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run/crash.h"
#include "run/signals.h"
#include "util/stdfds.h"

/* Batches read ahead: enough to keep every worker busy across a batch boundary. */
#define ISO_SLOTS 2

enum { REQ_LINE = 1,
       REQ_DOC = 2 };

/* Supervisor -> worker: one document, as a JSONL line (a = line, b = file) or made (a = id, b = text). */
typedef struct req_hdr {
    uint32_t kind, pad;
    uint64_t lineno, a_len, b_len;
} req_hdr;

/* Worker -> supervisor: the item_result, then out, json, id, stage and message bytes. */
typedef struct res_hdr {
    int32_t result, nomem;
    uint64_t bytes, out_len, json_len, id_len, stage_len, msg_len;
} res_hdr;

typedef struct proc {
    pid_t pid;
    int fd;
    crash_watch *watch;
    slot *s; /* the document in flight: s->items[k] */
    size_t k;
    int busy;
} proc;

static int send_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n) {
        ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

static int recv_all(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        c += r;
        n -= (size_t)r;
    }
    return 0;
}

static char *recv_str(int fd, uint64_t len)
{
    char *s = malloc(len + 1);
    if (!s)
        return NULL;
    if (recv_all(fd, s, len)) {
        free(s);
        return NULL;
    }
    s[len] = 0;
    return s;
}

static size_t slen(const char *s)
{
    return s ? strlen(s) : 0;
}

/* The worker process: documents in, results out, until the supervisor closes the socket. */
static void worker_loop(const job *j, size_t w, int fd)
{
    buf out = {0}, json = {0};
    for (;;) {
        req_hdr h;
        if (recv_all(fd, &h, sizeof h))
            _exit(0);
        char *a = recv_str(fd, h.a_len), *b = a ? recv_str(fd, h.b_len) : NULL;
        if (!b)
            _exit(1);
        pipe_doc *doc;
        if (h.kind == REQ_LINE) {
            input_item it = {NULL, a, h.a_len, b, h.lineno};
            doc = input_item_doc(j->in, &it);
        } else {
            doc = doc_new(&j->p->reg, a, b, h.b_len);
            free(a);
            if (!doc)
                free(b);
        }
        buf_clear(&out);
        buf_clear(&json);
        item_result r;
        batch_process_doc(j, w, doc, &out, &json, &r, NULL);
        res_hdr rh = {(int32_t)r.result, r.nomem, r.bytes, r.out_len, r.json_len,
                      slen(r.id), slen(r.stage), slen(r.message)};
        if (send_all(fd, &rh, sizeof rh) || send_all(fd, out.data + r.out_off, r.out_len) ||
            send_all(fd, json.data + r.json_off, r.json_len) || send_all(fd, r.id, rh.id_len) ||
            send_all(fd, r.stage, rh.stage_len) || send_all(fd, r.message, rh.msg_len))
            _exit(1);
        free(r.id);
        free(r.stage);
        free(r.message);
    }
}

static int spawn(const job *j, proc *procs, size_t n, size_t w)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    if (pid == 0) {
        /* The worker: die of a crash (so the supervisor sees the signal), leave SIGINT/SIGTERM to
           the supervisor, hold no other worker's socket (its EOF must reach that worker) nor the output. */
        crash_restore_default();
        signal(SIGINT, SIG_IGN);
        signal(SIGTERM, SIG_IGN);
        close(sv[0]);
        for (size_t k = 0; k < n; k++)
            if (k != w && procs[k].fd >= 0)
                close(procs[k].fd);
        if (stdout_fd() != STDOUT_FILENO)
            close(stdout_fd());
        crash_set_watch(procs[w].watch);
        worker_loop(j, w, sv[1]);
        _exit(0);
    }
    close(sv[1]);
    procs[w].pid = pid;
    procs[w].fd = sv[0];
    procs[w].busy = 0;
    procs[w].watch->stage = 0;
    return 0;
}

static int dispatch(proc *pr, slot *s, size_t k)
{
    input_item *it = &s->items[k];
    req_hdr h = {0, 0, 0, 0, 0};
    const char *a, *b;
    if (it->doc) {
        size_t len;
        h.kind = REQ_DOC;
        a = doc_get_id(it->doc);
        b = doc_get_text(it->doc, &len);
        h.a_len = strlen(a);
        h.b_len = len;
    } else {
        h.kind = REQ_LINE;
        a = it->line;
        b = it->file ? it->file : "";
        h.a_len = it->len;
        h.b_len = strlen(b);
        h.lineno = it->lineno;
    }
    pr->s = s;
    pr->k = k;
    pr->busy = 1;
    return send_all(pr->fd, &h, sizeof h) || send_all(pr->fd, a, h.a_len) || send_all(pr->fd, b, h.b_len) ? -1 : 0;
}

/* Copy a worker's result into the slot; -1 when the worker died before sending all of it. */
static int receive(proc *pr)
{
    slot *s = pr->s;
    item_result *r = &s->res[pr->k];
    res_hdr h;
    if (recv_all(pr->fd, &h, sizeof h))
        return -1;
    memset(r, 0, sizeof *r);
    if (buf_reserve(&s->out, h.out_len) || buf_reserve(&s->json, h.json_len))
        return -1;
    r->out_off = s->out.len;
    if (recv_all(pr->fd, s->out.data + s->out.len, h.out_len))
        return -1;
    s->out.len += h.out_len;
    r->json_off = s->json.len;
    if (recv_all(pr->fd, s->json.data + s->json.len, h.json_len))
        return -1;
    s->json.len += h.json_len;
    r->out_len = h.out_len;
    r->json_len = h.json_len;
    r->result = (doc_result)h.result;
    r->nomem = h.nomem;
    r->bytes = h.bytes;
    r->id = h.id_len || !h.nomem ? recv_str(pr->fd, h.id_len) : NULL;
    r->stage = h.stage_len ? recv_str(pr->fd, h.stage_len) : NULL;
    r->message = h.msg_len ? recv_str(pr->fd, h.msg_len) : NULL;
    if ((!h.nomem && !r->id) || (h.stage_len && !r->stage) || (h.msg_len && !r->message))
        return -1;
    input_item_free(&s->items[pr->k]);
    pr->busy = 0;
    return 0;
}

static const char *stage_of(const job *j, uint64_t index1)
{
    return index1 >= 1 && index1 <= j->p->n ? j->p->stages[index1 - 1].cs->name : "pipe";
}

/* The document in flight on a dead worker becomes an error record; the worker is forked again. */
static int bury(const job *j, proc *procs, size_t n, size_t w, int timed_out, double timeout)
{
    proc *pr = &procs[w];
    uint64_t in_stage = pr->watch->stage;
    if (timed_out)
        kill(pr->pid, SIGKILL);
    close(pr->fd);
    pr->fd = -1;
    int status = 0;
    while (waitpid(pr->pid, &status, 0) < 0 && errno == EINTR) {
    }
    /* A worker already dying of its own signal (writing a core dump takes a while) crashed; it did not hang. */
    if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL)
        timed_out = 0;
    char msg[256];
    if (timed_out)
        snprintf(msg, sizeof msg, "did not finish within stage_timeout (%g s); its worker process was killed and restarted",
                 timeout);
    else if (WIFSIGNALED(status))
        snprintf(msg, sizeof msg, "crashed with %s; its worker process was restarted", crash_signal_name(WTERMSIG(status)));
    else
        snprintf(msg, sizeof msg, "ended its worker process (exit status %d); the worker was restarted",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    if (pr->busy) {
        slot *s = pr->s;
        pipe_doc *doc = input_item_doc(j->in, &s->items[pr->k]);
        if (doc)
            doc_set_error(doc, stage_of(j, in_stage), msg);
        batch_process_doc(j, w, doc, &s->out, &s->json, &s->res[pr->k], NULL);
        pr->busy = 0;
    }
    return spawn(j, procs, n, w);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int isolate_run(const job *j, input *in, output *out, archive *ar, progress *pg, runner_stats *st,
                double stage_timeout)
{
    size_t n = j->p->nworkers;
    slot *slots = calloc(ISO_SLOTS, sizeof *slots);
    proc *procs = calloc(n, sizeof *procs);
    crash_watch *watches = mmap(NULL, n * sizeof *watches, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    struct pollfd *pfd = calloc(n, sizeof *pfd);
    size_t sent[ISO_SLOTS] = {0}, done[ISO_SLOTS] = {0};
    int rc = 0;
    if (!slots || !procs || !pfd || watches == MAP_FAILED) {
        rc = -1;
        goto out;
    }
    for (size_t w = 0; w < n; w++) {
        procs[w].fd = -1;
        procs[w].watch = &watches[w];
    }
    for (size_t w = 0; w < n && !rc; w++)
        rc = spawn(j, procs, n, w);
    uint64_t seq_read = 0, seq_write = 0, timeout_ns = (uint64_t)(stage_timeout * 1e9);
    int eof = rc != 0;
    for (;;) {
        size_t hw = seq_write % ISO_SLOTS;
        if (seq_write < seq_read && done[hw] == slots[hw].n) {
            batch_finish(&slots[hw], out, ar, st);
            progress_update(pg, st->docs, st->bytes, input_consumed(in), input_total(in), 0);
            buf_clear(&slots[hw].out);
            buf_clear(&slots[hw].json);
            sent[hw] = done[hw] = 0;
            seq_write++;
            if (st->write_failed)
                eof = 1;
            continue;
        }
        /* Hand the oldest unsent document to an idle worker. */
        size_t idle = n;
        for (size_t w = 0; w < n && idle == n; w++)
            if (!procs[w].busy)
                idle = w;
        slot *todo = NULL;
        size_t tk = 0;
        for (uint64_t q = seq_write; q < seq_read && !todo; q++)
            if (sent[q % ISO_SLOTS] < slots[q % ISO_SLOTS].n) {
                todo = &slots[q % ISO_SLOTS];
                tk = sent[q % ISO_SLOTS]++;
            }
        if (todo) {
            input_item *it = &todo->items[tk];
            if (it->doc && doc_error_stage(it->doc)) {
                /* An input error: nothing for a stage to do, the record is made here. */
                batch_process_doc(j, 0, input_item_doc(j->in, it), &todo->out, &todo->json, &todo->res[tk], NULL);
                done[todo - slots]++;
                continue;
            }
            if (idle < n) {
                if (dispatch(&procs[idle], todo, tk) && bury(j, procs, n, idle, 0, stage_timeout)) {
                    rc = -1;
                    break;
                }
                continue;
            }
            sent[todo - slots]--; /* no worker free: try again after a result */
        }
        if (!eof && seq_read - seq_write < ISO_SLOTS && (seq_write == seq_read || input_ready(in))) {
            slot *r = &slots[seq_read % ISO_SLOTS];
            int end = 0;
            if (batch_fill(in, r, &end) < 0)
                rc = -1;
            if (r->n)
                seq_read++;
            if (end)
                eof = 1;
            continue;
        }
        if (eof && seq_write == seq_read)
            break;
        /* Wait for a result, a dead worker or the earliest stage_timeout. */
        int wait_ms = -1;
        uint64_t now = now_ns();
        for (size_t w = 0; w < n; w++) {
            pfd[w].fd = procs[w].busy ? procs[w].fd : -1;
            pfd[w].events = POLLIN;
            pfd[w].revents = 0;
            if (procs[w].busy && timeout_ns) {
                uint64_t since = watches[w].since_ns, left = timeout_ns;
                if (watches[w].stage)
                    left = since + timeout_ns > now ? since + timeout_ns - now : 0;
                int ms = (int)(left / 1000000u) + 1;
                if (wait_ms < 0 || ms < wait_ms)
                    wait_ms = ms;
            }
        }
        int got = poll(pfd, n, wait_ms);
        if (got < 0 && errno != EINTR) {
            rc = -1;
            break;
        }
        now = now_ns();
        for (size_t w = 0; w < n; w++) {
            if (!procs[w].busy)
                continue;
            slot *s = procs[w].s;
            if (got > 0 && pfd[w].revents) {
                if (receive(&procs[w]) == 0) {
                    done[s - slots]++;
                    continue;
                }
                if (bury(j, procs, n, w, 0, stage_timeout)) {
                    rc = -1;
                    break;
                }
                done[s - slots]++;
            } else if (timeout_ns && watches[w].stage && now - watches[w].since_ns >= timeout_ns) {
                if (bury(j, procs, n, w, 1, stage_timeout)) {
                    rc = -1;
                    break;
                }
                done[s - slots]++;
            }
        }
        if (rc)
            break;
    }
out:
    for (size_t w = 0; procs && w < n; w++) {
        if (procs[w].fd >= 0)
            close(procs[w].fd);
        if (procs[w].pid > 0)
            while (waitpid(procs[w].pid, NULL, 0) < 0 && errno == EINTR) {
            }
    }
    for (size_t k = 0; slots && k < ISO_SLOTS; k++)
        batch_free(&slots[k]);
    if (watches != MAP_FAILED && watches)
        munmap(watches, n * sizeof *watches);
    free(slots);
    free(procs);
    free(pfd);
    return rc;
}
