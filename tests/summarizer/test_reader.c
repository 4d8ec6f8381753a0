/*
 * What a reader would reject is never in a summary, whatever the method:
 * table rows, price lists, column layouts, bylines, datelines, navigation
 * and sign-up lines (sum_shape.c, the boilerplate list), and a sentence that
 * opens with a pronoun or connective without the sentence it points back
 * to (sum_opener.c, sum_select.c). All texts are written for these tests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sumtest.h"

/* Prose about grain prices, with every kind of line a reader rejects in between. */
static const char *const MIXED =
    "Grain prices climb\n\n"
    "By Jane Smith and John Doe.\n\n"
    "CHICAGO, May 4.\n\n"
    "Home | Markets | Grain prices | Weather | Contact.\n\n"
    "Grain prices climbed for a third week as dry weather cut the harvest outlook across the plains.\n\n"
    "Spring wheat sold at 210 and 215 dlrs, summer lots at 220, 225 and 230 dlrs, and autumn at 240 to 245 dlrs a tonne.\n\n"
    "Wheat     210.5     215.0     +2.1\n"
    "Corn      180.2     181.0     +0.4\n\n"
    "Net 392.7 mln vs 353.0 mln\n\n"
    "Sign up to our daily grain prices newsletter for more market stories like this.\n\n"
    "Traders said grain prices could climb further if the dry weather lasts into June.\n\n"
    "Profit at the largest grain trader rose 27% to $3.4bn in 2004, while sales grew 6% to $42bn.\n\n"
    "Farmers on the plains have begun to sell their grain early to lock in the higher prices.\n";

/* The lines of MIXED that must never be picked. */
static const char *const REJECTED[] = {"By Jane Smith", "CHICAGO, May 4", "Home | Markets", "Spring wheat sold",
                                       "Wheat     210.5", "Net 392.7", "Sign up to"};

static void test_rejected_lines(void **st)
{
    (void)st;
    for (int m = PIPE_SUM_DEFAULT; m <= PIPE_SUM_MMR; m++) {
        pipe_summarizer *s = make((pipe_summarize_method)m, 20);
        sumsplit ds = {0};
        size_t n;
        const pipe_summary *p = run(s, &ds, MIXED, &n);
        for (size_t r = 0; r < sizeof REJECTED / sizeof *REJECTED; r++)
            if (has_text(MIXED, p, n, REJECTED[r]))
                fail_msg("method %d picked \"%s\"", m, REJECTED[r]);
        /* The prose, figures and all, is still there. */
        assert_true(has_text(MIXED, p, n, "Grain prices climbed for a third week"));
        assert_true(has_text(MIXED, p, n, "Traders said grain prices could climb"));
        assert_true(has_text(MIXED, p, n, "Profit at the largest grain trader rose 27%"));
        assert_true(has_text(MIXED, p, n, "Farmers on the plains"));
        assert_int_equal(n, 4);
        sumsplit_free(&ds);
        pipe_summarizer_free(s);
    }
}

/* A document of nothing but table rows gets an empty summary, not a table. */
static void test_only_tables(void **st)
{
    (void)st;
    const char *text = "Shr 1.20 dlrs vs 1.10 dlrs\nNet 392.7 mln vs 353.0 mln\nRevs 23.3 mln vs 21.4 mln\n";
    pipe_summarizer *s = make(PIPE_SUM_TEXTRANK, 3);
    sumsplit ds = {0};
    size_t n;
    run(s, &ds, text, &n);
    assert_int_equal(n, 0);
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

/*
 * The opener sentence shares the most words with the others, so every
 * graph method ranks it first; alone it reads "He said ..." about nobody.
 */
static const char *const OPENER_DOC =
    "Council budget vote\n\n"
    "The city council approved a new budget for schools on Tuesday evening.\n\n"
    "He said the council budget for city schools and roads would rise next year.\n\n"
    "Road repairs in the city will start in the spring, officials said.\n\n"
    "Parents welcomed the extra money for schools at a meeting on Wednesday.\n";

static void test_dangling_opener(void **st)
{
    (void)st;
    for (int m = PIPE_SUM_DEFAULT; m <= PIPE_SUM_MMR; m++) {
        for (int k = 1; k <= 4; k++) {
            pipe_summarizer *s = make((pipe_summarize_method)m, k);
            sumsplit ds = {0};
            size_t n;
            const pipe_summary *p = run(s, &ds, OPENER_DOC, &n);
            assert_int_equal(n, (size_t)k);
            /* "He said ..." only with "The city council approved ..." before it. */
            if (has_text(OPENER_DOC, p, n, "He said the council"))
                assert_true(has_text(OPENER_DOC, p, n, "The city council approved"));
            sumsplit_free(&ds);
            pipe_summarizer_free(s);
        }
    }
    /* Without the openers file the rule is off and TextRank takes the central sentence alone. */
    pipe_summarize_opts o;
    char err[256];
    pipe_summarize_opts_init(&o);
    o.method = PIPE_SUM_TEXTRANK;
    o.sentences = 1;
    o.stopwords_path = STOP;
    pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
    assert_non_null(s);
    sumsplit ds = {0};
    size_t n;
    const pipe_summary *p = run(s, &ds, OPENER_DOC, &n);
    assert_int_equal(n, 1);
    assert_true(has_text(OPENER_DOC, p, n, "He said the council"));
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

/*
 * The learned methods may take an opener together with its previous
 * sentence when the pair outscores the two best single picks: a model that
 * likes openers (p = 0.98) and dislikes the lead (0.27, the rest 0.5) takes
 * "He said ..." with the lead before it at 2 sentences (1.25 > 0.5 + 0.5);
 * waiting for the lead to come on its own, it would never come. At 1 there
 * is no room for the pair, so the opener waits.
 */
static const char *const OPENER_CHAIN_DOC =
    "Council budget vote\n\n"
    "The city council approved a new budget for schools on Tuesday evening.\n\n"
    "He said the council budget for city schools and roads would rise next year.\n\n"
    "But the mayor warned that road repairs in the city would have to wait.\n\n"
    "Parents welcomed the extra money for schools at a meeting on Wednesday.\n";

static void test_opener_pair(void **st)
{
    (void)st;
    char wtext[4096];
    size_t len = (size_t)snprintf(wtext, sizeof wtext, "bias 0\nlength_exponent 0\n");
    for (size_t k = 0; k < PIPE_SUM_N_FEATURES; k++)
        len += (size_t)snprintf(wtext + len, sizeof wtext - len, "%s %s\n", pipe_summarize_feature_name(k),
                                strcmp(pipe_summarize_feature_name(k), "opener") == 0 ? "4" : strcmp(pipe_summarize_feature_name(k), "first_body") == 0 ? "-1" :
                                                                                                                                                          "0");
    char wpath[64];
    snprintf(wpath, sizeof wpath, "%s", temp_file(wtext));
    for (int k = 1; k <= 2; k++) {
        pipe_summarizer *s = make_weighted(PIPE_SUM_LEARNED, k, wpath);
        sumsplit ds = {0};
        size_t n;
        const pipe_summary *p = run(s, &ds, OPENER_DOC, &n);
        assert_int_equal(n, (size_t)k);
        assert_int_equal(has_text(OPENER_DOC, p, n, "He said the council"), k == 2);
        if (k == 2)
            assert_true(has_text(OPENER_DOC, p, n, "The city council approved"));
        sumsplit_free(&ds);
        /* A pair whose first sentence dangles itself ("He said ...", "But ...") is no pair. */
        sumsplit dc = {0};
        p = run(s, &dc, OPENER_CHAIN_DOC, &n);
        if (has_text(OPENER_CHAIN_DOC, p, n, "But the mayor"))
            assert_true(has_text(OPENER_CHAIN_DOC, p, n, "He said the council"));
        if (has_text(OPENER_CHAIN_DOC, p, n, "He said the council"))
            assert_true(has_text(OPENER_CHAIN_DOC, p, n, "The city council approved"));
        sumsplit_free(&dc);
        pipe_summarizer_free(s);
    }
    unlink(wpath);
}

/*
 * A chain of openers: after the one plain sentence, each sentence opens with "He" or "We" and so
 * waits for the one before it. Every method must unroll the chain from the plain sentence: each
 * pick lets the next sentence in (a waiting opener comes back), and an opener is never picked
 * without its previous sentence. 400 openers also make the selection set hundreds waiting at once,
 * which it now does in one pass per pick instead of one round each.
 */
static void test_opener_chain(void **st)
{
    (void)st;
    size_t cap = 400 * 80 + 200, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    len += (size_t)snprintf(text, cap, "The council approved the harbour plan on Monday after a long debate.\n\n"
                                       "He said the harbour plan would cut costs for the port.\n\n");
    for (int i = 0; i < 400; i++)
        len += (size_t)snprintf(text + len, cap - len, "We will fund harbour item %d of the plan this year.\n\n", i);
    for (int m = PIPE_SUM_DEFAULT; m <= PIPE_SUM_MMR; m++) {
        for (int k = 1; k <= 6; k++) {
            pipe_summarizer *s = make((pipe_summarize_method)m, k);
            sumsplit ds = {0};
            size_t n;
            const pipe_summary *p = run(s, &ds, text, &n);
            assert_int_equal(n, (size_t)k);
            assert_true(has_text(text, p, n, "The council approved the harbour plan"));
            /* The plain sentence, then the chain in order: each pick let the next one in. */
            for (size_t j = 1; j < n; j++)
                assert_int_equal(p[j].sentence, p[0].sentence + j);
            sumsplit_free(&ds);
            pipe_summarizer_free(s);
        }
    }
    free(text);
}

/* The opener feature of each sentence of text is expect[i], for its n_expect sentences. */
static void check_openers(const char *text, const int *expect, size_t n_expect)
{
    size_t n, k = feature("opener");
    const int *tiers;
    sumsplit ds = {0};
    pipe_summarizer *s = make(PIPE_SUM_TEXTRANK, 3);
    const double *f = features_of(s, &ds, text, &n, &tiers);
    assert_int_equal(n, n_expect);
    for (size_t i = 0; i < n; i++)
        if (f[i * PIPE_SUM_N_FEATURES + k] != expect[i])
            fail_msg("sentence %zu: opener %g, expected %d", i, f[i * PIPE_SUM_N_FEATURES + k], expect[i]);
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

/* Which openings count: pronouns and connectives, not "This year", not the first sentence. */
static void test_opener_words(void **st)
{
    (void)st;
    const char *text = "He arrived late on Monday night.\n\n" /* first sentence: nothing before it */
                       "However, the train was full of tired people.\n\n"
                       "\"But we waited,\" one passenger told the driver.\n\n"
                       "This year the line will close for repairs.\n\n"
                       "This delay angered most of the passengers.\n\n"
                       "In addition, tickets will cost more from June.\n\n"
                       "Heathrow trains were not affected by the closure.\n";
    const int expect[] = {0, 1, 1, 0, 1, 1, 0};
    check_openers(text, expect, sizeof expect / sizeof *expect);
}

/*
 * First words that the openers' byte-and-length mask rules out or lets through:
 * capitals, a phrase's first word, words of an opener's first byte and length
 * that are none ("Tomb"), non-ASCII words and long words, which are looked up.
 */
static void test_opener_first_words(void **st)
{
    (void)st;
    const char *text = "The museum opened a new hall on Monday.\n\n"        /* first: never an opener */
                       "THEY queued for hours in the cold rain.\n\n"        /* capitals fold: opener */
                       "The hall holds two hundred old maps.\n\n"           /* 't', 3 bytes: no phrase */
                       "Tomb paintings fill the second room there.\n\n"     /* 't', 4 bytes like 'they': not one */
                       "As a result, the queue reached the river.\n\n"      /* a phrase's first word */
                       "As visitors left, the guards closed the doors.\n\n" /* its first word alone: no */
                       "\xC3\x89ric Dupont guided the first groups in.\n\n" /* non-ASCII: looked up, none */
                       "\xE2\x80\x9CThey were patient,\xE2\x80\x9D the guide told the reporter.\n\n"
                       "Supercalifragilisticexpialidocious-ish banners hung in the lobby.\n";
    const int expect[] = {0, 1, 0, 0, 1, 0, 0, 1, 0};
    check_openers(text, expect, sizeof expect / sizeof *expect);
}

/* A bad openers file names its line, and no engine is made. */
static void test_bad_openers(void **st)
{
    (void)st;
    const char *const bad[] = {"he\n# fine\nin the light of that\n", "she\n!\n"};
    const char *const want[] = {":3: phrase of 5 words", ":2: '!' without a phrase"};
    for (size_t b = 0; b < 2; b++) {
        const char *path = temp_file(bad[b]);
        pipe_summarize_opts o;
        char err[256], where[128];
        pipe_summarize_opts_init(&o);
        o.openers_path = path;
        assert_null(pipe_summarizer_new(&o, err, sizeof err));
        snprintf(where, sizeof where, "%s%s", path, want[b]);
        if (!strstr(err, where))
            fail_msg("\"%s\" lacks \"%s\"", err, where);
        unlink(path);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rejected_lines),
        cmocka_unit_test(test_only_tables),
        cmocka_unit_test(test_dangling_opener),
        cmocka_unit_test(test_opener_pair),
        cmocka_unit_test(test_opener_chain),
        cmocka_unit_test(test_opener_words),
        cmocka_unit_test(test_opener_first_words),
        cmocka_unit_test(test_bad_openers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
