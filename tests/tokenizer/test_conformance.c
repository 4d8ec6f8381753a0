/*
 * test_conformance.c: every line of Unicode's WordBreakTest.txt against
 * uax29 mode. The file comes from Debian's unicode-data package; set
 * PIPE_WORDBREAK_TEST to use another copy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tokenize.h"

#define DEFAULT_PATH "/usr/share/unicode/auxiliary/WordBreakTest.txt"
#define MAX_CPS 64

/* Append code point cp to buf as UTF-8; returns the new length. */
static size_t put_utf8(char *buf, size_t len, uint32_t cp)
{
    if (cp < 0x80) {
        buf[len++] = (char)cp;
    } else if (cp < 0x800) {
        buf[len++] = (char)(0xC0 | (cp >> 6));
        buf[len++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        buf[len++] = (char)(0xE0 | (cp >> 12));
        buf[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (char)(0x80 | (cp & 0x3F));
    } else {
        buf[len++] = (char)(0xF0 | (cp >> 18));
        buf[len++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (char)(0x80 | (cp & 0x3F));
    }
    return len;
}

/* Check one test line; returns 1 if it is a test that passed, 0 if not a test, -1 if it failed. */
static int run_line(const char *line, int lineno)
{
    char text[MAX_CPS * 4];
    unsigned char expect[MAX_CPS * 4 + 1] = {0}, got[MAX_CPS * 4 + 1] = {0};
    size_t len = 0;
    const char *p = line;
    int any = 0;
    while (*p && *p != '#') {
        if (strncmp(p, "\xC3\xB7", 2) == 0) { /* ÷ break */
            expect[len] = 1;
            p += 2;
            any = 1;
        } else if (strncmp(p, "\xC3\x97", 2) == 0) { /* × no break */
            p += 2;
        } else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
            char *e;
            uint32_t cp = (uint32_t)strtoul(p, &e, 16);
            assert_true(len + 4 <= sizeof text);
            len = put_utf8(text, len, cp);
            p = e;
        } else {
            p++;
        }
    }
    if (!any)
        return 0;
    pipe_tokenize_opts o;
    pipe_tokenize_opts_init(&o);
    o.mode = PIPE_TOKENIZE_UAX29;
    pipe_token toks[MAX_CPS * 4];
    size_t n = pipe_tokenize(text, len, &o, toks, sizeof toks / sizeof toks[0]);
    assert_true(n <= sizeof toks / sizeof toks[0]);
    got[0] = 1;
    for (size_t i = 0; i < n; i++)
        got[toks[i].end] = 1;
    if (memcmp(expect, got, len + 1) != 0 || (n > 0 && toks[n - 1].end != len)) {
        fprintf(stderr, "WordBreakTest.txt:%d: FAIL %s", lineno, line);
        fprintf(stderr, "    got:");
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, " [%u,%u)", toks[i].start, toks[i].end);
        fprintf(stderr, "\n");
        return -1;
    }
    return 1;
}

static void test_wordbreaktest(void **state)
{
    (void)state;
    const char *path = getenv("PIPE_WORDBREAK_TEST");
    if (path == NULL || *path == '\0')
        path = DEFAULT_PATH;
    FILE *f = fopen(path, "r");
    if (f == NULL)
        fail_msg("cannot open %s (install the Debian package unicode-data)", path);
    char line[4096];
    int lineno = 0, ran = 0, failed = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        int r = run_line(line, lineno);
        ran += r != 0;
        failed += r < 0;
    }
    fclose(f);
    printf("WordBreakTest (Unicode %s tables): ran %d, passed %d, failed %d\n",
           pipe_tokenize_unicode_version(), ran, ran - failed, failed);
    assert_int_equal(failed, 0);
    assert_true(ran > 1800);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wordbreaktest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
