/*
 * sum_weights.c: the learned method's weights file.
 *
 * One weight a line, `NAME VALUE`, where NAME is `bias`,
 * `length_exponent` (the score is p x (1 + words)^length_exponent, between
 * 0 and 4) or one of the features of sum_features.c
 * (pipe_summarize_feature_name()); '#' starts a comment. Every feature must be given exactly once: a file written for
 * another feature set must fail loudly, not score with zeros. Written by
 * bench/train-summarizer, which puts the command that made it in the
 * header.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sum_internal.h"

int sum_weights_load(pipe_summarizer *s, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read weights %s: %s", path, strerror(errno));
        return PIPE_ERR_CONFIG;
    }
    /* seen[k] = line of feature k; then the lines of the bias and of length_exponent. */
    enum { BIAS = PIPE_SUM_N_FEATURES,
           EXPONENT,
           N_KEYS };
    size_t seen[N_KEYS] = {0};
    char line[512];
    size_t lineno = 0;
    int rc = PIPE_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, errlen, "%s:%zu: line longer than %zu bytes", path, lineno, sizeof line - 2);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        line[strcspn(line, "#\r\n")] = '\0';
        char name[64], value[128], extra[2];
        int got = sscanf(line, "%63s %127s %1s", name, value, extra);
        if (got <= 0)
            continue;
        if (got != 2) {
            snprintf(err, errlen, "%s:%zu: expected `NAME VALUE`", path, lineno);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        size_t k = 0;
        if (strcmp(name, "bias") == 0)
            k = BIAS;
        else if (strcmp(name, "length_exponent") == 0)
            k = EXPONENT;
        else
            while (k < PIPE_SUM_N_FEATURES && strcmp(name, pipe_summarize_feature_name(k)) != 0)
                k++;
        if (k == PIPE_SUM_N_FEATURES && strcmp(name, "bias") != 0) {
            snprintf(err, errlen, "%s:%zu: unknown feature \"%s\"", path, lineno, name);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        char *end;
        errno = 0;
        double v = strtod(value, &end);
        if (*end != '\0' || errno == ERANGE || !isfinite(v)) {
            snprintf(err, errlen, "%s:%zu: \"%s\" is not a finite number", path, lineno, value);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        if (k == EXPONENT && !(v >= 0 && v <= 4)) {
            snprintf(err, errlen, "%s:%zu: length_exponent must be between 0 and 4, not %s", path, lineno, value);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        if (seen[k]) {
            snprintf(err, errlen, "%s:%zu: \"%s\" given twice (first on line %zu)", path, lineno, name, seen[k]);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        seen[k] = lineno;
        if (k == BIAS)
            s->bias = v;
        else if (k == EXPONENT)
            s->length_exponent = v;
        else
            s->weight[k] = v;
    }
    fclose(f);
    for (size_t k = 0; rc == PIPE_OK && k < N_KEYS; k++)
        if (!seen[k]) {
            snprintf(err, errlen, "%s:%zu: no weight for \"%s\"", path, lineno,
                     k == BIAS ? "bias" : k == EXPONENT ? "length_exponent" :
                                                          pipe_summarize_feature_name(k));
            rc = PIPE_ERR_CONFIG;
        }
    /* One pow per table entry here instead of one per sentence. */
    for (size_t w = 0; rc == PIPE_OK && w < SUM_LOG_TABLE; w++)
        s->lenpow[w] = pow(1.0 + (double)w, s->length_exponent);
    return rc;
}
