/* renameat2 and RENAME_NOREPLACE are GNU declarations. */
#define _GNU_SOURCE
#include "util/fileopen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int file_open(const char *path, int flags, mode_t mode)
{
    int fd;
    do
        fd = open(path, flags | O_CLOEXEC, mode);
    while (fd < 0 && errno == EINTR);
    return fd;
}

int file_create(const char *path, mode_t mode)
{
    return file_open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode);
}

int file_create_unique(char *tmpl, mode_t mode)
{
    size_t n = strlen(tmpl);
    if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    /* Not for secrecy: O_EXCL makes a guessed name harmless; the mix only makes clashes rare. */
    uint64_t x = ((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ ((uint64_t)getpid() << 40) ^ (uintptr_t)tmpl) | 1;
    for (int tries = 0; tries < 1000; tries++) {
        for (size_t k = n - 6; k < n; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
            tmpl[k] = chars[x % (sizeof chars - 1)];
        }
        int fd = file_create(tmpl, mode);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

int file_rename_new(const char *from, const char *to)
{
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
        return -1;
    if (link(from, to) != 0)
        return -1;
    unlink(from);
    return 0;
}

int file_finish(int fd, int ok, int errno_if_not_ok, const char *tmp, const char *path, int replace)
{
    int err = ok ? 0 : errno_if_not_ok ? errno_if_not_ok :
                                         EIO;
    if (!err && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && (replace ? rename(tmp, path) : file_rename_new(tmp, path)) != 0)
        err = errno;
    if (err)
        unlink(tmp);
    return err;
}
