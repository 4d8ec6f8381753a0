/*
 * jsonl.c: the little JSON Lines reading and writing the benchmark drivers
 * (quotebench, bench_sentences) and the summarizer's development drivers
 * (sumdev, sumfeat) need: one string field of a line, and a string written
 * as JSON. Not a general JSON parser: the corpora are one flat object a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fprintf(stderr, "out of memory\n");
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
        char e = *p ? *p++ : 0;
        if (!e)
            break;
        if (e == 'n')
            o[n++] = '\n';
        else if (e == 't')
            o[n++] = '\t';
        else if (e == 'r')
            o[n++] = '\r';
        else if (e == 'b')
            o[n++] = '\b';
        else if (e == 'f')
            o[n++] = '\f';
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

char *jsonl_field(const char *line, const char *key, size_t *len)
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

void jsonl_put(const char *s, size_t n)
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
