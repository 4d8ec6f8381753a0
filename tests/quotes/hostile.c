/*
 * hostile.c: adversarial inputs for the quote finder: every mark kind mixed, openers that never
 * close, long runs of attributed quotes and pronoun chains (each quote searches back for an
 * antecedent), an unclosed quote in every paragraph.
 */
#include "hostile.h"

#include <string.h>

static size_t gen_marks(char *t, size_t len)
{
    static const char *const marks[] = {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99",
                                        "\xC2\xAB", "\xC2\xBB", "\xE2\x80\x9E", "\xE2\x80\x9A"};
    size_t k = 0;
    for (unsigned i = 0;; i++) {
        const char *m = marks[(i * 7 + i / 3) % 10];
        size_t l = strlen(m);
        if (k + l > len)
            return k;
        memcpy(t + k, m, l);
        k += l;
    }
}

static size_t gen_repeat(char *t, size_t len, const char *one)
{
    size_t ol = strlen(one), k = 0;
    for (; k + ol <= len; k += ol)
        memcpy(t + k, one, ol);
    return k;
}

static size_t gen_opening(char *t, size_t len)
{
    return gen_repeat(t, len, "\xE2\x80\x9C"); /* the stack must not grow without bound */
}

static size_t gen_straight(char *t, size_t len)
{
    return gen_repeat(t, len, "\"");
}

static size_t gen_quotes(char *t, size_t len)
{
    return gen_repeat(t, len, "\"We will win,\" he said. "); /* attributed quotes in one paragraph */
}

static size_t gen_unclosed(char *t, size_t len)
{
    return gen_repeat(t, len, "Mr Smith said \"it never ends\n\n"); /* one unclosed quote per paragraph */
}

static size_t gen_pronouns(char *t, size_t len)
{
    return gen_repeat(t, len, "Jane Roe met Tom Poe. \"It is late,\" she said. \"No,\" the official said. ");
}

const hostile_input *hostile_inputs(size_t *n)
{
    static const hostile_input all[] = {
        {"marks", gen_marks},
        {"opening marks", gen_opening},
        {"straight quotes", gen_straight},
        {"attributed quotes", gen_quotes},
        {"unclosed paragraphs", gen_unclosed},
        {"pronoun chains", gen_pronouns},
    };
    *n = sizeof all / sizeof all[0];
    return all;
}
