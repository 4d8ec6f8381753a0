#include "util/name_list.h"

#include <stdio.h>
#include <string.h>

void name_list_add(char *out, size_t outlen, int first, const char *name)
{
    size_t used = strnlen(out, outlen);
    if (used + 1 < outlen)
        snprintf(out + used, outlen - used, "%s%s", first ? "" : ", ", name);
}
