/*
 * input/: everything a run reads, as one stream of documents (input_stream): files, folders and
 * stdin (file_reader), gzip read without blocking (gzip_fd), and JSON Lines corpora, one line to one
 * document (jsonl_doc). It owns input errors and the document ids. It may call doc/, util/, output/'s
 * JSON string writer (for metadata carried through) and run/signals to stop reading on SIGINT.
 */
#include "input/input_stream.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <poll.h>

#include "util/buf.h"
#include "doc/doc.h"
#include "input/jsonl_doc.h"
#include "util/jsonl_scan.h"
#include "util/paths.h"
#include "input/file_reader.h"
#include "run/signals.h"
#include "input/gzip_fd.h"

/* Size of the chunks JSONL files are read in. */
#define CHUNK (256 * 1024)
/* A line gathered across chunks at least this long goes to its item as it is (see input_next_item). */
#define INPUT_LINE_HANDOVER ((size_t)1 << 20)

struct input {
    input_opts o;
    const registry *reg;
    strvec pending; /* a stack: the next path is the last one */
    int stopped;
    uint64_t done_bytes; /* on-disk bytes of finished files */
    uint64_t total;
    int total_known;
    /* the JSONL file being read */
    zreader *zr;
    char *path;
    uint64_t lineno;
    buf line;
    char *chunk;
    size_t cpos, clen;
    size_t eol_from, eol_at; /* find_eol from chunk + eol_from found chunk + eol_at (SIZE_MAX: none) */
    const char *cur;         /* the line next_line read: in the chunk, or in->line when it spanned chunks */
    size_t cur_len;
    int eof;
    int after_cr; /* the last line ended with CR: a LF right after it belongs to that line end */
};

static int push(input *in, const char *path)
{
    return strvec_add(&in->pending, path);
}

static char *pop(input *in)
{
    if (in->pending.n == 0)
        return NULL;
    char *p = in->pending.v[--in->pending.n];
    in->pending.v[in->pending.n] = NULL;
    return p;
}

input *input_open(char *const *paths, size_t n, const input_opts *o, const registry *reg)
{
    input *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->o = *o;
    in->reg = reg;
    in->total_known = 1;
    for (size_t k = n; k-- > 0;) {
        if (push(in, paths[k])) {
            input_close(in);
            return NULL;
        }
        struct stat st;
        if (strcmp(paths[k], "-") != 0 && stat(paths[k], &st) == 0 && S_ISREG(st.st_mode))
            in->total += (uint64_t)st.st_size;
        else
            in->total_known = 0;
    }
    return in;
}

static int is_jsonl(const input *in, const char *path)
{
    if (in->o.format != INPUT_AUTO)
        return in->o.format == INPUT_JSONL;
    return paths_has_suffix(path, ".jsonl") || paths_has_suffix(path, ".jsonl.gz") || paths_has_suffix(path, ".ndjson") ||
           paths_has_suffix(path, ".ndjson.gz");
}

static int cmp_desc(const void *a, const void *b)
{
    return strcmp(*(char *const *)b, *(char *const *)a);
}

/*
 * True for the names pipe gives its own files while it writes them: `-o`
 * writes PATH.tmp.XXXXXX (mkstemp), an archive NAME.tmp and NAME.idx.tmp.
 * A run whose output lies inside its input tree must not read them back.
 */
static int own_temp_name(const char *name)
{
    size_t n = strlen(name);
    if (n >= 4 && strcmp(name + n - 4, ".tmp") == 0)
        return 1;
    const char *t = strstr(name, ".tmp.");
    while (t && strstr(t + 1, ".tmp."))
        t = strstr(t + 1, ".tmp.");
    if (!t || !t[5])
        return 0;
    for (const char *p = t + 5; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            return 0;
    return 1;
}

/* Push a folder's visible entries so that they pop in ascending byte order. */
static int expand_dir(input *in, const char *path, char *err, size_t errlen)
{
    DIR *dir = opendir(path);
    if (!dir) {
        snprintf(err, errlen, "cannot read folder: %s", strerror(errno));
        return -1;
    }
    strvec names = {0};
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(dir));) {
        if (e->d_name[0] == '.' || own_temp_name(e->d_name))
            continue;
        char *full = paths_join(path, e->d_name);
        struct stat st;
        /* lstat: a link to a folder could loop; links to files are read. */
        if (full && lstat(full, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode) || (S_ISLNK(st.st_mode) && stat(full, &st) == 0 && S_ISREG(st.st_mode))))
            rc = strvec_add(&names, full);
        else if (!full)
            rc = -1;
        free(full);
    }
    closedir(dir);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, cmp_desc);
    for (size_t k = 0; rc == 0 && k < names.n; k++)
        rc = push(in, names.v[k]);
    strvec_free(&names);
    if (rc)
        snprintf(err, errlen, "out of memory");
    return rc;
}

static void close_jsonl(input *in)
{
    if (in->zr) {
        in->done_bytes += zr_consumed(in->zr);
        zr_close(in->zr);
    }
    in->zr = NULL;
    free(in->path);
    in->path = NULL;
    buf_clear(&in->line);
}

static int open_jsonl(input *in, char *path, char *err, size_t errlen)
{
    int fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open: %s", strerror(errno));
        return -1;
    }
    if (!in->chunk && !(in->chunk = malloc(CHUNK))) {
        close(fd);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (!(in->zr = zr_open(fd))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    in->path = path;
    in->lineno = 0;
    in->cpos = in->clen = 0;
    in->eol_from = SIZE_MAX;
    in->eof = 0;
    in->after_cr = 0;
    return 0;
}

/* The first line end (LF or CR) in s[0..n), or NULL. */
static char *find_eol(char *s, size_t n)
{
    char *lf = memchr(s, '\n', n);
    char *cr = memchr(s, '\r', lf ? (size_t)(lf - s) : n);
    return cr ? cr : lf;
}

/* find_eol over the chunk from pos (< clen), remembered: input_ready asks for the line that next_line reads next. */
static char *chunk_eol(input *in, size_t pos)
{
    if (in->eol_from != pos) {
        char *eol = find_eol(in->chunk + pos, in->clen - pos);
        in->eol_from = pos;
        in->eol_at = eol ? (size_t)(eol - in->chunk) : SIZE_MAX;
    }
    return in->eol_at == SIZE_MAX ? NULL : in->chunk + in->eol_at;
}

/*
 * Read the next line of the JSONL file into in->line (without its end: LF,
 * CRLF or a lone CR, as old Mac files have). Returns 1 for a line, 0 at the
 * end of the file, -1 on a read error or a signal (err set), 2 for a line
 * longer than the limit (skipped up to its end without being kept, err set).
 */
static int next_line(input *in, char *err, size_t errlen)
{
    buf_clear(&in->line);
    /* Room for the id and the metadata beside a text of the largest allowed size. */
    uint64_t limit = (uint64_t)in->o.max_bytes + 65536;
    int too_long = 0;
    for (;;) {
        if (in->cpos == in->clen) {
            if (in->eof)
                break;
            /* Checked per chunk, so a line that never ends (/dev/zero) cannot keep a signal waiting. */
            if (signals_pending() || in->stopped) {
                snprintf(err, errlen, "interrupted");
                return -1;
            }
            long got = zr_read(in->zr, in->chunk, CHUNK);
            if (got < 0) {
                snprintf(err, errlen, "read error after line %" PRIu64 ": %s", in->lineno, zr_error(in->zr));
                return -1;
            }
            in->cpos = 0;
            in->clen = (size_t)got;
            in->eol_from = SIZE_MAX;
            if (got == 0) {
                in->eof = 1;
                break;
            }
        }
        if (in->after_cr) {
            in->after_cr = 0;
            if (in->chunk[in->cpos] == '\n' && ++in->cpos == in->clen)
                continue;
        }
        char *start = in->chunk + in->cpos;
        char *eol = chunk_eol(in, in->cpos);
        size_t take = eol ? (size_t)(eol - start) : in->clen - in->cpos;
        if (!too_long && in->line.len + take > limit) {
            too_long = 1;
            buf_free(&in->line); /* nothing of an over-long line is kept */
        }
        if (eol && !too_long && in->line.len == 0) {
            /* The whole line lies in the chunk: the item copies it from there, once. */
            in->cur = start;
            in->cur_len = take;
            in->cpos += take + 1;
            in->after_cr = *eol == '\r';
            in->lineno++;
            return 1;
        }
        if (!too_long && buf_add(&in->line, start, take)) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        in->cpos += take + (eol != NULL);
        if (eol) {
            in->after_cr = *eol == '\r';
            goto got_line;
        }
    }
    if (in->line.len == 0 && !too_long)
        return 0;
got_line:
    in->lineno++;
    in->cur = in->line.data;
    in->cur_len = in->line.len;
    if (too_long) {
        snprintf(err, errlen, "line is longer than %" PRIu64 " bytes (max_document_bytes + 64 KiB)", limit);
        return 2;
    }
    return 1;
}

static int blank(const char *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
            return 0;
    return 1;
}

static pipe_doc *failed(const char *id, uint64_t lineno, const char *msg)
{
    if (!lineno)
        return doc_new_failed(id, "reader", msg);
    buf full = {0}; /* a path may be up to PATH_MAX long: no fixed buffer that would cut the id */
    pipe_doc *d = buf_printf(&full, "%s:%" PRIu64, id, lineno) ? NULL : doc_new_failed(full.data, "reader", msg);
    buf_free(&full);
    return d;
}

/* The next item of the open JSONL file; 0 when the file is done. */
static int jsonl_next(input *in, input_item *it)
{
    char err[1024];
    pipe_doc **doc = &it->doc;
    for (;;) {
        int rc = next_line(in, err, sizeof err);
        if (rc == 0) {
            close_jsonl(in);
            return 0;
        }
        if (rc < 0 && (signals_pending() || in->stopped)) {
            close_jsonl(in); /* interrupted by SIGINT/SIGTERM: the input ends here */
            return 0;
        }
        if (rc < 0) {
            *doc = failed(in->path, 0, err);
            close_jsonl(in);
            return *doc ? 1 : -1;
        }
        if (rc == 2) {
            *doc = failed(in->path, in->lineno, err);
            return *doc ? 1 : -1;
        }
        if (blank(in->cur, in->cur_len))
            continue;
        if (in->cur == in->line.data && in->line.len >= INPUT_LINE_HANDOVER) {
            /* A large line gathered across chunks is handed over, not copied: the copy would touch
               as many fresh pages again. The next line that spans chunks grows a new buffer. */
            it->line = in->line.data;
            in->line = (buf){0};
        } else {
            it->line = malloc(in->cur_len + 1);
            if (it->line) {
                memcpy(it->line, in->cur, in->cur_len);
                it->line[in->cur_len] = '\0';
            }
        }
        it->file = strdup(in->path);
        if (!it->line || !it->file) {
            input_item_free(it);
            return -1;
        }
        it->len = in->cur_len;
        it->lineno = in->lineno;
        return 1;
    }
}

pipe_doc *input_item_doc(const input *in, input_item *it)
{
    return input_item_doc_with(in, it, NULL);
}

pipe_doc *input_item_doc_with(const input *in, input_item *it, jsonl_scratch *ws)
{
    pipe_doc *d = it->doc;
    if (!d && it->line)
        d = ws ? jsonl_doc_with(ws, in->reg, it->line, it->len, it->file, it->lineno, in->o.max_bytes, 1) :
                 jsonl_doc(in->reg, it->line, it->len, it->file, it->lineno, in->o.max_bytes);
    it->doc = NULL;
    input_item_free(it);
    return d;
}

void input_item_free(input_item *it)
{
    doc_free(it->doc);
    free(it->line);
    free(it->file);
    memset(it, 0, sizeof *it);
}

/* True when line[0..n) is one JSON object: what makes a stream JSON Lines rather than text. */
static int is_json_object(const char *line, size_t n)
{
    jscan sc = {0};
    int yes = jscan_line(&sc, line, n) == 0 && sc.is_object;
    jscan_free(&sc);
    return yes;
}

/*
 * Standard input with -i auto has no name to go by: it is JSON Lines when its first non-blank byte is
 * '{' and that line parses, else one text document (as jq and grep read it). The bytes looked at are
 * read into the JSONL chunk, where the line reader goes on or the text reader starts. Returns 2 when
 * it is JSON Lines (in->zr reads it now), else what input_next_item returns, with *doc made.
 */
static int open_stdin(input *in, char *path, pipe_doc **doc)
{
    char err[1024];
    if (open_jsonl(in, path, err, sizeof err)) {
        *doc = doc_new_failed(path, "reader", err);
        free(path);
        return *doc ? 1 : -1;
    }
    size_t n = 0, first = SIZE_MAX;
    const char *eol = NULL;
    long got = 1;
    while (n < CHUNK && !eol && (got = zr_read(in->zr, in->chunk + n, CHUNK - n)) > 0) {
        for (size_t k = n; first == SIZE_MAX && k < n + (size_t)got; k++)
            if (!strchr(" \t\r\n", in->chunk[k]))
                first = k;
        n += (size_t)got;
        if (first != SIZE_MAX)
            eol = find_eol(in->chunk + first, n - first);
    }
    if (got >= 0 && first != SIZE_MAX && in->chunk[first] == '{' &&
        (!eol && n == CHUNK ? 1 : is_json_object(in->chunk + first, (eol ? (size_t)(eol - in->chunk) : n) - first))) {
        /* A first line longer than the chunk is taken on its '{': no text document starts so. */
        in->cpos = 0;
        in->clen = n;
        in->eol_from = SIZE_MAX;
        in->eof = got == 0;
        return 2;
    }
    char *text = NULL;
    size_t len = 0;
    int rc = got < 0 ? -1 : reader_read_from(in->zr, in->chunk, n, in->o.max_bytes, &text, &len, err, sizeof err);
    if (got < 0)
        snprintf(err, sizeof err, "read error: %s", zr_error(in->zr));
    if (rc == 0 && !(*doc = doc_new(in->reg, path, text, len)))
        free(text);
    else if (rc != 0 && !signals_pending())
        *doc = doc_new_failed(path, "reader", err);
    close_jsonl(in); /* frees path */
    return *doc ? 1 : signals_pending() ? 0 :
                                          -1;
}

int input_next_item(input *in, input_item *it)
{
    char err[1024];
    memset(it, 0, sizeof *it);
    pipe_doc **doc = &it->doc;
    for (;;) {
        if (in->stopped)
            return 0;
        if (in->zr) {
            int rc = jsonl_next(in, it);
            if (rc != 0)
                return rc;
            continue;
        }
        char *path = pop(in);
        if (!path)
            return 0;
        struct stat st;
        int is_stdin = strcmp(path, "-") == 0;
        if (!is_stdin && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (!in->o.recursive) {
                *doc = doc_new_failed(path, "reader", "is a directory (use -r to read the files in it)");
            } else if (expand_dir(in, path, err, sizeof err)) {
                *doc = doc_new_failed(path, "reader", err);
            } else {
                in->total_known = 0;
                free(path);
                continue;
            }
            free(path);
            return *doc ? 1 : -1;
        }
        if (is_stdin && in->o.format == INPUT_AUTO) {
            int rc = open_stdin(in, path, doc);
            if (rc == 2)
                continue; /* in->path owns path now */
            return rc;
        }
        if (is_jsonl(in, path)) {
            if (open_jsonl(in, path, err, sizeof err) == 0)
                continue; /* in->path owns path now */
            *doc = doc_new_failed(path, "reader", err);
            free(path);
            return *doc ? 1 : -1;
        }
        char *text = NULL;
        size_t len = 0;
        if (reader_read(path, in->o.max_bytes, &text, &len, err, sizeof err) == 0) {
            *doc = doc_new(in->reg, path, text, len);
            if (!*doc)
                free(text);
        } else if (signals_pending()) {
            free(path);
            return 0; /* interrupted while reading: not this document's fault */
        } else {
            *doc = doc_new_failed(path, "reader", err);
        }
        if (!is_stdin && stat(path, &st) == 0)
            in->done_bytes += (uint64_t)st.st_size;
        free(path);
        return *doc ? 1 : -1;
    }
}

uint64_t input_consumed(const input *in)
{
    return in->done_bytes + (in->zr ? zr_consumed(in->zr) : 0);
}

int input_ready(input *in)
{
    if (in->stopped)
        return 1;
    if (in->zr) {
        /* A LF completing the last line's CR is no line of its own. */
        size_t pos = in->cpos + (in->after_cr && in->cpos < in->clen && in->chunk[in->cpos] == '\n');
        return (pos < in->clen && chunk_eol(in, pos)) || zr_ready(in->zr);
    }
    if (in->pending.n && strcmp(in->pending.v[in->pending.n - 1], "-") == 0) {
        struct pollfd p = {STDIN_FILENO, POLLIN, 0};
        return poll(&p, 1, 0) > 0;
    }
    return 1; /* files and folders never keep us waiting for a producer */
}

uint64_t input_total(const input *in)
{
    return in->total_known ? in->total : 0;
}

void input_stop(input *in)
{
    in->stopped = 1;
}

void input_close(input *in)
{
    if (!in)
        return;
    close_jsonl(in);
    strvec_free(&in->pending);
    buf_free(&in->line);
    free(in->chunk);
    free(in);
}
