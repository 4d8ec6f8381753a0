#include "run/crash.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Large enough for the handler's few frames whatever MINSIGSTKSZ the kernel asks for. */
#define ALT_STACK_BYTES (64u * 1024)

static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

/* Per thread, and read by the handler on the thread that crashed (synchronous signals go there). */
static _Thread_local const char *volatile cur_stage;
static _Thread_local const char *volatile cur_doc;
static _Thread_local const char *volatile fin_data;
static _Thread_local volatile size_t fin_len;
static _Thread_local volatile int fin_fd = -1;
static _Thread_local void *alt_stack;
static crash_watch *watch;
/* Process-wide: there is one -o file. */
static const char *volatile keep_tmp, *volatile keep_partial;

static void put(const char *s)
{
    size_t n = strlen(s);
    while (n) {
        ssize_t w = write(STDERR_FILENO, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

const char *crash_signal_name(int sig)
{
    switch (sig) {
    case SIGSEGV:
        return "SIGSEGV (segmentation fault)";
    case SIGBUS:
        return "SIGBUS (bus error)";
    case SIGFPE:
        return "SIGFPE (arithmetic error)";
    case SIGILL:
        return "SIGILL (illegal instruction)";
    case SIGABRT:
        return "SIGABRT (aborted)";
    case SIGKILL:
        return "SIGKILL (killed)";
    case SIGTERM:
        return "SIGTERM (terminated)";
    default:
        return "a fatal signal";
    }
}

static void on_crash(int sig)
{
    const char *stage = cur_stage, *doc = cur_doc;
    int fd = fin_fd;
    if (stage && fd >= 0) {
        /* The buffer is not touched while a stage runs, so the finished records in it are whole. */
        const char *p = fin_data;
        size_t n = fin_len;
        while (n) {
            ssize_t w = write(fd, p, n);
            if (w <= 0)
                break;
            p += w;
            n -= (size_t)w;
        }
    }
    /* rename() is async-signal-safe; the records are already in the file, whatever its name. */
    const char *tmp = keep_tmp, *partial = keep_partial;
    int kept = tmp && partial && rename(tmp, partial) == 0;
    put("pipe: error: ");
    if (stage) {
        put("stage '");
        put(stage);
        put("' crashed on document '");
        put(doc ? doc : "?");
        put("' with ");
        put(crash_signal_name(sig));
        /* With one worker every finished record is out; with -j N, whole batches before this one. */
        put(fd >= 0 ? "; every record before it is written\n" : "; the batches before it are written\n");
    } else {
        put("pipe crashed with ");
        put(crash_signal_name(sig));
        put(" outside any stage: please report this bug\n");
    }
    if (kept) {
        put("pipe: error: the output written so far is in ");
        put(partial);
        put("\n");
    }
    _exit(EXIT_CRASH);
}

static int set_alt_stack(void)
{
    if (alt_stack)
        return 0;
    stack_t ss = {0};
    ss.ss_sp = malloc(ALT_STACK_BYTES);
    if (!ss.ss_sp)
        return -1;
    ss.ss_size = ALT_STACK_BYTES;
    if (sigaltstack(&ss, NULL)) {
        free(ss.ss_sp);
        return -1;
    }
    alt_stack = ss.ss_sp;
    return 0;
}

void crash_keep_output(const char *tmp, const char *partial)
{
    keep_tmp = tmp;
    keep_partial = partial;
}

int crash_install(void)
{
    if (set_alt_stack())
        return -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    /* SA_RESETHAND: a fault inside the handler itself ends the process the default way. */
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigfillset(&sa.sa_mask);
    for (size_t k = 0; k < sizeof crash_signals / sizeof *crash_signals; k++)
        if (sigaction(crash_signals[k], &sa, NULL))
            return -1;
    return 0;
}

int crash_thread_init(void)
{
    return set_alt_stack();
}

void crash_thread_done(void)
{
    if (!alt_stack)
        return;
    stack_t ss = {0};
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    free(alt_stack);
    alt_stack = NULL;
}

void crash_restore_default(void)
{
    for (size_t k = 0; k < sizeof crash_signals / sizeof *crash_signals; k++)
        signal(crash_signals[k], SIG_DFL);
}

void crash_set_watch(crash_watch *w)
{
    watch = w;
}

void crash_enter(size_t index, const char *stage, const char *doc_id)
{
    cur_doc = doc_id;
    cur_stage = stage;
    if (watch) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        watch->since_ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
        watch->stage = index + 1;
    }
}

void crash_leave(void)
{
    cur_stage = NULL;
    if (watch)
        watch->stage = 0;
}

void crash_set_finished(int fd, const char *data, size_t len)
{
    fin_fd = -1;
    fin_data = data;
    fin_len = len;
    fin_fd = fd;
}
