/* The string map the HTML report finds speakers and counts initials with: keys by bytes, growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/strmap.h"

/* Keys are whole byte strings: a prefix, an empty key and a key holding a NUL are keys of their own. */
static void test_keys_by_bytes(void **state)
{
    (void)state;
    strmap m = {0};
    assert_int_equal(strmap_get(&m, "LH", 2), 0); /* an empty map */
    *strmap_slot(&m, "LH", 2) = 7;
    *strmap_slot(&m, "L", 1) = 3;
    *strmap_slot(&m, "", 0) = 5;
    *strmap_slot(&m, "L\0H", 3) = 9;
    assert_int_equal(strmap_get(&m, "LH", 2), 7);
    assert_int_equal(strmap_get(&m, "LHX", 2), 7); /* only len bytes are the key */
    assert_int_equal(strmap_get(&m, "L", 1), 3);
    assert_int_equal(strmap_get(&m, "", 0), 5);
    assert_int_equal(strmap_get(&m, "L\0H", 3), 9);
    assert_int_equal(strmap_get(&m, "LH2", 3), 0);
    /* The slot of a key already there is its value, not a new one. */
    uint64_t *v = strmap_slot(&m, "LH", 2);
    assert_non_null(v);
    assert_int_equal(*v, 7);
    (*v)++;
    assert_int_equal(strmap_get(&m, "LH", 2), 8);
    assert_int_equal(m.n, 4);
    strmap_free(&m);
    assert_int_equal(strmap_get(&m, "LH", 2), 0); /* freed is empty again */
}

/* Tens of thousands of keys: every one keeps its value through the slot table's growth. */
static void test_growth(void **state)
{
    (void)state;
    strmap m = {0};
    char key[32];
    for (uint64_t k = 0; k < 50000; k++) {
        int n = snprintf(key, sizeof key, "Tom Ka%llu", (unsigned long long)k);
        uint64_t *v = strmap_slot(&m, key, (size_t)n);
        assert_non_null(v);
        assert_int_equal(*v, 0);
        *v = k + 1;
    }
    assert_int_equal(m.n, 50000);
    assert_true(m.nslot >= 100000); /* at most half full */
    for (uint64_t k = 0; k < 50000; k++) {
        int n = snprintf(key, sizeof key, "Tom Ka%llu", (unsigned long long)k);
        assert_int_equal(strmap_get(&m, key, (size_t)n), k + 1);
    }
    assert_int_equal(strmap_get(&m, "Tom Ka50000", 11), 0);
    strmap_free(&m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_by_bytes),
        cmocka_unit_test(test_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
