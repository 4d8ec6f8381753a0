/*
 * bench_sentences: single-threaded throughput of the tokenizer alone and of
 * tokenizer + sentence splitter over the same documents in the same run.
 *
 *     bench_sentences [--iterations N] FILE...
 *
 * A FILE ending in .jsonl or .jsonl.gz is read as JSON lines and the "text"
 * field of each line is one document; any other file is one document.
 * Documents are loaded into memory first, so only the engines are timed;
 * each measurement is the best of N passes (default 5), reported in MB/s and
 * documents/s, with the process's peak RSS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <zlib.h>

#include "jsonl.h"
#include "sentsplit.h"
#include "tokenize.h"

typedef struct doc {
    char *text;
    size_t len;
} doc;

typedef struct corpus {
    doc *docs;
    size_t n, cap, bytes;
} corpus;

static void add_doc(corpus *c, char *text, size_t len)
{
    if (c->n == c->cap) {
        c->cap = c->cap ? 2 * c->cap : 1024;
        c->docs = realloc(c->docs, c->cap * sizeof *c->docs);
        if (!c->docs) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
    }
    c->docs[c->n].text = text;
    c->docs[c->n++].len = len;
    c->bytes += len;
}

static void load(corpus *c, const char *path)
{
    gzFile f = gzopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        exit(1);
    }
    int jsonl = strstr(path, ".jsonl") != NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    int ch;
    for (;;) {
        ch = gzgetc(f);
        if (ch < 0 || (jsonl && ch == '\n')) {
            buf[len] = '\0';
            if (jsonl) {
                size_t tl;
                char *t = jsonl_field(buf, "text", &tl);
                if (t)
                    add_doc(c, t, tl);
                len = 0;
            }
            if (ch < 0)
                break;
            continue;
        }
        if (len + 2 >= cap)
            buf = realloc(buf, cap *= 2);
        buf[len++] = (char)ch;
    }
    gzclose(f);
    if (!jsonl)
        add_doc(c, buf, len);
    else
        free(buf);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int iterations = 5, a = 1;
    if (a + 1 < argc && strcmp(argv[a], "--iterations") == 0) {
        iterations = atoi(argv[a + 1]);
        a += 2;
    }
    if (a >= argc || iterations < 1) {
        fprintf(stderr, "usage: %s [--iterations N] FILE...\n", argv[0]);
        return 2;
    }
    corpus c = {0};
    for (; a < argc; a++)
        load(&c, argv[a]);

    char err[512];
    sentsplit_lexicon *lex = sentsplit_lexicon_new();
    if (sentsplit_lexicon_load_dir(lex, PIPE_CONF_DIR, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    sentsplit_opts opts;
    sentsplit_opts_init(&opts);

    /* The tokens of every document, kept for the splitter-alone pass, so that no pass reads a
     * clock per document. */
    size_t *first = malloc((c.n + 1) * sizeof *first), cap = 1 << 20, used = 0;
    pipe_token *all = malloc(cap * sizeof *all);
    for (size_t d = 0; d < c.n; d++) {
        size_t room = cap - used, n;
        while ((n = pipe_tokenize(c.docs[d].text, c.docs[d].len, NULL, all + used, room)) > room) {
            cap = 2 * (used + n);
            all = realloc(all, cap * sizeof *all);
            room = cap - used;
        }
        first[d] = used;
        used += n;
    }
    first[c.n] = used;
    size_t most = 0;
    for (size_t d = 0; d < c.n; d++)
        most = first[d + 1] - first[d] > most ? first[d + 1] - first[d] : most;
    pipe_token *tok = malloc((most + 1) * sizeof *tok);
    pipe_sentence *sent = malloc((most + 1) * sizeof *sent);
    if (!first || !all || !tok || !sent) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }

    double best_tok = 1e30, best_both = 1e30, best_split = 1e30;
    size_t ntok = used, nsent = 0, sink = 0;
    for (int it = 0; it < iterations; it++) {
        /* tokenizer alone */
        double t0 = now();
        for (size_t d = 0; d < c.n; d++)
            sink += pipe_tokenize(c.docs[d].text, c.docs[d].len, NULL, tok, most + 1);
        double t1 = now();
        /* tokenizer + splitter, as the pipeline runs them */
        size_t ns = 0;
        for (size_t d = 0; d < c.n; d++) {
            size_t n = pipe_tokenize(c.docs[d].text, c.docs[d].len, NULL, tok, most + 1);
            ns += sentsplit_run(lex, &opts, c.docs[d].text, c.docs[d].len, tok, n, sent);
        }
        double t2 = now();
        /* splitter alone, over the tokens made before */
        for (size_t d = 0; d < c.n; d++)
            sink += sentsplit_run(lex, &opts, c.docs[d].text, c.docs[d].len, all + first[d],
                                  first[d + 1] - first[d], sent);
        double t3 = now();
        nsent = ns;
        best_tok = t1 - t0 < best_tok ? t1 - t0 : best_tok;
        best_both = t2 - t1 < best_both ? t2 - t1 : best_both;
        best_split = t3 - t2 < best_split ? t3 - t2 : best_split;
    }
    if (sink == 0)
        fprintf(stderr, "(empty corpus)\n");
    double mb = (double)c.bytes / 1e6, docs = (double)c.n;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("corpus: %zu documents, %.2f MB, %zu tokens, %zu sentences (best of %d, one thread)\n", c.n, mb,
           ntok, nsent, iterations);
    printf("tokenizer alone:        %8.2f MB/s  %9.0f docs/s  (%.3f s)\n", mb / best_tok, docs / best_tok, best_tok);
    printf("tokenizer + sentences:  %8.2f MB/s  %9.0f docs/s  (%.3f s)\n", mb / best_both, docs / best_both,
           best_both);
    printf("sentences alone:        %8.2f MB/s  %9.0f docs/s  (%.3f s)\n", mb / best_split, docs / best_split,
           best_split);
    printf("peak RSS: %.0f MB (the corpus and every document's tokens are held in memory)\n",
           (double)ru.ru_maxrss / 1024.0);
    printf("sentences add %.1f%% to the tokenizer's time (goal: at most 30%%)\n",
           100.0 * (best_both - best_tok) / best_tok);
    for (size_t d = 0; d < c.n; d++)
        free(c.docs[d].text);
    free(c.docs);
    free(tok);
    free(sent);
    free(all);
    free(first);
    sentsplit_lexicon_free(lex);
    return 0;
}
