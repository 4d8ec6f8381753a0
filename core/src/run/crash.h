/*
 * A stage that crashes (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) ends the run
 * with EXIT_CRASH after one line on stderr naming the stage and the document,
 * written with async-signal-safe calls only. The stage being run is noted per
 * thread around every process() call; a watcher (the --isolate supervisor) may
 * also follow it through a word in shared memory.
 */
#ifndef PIPE_CRASH_H
#define PIPE_CRASH_H

#include <stddef.h>
#include <stdint.h>

/* Exit code of a run ended by a crash inside a stage (without --isolate). */
#define EXIT_CRASH 4

/* Where a supervisor reads what a worker process is doing (mapped shared before the fork). */
typedef struct crash_watch {
    _Atomic uint64_t stage;    /* stage index + 1 while a stage runs, 0 between stages */
    _Atomic uint64_t since_ns; /* CLOCK_MONOTONIC when that stage started */
} crash_watch;

/* "SIGSEGV (segmentation fault)" and the like, for messages (async-signal-safe). */
const char *crash_signal_name(int sig);
/* Install the handlers and an alternate signal stack for this (the main) thread; 0 or -1. */
int crash_install(void);
/* Give a worker thread its own alternate stack (a stack overflow must still be reported); 0 or -1. */
int crash_thread_init(void);
/* Free the calling thread's alternate stack. */
void crash_thread_done(void);
/* Put the default actions back (an --isolate worker dies of the signal so its supervisor sees it). */
void crash_restore_default(void);
/* Follow this process's stages through w (NULL: stop). */
void crash_set_watch(crash_watch *w);

/* Stage `index` named `stage` starts on document `doc_id` (the strings must outlive the call). */
void crash_enter(size_t index, const char *stage, const char *doc_id);
/* The stage returned. */
void crash_leave(void);
/*
 * The records of this thread's current batch that are complete: on a crash
 * they are written to fd before the message (one worker only, where nothing
 * earlier is still unwritten). fd -1 stops it.
 */
void crash_set_finished(int fd, const char *data, size_t len);
/*
 * The -o file being written under the temporary name tmp: on a crash it is renamed to partial
 * (FILE.partial), as after SIGINT, so what was written is kept under a name that says it is short
 * and FILE stays as it was. NULLs stop it; both strings must outlive the run.
 */
void crash_keep_output(const char *tmp, const char *partial);

#endif
