#include "util/fmt_double.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The fast path, and why it gives the bytes of the snprintf/strtod loop below.
 *
 * A normal double is v = m * 2^e2 with 2^52 <= m < 2^53. For p significant digits and
 * 10^x <= v < 10^(x+1), "%.pg" prints n * 10^q, q = x - p + 1, where n is v / 10^q rounded half
 * to even (glibc prints the exact binary value, correctly rounded). Write v / 10^q as a / b
 * with a = m * u: u = 2^max(s,0) * 5^max(t,0), b = 2^max(-s,0) * 5^max(-t,0), s = e2 - q, t = -q
 * (10^q = 2^q 5^q, so the powers of two cancel). Every step is exact while a < 2^128 and
 * b < 2^126: the quotient and remainder give n, and |n - a/b| = delta / b.
 *
 * strtod() gives v back from that text iff n * 10^q lies in v's rounding interval: within half
 * a gap (2^(e2-1)) of v, the boundary itself only when m is even (ties go to the even
 * neighbour). Scaled by 10^q and by b, half a gap is a / (2m) = u / 2, so the test is
 * 2 delta < u (or == u with m even). Below a power of two (m = 2^52) the gap under v is half
 * as wide: 4 delta <= u there (m is even, so the boundary reads back).
 *
 * So the loop's "15 digits if they read back, else 16 if they do, else 17" is computed exactly,
 * then laid out as %g: exponent form when x < -4 or x >= p, trailing zeros dropped. Outside
 * the range where the integers fit (about 1e-16 to 1e47), and for subnormals, the loop runs.
 * tests/core/test_fmt_double.c compares both on millions of doubles of every exponent.
 */

__extension__ typedef unsigned __int128 u128;

static const uint64_t pow5_64[28] = {
    UINT64_C(1), UINT64_C(5), UINT64_C(25), UINT64_C(125), UINT64_C(625), UINT64_C(3125), UINT64_C(15625),
    UINT64_C(78125), UINT64_C(390625), UINT64_C(1953125), UINT64_C(9765625), UINT64_C(48828125),
    UINT64_C(244140625), UINT64_C(1220703125), UINT64_C(6103515625), UINT64_C(30517578125),
    UINT64_C(152587890625), UINT64_C(762939453125), UINT64_C(3814697265625), UINT64_C(19073486328125),
    UINT64_C(95367431640625), UINT64_C(476837158203125), UINT64_C(2384185791015625),
    UINT64_C(11920928955078125), UINT64_C(59604644775390625), UINT64_C(298023223876953125),
    UINT64_C(1490116119384765625), UINT64_C(7450580596923828125)};

static const uint64_t pow10_64[18] = {
    UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000), UINT64_C(10000), UINT64_C(100000),
    UINT64_C(1000000), UINT64_C(10000000), UINT64_C(100000000), UINT64_C(1000000000),
    UINT64_C(10000000000), UINT64_C(100000000000), UINT64_C(1000000000000), UINT64_C(10000000000000),
    UINT64_C(100000000000000), UINT64_C(1000000000000000), UINT64_C(10000000000000000),
    UINT64_C(100000000000000000)};

/* 5^t for 0 <= t <= 54 (5^54 < 2^126). */
static u128 pow5(int t)
{
    if (t <= 27)
        return pow5_64[t];
    return (u128)pow5_64[27] * pow5_64[t - 27];
}

/* floor(b * log10(2)), give or take one (the caller corrects it), for |b| < 2000. */
static int floor_log10_pow2(int b)
{
    int64_t x = (int64_t)b * 78913; /* 78913 / 2^18 = log10(2) to 6 digits */
    return (int)(x >= 0 ? x >> 18 : -((-x + 262143) >> 18));
}

/* v / 10^q = a / b exactly, a = m * u; b = 2^shift when shift >= 0, else b holds a factor 5. */
typedef struct ratio {
    u128 a, b, u;
    int shift;
} ratio;

/* 0, or -1 when a would not fit in 128 bits or b in 126. */
static int scale(uint64_t m, int e2, int q, ratio *r)
{
    int s = e2 - q, t = -q;
    u128 u = 1, b = 1;
    if (t > 54 || t < -54)
        return -1;
    if (t > 0)
        u = pow5(t);
    else if (t < 0)
        b = pow5(-t);
    if (s > 0) {
        if (s >= 75 || (u >> (75 - s)) != 0)
            return -1;
        u <<= s;
    } else if (s < 0) {
        if (-s >= 126 || (b >> (126 + s)) != 0)
            return -1;
        b <<= -s;
    }
    if ((u >> 75) != 0) /* m < 2^53, so a = m * u < 2^128 */
        return -1;
    r->a = u * m;
    r->b = b;
    r->u = u;
    r->shift = t >= 0 ? (s < 0 ? -s : 0) : -1;
    return 0;
}

/* floor(a / b) and the remainder. */
static u128 quotient(const ratio *r, u128 *rem)
{
    if (r->shift >= 0) {
        *rem = r->a & (r->b - 1);
        return r->a >> r->shift;
    }
    u128 n = r->a / r->b;
    *rem = r->a - n * r->b;
    return n;
}

/* a / b rounded half to even (from its floor n0 and remainder); *reads_back: strtod() of the
 * result is v (m the significand, asym: v is a power of two with a narrower gap below). */
static uint64_t round_even(const ratio *r, u128 n0, u128 rem, uint64_t m, int asym, int *reads_back)
{
    u128 twice = rem << 1;
    int up = twice > r->b || (twice == r->b && (n0 & 1));
    u128 delta = up ? r->b - rem : rem;
    u128 lhs = !up && asym ? delta << 2 : delta << 1;
    *reads_back = lhs < r->u || (lhs == r->u && (m & 1) == 0);
    return (uint64_t)n0 + (uint64_t)up;
}

/* n * 10^(x-p+1) as %.pg writes it: n has p digits, or is 10^p after rounding up. */
static int emit(char *out, int neg, uint64_t n, int p, int x)
{
    char d[20] = {0}; /* p digits are written; zeroed for the compiler, which cannot see p >= 1 */
    if (n == pow10_64[p]) {
        n = pow10_64[p - 1];
        x++;
    }
    for (int i = p - 1; i >= 0; i--) {
        d[i] = (char)('0' + n % 10);
        n /= 10;
    }
    int nd = p;
    while (nd > 1 && d[nd - 1] == '0')
        nd--;
    char *w = out;
    if (neg)
        *w++ = '-';
    if (x < -4 || x >= p) {
        *w++ = d[0];
        if (nd > 1) {
            *w++ = '.';
            memcpy(w, d + 1, (size_t)nd - 1);
            w += nd - 1;
        }
        *w++ = 'e';
        *w++ = x < 0 ? '-' : '+';
        unsigned ax = x < 0 ? (unsigned)-x : (unsigned)x;
        if (ax >= 100) {
            *w++ = (char)('0' + ax / 100);
            ax %= 100;
        }
        *w++ = (char)('0' + ax / 10);
        *w++ = (char)('0' + ax % 10);
    } else if (x >= 0) {
        for (int i = 0; i <= x; i++)
            *w++ = i < nd ? d[i] : '0';
        if (nd > x + 1) {
            *w++ = '.';
            memcpy(w, d + x + 1, (size_t)(nd - x - 1));
            w += nd - x - 1;
        }
    } else {
        *w++ = '0';
        *w++ = '.';
        for (int i = -1; i > x; i--)
            *w++ = '0';
        memcpy(w, d, (size_t)nd);
        w += nd;
    }
    *w = '\0';
    return (int)(w - out);
}

int fmt_double_fast(char out[FMT_DOUBLE_MAX], double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int neg = (int)(bits >> 63);
    int bexp = (int)(bits >> 52) & 0x7ff;
    uint64_t frac = bits & ((UINT64_C(1) << 52) - 1);
    if (bexp == 0x7ff || (bexp == 0 && frac != 0))
        return -1;
    if (bexp == 0) { /* %g of a zero, which reads back (-0 == 0) */
        memcpy(out, neg ? "-0" : "0", (size_t)neg + 2);
        return neg + 1;
    }
    uint64_t m = frac | (UINT64_C(1) << 52);
    int e2 = bexp - 1075;
    int asym = frac == 0 && bexp > 1;
    /* x: 10^x <= v < 10^(x+1), found as the exponent that gives 15 digits before rounding. */
    int x = floor_log10_pow2(e2 + 52);
    ratio r;
    u128 n0, rem;
    for (int tries = 0;; tries++) {
        if (tries == 3 || scale(m, e2, x - 14, &r))
            return -1;
        n0 = quotient(&r, &rem);
        if (n0 < pow10_64[14])
            x--;
        else if (n0 >= pow10_64[15])
            x++;
        else
            break;
    }
    for (int p = 15;; p++) {
        int ok;
        uint64_t n = round_even(&r, n0, rem, m, asym, &ok);
        if (ok || p == 17) /* 17 digits always read back */
            return emit(out, neg, n, p, x);
        if (scale(m, e2, x - p, &r))
            return -1;
        n0 = quotient(&r, &rem);
    }
}

size_t fmt_double_printf(char out[FMT_DOUBLE_MAX], double v)
{
    /*
     * The fewest digits that read back as the same double. Any decimal of 15 significant
     * digits or fewer survives a trip through a double (DBL_DIG), so when the 15-digit
     * form reads back exactly no shorter one exists that %g would not already give (it
     * drops trailing zeros); otherwise 16, and 17 always reads back. Subnormals hold
     * fewer digits than DBL_DIG, so for them every precision is tried.
     */
    for (int prec = fabs(v) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        snprintf(out, FMT_DOUBLE_MAX, "%.*g", prec, v);
        if (prec == 17 || strtod(out, NULL) == v)
            break;
    }
    return strlen(out);
}

size_t fmt_double(char out[FMT_DOUBLE_MAX], double v)
{
    int n = fmt_double_fast(out, v);
    return n >= 0 ? (size_t)n : fmt_double_printf(out, v);
}
