/*
 * A double in the fewest significant digits that read back as the very same double, laid out
 * as printf's %g: the text of "%.15g" when strtod() gives v back from it, else of "%.16g" when
 * that reads back, else of "%.17g" (subnormals try every precision from 1). That loop of
 * snprintf and strtod is the definition and stays as the fallback; the fast path gets the same
 * bytes with exact integer arithmetic for normal doubles from about 1e-16 to 1e47 (issue 22).
 */
#ifndef PIPE_FMT_DOUBLE_H
#define PIPE_FMT_DOUBLE_H

#include <stddef.h>

/* Room for any text these functions write, with its NUL ("-1.2345678901234567e-308"). */
#define FMT_DOUBLE_MAX 32

/* Writes v (finite) into out, NUL-terminated; returns the length. */
size_t fmt_double(char out[FMT_DOUBLE_MAX], double v);

/* The fast path alone: the length, or -1 (out untouched) when v is outside its proven range
 * (subnormal, not finite, or too large or small for 128-bit arithmetic). */
int fmt_double_fast(char out[FMT_DOUBLE_MAX], double v);

/* The snprintf/strtod loop alone (the definition; what fmt_double() falls back to). */
size_t fmt_double_printf(char out[FMT_DOUBLE_MAX], double v);

#endif
