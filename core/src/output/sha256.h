/* SHA-256 (FIPS 180-4): the digest a Content-Security-Policy names an inline style or script by. */
#ifndef PIPE_SHA256_H
#define PIPE_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* The 32-byte digest of data[0..n). */
void sha256(const void *data, size_t n, uint8_t out[32]);
/* The digest in base64 (44 characters and a NUL), as CSP's 'sha256-...' source wants it. */
void sha256_base64(const void *data, size_t n, char out[45]);

#endif
