/*
 * test_golden.c: news-mode tokens of samples/huawei-no-spy.txt against the
 * reviewed golden file golden/huawei-no-spy.tokens. To regenerate after a
 * deliberate change, run with PIPE_UPDATE_GOLDEN=1 and review the diff by eye.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tok_dump.h"
#include "tokenize.h"

#define GOLDEN "golden/huawei-no-spy.tokens"

/* Read a whole file into a malloc'd buffer; NULL if it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    if (f == NULL)
        return NULL;
    do {
        if (n == cap) {
            char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
            if (nb == NULL) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    *len = n;
    return buf;
}

static void test_golden_huawei(void **state)
{
    (void)state;
    const char *src = getenv("PIPE_SOURCE_DIR");
    char path[4096];
    size_t len = 0, glen = 0, dlen = 0;
    snprintf(path, sizeof path, "%s/samples/huawei-no-spy.txt", src ? src : "../..");
    char *text = slurp(path, &len);
    assert_non_null(text);

    size_t n = pipe_tokenize(text, len, NULL, NULL, 0);
    pipe_token *toks = calloc(n + 1, sizeof *toks);
    assert_non_null(toks);
    assert_int_equal(pipe_tokenize(text, len, NULL, toks, n), n);

    char *dump = NULL;
    FILE *mem = open_memstream(&dump, &dlen);
    assert_non_null(mem);
    tok_dump(mem, text, toks, n);
    fclose(mem);

    if (getenv("PIPE_UPDATE_GOLDEN")) {
        FILE *g = fopen(GOLDEN, "wb");
        assert_non_null(g);
        fwrite(dump, 1, dlen, g);
        fclose(g);
    }
    char *golden = slurp(GOLDEN, &glen);
    assert_non_null(golden);
    if (glen != dlen || memcmp(golden, dump, dlen) != 0) {
        FILE *o = fopen("/tmp/huawei-no-spy.tokens.actual", "wb");
        if (o) {
            fwrite(dump, 1, dlen, o);
            fclose(o);
        }
        fail_msg("tokens differ from %s; see diff %s /tmp/huawei-no-spy.tokens.actual", GOLDEN, GOLDEN);
    }
    printf("golden: %zu tokens match\n", n);
    free(golden);
    free(dump);
    free(toks);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_huawei),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
