/*
 * qf_lexicon.c: the word lists of conf/quotes-*.txt as one hash set of
 * lower-cased words carrying LX_* class bits.
 *
 * File format: one word per line, optionally followed by tags separated by
 * spaces (`she pron female`); `#` starts a comment. Each file gives its
 * words a default class (verbs: LX_VERB, titles: LX_TITLE, ...), so the
 * common case needs no tags. Words are matched case-insensitively (ASCII)
 * with ’ read as '.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qf_internal.h"

const char *const qf_data_files[] = {"quotes-verbs-en.txt", "quotes-titles-en.txt",
                                     "quotes-honorifics-en.txt", "quotes-pronouns-en.txt",
                                     "quotes-words-en.txt", "quotes-names-en.txt",
                                     "quotes-places-en.txt", NULL};

static const uint32_t file_default[] = {LX_VERB, LX_TITLE, LX_HONOR, LX_PRON, 0, LX_FNAME, LX_PLACE};
/* Names and places count only capitalised, and capitalised words are always looked up: they stay
 * out of the prefilter, which keeps lower-case running text from being hashed. */
static const uint8_t file_caps_only[] = {0, 0, 0, 0, 0, 1, 1};

static const struct {
    const char *tag;
    uint32_t bit;
} tags[] = {{"verb", LX_VERB}, {"title", LX_TITLE}, {"org", LX_ORGN | LX_TITLE}, {"honor", LX_HONOR}, {"male", LX_MALE}, {"female", LX_FEMALE}, {"pron", LX_PRON}, {"plural", LX_PLURAL}, {"neuter", LX_NEUTER}, {"first", LX_FIRST}, {"nonname", LX_NONNAME}, {"func", LX_FUNC}, {"aux", LX_AUX}, {"det", LX_DET}, {"scare", LX_SCARE}, {"accord", LX_ACCORD}, {"particle", LX_PARTICLE}, {"orgword", LX_ORGWORD}, {"both", LX_FNAME}, {"country", LX_PLACE}, {"region", LX_PLACE}, {"city", LX_PLACE}};

/* Folded bytes are gathered in a register and mixed eight at a time: a byte-serial FNV chain
 * cost more than the rest of the unit building (and a byte buffer re-read as words stalls on
 * store forwarding). The folded length enters at the end. ASCII words (nearly all) are read
 * eight bytes at a time; a word with a non-ASCII byte (’ folds to ') takes the byte loop from
 * its first eight-byte block that has one, which builds the same words. */
uint64_t qf_word_hash(const char *s, size_t n)
{
    if (n == 0 || n > 48)
        return 0;
    uint64_t h = 0x9E3779B97F4A7C15ull, w = 0;
    size_t i = 0;
    if (qf_hash_little_endian()) {
        for (; n - i >= 8; i += 8) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            if (v & 0x8080808080808080ull)
                goto bytes;
            h = qf_hash_mix8(h, qf_hash_fold8(v));
        }
        if (i < n) {
            uint64_t v = qf_hash_tail(s + i, n - i);
            if (v & 0x8080808080808080ull)
                goto bytes;
            h = qf_hash_mix8(h, qf_hash_fold8(v));
        }
        return qf_hash_finish(h, n);
    }
bytes:;
    unsigned sh = 0;
    size_t m = i;
    for (; i < n; i++) {
        unsigned c = (unsigned char)s[i];
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x99) {
            c = '\'';
            i += 2;
        } else {
            c |= (unsigned)(c - 'A' < 26u) << 5; /* ASCII lower case, no locale */
        }
        w |= (uint64_t)c << sh;
        m++;
        sh += 8;
        if (sh == 64) {
            h = qf_hash_mix8(h, w);
            w = 0;
            sh = 0;
        }
    }
    if (sh)
        h = qf_hash_mix8(h, w);
    return qf_hash_finish(h, m);
}

uint32_t qf_lex_name_bits(const qf_lexicon *lex, uint64_t h)
{
    return qf_table_get(&lex->names, h);
}

/* A multi-word place is listed with `_` between its words (new_hampshire): the run's words are
 * joined the same way and hashed, so "Salem, New Hampshire, Trump said" can see New Hampshire as
 * one place. Only capitalised words one blank apart make a run. */
uint32_t qf_run_place(const qf_finder *f, size_t a, size_t b)
{
    if (a == b)
        return qf_unit_name_bits(f, &f->u[a]) & LX_PLACE;
    char key[49];
    size_t n = 0;
    for (size_t i = a; i <= b; i++) {
        const qf_unit *w = &f->u[i];
        size_t len = qf_unit_end(f, w) - qf_unit_start(f, w);
        if (w->type != QU_WORD || !(w->flags & UF_CAP) || n + len + (i > a) > sizeof key - 1 ||
            (i > a && qf_unit_start(f, w) != f->sp[i - 1].end + 1))
            return 0;
        if (i > a)
            key[n++] = '_';
        memcpy(key + n, f->text + qf_unit_start(f, w), len);
        n += len;
    }
    return qf_lex_name_bits(f->lex, qf_word_hash(key, n)) & LX_PLACE;
}

static int lex_put(qf_table *lex, uint64_t h, uint32_t bits)
{
    if ((lex->n + 1) * 4 > lex->cap * 3) { /* load up to 3/4: the word table stays in L1 */
        size_t nc = lex->cap ? lex->cap * 2 : 1024;
        uint64_t *k = calloc(nc, sizeof *k);
        uint32_t *b = calloc(nc, sizeof *b);
        if (!k || !b) {
            free(k);
            free(b);
            return -1;
        }
        for (size_t i = 0; i < lex->cap; i++) {
            if (!lex->keys[i])
                continue;
            size_t j = (size_t)lex->keys[i] & (nc - 1);
            while (k[j])
                j = (j + 1) & (nc - 1);
            k[j] = lex->keys[i];
            b[j] = lex->bits[i];
        }
        free(lex->keys);
        free(lex->bits);
        lex->keys = k;
        lex->bits = b;
        lex->cap = nc;
    }
    size_t m = lex->cap - 1;
    size_t i = (size_t)h & m;
    while (lex->keys[i] && lex->keys[i] != h)
        i = (i + 1) & m;
    if (!lex->keys[i])
        lex->n++;
    lex->keys[i] = h;
    lex->bits[i] |= bits; /* a word may be in several lists: "general" title and adjective */
    return 0;
}

qf_lexicon *qf_lexicon_new(void)
{
    return calloc(1, sizeof(qf_lexicon));
}

void qf_lexicon_free(qf_lexicon *lex)
{
    if (!lex)
        return;
    free(lex->words.keys);
    free(lex->words.bits);
    free(lex->names.keys);
    free(lex->names.bits);
    free(lex);
}

/* The next field of a line split at blanks (as strtok_r with " \t\r\n" would, without its
 * per-call cost: the lists are 12,600 lines, loaded by every process), NULL after the last. */
static int blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static char *next_field(char **save)
{
    char *p = *save;
    while (blank(*p))
        p++;
    if (!*p) {
        *save = p;
        return NULL;
    }
    char *f = p;
    while (*p && !blank(*p))
        p++;
    if (*p)
        *p++ = 0;
    *save = p;
    return f;
}

int qf_lexicon_add_file(qf_lexicon *lex, const char *name, const char *path, char *err, size_t errlen)
{
    uint32_t def = 0;
    int known = 0, caps_only = 0;
    for (size_t i = 0; qf_data_files[i]; i++)
        if (strcmp(qf_data_files[i], name) == 0) {
            def = file_default[i];
            caps_only = file_caps_only[i];
            known = 1;
        }
    if (!known) {
        snprintf(err, errlen, "%s: not a quotes data file", name);
        return -1;
    }
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    char line[512];
    int lineno = 0, rc = 0;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = 0;
        char *save = line;
        char *word = next_field(&save);
        if (!word)
            continue;
        uint32_t bits = def;
        for (char *t = next_field(&save); t; t = next_field(&save)) {
            size_t k = 0;
            while (k < sizeof tags / sizeof tags[0] && (tags[k].tag[0] != t[0] || strcmp(tags[k].tag, t) != 0))
                k++;
            if (k == sizeof tags / sizeof tags[0]) {
                snprintf(err, errlen, "%s:%d: unknown tag '%s'", path, lineno, t);
                rc = -1;
                break;
            }
            bits |= tags[k].bit;
        }
        if (rc)
            break;
        uint64_t h = qf_word_hash(word, strlen(word));
        if (!bits || !h) {
            snprintf(err, errlen, "%s:%d: word without a class or longer than 48 bytes", path, lineno);
            rc = -1;
            break;
        }
        int pk = qf_lex_prekey(word, strlen(word));
        if (caps_only)
            pk = -2; /* kept out of the prefilter, see file_caps_only */
        if (pk >= 0)
            lex->pre[pk >> 6] |= 1ull << (pk & 63);
        else if (pk == -1)
            lex->pre_all = 1; /* cannot happen for the ASCII word lists; stay exact anyway */
        if (lex_put(caps_only ? &lex->names : &lex->words, h, bits)) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
            break;
        }
    }
    fclose(fp);
    return rc;
}

int qf_lexicon_load_dir(qf_lexicon **out, const char *dir, char *err, size_t errlen)
{
    qf_lexicon *lex = qf_lexicon_new();
    if (!lex) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    for (size_t i = 0; qf_data_files[i]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, qf_data_files[i]);
        if (qf_lexicon_add_file(lex, qf_data_files[i], path, err, errlen)) {
            qf_lexicon_free(lex);
            return -1;
        }
    }
    *out = lex;
    return 0;
}
