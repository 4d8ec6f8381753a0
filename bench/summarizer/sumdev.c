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

#include "sumsplit.h"
#include "summarize.h"

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fprintf(stderr, "sumdev: out of memory\n");
        exit(1);
    }
    return q;
}

/* Decode the JSON string starting after the opening quote at p; returns malloc'd text. */
static char *json_string(const char *p, size_t *out_len)
{
    size_t cap = 1024, n = 0;
    char *o = xrealloc(NULL, cap);
    while (*p && *p != '"') {
        if (n + 8 > cap) {
            cap *= 2;
            o = xrealloc(o, cap);
        }
        if (*p != '\\') {
            o[n++] = *p++;
            continue;
        }
        p++;
        char e = *p++;
        if (e == 'n')
            o[n++] = '\n';
        else if (e == 't')
            o[n++] = '\t';
        else if (e == 'r')
            o[n++] = '\r';
        else if (e == 'b' || e == 'f')
            o[n++] = ' ';
        else if (e == 'u') {
            unsigned cp = (unsigned)strtoul((char[5]){p[0], p[1], p[2], p[3], 0}, NULL, 16);
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
                unsigned lo = (unsigned)strtoul((char[5]){p[2], p[3], p[4], p[5], 0}, NULL, 16);
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            if (cp < 0x80) {
                o[n++] = (char)cp;
            } else if (cp < 0x800) {
                o[n++] = (char)(0xC0 | cp >> 6);
                o[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                o[n++] = (char)(0xE0 | cp >> 12);
                o[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                o[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                o[n++] = (char)(0xF0 | cp >> 18);
                o[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                o[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                o[n++] = (char)(0x80 | (cp & 0x3F));
            }
        } else
            o[n++] = e;
    }
    o[n] = '\0';
    *out_len = n;
    return o;
}

static char *field(const char *line, const char *key, size_t *len)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": \"", key);
    const char *p = strstr(line, pat);
    if (!p) {
        snprintf(pat, sizeof pat, "\"%s\":\"", key);
        p = strstr(line, pat);
    }
    if (!p)
        return NULL;
    return json_string(p + strlen(pat), len);
}

static void put_json(const char *s, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: sumdev CONF_DIR [method] [sentences] < data.jsonl\n");
        return 2;
    }
    char stop[4096], bp[4096], err[512];
    snprintf(stop, sizeof stop, "%s/stopwords-en.txt", argv[1]);
    snprintf(bp, sizeof bp, "%s/summarizer-boilerplate-en.txt", argv[1]);
    pipe_summarize_opts o;
    pipe_summarize_opts_init(&o);
    o.stopwords_path = stop;
    o.boilerplate_path = bp;
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
        char *id = field(line, "id", &idn);
        char *text = field(line, "text", &len);
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
        put_json(id, idn);
        fputs(",\"summary\":[", stdout);
        for (size_t i = 0; p && i < n; i++) {
            if (i)
                putchar(',');
            put_json(text + p[i].start, p[i].end - p[i].start);
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
