/*
 * Unit tests of the summarizer engine (summarize.h) on token and sentence
 * arrays made by the real tokenizer and sentence splitter engines
 * (tests/support/sumsplit.h), so the engine is tested on what the
 * pipeline feeds it, without the plugin host.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"
#include "sumtest.h"

static const char *const ARTICLE =
    "Storm hits coastal towns\n\n"
    "A powerful storm hit the coastal towns of the region on Monday, flooding streets and cutting power to thousands of homes.\n\n"
    "Emergency crews worked through the night to restore power to the flooded coastal towns.\n\n"
    "The storm brought winds of more than 100 miles per hour and heavy rain across the region.\n\n"
    "Local schools were closed and residents were told to stay indoors.\n\n"
    "Forecasters said the storm would move north and weaken by Wednesday.\n\n"
    "Insurance companies expect claims for flood damage to reach record levels this year.\n";

/* The invariants every summary keeps: valid, in document order, distinct, ranks 1..n. */
static void check_invariants(const pipe_summary *p, size_t n, const sumsplit *ds, size_t max)
{
    assert_true(n <= max);
    uint32_t seen_rank = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(p[i].sentence < ds->nsent);
        assert_int_equal(p[i].start, ds->sents[p[i].sentence].start);
        assert_int_equal(p[i].end, ds->sents[p[i].sentence].end);
        if (i > 0)
            assert_true(p[i].sentence > p[i - 1].sentence);
        assert_true(p[i].rank >= 1 && p[i].rank <= n);
        seen_rank |= 1u << (p[i].rank - 1);
    }
    if (n > 0 && n < 32)
        assert_int_equal(seen_rank, (1u << n) - 1);
}

/* The compiled boilerplate phrases: anchored only at the first word, the others anywhere, any case. */
static void test_boilerplate_phrases(void **st)
{
    (void)st;
    static const char *const text =
        "Read more about the storm damage in the coastal region today.\n\n"
        "Officials said you can read more about the storm in their report.\n\n"
        "\"Photo credit: the coastal storm team took this picture yesterday.\"\n\n"
        "The coastal storm photos were supplied by GETTY Images for this story.\n\n"
        "Storm news gets delivered to your Inbox every morning at seven.\n\n"
        "The storm left our newsletters undelivered to many homes near the coast.\n\n"
        "Residents of the coastal towns cleaned up after the storm on Tuesday.\n";
    pipe_summarizer *s = make(PIPE_SUM_LEAD, 10);
    sumsplit ds = {0};
    size_t n;
    const pipe_summary *p = run(s, &ds, text, &n);
    check_invariants(p, n, &ds, 10);
    assert_int_equal(n, 2);
    assert_true(has_text(text, p, n, "Officials said you can read more"));
    assert_true(has_text(text, p, n, "Residents of the coastal towns"));
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

/*
 * An unanchored phrase is found at every offset in a sentence: the scan moves its window by more
 * than a byte at a time, and a shift one too long would step over the phrase at some offsets.
 * The two phrases are the shortest (12 bytes, the window) and a longer one of the list.
 */
static void test_boilerplate_every_offset(void **st)
{
    (void)st;
    static const char *const phrases[] = {"getty images", "all rights reserved"};
    static const char *const letters = "bcdfghjklmnpqrstvwxz";
    char text[16384];
    size_t len = 0, expect = 0;
    for (size_t ph = 0; ph < 2; ph++) {
        for (size_t k = 0; k < 30; k++) {
            /* A word of k letters (its own in each sentence, so none repeats another), then the
             * phrase or, as a control, other words of the same length. */
            char word[32];
            for (size_t i = 0; i < k; i++)
                word[i] = letters[(i * 7 + k + ph * 3) % 20];
            word[k] = '\0';
            len += (size_t)snprintf(text + len, sizeof text - len,
                                    "The storm photo %s from %s was used by the paper.\n\n"
                                    "The storm photo %s from our %s staff was used by the paper.\n\n",
                                    word, phrases[ph], word, ph ? "coastal weather" : "coast");
            expect += 2;
        }
    }
    assert_true(len < sizeof text - 1);
    pipe_summarizer *s = make(PIPE_SUM_LEAD, 3);
    sumsplit ds = {0};
    size_t n;
    const int *tiers;
    features_of(s, &ds, text, &n, &tiers);
    assert_int_equal(n, expect);
    for (size_t i = 0; i < n; i++) {
        int boiler = i % 2 == 0;
        if ((tiers[i] == 9) != boiler)
            fail_msg("sentence %zu: tier %d, expected %s", i, tiers[i], boiler ? "boilerplate" : "eligible");
    }
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

/*
 * Repeats: a sentence with the same content terms as an earlier one (after folding, stop words and
 * stemming; counts aside) is never picked, the first is; a superset or other terms are no repeat,
 * and the next document starts with none seen.
 */
static void test_repeats(void **st)
{
    (void)st;
    static const char *const text = "The storm hit the coastal towns on Monday night.\n\n"
                                    "Officials said the damage was heavy across the region.\n\n"
                                    "Storms hit coastal towns on Monday night!\n\n"
                                    "On Monday night the storm hit a coastal town, the storm.\n\n"
                                    "The storm hit the coastal towns on Monday night and Tuesday.\n\n"
                                    "Officials said the damage was heavy across the region.\n\n"
                                    "THE STORM HIT THE COASTAL TOWNS ON MONDAY NIGHT AND TUESDAY.\n";
    pipe_summarizer *s = make(PIPE_SUM_LEAD, 3);
    for (int round = 0; round < 2; round++) {
        sumsplit ds = {0};
        size_t n;
        const int *tiers;
        features_of(s, &ds, text, &n, &tiers);
        assert_int_equal(n, 7);
        assert_int_equal(tiers[0], 0);
        assert_int_equal(tiers[1], 0);
        assert_int_equal(tiers[2], 9);
        assert_int_equal(tiers[3], 9);
        assert_int_equal(tiers[4], 0);
        assert_int_equal(tiers[5], 9);
        /* Other spellings (capitals) of words stemmed before: the same stems, so a repeat too. */
        assert_int_equal(tiers[6], 9);
        sumsplit_free(&ds);
    }
    pipe_summarizer_free(s);
}

static void test_each_method(void **st)
{
    (void)st;
    for (int m = PIPE_SUM_DEFAULT; m <= PIPE_SUM_MMR; m++) {
        pipe_summarizer *s = make((pipe_summarize_method)m, 3);
        sumsplit ds = {0};
        size_t n;
        const pipe_summary *p = run(s, &ds, ARTICLE, &n);
        assert_int_equal(n, 3);
        check_invariants(p, n, &ds, 3);
        assert_int_not_equal(p[0].sentence, 0); /* never the headline */
        if (m == PIPE_SUM_LEAD)
            for (size_t i = 0; i < n; i++)
                assert_int_equal(p[i].sentence, i + 1);
        if (m == PIPE_SUM_DEFAULT || m == PIPE_SUM_TEXTRANK)
            assert_true(has_text(ARTICLE, p, n, "A powerful storm hit"));
        sumsplit_free(&ds);
        pipe_summarizer_free(s);
    }
}

static void test_method_names(void **st)
{
    (void)st;
    assert_int_equal(pipe_summarize_method_parse("default"), PIPE_SUM_DEFAULT);
    assert_int_equal(pipe_summarize_method_parse("mmr"), PIPE_SUM_MMR);
    assert_int_equal(pipe_summarize_method_parse("learned"), PIPE_SUM_LEARNED);
    assert_int_equal(pipe_summarize_method_parse("lead"), PIPE_SUM_LEAD);
    assert_int_equal(pipe_summarize_method_parse("textrank"), PIPE_SUM_TEXTRANK);
    assert_int_equal(pipe_summarize_method_parse("lexrank"), PIPE_SUM_LEXRANK);
    assert_int_equal(pipe_summarize_method_parse("luhn"), -1);
    assert_int_equal(pipe_summarize_method_parse(NULL), -1);
}

static void test_sentences_and_ratio(void **st)
{
    (void)st;
    sumsplit ds = {0};
    size_t n;
    for (int k = 0; k <= 8; k++) {
        pipe_summarizer *s = make(PIPE_SUM_DEFAULT, k);
        const pipe_summary *p = run(s, &ds, ARTICLE, &n);
        /* 6 real sentences after the headline */
        assert_int_equal(n, (size_t)(k < 6 ? k : 6));
        check_invariants(p, n, &ds, (size_t)k);
        pipe_summarizer_free(s);
    }
    pipe_summarize_opts o;
    char err[256];
    pipe_summarize_opts_init(&o);
    o.stopwords_path = STOP;
    o.weights_path = WEIGHTS;
    o.ratio = 0.5; /* 7 sentences incl. headline -> round(3.5) = 4 */
    pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
    assert_non_null(s);
    run(s, &ds, ARTICLE, &n);
    assert_int_equal(n, 4);
    pipe_summarizer_free(s);
    o.ratio = 0.01; /* at least one */
    s = pipe_summarizer_new(&o, err, sizeof err);
    run(s, &ds, ARTICLE, &n);
    assert_int_equal(n, 1);
    pipe_summarizer_free(s);
    sumsplit_free(&ds);
}

static void test_max_words(void **st)
{
    (void)st;
    pipe_summarize_opts o;
    char err[256];
    pipe_summarize_opts_init(&o);
    o.stopwords_path = STOP;
    o.weights_path = WEIGHTS;
    o.sentences = 5;
    o.max_words = 30;
    pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
    sumsplit ds = {0};
    size_t n;
    const pipe_summary *p = run(s, &ds, ARTICLE, &n);
    assert_true(n >= 1);
    size_t words = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < ds.sents[p[i].sentence].n_tokens; t++)
            words += ds.toks[ds.sents[p[i].sentence].first_token + t].kind <= PIPE_TOK_NUMBER;
    assert_true(words <= 30);
    pipe_summarizer_free(s);
    o.max_words = 3; /* no sentence fits: an empty summary, not an overlong one */
    s = pipe_summarizer_new(&o, err, sizeof err);
    run(s, &ds, ARTICLE, &n);
    assert_int_equal(n, 0);
    pipe_summarizer_free(s);
    sumsplit_free(&ds);
}

static void test_min_words_and_fallback(void **st)
{
    (void)st;
    sumsplit ds = {0};
    size_t n;
    pipe_summarizer *s = make(PIPE_SUM_DEFAULT, 3);
    /* Only short sentences: they are the fallback tier and still make a summary. */
    const pipe_summary *p = run(s, &ds, "Rain fell. Rivers rose fast. Roads closed.", &n);
    assert_int_equal(n, 3);
    check_invariants(p, n, &ds, 3);
    /* One long sentence and short ones: the short ones are not mixed in. */
    run(s, &ds, "Rain fell. The river rose above its banks overnight and flooded the old town centre. Roads closed.",
        &n);
    assert_int_equal(n, 1);
    pipe_summarizer_free(s);
    sumsplit_free(&ds);
}

static void test_bad_options(void **st)
{
    (void)st;
    pipe_summarize_opts o;
    char err[256];
    pipe_summarize_opts_init(&o);
    o.language = "klingon";
    assert_null(pipe_summarizer_new(&o, err, sizeof err));
    assert_non_null(strstr(err, "klingon"));
    pipe_summarize_opts_init(&o);
    o.ratio = 1.5;
    assert_null(pipe_summarizer_new(&o, err, sizeof err));
    pipe_summarize_opts_init(&o);
    o.lambda = -0.1;
    assert_null(pipe_summarizer_new(&o, err, sizeof err));
    pipe_summarize_opts_init(&o);
    o.sentences = -1;
    assert_null(pipe_summarizer_new(&o, err, sizeof err));
    pipe_summarize_opts_init(&o);
    o.stopwords_path = "/nonexistent/stop.txt";
    assert_null(pipe_summarizer_new(&o, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/stop.txt"));
    pipe_summarize_opts_init(&o);
    o.weights_path = WEIGHTS;
    o.language = ""; /* no stemming is allowed */
    pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
    assert_non_null(s);
    pipe_summarizer_free(s);
}

static void test_lambda_and_position(void **st)
{
    (void)st;
    sumsplit ds = {0};
    size_t n;
    pipe_summarize_opts o;
    char err[256];
    pipe_summarize_opts_init(&o);
    o.method = PIPE_SUM_MMR;
    o.stopwords_path = STOP;
    o.position_weight = 100; /* the lead prior dominates: the first sentences win */
    o.lambda = 1;
    pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
    const pipe_summary *p = run(s, &ds, ARTICLE, &n);
    assert_int_equal(n, 3);
    for (size_t i = 0; i < n; i++)
        if (p[i].rank == 1)
            assert_int_equal(p[i].sentence, 1);
    pipe_summarizer_free(s);
    o.position_weight = 0;
    o.lambda = 0; /* novelty only: still a valid summary */
    s = pipe_summarizer_new(&o, err, sizeof err);
    p = run(s, &ds, ARTICLE, &n);
    assert_int_equal(n, 3);
    check_invariants(p, n, &ds, 3);
    pipe_summarizer_free(s);
    sumsplit_free(&ds);
}

static void test_redundancy(void **st)
{
    (void)st;
    const char *text =
        "The central bank raised interest rates by half a point to fight rising inflation.\n\n"
        "The central bank raised interest rates by half a point to fight rising inflation.\n\n"
        "The central bank has raised interest rates by half a point, to fight the rising inflation.\n\n"
        "Shares in London fell sharply after the announcement, led by housebuilders and banks.\n\n"
        "Economists expect further interest rate rises later this year as inflation stays high.\n";
    for (int m = PIPE_SUM_DEFAULT; m <= PIPE_SUM_MMR; m++) {
        pipe_summarizer *s = make((pipe_summarize_method)m, 3);
        sumsplit ds = {0};
        size_t n;
        const pipe_summary *p = run(s, &ds, text, &n);
        check_invariants(p, n, &ds, 3);
        int copies = 0;
        for (size_t i = 0; i < n; i++)
            copies += p[i].sentence <= 2;
        assert_true(copies <= 1); /* one of the three versions at most */
        sumsplit_free(&ds);
        pipe_summarizer_free(s);
    }
}

/*
 * Two families of near-copies: the second pick's copies must be kept out as
 * well as the first's, whichever pick a candidate is compared with last
 * (sum_select.c compares a candidate with the picks only when it looks at it).
 */
static void test_redundancy_every_pick(void **st)
{
    (void)st;
    const char *text =
        "The central bank raised interest rates by half a point to fight rising inflation.\n\n"
        "Shares in London fell sharply after the rate announcement, led by housebuilders and banks.\n\n"
        "The central bank has raised interest rates by half a point, to fight the rising inflation.\n\n"
        "Shares in London have fallen sharply after the rate announcement, led by the housebuilders and banks.\n\n"
        "Economists expect further interest rate rises later this year as inflation stays high.\n\n"
        "The pound rose against the dollar and the euro in early trading on Thursday.\n\n"
        "Mortgage lenders said they would pass the rate increase on to borrowers next month.\n";
    for (int m = PIPE_SUM_DEFAULT; m <= PIPE_SUM_MMR; m++) {
        for (int k = 2; k <= 5; k++) {
            pipe_summarizer *s = make((pipe_summarize_method)m, k);
            sumsplit ds = {0};
            size_t n;
            const pipe_summary *p = run(s, &ds, text, &n);
            check_invariants(p, n, &ds, (size_t)k);
            int bank = 0, shares = 0;
            for (size_t i = 0; i < n; i++) {
                bank += p[i].sentence == 0 || p[i].sentence == 2;
                shares += p[i].sentence == 1 || p[i].sentence == 3;
            }
            if (bank > 1 || shares > 1)
                fail_msg("method %d, %d sentences: %d bank and %d shares sentences picked", m, k, bank, shares);
            sumsplit_free(&ds);
            pipe_summarizer_free(s);
        }
    }
}

static void test_short_documents(void **st)
{
    (void)st;
    pipe_summarizer *s = make(PIPE_SUM_DEFAULT, 3);
    sumsplit ds = {0};
    size_t n;
    run(s, &ds, "", &n);
    assert_int_equal(n, 0);
    run(s, &ds, "   \n\n  ", &n);
    assert_int_equal(n, 0);
    const pipe_summary *p = run(s, &ds, "The minister resigned on Friday after the vote.", &n);
    assert_int_equal(n, 1);
    assert_int_equal(p[0].sentence, 0);
    assert_int_equal(p[0].rank, 1);
    p = run(s, &ds, "The minister resigned on Friday after the vote. Her deputy will lead the party until May.", &n);
    assert_int_equal(n, 2);
    check_invariants(p, n, &ds, 3);
    /* NULL arrays are an empty document */
    pipe_summarize_input in = {NULL, 0, NULL, 0, NULL, 0, NULL, 0};
    assert_non_null(pipe_summarize(s, &in, &n));
    assert_int_equal(n, 0);
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

static void test_no_stop_words(void **st)
{
    (void)st;
    const char *text = "Quick brown foxes jump fences daily. Lazy dogs sleep soundly indoors. "
                       "Foxes chase rabbits through meadows. Farmers build taller fences.";
    for (int with_list = 0; with_list < 2; with_list++) {
        pipe_summarize_opts o;
        char err[256];
        pipe_summarize_opts_init(&o);
        o.stopwords_path = with_list ? STOP : NULL;
        o.weights_path = WEIGHTS;
        o.sentences = 2;
        o.min_words = 4;
        pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
        sumsplit ds = {0};
        size_t n;
        const pipe_summary *p = run(s, &ds, text, &n);
        assert_int_equal(n, 2);
        check_invariants(p, n, &ds, 2);
        sumsplit_free(&ds);
        pipe_summarizer_free(s);
    }
}

static void test_only_stop_words(void **st)
{
    (void)st;
    pipe_summarizer *s = make(PIPE_SUM_TEXTRANK, 3);
    sumsplit ds = {0};
    size_t n;
    const pipe_summary *p = run(s, &ds, "It is what it is and that is all there is to it. So be it, then, if you will.", &n);
    check_invariants(p, n, &ds, 3);
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
}

/* samples/huawei-no-spy.txt: the summary a person would accept, and none of its boilerplate. */
static void test_huawei_golden(void **st)
{
    (void)st;
    size_t len;
    char *text = harness_read_file("samples/huawei-no-spy.txt", &len);
    assert_non_null(text);
    const char *const boiler[] = {"Huawei logo in a server room", "Image credit", "Sign up to", "Recent articles",
                                  "Huawei offers to sign"};
    for (int m = PIPE_SUM_DEFAULT; m <= PIPE_SUM_MMR; m++) {
        pipe_summarizer *s = make((pipe_summarize_method)m, 5);
        sumsplit ds = {0};
        size_t n;
        const pipe_summary *p = run(s, &ds, text, &n);
        assert_int_equal(n, 5);
        check_invariants(p, n, &ds, 5);
        for (size_t b = 0; b < sizeof boiler / sizeof *boiler; b++)
            assert_false(has_text(text, p, n, boiler[b]));
        sumsplit_free(&ds);
        pipe_summarizer_free(s);
    }
    pipe_summarizer *s = make(PIPE_SUM_DEFAULT, 3);
    sumsplit ds = {0};
    size_t n;
    const pipe_summary *p = run(s, &ds, text, &n);
    assert_int_equal(n, 3);
    assert_true(has_text(text, p, n, "Huawei has said it is willing to sign a 'no spying' agreement"));
    /* Was "The telecoms giant has been under intense international scrutiny ..." (background) before term_freq counted body words with repetition. */
    assert_true(has_text(text, p, n, "Dr Liang claimed Huawei has never been asked to hand over data"));
    assert_true(has_text(text, p, n, "Huawei, a market leader in the equipment required"));
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
    free(text);
}

/* Spans and indices out of range must be ignored, never read. */
static void test_hostile_arrays(void **st)
{
    (void)st;
    const char *text = "Some words here. More words there.";
    pipe_token toks[4] = {{0, 4, PIPE_TOK_WORD, 0}, {5, 900, PIPE_TOK_WORD, 0}, {20, 10, PIPE_TOK_WORD, 0}, {UINT32_MAX - 1, UINT32_MAX, 999, 0xFFFF}};
    pipe_sentence sents[4] = {{0, 16, 0, 3, 0, 0}, {17, 5000, 2, UINT32_MAX, 0, 0}, {30, 2, UINT32_MAX, 5, 0, 0}, {0, 34, 3, 1, 0, 0xFFFF}};
    pipe_quote q[1] = {{0}};
    q[0].start = 3;
    q[0].end = UINT32_MAX;
    pipe_summarize_opts o;
    char err[256];
    pipe_summarize_opts_init(&o);
    o.min_words = 0;
    o.weights_path = WEIGHTS;
    o.openers_path = OPENERS;
    for (int m = PIPE_SUM_DEFAULT; m <= PIPE_SUM_MMR; m++) {
        o.method = (pipe_summarize_method)m;
        pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
        pipe_summarize_input in = {text, strlen(text), toks, 4, sents, 4, q, 1};
        size_t n;
        const pipe_summary *p = pipe_summarize(s, &in, &n);
        assert_non_null(p);
        assert_true(n <= 3);
        for (size_t i = 0; i < n; i++) {
            assert_true(p[i].sentence < 4);
            assert_true(p[i].end <= strlen(text));
        }
        pipe_summarizer_free(s);
    }
}

/* count numbered sentences, each naming one of a few topics, items and areas, so terms recur. */
static char *numbered_sentences(int count)
{
    size_t cap = (size_t)count * 96, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int i = 0; i < count; i++)
        len += (size_t)snprintf(text + len, cap - len, "Report %d says topic%d grew while item%d and area%d fell. ", i,
                                i % 53, i % 17, i % 29);
    return text;
}

/* A long document takes the windowed path (see sum_rank.c) and stays correct. */
static void test_long_document(void **st)
{
    (void)st;
    char *text = numbered_sentences(3000);
    pipe_summarizer *s = make(PIPE_SUM_DEFAULT, 10);
    sumsplit ds = {0};
    size_t n;
    const pipe_summary *p = run(s, &ds, text, &n);
    assert_int_equal(n, 10);
    check_invariants(p, n, &ds, 10);
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
    free(text);
}

/* A document of more than 65,536 tokens (SUM_RELEASE_TOKENS) makes the engine give back its word
 * cache, then its ranking buffers, between the steps of that document. Its picks must be those of
 * an engine that never did (the same document again, as the second of two), and the engine must
 * then give a short document the picks a fresh engine gives it. */
static void test_release_after_large(void **st)
{
    (void)st;
    char *big = numbered_sentences(9000);
    const pipe_summarize_method methods[] = {PIPE_SUM_DEFAULT, PIPE_SUM_TEXTRANK, PIPE_SUM_LEXRANK, PIPE_SUM_MMR};
    for (size_t m = 0; m < sizeof methods / sizeof *methods; m++) {
        pipe_summarizer *s = make(methods[m], 5), *fresh = make(methods[m], 5);
        sumsplit d1 = {0}, d2 = {0}, d3 = {0}, d4 = {0};
        size_t n1, n2, n3, n4;
        const pipe_summary *p = run(s, &d1, big, &n1);
        assert_true(d1.ntok > 65536);
        assert_int_equal(n1, 5);
        check_invariants(p, n1, &d1, 5);
        pipe_summary first[5];
        memcpy(first, p, sizeof first);
        p = run(s, &d2, big, &n2);
        assert_int_equal(n2, n1);
        assert_memory_equal(p, first, sizeof first);
        const pipe_summary *q = run(s, &d3, ARTICLE, &n3);
        pipe_summary after[8];
        assert_true(n3 > 0 && n3 <= 8);
        memcpy(after, q, n3 * sizeof *q);
        q = run(fresh, &d4, ARTICLE, &n4);
        assert_int_equal(n4, n3);
        assert_memory_equal(q, after, n3 * sizeof *q);
        sumsplit_free(&d1);
        sumsplit_free(&d2);
        sumsplit_free(&d3);
        sumsplit_free(&d4);
        pipe_summarizer_free(s);
        pipe_summarizer_free(fresh);
    }
    free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_method),
        cmocka_unit_test(test_method_names),
        cmocka_unit_test(test_sentences_and_ratio),
        cmocka_unit_test(test_max_words),
        cmocka_unit_test(test_min_words_and_fallback),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_lambda_and_position),
        cmocka_unit_test(test_redundancy),
        cmocka_unit_test(test_redundancy_every_pick),
        cmocka_unit_test(test_short_documents),
        cmocka_unit_test(test_no_stop_words),
        cmocka_unit_test(test_only_stop_words),
        cmocka_unit_test(test_huawei_golden),
        cmocka_unit_test(test_hostile_arrays),
        cmocka_unit_test(test_long_document),
        cmocka_unit_test(test_release_after_large),
        cmocka_unit_test(test_boilerplate_phrases),
        cmocka_unit_test(test_boilerplate_every_offset),
        cmocka_unit_test(test_repeats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
