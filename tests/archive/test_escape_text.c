/* The escaping of ids and file names for terminals and listings (core/src/util/escape.c), byte by byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/escape.h"

/* Escape n bytes of s and compare with want; escape_needed must agree with whether anything changed. */
static void expect(const char *s, size_t n, const char *want)
{
    buf b = {0};
    assert_int_equal(escape_append(&b, s, n), 0);
    const char *got = b.len ? b.data : ""; /* nothing appended: no memory taken either */
    assert_string_equal(got, want);
    assert_int_equal(escape_needed(s, n), !(b.len == n && memcmp(got, s, n) == 0));
    buf_free(&b);
}

#define EXPECT(lit, want) expect(lit, sizeof lit - 1, want)

static void test_plain_text_unchanged(void **state)
{
    (void)state;
    EXPECT("doc-0001 ../../x", "doc-0001 ../../x");
    EXPECT("caf\xc3\xa9 \xe6\xbc\xa2 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe6\xbc\xa2 \xf0\x9f\x98\x80");
    EXPECT("", "");
}

static void test_controls(void **state)
{
    (void)state;
    EXPECT("a\nb\rc\td", "a\\nb\\rc\\td");
    EXPECT("\x1b[31mred\x07", "\\x1b[31mred\\x07");
    EXPECT("nul\0x\x7f", "nul\\x00x\\x7f");
    EXPECT("back\\slash", "back\\\\slash");
}

static void test_c1_bidi_separators(void **state)
{
    (void)state;
    EXPECT("\xc2\x85\xc2\x9b", "\\u0085\\u009b");
    EXPECT("\xe2\x80\xae"
           "evil",
           "\\u202eevil");
    EXPECT("\xe2\x81\xa6\xe2\x80\x8f", "\\u2066\\u200f");
    EXPECT("\xe2\x80\xa8\xe2\x80\xa9", "\\u2028\\u2029");
    EXPECT("\xc2\xa0", "\xc2\xa0"); /* no-break space is text */
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    EXPECT("\xff\xfe", "\\xff\\xfe");
    EXPECT("\xc0\xaf", "\\xc0\\xaf");          /* overlong */
    EXPECT("\xed\xa0\x80", "\\xed\\xa0\\x80"); /* surrogate */
    EXPECT("ab\xe2\x80", "ab\\xe2\\x80");      /* cut short */
}

/* Different ids never look the same: a literal backslash-n is not a newline. */
static void test_one_to_one(void **state)
{
    (void)state;
    char *a = escape_dup("a\nb"), *b = escape_dup("a\\nb");
    assert_non_null(a);
    assert_non_null(b);
    assert_string_not_equal(a, b);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_unchanged),
        cmocka_unit_test(test_controls),
        cmocka_unit_test(test_c1_bidi_separators),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_one_to_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
