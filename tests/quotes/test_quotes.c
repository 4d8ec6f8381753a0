/*
 * test_quotes.c: the quote finder's tests.
 *
 *  - cases.txt: every rule as small documents with their expected quotes
 *    (format at the top of the file); each case runs twice, on tokens from
 *    the tokenizer engine and on the finder's own word scan, and a failure
 *    names the case's line.
 *  - huawei.expected: the reference article samples/huawei-no-spy.txt, golden.
 *  - invariants on every result (spans inside the text, content inside the
 *    marks, sorted, nesting consistent) on hostile input (tests/quotes/hostile.c)
 *    and arbitrary bytes.
 *  - with the tokenizer and sentences plugins built: the real chain through the harness.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>

#include <cmocka.h>

#include "hostile.h"
#include "qf_internal.h" /* qf_word_hash */
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
        if (r->kind > PIPE_QUOTE_PARTIAL)
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

/* ---- case files ---- */

static const char *const kind_names[] = {"direct", "scare", "partial"};
static const char *const spk_kind_names[] = {"unknown", "person", "organisation", "description"};

typedef struct expect {
    int kind, level;
    int spk_kind; /* -1: not given, not checked */
    char speaker[128];
    char content[256];
} expect;

/* Totals over the case files: cases marked `!todo` (known failures) by the class they are in. */
typedef struct todo_class {
    char name[96];
    int cases, failing;
} todo_class;
static todo_class todo[64];
static int ntodo;

static void todo_count(const char *cls, int failing)
{
    int k = 0;
    while (k < ntodo && strcmp(todo[k].name, cls) != 0)
        k++;
    if (k == ntodo) {
        if (ntodo == (int)(sizeof todo / sizeof todo[0]))
            k--; /* the last slot gathers the rest */
        else
            snprintf(todo[ntodo++].name, sizeof todo[0].name, "%s", cls);
    }
    todo[k].cases++;
    todo[k].failing += failing;
}

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

static int name_index(const char *const *names, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], s) == 0)
            return (int)i;
    return -1;
}

static const char *kind_name(unsigned k)
{
    return k < 3 ? kind_names[k] : "?";
}

/* Compare one case; print what differs; returns 1 when it passes. */
static int check_case(const char *file, int line, const char *text, const expect *ex, size_t nex, int own,
                      int verbose)
{
    const qf_quote *q;
    size_t n;
    size_t len = strlen(text);
    if (run(text, len, own, &q, &n)) {
        printf("%s:%d: qf_find failed\n", file, line);
        return 0;
    }
    const char *bad = check_invariants(q, n, len);
    if (bad) {
        printf("%s:%d: invariant: %s\n", file, line, bad);
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
            strncmp(content, ex[i].content, strlen(ex[i].content)) != 0 ||
            (ex[i].spk_kind >= 0 && (int)r->speaker_kind != ex[i].spk_kind))
            ok = 0;
    }
    if (!ok && verbose) {
        printf("%s:%d: FAIL (%s words)\n  expected %zu:\n", file, line, own ? "own" : "tokenizer", nex);
        for (size_t i = 0; i < nex; i++)
            printf("    = %s%s | %s | %s%s%s\n", kind_name((unsigned)ex[i].kind), ex[i].level ? "@1" : "",
                   ex[i].speaker, ex[i].content, ex[i].spk_kind >= 0 ? " | " : "",
                   ex[i].spk_kind >= 0 ? spk_kind_names[ex[i].spk_kind] : "");
        printf("  got %zu:\n", n);
        for (size_t i = 0; i < n; i++) {
            const pipe_quote *r = &q[i].rec;
            printf("    = %s%s | %.*s | %.*s | %s\n", kind_name(r->kind), r->level ? "@1" : "",
                   q[i].name ? (int)q[i].name_len : 1, q[i].name ? q[i].name : "-",
                   (int)(r->content_end - r->content_start > 60 ? 60 : r->content_end - r->content_start),
                   text + r->content_start, r->speaker_kind < 4 ? spk_kind_names[r->speaker_kind] : "?");
        }
    }
    return ok;
}

/* Parse "= kind[@level] | speaker | content prefix [| speaker_kind]" into e; 0 or -1. */
static int parse_expect(const char *line, expect *e)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", line);
    char *f[4] = {buf, NULL, NULL, NULL};
    for (int k = 1; k < 4; k++) {
        char *bar = strchr(f[k - 1], '|');
        if (!bar)
            break;
        *bar = 0;
        f[k] = bar + 1;
    }
    if (!f[2])
        return -1;
    for (int k = 0; k < 4; k++)
        if (f[k])
            trim(f[k]);
    e->level = 0;
    char *at = strchr(f[0], '@');
    if (at) {
        e->level = atoi(at + 1);
        *at = 0;
    }
    e->kind = name_index(kind_names, 3, f[0]);
    e->spk_kind = f[3] ? name_index(spk_kind_names, 4, f[3]) : -1;
    if (e->kind < 0 || (f[3] && e->spk_kind < 0))
        return -1;
    snprintf(e->speaker, sizeof e->speaker, "%s", f[1]);
    snprintf(e->content, sizeof e->content, "%s", f[2]);
    return 0;
}

/* Run every case of a file; returns failures (todo cases excluded), writes the number of cases. */
static int run_case_file(const char *path, int *ncases)
{
    size_t flen;
    char *data = slurp(path, &flen);
    if (!data)
        printf("%s: cannot read\n", path);
    assert_non_null(data);
    const char *file = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    int fails = 0, lineno = 0, case_line = 0, is_todo = 0, next_todo = 0;
    size_t tcap = 1 << 16, tlen = 0, nex = 0;
    char *text = malloc(tcap);
    expect ex[64];
    char cls[96];
    snprintf(cls, sizeof cls, "%s", file);
    *ncases = 0;
    char *p = data;
    int in_case = 0;
    for (;;) {
        char *nl = strchr(p, '\n');
        int last = nl == NULL;
        if (nl)
            *nl = 0;
        lineno++;
        int is_text = p[0] == '>';
        int is_exp = p[0] == '=';
        int is_end = last || (!is_text && !is_exp && p[0] != '#' && p[0] != '!') || (is_text && in_case && nex);
        if (is_end && in_case) {
            (*ncases)++;
            text[tlen] = 0;
            int a = check_case(file, case_line, text, ex, nex, 0, !is_todo || getenv("QUOTES_SHOW_TODO") != NULL);
            int b = check_case(file, case_line, text, ex, nex, 1, !is_todo && a); /* own scan: details if a passed */
            if (is_todo && a && b)
                printf("%s:%d: marked !todo but passes now: remove the marker\n", file, case_line);
            if (is_todo)
                todo_count(cls, !a || !b);
            else
                fails += !a || !b;
            in_case = 0;
            tlen = nex = 0;
        }
        if (p[0] == '#' && p[1] == '#') { /* "## class": the heading todo cases are counted under */
            snprintf(cls, sizeof cls, "%s: %s", file, p + 2 + (p[2] == ' '));
        } else if (strncmp(p, "!todo", 5) == 0) {
            next_todo = 1; /* a known failure: counted and printed, not failed */
        } else if (is_text) {
            if (!in_case) {
                in_case = 1;
                case_line = lineno;
                is_todo = next_todo;
                next_todo = 0;
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
            if (parse_expect(p + 1, &ex[nex])) {
                printf("%s:%d: bad expectation line\n", file, lineno);
                fails++;
            } else {
                nex++;
            }
        }
        if (last)
            break;
        p = nl + 1;
    }
    free(text);
    free(data);
    return fails;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_cases(void **st)
{
    (void)st;
    int n, total = 0, fails = run_case_file("tests/quotes/cases.txt", &n);
    printf("cases.txt: %d cases, %d failing\n", n, fails);
    assert_true(n >= 80);
    total += n;
    /* Every file of tests/quotes/cases/, in name order. */
    char dir[4096];
    const char *src = getenv("PIPE_SOURCE_DIR");
    snprintf(dir, sizeof dir, "%s/tests/quotes/cases", src ? src : "../..");
    DIR *d = opendir(dir);
    if (!d)
        printf("%s: no such folder, only cases.txt ran\n", dir);
    char *names[256];
    size_t nn = 0;
    for (struct dirent *de; d && (de = readdir(d)) != NULL;) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] != '.' && l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0 && nn < 256)
            names[nn++] = strdup(de->d_name);
    }
    if (d)
        closedir(d);
    qsort(names, nn, sizeof names[0], by_name);
    for (size_t i = 0; i < nn; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        int f = run_case_file(path, &n);
        printf("%s: %d cases, %d failing\n", names[i], n, f);
        fails += f;
        total += n;
        free(names[i]);
    }
    int nt = 0, ntf = 0;
    for (int k = 0; k < ntodo; k++) {
        printf("todo: %-60s %d case%s, %d still failing\n", todo[k].name, todo[k].cases,
               todo[k].cases == 1 ? "" : "s", todo[k].failing);
        nt += todo[k].cases;
        ntf += todo[k].failing;
    }
    printf("all case files: %d cases, %d failing, %d marked !todo (%d of them failing)\n", total, fails, nt, ntf);
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

/* ---- hostile input ---- */

/* Every adversarial input at 1 MB: the finder succeeds and its result keeps the invariants. Its
 * linear time is checked in bench/quotes/linear.sh (a ratio of timings has no place in ctest); a
 * quadratic regression still shows here as the test's TIMEOUT. */
static void test_hostile_input(void **st)
{
    (void)st;
    size_t nin, len = 1 << 20;
    const hostile_input *in = hostile_inputs(&nin);
    char *t = malloc(len);
    assert_non_null(t);
    for (size_t k = 0; k < nin; k++) {
        size_t used = in[k].gen(t, len), n;
        const qf_quote *q;
        assert_true(used > len / 2);
        assert_int_equal(run(t, used, 0, &q, &n), 0);
        const char *bad = check_invariants(q, n < 2000 ? n : 2000, used);
        if (bad)
            printf("%s: %s\n", in[k].name, bad);
        assert_null(bad);
        printf("%s: %zu bytes, %zu quotes\n", in[k].name, used, n);
    }
    free(t);
}

/* The word hash reads ASCII eight bytes (or a 1..7-byte tail) at a time and falls back to a byte
 * loop at a non-ASCII block: every length and every place of a curly apostrophe must hash as the
 * lower-case word with a straight one, so the lexicon matches whichever path a word takes. */
static void test_word_hash_folding(void **st)
{
    (void)st;
    const char *base = "abcdefghijklmnopqrstuvwxyz0123456789.-abcdefghij";
    char lower[64], upper[64], curly[80], straight[64];
    for (size_t n = 1; n <= 48; n++) {
        for (size_t k = 0; k < n; k++) {
            lower[k] = base[k];
            upper[k] = (k % 3 == 0 && base[k] >= 'a' && base[k] <= 'z') ? (char)(base[k] - 32) : base[k];
        }
        assert_int_equal(qf_word_hash(upper, n), qf_word_hash(lower, n));
        assert_int_not_equal(qf_word_hash(lower, n), 0);
        if (n > 1)
            assert_int_not_equal(qf_word_hash(lower, n), qf_word_hash(lower, n - 1));
        for (size_t at = 0; at < n && n + 2 <= 48; at++) { /* ’ (3 bytes) at each place vs ' */
            memcpy(straight, upper, n);
            straight[at] = '\'';
            memcpy(curly, upper, at);
            memcpy(curly + at, "\xE2\x80\x99", 3);
            memcpy(curly + at + 3, upper + at + 1, n - at - 1);
            assert_int_equal(qf_word_hash(curly, n + 2), qf_word_hash(straight, n));
        }
    }
    assert_int_equal(qf_word_hash(base, 49), 0); /* longer than any listed word */
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

#ifdef HAVE_TOKENIZE
/* The finder uses clean token records as its units' spans and copies the spans it keeps once a
 * record must be skipped (empty, past the text, or before the end of the last one kept): with
 * such records mixed in after some good ones, it must find exactly what the clean records give. */
static void test_skipped_token_records(void **st)
{
    (void)st;
    const char *text = "\"We will act,\" said Dr Jane Smith, the chairman of Acme Corp.\n\n"
                       "Later, Smith told reporters: \"It is safe.\" She added: \"Trust us.\"\n";
    size_t len = strlen(text), cap = len + 8;
    pipe_token *tok = malloc(cap * sizeof *tok), *mixed = malloc((cap + 3) * sizeof *mixed);
    assert_non_null(tok);
    assert_non_null(mixed);
    size_t ntok = pipe_tokenize(text, len, NULL, tok, cap), at = 0, m = 0;
    assert_true(ntok > 10);
    /* The bad records come right after the speaker's last word, so its span is one of those copied. */
    uint32_t smith = (uint32_t)(strstr(text, "Smith") - text);
    while (at < ntok && tok[at].start != smith)
        at++;
    assert_true(at < ntok);
    at++;
    const qf_quote *q;
    size_t n;
    assert_int_equal(qf_find(fin, text, len, tok, ntok, NULL, 0, &q, &n), 0);
    assert_int_equal(n, 3);
    pipe_quote want[3];
    char names[3][64];
    for (size_t k = 0; k < n; k++) {
        want[k] = q[k].rec;
        assert_true(q[k].name_len < sizeof names[k]);
        memcpy(names[k], q[k].name ? q[k].name : "", q[k].name_len);
        names[k][q[k].name_len] = '\0';
    }
    assert_string_equal(names[1], "Jane Smith");
    for (size_t k = 0; k < ntok; k++) {
        if (k == at) {
            mixed[m++] = (pipe_token){tok[k].start, tok[k].start, PIPE_TOK_WORD, 0}; /* empty */
            mixed[m++] = (pipe_token){0, 3, PIPE_TOK_WORD, 0};                       /* out of order */
        }
        mixed[m++] = tok[k];
    }
    mixed[m++] = (pipe_token){(uint32_t)len, (uint32_t)len + 4, PIPE_TOK_WORD, 0}; /* past the text */
    assert_int_equal(qf_find(fin, text, len, mixed, m, NULL, 0, &q, &n), 0);
    assert_int_equal(n, 3);
    for (size_t k = 0; k < n; k++) {
        assert_memory_equal(&q[k].rec, &want[k], sizeof want[k]);
        assert_int_equal(q[k].name_len, strlen(names[k]));
        if (q[k].name_len)
            assert_memory_equal(q[k].name, names[k], q[k].name_len);
    }
    free(tok);
    free(mixed);
}
#endif

/* The who-said-what table: one speaker per person, every mention, quotes counted. */
static void test_speakers(void **st)
{
    (void)st;
    const char *text = "Chairman Dr Liang Hua spoke.\n\n\"We are ready,\" Dr Liang said. \"We will sign,\" he "
                       "added. A spokeswoman said it was \"fine\". \"No,\" the spokeswoman said.";
    const qf_quote *q;
    size_t n;
    assert_int_equal(run(text, strlen(text), 1, &q, &n), 0);
    const qf_speaker *sp;
    size_t ns;
    assert_int_equal(qf_speakers(fin, &sp, &ns), 0);
    assert_int_equal(ns, 3);
    /* in order of first mention */
    assert_int_equal(sp[0].name_len, 9);
    assert_memory_equal(sp[0].name, "Liang Hua", 9);
    assert_int_equal(sp[0].kind, PIPE_SPEAKER_PERSON);
    assert_int_equal(sp[0].quotes, 2);
    assert_int_equal(sp[0].nspans, 3); /* Liang Hua, Liang, he */
    assert_int_equal(sp[0].spans[0], (uint32_t)(strstr(text, "Liang Hua") - text));
    assert_int_equal(sp[0].spans[4], (uint32_t)(strstr(text, " he ") + 1 - text));
    assert_memory_equal(sp[1].name, "A spokeswoman", 13);
    assert_int_equal(sp[1].kind, PIPE_SPEAKER_DESCRIPTION);
    assert_int_equal(sp[1].quotes, 1);
    assert_int_equal(sp[2].quotes, 1);
    /* a document without quotes has no speakers, whatever came before */
    assert_int_equal(run("No quotes here.", 15, 1, &q, &n), 0);
    assert_int_equal(qf_speakers(fin, &sp, &ns), 0);
    assert_int_equal(ns, 0);
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
    const pipe_speaker *sp = harness_layer(h, d, "speakers", &n);
    assert_int_equal(n, 1);
    who = harness_str(d, sp[0].name);
    assert_string_equal(who, "Liang Hua");
    free(who);
    char *mentions = harness_str(d, sp[0].mentions);
    assert_string_equal(mentions, "12-21 87-92"); /* "Liang Hua" in the first line, "Liang" in the quote's */
    free(mentions);
    assert_int_equal(sp[0].quotes, 1);
    assert_int_equal(sp[0].n_mentions, 2);
    assert_int_equal(sp[0].kind, PIPE_SPEAKER_PERSON);
    harness_doc_free(d);
    harness_free(h);
}
#endif

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_golden_huawei),
        cmocka_unit_test(test_hostile_input),
        cmocka_unit_test(test_random_bytes),
        cmocka_unit_test(test_word_hash_folding),
        cmocka_unit_test(test_speakers),
#ifdef HAVE_TOKENIZE
        cmocka_unit_test(test_skipped_token_records),
#endif
#ifdef HAVE_CHAIN
        cmocka_unit_test(test_chain),
#endif
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
