/*
 * lexicon.c: the word lists of the splitter (abbreviations and sentence
 * starters) as an open-addressing hash table, and their data-file parser.
 *
 * Keys are short byte strings kept inline in the slots, so a lookup is one
 * hash and, usually, one memcmp; the splitter does a few lookups per period.
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

struct sentsplit_lexicon {
    slot *slots;
    size_t cap;   /* power of two */
    size_t count;
};

static uint32_t hash(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (uint8_t)s[i];
        h *= 16777619u;
    }
    return h;
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

static slot *find(const sentsplit_lexicon *lex, const char *w, size_t len)
{
    size_t mask = lex->cap - 1;
    for (size_t i = hash(w, len) & mask;; i = (i + 1) & mask) {
        slot *s = &lex->slots[i];
        if (s->len == 0 || (s->len == len && memcmp(s->key, w, len) == 0))
            return s;
    }
}

/* Double the table so it stays at most half full: short probe runs. */
static int grow(sentsplit_lexicon *lex)
{
    sentsplit_lexicon bigger = {calloc(lex->cap * 2, sizeof(slot)), lex->cap * 2, lex->count};
    if (!bigger.slots)
        return -1;
    for (size_t i = 0; i < lex->cap; i++)
        if (lex->slots[i].len)
            *find(&bigger, lex->slots[i].key, lex->slots[i].len) = lex->slots[i];
    free(lex->slots);
    *lex = bigger;
    return 0;
}

int sentsplit_lexicon_add(sentsplit_lexicon *lex, const char *word, size_t len, unsigned cls)
{
    if (len == 0 || len > KEY_MAX)
        return -1;
    if ((lex->count + 1) * 2 > lex->cap && grow(lex) != 0)
        return -1;
    slot *s = find(lex, word, len);
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
    return find(lex, word, len)->cls;
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
