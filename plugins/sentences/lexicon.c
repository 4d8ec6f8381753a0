/*
 * lexicon.c: the word lists of the splitter (abbreviations and sentence
 * starters) as an open-addressing hash table, and their data-file parser.
 *
 * Keys are short byte strings kept inline in the slots, so a lookup is one
 * hash and, usually, one memcmp; the splitter does a few lookups per period.
 * Most looked-up words are not in the lexicon: a bit filter (8 KB, one bit per
 * hash value's high bits, set for every key) answers those without touching the
 * slots, which are larger than the L1 cache.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sentsplit.h"

#define KEY_MAX 63

typedef struct slot {
    uint8_t len;         /* 0 = empty */
    uint8_t cls;         /* sentsplit_class bits */
    char key[KEY_MAX];
} slot;

#define FILTER_WORDS 1024 /* 64-bit words: 2^16 bits */

struct sentsplit_lexicon {
    slot *slots;
    size_t cap;   /* power of two */
    size_t count;
    uint64_t filter[FILTER_WORDS]; /* bit (h >> 48) set for every key's hash h */
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

static int filter_has(const sentsplit_lexicon *lex, uint64_t h)
{
    unsigned b = (unsigned)(h >> 48);
    return (int)((lex->filter[b >> 6] >> (b & 63)) & 1);
}

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
    free(lex);
}

static slot *find_h(const sentsplit_lexicon *lex, const char *w, size_t len, uint64_t h)
{
    size_t mask = lex->cap - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        slot *s = &lex->slots[i];
        if (s->len == 0 || (s->len == len && memcmp(s->key, w, len) == 0))
            return s;
    }
}

static slot *find(const sentsplit_lexicon *lex, const char *w, size_t len)
{
    return find_h(lex, w, len, hash(w, len));
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
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].len)
            *find(lex, old[i].key, old[i].len) = old[i];
    free(old);
    return 0;
}

int sentsplit_lexicon_add(sentsplit_lexicon *lex, const char *word, size_t len, unsigned cls)
{
    if (len == 0 || len > KEY_MAX)
        return -1;
    if ((lex->count + 1) * 2 > lex->cap && grow(lex) != 0)
        return -1;
    uint64_t h = hash(word, len);
    unsigned b = (unsigned)(h >> 48);
    lex->filter[b >> 6] |= (uint64_t)1 << (b & 63);
    slot *s = find_h(lex, word, len, h);
    if (s->len == 0) {
        s->len = (uint8_t)len;
        memcpy(s->key, word, len);
        lex->count++;
    }
    /* A word may be both an abbreviation and a starter: the class is
     * replaced by the newest, the starter flag accumulates. */
    if (cls & SENTSPLIT_CLASS_MASK)
        s->cls = (uint8_t)((s->cls & ~SENTSPLIT_CLASS_MASK) | (cls & SENTSPLIT_CLASS_MASK));
    s->cls |= (uint8_t)(cls & SENTSPLIT_STARTER);
    return 0;
}

unsigned sentsplit_lexicon_get(const sentsplit_lexicon *lex, const char *word, size_t len)
{
    if (!lex || len == 0 || len > KEY_MAX)
        return 0;
    uint64_t h = hash(word, len);
    if (!filter_has(lex, h))
        return 0;
    return find_h(lex, word, len, h)->cls;
}

size_t sentsplit_lexicon_size(const sentsplit_lexicon *lex)
{
    return lex ? lex->count : 0;
}

static const struct {
    const char *name;
    unsigned cls;
} class_names[] = {{"abbr", SENTSPLIT_ABBR},     {"title", SENTSPLIT_TITLE},
                   {"number", SENTSPLIT_NUMBER}, {"month", SENTSPLIT_MONTH},
                   {"time", SENTSPLIT_TIME},     {"never", SENTSPLIT_NEVER},
                   {"starter", SENTSPLIT_STARTER}};

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
                snprintf(err, errlen, "%s:%u: unknown class '%.*s' (abbr, title, number, month, time, never, starter)",
                         path, lineno, (int)clen, c);
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
