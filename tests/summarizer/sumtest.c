/*
 * sumtest.c: the helpers of sumtest.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sumtest.h"

const pipe_summary *run(pipe_summarizer *s, sumsplit *ds, const char *text, size_t *n)
{
    sumsplit_run(ds, text, strlen(text));
    pipe_summarize_input in = {text, strlen(text), ds->toks, ds->ntok, ds->sents, ds->nsent, NULL, 0};
    const pipe_summary *p = pipe_summarize(s, &in, n);
    assert_non_null(p);
    return p;
}

pipe_summarizer *make(pipe_summarize_method m, int sentences)
{
    return make_weighted(m, sentences, WEIGHTS);
}

pipe_summarizer *make_weighted(pipe_summarize_method m, int sentences, const char *weights)
{
    pipe_summarize_opts o;
    char err[256];
    pipe_summarize_opts_init(&o);
    o.method = m;
    o.sentences = sentences;
    o.stopwords_path = STOP;
    o.boilerplate_path = BOILER;
    o.openers_path = OPENERS;
    o.weights_path = weights;
    pipe_summarizer *s = pipe_summarizer_new(&o, err, sizeof err);
    if (!s)
        fail_msg("%s", err);
    return s;
}

int has_text(const char *text, const pipe_summary *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i < n; i++)
        for (uint32_t j = p[i].start; j + k <= p[i].end; j++)
            if (memcmp(text + j, needle, k) == 0)
                return 1;
    return 0;
}

const double *features_of(pipe_summarizer *s, sumsplit *ds, const char *text, size_t *n, const int **tiers)
{
    sumsplit_run(ds, text, strlen(text));
    pipe_summarize_input in = {text, strlen(text), ds->toks, ds->ntok, ds->sents, ds->nsent, NULL, 0};
    const double *f = pipe_summarize_features(s, &in, n, tiers);
    assert_non_null(f);
    return f;
}

const char *temp_file(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/sumtest_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

size_t feature(const char *name)
{
    for (size_t k = 0; k < PIPE_SUM_N_FEATURES; k++)
        if (strcmp(pipe_summarize_feature_name(k), name) == 0)
            return k;
    fail_msg("no feature %s", name);
    return 0;
}
