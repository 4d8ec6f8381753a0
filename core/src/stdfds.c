/*
 * A closed descriptor 0, 1 or 2 is the number the next open() returns: the -o
 * file, an archive or an index would become "standard output" or "standard
 * error" and receive JSON, listings or log lines. Each closed one is held with
 * /dev/null opened the wrong way round (stdin write-only, stdout and stderr
 * read-only), so that any use still fails with EBADF exactly as on a closed
 * descriptor: a closed stdout stays an unwritable output, never a silent sink.
 */
#include "stdfds.h"

#include <fcntl.h>
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
