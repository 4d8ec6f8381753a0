#include "archive_scan.h"

#include <string.h>

#include "jsonl_scan.h"

uint64_t archive_scan(FILE *f, member_fn fn, void *ctx)
{
    buf data = {0};
    uint64_t offset = 0;
    rewind(f);
    for (;;) {
        uint64_t len;
        const char *why;
        buf_clear(&data);
        gz_member_status st = gz_read_member(f, &data, &len, &why);
        if (st == GZM_END)
            break;
        int stop = fn(ctx, offset, len, st, why, &data);
        if (st != GZM_OK || stop)
            break;
        offset += len;
    }
    buf_free(&data);
    return offset;
}

/*
 * Call fn for each line's "id" (a string decoded, an integer as written, as
 * the index holds it); stops when fn returns nonzero. Not jansson: it rejects
 * the numbers pipe carries through exactly (2^64, 1e400) and skips integer ids.
 */
static size_t each_id(const buf *data, int (*fn)(void *, const char *, const char *, size_t), void *ctx)
{
    size_t n = 0;
    buf id = {0};
    const char *p = data->data, *end = data->data + data->len;
    while (p && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        buf_clear(&id);
        if (jscan_record_id(&id, p, len) == 0) {
            n++;
            if (fn(ctx, id.data, p, len))
                break;
        }
        p = nl ? nl + 1 : end;
    }
    buf_free(&id);
    return n;
}

static int collect(void *ctx, const char *id, const char *line, size_t len)
{
    (void)line;
    (void)len;
    return strvec_add(ctx, id);
}

int archive_member_ids(const buf *data, strvec *ids)
{
    each_id(data, collect, ids);
    return 0;
}

typedef struct print_ctx {
    FILE *out;
    const char *want;
    size_t matched;
} print_ctx;

static int print_match(void *ctx, const char *id, const char *line, size_t len)
{
    print_ctx *pc = ctx;
    if (strcmp(id, pc->want) == 0) {
        fwrite(line, 1, len, pc->out);
        fputc('\n', pc->out);
        pc->matched++;
    }
    return 0;
}

size_t archive_print_id(FILE *out, const buf *data, const char *id)
{
    print_ctx pc = {out, id, 0};
    each_id(data, print_match, &pc);
    return pc.matched;
}
