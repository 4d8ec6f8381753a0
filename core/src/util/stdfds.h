/* Standard descriptors: held open before a program opens any file of its own, and stdout kept for results. */
#ifndef PIPE_STDFDS_H
#define PIPE_STDFDS_H

#include <stdio.h>

/*
 * Fill each closed descriptor 0, 1 or 2 with /dev/null opened the wrong way
 * round (so any use still fails with EBADF); 0, or -1 when /dev/null cannot
 * be opened. Call first thing in main().
 */
int hold_std_fds(void);

/*
 * Keep fd 1 for pipe's own output: move it to a private close-on-exec
 * descriptor and point fd 1 at stderr, so a stage's stray puts() or printf()
 * lands among the log lines, never inside the results. 0, or -1 (fd 1 left
 * as it was) when no descriptor is free. Call once, after hold_std_fds().
 */
int stdout_claim(void);
/* The descriptor results go to: the private one after stdout_claim(), else 1. */
int stdout_fd(void);
/* A stdio stream on stdout_fd() for pipe's own reports (--help, --check), or stdout before the claim. */
FILE *stdout_stream(void);

#endif
