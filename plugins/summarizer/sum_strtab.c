/*
 * sum_strtab.c: string interning for the summarizer. Words, stems and stop words
 * are byte strings mapped to dense ids, so sentence vectors are arrays of
 * small integers. All strings of a table share one character buffer and the
 * table is cleared, not freed, between documents: no allocation per token.
 */
#include <stdlib.h>
#include <string.h>

#include "sum_internal.h"

int sum_grow_slow(void *p, size_t *cap, size_t need, size_t elem)
{
    void **pp = p;
    if (need <= *cap && *pp)
        return 0;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2 / elem)
            return -1;
        c *= 2;
    }
    void *q = realloc(*pp, c * elem);
    if (!q)
        return -1;
    *pp = q;
    *cap = c;
    return 0;
}

void sum_strtab_clear(sum_strtab *t)
{
    if (t->slots && (size_t)t->n * 16 < t->n_slots) {
        /*
         * A table sized for one long document would otherwise cost a big
         * memset for every short one: empty only the slots in use. Each
         * search looks for its exact id, not for an empty slot, so slots
         * emptied earlier in the loop do not cut it short.
         */
        size_t mask = t->n_slots - 1;
        for (size_t id = 0; id < t->n; id++) {
            size_t i = t->ent[id].hash & mask;
            while (t->slots[i] != (uint32_t)id + 1)
                i = (i + 1) & mask;
            t->slots[i] = 0;
        }
    } else if (t->slots) {
        memset(t->slots, 0, t->n_slots * sizeof *t->slots);
    }
    t->n = 0;
    t->n_chars = 0;
}

void sum_strtab_free(sum_strtab *t)
{
    free(t->slots);
    free(t->ent);
    free(t->chars);
    memset(t, 0, sizeof *t);
}

static int64_t probe(const sum_strtab *t, const char *s, size_t len, uint32_t h, size_t *slot)
{
    size_t mask = t->n_slots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        uint32_t v = t->slots[i];
        if (v == 0) {
            *slot = i;
            return -1;
        }
        uint32_t id = v - 1;
        if (t->ent[id].hash == h && t->ent[id].len == len && memcmp(t->chars + t->ent[id].off, s, len) == 0) {
            *slot = i;
            return id;
        }
    }
}

int64_t sum_strtab_find(const sum_strtab *t, const char *s, size_t len)
{
    size_t slot;
    if (t->n_slots == 0)
        return -1;
    return probe(t, s, len, sum_hash(s, len), &slot);
}

/* Double the slot array; ids keep their hashes, so no string is rehashed. */
static int rehash(sum_strtab *t)
{
    size_t ns = t->n_slots ? t->n_slots * 2 : 256;
    uint32_t *slots = calloc(ns, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 0; id < t->n; id++) {
        size_t i = t->ent[id].hash & (ns - 1);
        while (slots[i])
            i = (i + 1) & (ns - 1);
        slots[i] = (uint32_t)id + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->n_slots = ns;
    return 0;
}

int64_t sum_strtab_intern(sum_strtab *t, const char *s, size_t len)
{
    /* Keep the load factor under 1/2 so probes stay short. */
    if ((t->n + 1) * 2 > t->n_slots && rehash(t) != 0)
        return -1;
    if (t->n >= UINT32_MAX - 1 || t->n_chars + len >= UINT32_MAX)
        return -1;
    uint32_t h = sum_hash(s, len);
    size_t slot;
    int64_t id = probe(t, s, len, h, &slot);
    if (id >= 0)
        return id;
    if (sum_grow(&t->ent, &t->cap_ids, t->n + 1, sizeof *t->ent) != 0)
        return -1;
    if (sum_grow(&t->chars, &t->cap_chars, t->n_chars + len + 1, 1) != 0)
        return -1;
    memcpy(t->chars + t->n_chars, s, len);
    id = (int64_t)t->n;
    t->ent[id].off = (uint32_t)t->n_chars;
    t->ent[id].len = (uint32_t)len;
    t->ent[id].hash = h;
    t->n_chars += len;
    t->slots[slot] = (uint32_t)id + 1;
    t->n++;
    return id;
}
