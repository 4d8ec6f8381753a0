/*
 * hostile.h: adversarial inputs for the quote finder, shared by its tests (invariants on them)
 * and bench/quotes (the linear-time check), so both exercise the same worst cases.
 */
#ifndef PIPE_QUOTES_HOSTILE_H
#define PIPE_QUOTES_HOSTILE_H

#include <stddef.h>

/* Fills t (capacity len) with repeated material, returns the bytes used (<= len). */
typedef size_t (*hostile_gen)(char *t, size_t len);

/* One adversarial input: a name for reports and its generator. */
typedef struct hostile_input {
    const char *name;
    hostile_gen gen;
} hostile_input;

/* The adversarial inputs; *n receives their count. */
const hostile_input *hostile_inputs(size_t *n);

#endif /* PIPE_QUOTES_HOSTILE_H */
