/* pipe-archive: list, read, check, re-index and recover the archives pipe writes. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive/archive_index.h"
#include "archive/archive_scan.h"
#include "util/escape.h"
#include "util/fileopen.h"
#include "archive/gzmember.h"
#include "output/json_writer.h"
#include "util/paths.h"
#include "util/stdfds.h"
#include "cli/version.h"

enum { OK = 0,
       DAMAGED = 1,
       USAGE = 2 };

/* --max-document-bytes: the longest document held in memory. */
static size_t max_doc = ARCHIVE_DEFAULT_MAX_DOC;

static void usage(FILE *f)
{
    fputs("usage: pipe-archive [OPTION] ls FILE.jsonl.gz|DIR    documents: member offset, length, id\n"
          "       pipe-archive [OPTION] get FILE.jsonl.gz|DIR ID one document's results (reads one member)\n"
          "       pipe-archive [OPTION] verify PATH...         check CRCs, truncation and index agreement\n"
          "       pipe-archive [OPTION] reindex FILE.jsonl.gz  rebuild FILE.jsonl.gz.idx from the members\n"
          "       pipe-archive [OPTION] recover FILE.jsonl.gz.tmp  keep the intact members of an interrupted run\n"
          "       pipe-archive --help | --version\n"
          "a DIR is every archive in it, newest first: ls lists them all (a first column names the file),\n"
          "get prints the document from the newest archive that holds it and names that file on stderr\n"
          "options: --max-document-bytes N  hold documents up to N bytes in memory (default 64 MiB);\n"
          "                                 a longer one is listed and checked, but get does not print it\n"
          "         --json                  ls writes JSON Lines: {\"file\", \"offset\", \"length\", \"id\"}\n"
          "ids and file names are shown escaped (\\n, \\t, \\\\, \\xHH, \\uHHHH); get accepts either form\n"
          "exit status: 0 ok; 1 damage found or skipped, or id not found; 2 usage or unreadable file\n",
          f);
}

/* One line on stderr; it names files and ids, which are data: the whole line is escaped. */
static void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void report(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    buf line = {0};
    if (text) {
        va_start(ap, fmt);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    if (buf_puts(&line, "pipe-archive: ") == 0 &&
        (text ? escape_append(&line, text, (size_t)n) : buf_puts(&line, "(out of memory)")) == 0 &&
        buf_putc(&line, '\n') == 0)
        fwrite(line.data, 1, line.len, stderr);
    free(text);
    buf_free(&line);
}

static char *index_path(const char *archive_path)
{
    char *p = malloc(strlen(archive_path) + 5);
    if (p)
        sprintf(p, "%s.idx", archive_path);
    return p;
}

static FILE *open_archive(const char *path, int flags)
{
    int fd = file_open(path, flags, 0);
    FILE *f = fd >= 0 ? fdopen(fd, (flags & O_ACCMODE) == O_RDWR ? "r+b" : "rb") : NULL;
    if (!f) {
        report("%s: %s", path, errno == ELOOP ? "is a symbolic link; not following it" : strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    return f;
}

/* "damaged" or "truncated", for a stretch the scan skipped. */
static const char *damage_word(gz_member_status st)
{
    return st == GZM_TRUNCATED ? "truncated" : st == GZM_NOMEM ? "unreadable" :
                                                                 "damaged";
}

/*
 * Name a skipped stretch [offset, offset + length) and, when an index is at hand, the documents it
 * puts there. *next, when not NULL, is where to start looking in ix and is moved past them.
 */
static void report_skipped(const char *path, uint64_t offset, uint64_t length, gz_member_status st, const char *why,
                           const archive_index *ix, size_t *next)
{
    buf held = {0};
    size_t k = next ? *next : 0;
    for (; ix && k < ix->n && ix->e[k].offset < offset + length; k++) {
        if (ix->e[k].offset < offset)
            continue;
        buf_puts(&held, held.len ? " '" : "; it holds '");
        buf_puts(&held, ix->e[k].id);
        buf_putc(&held, '\'');
    }
    if (next)
        *next = k;
    report("%s: member at byte %" PRIu64 " is %s: %s%s; skipped bytes %" PRIu64 "-%" PRIu64
           ", reading resumes at the next intact member",
           path, offset, damage_word(st), why ? why : "unreadable", held.len ? held.data : "", offset,
           offset + length - 1);
    buf_free(&held);
}

/* Documents whose id is unknown (too long, id not first; or past what a member may hold): they cannot be listed. */
static int report_unlisted(const char *path, uint64_t offset, const member_docs *m)
{
    int n = m->overflow;
    if (m->overflow)
        report("%s: the member at byte %" PRIu64 " holds more documents than %zu bytes of ids; the rest are not "
               "listed or read (raise --max-document-bytes)",
               path, offset, max_doc);
    for (size_t k = 0; k < m->big.n; k++)
        if (!m->big.v[k][0]) {
            report("%s: a document in the member at byte %" PRIu64
                   " is longer than %zu bytes and its id does not come first; it is not listed "
                   "(raise --max-document-bytes)",
                   path, offset, max_doc);
            n++;
        }
    return n;
}

/* How ls writes its rows: the file name as a first column (a folder was given), or JSON Lines. */
static const char *row_file;
static int json_rows;

static void print_row(uint64_t offset, uint64_t length, const char *id)
{
    if (json_rows) {
        buf line = {0};
        int rc = buf_puts(&line, "{\"file\":");
        rc |= json_put_string(&line, row_file, strlen(row_file));
        rc |= buf_printf(&line, ",\"offset\":%" PRIu64 ",\"length\":%" PRIu64 ",\"id\":", offset, length);
        rc |= json_put_string(&line, id, strlen(id));
        rc |= buf_puts(&line, "}\n");
        if (rc == 0)
            fwrite(line.data, 1, line.len, stdout);
        buf_free(&line);
        return;
    }
    if (row_file) {
        escape_fputs(row_file, stdout);
        putchar('\t');
    }
    printf("%" PRIu64 "\t%" PRIu64 "\t", offset, length);
    escape_fputs(id, stdout);
    putchar('\n');
}

/* ---- building an index from the members ---- */

typedef struct range {
    uint64_t offset, length;
} range;

typedef struct build_ctx {
    buf *index;
    size_t n;
    const char *path;
    int cut;      /* index offsets as if the skipped stretches were cut out (recover) */
    uint64_t end; /* where the next intact member goes then */
    range *keep;  /* the intact members (recover copies them) */
    size_t nkeep, capkeep;
    int damaged;              /* something other than the cut-off tail of a killed run was skipped */
    int tail;                 /* the file ends inside a member */
    uint64_t size;            /* the file's size */
    const archive_index *old; /* the index already there, to name what a skipped stretch held; may be NULL */
} build_ctx;

static int build_member(void *ctx, uint64_t offset, uint64_t length, gz_member_status st, const char *why,
                        const member_docs *m)
{
    build_ctx *b = ctx;
    if (!m) {
        if (st == GZM_TRUNCATED && offset + length >= b->size) {
            b->tail = 1;
            report("%s: the last member (byte %" PRIu64 " on) is incomplete: %s", b->path, offset,
                   why ? why : "truncated");
        } else {
            report_skipped(b->path, offset, length, st, why, b->old, NULL);
            b->damaged = 1;
        }
        return 0;
    }
    if (report_unlisted(b->path, offset, m))
        b->damaged = 1;
    for (size_t k = 0; k < m->ids.n; k++)
        index_add(b->index, b->cut ? b->end : offset, length, m->ids.v[k]);
    b->n += m->ids.n;
    if (b->nkeep == b->capkeep) {
        size_t cap = b->capkeep ? 2 * b->capkeep : 64;
        range *r = realloc(b->keep, cap * sizeof *r);
        if (!r) {
            report("%s: out of memory", b->path);
            b->damaged = 1;
            return 1;
        }
        b->keep = r;
        b->capkeep = cap;
    }
    b->keep[b->nkeep++] = (range){offset, length};
    b->end += length;
    return 0;
}

/* Scan f and build an index of its intact members into ix; -1 when out of memory. */
static int build_index(FILE *f, const char *path, int cut, const archive_index *old, buf *ix, build_ctx *b)
{
    struct stat st;
    memset(b, 0, sizeof *b);
    b->old = old;
    b->index = ix;
    b->path = path;
    b->cut = cut;
    b->size = fstat(fileno(f), &st) == 0 ? (uint64_t)st.st_size : UINT64_MAX;
    member_docs m;
    member_docs_init(&m, max_doc, NULL);
    index_begin(ix);
    int rc = archive_scan(f, &m, build_member, b);
    member_docs_free(&m);
    index_end(ix, b->n);
    if (rc < 0) {
        report("%s: out of memory", path);
        return -1;
    }
    return 0;
}

static int cmd_reindex(const char *path)
{
    char *idx = index_path(path), err[512];
    if (!idx) {
        report("out of memory");
        return USAGE;
    }
    FILE *f = open_archive(path, O_RDONLY);
    if (!f) {
        free(idx);
        return USAGE;
    }
    /* The index already there names what a damaged member held, and is kept if it is better. */
    archive_index old;
    int have_old = index_load(idx, &old, err, sizeof err) == 0;
    buf ix = {0};
    build_ctx b;
    int rc = build_index(f, path, 0, have_old ? &old : NULL, &ix, &b);
    fclose(f);
    int partial = b.damaged || b.tail;
    /* Never replace a better index with a worse one: a valid index listing at least as many
       documents stays when the rebuild had to skip something. */
    if (rc == 0 && partial && have_old && old.n >= b.n) {
        report("%s: kept the existing index (%zu documents): the rebuilt one would list only %zu", idx, old.n, b.n);
    } else if (rc == 0 && index_write_file(&ix, idx, err, sizeof err)) {
        report("%s", err);
        rc = -1;
    } else if (rc == 0) {
        escape_fputs(path, stdout);
        printf(": %zu documents indexed%s\n", b.n, partial ? " (the skipped members are not in it)" : "");
    }
    if (have_old)
        index_free(&old);
    free(idx);
    buf_free(&ix);
    free(b.keep);
    return rc < 0 ? USAGE : partial ? DAMAGED :
                                      OK;
}

/* write() all of data, retrying interrupted calls; 0 or -1. */
static int write_all(int fd, const char *data, size_t n)
{
    while (n) {
        ssize_t w = write(fd, data, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        data += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Copy the intact members of f into a new file and give it the name final; 0 or -1 (reported). */
static int copy_intact(FILE *f, const build_ctx *b, const char *final)
{
    char *tmp = malloc(strlen(final) + sizeof ".tmp.XXXXXX");
    if (!tmp) {
        report("out of memory");
        return -1;
    }
    sprintf(tmp, "%s.tmp.XXXXXX", final);
    int fd = file_create_unique(tmp, 0644);
    int ok = fd >= 0;
    char blk[65536];
    for (size_t k = 0; ok && k < b->nkeep; k++) {
        uint64_t left = b->keep[k].length;
        ok = fseeko(f, (off_t)b->keep[k].offset, SEEK_SET) == 0;
        while (ok && left) {
            size_t got = fread(blk, 1, left < sizeof blk ? (size_t)left : sizeof blk, f);
            ok = got > 0 && write_all(fd, blk, got) == 0;
            left -= got;
        }
    }
    int saved = fd < 0 ? errno : file_finish(fd, ok, errno, tmp, final, 0);
    if (saved) {
        report("%s: %s", fd >= 0 ? final : tmp, strerror(saved));
        ok = 0;
    }
    free(tmp);
    return ok ? 0 : -1;
}

static int cmd_recover(const char *tmp)
{
    size_t n = strlen(tmp);
    if (n < 5 || strcmp(tmp + n - 4, ".tmp") != 0) {
        report("%s: recover takes the .tmp file an interrupted run left", tmp);
        return USAGE;
    }
    char *final = strndup(tmp, n - 4), *idx = final ? index_path(final) : NULL;
    FILE *f = idx ? open_archive(tmp, O_RDWR | O_NOFOLLOW) : NULL;
    struct stat st;
    int rc = f ? 0 : -1;
    if (f && lstat(final, &st) == 0) {
        report("%s already exists; not overwriting it", final);
        rc = -1;
    }
    buf ix = {0};
    build_ctx b = {0};
    if (rc == 0)
        rc = build_index(f, final, 1, NULL, &ix, &b);
    if (rc == 0 && !b.damaged) {
        /* Only the incomplete tail goes: cut it and give the file its final name, in place. */
        if (ftruncate(fileno(f), (off_t)b.end) != 0 || fsync(fileno(f)) != 0 || file_rename_new(tmp, final) != 0) {
            report("%s: %s", tmp, strerror(errno));
            rc = -1;
        }
    } else if (rc == 0) {
        /* Damage inside: the intact members go to a new file; the .tmp stays, with the skipped bytes. */
        rc = copy_intact(f, &b, final);
    }
    char err[512];
    if (rc == 0 && index_write_file(&ix, idx, err, sizeof err)) {
        report("%s (pipe-archive reindex %s rebuilds it)", err, final);
        rc = -1;
    }
    if (rc == 0) {
        escape_fputs(final, stdout);
        printf(": recovered %" PRIu64 " bytes of intact members, %zu documents", b.end, b.n);
        if (b.tail)
            printf("; the incomplete last member was dropped");
        if (b.damaged) {
            printf("; damaged members were skipped, and ");
            escape_fputs(tmp, stdout);
            printf(" is kept with them");
        }
        putchar('\n');
    }
    if (f)
        fclose(f);
    free(final);
    free(idx);
    buf_free(&ix);
    free(b.keep);
    return rc ? USAGE : b.damaged ? DAMAGED :
                                    OK;
}

/* ---- ls and get ---- */

static int load_index_or_warn(const char *path, archive_index *ix)
{
    char *idx = index_path(path), err[512];
    int rc = idx ? index_load(idx, ix, err, sizeof err) : -1;
    if (rc)
        report("%s; reading the members instead (pipe-archive reindex %s rebuilds it)", idx ? err : "out of memory",
               path);
    free(idx);
    return rc;
}

typedef struct read_ctx {
    const char *path;
    const char *want; /* get: the id asked for */
    size_t matched;
    int damaged;
    int too_long; /* get: a matching document is longer than max_doc */
} read_ctx;

/* get: print what m matched, and say so when a matching document was too long to hold. */
static void print_matched(read_ctx *r, uint64_t offset, const member_docs *m)
{
    if (m->matched.len)
        fwrite(m->matched.data, 1, m->matched.len, stdout);
    r->matched += m->nmatched;
    if (report_unlisted(r->path, offset, m))
        r->damaged = 1; /* one of those may be the document asked for */
    for (size_t k = 0; k < m->big.n; k++)
        if (m->big.v[k][0] && archive_id_matches(m->big.v[k], r->want)) {
            report("%s: document '%s' in the member at byte %" PRIu64
                   " is longer than %zu bytes; not printed (raise --max-document-bytes)",
                   r->path, m->big.v[k], offset, max_doc);
            r->too_long = 1;
        }
}

static int read_member(void *ctx, uint64_t offset, uint64_t length, gz_member_status st, const char *why,
                       const member_docs *m)
{
    read_ctx *r = ctx;
    if (!m) {
        report_skipped(r->path, offset, length, st, why, NULL, NULL);
        r->damaged = 1;
    } else if (r->want) {
        print_matched(r, offset, m);
    } else {
        if (report_unlisted(r->path, offset, m))
            r->damaged = 1;
        for (size_t k = 0; k < m->ids.n; k++)
            print_row(offset, length, m->ids.v[k]);
    }
    return 0;
}

static int ls_file(const char *path)
{
    archive_index ix;
    row_file = row_file || json_rows ? path : NULL;
    if (load_index_or_warn(path, &ix) == 0) {
        for (size_t k = 0; k < ix.n; k++)
            print_row(ix.e[k].offset, ix.e[k].length, ix.e[k].id);
        index_free(&ix);
        return OK;
    }
    FILE *f = open_archive(path, O_RDONLY);
    if (!f)
        return USAGE;
    read_ctx r = {path, NULL, 0, 0, 0};
    member_docs m;
    member_docs_init(&m, max_doc, NULL);
    int rc = archive_scan(f, &m, read_member, &r);
    member_docs_free(&m);
    fclose(f);
    return rc || r.damaged ? DAMAGED : OK;
}

/* get on one file; *found counts the documents printed. A miss is reported unless quiet (a folder
   reports it once, for all its files). */
static int get_file(const char *path, const char *id, int quiet, size_t *found)
{
    FILE *f = open_archive(path, O_RDONLY);
    if (!f)
        return USAGE;
    archive_index ix;
    read_ctx r = {path, id, 0, 0, 0};
    member_docs m;
    member_docs_init(&m, max_doc, id);
    if (load_index_or_warn(path, &ix) == 0) {
        uint64_t last = UINT64_MAX;
        for (size_t k = 0; k < ix.n; k++) {
            if (ix.e[k].offset == last || !archive_id_matches(ix.e[k].id, id))
                continue;
            last = ix.e[k].offset;
            uint64_t len;
            const char *why = NULL;
            /* Seek straight to the member: the rest of the archive is never decompressed. */
            if (fseeko(f, (off_t)ix.e[k].offset, SEEK_SET) != 0 ||
                archive_read_member(f, &m, &len, &why) != GZM_OK || len != ix.e[k].length) {
                report("%s: member at byte %" PRIu64 " holding '%s' is damaged%s%s", path, ix.e[k].offset, ix.e[k].id,
                       why ? ": " : "", why ? why : "");
                r.damaged = 1;
                continue;
            }
            print_matched(&r, ix.e[k].offset, &m);
        }
        index_free(&ix);
    } else if (archive_scan(f, &m, read_member, &r) < 0) {
        r.damaged = 1;
    }
    member_docs_free(&m);
    fclose(f);
    if (r.matched == 0 && !r.damaged && !r.too_long && !quiet)
        report("%s: no document with id '%s'", path, id);
    *found = r.matched;
    /* Quiet (a folder's file): a plain miss is for the caller to judge across all the files. */
    if (quiet && !r.matched && !r.damaged && !r.too_long)
        return OK;
    return r.matched && !r.too_long ? OK : DAMAGED;
}

/* ---- archive folders ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The archives in folder dir, by name: oldest first, or newest first when newest (names begin with the
 * run's start time). A leftover NAME.jsonl.gz.tmp is reported and counted in *leftover when not NULL.
 */
static void folder_archives(const char *dir, int newest, strvec *files, int *leftover)
{
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) {
        if (paths_has_suffix(e->d_name, ".jsonl.gz")) {
            char *p = paths_join(dir, e->d_name);
            if (p)
                strvec_add(files, p);
            free(p);
        } else if (leftover && paths_has_suffix(e->d_name, ".jsonl.gz.tmp")) {
            report("%s/%s: left by an interrupted run (pipe-archive recover it)", dir, e->d_name);
            (*leftover)++;
        }
    }
    if (d)
        closedir(d);
    if (files->n)
        qsort(files->v, files->n, sizeof *files->v, cmp_str);
    for (size_t k = 0; newest && k < files->n / 2; k++) {
        char *t = files->v[k];
        files->v[k] = files->v[files->n - 1 - k];
        files->v[files->n - 1 - k] = t;
    }
}

/* The archives ls or get reads for path: the file itself, or a folder's archives newest first (none: an error). */
static int archives_of(const char *path, strvec *files)
{
    if (!is_dir(path))
        return strvec_add(files, path) ? USAGE : OK;
    folder_archives(path, 1, files, NULL);
    if (files->n == 0) {
        report("%s: no archives (*.jsonl.gz) in this folder", path);
        return USAGE;
    }
    row_file = path; /* rows name their file */
    return OK;
}

static int cmd_ls(const char *path)
{
    strvec files = {0};
    int worst = archives_of(path, &files);
    for (size_t k = 0; worst != USAGE && k < files.n; k++) {
        int rc = ls_file(files.v[k]);
        worst = rc > worst ? rc : worst;
    }
    strvec_free(&files);
    return worst;
}

static int cmd_get(const char *path, const char *id)
{
    strvec files = {0};
    int rc = archives_of(path, &files), folder = is_dir(path);
    size_t found = 0;
    for (size_t k = 0; rc != USAGE && k < files.n && !found; k++) {
        int one = get_file(files.v[k], id, folder, &found);
        rc = one > rc ? one : rc;
        if (found && folder)
            report("'%s' found in %s", id, files.v[k]);
    }
    if (folder && rc != USAGE && !found) {
        report("%s: no document with id '%s' in its %zu archive%s", path, id, files.n, files.n == 1 ? "" : "s");
        rc = DAMAGED;
    }
    strvec_free(&files);
    return rc;
}

/* ---- verify ---- */

typedef struct verify_ctx {
    const char *path;
    archive_index *ix; /* NULL when the index is missing or bad */
    size_t next;       /* next index entry expected */
    size_t docs;
    int damaged;
} verify_ctx;

static int verify_member(void *ctx, uint64_t offset, uint64_t length, gz_member_status st, const char *why,
                         const member_docs *m)
{
    verify_ctx *v = ctx;
    if (!m) {
        report_skipped(v->path, offset, length, st, why, v->ix, &v->next);
        v->damaged = 1;
        return 0;
    }
    if (report_unlisted(v->path, offset, m))
        v->damaged = 1;
    v->docs += m->ids.n;
    for (size_t k = 0; v->ix && k < m->ids.n; k++, v->next++) {
        index_entry *e = v->next < v->ix->n ? &v->ix->e[v->next] : NULL;
        if (!e || e->offset != offset || e->length != length || strcmp(e->id, m->ids.v[k]) != 0) {
            report("%s: index disagrees with the member at byte %" PRIu64 " (document '%s')", v->path, offset,
                   m->ids.v[k]);
            v->damaged = 1;
            return 1;
        }
    }
    /* What was left out of a member too full to hold is not a disagreement: step over it. */
    while (m->overflow && v->ix && v->next < v->ix->n && v->ix->e[v->next].offset == offset)
        v->next++;
    return 0;
}

static int verify_file(const char *path)
{
    FILE *f = open_archive(path, O_RDONLY);
    if (!f)
        return USAGE;
    archive_index ix;
    char *idx = index_path(path), err[512];
    int have_index = idx && index_load(idx, &ix, err, sizeof err) == 0;
    verify_ctx v = {path, have_index ? &ix : NULL, 0, 0, 0};
    if (!have_index) {
        report("%s", idx ? err : "out of memory");
        v.damaged = 1;
    }
    free(idx);
    member_docs m;
    member_docs_init(&m, max_doc, NULL);
    if (archive_scan(f, &m, verify_member, &v) < 0)
        v.damaged = 1;
    member_docs_free(&m);
    fclose(f);
    if (have_index && !v.damaged && v.next != ix.n) {
        report("%s: index lists %zu documents but the archive holds %zu (truncated?)", path, ix.n, v.docs);
        v.damaged = 1;
    }
    if (have_index)
        index_free(&ix);
    if (!v.damaged) {
        escape_fputs(path, stdout);
        printf(": ok, %zu documents\n", v.docs);
    }
    return v.damaged ? DAMAGED : OK;
}

static int cmd_verify(char **paths, int n)
{
    int worst = OK;
    for (int k = 0; k < n; k++) {
        if (is_dir(paths[k])) {
            strvec files = {0};
            int leftover = 0;
            folder_archives(paths[k], 0, &files, &leftover);
            if (leftover)
                worst = worst > DAMAGED ? worst : DAMAGED;
            for (size_t j = 0; j < files.n; j++) {
                int rc = verify_file(files.v[j]);
                worst = rc > worst ? rc : worst;
            }
            strvec_free(&files);
        } else {
            int rc = verify_file(paths[k]);
            worst = rc > worst ? rc : worst;
        }
    }
    return worst;
}

/* --max-document-bytes N: a positive byte count. */
static int parse_max_doc(const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || v == 0 || v > SIZE_MAX / 2 || s[0] == '-') {
        report("--max-document-bytes '%s': expected a positive number of bytes", s);
        return -1;
    }
    max_doc = (size_t)v;
    return 0;
}

int main(int argc, char **argv)
{
    /* reindex and recover create files: a closed stdout must not make one of them "standard output". */
    if (hold_std_fds()) {
        fputs("pipe-archive: cannot open /dev/null to stand in for a closed standard descriptor\n", stderr);
        return USAGE;
    }
    /* Options come before the command; --help and --version answer at once. */
    while (argc >= 2 && argv[1][0] == '-') {
        if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
            usage(stdout);
            return OK;
        } else if (!strcmp(argv[1], "--version")) {
            version_print(stdout, "pipe-archive");
            return OK;
        } else if (!strcmp(argv[1], "--json")) {
            json_rows = 1;
        } else if (argc >= 3 && !strcmp(argv[1], "--max-document-bytes")) {
            if (parse_max_doc(argv[2]))
                return USAGE;
            argv++;
            argc--;
        } else if (!strncmp(argv[1], "--max-document-bytes=", 21)) {
            if (parse_max_doc(argv[1] + 21))
                return USAGE;
        } else {
            report("unknown option '%s' (see pipe-archive --help)", argv[1]);
            return USAGE;
        }
        argv++;
        argc--;
    }
    if (argc == 3 && !strcmp(argv[1], "ls"))
        return cmd_ls(argv[2]);
    if (argc == 4 && !strcmp(argv[1], "get"))
        return cmd_get(argv[2], argv[3]);
    if (argc >= 3 && !strcmp(argv[1], "verify"))
        return cmd_verify(argv + 2, argc - 2);
    if (argc == 3 && !strcmp(argv[1], "reindex"))
        return cmd_reindex(argv[2]);
    if (argc == 3 && !strcmp(argv[1], "recover"))
        return cmd_recover(argv[2]);
    usage(stderr);
    return USAGE;
}
