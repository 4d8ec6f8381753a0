#include "archive/archive_index.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "util/fileopen.h"
#include "output/json_writer.h"

#define INDEX_HEADER "pipe-archive-index 1\n"

int index_begin(buf *b)
{
    return buf_puts(b, INDEX_HEADER);
}

int index_add(buf *b, uint64_t offset, uint64_t length, const char *id)
{
    int rc = buf_printf(b, "%" PRIu64 " %" PRIu64 " ", offset, length);
    rc |= json_put_string(b, id, strlen(id));
    return rc | buf_putc(b, '\n');
}

int index_end(buf *b, size_t n)
{
    uLong crc = crc32(0L, (const Bytef *)b->data, (uInt)b->len);
    return buf_printf(b, "end %zu %08lx\n", n, (unsigned long)crc);
}

int index_write_file(const buf *b, const char *path, char *err, size_t errlen)
{
    size_t n = strlen(path);
    char *tmp = malloc(n + sizeof ".tmp.XXXXXX");
    if (!tmp) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    memcpy(tmp, path, n);
    memcpy(tmp + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    /* A name of our own, created new: a shared NAME.idx.tmp let parallel runs truncate each
       other's index, and a symlink planted under it would have been followed. */
    int fd = file_create_unique(tmp, 0644), saved = errno;
    if (fd >= 0) {
        ssize_t w = write(fd, b->data, b->len);
        saved = file_finish(fd, w == (ssize_t)b->len, w < 0 ? errno : ENOSPC, tmp, path, 1);
    }
    int ok = fd >= 0 && saved == 0;
    if (!ok)
        snprintf(err, errlen, "%s: cannot write index: %s", path, strerror(saved));
    free(tmp);
    return ok ? 0 : -1;
}

static int parse_line(char *line, index_entry *e)
{
    char *p = line, *end;
    e->offset = strtoull(p, &end, 10);
    if (end == p || *end != ' ')
        return -1;
    p = end + 1;
    e->length = strtoull(p, &end, 10);
    if (end == p || *end != ' ')
        return -1;
    json_t *id = json_loads(end + 1, JSON_DECODE_ANY, NULL);
    if (!json_is_string(id)) {
        json_decref(id);
        return -1;
    }
    e->id = strdup(json_string_value(id));
    json_decref(id);
    return e->id ? 0 : -1;
}

int index_load(const char *path, archive_index *ix, char *err, size_t errlen)
{
    memset(ix, 0, sizeof *ix);
    int fd = file_open(path, O_RDONLY, 0);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        int saved = errno;
        if (fd >= 0)
            close(fd);
        errno = saved;
        snprintf(err, errlen, "%s: cannot open index: %s", path, strerror(errno));
        return -1;
    }
    buf b = {0};
    int rc = -1;
    if (buf_read_all(&b, f)) {
        fclose(f);
        snprintf(err, errlen, "%s: cannot read index", path);
        buf_free(&b);
        return -1;
    }
    fclose(f);
    size_t hl = strlen(INDEX_HEADER);
    if (b.len < hl || memcmp(b.data, INDEX_HEADER, hl) != 0) {
        snprintf(err, errlen, "%s: not a pipe archive index", path);
        goto out;
    }
    /* The last line is the checksum of everything before it. */
    char *last = b.len > 1 ? b.data + b.len - 2 : b.data;
    while (last > b.data && *last != '\n')
        last--;
    last++;
    size_t count;
    unsigned long want;
    if (b.data[b.len - 1] != '\n' || sscanf(last, "end %zu %lx", &count, &want) != 2) {
        snprintf(err, errlen, "%s: index is truncated (no closing checksum line)", path);
        goto out;
    }
    size_t body = (size_t)(last - b.data);
    if (crc32(0L, (const Bytef *)b.data, (uInt)body) != want) {
        snprintf(err, errlen, "%s: index checksum does not match its contents", path);
        goto out;
    }
    ix->e = calloc(count ? count : 1, sizeof *ix->e);
    if (!ix->e) {
        snprintf(err, errlen, "out of memory");
        goto out;
    }
    char *line = b.data + hl;
    while (line < last) {
        char *nl = memchr(line, '\n', (size_t)(last - line));
        *nl = '\0';
        if (ix->n == count || parse_line(line, &ix->e[ix->n])) {
            snprintf(err, errlen, "%s: bad index entry %zu", path, ix->n + 1);
            goto out;
        }
        ix->n++;
        line = nl + 1;
    }
    if (ix->n != count) {
        snprintf(err, errlen, "%s: index lists %zu entries but says %zu", path, ix->n, count);
        goto out;
    }
    rc = 0;
out:
    buf_free(&b);
    if (rc)
        index_free(ix);
    return rc;
}

void index_free(archive_index *ix)
{
    for (size_t k = 0; k < ix->n; k++)
        free(ix->e[k].id);
    free(ix->e);
    ix->e = NULL;
    ix->n = 0;
}
