/*
 * test_quotes.c: the quote finder's tests.
 *
 *  - cases.txt: every rule as small documents with their expected quotes
 *    (format at the top of the file); each case runs twice, on tokens from
 *    the tokenizer engine and on the finder's own word scan, and a failure
 *    names the case's line.
 *  - huawei.expected: the reference article samples/huawei-no-spy.txt, golden.
 *  - invariants on every result (spans inside the text, content inside the
 *    marks, sorted, nesting consistent), linear-time checks on hostile input,
 *    arbitrary bytes.
 *  - with the tokenizer and sentences plugins built: the real chain through the harness.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "quotefind.h"
#ifdef HAVE_TOKENIZE
#include "tokenize.h"
#endif
#ifdef HAVE_CHAIN
#include "harness.h"
#endif

static qf_lexicon *lex;
static qf_finder *fin;

static char *slurp(const char *path, size_t *len)
{
    char full[4096];
    const char *src = getenv("PIPE_SOURCE_DIR");
    if (path[0] != '/' && src)
        snprintf(full, sizeof full, "%s/%s", src, path);
    else
        snprintf(full, sizeof full, "%s", path);
    FILE *fp = fopen(full, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (fread(b, 1, (size_t)n, fp) != (size_t)n)
        n = 0;
    b[n] = 0;
    fclose(fp);
    *len = (size_t)n;
    return b;
}

static int setup(void **st)
{
    (void)st;
    char dir[4096], err[512];
    const char *src = getenv("PIPE_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/conf", src ? src : "../..");
    if (qf_lexicon_load_dir(&lex, dir, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    fin = qf_finder_new(lex);
    return fin ? 0 : -1;
}

static int teardown(void **st)
{
    (void)st;
    qf_finder_free(fin);
    qf_lexicon_free(lex);
    return 0;
}

/* Invariants every result must keep, on any input. Returns a message or NULL. */
static const char *check_invariants(const qf_quote *q, size_t n, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        const pipe_quote *r = &q[i].rec;
        if (!(r->start < r->end && r->end <= len))
            return "span outside the text";
        if (!(r->start <= r->content_start && r->content_start <= r->content_end && r->content_end <= r->end))
            return "content outside the marks";
        if (i && q[i - 1].rec.start > r->start)
            return "not sorted by start";
        if ((r->speaker_start == PIPE_NO_POS) != (r->speaker_end == PIPE_NO_POS) ||
            (r->speaker_start != PIPE_NO_POS && !(r->speaker_start < r->speaker_end && r->speaker_end <= len)))
            return "bad speaker span";
        if (r->cue_start != PIPE_NO_POS && !(r->cue_start < r->cue_end && r->cue_end <= len))
            return "bad cue span";
        if (r->kind > PIPE_QUOTE_SCARE)
            return "bad kind";
        /* level = number of earlier quotes that contain this one; no partial overlap */
        unsigned lvl = 0;
        for (size_t j = 0; j < i; j++) {
            const pipe_quote *o = &q[j].rec;
            if (o->end <= r->start)
                continue;
            if (o->end < r->end)
                return "quotes overlap without nesting";
            lvl++;
        }
        if (lvl != r->level)
            return "level does not match nesting";
    }
    return NULL;
}

static int run(const char *text, size_t len, int own, const qf_quote **q, size_t *n)
{
    pipe_token *tok = NULL;
    size_t ntok = 0;
#ifdef HAVE_TOKENIZE
    if (!own) {
        size_t cap = len + 8;
        tok = malloc(cap * sizeof *tok);
        ntok = pipe_tokenize(text, len, NULL, tok, cap);
    }
#else
    (void)own;
#endif
    int rc = qf_find(fin, text, len, tok, ntok, NULL, 0, q, n);
    free(tok);
    return rc;
}

/* ---- cases.txt ---- */

typedef struct expect {
    int kind, level;
    char speaker[128];
    char content[256];
} expect;

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
    size_t k = 0;
    while (s[k] == ' ')
        k++;
    memmove(s, s + k, strlen(s + k) + 1);
}

/* Compare one case; print what differs; returns 1 when it passes. */
static int check_case(int line, const char *text, const expect *ex, size_t nex, int own, int verbose)
{
    const qf_quote *q;
    size_t n;
    size_t len = strlen(text);
    if (run(text, len, own, &q, &n)) {
        printf("cases.txt:%d: qf_find failed\n", line);
        return 0;
    }
    const char *bad = check_invariants(q, n, len);
    if (bad) {
        printf("cases.txt:%d: invariant: %s\n", line, bad);
        return 0;
    }
    int ok = n == nex;
    for (size_t i = 0; ok && i < n; i++) {
        const pipe_quote *r = &q[i].rec;
        char content[512];
        size_t cl = r->content_end - r->content_start;
        if (cl >= sizeof content)
            cl = sizeof content - 1;
        for (size_t k = 0; k < cl; k++)
            content[k] = text[r->content_start + k] == '\n' ? ' ' : text[r->content_start + k];
        content[cl] = 0;
        char who[256] = "-";
        if (q[i].name)
            snprintf(who, sizeof who, "%.*s", (int)q[i].name_len, q[i].name);
        if ((int)r->kind != ex[i].kind || (int)r->level != ex[i].level || strcmp(who, ex[i].speaker) != 0 ||
            strncmp(content, ex[i].content, strlen(ex[i].content)) != 0)
            ok = 0;
    }
    if (!ok && verbose) {
        printf("cases.txt:%d: FAIL (%s words)\n  expected %zu:\n", line, own ? "own" : "tokenizer", nex);
        for (size_t i = 0; i < nex; i++)
            printf("    = %s%s | %s | %s\n", ex[i].kind ? "scare" : "direct", ex[i].level ? "@1" : "",
                   ex[i].speaker, ex[i].content);
        printf("  got %zu:\n", n);
        for (size_t i = 0; i < n; i++) {
            const pipe_quote *r = &q[i].rec;
            printf("    = %s%s | %.*s | %.*s\n", r->kind ? "scare" : "direct", r->level ? "@1" : "",
                   q[i].name ? (int)q[i].name_len : 1, q[i].name ? q[i].name : "-",
                   (int)(r->content_end - r->content_start > 60 ? 60 : r->content_end - r->content_start),
                   text + r->content_start);
        }
    }
    return ok;
}

/* Run every case of a file; returns failures, writes the number of cases. */
static int run_case_file(const char *path, int *ncases)
{
    size_t flen;
    char *data = slurp(path, &flen);
    assert_non_null(data);
    int fails = 0, lineno = 0, case_line = 0;
    size_t tcap = 1 << 16, tlen = 0, nex = 0;
    char *text = malloc(tcap);
    expect ex[64];
    *ncases = 0;
    char *save = NULL;
    /* Split by lines keeping empty ones: walk manually. */
    char *p = data;
    (void)save;
    int in_case = 0;
    for (;;) {
        char *nl = strchr(p, '\n');
        int last = nl == NULL;
        if (nl)
            *nl = 0;
        lineno++;
        int is_text = p[0] == '>';
        int is_exp = p[0] == '=';
        int is_end = last || (!is_text && !is_exp && p[0] != '#' && p[0] == 0) || (is_text && in_case && nex);
        if (is_end && in_case) {
            (*ncases)++;
            text[tlen] = 0;
            int a = check_case(case_line, text, ex, nex, 0, 1);
            int b = check_case(case_line, text, ex, nex, 1, a); /* own scan: details only if tokenizer passed */
            fails += !a || !b;
            in_case = 0;
            tlen = nex = 0;
        }
        if (is_text) {
            if (!in_case) {
                in_case = 1;
                case_line = lineno;
            }
            const char *s = p + 1;
            if (*s == ' ')
                s++;
            size_t l = strlen(s);
            if (tlen + l + 2 < tcap) {
                if (tlen)
                    text[tlen++] = '\n';
                memcpy(text + tlen, s, l);
                tlen += l;
            }
        } else if (is_exp && in_case && nex < 64) {
            /* = kind[@level] | speaker | content prefix */
            char buf[512];
            snprintf(buf, sizeof buf, "%s", p + 1);
            char *f1 = buf, *f2 = strchr(f1, '|'), *f3 = f2 ? strchr(f2 + 1, '|') : NULL;
            assert_non_null(f3);
            *f2++ = 0;
            *f3++ = 0;
            trim(f1);
            trim(f2);
            trim(f3);
            expect *e = &ex[nex++];
            e->level = 0;
            char *at = strchr(f1, '@');
            if (at) {
                e->level = atoi(at + 1);
                *at = 0;
            }
            e->kind = strcmp(f1, "scare") == 0;
            snprintf(e->speaker, sizeof e->speaker, "%s", f2);
            snprintf(e->content, sizeof e->content, "%s", f3);
        }
        if (last)
            break;
        p = nl + 1;
    }
    free(text);
    free(data);
    return fails;
}

static void test_cases(void **st)
{
    (void)st;
    int n;
    int fails = run_case_file("tests/quotes/cases.txt", &n);
    printf("cases.txt: %d cases, %d failing\n", n, fails);
    assert_true(n >= 80);
    assert_int_equal(fails, 0);
}

static void test_golden_huawei(void **st)
{
    (void)st;
    int n;
    int fails = run_case_file("tests/quotes/huawei.expected", &n);
    assert_int_equal(n, 1);
    assert_int_equal(fails, 0);
}

/* ---- linear time and hostile input ---- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void timed(const char *what, const char *text, size_t len, double limit)
{
    const qf_quote *q;
    size_t n;
    double t0 = now();
    assert_int_equal(run(text, len, 0, &q, &n), 0);
    double dt = now() - t0;
    assert_null(check_invariants(q, n < 2000 ? n : 2000, len));
    printf("%s: %zu bytes, %zu quotes, %.3f s\n", what, len, n, dt);
    assert_true(dt < limit);
}

static void test_linear_time(void **st)
{
    (void)st;
    size_t len = 1 << 20;
    char *t = malloc(len + 64);
    /* 1 MB of nothing but quote marks, of every kind */
    static const char *const marks[] = {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
                                        "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9E", "\xE2\x80\x9A"};
    size_t k = 0;
    for (unsigned i = 0; k < len; i++) {
        const char *m = marks[(i * 7 + i / 3) % 10];
        size_t l = strlen(m);
        if (k + l > len)
            break;
        memcpy(t + k, m, l);
        k += l;
    }
    timed("1 MB of marks", t, k, 1.0);
    /* only opening marks: the stack must not grow without bound */
    k = 0;
    while (k + 3 <= len) {
        memcpy(t + k, "\xE2\x80\x9C", 3);
        k += 3;
    }
    timed("1 MB of opening marks", t, k, 1.0);
    memset(t, '"', len);
    timed("1 MB of straight quotes", t, len, 1.0);
    free(t);
    /* 100,000 attributed quotes in one paragraph */
    const char *one = "\"We will win,\" he said. ";
    size_t ol = strlen(one);
    t = malloc(ol * 100000 + 1);
    for (size_t i = 0; i < 100000; i++)
        memcpy(t + i * ol, one, ol);
    t[ol * 100000] = 0;
    timed("100,000 quotes", t, ol * 100000, 1.0);
    free(t);
    /* 100,000 unclosed quotes, one per paragraph */
    const char *un = "Mr Smith said \"it never ends\n\n";
    ol = strlen(un);
    t = malloc(ol * 100000 + 1);
    for (size_t i = 0; i < 100000; i++)
        memcpy(t + i * ol, un, ol);
    timed("100,000 unclosed paragraphs", t, ol * 100000, 1.0);
    free(t);
}

static void test_random_bytes(void **st)
{
    (void)st;
    unsigned seed = 12345;
    char buf[4096];
    static const char *const bits[] = {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99", " said ",
                                       " he ", "Mr ", "Smith", ",", ".", "\n\n", "\n", " ", "\xC2\xAB",
                                       "\xC2\xBB", "the chairman", ":", "\xE2\x80", "\xff"};
    for (int round = 0; round < 3000; round++) {
        size_t len = 0;
        int parts = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 200;
        for (int i = 0; i < parts; i++) {
            const char *b = bits[((seed = seed * 1103515245u + 12345u) >> 16) % 20];
            size_t l = strlen(b);
            if (len + l >= sizeof buf)
                break;
            memcpy(buf + len, b, l);
            len += l;
        }
        for (int own = 0; own < 2; own++) {
            const qf_quote *q;
            size_t n;
            assert_int_equal(run(buf, len, own, &q, &n), 0);
            const char *bad = check_invariants(q, n, len);
            if (bad)
                printf("round %d: %s\n", round, bad);
            assert_null(bad);
        }
    }
}

#ifdef HAVE_CHAIN
static void test_chain(void **st)
{
    (void)st;
    harness *h = harness_new("stages = ( { plugin = \"tokenizer\"; }, { plugin = \"sentences\"; },"
                             " { plugin = \"quotes\"; } );");
    assert_non_null(h);
    pipe_doc *d = harness_run(h, "Chairman Dr Liang Hua spoke.\n\n\xE2\x80\x9CWe are willing to sign "
                                 "\xE2\x80\x98no spy\xE2\x80\x99 agreements,\xE2\x80\x9D Dr Liang told reporters.");
    size_t n;
    const pipe_quote *q = harness_layer(h, d, "quotes", &n);
    assert_int_equal(n, 2);
    char *who = harness_str(d, q[0].speaker);
    assert_string_equal(who, "Liang Hua");
    assert_int_equal(q[0].kind, PIPE_QUOTE_DIRECT);
    assert_int_equal(q[1].kind, PIPE_QUOTE_SCARE);
    assert_int_equal(q[1].level, 1);
    free(who);
    harness_doc_free(d);
    harness_free(h);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_golden_huawei),
        cmocka_unit_test(test_linear_time),
        cmocka_unit_test(test_random_bytes),
#ifdef HAVE_CHAIN
        cmocka_unit_test(test_chain),
#endif
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
