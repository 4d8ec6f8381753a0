#include "util/utf8.h"

uint32_t utf8_decode(const unsigned char *s, size_t n, size_t *adv)
{
    return pipe_utf8_decode(s, n, adv, PIPE_UTF8_STRICT);
}

size_t utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t adv;
        if (utf8_decode(u + i, n - i, &adv) == UTF8_INVALID)
            break;
        i += adv;
    }
    return i;
}
