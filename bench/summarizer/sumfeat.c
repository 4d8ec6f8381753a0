/*
 * sumfeat: the learned summarizer's features of every sentence, as TSV, for
 * bench/train-summarizer. The features come from the engine itself
 * (pipe_summarize_features(), the code the stage scores with), over the
 * real tokenizer and sentence splitter (sumsplit.h), so training sees
 * exactly what the stage sees.
 *
 *     zcat DEV.jsonl.gz | sumfeat CONF_DIR > features.tsv
 *
 * Input: JSON Lines {"id", "text", "summary"}. Output: a header line, then
 * one line per sentence: doc, sentence index, label (1 when the sentence's
 * text occurs in the reference extract "summary"), tier (9 = never picked)
 * and the features in pipe_summarize_feature_name() order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "sumsplit.h"
#include "summarize.h"

/* 1 when text[start..end), without its surrounding white space, occurs in ref. */
static int in_reference(const char *text, size_t start, size_t end, const char *ref)
{
    while (start < end && (text[start] == ' ' || text[start] == '\n' || text[start] == '\t'))
        start++;
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\n' || text[end - 1] == '\t'))
        end--;
    if (end == start || !ref)
        return 0;
    char *needle = malloc(end - start + 1);
    if (!needle)
        return 0;
    memcpy(needle, text + start, end - start);
    needle[end - start] = '\0';
    int found = strstr(ref, needle) != NULL;
    free(needle);
    return found;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: sumfeat CONF_DIR < data.jsonl > features.tsv\n");
        return 2;
    }
    char stop[4096], bp[4096], op[4096], err[512];
    snprintf(stop, sizeof stop, "%s/stopwords-en.txt", argv[1]);
    snprintf(bp, sizeof bp, "%s/summarizer-boilerplate-en.txt", argv[1]);
    snprintf(op, sizeof op, "%s/summarizer-openers-en.txt", argv[1]);
    pipe_summarize_opts o;
    pipe_summarize_opts_init(&o);
    o.method = PIPE_SUM_TEXTRANK; /* no weights needed: the features are the same for every method */
    o.stopwords_path = stop;
    o.boilerplate_path = bp;
    o.openers_path = op;
    pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
    if (!s) {
        fprintf(stderr, "sumfeat: %s\n", err);
        return 2;
    }
    fputs("doc\tsentence\tlabel\ttier", stdout);
    for (size_t k = 0; k < PIPE_SUM_N_FEATURES; k++)
        printf("\t%s", pipe_summarize_feature_name(k));
    putchar('\n');
    sumsplit ds = {0};
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    while (getline(&line, &cap, stdin) > 0) {
        size_t idn, len, refn;
        char *id = jsonl_field(line, "id", &idn);
        char *text = jsonl_field(line, "text", &len);
        char *ref = jsonl_field(line, "summary", &refn);
        if (id && text) {
            sumsplit_run(&ds, text, len);
            pipe_summarize_input in = {text, len, ds.toks, ds.ntok, ds.sents, ds.nsent, NULL, 0};
            size_t n;
            const int *tiers;
            const double *f = pipe_summarize_features(s, &in, &n, &tiers);
            if (!f) {
                fprintf(stderr, "sumfeat: out of memory on %s\n", id);
                rc = 1;
            }
            for (size_t i = 0; f && i < n; i++) {
                printf("%s\t%zu\t%d\t%d", id, i, in_reference(text, ds.sents[i].start, ds.sents[i].end, ref),
                       tiers[i]);
                for (size_t k = 0; k < PIPE_SUM_N_FEATURES; k++)
                    printf("\t%.6g", f[i * PIPE_SUM_N_FEATURES + k]);
                putchar('\n');
            }
        }
        free(id);
        free(text);
        free(ref);
    }
    free(line);
    sumsplit_free(&ds);
    pipe_summarizer_free(s);
    return rc;
}
