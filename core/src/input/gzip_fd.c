#include "input/gzip_fd.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "run/signals.h"

#define ZR_IN (256 * 1024)

typedef enum zr_mode { ZR_UNKNOWN,
                       ZR_RAW,
                       ZR_GZIP } zr_mode;

struct zreader {
    int fd;
    zr_mode mode;
    z_stream z;
    int z_ready;
    int in_member;     /* inside a gzip member: the end of input here means truncation */
    unsigned char *in; /* raw bytes read but not yet consumed */
    size_t in_len, in_pos;
    int eof;
    uint64_t consumed;
    const char *error;
};

zreader *zr_open(int fd)
{
    zreader *z = calloc(1, sizeof *z);
    if (z)
        z->in = malloc(ZR_IN);
    if (!z || !z->in) {
        if (z)
            free(z);
        close(fd);
        return NULL;
    }
    z->fd = fd;
    return z;
}

/* One read() into the input buffer after `keep` bytes already there; 1 for data, 0 at the end, -1 on error. */
static int fill(zreader *z, size_t keep)
{
    if (z->eof)
        return 0;
    ssize_t n = read(z->fd, z->in + keep, ZR_IN - keep);
    if (n < 0) {
        z->error = strerror(errno);
        return -1;
    }
    if (n == 0) {
        z->eof = 1;
        return 0;
    }
    z->in_len = keep + (size_t)n;
    z->in_pos = 0;
    z->consumed += (uint64_t)n;
    return 1;
}

long zr_read(zreader *z, void *buf, size_t len)
{
    if (len > (size_t)1 << 30)
        len = (size_t)1 << 30;
    for (;;) {
        if (z->in_pos == z->in_len) {
            /* A stream that yields nothing for ever (endless empty gzip members) must not outlast a signal. */
            if (signals_pending()) {
                z->error = "interrupted";
                errno = EINTR;
                return -1;
            }
            if (z->mode == ZR_RAW && !z->eof) {
                /* Plain bytes go straight to the caller: copying them through z->in cost a pass over the input. */
                ssize_t n = read(z->fd, buf, len);
                if (n < 0) {
                    z->error = strerror(errno);
                    return -1;
                }
                z->eof = n == 0;
                z->consumed += (uint64_t)n;
                return (long)n;
            }
            int rc = fill(z, 0);
            if (rc < 0)
                return -1;
            if (rc == 0) {
                if (z->mode == ZR_GZIP && z->in_member) {
                    z->error = "unexpected end of file";
                    return -1;
                }
                return 0;
            }
        }
        if (z->mode == ZR_UNKNOWN) {
            /* Decide once from the first bytes; a lone first byte 1f waits for the second. */
            if (z->in_len - z->in_pos == 1 && z->in[z->in_pos] == 0x1f && !z->eof) {
                z->in[0] = 0x1f;
                if (fill(z, 1) < 0)
                    return -1;
                if (z->eof) {
                    z->in_len = 1;
                    z->in_pos = 0;
                }
            }
            int gz = z->in_len - z->in_pos >= 2 && z->in[z->in_pos] == 0x1f && z->in[z->in_pos + 1] == 0x8b;
            z->mode = gz ? ZR_GZIP : ZR_RAW;
        }
        if (z->mode == ZR_RAW) {
            size_t n = z->in_len - z->in_pos < len ? z->in_len - z->in_pos : len;
            memcpy(buf, z->in + z->in_pos, n);
            z->in_pos += n;
            return (long)n;
        }
        if (!z->z_ready) {
            if (inflateInit2(&z->z, 15 + 16) != Z_OK) {
                z->error = "out of memory";
                return -1;
            }
            z->z_ready = 1;
        }
        if (!z->in_member) {
            /* Only gzip members may follow a member; anything else ends the stream as gzip -d does. */
            if (z->in_len - z->in_pos >= 1 && z->in[z->in_pos] != 0x1f) {
                z->error = "trailing garbage after gzip data";
                return -1;
            }
            inflateReset(&z->z);
            z->in_member = 1;
        }
        z->z.next_in = z->in + z->in_pos;
        z->z.avail_in = (uInt)(z->in_len - z->in_pos);
        z->z.next_out = buf;
        z->z.avail_out = (uInt)len;
        int rc = inflate(&z->z, Z_NO_FLUSH);
        z->in_pos = z->in_len - z->z.avail_in;
        size_t got = len - z->z.avail_out;
        if (rc == Z_STREAM_END) {
            z->in_member = 0;
        } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
            z->error = z->z.msg ? z->z.msg : "invalid compressed data";
            return -1;
        }
        if (got)
            return (long)got;
    }
}

int zr_ready(zreader *z)
{
    if (z->in_pos < z->in_len || z->eof)
        return 1;
    struct pollfd p = {z->fd, POLLIN, 0};
    return poll(&p, 1, 0) > 0;
}

uint64_t zr_consumed(const zreader *z)
{
    return z->consumed;
}

const char *zr_error(const zreader *z)
{
    return z->error ? z->error : "read error";
}

void zr_close(zreader *z)
{
    if (!z)
        return;
    if (z->z_ready)
        inflateEnd(&z->z);
    close(z->fd);
    free(z->in);
    free(z);
}
