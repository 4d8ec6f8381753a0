#include "output/output_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fileopen.h"
#include "util/stdfds.h"

/* Flush early when one batch is this large (a few huge documents), to bound memory. */
#define OUTPUT_BLOCK (1u << 20)

int output_open(output *o, const char *path, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    o->fd = stdout_fd();
    if (!path || strcmp(path, "-") == 0)
        return 0;
    struct stat st;
    int exists = stat(path, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        /* A device or FIFO (/dev/null, a named pipe) is written in place: renaming a temporary
           file over it would replace the device itself. */
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "%s: cannot write output: is a directory", path);
            return -1;
        }
        o->fd = file_open(path, O_WRONLY, 0);
        if (o->fd < 0) {
            snprintf(err, errlen, "%s: cannot open output: %s", path, strerror(errno));
            return -1;
        }
        o->own_fd = 1;
        o->path = strdup(path);
        return 0;
    }
    size_t n = strlen(path);
    o->path = strdup(path);
    o->tmp = malloc(n + sizeof ".tmp.XXXXXX");
    if (!o->path || !o->tmp) {
        snprintf(err, errlen, "out of memory");
        free(o->path);
        free(o->tmp);
        o->path = o->tmp = NULL;
        return -1;
    }
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = file_create_unique(o->tmp, 0600);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create output: %s", path, strerror(errno));
        free(o->tmp);
        free(o->path);
        o->tmp = o->path = NULL;
        return -1;
    }
    /* The temporary file is made 0600: a file we replace keeps its permission bits (a private 0600 result
       stays private), a new one gets the permissions any new file would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, exists ? st.st_mode & 0777 : 0666 & ~mask);
    o->fd = fd;
    o->own_fd = 1;
    return 0;
}

/* write() until done; EINTR (a signal asking us to stop) must not lose a half-written record. */
static int write_all(output *o, const char *data, size_t len)
{
    size_t off = 0;
    while (off < len && !o->err) {
        ssize_t w = write(o->fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            o->err = w < 0 ? errno : EIO;
        else
            off += (size_t)w;
    }
    return o->err ? -1 : 0;
}

int output_flush(output *o)
{
    if (o->err)
        return -1;
    write_all(o, o->pending.data, o->pending.len);
    buf_clear(&o->pending);
    return o->err ? -1 : 0;
}

int output_write(output *o, const char *data, size_t len)
{
    if (o->err)
        return -1;
    if (len >= OUTPUT_BLOCK) {
        /* A large document's record goes out from where it was written: copying it into pending
           first would touch as many fresh pages again (a 50 MB article writes ~120 MB of JSON). */
        return output_flush(o) ? -1 : write_all(o, data, len);
    }
    if (buf_add(&o->pending, data, len)) {
        o->err = ENOMEM;
        return -1;
    }
    return o->pending.len >= OUTPUT_BLOCK ? output_flush(o) : 0;
}

char *output_partial_name(const output *o)
{
    if (!o->tmp)
        return NULL;
    size_t n = strlen(o->path);
    char *p = malloc(n + sizeof ".partial");
    if (p) {
        memcpy(p, o->path, n);
        memcpy(p + n, ".partial", sizeof ".partial");
    }
    return p;
}

int output_close(output *o, int commit, char *err, size_t errlen)
{
    int rc = 0;
    output_flush(o);
    if (o->own_fd && !o->tmp) {
        if (close(o->fd) != 0 && !o->err)
            o->err = errno;
    } else if (o->own_fd) {
        if (!o->err && fsync(o->fd) != 0)
            o->err = errno;
        if (close(o->fd) != 0 && !o->err)
            o->err = errno;
        char *partial = commit == OUTPUT_PARTIAL ? output_partial_name(o) : NULL;
        if (commit == OUTPUT_PARTIAL && !partial && !o->err)
            o->err = ENOMEM;
        if (o->err || commit == OUTPUT_DISCARD) {
            unlink(o->tmp);
        } else if (rename(o->tmp, partial ? partial : o->path) != 0) {
            o->err = errno;
            unlink(o->tmp);
        }
        free(partial);
    }
    if (o->err) {
        snprintf(err, errlen, "%s: cannot write output: %s", o->path ? o->path : "standard output",
                 strerror(o->err));
        rc = -1;
    }
    buf_free(&o->pending);
    free(o->path);
    free(o->tmp);
    o->path = o->tmp = NULL;
    return rc;
}
