/* pipe: run news articles through the stages a pipeline file lists. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "run.h"

/*
 * A closed descriptor 0, 1 or 2 is the number the next open() returns: the -o
 * file or an archive would become "standard output" or "standard error" and
 * receive JSON or log lines. Hold each closed one with /dev/null opened the
 * wrong way round (stdin write-only, stdout and stderr read-only), so that
 * any use still fails with EBADF exactly as on a closed descriptor: a closed
 * stdout stays an unwritable output (exit 3), never a silent sink.
 */
static int hold_std_fds(void)
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

int main(int argc, char **argv)
{
    if (hold_std_fds()) {
        /* stderr may be the closed one, so this line can be lost; the exit code is not. */
        fputs("pipe: cannot open /dev/null to stand in for a closed standard descriptor\n", stderr);
        return EXIT_USAGE;
    }
    return pipe_main(argc, argv);
}
