/*
 * libFuzzer target for the summarizer engine (built when PIPE_FUZZ=ON with
 * clang). The first bytes choose the options; the rest is the text, cut by
 * the real tokenizer and sentence splitter (tests/support/sumsplit.h),
 * or, when the top bit of the first byte is set, read as raw token and
 * sentence records, so hostile arrays are covered too.
 * Invariants: picks index real sentences, are in document order without
 * duplicates, number at most the requested count, and spans match.
 *
 *     fuzz_summarize -max_total_time=60 -max_len=4096
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sumsplit.h"
#include "summarize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pipe_summarizer *engines[PIPE_SUM_MMR + 1][2];
static sumsplit ds;

static pipe_summarizer *engine(int method, int ratio)
{
    if (!engines[method][ratio]) {
        pipe_summarize_opts o;
        char err[256];
        pipe_summarize_opts_init(&o);
        o.method = (pipe_summarize_method)method;
        o.ratio = ratio ? 0.3 : 0;
        o.stopwords_path = PIPE_SOURCE_DIR "/conf/stopwords-en.txt";
        o.boilerplate_path = PIPE_SOURCE_DIR "/conf/summarizer-boilerplate-en.txt";
        o.openers_path = PIPE_SOURCE_DIR "/conf/summarizer-openers-en.txt";
        o.weights_path = PIPE_SOURCE_DIR "/conf/summarizer-weights-en.txt";
        engines[method][ratio] = pipe_summarizer_new(&o, err, sizeof err);
        if (!engines[method][ratio]) {
            fprintf(stderr, "%s\n", err);
            abort();
        }
    }
    return engines[method][ratio];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int raw = data[0] >> 7, method = ((data[0] & 3) | ((data[0] >> 1) & 4)) % (PIPE_SUM_MMR + 1);
    int ratio = (data[0] >> 2) & 1;
    pipe_summarizer *s = engine(method, ratio);
    const char *text = (const char *)data + 2;
    size_t len = size - 2;
    pipe_summarize_input in = {text, len, NULL, 0, NULL, 0, NULL, 0};
    pipe_token *toks = NULL;
    pipe_sentence *sents = NULL;
    if (raw) {
        /* Half the bytes as tokens, the rest as sentences, over the same bytes as text. */
        size_t nt = (len / 2) / sizeof *toks, ns = (len - len / 2) / sizeof *sents;
        toks = malloc(nt * sizeof *toks + 1);
        sents = malloc(ns * sizeof *sents + 1);
        memcpy(toks, text, nt * sizeof *toks);
        memcpy(sents, text + len / 2, ns * sizeof *sents);
        in.tokens = toks;
        in.n_tokens = nt;
        in.sentences = sents;
        in.n_sentences = ns;
    } else {
        sumsplit_run(&ds, text, len);
        in.tokens = ds.toks;
        in.n_tokens = ds.ntok;
        in.sentences = ds.sents;
        in.n_sentences = ds.nsent;
    }
    size_t n;
    const pipe_summary *p = pipe_summarize(s, &in, &n);
    if (!p)
        __builtin_trap();
    size_t max = ratio ? (size_t)(0.3 * (double)in.n_sentences + 0.5) : 3;
    if (max < 1 && ratio)
        max = 1;
    if (n > max || n > in.n_sentences)
        __builtin_trap();
    for (size_t i = 0; i < n; i++) {
        if (p[i].sentence >= in.n_sentences || p[i].end > len || p[i].start > p[i].end)
            __builtin_trap();
        if (i > 0 && p[i].sentence <= p[i - 1].sentence)
            __builtin_trap();
        if (p[i].rank < 1 || p[i].rank > n)
            __builtin_trap();
    }
    free(toks);
    free(sents);
    return 0;
}
