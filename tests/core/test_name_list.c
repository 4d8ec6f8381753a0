/* The "a, b, c" lists of error messages: separators, and a full buffer cut cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/name_list.h"

static void test_joined(void **state)
{
    (void)state;
    char out[64] = "";
    const char *names[] = {"tokens", "sentences", "quotes"};
    for (size_t k = 0; k < 3; k++)
        name_list_add(out, sizeof out, k == 0, names[k]);
    assert_string_equal(out, "tokens, sentences, quotes");
}

static void test_cut_at_the_end(void **state)
{
    (void)state;
    char out[12] = "";
    name_list_add(out, sizeof out, 1, "alpha");
    name_list_add(out, sizeof out, 0, "beta");
    name_list_add(out, sizeof out, 0, "gamma");
    assert_string_equal(out, "alpha, beta");
    char one[1] = "";
    name_list_add(one, sizeof one, 1, "x");
    assert_string_equal(one, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_joined),
        cmocka_unit_test(test_cut_at_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
