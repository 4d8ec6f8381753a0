#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static int open_input(const char *path, int *fd, char *err, size_t errlen)
{
    if (strcmp(path, "-") == 0) {
        *fd = dup(STDIN_FILENO);
    } else {
        *fd = open(path, O_RDONLY);
    }
    if (*fd < 0) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(*fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errlen, "is a directory, not a file");
        close(*fd);
        return -1;
    }
    return 0;
}

/* zlib prefixes its messages with "<fd:N>: "; our caller names the file itself. */
static const char *zmsg(gzFile gz)
{
    int zerr;
    const char *msg = gzerror(gz, &zerr);
    if (zerr == Z_ERRNO)
        return strerror(errno);
    const char *colon = strncmp(msg, "<fd:", 4) == 0 ? strstr(msg, ": ") : NULL;
    return colon ? colon + 2 : msg;
}

static int check_bom(char *data, size_t *len, char *err, size_t errlen)
{
    const unsigned char *u = (const unsigned char *)data;
    if (*len >= 4 && ((u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0) ||
                      (u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF))) {
        snprintf(err, errlen, "text is UTF-32 (byte-order mark found); convert it to UTF-8 first, e.g. "
                 "iconv -f UTF-32 -t UTF-8");
        return -1;
    }
    if (*len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        snprintf(err, errlen, "text is UTF-16 (byte-order mark %02X %02X found); convert it to UTF-8 first, "
                 "e.g. iconv -f UTF-16 -t UTF-8", u[0], u[1]);
        return -1;
    }
    if (*len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        memmove(data, data + 3, *len - 3 + 1);
        *len -= 3;
    }
    return 0;
}

int reader_read(const char *path, int64_t max_bytes, char **text, size_t *len, char *err, size_t errlen)
{
    int fd;
    if (open_input(path, &fd, err, errlen))
        return -1;
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        close(fd);
        snprintf(err, errlen, "cannot read: out of memory");
        return -1;
    }
    gzbuffer(gz, 128 * 1024);
    size_t cap = 64 * 1024, n = 0;
    char *data = malloc(cap);
    int rc = data ? 0 : -1;
    if (!data)
        snprintf(err, errlen, "out of memory");
    while (rc == 0) {
        if (cap - n < 2) {
            size_t grown_cap = cap * 2;
            char *grown = realloc(data, grown_cap);
            if (!grown) {
                snprintf(err, errlen, "out of memory after %zu bytes", n);
                rc = -1;
                break;
            }
            data = grown;
            cap = grown_cap;
        }
        size_t want = cap - n - 1;
        if (want > (size_t)1 << 30)
            want = (size_t)1 << 30;
        int got = gzread(gz, data + n, (unsigned)want);
        if (got < 0) {
            snprintf(err, errlen, "read error: %s", zmsg(gz));
            rc = -1;
            break;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if ((int64_t)n > max_bytes) {
            snprintf(err, errlen, "document is larger than max_document_bytes (%lld bytes)", (long long)max_bytes);
            rc = -1;
        }
    }
    if (rc == 0) {
        /* A truncated .gz ends without error from gzread on some zlib versions; ask explicitly. */
        int zerr;
        gzerror(gz, &zerr);
        if (zerr != Z_OK && zerr != Z_STREAM_END) {
            snprintf(err, errlen, "read error: %s", zmsg(gz));
            rc = -1;
        }
    }
    gzclose(gz);
    if (rc == 0) {
        data[n] = '\0';
        rc = check_bom(data, &n, err, errlen);
    }
    if (rc != 0) {
        free(data);
        return -1;
    }
    *text = data;
    *len = n;
    return 0;
}
