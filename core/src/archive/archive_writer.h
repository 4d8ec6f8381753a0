/*
 * Archives of results: standard gzip files of JSON Lines, one gzip member
 * per batch of documents, with an index beside each file for random access.
 * Files are written as NAME.tmp and renamed when complete; compression runs
 * on threads of its own (one member each at a time) so it overlaps the stages,
 * and members are written in the order their documents came.
 */
#ifndef PIPE_ARCHIVE_H
#define PIPE_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

/* Archive settings (output.archive in the pipeline file, --archive DIR on the command line). */
typedef struct archive_opts {
    const char *dir;         /* folder that receives the archives */
    int level;               /* zlib level 0-9 (default 6) */
    size_t member_docs;      /* close a member after this many documents (default 256) */
    size_t member_bytes;     /* ... or this many bytes of JSON (default 1 MiB) */
    uint64_t max_file_bytes; /* start a new archive file past this compressed size (default 1 GiB) */
    int threads;             /* compressor threads; 0: the cores the workers leave free, at least 1 */
    int workers;             /* the run's worker threads, for the default of threads */
} archive_opts;

/* Defaults for archive_opts. */
#define ARCHIVE_DEFAULT_LEVEL 6
#define ARCHIVE_DEFAULT_MEMBER_DOCS 256
#define ARCHIVE_DEFAULT_MEMBER_BYTES (1024u * 1024)
#define ARCHIVE_DEFAULT_MAX_FILE_BYTES (1ull << 30)
#define ARCHIVE_MAX_THREADS 64

/* How many compressor threads o asks for, with its default resolved against the online cores. */
int archive_threads(const archive_opts *o);

/* An archive being written (opaque). */
typedef struct archive archive;

/* Create the folder if needed and open the first archive file; NULL with err when that fails (before any input). */
archive *archive_open(const archive_opts *o, char *err, size_t errlen);
/* Add one document's JSON line (with its newline); -1 once the archive has failed (see archive_close). */
int archive_add(archive *a, const char *id, const char *line, size_t len);
/*
 * Finish: compress what is pending, write the index, rename into place. After
 * a write error the file is cut back to its last complete member and closed
 * validly, so nothing already written is lost. 0, or -1 with err.
 */
int archive_close(archive *a, char *err, size_t errlen);

#endif
