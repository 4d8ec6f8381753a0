/*
 * The layer contract's check over many records: every breach at every position (the token-shaped
 * pass takes records four at a time, so a breach must be found in any lane of any group and in the
 * tail after the last group), from any starting record, at the edges of unsigned 32-bit order, for
 * the tokens layer and for 12-byte layers with their enum at the other offset or with none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "doc/doc.h"
#include "doc/layer_check.h"
#include "doc/layer_registry.h"

/* A 12-byte layer whose enum is the second 16-bit field (offset 10), and one with no enum at all. */
typedef struct late_enum {
    uint32_t start, end;
    uint16_t flags, kind;
} late_enum;

static const char *const late_kinds[] = {"a", "b", "c", NULL};
static const pipe_field late_fields[] = {{"kind", PIPE_FIELD_ENUM16, offsetof(late_enum, kind), late_kinds, 0},
                                         {"flags", PIPE_FIELD_U16, offsetof(late_enum, flags), NULL, 0},
                                         PIPE_FIELD_END};
static const pipe_layer_schema late = {PIPE_SCHEMA_HEADER, "late", "12-byte records, enum at 10", sizeof(late_enum), 0,
                                       late_fields};
static const pipe_field plain_fields[] = {{"n", PIPE_FIELD_U32, 8, NULL, 0}, PIPE_FIELD_END};
static const pipe_layer_schema plain = {PIPE_SCHEMA_HEADER, "plain", "12-byte records, no enum", 12, 0, plain_fields};

/* One record's values, whatever the layer's layout. */
typedef struct rec {
    uint32_t start, end;
    uint16_t v;
} rec;

typedef struct layout {
    const char *name;
    uint32_t voff;   /* where the enum lies, or 0 for none */
    unsigned nnames; /* enum values below this are named */
} layout;

static const layout layouts[] = {{PIPE_LAYER_TOKENS, offsetof(pipe_token, kind), 12}, {"late", 10, 3}, {"plain", 0, 0}};

static registry reg;

static int setup(void **state)
{
    (void)state;
    pipe_layer_id id;
    char err[256];
    if (registry_init(&reg) || registry_add(&reg, &late, "test", &id, err, sizeof err) ||
        registry_add(&reg, &plain, "test", &id, err, sizeof err))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    registry_free(&reg);
    return 0;
}

/* layer_check over records r[0..n) of layout l in a text of len bytes (only its length is read), from record from. */
static int check(const layout *l, const rec *r, size_t n, size_t len, size_t from, char *err, size_t errlen)
{
    pipe_layer_id id;
    assert_int_equal(registry_find(&reg, l->name, &id), PIPE_OK);
    pipe_doc *d = doc_new(&reg, "t", calloc(1, 1), len);
    assert_non_null(d);
    char *out = n ? doc_layer_append(d, id, n) : NULL;
    for (size_t k = 0; k < n; k++) {
        memcpy(out + k * 12, &r[k].start, 4);
        memcpy(out + k * 12 + 4, &r[k].end, 4);
        if (l->voff)
            memcpy(out + k * 12 + l->voff, &r[k].v, 2);
    }
    err[0] = '\0';
    int rc = layer_check(d, id, from, err, errlen);
    doc_free(d);
    return rc;
}

/* Records that keep the contract: sorted starts (some equal), spans inside [0, len), every named value used. */
static void good_records(const layout *l, rec *r, size_t n, uint32_t base)
{
    for (size_t k = 0; k < n; k++) {
        r[k].start = base + (uint32_t)(k / 2 * 3); /* pairs share a start */
        r[k].end = r[k].start + (uint32_t)(k % 3);
        r[k].v = (uint16_t)(l->nnames ? k % l->nnames : 0xFFFF);
    }
}

enum breach { UNSORTED,
              REVERSED,
              PAST_END,
              UNNAMED,
              UNNAMED_TOP,
              NBREACH };

static const char *const why[NBREACH] = {"records are not sorted by start", "span [start, end) is not inside the text",
                                         "span [start, end) is not inside the text", "has no name (an unknown enum value)",
                                         "has no name (an unknown enum value)"};

/* Every breach, at every record j >= from, for every count up to 14 and every start: found, and named at j. */
static void test_every_breach_everywhere(void **state)
{
    (void)state;
    rec r[14];
    char err[512], want[64];
    for (size_t li = 0; li < sizeof layouts / sizeof layouts[0]; li++) {
        const layout *l = &layouts[li];
        for (size_t n = 0; n <= 14; n++) {
            for (size_t from = 0; from <= 5; from++) {
                good_records(l, r, n, 10);
                uint32_t len = 0;
                for (size_t k = 0; k < n; k++)
                    len = r[k].end + 1 > len ? r[k].end + 1 : len;
                if (check(l, r, n, len, from, err, sizeof err) != 0)
                    fail_msg("%s: %zu good records from %zu: '%s'", l->name, n, from, err);
                /* An end exactly at the text's end, and the largest named value, still hold. */
                if (n) {
                    r[n - 1].end = len;
                    r[n - 1].v = (uint16_t)(l->nnames ? l->nnames - 1 : 0xFFFF);
                    assert_int_equal(check(l, r, n, len, from, err, sizeof err), 0);
                }
                for (size_t j = from; j < n; j++) {
                    for (int b = 0; b < NBREACH; b++) {
                        if ((b == UNSORTED && j == 0) || ((b == UNNAMED || b == UNNAMED_TOP) && !l->voff))
                            continue;
                        good_records(l, r, n, 10);
                        if (b == UNSORTED)
                            r[j].start = r[j - 1].start - 1; /* still start <= end */
                        else if (b == REVERSED)
                            r[j].end = r[j].start - 1;
                        else if (b == PAST_END)
                            r[j].end = len + 1;
                        else
                            r[j].v = (uint16_t)(b == UNNAMED ? l->nnames : 0xFFFF);
                        if (check(l, r, n, len, from, err, sizeof err) != -1)
                            fail_msg("%s: %zu records from %zu: breach %d at %zu not found", l->name, n, from, b, j);
                        snprintf(want, sizeof want, " record %zu [", j);
                        if (!strstr(err, want) || !strstr(err, why[b]))
                            fail_msg("%s: breach %d at %zu of %zu: '%s'", l->name, b, j, n, err);
                    }
                }
            }
        }
    }
}

/* Offsets on both sides of 2^31 order as unsigned numbers: the vector pass must not compare them as signed. */
static void test_unsigned_order(void **state)
{
    (void)state;
    rec r[9];
    char err[512];
    const layout *l = &layouts[0];
    for (size_t cut = 0; cut < 9; cut++) {
        /* Starts climb across 0x80000000 at record cut; ends up to 0xFFFFFFF0 inside a text that long. */
        for (size_t k = 0; k < 9; k++) {
            r[k].start = k < cut ? 0x7FFFFFF0u + (uint32_t)k : 0x80000000u + (uint32_t)k;
            r[k].end = k == 8 ? 0xFFFFFFF0u : r[k].start + 1;
            r[k].v = 0;
        }
        assert_int_equal(check(l, r, 9, 0xFFFFFFF0u, 0, err, sizeof err), 0);
        /* The same records in a text shorter than the last end: past the end, at record 8. */
        assert_int_equal(check(l, r, 9, 0xFFFFFFEFu, 0, err, sizeof err), -1);
        assert_non_null(strstr(err, "record 8 ["));
        /* A start above 2^31 followed by one below it is out of order. */
        if (cut > 0 && cut < 9) {
            uint32_t s = r[cut].start;
            r[cut].start = r[cut - 1].start;
            r[cut - 1].start = s;
            r[cut - 1].end = s + 1;
            r[cut].end = r[cut].start + 1;
            assert_int_equal(check(l, r, 9, 0xFFFFFFF0u, 0, err, sizeof err), -1);
            char want[32];
            snprintf(want, sizeof want, "record %zu [", cut);
            if (!strstr(err, want) || !strstr(err, "not sorted"))
                fail_msg("cut %zu: '%s'", cut, err);
        }
    }
    /* The record before `from` sets the order: a first checked start below it is a breach. */
    for (size_t k = 0; k < 9; k++)
        r[k] = (rec){(uint32_t)(100 + k), (uint32_t)(101 + k), 0};
    r[3].start = 0xFFFFFF00u;
    r[3].end = 0xFFFFFF00u;
    assert_int_equal(check(l, r, 9, 0xFFFFFFF0u, 4, err, sizeof err), -1);
    assert_non_null(strstr(err, "record 4 ["));
    assert_non_null(strstr(err, "not sorted"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_breach_everywhere),
        cmocka_unit_test(test_unsigned_order),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
