/*
 * qf_speakers.c: the who-said-what table of a document, from the pairs and
 * entities of the last qf_find().
 *
 * A speaker is an entity (all the chunks that name one person or
 * organisation) or, without one, a speaker name as written (a description
 * such as "a spokeswoman"). Its mentions are every chunk of the entity plus
 * the pronoun and description mentions resolved to it; its quotes are the
 * top-level speech quotes credited to it. Slots are found through an
 * entity -> slot array, unnamed speakers by comparing names with the last few
 * unnamed slots only; mentions are grouped by a counting sort and each group
 * sorted (n log n at worst, never quadratic on hostile input).
 */
#include <stdlib.h>
#include <string.h>

#include "qf_internal.h"

/* Unnamed speakers (descriptions) are merged by name only with this many recent ones. */
#define RECENT_UNNAMED 64

/* What kind of speaker p names: an entity is a person unless it only looks like an organisation
 * (qf_find.c writes it into each quote, and each speaker here gets it the same way). */
uint16_t qf_speaker_kind(const qf_finder *f, const qf_pair *p)
{
    if (!p->name_len)
        return PIPE_SPEAKER_UNKNOWN;
    if (p->entity >= 0) {
        const qf_entity *e = &f->e[p->entity];
        return e->org && e->person < 2 ? PIPE_SPEAKER_ORGANISATION : PIPE_SPEAKER_PERSON;
    }
    return p->spk_kind == SPK_DESC ? PIPE_SPEAKER_DESCRIPTION : PIPE_SPEAKER_PERSON;
}

static int speech(const qf_pair *p)
{
    return p->level == 0 && p->kind != PIPE_QUOTE_SCARE && p->name_len > 0;
}

static int add_mention(qf_finder *f, uint32_t slot, uint32_t s, uint32_t e)
{
    if (qf_grow((void **)&f->mention, &f->cap_mention, f->nmention * 3 + 3, sizeof(uint32_t)))
        return -1;
    uint32_t *m = &f->mention[f->nmention * 3];
    m[0] = slot;
    m[1] = s;
    m[2] = e;
    f->nmention++;
    return 0;
}

static int by_start(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    return x[0] != y[0] ? (x[0] < y[0] ? -1 : 1) : (x[1] < y[1] ? -1 : x[1] > y[1]);
}

static int by_first_span(const void *a, const void *b)
{
    const qf_speaker *x = a, *y = b;
    uint32_t xs = x->nspans ? x->spans[0] : UINT32_MAX, ys = y->nspans ? y->spans[0] : UINT32_MAX;
    return xs < ys ? -1 : xs > ys;
}

/* Give every speech pair a slot (f->pair_slot) and fill the slot's name, kind and quote count. */
static int assign_slots(qf_finder *f)
{
    if (qf_grow((void **)&f->ent_slot, &f->cap_ent_slot, f->ne + 1, sizeof(int32_t)) ||
        qf_grow((void **)&f->pair_slot, &f->cap_pair_slot, f->np + 1, sizeof(int32_t)))
        return -1;
    for (size_t e = 0; e < f->ne; e++)
        f->ent_slot[e] = -1;
    for (size_t k = 0; k < f->np; k++) {
        const qf_pair *p = &f->p[k];
        f->pair_slot[k] = -1;
        if (!speech(p))
            continue;
        int32_t slot = p->entity >= 0 ? f->ent_slot[p->entity] : -1;
        if (slot < 0 && p->entity < 0) {
            const char *name = f->nbuf + p->name_off;
            for (size_t j = f->nspk, seen = 0; j-- > 0 && seen < RECENT_UNNAMED;) {
                const qf_pair *q = &f->p[f->slot_first[j]];
                if (q->entity >= 0)
                    continue;
                seen++;
                if (q->name_len == p->name_len && memcmp(f->nbuf + q->name_off, name, p->name_len) == 0) {
                    slot = (int32_t)j;
                    break;
                }
            }
        }
        if (slot < 0) {
            if (qf_grow((void **)&f->spk, &f->cap_spk, f->nspk + 1, sizeof(qf_speaker)) ||
                qf_grow((void **)&f->slot_first, &f->cap_slot_first, f->nspk + 1, sizeof(size_t)))
                return -1;
            slot = (int32_t)f->nspk++;
            qf_speaker *s = &f->spk[slot];
            memset(s, 0, sizeof *s);
            s->name_len = p->name_len;
            s->kind = qf_speaker_kind(f, p);
            f->slot_first[slot] = k;
            if (p->entity >= 0)
                f->ent_slot[p->entity] = slot;
        }
        f->pair_slot[k] = slot;
        f->spk[slot].quotes++;
    }
    return 0;
}

int qf_speakers(qf_finder *f, const qf_speaker **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    f->nspk = 0;
    f->nmention = 0;
    if (f->np == 0)
        return 0;
    if (assign_slots(f))
        return -1;
    if (f->nspk == 0)
        return 0;
    /* Mentions: the chunks of quoted entities, then the speaker mentions that are no chunk. */
    for (size_t c = 0; c < f->nc; c++) {
        int32_t slot = f->ent_slot[f->c[c].entity];
        if (slot >= 0 && add_mention(f, (uint32_t)slot, f->sp[f->c[c].first].start, f->sp[f->c[c].last].end))
            return -1;
    }
    for (size_t k = 0; k < f->np; k++) {
        const qf_pair *p = &f->p[k];
        int32_t slot = f->pair_slot[k];
        if (slot < 0 || p->spk_first < 0)
            continue;
        if (p->spk_kind == SPK_NAME && qf_chunk_at(f, (uint32_t)p->spk_last) >= 0 && p->entity >= 0)
            continue; /* already there as a chunk */
        if (add_mention(f, (uint32_t)slot, f->sp[p->spk_first].start, f->sp[p->spk_last].end))
            return -1;
    }
    /* Group by slot (counting sort), then order each group by start and drop repeats. */
    if (qf_grow((void **)&f->spans, &f->cap_spans, f->nmention * 2 + 2, sizeof(uint32_t)))
        return -1;
    if (qf_grow((void **)&f->slot_at, &f->cap_slot_at, f->nspk + 1, sizeof(size_t)))
        return -1;
    size_t *at = f->slot_at;
    memset(at, 0, (f->nspk + 1) * sizeof *at);
    for (size_t m = 0; m < f->nmention; m++)
        at[f->mention[m * 3] + 1]++;
    for (size_t s = 0; s < f->nspk; s++)
        at[s + 1] += at[s];
    for (size_t s = 0; s < f->nspk; s++)
        f->spk[s].nspans = at[s]; /* start offset for now */
    for (size_t m = 0; m < f->nmention; m++) {
        const uint32_t *t = &f->mention[m * 3];
        size_t w = at[t[0]]++;
        f->spans[w * 2] = t[1];
        f->spans[w * 2 + 1] = t[2];
    }
    for (size_t s = 0; s < f->nspk; s++) {
        size_t b = f->spk[s].nspans, e = at[s];
        uint32_t *sp = f->spans + b * 2;
        size_t n = e - b;
        qsort(sp, n, 2 * sizeof(uint32_t), by_start);
        size_t u = 0;
        for (size_t i = 0; i < n; i++)
            if (u == 0 || sp[i * 2] != sp[(u - 1) * 2] || sp[i * 2 + 1] != sp[(u - 1) * 2 + 1]) {
                sp[u * 2] = sp[i * 2];
                sp[u * 2 + 1] = sp[i * 2 + 1];
                u++;
            }
        f->spk[s].spans = sp;
        f->spk[s].nspans = u;
        const qf_pair *p = &f->p[f->slot_first[s]];
        f->spk[s].name = f->nbuf + p->name_off;
    }
    qsort(f->spk, f->nspk, sizeof *f->spk, by_first_span);
    *out = f->spk;
    *count = f->nspk;
    return 0;
}
