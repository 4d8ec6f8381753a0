/*
 * bench_tokenizer.c: single-threaded throughput of the pipe tokenizer
 * (news and uax29 modes) against ICU's word BreakIterator over the same
 * UTF-8 text. Usage: bench_tokenizer TEXT_FILE [ROUNDS [news|uax29|icu]]
 * Prints MB/s (1 MB = 10^6 bytes, best of ROUNDS), the token counts that
 * show the runs do comparable work, and the speed ratios. With a third
 * argument it runs that one tokenizer only, so bench/run.sh can time ICU as
 * a whole process beside `wc -w` and pipe.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "tokenize.h"

/* Wall time, or with BENCH_CPU_TIME=1 this process's CPU time: steadier when other work shares the cores. */
static double now(void)
{
    struct timespec ts;
    const char *cpu = getenv("BENCH_CPU_TIME");
    clock_gettime(cpu && *cpu == '1' ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Tokens of the whole text through a fixed buffer, as the plugin does it. */
static size_t run_pipe(const char *text, size_t len, pipe_tokenize_mode mode, uint64_t *check)
{
    static pipe_token buf[1024];
    pipe_tokenize_opts o;
    pipe_tokenizer tk;
    size_t n, total = 0;
    pipe_tokenize_opts_init(&o);
    o.mode = mode;
    pipe_tokenizer_init(&tk, text, len, &o);
    while ((n = pipe_tokenizer_next(&tk, buf, 1024)) > 0) {
        total += n;
        *check += buf[n - 1].end; /* keep the work observable */
    }
    return total;
}

/* Segments of the whole text from ICU's word break iterator over UTF-8. */
static size_t run_icu(const char *text, size_t len, uint64_t *check)
{
    UErrorCode err = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, text, (int64_t)len, &err);
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "en_US", NULL, 0, &err);
    ubrk_setUText(bi, ut, &err);
    if (U_FAILURE(err)) {
        fprintf(stderr, "ICU: %s\n", u_errorName(err));
        exit(1);
    }
    size_t total = 0;
    int32_t b;
    ubrk_first(bi);
    while ((b = ubrk_next(bi)) != UBRK_DONE) {
        total++;
        *check += (uint64_t)b;
    }
    ubrk_close(bi);
    utext_close(ut);
    return total;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s TEXT_FILE [ROUNDS]\n", argv[0]);
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : 5;
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long flen = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)flen + 1);
    if (text == NULL || fread(text, 1, (size_t)flen, f) != (size_t)flen) {
        fprintf(stderr, "cannot read %s\n", argv[1]);
        return 1;
    }
    fclose(f);
    size_t len = (size_t)flen;

    const char *names[3] = {"pipe news", "pipe uax29", "ICU 72 word"};
    const char *only[3] = {"news", "uax29", "icu"};
    int k0 = 0, k1 = 3;
    for (int k = 0; argc > 3 && k < 3; k++)
        if (strcmp(argv[3], only[k]) == 0)
            k0 = k, k1 = k + 1;
    if (argc > 3 && k1 - k0 != 1) {
        fprintf(stderr, "%s: unknown tokenizer %s (news, uax29 or icu)\n", argv[0], argv[3]);
        return 2;
    }
    double best[3] = {1e30, 1e30, 1e30};
    size_t count[3] = {0, 0, 0};
    uint64_t check = 0;
    for (int r = 0; r < rounds; r++) {
        for (int k = k0; k < k1; k++) {
            double t0 = now();
            count[k] = k == 0 ? run_pipe(text, len, PIPE_TOKENIZE_NEWS, &check) : k == 1 ? run_pipe(text, len, PIPE_TOKENIZE_UAX29, &check) :
                                                                                           run_icu(text, len, &check);
            double dt = now() - t0;
            if (dt < best[k])
                best[k] = dt;
        }
    }
    printf("input: %s, %.2f MB, best of %d rounds, 1 thread\n", argv[1], (double)len / 1e6, rounds);
    for (int k = k0; k < k1; k++)
        printf("%-12s %9.1f MB/s  %10zu tokens%s\n", names[k], (double)len / 1e6 / best[k], count[k],
               k == 0 ? " (no white space)" : " (white space included)");
    if (k1 - k0 == 3) {
        printf("news  / ICU: %.1fx\n", best[2] / best[0]);
        printf("uax29 / ICU: %.1fx\n", best[2] / best[1]);
    }
    fprintf(stderr, "(checksum %llu)\n", (unsigned long long)check);
    free(text);
    return 0;
}
