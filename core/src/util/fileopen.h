/*
 * open() for files pipe reads and creates. A signal that arrives while open()
 * blocks (a FIFO, a slow network file system) is not an error: the call is
 * retried. Files pipe creates are always new: O_EXCL|O_NOFOLLOW, so a name
 * planted by another user (a symlink to a file of ours) is never followed
 * or truncated, and two processes never share a file.
 */
#ifndef PIPE_FILEOPEN_H
#define PIPE_FILEOPEN_H

#include <sys/types.h>

/* open(path, flags, mode), retried on EINTR; O_CLOEXEC is always added. */
int file_open(const char *path, int flags, mode_t mode);
/* Create path for writing; it must not exist (not even as a symlink). fd, or -1 with errno (EEXIST). */
int file_create(const char *path, mode_t mode);
/*
 * Create a new file named tmpl with its trailing "XXXXXX" replaced by random
 * characters (tmpl is modified), for writing, with mode; like mkstemp but
 * retried on EINTR and with mode instead of 0600. fd, or -1 with errno.
 */
int file_create_unique(char *tmpl, mode_t mode);
/*
 * rename(from, to), but never replacing an existing to (RENAME_NOREPLACE, or
 * link() then unlink() where the file system lacks it). 0, or -1 with errno
 * (EEXIST when to is taken: the caller picks another name).
 */
int file_rename_new(const char *from, const char *to);
/*
 * Complete a file written under the temporary name tmp: fsync and close fd
 * (even when ok is 0), then rename it to path (replacing path only when
 * replace is set). On failure tmp is removed. 0, or the errno value of the
 * first failure (errno_if_not_ok when ok is 0).
 */
int file_finish(int fd, int ok, int errno_if_not_ok, const char *tmp, const char *path, int replace);

#endif
