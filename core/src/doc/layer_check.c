#include "doc/layer_check.h"

#include <stdio.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "doc/doc.h"

static uint32_t u32_at(const char *rec, uint32_t off)
{
    uint32_t v;
    memcpy(&v, rec + off, sizeof v);
    return v;
}

static size_t count_of(const pipe_doc *doc, const char *layer)
{
    pipe_layer_id id;
    size_t n = 0;
    if (registry_find(doc_registry(doc), layer, &id) == PIPE_OK)
        doc_layer_records(doc, id, &n);
    return n;
}

/* What the check needs of one field, worked out once per call rather than once per record. */
typedef struct field_rule {
    const char *name;
    uint32_t type, offset;
    size_t nnames; /* ENUM16: values below this have a name */
} field_rule;

/* Fields checked per record: spans, strings and enums (the others hold any value). */
#define MAX_RULES 64

/* A field's value breaks the contract: a message naming it, or NULL when it holds. */
static const char *check_field(const pipe_doc *doc, const field_rule *f, const char *rec, size_t len)
{
    switch ((pipe_field_type)f->type) {
    case PIPE_FIELD_SPAN:
    case PIPE_FIELD_SPAN_TEXT: {
        uint32_t s = u32_at(rec, f->offset), e = u32_at(rec, f->offset + 4);
        if (s == PIPE_NO_POS && e == PIPE_NO_POS)
            return NULL;
        return s <= e && e <= len ? NULL : "is neither PIPE_NO_POS twice nor a span inside the text";
    }
    case PIPE_FIELD_STR: {
        pipe_str v;
        memcpy(&v, rec + f->offset, sizeof v);
        return v.off == UINT32_MAX || doc_str_get(doc, v, NULL) ? NULL : "lies outside the string pool";
    }
    case PIPE_FIELD_ENUM16: {
        uint16_t v;
        memcpy(&v, rec + f->offset, sizeof v);
        return v < f->nnames ? NULL : "has no name (an unknown enum value)";
    }
    default:
        return NULL;
    }
}

enum builtin_index { IDX_NONE,
                     IDX_SENTENCES,
                     IDX_SUMMARY };

/* The built-in layers' indexes: a message, or NULL when they hold. */
static const char *check_indexes(enum builtin_index which, const char *rec, size_t ntokens, size_t nsentences)
{
    if (which == IDX_SENTENCES) {
        pipe_sentence s;
        memcpy(&s, rec, sizeof s);
        return s.first_token <= ntokens && s.n_tokens <= ntokens - s.first_token ? NULL : "first_token + n_tokens exceeds the number of tokens";
    }
    if (which == IDX_SUMMARY) {
        pipe_summary s;
        memcpy(&s, rec, sizeof s);
        return s.sentence < nsentences ? NULL : "sentence is not an index into sentences";
    }
    return NULL;
}

/* The rules of the fields worth checking; the count, or MAX_RULES + 1 when there are too many to hold. */
static size_t field_rules(const pipe_layer_schema *schema, field_rule *rules)
{
    size_t n = 0;
    for (size_t k = 0; schema->fields[k].name; k++) {
        const pipe_field *f = &schema->fields[k];
        if (f->type != PIPE_FIELD_SPAN && f->type != PIPE_FIELD_SPAN_TEXT && f->type != PIPE_FIELD_STR &&
            f->type != PIPE_FIELD_ENUM16)
            continue;
        if (n == MAX_RULES)
            return MAX_RULES + 1;
        size_t nn = 0;
        while (f->type == PIPE_FIELD_ENUM16 && f->names[nn])
            nn++;
        rules[n++] = (field_rule){f->name, f->type, f->offset, nn};
    }
    return n;
}

#if defined(__SSE2__)
/*
 * any_breach's token-shaped pass over groups of four 12-byte records (start, end, a 16-bit enum at
 * eoff 8 or 10, as pipe_token): the same chain prev <= start <= end <= len and v <= last, answered for
 * four records by one round of compares. Unsigned 32-bit order is signed order after flipping the top
 * bit; enum values (0..0xFFFF) and last (-1..0xFFFE) compare as they are. *before is the start before
 * the first record, and on return the start of the last one. Nonzero when any record breaks the chain.
 */
static int breach12_sse2(const char *rec, size_t groups, uint32_t *before, uint32_t len, uint32_t eoff, int32_t last,
                         int enums)
{
    const __m128i flip = _mm_set1_epi32((int32_t)0x80000000u);
    const __m128i to = _mm_xor_si128(_mm_set1_epi32((int32_t)len), flip), top = _mm_set1_epi32(last);
    __m128i carry = _mm_cvtsi32_si128((int32_t)(*before ^ 0x80000000u)), bad = _mm_setzero_si128();
    for (const char *stop = rec + groups * 48; rec < stop; rec += 48) {
        /* Dwords: a = s0 e0 v0 s1, b = e1 v1 s2 e2, c = v2 s3 e3 v3. */
        __m128 a = _mm_loadu_ps((const float *)(const void *)rec), b = _mm_loadu_ps((const float *)(const void *)(rec + 16)),
               c = _mm_loadu_ps((const float *)(const void *)(rec + 32));
        __m128 b2c1 = _mm_shuffle_ps(b, c, _MM_SHUFFLE(1, 1, 2, 2));
        __m128 a1b0 = _mm_shuffle_ps(a, b, _MM_SHUFFLE(0, 0, 1, 1)), b3c2 = _mm_shuffle_ps(b, c, _MM_SHUFFLE(2, 2, 3, 3));
        __m128i start = _mm_xor_si128(_mm_castps_si128(_mm_shuffle_ps(a, b2c1, _MM_SHUFFLE(2, 0, 3, 0))), flip);
        __m128i end = _mm_xor_si128(_mm_castps_si128(_mm_shuffle_ps(a1b0, b3c2, _MM_SHUFFLE(2, 0, 2, 0))), flip);
        __m128i prev = _mm_or_si128(_mm_slli_si128(start, 4), carry);
        carry = _mm_srli_si128(start, 12);
        bad = _mm_or_si128(bad, _mm_or_si128(_mm_cmpgt_epi32(prev, start), _mm_cmpgt_epi32(start, end)));
        bad = _mm_or_si128(bad, _mm_cmpgt_epi32(end, to));
        if (enums) {
            __m128 a2b1 = _mm_shuffle_ps(a, b, _MM_SHUFFLE(1, 1, 2, 2)), c0c3 = _mm_shuffle_ps(c, c, _MM_SHUFFLE(3, 3, 0, 0));
            __m128i v = _mm_castps_si128(_mm_shuffle_ps(a2b1, c0c3, _MM_SHUFFLE(2, 0, 2, 0)));
            v = eoff == 8 ? _mm_and_si128(v, _mm_set1_epi32(0xFFFF)) : _mm_srli_epi32(v, 16);
            bad = _mm_or_si128(bad, _mm_cmpgt_epi32(v, top));
        }
    }
    *before = (uint32_t)_mm_cvtsi128_si32(carry) ^ 0x80000000u;
    return _mm_movemask_epi8(bad) != 0;
}
#endif

/*
 * One tight pass per check over records [from, n): true when any record may break the contract.
 * Branch-free on the common path, so the check costs a few instructions a record; the slow
 * loop below runs only to name the breach.
 */
static int any_breach(const char *recs, size_t rs, size_t from, size_t n, size_t len, const field_rule *rules,
                      size_t nrules)
{
    uint32_t prev = from > 0 ? u32_at(recs + (from - 1) * rs, 0) : 0;
    int bad = 0;
    if (nrules == 0 || (nrules == 1 && rules[0].type == PIPE_FIELD_ENUM16)) {
        /* Tokens' shape (a span and one enum): span, order and enum in the same pass over each record,
         * which halves the loads and loop overhead of checking them one after the other.
         * The record holds when prev <= start <= end <= len and v < nnames: every difference along that
         * chain is >= 0 in 64 bits, so one sign bit over their OR answers for the whole layer. */
        uint32_t eoff = nrules ? rules[0].offset : 0;
        int64_t last = (nrules ? (int64_t)rules[0].nnames : 0x10000) - 1, to = len < INT64_MAX ? (int64_t)len : INT64_MAX;
        int64_t acc = 0, before = prev;
        const char *rec = recs + from * rs;
#if defined(__SSE2__)
        if (rs == 12 && (nrules == 0 || eoff == 8 || eoff == 10) && n - from >= 4) {
            size_t groups = (n - from) / 4;
            uint32_t b32 = prev;
            if (breach12_sse2(rec, groups, &b32, len < UINT32_MAX ? (uint32_t)len : UINT32_MAX, eoff,
                              (int32_t)(last < 0x10000 ? last : 0xFFFF), nrules != 0))
                return 1;
            before = b32;
            rec += groups * 48;
        }
#endif
        for (const char *stop = recs + n * rs; rec < stop; rec += rs) {
            int64_t start = u32_at(rec, 0), end = u32_at(rec, 4);
            uint16_t v;
            memcpy(&v, rec + eoff, sizeof v);
            acc |= (start - before) | (end - start) | (to - end) | (last - v);
            before = start;
        }
        return acc < 0;
    }
    for (size_t k = from; k < n; k++) {
        uint32_t start = u32_at(recs + k * rs, 0), end = u32_at(recs + k * rs, 4);
        bad |= (start > end) | (end > len) | (start < prev);
        prev = start;
    }
    for (size_t f = 0; f < nrules && !bad; f++) {
        const field_rule *r = &rules[f];
        for (size_t k = from; k < n; k++) {
            const char *rec = recs + k * rs;
            if (r->type == PIPE_FIELD_ENUM16) {
                uint16_t v;
                memcpy(&v, rec + r->offset, sizeof v);
                bad |= v >= r->nnames;
            } else {
                bad = 1; /* spans and strings: the slow loop checks them */
                break;
            }
        }
    }
    return bad;
}

int layer_check(const pipe_doc *doc, pipe_layer_id id, size_t from, char *err, size_t errlen)
{
    const pipe_layer_schema *schema = registry_schema(doc_registry(doc), id);
    size_t n, len;
    const char *recs = doc_layer_records(doc, id, &n);
    if (from >= n)
        return 0;
    doc_get_text(doc, &len);
    field_rule rules[MAX_RULES];
    size_t nrules = field_rules(schema, rules);
    if (nrules > MAX_RULES) {
        snprintf(err, errlen, "layer contract: layer '%s' has more than %d span, string and enum fields", schema->name,
                 MAX_RULES);
        return -1;
    }
    if (!any_breach(recs, schema->record_size, from, n, len, rules, nrules) &&
        strcmp(schema->name, PIPE_LAYER_SENTENCES) != 0 && strcmp(schema->name, PIPE_LAYER_SUMMARY) != 0)
        return 0;
    enum builtin_index which = strcmp(schema->name, PIPE_LAYER_SENTENCES) == 0 ? IDX_SENTENCES : strcmp(schema->name, PIPE_LAYER_SUMMARY) == 0 ? IDX_SUMMARY :
                                                                                                                                                 IDX_NONE;
    size_t ntokens = which == IDX_SENTENCES ? count_of(doc, PIPE_LAYER_TOKENS) : 0;
    size_t nsentences = which == IDX_SUMMARY ? count_of(doc, PIPE_LAYER_SENTENCES) : 0;
    uint32_t prev = from > 0 ? u32_at(recs + (from - 1) * schema->record_size, 0) : 0;
    for (size_t k = from; k < n; k++) {
        const char *rec = recs + k * schema->record_size;
        uint32_t start = u32_at(rec, 0), end = u32_at(rec, 4);
        const char *why = NULL, *field = NULL;
        if (start > end || end > len)
            why = "span [start, end) is not inside the text";
        else if (start < prev)
            why = "records are not sorted by start";
        for (size_t f = 0; !why && f < nrules; f++)
            if ((why = check_field(doc, &rules[f], rec, len)))
                field = rules[f].name;
        if (!why)
            why = check_indexes(which, rec, ntokens, nsentences);
        if (why) {
            snprintf(err, errlen, "layer contract: %s record %zu [%u, %u)%s%s%s: %s", schema->name, k, start, end,
                     field ? " field '" : "", field ? field : "", field ? "'" : "", why);
            return -1;
        }
        prev = start;
    }
    return 0;
}
