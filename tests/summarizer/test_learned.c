/*
 * The learned method: its features (sum_features.c, as pipe_summarize_features()
 * hands them to bench/train-summarizer and as the stage scores them) and its
 * weights file (sum_weights.c), good and bad. Texts are written for these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sumtest.h"

static void test_feature_names(void **st)
{
    (void)st;
    for (size_t k = 0; k < PIPE_SUM_N_FEATURES; k++) {
        const char *a = pipe_summarize_feature_name(k);
        assert_non_null(a);
        assert_true(strcmp(a, "bias") != 0 && strcmp(a, "length_exponent") != 0);
        for (size_t j = 0; j < k; j++)
            assert_string_not_equal(a, pipe_summarize_feature_name(j));
    }
    assert_null(pipe_summarize_feature_name(PIPE_SUM_N_FEATURES));
}

static const char *const DOC = "Harbour bridge reopens\n\n"
                               "The harbour bridge reopened on Friday after two years of repairs costing 40 million.\n\n"
                               "\"It is a great day for the harbour,\" said Mayor Anna Berg.\n\n"
                               "Traffic on the harbour bridge is expected to reach 30,000 cars a day.\n\n"
                               "Cyclists get a lane of their own.\n";

/* The n rows f of text, made again by a fresh engine of another method, are the same bytes:
 * training sees what the stage sees, and nothing carries over between rows or engines. */
static void same_features_elsewhere(const double *f, size_t n, pipe_summarize_method method, const char *text)
{
    double *copy = malloc(n * PIPE_SUM_N_FEATURES * sizeof *copy);
    assert_non_null(copy);
    memcpy(copy, f, n * PIPE_SUM_N_FEATURES * sizeof *copy);
    pipe_summarizer *t = make(method, 3);
    sumsplit ds = {0};
    size_t n2;
    const int *tiers2;
    const double *f2 = features_of(t, &ds, text, &n2, &tiers2);
    assert_int_equal(n2, n);
    assert_memory_equal(copy, f2, n * PIPE_SUM_N_FEATURES * sizeof *f2);
    free(copy);
    sumsplit_free(&ds);
    pipe_summarizer_free(t);
}

static void test_features(void **st)
{
    (void)st;
    pipe_summarizer *s = make(PIPE_SUM_LEARNED, 3);
    sumsplit ds = {0};
    size_t n;
    const int *tiers;
    const double *f = features_of(s, &ds, DOC, &n, &tiers);
    assert_int_equal(n, 5);
#define F(i, name) f[(i)*PIPE_SUM_N_FEATURES + feature(name)]
    /* The headline (3 words: too short even as a fallback) is not body: positions count from the lead. */
    assert_int_equal(tiers[0], 9);
    assert_int_equal(tiers[1], 0);
    assert_int_equal(tiers[4], 0);
    assert_true(F(1, "first_body") == 1 && F(2, "first_body") == 0 && F(0, "first_body") == 0);
    assert_true(F(1, "position") == 0 && F(4, "position") == 1);
    assert_float_equal(F(2, "position"), 1.0 / 3, 1e-12);
    assert_float_equal(F(3, "inv_position"), 1.0 / 3, 1e-12);
    assert_float_equal(F(3, "inv_paragraph"), 1.0 / 3, 1e-12);
    assert_true(F(1, "para_first") == 1);
    /* The lead holds all three terms of the headline (harbour, bridge, reopen); the last sentence none. */
    assert_float_equal(F(1, "title_overlap"), 1.0, 1e-12);
    assert_float_equal(F(4, "title_overlap"), 0.0, 1e-12);
    assert_float_equal(F(1, "lead_overlap"), 1.0, 1e-12);
    assert_true(F(3, "lead_overlap") > 0 && F(3, "lead_overlap") < 1);
    /* Numbers: "40" of 14 words; "30,000" of 13. */
    assert_float_equal(F(1, "numbers"), 1.0 / 14, 1e-12);
    assert_float_equal(F(3, "numbers"), 1.0 / 13, 1e-12);
    /* The quote: 8 of its 12 words inside the marks; Mayor Anna Berg are names after the first word. */
    assert_float_equal(F(2, "quoted"), 8.0 / 12, 1e-12);
    assert_float_equal(F(2, "proper"), 3.0 / 12, 1e-12);
    assert_true(F(2, "opener") == 1 && F(3, "opener") == 0); /* "It is ..." points back */
    assert_true(F(4, "short") == 1 && F(1, "short") == 0);
    assert_float_equal(F(1, "log_words"), log(15.0), 1e-12);
    /* Centrality: relative to the best, which scores 1 and ranks first. */
    double best = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(F(i, "centrality") >= 0 && F(i, "centrality") <= 1);
        if (F(i, "centrality") == 1)
            assert_float_equal(F(i, "centrality_rank"), 1.0, 1e-12);
        if (F(i, "centrality") > best)
            best = F(i, "centrality");
    }
    assert_float_equal(best, 1.0, 1e-12);
#undef F
    /* The same features whatever the engine's own method, so training sees what the stage sees. */
    same_features_elsewhere(f, n, PIPE_SUM_LEAD, DOC);
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

/* Values in v[0..n) (rows of stride PIPE_SUM_N_FEATURES, pickable ones only) above x. */
static size_t above(const double *f, const int *tiers, size_t n, size_t col, double x)
{
    size_t k = 0;
    for (size_t j = 0; j < n; j++)
        k += tiers[j] != 9 && f[j * PIPE_SUM_N_FEATURES + col] > x;
    return k;
}

/*
 * A document with more pickable sentences than the ranks count directly (64): they sort the
 * columns and search them, and each row is made only when its sentence is scored. Every rank and
 * share must still be what counting over the rows gives, and a sentence never picked has a row of
 * zeros. The same rows again from a second engine: nothing carries over between rows or engines.
 */
static void test_feature_ranks_long(void **st)
{
    (void)st;
    static const char *const words[] = {"harbour", "bridge", "council", "budget", "river", "school",
                                        "market", "railway", "energy", "hospital", "port", "museum"};
    size_t nw = sizeof words / sizeof *words;
    char *doc = malloc(120 * 160);
    assert_non_null(doc);
    size_t len = 0;
    len += (size_t)sprintf(doc + len, "Council plans for the harbour\n\n");
    for (size_t i = 0; i < 110; i++) {
        /* Sentences of different lengths and word mixes, so centrality and term_freq vary. */
        len += (size_t)sprintf(doc + len, "The %s and the %s of the town met the %s board on day %zu", words[i % nw],
                               words[(i * 7 + 3) % nw], words[(i * 5 + 1) % nw], i + 1);
        for (size_t k = 0; k < i % 4; k++)
            len += (size_t)sprintf(doc + len, " with the %s", words[(i + k * 11) % nw]);
        len += (size_t)sprintf(doc + len, i % 9 == 8 ? ".\n\n" : ". ");
    }
    pipe_summarizer *s = make(PIPE_SUM_DEFAULT, 3);
    sumsplit ds = {0};
    size_t n;
    const int *tiers;
    const double *f = features_of(s, &ds, doc, &n, &tiers);
    assert_true(n >= 100);
    size_t cent = SIZE_MAX, rank = SIZE_MAX, cshare = SIZE_MAX, tf = SIZE_MAX, tshare = SIZE_MAX;
    for (size_t k = 0; k < PIPE_SUM_N_FEATURES; k++) {
        const char *name = pipe_summarize_feature_name(k);
        cent = strcmp(name, "centrality") == 0 ? k : cent;
        rank = strcmp(name, "centrality_rank") == 0 ? k : rank;
        cshare = strcmp(name, "centrality_share") == 0 ? k : cshare;
        tf = strcmp(name, "term_freq") == 0 ? k : tf;
        tshare = strcmp(name, "term_freq_share") == 0 ? k : tshare;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        m += tiers[i] != 9;
    assert_true(m > 64);
    size_t distinct_ranks = 0;
    for (size_t i = 0; i < n; i++) {
        const double *r = &f[i * PIPE_SUM_N_FEATURES];
        if (tiers[i] == 9) {
            for (size_t k = 0; k < PIPE_SUM_N_FEATURES; k++)
                assert_true(r[k] == 0);
            continue;
        }
        size_t ac = above(f, tiers, n, cent, r[cent]), at = above(f, tiers, n, tf, r[tf]);
        assert_true(r[rank] == 1.0 / (1.0 + (double)ac));
        assert_true(r[cshare] == (double)ac / (double)m);
        assert_true(r[tshare] == (double)at / (double)m);
        assert_true(r[tf] >= 0 && r[tf] <= 1);
        distinct_ranks += ac > 0 && ac < m - 1;
    }
    assert_true(distinct_ranks > 10); /* the ranks are not all first or last */
    same_features_elsewhere(f, n, PIPE_SUM_TEXTRANK, doc);
    free(doc);
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

/* The shipped weights load, and the learned method makes a valid summary with them. */
static void test_weights_load(void **st)
{
    (void)st;
    pipe_summarizer *s = make(PIPE_SUM_LEARNED, 2);
    sumsplit ds = {0};
    size_t n;
    const pipe_summary *p = run(s, &ds, DOC, &n);
    assert_int_equal(n, 2);
    for (size_t i = 0; i < n; i++) {
        assert_true(p[i].score > 0 && p[i].score <= 1e6);
        assert_true(p[i].sentence >= 1);
    }
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

/* A weights file with every feature at w, the bias and the exponent, plus extra lines. */
static const char *weights_file(double w, const char *extra)
{
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text, "# made by test_learned\nbias 0.5\nlength_exponent 0.5\n");
    for (size_t k = 0; k < PIPE_SUM_N_FEATURES; k++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%s %g  # ok\n", pipe_summarize_feature_name(k), w);
    snprintf(text + len, sizeof text - len, "%s", extra);
    return temp_file(text);
}

/* Every malformed weights file fails engine creation with a message naming file:line. */
static void test_bad_weights(void **st)
{
    (void)st;
    struct {
        const char *extra;
        const char *want;
    } cases[] = {
        {"colour 1.0\n", "unknown feature \"colour\""},
        {"bias 1.0\n", "\"bias\" given twice (first on line 2)"},
        {"position\n", "expected `NAME VALUE`"},
        {"position 1 2\n", "expected `NAME VALUE`"},
        {"\n\nposition abc\n", "\"abc\" is not a finite number"},
        {"position nan\n", "not a finite number"},
        {"position 1e999\n", "not a finite number"},
        {"length_exponent 9\n", "length_exponent must be between 0 and 4"},
    };
    size_t line_of[] = {PIPE_SUM_N_FEATURES + 4, PIPE_SUM_N_FEATURES + 4, PIPE_SUM_N_FEATURES + 4,
                        PIPE_SUM_N_FEATURES + 4, PIPE_SUM_N_FEATURES + 6, PIPE_SUM_N_FEATURES + 4,
                        PIPE_SUM_N_FEATURES + 4, PIPE_SUM_N_FEATURES + 4};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        const char *path = weights_file(1.0, cases[c].extra);
        pipe_summarize_opts o;
        char err[512], where[128];
        pipe_summarize_opts_init(&o);
        o.method = PIPE_SUM_LEARNED;
        o.weights_path = path;
        assert_null(pipe_summarizer_new(&o, err, sizeof err));
        snprintf(where, sizeof where, "%s:%zu: ", path, line_of[c]);
        if (!strstr(err, where) || !strstr(err, cases[c].want))
            fail_msg("case %zu: \"%s\" lacks \"%s\" or \"%s\"", c, err, where, cases[c].want);
        unlink(path);
    }
    /* A feature missing: named, with the file. */
    const char *path = temp_file("bias 1\nlength_exponent 0\n");
    pipe_summarize_opts o;
    char err[512];
    pipe_summarize_opts_init(&o);
    o.method = PIPE_SUM_LEARNED;
    o.weights_path = path;
    assert_null(pipe_summarizer_new(&o, err, sizeof err));
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "no weight for \"first_body\""));
    unlink(path);
    /* No file at all, and no file named. */
    o.weights_path = "/nonexistent/weights.txt";
    assert_null(pipe_summarizer_new(&o, err, sizeof err));
    assert_non_null(strstr(err, "cannot read weights /nonexistent/weights.txt"));
    o.weights_path = NULL;
    assert_null(pipe_summarizer_new(&o, err, sizeof err));
    assert_non_null(strstr(err, "need a weights file"));
    /* The default method needs the file too. */
    o.method = PIPE_SUM_DEFAULT;
    assert_null(pipe_summarizer_new(&o, err, sizeof err));
    assert_non_null(strstr(err, "need a weights file"));
    /* A good file of all zeros still makes an engine (every sentence scores the same). */
    const char *good = weights_file(0.0, "");
    o.weights_path = good;
    pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
    assert_non_null(s);
    pipe_summarizer_free(s);
    unlink(good);
}

/* A learned engine with its own stop-word file (the shipped openers and weights). */
static pipe_summarizer *make_with_stop(const char *stop, char *err, size_t errlen)
{
    pipe_summarize_opts o;
    pipe_summarize_opts_init(&o);
    o.method = PIPE_SUM_LEARNED;
    o.sentences = 2;
    o.stopwords_path = stop;
    o.openers_path = OPENERS;
    o.weights_path = WEIGHTS;
    return pipe_summarizer_new(&o, err, errlen);
}

/*
 * A stop word marked `count` stays out of the similarity terms but joins
 * term_freq, the mean sentence frequency of a sentence's words: "said" is
 * in two of the three sentences, so it raises theirs.
 */
static void test_counted_stop_words(void **st)
{
    (void)st;
    static const char *const text = "Ships said harbours close.\n\nShips said storms arrive.\n\n"
                                    "Farmers plant wheat early.\n";
    char marked[64], plain[64], err[512];
    snprintf(marked, sizeof marked, "%s", temp_file("# test\nsaid count  # a comment\n"));
    snprintf(plain, sizeof plain, "%s", temp_file("said\n"));
    pipe_summarizer *m = make_with_stop(marked, err, sizeof err);
    if (!m)
        fail_msg("%s", err);
    pipe_summarizer *p = make_with_stop(plain, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    pipe_summarizer *shared = pipe_summarizer_share(m, err, sizeof err);
    if (!shared)
        fail_msg("%s", err);
    sumsplit ds = {0};
    size_t n;
    const int *tiers;
    size_t tf = feature("term_freq");
    /* Marked: ship 2, said 2, harbour 1, close 1 -> 6/4 (the best); farmer, plant, wheat, early -> 4/4. */
    const double *f = features_of(m, &ds, text, &n, &tiers);
    assert_int_equal(n, 3);
    assert_float_equal(f[0 * PIPE_SUM_N_FEATURES + tf], 1.0, 1e-12);
    assert_float_equal(f[1 * PIPE_SUM_N_FEATURES + tf], 1.0, 1e-12);
    assert_float_equal(f[2 * PIPE_SUM_N_FEATURES + tf], 1.0 / 1.5, 1e-12);
    double centrality = f[2 * PIPE_SUM_N_FEATURES + feature("centrality")];
    /* A shared engine reads the same marks. */
    f = features_of(shared, &ds, text, &n, &tiers);
    assert_float_equal(f[2 * PIPE_SUM_N_FEATURES + tf], 1.0 / 1.5, 1e-12);
    /* Unmarked: said is not counted, 4/3 the best and 4/4 for the third. */
    f = features_of(p, &ds, text, &n, &tiers);
    assert_float_equal(f[0 * PIPE_SUM_N_FEATURES + tf], 1.0, 1e-12);
    assert_float_equal(f[2 * PIPE_SUM_N_FEATURES + tf], 0.75, 1e-12);
    /* The similarity terms are the same either way: so is TextRank's centrality. */
    assert_float_equal(f[2 * PIPE_SUM_N_FEATURES + feature("centrality")], centrality, 1e-12);
    sumsplit_free(&ds);
    pipe_summarizer_free(shared);
    pipe_summarizer_free(p);
    pipe_summarizer_free(m);
    unlink(plain);
    /* Anything but `count` after the word is refused with file:line, and so is a 65th counted word. */
    const char *bad = temp_file("a\nsaid counted\n");
    assert_null(make_with_stop(bad, err, sizeof err));
    char where[128];
    snprintf(where, sizeof where, "%s:2: after the word, only `count` may follow", bad);
    assert_non_null(strstr(err, where));
    unlink(bad);
    char many[65 * 16] = "";
    for (int k = 0; k < 65; k++)
        snprintf(many + strlen(many), sizeof many - strlen(many), "w%d count\n", k);
    bad = temp_file(many);
    assert_null(make_with_stop(bad, err, sizeof err));
    snprintf(where, sizeof where, "%s:65: more than 64 words marked `count`", bad);
    assert_non_null(strstr(err, where));
    unlink(bad);
    unlink(marked);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_feature_names),
        cmocka_unit_test(test_features),
        cmocka_unit_test(test_feature_ranks_long),
        cmocka_unit_test(test_weights_load),
        cmocka_unit_test(test_bad_weights),
        cmocka_unit_test(test_counted_stop_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
