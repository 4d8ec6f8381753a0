/*
 * util/fmt_double: the exact fast path gives the bytes of the snprintf/strtod loop it replaces,
 * on edge cases, on every power of two and ten and their neighbours, on exact ties at 15, 16 and
 * 17 digits, and on millions of random doubles (fixed seed): any bit pattern, patterns with the
 * exponents of the fast path's range, values in [1e-6, 1e6] and short decimals.
 */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/fmt_double.h"

/* The definition, kept here as it was in json_writer.c before the fast path: the fewest of 15,
 * 16 or 17 %g digits that strtod() reads back (every precision from 1 for subnormals). */
static void reference(char *s, size_t cap, double v)
{
    for (int prec = fabs(v) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        snprintf(s, cap, "%.*g", prec, v);
        if (prec == 17 || strtod(s, NULL) == v)
            break;
    }
}

typedef struct tally {
    long checked, fast;
} tally;

/* fmt_double() and, when it takes v, fmt_double_fast() write exactly what the reference does. */
static void check(tally *t, double v)
{
    char want[64], got[FMT_DOUBLE_MAX + 8], fast[FMT_DOUBLE_MAX + 8];
    reference(want, sizeof want, v);
    memset(got, 'x', sizeof got);
    size_t n = fmt_double(got, v);
    if (strcmp(got, want) != 0 || n != strlen(want)) {
        fprintf(stderr, "v = %a: fmt_double \"%s\" (%zu), reference \"%s\"\n", v, got, n, want);
        fail();
    }
    int k = fmt_double_fast(fast, v);
    if (k >= 0) {
        if (strcmp(fast, want) != 0 || (size_t)k != strlen(want)) {
            fprintf(stderr, "v = %a: fast path \"%s\" (%d), reference \"%s\"\n", v, fast, k, want);
            fail();
        }
        t->fast++;
    }
    t->checked++;
}

static void check_both_signs(tally *t, double v)
{
    check(t, v);
    check(t, -v);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static double from_bits(uint64_t b)
{
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}

static void test_edges(void **st)
{
    (void)st;
    tally t = {0, 0};
    static const double named[] = {0.0, DBL_MIN, DBL_MAX, DBL_TRUE_MIN, DBL_EPSILON, 0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3,
                                   2.0 / 3, 1.0, 7.0, 1e15, 1e16, 1e17, 1e-5, 1e-4, 9007199254740993.0,
                                   9007199254740992.0, 9007199254740991.0, 4503599627370496.5, 123456789012.5, 0.5,
                                   2.5, 0.125, 1.5e-5, 5e-324, 2.2250738585072009e-308, 1000000000000005.0,
                                   100000000000000.5, 1234567890123456.5, 1234567890123456.25, 999999999999999.5,
                                   9999999999999998.0, 0.00010000000000000005, 99999.999999999995, 1e-16, 1e47,
                                   1.7976931348623157e308, 4.9406564584124654e-324, 32.69511666377078,
                                   49.519590024714624, 7.06668449815418};
    for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
        check_both_signs(&t, named[k]);
        check_both_signs(&t, nextafter(named[k], INFINITY));
        check_both_signs(&t, nextafter(named[k], 0));
    }
    /* Every power of two (the narrower gap below each) and of ten, with their neighbours. */
    for (int e = -1074; e <= 1023; e++) {
        double v = ldexp(1, e);
        check_both_signs(&t, v);
        check_both_signs(&t, nextafter(v, INFINITY));
        check_both_signs(&t, nextafter(v, 0));
        check(&t, ldexp(3, e - 1));
    }
    for (int e = -323; e <= 308; e++) {
        char s[16];
        snprintf(s, sizeof s, "1e%d", e);
        double v = strtod(s, NULL);
        check_both_signs(&t, v);
        check_both_signs(&t, nextafter(v, INFINITY));
        check_both_signs(&t, nextafter(v, 0));
    }
    /* Subnormals: small significands and a few large ones. */
    for (uint64_t b = 1; b < 2000; b++)
        check(&t, from_bits(b));
    for (int k = 0; k < 2000; k++)
        check(&t, from_bits(next() & ((UINT64_C(1) << 52) - 1)));
    /* Exact ties: odd m / 2^j (all end in 5), integers of 16 digits ending in 5 (15-digit tie),
     * k.5 and k.25 with k of 16 digits (16- and 17-digit ties). */
    for (uint64_t m = 1; m < 200; m += 2)
        for (int j = 0; j <= 90; j++)
            check(&t, ldexp((double)m, -j));
    for (int k = 0; k < 20000; k++) {
        uint64_t i = 1000000000000000u + next() % 8007199254740990u;
        check(&t, (double)(i - i % 10 + 5));
        uint64_t h = 1000000000000000u + next() % 1251799813685247u; /* k.25 needs v < 2^51 */
        check(&t, (double)h + 0.5);
        check(&t, (double)h + 0.25);
    }
    assert_true(t.fast > t.checked / 3);
    printf("edges: %ld doubles, %ld by the fast path\n", t.checked, t.fast);
}

/* Any bit pattern (every exponent; NaN and infinities skipped: the writer prints null). */
static void test_random_bits(void **st)
{
    (void)st;
    tally t = {0, 0};
    for (int k = 0; k < 600000; k++) {
        double v = from_bits(next());
        if (isfinite(v))
            check(&t, v);
    }
    assert_true(t.fast > 0);
    printf("random bits: %ld doubles, %ld by the fast path\n", t.checked, t.fast);
}

/* Random significands with the exponents around the fast path's range (2^-70 to 2^180), so its
 * bounds are crossed from both sides. */
static void test_random_fast_range(void **st)
{
    (void)st;
    tally t = {0, 0};
    for (int k = 0; k < 700000; k++) {
        uint64_t r = next();
        uint64_t bexp = 1023 - 70 + r % 251;
        check(&t, from_bits((r & UINT64_C(0x800FFFFFFFFFFFFF)) | bexp << 52));
    }
    assert_true(t.fast > t.checked * 8 / 10);
    printf("fast range: %ld doubles, %ld by the fast path\n", t.checked, t.fast);
}

/* Values in [1e-6, 1e6], log-uniform and uniform (scores live here): all by the fast path. */
static void test_random_scores(void **st)
{
    (void)st;
    tally t = {0, 0};
    for (int k = 0; k < 300000; k++) {
        double u = (double)(next() >> 11) / 9007199254740992.0; /* [0, 1) */
        check(&t, pow(10, -6 + 12 * u));
        check(&t, 1e-6 + u * (1e6 - 1e-6));
    }
    assert_int_equal(t.fast, t.checked);
    printf("scores: %ld doubles, %ld by the fast path\n", t.checked, t.fast);
}

/* Short decimals m / 10^j of 1 to 16 digits (correctly rounded when m < 2^53, as j <= 22): most
 * read back at 15 digits or fewer, 16-digit ones at 16; and m * 10^j. */
static void test_short_decimals(void **st)
{
    (void)st;
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    tally t = {0, 0};
    for (int k = 0; k < 150000; k++) {
        uint64_t r = next();
        int digits = 1 + (int)(r % 16);
        uint64_t m = (r >> 8) % (uint64_t)p10[digits];
        int j = (int)((r >> 4) % 23);
        check(&t, (double)m / p10[j]);
        check(&t, (double)m * p10[j % 16]);
    }
    assert_true(t.fast > t.checked * 9 / 10);
    printf("short decimals: %ld doubles, %ld by the fast path\n", t.checked, t.fast);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_random_bits),
        cmocka_unit_test(test_random_fast_range),
        cmocka_unit_test(test_random_scores),
        cmocka_unit_test(test_short_decimals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
