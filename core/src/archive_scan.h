/* Walking an archive member by member: for verify, reindex, recover and reading without an index. */
#ifndef PIPE_ARCHIVE_SCAN_H
#define PIPE_ARCHIVE_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "gzmember.h"
#include "paths.h"

/* Called for each member; data holds its JSON Lines when status is GZM_OK. Return nonzero to stop. */
typedef int (*member_fn)(void *ctx, uint64_t offset, uint64_t length, gz_member_status status, const char *why,
                         const buf *data);

/* Walk every member of f from its start; stops after the first member that is not GZM_OK. Returns the good prefix length. */
uint64_t archive_scan(FILE *f, member_fn fn, void *ctx);

/* The "id" of every line of a member's JSON Lines, in order (lines without one are skipped). */
int archive_member_ids(const buf *data, strvec *ids);

/* Print the lines of a member whose "id" equals id; returns how many matched. */
size_t archive_print_id(FILE *out, const buf *data, const char *id);

#endif
