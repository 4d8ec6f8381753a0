/* open() and mkstemp() that retry when a signal interrupts them. */
#ifndef PIPE_XOPEN_H
#define PIPE_XOPEN_H

#include <sys/types.h>

/* open(path, flags, mode), retried on EINTR (a signal handler without SA_RESTART); fd or -1 with errno. */
int xopen(const char *path, int flags, mode_t mode);
/* mkstemp(tmpl) retried on EINTR; tmpl must end in XXXXXX and is rewritten on each try. */
int xmkstemp(char *tmpl);

#endif
