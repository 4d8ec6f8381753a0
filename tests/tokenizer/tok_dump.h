/*
 * tok_dump.h: the one-line-per-token text format of the golden files,
 * shared by the golden test and its regeneration mode.
 */
#ifndef PIPE_TOK_DUMP_H
#define PIPE_TOK_DUMP_H

#include <stdio.h>

#include "tokenize.h"

/* Flag letters in bit order: space, newline, para, clitic, abbrev, quote, open, close. */
#define TOK_DUMP_FLAG_LETTERS "snpcaqox"

/* Write "start end kind flags text" for each token; flags are letters or "-". */
static inline void tok_dump(FILE *f, const char *text, const pipe_token *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char flags[9];
        size_t k = 0;
        for (unsigned b = 0; b < 8; b++)
            if (t[i].flags & (1u << b))
                flags[k++] = TOK_DUMP_FLAG_LETTERS[b];
        if (k == 0)
            flags[k++] = '-';
        flags[k] = '\0';
        fprintf(f, "%u %u %s %s %.*s\n", t[i].start, t[i].end, pipe_token_kind_name(t[i].kind), flags,
                (int)(t[i].end - t[i].start), text + t[i].start);
    }
}

#endif /* PIPE_TOK_DUMP_H */
