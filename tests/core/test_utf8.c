/* The one UTF-8 decoder (pipe/utf8.h) at both strictnesses, and the core's strict use of it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pipe/utf8.h"
#include "util/utf8.h"

typedef struct dcase {
    const char *bytes;
    size_t n;
    uint32_t strict_cp, lax_cp; /* PIPE_UTF8_INVALID: refused, one byte consumed */
    size_t len;                 /* bytes consumed when accepted */
} dcase;

static const dcase cases[] = {
    {"A", 1, 'A', 'A', 1},
    {"\xC3\xA9", 2, 0xE9, 0xE9, 2},
    {"\xE2\x80\x9C", 3, 0x201C, 0x201C, 3},
    {"\xF0\x9F\x98\x80", 4, 0x1F600, 0x1F600, 4},
    {"\xF4\x8F\xBF\xBF", 4, 0x10FFFF, 0x10FFFF, 4},
    /* Shape only: lax reads them, strict refuses. */
    {"\xE0\x80\xAF", 3, PIPE_UTF8_INVALID, 0x2F, 3},         /* overlong '/' */
    {"\xED\xA0\x80", 3, PIPE_UTF8_INVALID, 0xD800, 3},       /* surrogate */
    {"\xF4\x90\x80\x80", 4, PIPE_UTF8_INVALID, 0x110000, 4}, /* above U+10FFFF */
    /* Wrong shape: refused by both. */
    {"\xC0\xAF", 2, PIPE_UTF8_INVALID, PIPE_UTF8_INVALID, 1},
    {"\xF5\x80\x80\x80", 4, PIPE_UTF8_INVALID, PIPE_UTF8_INVALID, 1},
    {"\x80", 1, PIPE_UTF8_INVALID, PIPE_UTF8_INVALID, 1},
    {"\xE2\x80", 2, PIPE_UTF8_INVALID, PIPE_UTF8_INVALID, 1}, /* cut off */
    {"\xE2(\x9C", 3, PIPE_UTF8_INVALID, PIPE_UTF8_INVALID, 1},
};

static void check(const dcase *c, pipe_utf8_strictness st, uint32_t want)
{
    size_t adv = 99;
    uint32_t cp = pipe_utf8_decode((const unsigned char *)c->bytes, c->n, &adv, st);
    assert_int_equal(cp, want);
    assert_int_equal(adv, want == PIPE_UTF8_INVALID ? 1 : c->len);
}

static void test_strictness(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        check(&cases[k], PIPE_UTF8_STRICT, cases[k].strict_cp);
        check(&cases[k], PIPE_UTF8_LAX, cases[k].lax_cp);
    }
}

static void test_core_reads_strictly(void **state)
{
    (void)state;
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        size_t adv = 99;
        assert_int_equal(utf8_decode((const unsigned char *)cases[k].bytes, cases[k].n, &adv), cases[k].strict_cp);
    }
    assert_int_equal(utf8_valid_prefix("ok \xC3\xA9\xED\xA0\x80", 8), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strictness),
        cmocka_unit_test(test_core_reads_strictly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
