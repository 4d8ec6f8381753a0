#include "input/file_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input/gzip_fd.h"

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
                              "e.g. iconv -f UTF-16 -t UTF-8",
                 u[0], u[1]);
        return -1;
    }
    if (*len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        memmove(data, data + 3, *len - 3 + 1);
        *len -= 3;
    }
    return 0;
}

int reader_read_from(zreader *z, const char *head, size_t headlen, int64_t max_bytes, char **text, size_t *len,
                     char *err, size_t errlen)
{
    size_t cap = 64 * 1024, n = headlen;
    while (cap < headlen + 2)
        cap *= 2;
    char *data = malloc(cap);
    int rc = data ? 0 : -1;
    if (!data)
        snprintf(err, errlen, "out of memory");
    else if (headlen)
        memcpy(data, head, headlen);
    if (rc == 0 && (int64_t)n > max_bytes) {
        snprintf(err, errlen, "document is larger than max_document_bytes (%lld bytes)", (long long)max_bytes);
        rc = -1;
    }
    while (rc == 0) {
        if (cap - n < 2) {
            char *grown = realloc(data, cap * 2);
            if (!grown) {
                snprintf(err, errlen, "out of memory after %zu bytes", n);
                rc = -1;
                break;
            }
            data = grown;
            cap *= 2;
        }
        long got = zr_read(z, data + n, cap - n - 1);
        if (got < 0) {
            snprintf(err, errlen, "read error: %s", zr_error(z));
            rc = -1;
        } else if (got == 0) {
            break;
        } else if ((int64_t)(n += (size_t)got) > max_bytes) {
            snprintf(err, errlen, "document is larger than max_document_bytes (%lld bytes)", (long long)max_bytes);
            rc = -1;
        }
    }
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

int reader_read(const char *path, int64_t max_bytes, char **text, size_t *len, char *err, size_t errlen)
{
    int fd;
    if (open_input(path, &fd, err, errlen))
        return -1;
    zreader *z = zr_open(fd);
    if (!z) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = reader_read_from(z, NULL, 0, max_bytes, text, len, err, errlen);
    zr_close(z);
    return rc;
}
