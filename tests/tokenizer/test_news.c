/*
 * test_news.c: unit tests of the tokenizer engine, one group per news rule
 * plus uax29 mode, flags, invalid UTF-8 and the API. Each case lists the
 * expected tokens by text; the helper turns them into exact byte spans
 * (a news token starts right after the previous one plus any white space)
 * and checks spans, kinds and the role flags.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tok_internal.h" /* tok_news_step(): the reference the fast loop must agree with */
#include "tokenize.h"

typedef struct exp_tok {
    const char *text; /* exact bytes of the token */
    unsigned kind;    /* pipe_token_kind */
    unsigned flags;   /* expected role flags (CLITIC ABBREV QUOTE OPEN CLOSE) */
} exp_tok;

#define W(t)                \
    {                       \
        t, PIPE_TOK_WORD, 0 \
    }
#define N(t)                  \
    {                         \
        t, PIPE_TOK_NUMBER, 0 \
    }
#define P(t)                 \
    {                        \
        t, PIPE_TOK_PUNCT, 0 \
    }
#define S(t)                  \
    {                         \
        t, PIPE_TOK_SYMBOL, 0 \
    }
#define K(t, kind, flags)         \
    {                             \
        t, PIPE_TOK_##kind, flags \
    }
#define CL PIPE_TOKF_CLITIC
#define AB PIPE_TOKF_ABBREV
#define QO (PIPE_TOKF_QUOTE | PIPE_TOKF_OPEN)
#define QC (PIPE_TOKF_QUOTE | PIPE_TOKF_CLOSE)
#define ROLE_FLAGS (PIPE_TOKF_CLITIC | PIPE_TOKF_ABBREV | PIPE_TOKF_QUOTE | PIPE_TOKF_OPEN | PIPE_TOKF_CLOSE)

enum { NEWS = 0,
       UAX = 1,
       KEEP_CLITICS = 2,
       SPLIT_HYPHENS = 4 };

static void print_tokens(const char *text, const pipe_token *t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "    [%u,%u) %s 0x%02x \"%.*s\"\n", t[i].start, t[i].end, pipe_token_kind_name(t[i].kind),
                t[i].flags, (int)(t[i].end - t[i].start), text + t[i].start);
}

/* Tokenize text[0..len) with the given mode bits and compare with e[0..ne). */
static void check_len(const char *text, size_t len, int mode, const exp_tok *e, size_t ne)
{
    pipe_tokenize_opts o;
    pipe_token t[256];
    pipe_tokenize_opts_init(&o);
    o.mode = (mode & UAX) ? PIPE_TOKENIZE_UAX29 : PIPE_TOKENIZE_NEWS;
    o.split_clitics = !(mode & KEEP_CLITICS);
    o.split_hyphens = (mode & SPLIT_HYPHENS) != 0;
    size_t n = pipe_tokenize(text, len, &o, t, 256);
    size_t pos = 0;
    int ok = n == ne;
    for (size_t i = 0; ok && i < ne; i++) {
        size_t el = strlen(e[i].text);
        if (!(mode & UAX))
            while (pos < len && strchr(" \t\r\n", text[pos]) && text[pos] != '\0')
                pos++;
        ok = t[i].start == pos && t[i].end == pos + el && memcmp(text + pos, e[i].text, el) == 0 &&
             t[i].kind == e[i].kind && (t[i].flags & ROLE_FLAGS) == e[i].flags;
        pos += el;
    }
    if (!ok) {
        fprintf(stderr, "input \"%.*s\": got %zu tokens, expected %zu:\n", (int)len, text, n, ne);
        print_tokens(text, t, n < 256 ? n : 256);
        fail();
    }
}

#define CHECK(text, mode, ...)                                                   \
    do {                                                                         \
        static const exp_tok exp_[] = {__VA_ARGS__};                             \
        check_len(text, strlen(text), mode, exp_, sizeof exp_ / sizeof exp_[0]); \
    } while (0)

static void test_urls(void **state)
{
    (void)state;
    /* the period that ends the sentence stays out of the URL */
    CHECK("See https://example.com/a?b=1.", NEWS, W("See"), K("https://example.com/a?b=1", URL, 0), P("."));
    CHECK("Visit www.reuters.com, or reuters.com/news.", NEWS, W("Visit"), K("www.reuters.com", URL, 0), P(","),
          W("or"), K("reuters.com/news", URL, 0), P("."));
    CHECK("(see http://en.wikipedia.org/wiki/Foo_(bar))", NEWS, K("(", PUNCT, PIPE_TOKF_OPEN), W("see"),
          K("http://en.wikipedia.org/wiki/Foo_(bar)", URL, 0), K(")", PUNCT, PIPE_TOKF_CLOSE));
    CHECK("at “bbc.co.uk”.", NEWS, W("at"), K("“", PUNCT, QO), K("bbc.co.uk", URL, 0), K("”", PUNCT, QC), P("."));
    CHECK("HTTP://X.ORG", NEWS, K("HTTP://X.ORG", URL, 0));
    CHECK("http:// x", NEWS, W("http"), P(":"), P("/"), P("/"), W("x"));
}

static void test_emails_mentions_hashtags(void **state)
{
    (void)state;
    CHECK("Mail press@example.com.", NEWS, W("Mail"), K("press@example.com", EMAIL, 0), P("."));
    CHECK("john.smith+news@mail.bbc.co.uk", NEWS, K("john.smith+news@mail.bbc.co.uk", EMAIL, 0));
    CHECK("x@y", NEWS, W("x"), P("@"), W("y"));
    CHECK("Hi @user_1, #MeToo #1", NEWS, W("Hi"), K("@user_1", MENTION, 0), P(","), K("#MeToo", HASHTAG, 0), P("#"),
          N("1"));
    CHECK("#Brexit: @", NEWS, K("#Brexit", HASHTAG, 0), P(":"), P("@"));
    CHECK("#日本", NEWS, K("#日本", HASHTAG, 0));
}

static void test_numbers(void **state)
{
    (void)state;
    CHECK("1,000.50 26,000 2018.", NEWS, N("1,000.50"), N("26,000"), N("2018"), P("."));
    CHECK("£1.7bn", NEWS, S("£"), N("1.7bn"));
    CHECK("£470m in 2018", NEWS, S("£"), N("470m"), W("in"), N("2018"));
    CHECK("$5, 12% and 0.5‰", NEWS, S("$"), N("5"), P(","), N("12%"), W("and"), N("0.5‰"));
    CHECK("5G 3D 2nd 1990s 5x", NEWS, W("5G"), W("3D"), N("2nd"), N("1990s"), N("5x"));
    CHECK("-5", NEWS, P("-"), N("5"));
}

static void test_times_dates(void **state)
{
    (void)state;
    CHECK("at 10:30, 9:05:59 or 10:30pm.", NEWS, W("at"), N("10:30"), P(","), N("9:05:59"), W("or"), N("10:30pm"),
          P("."));
    CHECK("2019-03-01 1/3/2019 24/7 1/2", NEWS, N("2019-03-01"), N("1/3/2019"), N("24/7"), N("1/2"));
    CHECK("01.03.2019", NEWS, N("01.03.2019"));
    CHECK("1990-1995", NEWS, N("1990"), P("-"), N("1995"));
    CHECK("10:3", NEWS, N("10"), P(":"), N("3"));
}

static void test_abbreviations(void **state)
{
    (void)state;
    CHECK("the U.K. and e.g. Ph.D.", NEWS, W("the"), K("U.K.", WORD, AB), W("and"), K("e.g.", WORD, AB),
          K("Ph.D.", WORD, AB));
    /* at the end of a sentence the abbreviation's period ends it too: no extra token */
    CHECK("He lives in the U.K. Then", NEWS, W("He"), W("lives"), W("in"), W("the"), K("U.K.", WORD, AB), W("Then"));
    CHECK("in the U.K.", NEWS, W("in"), W("the"), K("U.K.", WORD, AB));
    CHECK("U.K...", NEWS, K("U.K", WORD, AB), P("..."));
    CHECK("U.S.'s", NEWS, K("U.S.", WORD, AB), K("'s", WORD, CL));
    CHECK("the year.The end", NEWS, W("the"), W("year"), P("."), W("The"), W("end"));
    CHECK("node.js", NEWS, W("node.js"));
    CHECK("AT&T's E&T R&D.", NEWS, W("AT&T"), K("'s", WORD, CL), W("E&T"), W("R&D"), P("."));
}

static void test_ellipsis(void **state)
{
    (void)state;
    CHECK("Wait... what… ok.. .", NEWS, W("Wait"), P("..."), W("what"), P("…"), W("ok"), P(".."), P("."));
}

static void test_clitics(void **state)
{
    (void)state;
    CHECK("Huawei’s don't can't I'm they’ll we've I'd you're", NEWS, W("Huawei"), K("’s", WORD, CL), W("do"),
          K("n't", WORD, CL), W("ca"), K("n't", WORD, CL), W("I"), K("'m", WORD, CL), W("they"), K("’ll", WORD, CL),
          W("we"), K("'ve", WORD, CL), W("I"), K("'d", WORD, CL), W("you"), K("'re", WORD, CL));
    CHECK("firms' profits, bosses’ pay", NEWS, W("firms"), K("'", WORD, CL), W("profits"), P(","), W("bosses"),
          K("’", WORD, CL), W("pay"));
    CHECK("O'Brien rock'n'roll 1990's", NEWS, W("O'Brien"), W("rock'n'roll"), N("1990"), K("'s", WORD, CL));
    CHECK("Huawei’s don't firms' x", KEEP_CLITICS, W("Huawei’s"), W("don't"), W("firms'"), W("x"));
}

static void test_quotes(void **state)
{
    (void)state;
    /* the closing mark is U+2019, the same character as the apostrophe */
    CHECK("sign ‘no spy’ deal", NEWS, W("sign"), K("‘", PUNCT, QO), W("no"), W("spy"), K("’", PUNCT, QC), W("deal"));
    CHECK("a ‘no spies’ deal", NEWS, W("a"), K("‘", PUNCT, QO), W("no"), W("spies"), K("’", PUNCT, QC), W("deal"));
    CHECK("a 'back door' route", NEWS, W("a"), K("'", PUNCT, QO), W("back"), W("door"), K("'", PUNCT, QC),
          W("route"));
    CHECK("\"Yes,\" he said. “No.”", NEWS, K("\"", PUNCT, QO), W("Yes"), P(","), K("\"", PUNCT, QC), W("he"),
          W("said"), P("."), K("“", PUNCT, QO), W("No"), P("."), K("”", PUNCT, QC));
    CHECK("« oui » — (\"x\")", NEWS, K("«", PUNCT, QO), W("oui"), K("»", PUNCT, QC), P("—"),
          K("(", PUNCT, PIPE_TOKF_OPEN), K("\"", PUNCT, QO), W("x"), K("\"", PUNCT, QC),
          K(")", PUNCT, PIPE_TOKF_CLOSE));
    CHECK("a \" b", NEWS, W("a"), K("\"", PUNCT, PIPE_TOKF_QUOTE), W("b"));
}

static void test_dashes_brackets(void **state)
{
    (void)state;
    CHECK("a — b – c -- d - e [f] {g}", NEWS, W("a"), P("—"), W("b"), P("–"), W("c"), P("--"), W("d"), P("-"), W("e"),
          K("[", PUNCT, PIPE_TOKF_OPEN), W("f"), K("]", PUNCT, PIPE_TOKF_CLOSE), K("{", PUNCT, PIPE_TOKF_OPEN),
          W("g"), K("}", PUNCT, PIPE_TOKF_CLOSE));
    CHECK("—'quoted'", NEWS, P("—"), K("'", PUNCT, QO), W("quoted"), K("'", PUNCT, QC));
}

static void test_hyphens(void **state)
{
    (void)state;
    CHECK("next-generation 10-year Covid-19 state-of-the-art", NEWS, W("next-generation"), W("10-year"),
          W("Covid-19"), W("state-of-the-art"));
    CHECK("next-generation", SPLIT_HYPHENS, W("next"), P("-"), W("generation"));
    CHECK("co-founder’s", NEWS, W("co-founder"), K("’s", WORD, CL));
    CHECK("well- known", NEWS, W("well"), P("-"), W("known"));
}

static void test_emoji(void **state)
{
    (void)state;
    CHECK("👍🏽 👨‍👩‍👧 🇬🇧🇫🇷 © ©️ x", NEWS, K("👍🏽", EMOJI, 0), K("👨‍👩‍👧", EMOJI, 0),
          K("🇬🇧", EMOJI, 0), K("🇫🇷", EMOJI, 0), S("©"), K("©️", EMOJI, 0), W("x"));
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* each bad byte alone: stray continuation, truncated, surrogate, overlong, too big */
    static const char bad[] = "a\x80"
                              "b\xE2\x82"
                              "c\xED\xA0\x80"
                              "\xC0\xAF"
                              "\xF4\x90\x80\x80"
                              "\xFF\xE2";
    static const exp_tok e[] = {W("a"), K("\x80", INVALID, 0), W("b"), K("\xE2", INVALID, 0), K("\x82", INVALID, 0),
                                W("c"), K("\xED", INVALID, 0), K("\xA0", INVALID, 0), K("\x80", INVALID, 0),
                                K("\xC0", INVALID, 0), K("\xAF", INVALID, 0), K("\xF4", INVALID, 0),
                                K("\x90", INVALID, 0), K("\x80", INVALID, 0), K("\x80", INVALID, 0),
                                K("\xFF", INVALID, 0), K("\xE2", INVALID, 0)};
    /* uax29: every bad byte is a segment of its own (Unicode's rules) */
    check_len(bad, sizeof bad - 1, UAX, e, sizeof e / sizeof e[0]);
    /* news: one token from the first bad byte on, lone letters between bad bytes included */
    static const exp_tok en[] = {W("a"), K("\x80"
                                           "b\xE2\x82"
                                           "c\xED\xA0\x80\xC0\xAF\xF4\x90\x80\x80\xFF\xE2",
                                           INVALID, 0)};
    check_len(bad, sizeof bad - 1, NEWS, en, sizeof en / sizeof en[0]);
    /* NUL is a valid code point */
    static const exp_tok z[] = {W("a"), {"", PIPE_TOK_OTHER, 0}, W("b")};
    pipe_token t[8];
    size_t n = pipe_tokenize("a\0b", 3, NULL, t, 8);
    assert_int_equal(n, 3);
    assert_int_equal(t[1].start, 1);
    assert_int_equal(t[1].end, 2);
    assert_int_equal(t[1].kind, z[1].kind);
}

/* Text in another encoding keeps its words and sentence ends around the bad bytes (news mode). */
static void test_junk_keeps_text(void **state)
{
    (void)state;
    /* Latin-1 letters inside and at the end of words; a sentence's full stop stays a token */
    CHECK("caf\xE9. Then Fran\xE7ois", NEWS, W("caf"), K("\xE9", INVALID, 0), P("."), W("Then"), W("Fran"),
          K("\xE7", INVALID, 0), W("ois"));
    /* cp1252 quote marks glued to words: the words stay, even short ones before a space */
    CHECK("\x93We said,\x94 she", NEWS, K("\x93", INVALID, 0), W("We"), W("said"), P(","), K("\x94", INVALID, 0),
          W("she"));
    CHECK("\x93I think", NEWS, K("\x93", INVALID, 0), W("I"), W("think"));
    CHECK("\xA3"
          "100m",
          NEWS, K("\xA3", INVALID, 0), N("100m"));
    /* a valid character, a quote mark or white space ends the junk */
    CHECK("\xFF\xC3\xA9t\xC3\xA9", NEWS, K("\xFF", INVALID, 0), W("\xC3\xA9t\xC3\xA9"));
    CHECK("x \xFF\"", NEWS, W("x"), K("\xFF", INVALID, 0), K("\"", PUNCT, QC));
    CHECK("\xFF\xFE\tx", NEWS, K("\xFF\xFE", INVALID, 0), W("x"));
    CHECK("x\xFF.", NEWS, W("x"), K("\xFF", INVALID, 0), P("."));
    /* what is not text between bad bytes goes with them: controls, symbols, lone letters, a
       full stop with no space after it */
    CHECK("\xFF\x01$ab\x02.x\xFE rest", NEWS, K("\xFF\x01$ab\x02.x\xFE", INVALID, 0), W("rest"));
    /* the same bytes in the smallest chunks give the same tokens (the junk is decided from the text) */
    const char *t = "ab\xFF\x01\xFE\x80xyz \xC0.";
    pipe_token all[16], one[PIPE_TOKENIZE_MIN_CAP];
    size_t n = pipe_tokenize(t, strlen(t), NULL, all, 16), seen = 0, k;
    assert_int_equal(n, 5);
    pipe_tokenizer tk;
    assert_int_equal(pipe_tokenizer_init(&tk, t, strlen(t), NULL), 0);
    while ((k = pipe_tokenizer_next(&tk, one, PIPE_TOKENIZE_MIN_CAP)) > 0) {
        assert_true(seen + k <= n);
        assert_memory_equal(one, all + seen, k * sizeof *one);
        seen += k;
    }
    assert_int_equal(seen, n);
}

/* Random bytes make few tokens: each bad byte alone made 0.86 tokens a byte (10x the input in records). */
static void test_junk_random_bytes(void **state)
{
    (void)state;
    enum { LEN = 1 << 16 };
    char *buf = malloc(LEN);
    assert_non_null(buf);
    uint32_t x = 12345;
    for (size_t i = 0; i < LEN; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (char)(x >> 23);
    }
    size_t n = pipe_tokenize(buf, LEN, NULL, NULL, 0);
    pipe_token *t = malloc(n * sizeof *t);
    assert_non_null(t);
    assert_int_equal(pipe_tokenize(buf, LEN, NULL, t, n), n);
    size_t invalid = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].kind != PIPE_TOK_INVALID)
            continue;
        invalid++;
        /* a junk token starts at a bad byte and never holds white space */
        assert_true((unsigned char)buf[t[i].start] >= 0x80);
        for (uint32_t j = t[i].start; j < t[i].end; j++)
            assert_null(memchr(" \t\n\r\f\v", buf[j], 6));
    }
    assert_true(invalid > 0);
    /* about one token in 6 bytes; the bound leaves room for another random source */
    assert_true(n < LEN / 4);
    free(t);
    free(buf);
}

static void test_uax29_mode(void **state)
{
    (void)state;
    CHECK("Huawei’s 5G, U.K. 1,000.50!", UAX, W("Huawei’s"), K(" ", SPACE, 0), W("5G"), P(","), K(" ", SPACE, 0),
          W("U.K"), P("."), K(" ", SPACE, 0), N("1,000.50"), P("!"));
    CHECK("a  \t\r\nb", UAX, W("a"), K("  ", SPACE, 0), K("\t", SPACE, 0), K("\r\n", SPACE, 0), W("b"));
}

static void test_space_flags(void **state)
{
    (void)state;
    const char *text = "A b\nc\n \nd\r\n\r\ne\u2029f";
    pipe_token t[16];
    size_t n = pipe_tokenize(text, strlen(text), NULL, t, 16);
    static const unsigned flags[] = {0,
                                     PIPE_TOKF_SPACE_BEFORE,
                                     PIPE_TOKF_SPACE_BEFORE | PIPE_TOKF_NEWLINE_BEFORE,
                                     PIPE_TOKF_SPACE_BEFORE | PIPE_TOKF_NEWLINE_BEFORE | PIPE_TOKF_PARA_BEFORE,
                                     PIPE_TOKF_SPACE_BEFORE | PIPE_TOKF_NEWLINE_BEFORE | PIPE_TOKF_PARA_BEFORE,
                                     PIPE_TOKF_SPACE_BEFORE | PIPE_TOKF_NEWLINE_BEFORE | PIPE_TOKF_PARA_BEFORE};
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(t[i].flags, flags[i]);
    /* uax29 mode: the same flags on the token after the space tokens */
    pipe_tokenize_opts o;
    pipe_tokenize_opts_init(&o);
    o.mode = PIPE_TOKENIZE_UAX29;
    n = pipe_tokenize("x\n\ny", 4, &o, t, 16);
    assert_int_equal(n, 4);
    assert_int_equal(t[3].flags, PIPE_TOKF_SPACE_BEFORE | PIPE_TOKF_NEWLINE_BEFORE | PIPE_TOKF_PARA_BEFORE);
    /* an open single quote does not survive a paragraph break */
    CHECK("‘a\n\nthe bosses’ pay", NEWS, K("‘", PUNCT, QO), W("a"), W("the"), W("bosses"), K("’", WORD, CL), W("pay"));
}

static void test_api(void **state)
{
    (void)state;
    pipe_tokenize_opts o;
    pipe_tokenizer tk;
    pipe_token t[PIPE_TOKENIZE_MIN_CAP];
    pipe_tokenize_opts_init(&o);
    assert_int_equal(o.mode, PIPE_TOKENIZE_NEWS);
    assert_int_equal(o.split_clitics, 1);
    assert_int_equal(o.split_hyphens, 0);
    /* snprintf-like: the count is the total even when the buffer is short */
    assert_int_equal(pipe_tokenize("a b c d e f g h i j", 19, NULL, t, 3), 10);
    assert_int_equal(pipe_tokenize("a b c", 5, NULL, NULL, 0), 3);
    assert_int_equal(pipe_tokenize("", 0, NULL, NULL, 0), 0);
    /* chunked: the buffer may be small, tokens come in order */
    const char *text = "one two three four five six seven eight nine ten eleven";
    size_t total = 0, n, last_end = 0;
    assert_int_equal(pipe_tokenizer_init(&tk, text, strlen(text), NULL), 0);
    assert_int_equal(pipe_tokenizer_next(&tk, t, PIPE_TOKENIZE_MIN_CAP - 1), 0);
    while ((n = pipe_tokenizer_next(&tk, t, PIPE_TOKENIZE_MIN_CAP)) > 0) {
        assert_true(t[0].start >= last_end);
        last_end = t[n - 1].end;
        total += n;
    }
    assert_int_equal(total, 11);
    /* 32-bit offsets: a longer text is refused up front (never read) */
    if (SIZE_MAX > UINT32_MAX)
        assert_int_equal(pipe_tokenizer_init(&tk, text, (size_t)UINT32_MAX + 1, NULL), -1);
    assert_string_equal(pipe_token_kind_name(PIPE_TOK_HASHTAG), "hashtag");
    assert_string_equal(pipe_token_kind_name(999), "?");
    assert_string_equal(pipe_tokenize_unicode_version(), "15.0.0");
}

/* News-mode tokens of text[0..len) from tok_news_step() alone (no fast path), into out[0..cap). */
static size_t step_tokens(const char *text, size_t len, const pipe_tokenize_opts *o, pipe_token *out, size_t cap)
{
    pipe_tokenizer tk;
    size_t n = 0, k;
    assert_int_equal(pipe_tokenizer_init(&tk, text, len, o), 0);
    while (n + PIPE_TOKENIZE_MIN_CAP <= cap && (k = tok_news_step(&tk, out + n)) > 0)
        n += k;
    return n;
}

/* The fast loop's shortcuts (gaps, numbers with groups, hyphenated compounds, straight double
 * quotes, plain runs and punctuation) give exactly the tokens of the full step, next to every
 * kind of neighbour, with and without the options; so do the words it hands to the full step
 * (URL schemes, a run that ends at ':'). */
static void test_fast_paths_agree(void **state)
{
    (void)state;
    static const char *const parts[] = {
        "5.93",
        "1,750",
        "1,750.25",
        "5.",
        "5.a",
        "5,a",
        "3rd",
        "1990-1995",
        "next-generation",
        "10-year",
        "Covid-19",
        "2019-03-01",
        "one-billion-",
        "re-evaluated",
        "1.5-year",
        "a-b-c",
        "x--y",
        "1.5bn",
        "12.5%",
        "5%-owned",
        "1-2/3",
        "10:30",
        "U.S.",
        "1.5e.g",
        "a-1",
        "1-a",
        "2-3-x",
        "10-1.5",
        "\"The",
        "\"",
        "\"\"",
        "Inc's",
        "stocks'",
        "www-x",
        "http-1",
        "john-smith@x.com",
        "1,5,",
        "0.5'",
        "a-b's",
        "\xE2\x80\x9Chi",
        "co-op\xE2\x80\x99s",
        "x-\xC3\xA9t\xC3\xA9",
        "1.\xC3\xA9",
        "\"\xCC\x81",
        "x-",
        "-x",
        "(a)",
        "'",
        "'s",
        "n't",
        "A&T",
        "rock'n'roll",
        "5.5.5",
        "1,2.3,4-a",
        "bn",
        "\xFF",
        "#tag",
        "@me",
        "http://x.com/a",
        "HTTPS://reuters.com.",
        "ftp://a",
        "www.reuters.com",
        "Www.x",
        "www.",
        "http:",
        "said:",
        "ftp:x",
        "5:",
    };
    static const char *const gaps[] = {" ", "\n", "\r\n", "\n\n", "\t", "", "  ", " \n ", "\xC2\xA0"};
    const size_t np = sizeof parts / sizeof parts[0], ng = sizeof gaps / sizeof gaps[0];
    pipe_token fast[64], ref[64];
    char text[128];
    for (unsigned opt = 0; opt < 4; opt++) {
        pipe_tokenize_opts o;
        pipe_tokenize_opts_init(&o);
        o.split_clitics = !(opt & 1);
        o.split_hyphens = (opt & 2) != 0;
        for (size_t a = 0; a < np; a++)
            for (size_t g = 0; g < ng; g++)
                for (size_t b = 0; b < np; b++) {
                    int len = snprintf(text, sizeof text, "%s%s%s %s", parts[a], gaps[g], parts[b], parts[a]);
                    assert_true(len > 0 && (size_t)len < sizeof text);
                    for (size_t cut = (size_t)len - 2; cut <= (size_t)len; cut++) { /* ends cut short too */
                        size_t nf = pipe_tokenize(text, cut, &o, fast, 64), nr = step_tokens(text, cut, &o, ref, 64);
                        if (nf != nr || memcmp(fast, ref, nr * sizeof *ref) != 0) {
                            print_message("fast and full steps differ on \"%.*s\" (options %u)\n", (int)cut, text, opt);
                            print_tokens(text, fast, nf);
                            print_tokens(text, ref, nr);
                            fail();
                        }
                    }
                }
    }
}

/* NUL is no e-mail local-part character (strchr() finds the terminator for it): "V", two NULs,
 * then the address alone, by the fast loop and by the full step (which took "V\0\0a@b.ex"). */
static void test_nul_before_email(void **state)
{
    (void)state;
    static const char text[] = "V\0\0a@b.ex";
    pipe_token fast[64], ref[64];
    size_t nf = pipe_tokenize(text, sizeof text - 1, NULL, fast, 64);
    size_t nr = step_tokens(text, sizeof text - 1, NULL, ref, 64);
    assert_int_equal(nr, 4);
    assert_int_equal(ref[0].end, 1);
    assert_int_equal(ref[3].start, 3);
    assert_int_equal(ref[3].end, 9);
    assert_int_equal(ref[3].kind, PIPE_TOK_EMAIL);
    assert_int_equal(nf, nr);
    assert_memory_equal(fast, ref, nr * sizeof *ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urls),
        cmocka_unit_test(test_emails_mentions_hashtags),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_times_dates),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_ellipsis),
        cmocka_unit_test(test_clitics),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_dashes_brackets),
        cmocka_unit_test(test_hyphens),
        cmocka_unit_test(test_emoji),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_junk_keeps_text),
        cmocka_unit_test(test_junk_random_bytes),
        cmocka_unit_test(test_uax29_mode),
        cmocka_unit_test(test_space_flags),
        cmocka_unit_test(test_api),
        cmocka_unit_test(test_fast_paths_agree),
        cmocka_unit_test(test_nul_before_email),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
