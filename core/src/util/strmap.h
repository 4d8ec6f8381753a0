/* A map from byte strings to a number, for counting and indexing names without comparing every pair. */
#ifndef PIPE_STRMAP_H
#define PIPE_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* Open addressing over copies of the keys; zero-initialise, strmap_free at the end. */
typedef struct strmap {
    uint32_t *slot; /* 1 + an entry index, 0 = empty */
    size_t nslot;   /* a power of two, at most half full */
    struct strmap_ent {
        size_t off, len; /* the key in pool[off..off + len) */
        uint64_t val;
        uint32_t hash;
    } * ent;
    size_t n, cap;
    char *pool;
    size_t npool, cappool;
} strmap;

/* The value of key s[0..len), added as 0 when absent; NULL when out of memory. */
uint64_t *strmap_slot(strmap *m, const char *s, size_t len);
/* The value of key s[0..len), or 0 when absent. */
uint64_t strmap_get(const strmap *m, const char *s, size_t len);
/* Free the map's memory. */
void strmap_free(strmap *m);

#endif
