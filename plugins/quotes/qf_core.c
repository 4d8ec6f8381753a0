/*
 * qf_core.c: the helpers every step of the quote finder needs, at the bottom
 * of the finder's dependency order (it calls none of the other qf_* files),
 * so each step can use them without depending on qf_find.c, which calls the
 * steps.
 */
#include <stdlib.h>

#include "qf_internal.h"

int qf_grow(void **arr, size_t *cap, size_t need, size_t sz)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 64;
    if (nc < need)
        nc = need;
    if (nc > SIZE_MAX / sz)
        return -1;
    void *p = realloc(*arr, nc * sz);
    if (!p)
        return -1;
    *arr = p;
    *cap = nc;
    return 0;
}
