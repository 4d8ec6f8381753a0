/*
 * qf_internal.h: what the quote finder's files share. Not installed.
 *
 * The pipeline inside qf_find():
 *   qf_units.c    words and punctuation (from tokens or an own scan), paragraphs, sentence starts
 *   qf_marks.c    quote-mark classification (quote vs apostrophe) and pairing into quotes
 *   qf_kind.c     direct speech vs scare quote / title
 *   qf_resolve.c  name mentions, entities, pronoun and title resolution
 *   qf_attrib.c   speaker and cue-verb attribution patterns
 * qf_find.c runs them in order; qf_speakers.c builds the who-said-what table
 * afterwards; qf_lexicon.c (word lists) and qf_core.c (qf_grow) are below all.
 */
#ifndef PIPE_QF_INTERNAL_H
#define PIPE_QF_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pipe/prefault.h"
#include "quotefind.h"

/* Lexicon classes of a word (bits of qf_unit.lex). */
enum {
    LX_VERB = 1u << 0,      /* speech verb: said, told, added */
    LX_TITLE = 1u << 1,     /* person title or role: chairman, spokesman */
    LX_ORGN = 1u << 2,      /* organisation noun: company, ministry */
    LX_HONOR = 1u << 3,     /* courtesy title before a name: Mr, Dr */
    LX_MALE = 1u << 4,      /* he, Mr */
    LX_FEMALE = 1u << 5,    /* she, Mrs, Ms */
    LX_PRON = 1u << 6,      /* third-person subject pronoun: he, she, they, it */
    LX_PLURAL = 1u << 7,    /* they */
    LX_NEUTER = 1u << 8,    /* it */
    LX_FIRST = 1u << 9,     /* first or second person: I, we, our, you */
    LX_NONNAME = 1u << 10,  /* capitalised but never a name by itself: The, Monday */
    LX_FUNC = 1u << 11,     /* function word: and, of, to */
    LX_AUX = 1u << 12,      /* between subject and verb: has, also, later */
    LX_DET = 1u << 13,      /* determiner: the, a, its */
    LX_SCARE = 1u << 14,    /* announces a term: so-called, dubbed */
    LX_ACCORD = 1u << 15,   /* "according" (to X) */
    LX_PARTICLE = 1u << 16, /* lowercase name particle: de, van, bin */
    LX_ORGWORD = 1u << 17,  /* makes a name an organisation: Corp, Bank, Ministry */
    LX_FNAME = 1u << 18,    /* a first name (gender in LX_MALE/LX_FEMALE); counts capitalised only */
    LX_PLACE = 1u << 19     /* a country, region or city; counts capitalised only */
};

/* Unit types. */
enum { QU_WORD = 1,
       QU_NUM = 2,
       QU_PUNCT = 3,
       QU_OTHER = 4 };

/* Unit flags. */
enum {
    UF_CAP = 1u << 0,    /* starts with an upper-case letter */
    UF_SENT = 1u << 1,   /* first unit of a sentence */
    UF_PARA = 1u << 2,   /* first unit of a paragraph */
    UF_INQ = 1u << 3,    /* inside the content of a quote */
    UF_CLITIC = 1u << 4, /* possessive 's */
    UF_MARK = 1u << 5,   /* a paired quote mark (opening or closing) */
    UF_TERM = 1u << 6,   /* sentence-final punctuation . ! ? (not an abbreviation dot) */
    UF_HEAD = 1u << 7    /* in a headline: every content word capitalised, or no lower case at all */
};

/* A word or punctuation unit: 4 bytes, one per token. Its span is f->sp[i] (qf_unit_start/end):
 * the `tokens` layer's own records when the finder may use them as they are, else its own copy.
 * Neither its word hash (qf_unit_hash) nor its punctuation character (qf_unit_ch) is kept: both
 * are made again from the text where they are needed, as with one unit per token each byte of a
 * unit is a byte per token of the document in memory. */
typedef struct qf_unit {
    uint32_t lex : 21;  /* LX_* bits of the lower-cased word */
    uint32_t flags : 8; /* UF_* */
    uint32_t type : 3;  /* QU_* */
} qf_unit;

/* Character classes of the quote marks. */
enum {
    QM_NONE = 0,
    QM_STRAIGHT_D, /* " */
    QM_STRAIGHT_S, /* ' */
    QM_LDQ,        /* “ */
    QM_RDQ,        /* ” */
    QM_LSQ,        /* ‘ */
    QM_RSQ,        /* ’ (also the apostrophe) */
    QM_LOW_D,      /* „ */
    QM_LOW_S,      /* ‚ */
    QM_REV_D,      /* ‟ */
    QM_LAQ,        /* « */
    QM_RAQ,        /* » */
    QM_LSAQ,       /* ‹ */
    QM_RSAQ        /* › */
};

/* A pair of marks found by qf_marks (content and flags filled in; kind and speaker later). */
typedef struct qf_pair {
    uint32_t start, end;                 /* outer span */
    uint32_t content_start, content_end; /* inside the marks */
    uint32_t flags;                      /* PIPE_QUOTEF_* */
    uint16_t level;
    uint16_t kind;
    uint32_t u_open, u_close;         /* unit indexes: first unit of the content, one past its last */
    uint32_t u_start, u_end;          /* qf_unit_at() of start and end, found once for every later step */
    int32_t close_mark;               /* unit of the closing mark, -1 when unclosed or not a unit */
    uint32_t para;                    /* paragraph of the opening mark */
    int32_t cue, spk_first, spk_last; /* unit indexes of cue and speaker mention, -1 */
    int32_t entity;                   /* resolved entity, -1 */
    uint32_t name_off, name_len;      /* speaker name in the finder's name buffer, name_len 0 = none */
    uint8_t spk_kind;                 /* SPK_* of the mention */
    uint8_t resolved;                 /* found through a pronoun, title or neighbouring sentence */
} qf_pair;

/* Kinds of speaker mention. */
enum { SPK_NONE = 0,
       SPK_NAME,
       SPK_PRON,
       SPK_DESC };

/* A run of capitalised words that may name someone. */
typedef struct qf_chunk {
    uint32_t first, last; /* name units (honorifics and leading titles excluded) */
    int32_t entity;
    uint8_t person;  /* 2 = honorific or title, 1 = two or more words, 0 = unknown */
    uint8_t gender;  /* 0 unknown, 1 male, 2 female */
    uint8_t subject; /* directly followed by a verb group */
    uint8_t org;     /* an organisation word (Corp, Ministry) or an acronym (NATO, ACLU) */
    uint8_t lead;    /* opens its sentence (after titles) and a lower-case word follows: its subject */
} qf_chunk;

/* Word hashes an entity keeps of its best chunk (news names have one to three words); a longer
 * name is read again from its units. Three make the entity one 64-byte cache line. */
#define QF_BEST_WORDS 3

/* A person or organisation: the chunks that name it share one. */
typedef struct qf_entity {
    /*
     * The hashes of best's word units (name words and particles, in order), so a later mention is
     * matched without going back to that chunk: in a long document its units, spans and text are
     * megabytes behind and each was a cache miss (a fifth of the quote finder's time at 50 MB).
     */
    uint64_t bw[QF_BEST_WORDS];
    uint32_t best;       /* chunk with the longest name */
    uint32_t titles[6];  /* title words seen with any of its chunks */
    uint8_t nbw;         /* words in bw; 0: best has more than QF_BEST_WORDS word units */
    uint8_t bw_particle; /* bit k: bw[k] is a particle (de, van), which need not occur in a fuller name */
    uint8_t ntitles;
    uint8_t person, gender;
    uint8_t org;      /* some chunk of it looks like an organisation */
    uint8_t gchecked; /* gender looked up from its first name (once, when a pronoun asks) */
    /* Some mention of it stands inside a sentence, has two words, a title or an honorific, or is
     * an acronym: a name. Without one it may be a word capitalised only by its place (Hours
     * later, ... / Wait, ... / Bankers said). */
    uint8_t inner;
} qf_entity;

/* Open-addressing word -> value map with a per-document generation, so clearing is O(1). */
typedef struct qf_map {
    uint64_t *keys;
    int32_t *vals;
    uint32_t *gen;
    size_t cap; /* power of two, at most half full */
    size_t n;   /* keys of the current generation */
    uint32_t cur;
} qf_map;

/* Open-addressing hash set of lower-cased words with their LX_* bits. */
typedef struct qf_table {
    uint64_t *keys; /* hash of the lower-cased word, 0 = empty */
    uint32_t *bits;
    size_t cap, n;
} qf_table;

struct qf_lexicon {
    qf_table words; /* every list but names and places: looked up for each unit that may be listed */
    /* First names and places (thousands of entries): looked up only for the few words the
     * resolver asks about, so the per-unit look-ups stay in a table that fits the cache. */
    qf_table names;
    /* Prefilter: one bit per qf_lex_prekey() of the listed words, so most words that are in no
     * list are known as such without hashing. */
    uint64_t pre[(1u << 15) / 64];
    int pre_all; /* a listed word has no key: the prefilter passes everything */
};

struct qf_finder {
    const qf_lexicon *lex;
    const char *text;
    size_t len;
    qf_unit *u;
    size_t nu, capu;
    const pipe_token *sp; /* span of each unit: the tokens given, or own_sp */
    pipe_token *own_sp;   /* spans of the units the finder made itself */
    size_t cap_own_sp;
    uint32_t *para_start; /* byte offsets where paragraphs start */
    size_t npara, cappara;
    qf_pair *p;
    size_t np, capp;
    size_t p_present; /* bytes of p made present ahead of the pairs (pipe/prefault.h) */
    qf_chunk *c;
    size_t nc, capc;
    size_t c_present; /* bytes of c made present ahead of the chunks (pipe/prefault.h) */
    qf_entity *e;
    size_t ne, cape;
    qf_map names;
    char *nbuf;
    size_t nbuf_len, nbuf_cap;
    qf_quote *out;
    size_t capout;
    /* qf_speakers(): slot of each entity and each pair, mention triples, the table itself */
    int32_t *ent_slot, *pair_slot;
    size_t cap_ent_slot, cap_pair_slot;
    uint32_t *mention; /* (slot, start, end) triples, then spans grouped by slot */
    size_t nmention, cap_mention;
    uint32_t *spans;
    size_t cap_spans;
    size_t *slot_first; /* first pair of each slot */
    size_t cap_slot_first;
    size_t *slot_at; /* counting-sort offsets per slot */
    size_t cap_slot_at;
    qf_speaker *spk;
    size_t nspk, cap_spk;
    int oom; /* a name could not be stored: qf_find fails */
};

/* Grow *arr (element size sz) to hold at least need elements; 0 or -1 (qf_core.c). */
int qf_grow(void **arr, size_t *cap, size_t need, size_t sz);

/* The pieces of qf_word_hash (qf_lexicon.c), here so that short words hash inline. */
/* The folded length m enters last, so words that pack alike but differ in length differ. */
static inline uint64_t qf_hash_finish(uint64_t h, size_t m)
{
    h ^= (uint64_t)m * 0xC2B2AE3D27D4EB4Full;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    return h ? h : 1;
}

/* Whether a memcpy'd 64-bit word holds its first byte in the low bits, as the byte loop packs. */
static inline int qf_hash_little_endian(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

/* The 1..7 bytes at s packed little-endian, read without a byte loop: two overlapping loads
 * (or three single bytes) put every byte at its own position; overlaps write the same byte. */
static inline uint64_t qf_hash_tail(const char *s, size_t r)
{
    if (r >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + r - 4, 4);
        return (uint64_t)lo | ((uint64_t)hi << (8 * (r - 4)));
    }
    const unsigned char *u = (const unsigned char *)s;
    return (uint64_t)u[0] | ((uint64_t)u[r >> 1] << (8 * (r >> 1))) | ((uint64_t)u[r - 1] << (8 * (r - 1)));
}

/* ASCII upper-case letters of a word of ASCII bytes made lower case, eight at once:
 * b + 0x3F has bit 7 iff b >= 'A', b + 0x25 iff b > 'Z'; no byte carries into the next. */
static inline uint64_t qf_hash_fold8(uint64_t v)
{
    uint64_t ge_a = v + 0x3F3F3F3F3F3F3F3Full, gt_z = v + 0x2525252525252525ull;
    return v | (((ge_a & ~gt_z) & 0x8080808080808080ull) >> 2);
}

static inline uint64_t qf_hash_mix8(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 32);
}

/* Hash of a word lower-cased (ASCII) with ’ folded to '; 0 when the word is too long. */
uint64_t qf_word_hash(const char *s, size_t n);
/* qf_word_hash, the same value, inline for a word of 1 to 8 ASCII bytes (most words: one
 * mixing step), a call for the others. Called for every unit the lexicon is asked about. */
static inline uint64_t qf_word_hash_inline(const char *s, size_t n)
{
    if (qf_hash_little_endian() && n - 1 < 8) {
        uint64_t v;
        if (n == 8)
            memcpy(&v, s, 8);
        else
            v = qf_hash_tail(s, n);
        if (!(v & 0x8080808080808080ull))
            return qf_hash_finish(qf_hash_mix8(0x9E3779B97F4A7C15ull, qf_hash_fold8(v)), n);
    }
    return qf_word_hash(s, n);
}
/* Prefilter key (0..32767) of a word from its first two and last bytes, or -1 when one of them
 * is not ASCII (then ’ folding could change them: the caller hashes and looks up as usual).
 * Letters map to distinct keys; other bytes may share one, which only costs a look-up.
 * This and the two below run for every word unit: inline, not calls into qf_lexicon.c. */
static inline int qf_lex_prekey(const char *s, size_t n)
{
    if (n == 0)
        return -1;
    unsigned a = (unsigned char)s[0], b = n > 1 ? (unsigned char)s[1] : 0, z = (unsigned char)s[n - 1];
    if ((a | b | z) >= 0x80)
        return -1;
    return (int)(((a & 31u) << 10) | ((b & 31u) << 5) | (z & 31u));
}
/* 0 when the word is certainly in no list (then its lexicon bits are 0). */
static inline int qf_lex_maybe(const qf_lexicon *lex, const char *s, size_t n)
{
    int k = qf_lex_prekey(s, n);
    return k < 0 || lex->pre_all || (lex->pre[k >> 6] >> (k & 63) & 1);
}
/* Bits of hash h in table t (0 when absent or h is 0). */
static inline uint32_t qf_table_get(const qf_table *t, uint64_t h)
{
    if (!h || !t->cap)
        return 0;
    size_t m = t->cap - 1;
    for (size_t i = (size_t)h & m;; i = (i + 1) & m) {
        if (t->keys[i] == h)
            return t->bits[i];
        if (!t->keys[i])
            return 0;
    }
}
/* Lexicon bits of a word hash. */
static inline uint32_t qf_lex_bits(const qf_lexicon *lex, uint64_t h)
{
    return qf_table_get(&lex->words, h);
}
/* LX_FNAME (with LX_MALE/LX_FEMALE) and LX_PLACE bits of a word hash, from the names table. */
uint32_t qf_lex_name_bits(const qf_lexicon *lex, uint64_t h);
/* Byte span of a unit given by its address in f->u (f->sp[i] for unit i). */
static inline uint32_t qf_unit_start(const qf_finder *f, const qf_unit *u)
{
    return f->sp[u - f->u].start;
}
static inline uint32_t qf_unit_end(const qf_finder *f, const qf_unit *u)
{
    return f->sp[u - f->u].end;
}

/* The ASCII punctuation character of a QU_PUNCT unit (its byte when it is one byte long; '-' for an
 * en or em dash, '.' for an ellipsis, which ends a sentence like a full stop), else 0. */
static inline unsigned char qf_unit_ch(const qf_finder *f, const qf_unit *u)
{
    if (u->type != QU_PUNCT)
        return 0;
    const unsigned char *t = (const unsigned char *)f->text + qf_unit_start(f, u);
    uint32_t n = qf_unit_end(f, u) - qf_unit_start(f, u);
    if (n == 1)
        return t[0];
    if (n == 3 && t[0] == 0xE2 && t[1] == 0x80)
        return t[2] == 0x93 || t[2] == 0x94 ? '-' : t[2] == 0xA6 ? '.' :
                                                                   0;
    return 0;
}

/* qf_word_hash of a unit's text. */
static inline uint64_t qf_unit_hash(const qf_finder *f, const qf_unit *u)
{
    return qf_word_hash_inline(f->text + qf_unit_start(f, u), qf_unit_end(f, u) - qf_unit_start(f, u));
}

/* Name-table bits of a capitalised word (0 for others). */
static inline uint32_t qf_unit_name_bits(const qf_finder *f, const qf_unit *u)
{
    if (!(u->flags & UF_CAP) || u->type != QU_WORD)
        return 0;
    uint64_t h = qf_unit_hash(f, u);
    return h ? qf_lex_name_bits(f->lex, h) : 0;
}

/* LX_PLACE when units a..b (capitalised words) name one listed place (Salem, New Hampshire). */
uint32_t qf_run_place(const qf_finder *f, size_t a, size_t b);

/* Build units and sentence starts (paragraphs already built, marks not yet known). */
int qf_units_build(qf_finder *f, const pipe_token *tokens, size_t ntok, const pipe_sentence *sents,
                   size_t nsent);
/* Index of the first unit whose start is >= off. */
size_t qf_unit_at(const qf_finder *f, uint32_t off);
/* The same, knowing that unit lo starts before off: O(log distance), so walking ascending
 * offsets costs O(n) in all. */
size_t qf_unit_at_from(const qf_finder *f, size_t lo, uint32_t off);
/* Whether any quote mark of the text could open a quote: 0 means qf_marks_pair() would find no
 * pair (every mark is an apostrophe or a stray closer), so the document needs no further work. */
int qf_marks_possible(const char *text, size_t len);
/* Paragraph starts into f->para_start (the pairing needs them; units do not). */
int qf_paragraphs_build(qf_finder *f);
/* Find and pair the quote marks into f->p (sorted by start, levels set). */
int qf_marks_pair(qf_finder *f);
/* Set pair unit ranges, UF_MARK/UF_INQ flags and sentence starts after closing marks. */
void qf_marks_units(qf_finder *f);
/* Decide direct vs scare for every pair. */
void qf_kind_classify(qf_finder *f);
/* Collect name chunks and entities. */
int qf_resolve_collect(qf_finder *f);
/* Name chunk that unit i belongs to (index into f->c), or -1. */
int32_t qf_chunk_at(const qf_finder *f, uint32_t i);
/* Entity of the speaker mention of a pair (name, pronoun or description); -1 when unknown. */
int32_t qf_resolve_speaker(qf_finder *f, const qf_pair *p);
/* Find speakers and cues of the direct quotes. */
void qf_attrib_find(qf_finder *f);
/* Speech verb (with optional object) ending the clause before unit i, searching back at most
 * `reach` units inside the sentence; returns the verb unit or -1. */
int32_t qf_attrib_verb_before(const qf_finder *f, size_t i, size_t reach);

/* Speech verb from unit i on to the end of its sentence, at most `reach` units, not crossing
 * another quote; returns the verb unit or -1. */
int32_t qf_attrib_verb_after(const qf_finder *f, size_t i, size_t reach);

/* pipe_speaker_kind of the speaker of a pair (PIPE_SPEAKER_UNKNOWN without one; qf_speakers.c). */
uint16_t qf_speaker_kind(const qf_finder *f, const qf_pair *p);

/* Small character helpers on the text. */
int qf_is_alnum_at(const char *t, size_t len, size_t i);
#endif /* PIPE_QF_INTERNAL_H */
