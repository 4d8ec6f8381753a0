/*
 * sent_lexicon.c: the word lists of the splitter (abbreviations, sentence
 * starters, words that continue a line) as an open-addressing hash table,
 * and their data-file parser.
 *
 * The splitter looks a word up at almost every period, between runs of other
 * stages that fill the caches with their own data, and most words it asks
 * about are not in the lexicon. So the table is small: a slot is 8 bytes (a
 * tag from the hash, the key's length, class and place in a pool of key
 * bytes) and those of the default lists fit in 8 KB; in front of them a
 * 1 KB bit filter answers most words that are not there with one test. The
 * key bytes are compared only when the tag matches.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sentsplit.h"

#define KEY_MAX 63
#define POOL_MAX (1u << 20) /* the pool offset has 20 bits: 1 MB of words */

typedef struct slot {
    uint32_t tag;  /* the hash's high half */
    uint32_t info; /* pool offset << 12 | length << 6 | class bits; 0 = empty */
} slot;

struct sentsplit_lexicon {
    slot *slots;
    size_t cap; /* power of two */
    size_t count;
    char *pool; /* key bytes, one after another */
    size_t pool_len, pool_cap;
    uint64_t filter[128]; /* bit h >> 51 set for every key's hash h */
};

static uint64_t load64(const char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    return x;
}

static uint32_t load32(const char *s)
{
    uint32_t x;
    memcpy(&x, s, 4);
    return x;
}

/* Eight bytes at a time, each block mixed by one multiplication. Words of 4 to
 * 8 bytes (most of those looked up) are two overlapping 4-byte loads and those
 * of 1 to 3 bytes three single bytes, so the loads never leave the word and
 * the branches depend only on the length, not on a byte loop. */
static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = (uint64_t)len * 0x9E3779B97F4A7C15u, x;
    if (len > 8) {
        size_t i = 0;
        for (; len - i > 8; i += 8) {
            h = (h ^ load64(s + i)) * 0xFF51AFD7ED558CCDu;
            h ^= h >> 29;
        }
        x = load64(s + len - 8);
    } else if (len >= 4) {
        x = (uint64_t)load32(s) << 32 | load32(s + len - 4);
    } else if (len > 0) {
        x = (uint64_t)(uint8_t)s[0] << 16 | (uint64_t)(uint8_t)s[len >> 1] << 8 | (uint8_t)s[len - 1];
    } else {
        x = 0;
    }
    h = (h ^ x) * 0xFF51AFD7ED558CCDu;
    h ^= h >> 29;
    return h * 0xC4CEB9FE1A85EC53u;
}

/* Is bit h >> 51 set? Answers most words that are not there in one test, without probing. */
static int filter_has(const sentsplit_lexicon *lex, uint64_t h)
{
    unsigned b = (unsigned)(h >> 51);
    return (int)((lex->filter[b >> 6] >> (b & 63)) & 1);
}

#define INFO_LEN(x) (((x) >> 6) & 63u)
#define INFO_OFF(x) ((x) >> 12)
#define INFO_CLS(x) ((x)&63u)

sentsplit_lexicon *sentsplit_lexicon_new(void)
{
    sentsplit_lexicon *lex = calloc(1, sizeof *lex);
    if (!lex)
        return NULL;
    lex->cap = 256;
    lex->slots = calloc(lex->cap, sizeof *lex->slots);
    if (!lex->slots) {
        free(lex);
        return NULL;
    }
    return lex;
}

void sentsplit_lexicon_free(sentsplit_lexicon *lex)
{
    if (!lex)
        return;
    free(lex->slots);
    free(lex->pool);
    free(lex);
}

/* The slot holding w, or the empty slot where it would go. */
static slot *find_h(const sentsplit_lexicon *lex, const char *w, size_t len, uint64_t h)
{
    size_t mask = lex->cap - 1;
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        slot *s = &lex->slots[i];
        if (s->info == 0)
            return s;
        if (s->tag == tag && INFO_LEN(s->info) == len && memcmp(lex->pool + INFO_OFF(s->info), w, len) == 0)
            return s;
    }
}

/* Double the table so it stays at most half full: short probe runs. */
static int grow(sentsplit_lexicon *lex)
{
    size_t cap = lex->cap * 2;
    slot *slots = calloc(cap, sizeof(slot));
    if (!slots)
        return -1;
    slot *old = lex->slots;
    size_t old_cap = lex->cap;
    lex->slots = slots;
    lex->cap = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i].info == 0)
            continue;
        const char *key = lex->pool + INFO_OFF(old[i].info);
        size_t len = INFO_LEN(old[i].info);
        *find_h(lex, key, len, hash(key, len)) = old[i];
    }
    free(old);
    return 0;
}

/* Copy a key into the pool; its offset, or -1 when out of memory or room. */
static long pool_add(sentsplit_lexicon *lex, const char *word, size_t len)
{
    if (lex->pool_len + len > POOL_MAX)
        return -1;
    if (lex->pool_len + len > lex->pool_cap) {
        size_t cap = lex->pool_cap ? lex->pool_cap * 2 : 4096;
        while (cap < lex->pool_len + len)
            cap *= 2;
        char *pool = realloc(lex->pool, cap);
        if (!pool)
            return -1;
        lex->pool = pool;
        lex->pool_cap = cap;
    }
    memcpy(lex->pool + lex->pool_len, word, len);
    lex->pool_len += len;
    return (long)(lex->pool_len - len);
}

int sentsplit_lexicon_add(sentsplit_lexicon *lex, const char *word, size_t len, unsigned cls)
{
    if (len == 0 || len > KEY_MAX)
        return -1;
    if ((lex->count + 1) * 2 > lex->cap && grow(lex) != 0)
        return -1;
    uint64_t h = hash(word, len);
    slot *s = find_h(lex, word, len, h);
    if (s->info == 0) {
        long off = pool_add(lex, word, len);
        if (off < 0)
            return -1;
        s->tag = (uint32_t)(h >> 32);
        lex->filter[(h >> 51) >> 6] |= (uint64_t)1 << ((h >> 51) & 63);
        s->info = (uint32_t)off << 12 | (uint32_t)len << 6; /* len > 0: never 0 */
        lex->count++;
    }
    /* A word may be both an abbreviation and a starter: the class is
     * replaced by the newest, the flags accumulate. */
    unsigned old = INFO_CLS(s->info), now = old;
    if (cls & SENTSPLIT_CLASS_MASK)
        now = (now & ~(unsigned)SENTSPLIT_CLASS_MASK) | (cls & SENTSPLIT_CLASS_MASK);
    now |= cls & (SENTSPLIT_STARTER | SENTSPLIT_JOINER);
    s->info = (s->info & ~63u) | now;
    return 0;
}

unsigned sentsplit_lexicon_get(const sentsplit_lexicon *lex, const char *word, size_t len)
{
    if (!lex || len == 0 || len > KEY_MAX)
        return 0;
    uint64_t h = hash(word, len);
    if (!filter_has(lex, h))
        return 0;
    return INFO_CLS(find_h(lex, word, len, h)->info);
}

size_t sentsplit_lexicon_size(const sentsplit_lexicon *lex)
{
    return lex ? lex->count : 0;
}

static const struct {
    const char *name;
    unsigned cls;
} class_names[] = {{"abbr", SENTSPLIT_ABBR}, {"title", SENTSPLIT_TITLE}, {"number", SENTSPLIT_NUMBER}, {"month", SENTSPLIT_MONTH}, {"time", SENTSPLIT_TIME}, {"never", SENTSPLIT_NEVER}, {"clock", SENTSPLIT_CLOCK}, {"final", SENTSPLIT_FINAL}, {"exclaim", SENTSPLIT_EXCLAIM}, {"starter", SENTSPLIT_STARTER}, {"joiner", SENTSPLIT_JOINER}};

static int is_blank(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int sentsplit_lexicon_load(sentsplit_lexicon *lex, const char *path, unsigned default_cls,
                           char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    char line[512];
    int rc = 0;
    unsigned lineno = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        char *hash_mark = strchr(line, '#');
        if (hash_mark)
            *hash_mark = '\0';
        char *p = line;
        while (is_blank(*p))
            p++;
        if (!*p)
            continue;
        char *w = p;
        while (*p && !is_blank(*p))
            p++;
        size_t wlen = (size_t)(p - w);
        while (is_blank(*p))
            p++;
        char *c = p;
        while (*p && !is_blank(*p))
            p++;
        size_t clen = (size_t)(p - c);
        /* A trailing period is how people write abbreviations; the key has none. */
        if (wlen > 1 && w[wlen - 1] == '.')
            wlen--;
        unsigned cls = default_cls;
        if (clen) {
            cls = 0;
            for (size_t k = 0; k < sizeof class_names / sizeof class_names[0]; k++)
                if (strlen(class_names[k].name) == clen && memcmp(class_names[k].name, c, clen) == 0)
                    cls = class_names[k].cls;
            if (!cls) {
                /* the valid names, from the table, so the message cannot fall behind it */
                char names[128] = "";
                size_t used = 0;
                for (size_t k = 0; k < sizeof class_names / sizeof class_names[0] && used < sizeof names; k++)
                    used += (size_t)snprintf(names + used, sizeof names - used, "%s%s", k ? ", " : "",
                                             class_names[k].name);
                snprintf(err, errlen, "%s:%u: unknown class '%.*s' (%s)", path, lineno, (int)clen, c, names);
                rc = -1;
                break;
            }
        }
        if (sentsplit_lexicon_add(lex, w, wlen, cls) != 0) {
            snprintf(err, errlen, "%s:%u: word too long (max %d bytes) or out of memory", path, lineno, KEY_MAX);
            rc = -1;
        }
    }
    fclose(f);
    return rc;
}

const sentsplit_list sentsplit_default_lists[] = {{"abbrev-en.txt", SENTSPLIT_ABBR},
                                                  {"sentences-starters-en.txt", SENTSPLIT_STARTER},
                                                  {"sentences-joiners-en.txt", SENTSPLIT_JOINER},
                                                  {"sentences-exclaim-en.txt", SENTSPLIT_EXCLAIM},
                                                  {NULL, 0}};

int sentsplit_lexicon_load_dir(sentsplit_lexicon *lex, const char *dir, char *err, size_t errlen)
{
    char path[4096];
    for (const sentsplit_list *l = sentsplit_default_lists; l->file; l++) {
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, l->file) >= sizeof path) {
            snprintf(err, errlen, "%s/%s: path too long", dir, l->file);
            return -1;
        }
        if (sentsplit_lexicon_load(lex, path, l->cls, err, errlen) != 0)
            return -1;
    }
    return 0;
}
