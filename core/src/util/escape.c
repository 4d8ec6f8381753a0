#include "util/escape.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

/* Code points a terminal acts on or reorders instead of just showing. */
static int hidden_cp(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* How s[0..n) starts: *adv bytes, and whether they show as they are. */
static int plain_at(const unsigned char *s, size_t n, size_t *adv, uint32_t *cp)
{
    *cp = utf8_decode(s, n, adv);
    if (*cp == UTF8_INVALID)
        return 0;
    if (*cp < 0x80)
        return *cp >= 0x20 && *cp < 0x7F && *cp != '\\';
    return !hidden_cp(*cp);
}

int escape_needed(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0, adv; i < n; i += adv) {
        uint32_t cp;
        if (!plain_at(u + i, n - i, &adv, &cp))
            return 1;
    }
    return 0;
}

int escape_append(buf *b, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    int rc = 0;
    for (size_t i = 0, adv; i < n && rc == 0; i += adv) {
        uint32_t cp;
        size_t start = i;
        /* Copy a run of plain text in one piece. */
        while (i < n && plain_at(u + i, n - i, &adv, &cp))
            i += adv;
        if (i > start)
            rc |= buf_add(b, s + start, i - start);
        if (i >= n)
            break;
        if (cp == UTF8_INVALID || cp < 0x80) {
            static const char hex[] = "0123456789abcdef";
            char e[4] = {'\\', 'x', hex[u[i] >> 4], hex[u[i] & 15]};
            if (cp == '\\' || cp == '\n' || cp == '\r' || cp == '\t') {
                e[1] = cp == '\\' ? '\\' : cp == '\n' ? 'n' :
                                       cp == '\r'     ? 'r' :
                                                        't';
                rc |= buf_add(b, e, 2);
            } else {
                rc |= buf_add(b, e, 4);
            }
        } else {
            rc |= buf_printf(b, "\\u%04x", (unsigned)cp);
        }
    }
    return rc;
}

char *escape_dup(const char *s)
{
    buf b = {0};
    size_t n = strlen(s);
    if (buf_reserve(&b, n + 1) || escape_append(&b, s, n)) {
        buf_free(&b);
        return NULL;
    }
    b.data[b.len] = '\0';
    return b.data;
}

void escape_fputs(const char *s, FILE *f)
{
    size_t n = strlen(s);
    if (!escape_needed(s, n)) {
        fputs(s, f);
        return;
    }
    char *e = escape_dup(s);
    if (e)
        fputs(e, f);
    else
        fputs("(unprintable: out of memory)", f);
    free(e);
}
