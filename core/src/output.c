#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int output_open(output *o, const char *path, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->f = stdout;
        /* Large blocks: many small writes to a pipe cost more than the JSON itself. */
        setvbuf(stdout, NULL, _IOFBF, 1 << 20);
        return 0;
    }
    size_t n = strlen(path);
    o->path = strdup(path);
    o->tmp = malloc(n + sizeof ".tmp.XXXXXX");
    if (!o->path || !o->tmp) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    memcpy(o->tmp, path, n);
    memcpy(o->tmp + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(o->tmp);
    if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
        snprintf(err, errlen, "%s: cannot create output: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        free(o->path);
        o->tmp = o->path = NULL;
        return -1;
    }
    /* mkstemp makes 0600 files; results should get the permissions any new file would. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    setvbuf(o->f, NULL, _IOFBF, 1 << 20);
    return 0;
}

int output_write(output *o, const char *data, size_t len)
{
    if (o->err)
        return -1;
    if (len && fwrite(data, 1, len, o->f) != len) {
        o->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

int output_close(output *o, int commit, char *err, size_t errlen)
{
    int rc = 0;
    if (o->f && fflush(o->f) != 0 && !o->err)
        o->err = errno ? errno : EIO;
    if (o->path) {
        if (o->f && fsync(fileno(o->f)) != 0 && !o->err)
            o->err = errno;
        if (o->f && fclose(o->f) != 0 && !o->err)
            o->err = errno ? errno : EIO;
        if (o->err || !commit) {
            unlink(o->tmp);
        } else if (rename(o->tmp, o->path) != 0) {
            o->err = errno;
            unlink(o->tmp);
        }
    }
    if (o->err) {
        snprintf(err, errlen, "%s: cannot write output: %s", o->path ? o->path : "standard output",
                 strerror(o->err));
        rc = -1;
    }
    free(o->path);
    free(o->tmp);
    o->path = o->tmp = NULL;
    o->f = NULL;
    return rc;
}
