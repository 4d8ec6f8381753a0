/*
 * fuzz_tokenizer.c: libFuzzer target for the tokenizer engine. Feeds the
 * input to both modes (and to news mode with the non-default options) and
 * traps when an invariant breaks: tokens in order, non-empty, not
 * overlapping, inside the text, a known kind; in uax29 mode they also cover
 * every byte; chunked output (smallest buffer) equals whole-text output; and in
 * news mode the fast loop's tokens equal those of tok_news_step() alone.
 * Build: CC=clang cmake -S . -B /work/build-fuzz -DPIPE_FUZZ=ON
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tok_internal.h"
#include "tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)           \
    do {                      \
        if (!(cond))          \
            __builtin_trap(); \
    } while (0)

static void run(const uint8_t *data, size_t size, const pipe_tokenize_opts *o)
{
    size_t n = pipe_tokenize((const char *)data, size, o, NULL, 0);
    pipe_token *all = malloc((n + 1) * sizeof *all);
    CHECK(all != NULL);
    CHECK(pipe_tokenize((const char *)data, size, o, all, n) == n);

    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const pipe_token *t = &all[i];
        CHECK(t->start < t->end);
        CHECK(t->end <= size);
        CHECK(t->start >= prev_end);
        CHECK(t->kind <= PIPE_TOK_OTHER);
        if (t->kind == PIPE_TOK_INVALID) {
            /* uax29: the bad byte alone; news: a run that starts at a bad byte and holds no white space */
            CHECK(data[t->start] >= 0x80);
            if (o->mode == PIPE_TOKENIZE_UAX29)
                CHECK(t->end == t->start + 1);
            for (size_t j = t->start; j < t->end; j++)
                CHECK(!memchr(" \t\n\r\f\v", data[j], 6));
        }
        if (o->mode == PIPE_TOKENIZE_UAX29)
            CHECK(t->start == prev_end);
        else
            CHECK(t->kind != PIPE_TOK_SPACE || t->start == prev_end);
        prev_end = t->end;
    }
    if (o->mode == PIPE_TOKENIZE_UAX29)
        CHECK(prev_end == size);

    /* The same tokens when they come out in the smallest chunks. */
    pipe_tokenizer tk;
    pipe_token chunk[PIPE_TOKENIZE_MIN_CAP];
    size_t k, seen = 0;
    CHECK(pipe_tokenizer_init(&tk, (const char *)data, size, o) == 0);
    while ((k = pipe_tokenizer_next(&tk, chunk, PIPE_TOKENIZE_MIN_CAP)) > 0) {
        CHECK(seen + k <= n);
        CHECK(memcmp(chunk, all + seen, k * sizeof *chunk) == 0);
        seen += k;
    }
    CHECK(seen == n);

    /* The fast paths are shortcuts: the full step alone must give the same tokens. */
    if (o->mode == PIPE_TOKENIZE_NEWS) {
        CHECK(pipe_tokenizer_init(&tk, (const char *)data, size, o) == 0);
        seen = 0;
        while ((k = tok_news_step(&tk, chunk)) > 0) {
            CHECK(seen + k <= n);
            CHECK(memcmp(chunk, all + seen, k * sizeof *chunk) == 0);
            seen += k;
        }
        CHECK(seen == n);
    }
    free(all);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pipe_tokenize_opts o;
    pipe_tokenize_opts_init(&o);
    run(data, size, &o);
    o.split_clitics = 0;
    o.split_hyphens = 1;
    run(data, size, &o);
    o.mode = PIPE_TOKENIZE_UAX29;
    run(data, size, &o);
    return 0;
}
