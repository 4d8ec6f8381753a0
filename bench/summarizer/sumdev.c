/*
 * sumdev: a development driver for the summarizer engine alone.
 *
 * It reads JSON Lines {"id", "text", ...} on stdin, cuts each text into
 * tokens and sentences with the real tokenizer and sentence splitter
 * engines (sumsplit.h: the same defaults as conf/summarize.conf), runs the
 * engine, and writes {"id", "summary"} lines for
 * `bench/eval-summary --score`. It tries engine changes without the runner;
 * numbers reported in README.md come from the real pipeline
 * (`bench/eval-summary --pipe`).
 *
 *     zcat DEV.jsonl.gz | sumdev CONF_DIR [method] [sentences] > pred.jsonl
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "sumsplit.h"
#include "summarize.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: sumdev CONF_DIR [method] [sentences] < data.jsonl\n");
        return 2;
    }
    char stop[4096], bp[4096], op[4096], wt[4096], err[512];
    snprintf(stop, sizeof stop, "%s/stopwords-en.txt", argv[1]);
    snprintf(bp, sizeof bp, "%s/summarizer-boilerplate-en.txt", argv[1]);
    snprintf(op, sizeof op, "%s/summarizer-openers-en.txt", argv[1]);
    snprintf(wt, sizeof wt, "%s/summarizer-weights-en.txt", argv[1]);
    pipe_summarize_opts o;
    pipe_summarize_opts_init(&o);
    o.stopwords_path = stop;
    o.boilerplate_path = bp;
    o.openers_path = op;
    o.weights_path = getenv("SUM_WEIGHTS") ? getenv("SUM_WEIGHTS") : wt;
    if (argc > 2)
        o.method = (pipe_summarize_method)pipe_summarize_method_parse(argv[2]);
    if (argc > 3)
        o.sentences = atoi(argv[3]);
    if (getenv("SUM_LAMBDA"))
        o.lambda = atof(getenv("SUM_LAMBDA"));
    if (getenv("SUM_POS"))
        o.position_weight = atof(getenv("SUM_POS"));
    if (getenv("SUM_MINW"))
        o.min_words = atoi(getenv("SUM_MINW"));
    pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
    if (!s) {
        fprintf(stderr, "sumdev: %s\n", err);
        return 2;
    }
    sumsplit ds = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    while ((got = getline(&line, &cap, stdin)) > 0) {
        size_t idn, len;
        char *id = jsonl_field(line, "id", &idn);
        char *text = jsonl_field(line, "text", &len);
        if (!id || !text) {
            free(id);
            free(text);
            continue;
        }
        sumsplit_run(&ds, text, len);
        pipe_summarize_input in = {text, len, ds.toks, ds.ntok, ds.sents, ds.nsent, NULL, 0};
        size_t n;
        const pipe_summary *p = pipe_summarize(s, &in, &n);
        fputs("{\"id\":", stdout);
        jsonl_put(id, idn);
        fputs(",\"summary\":[", stdout);
        for (size_t i = 0; p && i < n; i++) {
            if (i)
                putchar(',');
            jsonl_put(text + p[i].start, p[i].end - p[i].start);
        }
        fputs("]}\n", stdout);
        free(id);
        free(text);
    }
    free(line);
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
    return 0;
}
