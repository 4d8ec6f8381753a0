/*
 * The index beside an archive: which gzip member holds which document.
 *
 *   pipe-archive-index 1
 *   <offset> <length> <id as a JSON string>      one line per document
 *   end <documents> <crc32 of every byte above, 8 hex digits>
 *
 * Text, so `grep` and `less` work on it; the checksum line makes a
 * truncated or edited index detectable.
 */
#ifndef PIPE_ARCHIVE_INDEX_H
#define PIPE_ARCHIVE_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* One document's place in the archive. */
typedef struct index_entry {
    uint64_t offset; /* byte offset of its gzip member */
    uint64_t length; /* compressed length of that member */
    char *id;
} index_entry;

/* A loaded index. */
typedef struct archive_index {
    index_entry *e;
    size_t n;
} archive_index;

/* Start an index text in b (the header line). */
int index_begin(buf *b);
/* Append one entry line. */
int index_add(buf *b, uint64_t offset, uint64_t length, const char *id);
/* Append the closing checksum line for n entries. */
int index_end(buf *b, size_t n);
/* Write b to path atomically (temporary name, fsync, rename); 0 or -1 with err. */
int index_write_file(const buf *b, const char *path, char *err, size_t errlen);
/* Read and check an index file; 0, or -1 with err naming what is wrong. */
int index_load(const char *path, archive_index *ix, char *err, size_t errlen);
/* Free a loaded index. */
void index_free(archive_index *ix);

#endif
