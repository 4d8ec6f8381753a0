/*
 * jsonl.h: string fields of JSON Lines records, for the benchmark and
 * development drivers (see jsonl.c).
 */
#ifndef PIPE_BENCH_JSONL_H
#define PIPE_BENCH_JSONL_H

#include <stddef.h>

/* The decoded string value of "key" in line (malloc'd, length in *len), or NULL when absent. */
char *jsonl_field(const char *line, const char *key, size_t *len);
/* Write s[0..n) to stdout as a JSON string. */
void jsonl_put(const char *s, size_t n);

#endif
