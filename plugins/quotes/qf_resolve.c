/*
 * qf_resolve.c: who is who. Collects runs of capitalised words (name
 * chunks) with the titles written next to them, groups the chunks that
 * name the same person into entities, and maps a speaker mention (name,
 * pronoun or description such as "the Huawei chairman") to an entity.
 *
 * Naming convention: an entity is named by its longest mention, without
 * courtesy titles (Mr, Dr) and without job titles: "chairman Dr Liang Hua"
 * and later "Dr Liang" are both "Liang Hua". A chunk joins an entity when
 * all its words occur in the entity's longest name (Dr Liang -> Liang Hua,
 * Mr Stoltenberg -> Jens Stoltenberg), found through a word -> entity map
 * so the cost stays linear in the number of chunks.
 */
#include <stdlib.h>
#include <string.h>

#include "qf_internal.h"

/* Double the slots (at least 16) and move the current generation's entries over: map_put does it
 * before the map would be over half full. Sized by the keys put, not by the
 * capitalised words (the names of 8 MB of news: 62k keys, 265k capitalised words). */
static int map_grow(qf_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 16;
    uint64_t *keys = malloc(cap * sizeof *keys);
    int32_t *vals = malloc(cap * sizeof *vals);
    uint32_t *gen = calloc(cap, sizeof *gen);
    if (!keys || !vals || !gen) {
        free(keys);
        free(vals);
        free(gen);
        return -1;
    }
    /* Slots are written all over the arrays (and gen is read first, which on a fresh mapping
     * would map the zero page and fault again on the write): their pages in one call each. */
    pipe_prefault_all(keys, cap * sizeof *keys);
    pipe_prefault_all(vals, cap * sizeof *vals);
    pipe_prefault_all(gen, cap * sizeof *gen);
    uint32_t cur = m->cur ? m->cur : 1;
    for (size_t j = 0; j < m->cap; j++) {
        if (m->gen[j] != m->cur)
            continue;
        size_t i = (size_t)m->keys[j] & (cap - 1);
        while (gen[i] == cur)
            i = (i + 1) & (cap - 1);
        gen[i] = cur;
        keys[i] = m->keys[j];
        vals[i] = m->vals[j];
    }
    free(m->keys);
    free(m->vals);
    free(m->gen);
    m->keys = keys;
    m->vals = vals;
    m->gen = gen;
    m->cap = cap;
    m->cur = cur;
    return 0;
}

/* Empty the map for a new document (a new generation: O(1)). */
static int map_clear(qf_map *m)
{
    m->n = 0;
    if (!m->cap)
        return map_grow(m);
    if (++m->cur == 0) { /* generation wrapped: clear for real */
        memset(m->gen, 0, m->cap * sizeof(uint32_t));
        m->cur = 1;
    }
    return 0;
}

static int32_t map_get(const qf_map *m, uint64_t k)
{
    if (!k || !m->cap)
        return -1;
    for (size_t i = (size_t)k & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->gen[i] != m->cur)
            return -1;
        if (m->keys[i] == k)
            return m->vals[i];
    }
}

static inline int map_put(qf_map *m, uint64_t k, int32_t v)
{
    if (!k)
        return 0;
    if ((m->n + 1) * 2 > m->cap && map_grow(m))
        return -1;
    size_t i = (size_t)k & (m->cap - 1);
    while (m->gen[i] == m->cur && m->keys[i] != k)
        i = (i + 1) & (m->cap - 1);
    m->n += m->gen[i] != m->cur;
    m->gen[i] = m->cur;
    m->keys[i] = k;
    m->vals[i] = v;
    return 0;
}

static void add_title(uint32_t *arr, uint8_t *n, uint8_t cap, uint32_t h)
{
    for (uint8_t i = 0; i < *n; i++)
        if (arr[i] == h)
            return;
    if (*n < cap)
        arr[(*n)++] = h;
}

static uint32_t title_key(const qf_finder *f, const qf_unit *u)
{
    uint64_t h = qf_unit_hash(f, u);
    return (uint32_t)(h ^ (h >> 32)) | 1u;
}

/* Whether all name words of chunk a occur in chunk b. */
static int words_within(const qf_finder *f, const qf_chunk *a, const qf_chunk *b)
{
    for (uint32_t i = a->first; i <= a->last; i++) {
        if (f->u[i].type != QU_WORD || (f->u[i].lex & LX_PARTICLE))
            continue;
        uint64_t h = qf_unit_hash(f, &f->u[i]);
        int found = 0;
        for (uint32_t j = b->first; j <= b->last && !found; j++)
            found = f->u[j].type == QU_WORD && qf_unit_hash(f, &f->u[j]) == h;
        if (!found)
            return 0;
    }
    return 1;
}

/* Keys of first words in the name map are salted, apart from the last words (surnames). */
#define FIRST_SALT 0x5bd1e9955bd1e995ull

/* The second half of joins() found through the entity e of b's first word: one-word chunk a is a
 * person's first or family name. */
static int first_name_joins(const qf_finder *f, const qf_chunk *a, const qf_entity *e)
{
    return !e->org && a->first == a->last && (e->person == 2 || (qf_unit_name_bits(f, &f->u[a->first]) & LX_FNAME));
}

/* Whether chunk a is a shorter mention of b: all its words in b and the same last word; or, found
 * through b's first word (e given), a person's first or family name: b has an honorific or a
 * title before it (Dr Liang -> Liang Hua) or a is a known first name (Hillary -> Hillary Clinton). */
static int joins(const qf_finder *f, const qf_chunk *a, const qf_chunk *b, const qf_entity *e)
{
    if (!words_within(f, a, b))
        return 0;
    if (!e)
        return qf_unit_hash(f, &f->u[a->last]) == qf_unit_hash(f, &f->u[b->last]);
    return first_name_joins(f, a, e);
}

/* Word units hashed per chunk; a chunk with more (particles chained between six name words) is
 * matched through its units, as before. */
#define CHUNK_WORDS 16

/* The word units (name words and particles) of one chunk, by hash, in order. */
typedef struct chunk_words {
    uint64_t h[CHUNK_WORDS];
    uint32_t particle; /* bit k: h[k] is a particle */
    uint32_t n;        /* 0: more than CHUNK_WORDS */
} chunk_words;

/* Hash the word units of chunk c into w (w->n = 0 when they do not fit). */
static void chunk_words_of(const qf_finder *f, const qf_chunk *c, chunk_words *w)
{
    w->n = w->particle = 0;
    for (uint32_t i = c->first; i <= c->last; i++) {
        if (f->u[i].type != QU_WORD)
            continue;
        if (w->n == CHUNK_WORDS) {
            w->n = 0;
            return;
        }
        w->particle |= (uint32_t)((f->u[i].lex & LX_PARTICLE) != 0) << w->n;
        w->h[w->n++] = qf_unit_hash(f, &f->u[i]);
    }
}

/* The words of e's best chunk: kept in e, or hashed again from the chunk when they did not fit. */
static const chunk_words *entity_words(const qf_finder *f, const qf_entity *e, chunk_words *w)
{
    if (!e->nbw) {
        chunk_words_of(f, &f->c[e->best], w);
        return w;
    }
    w->n = e->nbw;
    w->particle = e->bw_particle;
    memcpy(w->h, e->bw, e->nbw * sizeof *w->h);
    return w;
}

/* An entity is looked up at random all over a long document: one cache line each. */
_Static_assert(sizeof(qf_entity) <= 64, "qf_entity outgrew a cache line");

/* Make chunk ci, with words w, e's best chunk. */
static void entity_set_best(qf_entity *e, uint32_t ci, const chunk_words *w)
{
    e->best = ci;
    e->nbw = 0;
    if (w->n && w->n <= QF_BEST_WORDS) {
        e->nbw = (uint8_t)w->n;
        e->bw_particle = (uint8_t)w->particle;
        memcpy(e->bw, w->h, w->n * sizeof *w->h);
    }
}

/* words_within() on hashed words: every word of a but its particles occurs among b's words. */
static int hashes_within(const chunk_words *a, const chunk_words *b)
{
    for (uint32_t i = 0; i < a->n; i++) {
        if (a->particle >> i & 1u)
            continue;
        uint32_t j = 0;
        while (j < b->n && b->h[j] != a->h[i])
            j++;
        if (j == b->n)
            return 0;
    }
    return 1;
}

/* joins() for chunks a and b with words aw and bw: through the hashes when both fit, else through
 * the units. The last word unit is the chunk's last unit (a name word). */
static int joins_words(const qf_finder *f, const qf_chunk *a, const chunk_words *aw, const qf_chunk *b,
                       const chunk_words *bw, const qf_entity *e)
{
    if (!aw->n || !bw->n)
        return joins(f, a, b, e);
    if (!hashes_within(aw, bw))
        return 0;
    if (!e)
        return aw->h[aw->n - 1] == bw->h[bw->n - 1];
    return first_name_joins(f, a, e);
}

static int name_word(const qf_unit *u)
{
    return u->type == QU_WORD && (u->flags & UF_CAP) && !(u->flags & (UF_INQ | UF_CLITIC | UF_MARK)) &&
           !(u->lex & (LX_VERB | LX_PRON));
}

/* Whether unit i is the dot of an initial: right after a one-letter capital word (the K. of
 * Mary K. Holt), so the run of name words goes on past it. */
static int initial_dot(const qf_finder *f, const qf_unit *u, size_t i)
{
    return i > 0 && qf_unit_ch(f, &u[i]) == '.' && f->sp[i].start == f->sp[i - 1].end &&
           f->sp[i - 1].end - f->sp[i - 1].start == 1 && name_word(&u[i - 1]);
}

/* All capitals, two to six letters: NATO, ACLU, CNN (organisations far more often than people). */
static int acronym(const qf_finder *f, const qf_unit *u)
{
    uint32_t n = qf_unit_end(f, u) - qf_unit_start(f, u);
    if (n < 2 || n > 6)
        return 0;
    for (uint32_t i = qf_unit_start(f, u); i < qf_unit_end(f, u); i++)
        if (f->text[i] < 'A' || f->text[i] > 'Z')
            return 0;
    return 1;
}

/* Mark headline sentences (UF_HEAD): four or more content words all capitalised, or two or more
 * words and no lower-case word. Their capitalised runs are not names (Clinton Cash Debunks
 * Hillary) and a headline never names a speaker for the article. */
static void mark_headlines(qf_finder *f)
{
    qf_unit *u = f->u;
    size_t nu = f->nu;
    for (size_t s = 0; s < nu;) {
        /* Most sentences show a lower-case content word within a few words: from there on only
         * the next sentence start is looked for. */
        int content = 0, caps = 0, lower = 0, decided = 0, capverb = 0;
        size_t e = s;
        do {
            const qf_unit *w = &u[e];
            capverb |= e > s && (w->lex & LX_VERB) && (w->flags & UF_CAP);
            if (!decided && w->type == QU_WORD && !(w->flags & UF_CLITIC)) {
                int cap = (w->flags & UF_CAP) != 0;
                lower += !cap;
                if (!(w->lex & (LX_FUNC | LX_DET)) || cap) {
                    content++;
                    caps += cap;
                    decided = !cap;
                }
            }
            e++;
        } while (e < nu && !(u[e].flags & UF_SENT));
        int allcaps = 0;
        if (!lower && content >= 2) {
            allcaps = 1;
            for (size_t i = s; i < e && allcaps; i++)
                for (uint32_t b = f->sp[i].start; u[i].type == QU_WORD && b < f->sp[i].end; b++)
                    if (f->text[b] >= 'a' && f->text[b] <= 'z') {
                        allcaps = 0;
                        break;
                    }
        }
        /* a short line without final punctuation: a label, credit or "Story continues below" */
        int bare = e - s <= 6 && !(u[e - 1].flags & UF_TERM) && (e == nu || (u[e].flags & UF_PARA)) &&
                   !(u[e - 1].flags & (UF_MARK | UF_INQ)) && qf_unit_ch(f, &u[e - 1]) != ':';
        if ((!decided && content >= 4 && caps == content) || allcaps || bare) {
            for (size_t i = s; i < e; i++)
                u[i].flags |= UF_HEAD;
        } else if (capverb) {
            /* In running text a capitalised "verb" inside a sentence is part of a name: the
             * Washington Post, Fox News Says. Headlines keep theirs (Clinton Calls ...). */
            for (size_t i = s + 1; i < e; i++)
                if ((u[i].flags & UF_CAP) && !(u[i].flags & UF_SENT))
                    u[i].lex &= ~(uint32_t)LX_VERB;
        }
        s = e;
    }
}

int qf_resolve_collect(qf_finder *f)
{
    qf_unit *u = f->u;
    size_t nu = f->nu;
    mark_headlines(f);
    f->nc = f->ne = 0;
    if (map_clear(&f->names))
        return -1;
    for (size_t k = 0; k < nu;) {
        /* Most words are lower case and no title: they start no chunk (the loops below would
         * find no honorific and no name word), so they are passed without entering them. */
        if (!((u[k].flags & UF_CAP) || (u[k].lex & LX_TITLE)) || u[k].type != QU_WORD ||
            (u[k].flags & (UF_INQ | UF_HEAD))) {
            k++;
            continue;
        }
        size_t i = k;
        uint32_t titles[3];
        uint8_t nt = 0, person = 0, gender = 0;
        /* Job titles before the name: chairman Dr Liang Hua, Prime Minister Theresa May. */
        while (i < nu && nt < 3 && u[i].type == QU_WORD && (u[i].lex & LX_TITLE) && !(u[i].lex & LX_ORGN) &&
               !(u[i].flags & UF_INQ))
            titles[nt++] = title_key(f, &u[i++]);
        int honor = 0;
        while (i < nu && u[i].type == QU_WORD && (u[i].lex & LX_HONOR) && (u[i].flags & UF_CAP)) {
            honor = 1;
            gender = (u[i].lex & LX_MALE) ? 1 : (u[i].lex & LX_FEMALE) ? 2 :
                                                                         gender;
            i++;
            if (i < nu && qf_unit_ch(f, &u[i]) == '.' && f->sp[i].start == f->sp[i - 1].end)
                i++;
        }
        size_t first = i, last = i;
        int nwords = 0, orgword = 0;
        while (i < nu && nwords < 6) {
            if (name_word(&u[i]) && (u[i].lex & LX_ORGWORD))
                orgword = 1;
            if (name_word(&u[i]) && !(nwords > 0 && (u[i].lex & (LX_HONOR | LX_NONNAME)) && !(qf_unit_name_bits(f, &u[i]) & LX_FNAME)) &&
                !(u[i].flags & UF_HEAD) &&
                (nwords > 0 || honor || !(u[i].lex & (LX_NONNAME | LX_AUX | LX_FUNC | LX_DET)))) {
                last = i++;
                nwords++;
            } else if (nwords > 0 && i + 1 < nu && (u[i].lex & LX_PARTICLE) && name_word(&u[i + 1])) {
                i++;
            } else if (nwords > 0 && i + 1 < nu && initial_dot(f, u, i) && name_word(&u[i + 1]) &&
                       !(u[i + 1].flags & (UF_SENT | UF_HEAD))) {
                i++; /* a middle or leading initial stays in the name: Mary K. Holt, C. Stewart Verdery */
            } else {
                break;
            }
        }
        if (nwords == 0) {
            k = i > k ? i : k + 1;
            continue;
        }
        /* Capitalised job titles inside the run belong before the name: House Speaker Paul Ryan,
         * NATO Secretary General Jens Stoltenberg. Cut when a name remains (two words, or one after
         * two or more words: Senate Majority Leader McConnell), not General Motors. */
        for (size_t w = last; w > first; w--) {
            if (!(u[w - 1].lex & LX_TITLE) || (u[w - 1].lex & LX_ORGN))
                continue;
            size_t rest = 0;
            for (size_t r = w; r <= last; r++)
                rest += !(u[r].lex & LX_PARTICLE);
            if (rest >= 2 || (rest == 1 && w - first >= 2)) {
                for (size_t t = first; t < w && nt < 3; t++)
                    if ((u[t].lex & LX_TITLE) && !(u[t].lex & LX_ORGN))
                        titles[nt++] = title_key(f, &u[t]);
                first = w;
                nwords = (int)rest;
            }
            break;
        }
        if (f->nc == f->capc && qf_grow((void **)&f->c, &f->capc, f->nc + 1, sizeof(qf_chunk)))
            return -1;
        pipe_prefault(f->c, f->capc * sizeof(qf_chunk), (f->nc + 1) * sizeof(qf_chunk), &f->c_present);
        qf_chunk *c = &f->c[f->nc];
        memset(c, 0, sizeof *c);
        c->first = (uint32_t)first;
        c->last = (uint32_t)last;
        /* The chunk's titles only matter until it joins its entity, below: no copy is kept per chunk. */
        uint32_t ctitles[3];
        uint8_t nct = 0;
        for (uint8_t t = 0; t < nt; t++)
            add_title(ctitles, &nct, 3, titles[t]);
        /* An appositive after the name: Jens Stoltenberg, NATO's secretary general, said. */
        size_t j = last + 1;
        if (j < nu && qf_unit_ch(f, &u[j]) == ',') {
            for (size_t a = j + 1; a < nu && a < j + 8; a++) {
                if (u[a].type == QU_PUNCT && !(u[a].flags & UF_CLITIC))
                    break;
                if ((u[a].lex & LX_TITLE) && !(u[a].lex & LX_ORGN))
                    add_title(ctitles, &nct, 3, title_key(f, &u[a]));
            }
        }
        while (j < nu && (u[j].lex & LX_AUX))
            j++;
        c->subject = j < nu && (u[j].lex & LX_VERB);
        {
            size_t b = k; /* the run began at k (titles, honorifics, then the name) */
            c->lead = (u[b].flags & UF_SENT) && last + 1 < nu && u[last + 1].type == QU_WORD &&
                      !(u[last + 1].flags & UF_CAP) && !(u[last + 1].lex & (LX_FUNC | LX_DET));
        }
        /* "Huawei has said it is willing": an "it" or "its" before the next name is this name. */
        if (c->subject && nwords <= 3)
            for (size_t a = j + 1; a < nu && a < j + 6 && !(u[a].flags & (UF_SENT | UF_CAP)); a++)
                if (u[a].type == QU_WORD && (u[a].lex & LX_NEUTER)) {
                    orgword = 1;
                    break;
                }
        c->gender = gender;
        c->org = orgword || (nwords == 1 && acronym(f, &u[first]));
        /* A title before the name or an honorific makes a person; one in apposition (Huawei, a
         * market leader) only suggests one. */
        person = (honor || nt) ? 2 : orgword          ? 0 :
                                 (nwords >= 2 || nct) ? 1 :
                                                        0;
        c->person = person;
        /* Join an entity: by the last word (the surname: Clinton -> Hillary Clinton, never the
         * Clinton Foundation), else by the first word of a known person's name (Dr Liang -> Liang
         * Hua, Hillary -> Hillary Clinton; not Trump -> Trump Tower). */
        chunk_words cw, bw;
        chunk_words_of(f, c, &cw);
        /* The map's keys from the chunk's hashes: its last unit is its last word unit, its first unit
         * its first word unit unless the title cut left a dot there. */
        uint64_t h_last = cw.n ? cw.h[cw.n - 1] : qf_unit_hash(f, &u[last]);
        uint64_t h_first = (cw.n && u[first].type == QU_WORD ? cw.h[0] : qf_unit_hash(f, &u[first])) ^ FIRST_SALT;
        int32_t ent = map_get(&f->names, h_last);
        int ok = 0;
        if (ent >= 0) {
            const qf_chunk *best = &f->c[f->e[ent].best];
            const chunk_words *bwp = entity_words(f, &f->e[ent], &bw);
            if (joins_words(f, c, &cw, best, bwp, NULL)) {
                ok = 1; /* a shorter or equal mention */
            } else if (joins_words(f, best, bwp, c, &cw, NULL)) {
                ok = 1; /* the fuller name: Trump, then Donald Trump */
                entity_set_best(&f->e[ent], (uint32_t)f->nc, &cw);
            }
        }
        if (!ok && nwords == 1) {
            int32_t e2 = map_get(&f->names, h_first);
            if (e2 >= 0 && joins_words(f, c, &cw, &f->c[f->e[e2].best], entity_words(f, &f->e[e2], &bw), &f->e[e2])) {
                ent = e2;
                ok = 1;
            }
        }
        if (!ok)
            ent = -1;
        if (ent < 0) {
            if (f->ne == f->cape && qf_grow((void **)&f->e, &f->cape, f->ne + 1, sizeof(qf_entity)))
                return -1;
            ent = (int32_t)f->ne++;
            memset(&f->e[ent], 0, sizeof f->e[ent]);
            entity_set_best(&f->e[ent], (uint32_t)f->nc, &cw);
        }
        qf_entity *e = &f->e[ent];
        c->entity = ent;
        if (person > e->person)
            e->person = person;
        if (c->gender && !e->gender)
            e->gender = c->gender;
        e->org |= c->org;
        if (!(u[k].flags & UF_SENT) || (k > 0 && (u[k - 1].flags & UF_MARK)) || nwords >= 2 || person == 2 ||
            c->org)
            e->inner = 1;
        for (uint8_t t = 0; t < nct; t++)
            add_title(e->titles, &e->ntitles, 6, ctitles[t]);
        if (map_put(&f->names, h_last, ent) || (f->e[ent].best == f->nc && map_put(&f->names, h_first, ent)))
            return -1;
        f->nc++;
        k = last + 1;
    }
    return 0;
}

/* Index of the last chunk starting before unit `before`, or -1. */
static int32_t chunk_before(const qf_finder *f, uint32_t before)
{
    size_t lo = 0, hi = f->nc;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->c[mid].last < before)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (int32_t)lo - 1;
}

int32_t qf_chunk_at(const qf_finder *f, uint32_t i)
{
    /* Chunks are disjoint and in unit order: the first one ending at or after i holds i, if any.
     * Looked up per speaker mention, not per unit, so a search costs less than a field in every unit. */
    size_t k = (size_t)(chunk_before(f, i) + 1);
    return k < f->nc && f->c[k].first <= i ? (int32_t)k : -1;
}

/* Whether entity e can be what a pronoun with lexicon bits lx refers to (chunk k of it). */
/* Gender of an entity from the first name of its fullest name (Jane Roe, not Grant Co), asked
 * only when a pronoun needs it: the names table is large, and most chunks meet no pronoun. */
static void first_name_gender(const qf_finder *f, qf_entity *e)
{
    e->gchecked = 1;
    const qf_chunk *b = &f->c[e->best];
    if (e->gender || e->org || b->last == b->first)
        return;
    uint32_t fn = qf_unit_name_bits(f, &f->u[b->first]);
    uint32_t g = fn & (LX_MALE | LX_FEMALE);
    if (fn & LX_FNAME)
        e->gender = g == LX_MALE ? 1 : g == LX_FEMALE ? 2 :
                                                        0;
}

static int compatible(const qf_finder *f, int32_t k, uint32_t lx)
{
    const qf_chunk *c = &f->c[k];
    qf_entity *e = &f->e[c->entity];
    if (!e->gchecked)
        first_name_gender(f, e);
    int place = f->c[e->best].last == f->c[e->best].first &&
                (qf_unit_name_bits(f, &f->u[f->c[e->best].first]) & LX_PLACE) && !e->org;
    if (lx & (LX_NEUTER | LX_PLURAL)) /* it / they: an organisation, never a person or a place */
        return e->person < 2 && !place && (e->org || e->person == 0);
    int g = (lx & LX_MALE) ? 1 : (lx & LX_FEMALE) ? 2 :
                                                    0;
    if (g && e->gender && e->gender != g)
        return 0;
    if (e->org && e->person < 2)
        return 0;
    if (place && e->person < 2)
        return 0; /* a place named alone */
    return e->person >= 1 || c->subject;
}

/* Whether no sentence starts in units (a, b]. */
static int same_sentence(const qf_finder *f, uint32_t a, uint32_t b)
{
    for (uint32_t i = a + 1; i <= b && i < f->nu; i++)
        if (f->u[i].flags & UF_SENT)
            return 0;
    return 1;
}

/* he/she/it/they before unit chunk index c: the nearest compatible entity; but when that one is
 * not a subject and a compatible subject comes shortly before it (the one who was speaking:
 * "Greenblatt warned ... about Netanyahu. He said ..."), the subject. A he/she fixes the
 * gender of an entity that had none, so a later she skips a man. */
static int32_t resolve_pronoun(qf_finder *f, int32_t c, uint32_t lx)
{
    int32_t near = -1;
    for (int32_t k = c, seen = 0; k >= 0 && seen < 80; k--, seen++) {
        if (!compatible(f, k, lx))
            continue;
        if (near < 0) {
            near = k;
            if (f->c[k].subject || f->c[k].lead)
                break;
            continue;
        }
        if (f->c[near].first - f->c[k].last > 40 || !same_sentence(f, f->c[k].last, f->c[near].first))
            break;
        if ((f->c[k].subject || f->c[k].lead) && f->c[k].entity != f->c[near].entity) {
            near = k;
            break;
        }
    }
    if (near < 0)
        return -1;
    qf_entity *e = &f->e[f->c[near].entity];
    int g = (lx & LX_MALE) ? 1 : (lx & LX_FEMALE) ? 2 :
                                                    0;
    if (g && !e->gender && !(lx & (LX_NEUTER | LX_PLURAL)))
        e->gender = (uint8_t)g;
    if (lx & (LX_NEUTER | LX_PLURAL))
        e->org = 1; /* "it said": what spoke is an organisation */
    return f->c[near].entity;
}

int32_t qf_resolve_speaker(qf_finder *f, const qf_pair *p)
{
    if (p->spk_first < 0)
        return -1;
    const qf_unit *u = f->u;
    uint32_t a = (uint32_t)p->spk_first, b = (uint32_t)p->spk_last;
    if (p->spk_kind == SPK_NAME) {
        /* "Mark Roe and Jon Poe": two people speak; the pair stays as written, not one of them */
        for (uint32_t i = a + 1; i < b; i++) {
            const char *t = f->text + f->sp[i].start;
            if (u[i].type == QU_WORD && f->sp[i].end - f->sp[i].start == 3 && t[0] == 'a' && t[1] == 'n' && t[2] == 'd')
                return -1;
        }
        for (uint32_t i = b + 1; i-- > a;) {
            int32_t ch = qf_chunk_at(f, i);
            if (ch >= 0)
                return f->c[ch].entity;
        }
        return -1;
    }
    /* Antecedents are searched before the mention and before the quote. */
    uint32_t pos = a;
    size_t qo = p->u_start;
    if (qo < pos)
        pos = (uint32_t)qo;
    int32_t c = chunk_before(f, pos);
    if (p->spk_kind == SPK_PRON)
        return resolve_pronoun(f, c, u[a].lex);
    /* Description: the head title word of the mention. */
    uint32_t head = 0;
    int org = 0;
    for (uint32_t i = a; i <= b; i++)
        if (u[i].type == QU_WORD && (u[i].lex & LX_TITLE)) {
            head = title_key(f, &u[i]);
            org = (u[i].lex & LX_ORGN) != 0;
        }
    if (!head)
        return -1;
    if (org) {
        /* "the German media", "the Huawei board": qualified by a name, it is its own description. */
        for (uint32_t i = a + 1; i < b; i++)
            if (u[i].flags & UF_CAP)
                return -1;
        /* "the company said": the last organisation that spoke, else the first one named. */
        for (int32_t k = c, seen = 0; k >= 0 && seen < 60; k--, seen++)
            if (f->c[k].subject && f->e[f->c[k].entity].person == 0)
                return f->c[k].entity;
        return -1;
    }
    for (int32_t k = c, seen = 0; k >= 0 && seen < 400; k--, seen++) {
        const qf_entity *e = &f->e[f->c[k].entity];
        for (uint8_t t = 0; t < e->ntitles; t++)
            if (e->titles[t] == head)
                return f->c[k].entity;
    }
    return -1;
}
