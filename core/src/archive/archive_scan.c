#include "archive/archive_scan.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "util/escape.h"
#include "util/jsonl_scan.h"

void member_docs_init(member_docs *m, size_t max_doc, const char *want)
{
    memset(m, 0, sizeof *m);
    m->max_doc = max_doc;
    m->want = want;
}

static void member_docs_clear(member_docs *m)
{
    strvec_free(&m->ids);
    strvec_free(&m->big);
    buf_clear(&m->matched);
    buf_clear(&m->line);
    m->nmatched = 0;
    m->skipping = 0;
    m->held = 0;
    m->overflow = 0;
}

void member_docs_free(member_docs *m)
{
    member_docs_clear(m);
    buf_free(&m->matched);
    buf_free(&m->line);
}

int archive_id_matches(const char *id, const char *want)
{
    if (strcmp(id, want) == 0)
        return 1;
    size_t n = strlen(id);
    if (!escape_needed(id, n))
        return 0;
    char *shown = escape_dup(id);
    int same = shown && strcmp(shown, want) == 0;
    free(shown);
    return same;
}

/* The id of a document too long to parse, when it comes first (as pipe writes it). */
static char *id_from_prefix(const buf *line)
{
    static const char lead[] = "{\"id\":";
    size_t n = sizeof lead - 1, end;
    if (line->len <= n || memcmp(line->data, lead, n) != 0)
        return NULL;
    const char *v = line->data + n;
    size_t room = line->len - n;
    if (v[0] == '"') { /* a string: up to its closing quote, escapes skipped */
        for (end = 1; end < room && v[end] != '"'; end++)
            if (v[end] == '\\')
                end++;
        if (end >= room)
            return NULL;
        end++;
    } else { /* an integer id, as written */
        for (end = 0; end < room && v[end] && strchr("-0123456789", v[end]); end++)
            ;
    }
    buf id = {0};
    char *out = NULL;
    if (jscan_id_text(&id, v, end) == 0 && buf_putc(&id, '\0') == 0)
        out = strdup(id.data);
    buf_free(&id);
    return out;
}

/*
 * Account for n more bytes held for this member (ids, wanted lines). A member of millions of tiny
 * lines must not take more than a document may: past max_doc the rest is dropped and flagged.
 */
static int hold(member_docs *m, size_t n)
{
    n += 2 * sizeof(char *); /* the vector slot and the allocation's own bookkeeping, roughly */
    if (m->overflow || n > m->max_doc - m->held) {
        m->overflow = 1;
        return 0;
    }
    m->held += n;
    return 1;
}

/* One complete line of the member; -1 when out of memory. */
static int end_line(member_docs *m)
{
    int rc = 0;
    if (m->skipping) {
        char *id = id_from_prefix(&m->line);
        if (hold(m, 2 * (id ? strlen(id) : 0) + 2)) {
            rc = strvec_add(&m->big, id ? id : "");
            if (id)
                rc |= strvec_add(&m->ids, id);
        }
        free(id);
    } else if (m->line.len) {
        /* Not jansson: it rejects the numbers pipe carries through exactly (2^64, 1e400) and skips integer ids. */
        buf id = {0};
        int got = jscan_record_id(&id, m->line.data, m->line.len);
        if (got < 0 || (got == 0 && buf_putc(&id, '\0')))
            rc = -1;
        else if (got == 0 && hold(m, id.len)) {
            const char *s = id.data;
            rc = strvec_add(&m->ids, s);
            if (m->want && archive_id_matches(s, m->want) && hold(m, m->line.len + 1)) {
                rc |= buf_add(&m->matched, m->line.data, m->line.len) | buf_putc(&m->matched, '\n');
                m->nmatched++;
            }
        }
        buf_free(&id);
    }
    buf_clear(&m->line);
    m->skipping = 0;
    return rc ? -1 : 0;
}

/* gz_sink: split the inflated stream into lines, holding at most max_doc bytes of one. */
static int take(void *ctx, const char *data, size_t n)
{
    member_docs *m = ctx;
    while (n) {
        const char *nl = memchr(data, '\n', n);
        size_t piece = nl ? (size_t)(nl - data) : n;
        size_t room = m->line.len < m->max_doc ? m->max_doc - m->line.len : 0;
        if (piece > room)
            m->skipping = 1;
        /* A long line keeps its first max_doc bytes: enough for the id pipe writes first. */
        if (buf_add(&m->line, data, piece < room ? piece : room))
            return -1;
        if (!nl)
            break;
        if (end_line(m))
            return -1;
        data += piece + 1;
        n -= piece + 1;
    }
    return 0;
}

gz_member_status archive_read_member(FILE *f, member_docs *m, uint64_t *clen, const char **why)
{
    member_docs_clear(m);
    gz_member_status st = gz_read_member(f, take, m, clen, why);
    /* The last line of a member may lack its newline. */
    if (st == GZM_OK && (m->line.len || m->skipping) && end_line(m)) {
        *why = "out of memory";
        st = GZM_NOMEM;
    }
    return st;
}

/* Does a gzip member header start at p (4 bytes)? 1f 8b, deflate, no reserved flag bits. */
static int header_at(const unsigned char *p)
{
    return p[0] == 0x1f && p[1] == 0x8b && p[2] == 8 && (p[3] & 0xE0) == 0;
}

/* Offset of the first intact member at or after from, or the end of the file. */
static uint64_t resync(FILE *f, member_docs *m, uint64_t from)
{
    unsigned char blk[65536];
    uint64_t pos = from;
    for (;;) {
        if (fseeko(f, (off_t)pos, SEEK_SET) != 0)
            return pos;
        size_t got = fread(blk, 1, sizeof blk, f), i;
        if (got < 4)
            return pos + got;
        for (i = 0; i + 4 <= got && !header_at(blk + i); i++)
            ;
        if (i + 4 > got) {
            pos += got - 3; /* a header may straddle the block end */
            continue;
        }
        uint64_t len;
        const char *why;
        if (fseeko(f, (off_t)(pos + i), SEEK_SET) == 0 && archive_read_member(f, m, &len, &why) == GZM_OK)
            return pos + i;
        pos += i + 1;
    }
}

int archive_scan(FILE *f, member_docs *m, member_fn fn, void *ctx)
{
    uint64_t offset = 0;
    int skipped = 0;
    for (;;) {
        uint64_t len;
        const char *why;
        if (fseeko(f, (off_t)offset, SEEK_SET) != 0)
            return -1;
        gz_member_status st = archive_read_member(f, m, &len, &why);
        if (st == GZM_END)
            break;
        if (st == GZM_NOMEM) {
            fn(ctx, offset, len, st, why, NULL);
            return -1;
        }
        if (st == GZM_OK) {
            if (fn(ctx, offset, len, st, why, m))
                break;
            offset += len;
            continue;
        }
        skipped = 1;
        uint64_t next = resync(f, m, offset + 1);
        if (fn(ctx, offset, next - offset, st, why, NULL))
            break;
        offset = next;
    }
    return skipped;
}
