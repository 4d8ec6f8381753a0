#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a: keys are names and initials, a few bytes each. */
static uint32_t key_hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The slot of key s (hash h): its entry's, or the empty one where it would go. */
static size_t find(const strmap *m, const char *s, size_t len, uint32_t h)
{
    size_t mask = m->nslot - 1, i = h & mask;
    for (; m->slot[i]; i = (i + 1) & mask) {
        const struct strmap_ent *e = &m->ent[m->slot[i] - 1];
        if (e->hash == h && e->len == len && (len == 0 || memcmp(m->pool + e->off, s, len) == 0))
            break;
    }
    return i;
}

static int grow_slots(strmap *m)
{
    size_t ns = m->nslot ? m->nslot * 2 : 64;
    uint32_t *t = calloc(ns, sizeof *t);
    if (!t)
        return -1;
    for (size_t k = 0; k < m->n; k++) {
        size_t i = m->ent[k].hash & (ns - 1);
        while (t[i])
            i = (i + 1) & (ns - 1);
        t[i] = (uint32_t)(k + 1);
    }
    free(m->slot);
    m->slot = t;
    m->nslot = ns;
    return 0;
}

uint64_t strmap_get(const strmap *m, const char *s, size_t len)
{
    if (!m->nslot)
        return 0;
    size_t i = find(m, s, len, key_hash(s, len));
    return m->slot[i] ? m->ent[m->slot[i] - 1].val : 0;
}

uint64_t *strmap_slot(strmap *m, const char *s, size_t len)
{
    uint32_t h = key_hash(s, len);
    if (m->nslot) {
        size_t i = find(m, s, len, h);
        if (m->slot[i])
            return &m->ent[m->slot[i] - 1].val;
    }
    if (m->n >= UINT32_MAX - 1 || len > SIZE_MAX - m->npool)
        return NULL;
    if ((m->n + 1) * 2 > m->nslot && grow_slots(m))
        return NULL;
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 32;
        struct strmap_ent *e = realloc(m->ent, cap * sizeof *e);
        if (!e)
            return NULL;
        m->ent = e;
        m->cap = cap;
    }
    if (m->npool + len > m->cappool) {
        size_t cap = m->cappool ? m->cappool : 256;
        while (cap < m->npool + len)
            cap = cap > SIZE_MAX / 2 ? m->npool + len : cap * 2;
        char *p = realloc(m->pool, cap);
        if (!p)
            return NULL;
        m->pool = p;
        m->cappool = cap;
    }
    if (len)
        memcpy(m->pool + m->npool, s, len);
    struct strmap_ent *e = &m->ent[m->n];
    *e = (struct strmap_ent){m->npool, len, 0, h};
    m->npool += len;
    m->slot[find(m, s, len, h)] = (uint32_t)(m->n + 1);
    m->n++;
    return &e->val;
}

void strmap_free(strmap *m)
{
    free(m->slot);
    free(m->ent);
    free(m->pool);
    memset(m, 0, sizeof *m);
}
