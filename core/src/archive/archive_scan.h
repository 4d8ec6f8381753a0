/*
 * Reading an archive member by member, for ls, get, verify, reindex and
 * recover. Memory stays bounded whatever the archive holds: members are
 * inflated as a stream and a document longer than max_doc is never held
 * whole. A damaged member does not end the walk: reading resumes at the next
 * intact member, so one bad byte costs one member, not the rest of the file.
 */
#ifndef PIPE_ARCHIVE_SCAN_H
#define PIPE_ARCHIVE_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "util/buf.h"
#include "archive/gzmember.h"
#include "util/paths.h"

/* Longest document pipe-archive holds in memory by default (pipe's max_document_bytes). */
#define ARCHIVE_DEFAULT_MAX_DOC (64u * 1024 * 1024)

/* The documents of one member, as reading it found them. */
typedef struct member_docs {
    size_t max_doc;   /* longest document held whole; a longer one only gives its id */
    const char *want; /* when not NULL, keep the lines whose id matches it (see archive_id_matches) */
    strvec ids;       /* the "id" of every document, in order (lines without one are left out) */
    strvec big;       /* ids of the documents longer than max_doc ("" when the id did not come first) */
    buf matched;      /* the wanted lines, each with its newline */
    size_t nmatched;
    size_t held;  /* bytes held in ids, big and matched, at most max_doc */
    int overflow; /* the member has more ids (or wanted lines) than max_doc bytes hold: the rest are left out */
    buf line;     /* the line being assembled */
    int skipping; /* the line being assembled is longer than max_doc */
} member_docs;

/* Prepare m; want may be NULL. */
void member_docs_init(member_docs *m, size_t max_doc, const char *want);
/* Free what m holds. */
void member_docs_free(member_docs *m);
/* Read the member at the current position of f into m (emptied first); see gz_read_member. */
gz_member_status archive_read_member(FILE *f, member_docs *m, uint64_t *clen, const char **why);

/*
 * Called for each intact member (st GZM_OK, m filled), and for each damaged
 * stretch [offset, offset + length) that was skipped (m NULL, why says what
 * was wrong). Return nonzero to stop.
 */
typedef int (*member_fn)(void *ctx, uint64_t offset, uint64_t length, gz_member_status st, const char *why,
                         const member_docs *m);

/*
 * Walk every member of f from its start. After a damaged member, resume at
 * the next offset that starts a gzip member header (1f 8b 08, sane flags)
 * and inflates with a correct CRC and size. Returns 0 when every byte was in
 * intact members, 1 when something was skipped, -1 when out of memory.
 */
int archive_scan(FILE *f, member_docs *m, member_fn fn, void *ctx);

/* Whether a document id matches what the user typed: the id itself, or the id as listings show it (escaped). */
int archive_id_matches(const char *id, const char *want);

#endif
