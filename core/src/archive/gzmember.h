/* Single gzip members: compress a block as one member, and walk or inflate members of a file. */
#ifndef PIPE_GZMEMBER_H
#define PIPE_GZMEMBER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <zlib.h>

#include "util/buf.h"

/* Which deflate implementation writes the members; readers cannot tell them apart. */
typedef enum gz_backend {
    GZ_BACKEND_DEFAULT,   /* libdeflate when built with it, else zlib */
    GZ_BACKEND_ZLIB,      /* zlib's streaming deflate, always available */
    GZ_BACKEND_LIBDEFLATE /* libdeflate's whole-buffer compressor: about twice zlib's speed at level 6 */
} gz_backend;

/* A reusable compressor producing complete gzip members (RFC 1952). */
typedef struct gz_encoder {
    z_stream z;
    void *ld; /* a libdeflate compressor when that backend is in use */
    int ready;
} gz_encoder;

/* True when this build can compress with libdeflate (PIPE_DEFLATE_ZLIB=OFF and libdeflate-dev found). */
int gz_have_libdeflate(void);
/* Prepare an encoder at level 0-9 with the given backend; 0, or -1 (no memory, or a backend not built in). */
int gz_encoder_init(gz_encoder *e, int level, gz_backend backend);
/* Compress data[0..n) as one whole gzip member appended to out; 0 or -1. */
int gz_encoder_member(gz_encoder *e, const void *data, size_t n, buf *out);
/* Free the encoder. */
void gz_encoder_free(gz_encoder *e);

/* What reading one member found. */
typedef enum gz_member_status {
    GZM_OK = 0,        /* a complete member with a correct CRC and length */
    GZM_END = 1,       /* no bytes left: the previous member was the last */
    GZM_TRUNCATED = 2, /* the file ends inside this member */
    GZM_CORRUPT = 3,   /* bad header, bad deflate data or CRC/length mismatch */
    GZM_NOMEM = 4
} gz_member_status;

/* Receives a member's inflated bytes piece by piece; nonzero stops the read (reported as GZM_NOMEM). */
typedef int (*gz_sink)(void *ctx, const char *data, size_t n);

/*
 * Inflate the member that starts at the current position of f, handing the
 * bytes to sink (when not NULL) as they come, so memory stays small however
 * large the member is; report its compressed length in *clen. Leaves f just
 * after the member. Members are checked by zlib against their CRC-32 and
 * size: only GZM_OK means the bytes handed over were all correct.
 */
gz_member_status gz_read_member(FILE *f, gz_sink sink, void *ctx, uint64_t *clen, const char **why);

#endif
