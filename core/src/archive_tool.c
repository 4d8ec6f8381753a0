/* pipe-archive: list, read, check, re-index and recover the archives pipe writes. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive_index.h"
#include "archive_scan.h"
#include "gzmember.h"
#include "paths.h"

enum { OK = 0, DAMAGED = 1, USAGE = 2 };

static void usage(FILE *f)
{
    fputs("usage: pipe-archive ls FILE.jsonl.gz           documents: member offset, length, id\n"
          "       pipe-archive get FILE.jsonl.gz ID       one document's results (reads one member)\n"
          "       pipe-archive verify PATH...             check CRCs, truncation and index agreement\n"
          "       pipe-archive reindex FILE.jsonl.gz      rebuild FILE.jsonl.gz.idx from the members\n"
          "       pipe-archive recover FILE.jsonl.gz.tmp  keep the complete members of an interrupted run\n"
          "exit status: 0 ok; 1 damage found or id not found; 2 usage or unreadable file\n",
          f);
}

static char *index_path(const char *archive_path)
{
    char *p = malloc(strlen(archive_path) + 5);
    if (p)
        sprintf(p, "%s.idx", archive_path);
    return p;
}

static FILE *open_archive(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fprintf(stderr, "pipe-archive: %s: %s\n", path, strerror(errno));
    return f;
}

/* ---- building an index from the members ---- */

typedef struct build_ctx {
    buf *index;
    size_t n;
    const char *path;
    int damaged;
} build_ctx;

static int build_member(void *ctx, uint64_t offset, uint64_t length, gz_member_status st, const char *why,
                        const buf *data)
{
    build_ctx *b = ctx;
    if (st != GZM_OK) {
        fprintf(stderr, "pipe-archive: %s: member at byte %" PRIu64 " is damaged: %s\n", b->path, offset,
                why ? why : "unreadable");
        b->damaged = 1;
        return 1;
    }
    strvec ids = {0};
    archive_member_ids(data, &ids);
    for (size_t k = 0; k < ids.n; k++)
        index_add(b->index, offset, length, ids.v[k]);
    b->n += ids.n;
    strvec_free(&ids);
    return 0;
}

/* Scan f and write PATH.idx for its good members; returns the length of the good prefix. */
static int write_index_for(FILE *f, const char *archive_path, uint64_t *good, int *damaged)
{
    buf ix = {0};
    index_begin(&ix);
    build_ctx b = {&ix, 0, archive_path, 0};
    *good = archive_scan(f, build_member, &b);
    index_end(&ix, b.n);
    char *idx = index_path(archive_path), err[512];
    int rc = idx ? index_write_file(&ix, idx, err, sizeof err) : -1;
    if (rc)
        fprintf(stderr, "pipe-archive: %s\n", idx ? err : "out of memory");
    else
        printf("%s: %zu documents indexed\n", archive_path, b.n);
    free(idx);
    buf_free(&ix);
    *damaged = b.damaged;
    return rc;
}

static int cmd_reindex(const char *path)
{
    FILE *f = open_archive(path);
    if (!f)
        return USAGE;
    uint64_t good;
    int damaged;
    int rc = write_index_for(f, path, &good, &damaged);
    fclose(f);
    return rc ? USAGE : damaged ? DAMAGED : OK;
}

static int cmd_recover(const char *tmp)
{
    size_t n = strlen(tmp);
    if (n < 5 || strcmp(tmp + n - 4, ".tmp") != 0) {
        fprintf(stderr, "pipe-archive: %s: recover takes the .tmp file an interrupted run left\n", tmp);
        return USAGE;
    }
    char *final = strndup(tmp, n - 4);
    FILE *f = final ? open_archive(tmp) : NULL;
    if (!f) {
        free(final);
        return USAGE;
    }
    struct stat st;
    if (stat(final, &st) == 0) {
        fprintf(stderr, "pipe-archive: %s already exists; not overwriting it\n", final);
        fclose(f);
        free(final);
        return USAGE;
    }
    uint64_t good;
    int damaged;
    int rc = write_index_for(f, final, &good, &damaged);
    fclose(f);
    /* Cut the partial last member, then give the file its final name. */
    if (rc == 0 && (truncate(tmp, (off_t)good) != 0 || rename(tmp, final) != 0)) {
        fprintf(stderr, "pipe-archive: %s: %s\n", tmp, strerror(errno));
        rc = -1;
    }
    if (rc == 0)
        printf("%s: recovered %" PRIu64 " bytes of complete members%s\n", final, good,
               damaged ? "; the damaged tail was dropped" : "");
    free(final);
    return rc ? USAGE : OK;
}

/* ---- ls and get ---- */

static int load_index_or_warn(const char *path, archive_index *ix)
{
    char *idx = index_path(path), err[512];
    int rc = idx ? index_load(idx, ix, err, sizeof err) : -1;
    if (rc)
        fprintf(stderr, "pipe-archive: %s; reading the members instead (pipe-archive reindex %s rebuilds it)\n",
                idx ? err : "out of memory", path);
    free(idx);
    return rc;
}

static int ls_member(void *ctx, uint64_t offset, uint64_t length, gz_member_status st, const char *why,
                     const buf *data)
{
    (void)why;
    int *damaged = ctx;
    if (st != GZM_OK) {
        *damaged = 1;
        return 1;
    }
    strvec ids = {0};
    archive_member_ids(data, &ids);
    for (size_t k = 0; k < ids.n; k++)
        printf("%" PRIu64 "\t%" PRIu64 "\t%s\n", offset, length, ids.v[k]);
    strvec_free(&ids);
    return 0;
}

static int cmd_ls(const char *path)
{
    archive_index ix;
    if (load_index_or_warn(path, &ix) == 0) {
        for (size_t k = 0; k < ix.n; k++)
            printf("%" PRIu64 "\t%" PRIu64 "\t%s\n", ix.e[k].offset, ix.e[k].length, ix.e[k].id);
        index_free(&ix);
        return OK;
    }
    FILE *f = open_archive(path);
    if (!f)
        return USAGE;
    int damaged = 0;
    archive_scan(f, ls_member, &damaged);
    fclose(f);
    return damaged ? DAMAGED : OK;
}

typedef struct get_ctx {
    const char *id;
    size_t matched;
} get_ctx;

static int get_member(void *ctx, uint64_t offset, uint64_t length, gz_member_status st, const char *why,
                      const buf *data)
{
    (void)offset;
    (void)length;
    (void)why;
    get_ctx *g = ctx;
    if (st == GZM_OK)
        g->matched += archive_print_id(stdout, data, g->id);
    return 0;
}

static int cmd_get(const char *path, const char *id)
{
    FILE *f = open_archive(path);
    if (!f)
        return USAGE;
    archive_index ix;
    get_ctx g = {id, 0};
    int damaged = 0;
    if (load_index_or_warn(path, &ix) == 0) {
        uint64_t last = UINT64_MAX;
        buf data = {0};
        for (size_t k = 0; k < ix.n; k++) {
            if (strcmp(ix.e[k].id, id) != 0 || ix.e[k].offset == last)
                continue;
            last = ix.e[k].offset;
            uint64_t len;
            const char *why;
            buf_clear(&data);
            /* Seek straight to the member: the rest of the archive is never decompressed. */
            if (fseeko(f, (off_t)ix.e[k].offset, SEEK_SET) != 0 ||
                gz_read_member(f, &data, &len, &why) != GZM_OK || len != ix.e[k].length) {
                fprintf(stderr, "pipe-archive: %s: member at byte %" PRIu64 " holding '%s' is damaged\n", path,
                        ix.e[k].offset, id);
                damaged = 1;
                continue;
            }
            g.matched += archive_print_id(stdout, &data, id);
        }
        buf_free(&data);
        index_free(&ix);
    } else {
        archive_scan(f, get_member, &g);
    }
    fclose(f);
    if (g.matched == 0 && !damaged)
        fprintf(stderr, "pipe-archive: %s: no document with id '%s'\n", path, id);
    return g.matched ? OK : DAMAGED;
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
                         const buf *data)
{
    verify_ctx *v = ctx;
    if (st != GZM_OK) {
        fprintf(stderr, "%s: member at byte %" PRIu64 " is %s: %s", v->path, offset,
                st == GZM_TRUNCATED ? "truncated" : "damaged", why ? why : "unreadable");
        if (v->ix) {
            fputs("; it holds", stderr);
            for (size_t k = v->next; k < v->ix->n && v->ix->e[k].offset == offset; k++)
                fprintf(stderr, " '%s'", v->ix->e[k].id);
        }
        fputc('\n', stderr);
        v->damaged = 1;
        return 1;
    }
    strvec ids = {0};
    archive_member_ids(data, &ids);
    v->docs += ids.n;
    for (size_t k = 0; v->ix && k < ids.n; k++, v->next++) {
        index_entry *e = v->next < v->ix->n ? &v->ix->e[v->next] : NULL;
        if (!e || e->offset != offset || e->length != length || strcmp(e->id, ids.v[k]) != 0) {
            fprintf(stderr, "%s: index disagrees with the member at byte %" PRIu64 " (document '%s')\n", v->path,
                    offset, ids.v[k]);
            v->damaged = 1;
            strvec_free(&ids);
            return 1;
        }
    }
    strvec_free(&ids);
    return 0;
}

static int verify_file(const char *path)
{
    FILE *f = open_archive(path);
    if (!f)
        return USAGE;
    archive_index ix;
    char *idx = index_path(path), err[512];
    int have_index = idx && index_load(idx, &ix, err, sizeof err) == 0;
    verify_ctx v = {path, have_index ? &ix : NULL, 0, 0, 0};
    if (!have_index) {
        fprintf(stderr, "%s: %s\n", path, idx ? err : "out of memory");
        v.damaged = 1;
    }
    free(idx);
    archive_scan(f, verify_member, &v);
    fclose(f);
    if (have_index && !v.damaged && v.next != ix.n) {
        fprintf(stderr, "%s: index lists %zu documents but the archive holds %zu (truncated?)\n", path, ix.n, v.docs);
        v.damaged = 1;
    }
    if (have_index)
        index_free(&ix);
    if (!v.damaged)
        printf("%s: ok, %zu documents\n", path, v.docs);
    return v.damaged ? DAMAGED : OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmd_verify(char **paths, int n)
{
    int worst = OK;
    for (int k = 0; k < n; k++) {
        struct stat st;
        if (stat(paths[k], &st) == 0 && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(paths[k]);
            strvec files = {0};
            for (struct dirent *e; d && (e = readdir(d));) {
                if (paths_has_suffix(e->d_name, ".jsonl.gz")) {
                    char *p = paths_join(paths[k], e->d_name);
                    strvec_add(&files, p);
                    free(p);
                } else if (paths_has_suffix(e->d_name, ".jsonl.gz.tmp")) {
                    fprintf(stderr, "%s/%s: left by an interrupted run (pipe-archive recover it)\n", paths[k], e->d_name);
                    worst = worst > DAMAGED ? worst : DAMAGED;
                }
            }
            if (d)
                closedir(d);
            if (files.n)
                qsort(files.v, files.n, sizeof *files.v, cmp_str);
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

int main(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
        usage(stdout);
        return OK;
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
