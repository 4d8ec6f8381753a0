/*
 * A closed descriptor 0, 1 or 2 is the number the next open() returns: the -o
 * file, an archive or an index would become "standard output" or "standard
 * error" and receive JSON, listings or log lines. Each closed one is held with
 * /dev/null opened the wrong way round (stdin write-only, stdout and stderr
 * read-only), so that any use still fails with EBADF exactly as on a closed
 * descriptor: a closed stdout stays an unwritable output, never a silent sink.
 */
#include "util/stdfds.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int hold_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1)
            continue;
        int got = open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY));
        if (got < 0)
            return -1;
        if (got != fd) { /* a lower closed fd was filled first: impossible as we go upwards */
            close(got);
            return -1;
        }
    }
    return 0;
}

static int private_out = -1;
static FILE *private_stream;

int stdout_claim(void)
{
    if (private_out >= 0)
        return 0;
    fflush(stdout);
    int fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (fd < 0)
        return -1;
    /* A closed stdout was held read-only by hold_std_fds: the duplicate keeps failing with EBADF. */
    if (dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        close(fd);
        return -1;
    }
    private_out = fd;
    return 0;
}

int stdout_fd(void)
{
    return private_out >= 0 ? private_out : STDOUT_FILENO;
}

FILE *stdout_stream(void)
{
    if (private_out < 0)
        return stdout;
    if (!private_stream)
        private_stream = fdopen(private_out, "w");
    return private_stream ? private_stream : stderr;
}
