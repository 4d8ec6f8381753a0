#include "xopen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

int xopen(const char *path, int flags, mode_t mode)
{
    int fd;
    do
        fd = open(path, flags, mode);
    while (fd < 0 && errno == EINTR);
    return fd;
}

int xmkstemp(char *tmpl)
{
    size_t n = strlen(tmpl);
    int fd;
    do {
        /* A failed try may leave random letters in place of the Xs. */
        if (n >= 6)
            memset(tmpl + n - 6, 'X', 6);
        fd = mkstemp(tmpl);
    } while (fd < 0 && errno == EINTR);
    return fd;
}
