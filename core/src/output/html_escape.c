/*
 * Every byte a document brings (text, id, speaker names, input fields) goes
 * through these functions on its way into the HTML report, so what a document
 * contains is always text on the page, never markup.
 */
#include "output/html_escape.h"

#include "util/utf8.h"

/*
 * Bytes the fast loop stops at. Value 3: everywhere (markup characters,
 * controls, anything non-ASCII); value 1: only inside an attribute value
 * (" and '). A mask of ESC_TEXT or ESC_ATTR picks the set.
 */
#define ESC_TEXT 2u
#define ESC_ATTR 3u
static const unsigned char special[256] = {
    3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 3, 3, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    0, 0, 1, 0, 0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 3, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3};

/*
 * Append s[0..n) escaped for the places mask says (ESC_TEXT, ESC_ATTR): & < > (and " ' for attributes)
 * become references, invalid UTF-8 and control characters (but tab and line
 * breaks) become U+FFFD. The one way document bytes reach the page.
 */
static int esc_by(buf *out, const char *s, size_t n, unsigned mask)
{
    const unsigned char *u = (const unsigned char *)s;
    if (buf_reserve(out, n))
        return -1;
    int rc = 0;
    size_t run = 0, i = 0;
    while (i < n && rc == 0) {
        /* Plain text comes in long runs: test four bytes per step. */
        while (i + 4 <= n && !((special[u[i]] | special[u[i + 1]] | special[u[i + 2]] | special[u[i + 3]]) & mask))
            i += 4;
        if (i < n && !(special[u[i]] & mask)) {
            i++;
            continue;
        }
        if (i >= n)
            break;
        size_t adv = 1;
        if (u[i] >= 0x80 && utf8_decode(u + i, n - i, &adv) != UTF8_INVALID) {
            i += adv;
            continue;
        }
        rc |= buf_add(out, s + run, i - run);
        switch (u[i]) {
        case '&':
            rc |= buf_add(out, "&amp;", 5);
            break;
        case '<':
            rc |= buf_add(out, "&lt;", 4);
            break;
        case '>':
            rc |= buf_add(out, "&gt;", 4);
            break;
        case '"':
            rc |= buf_add(out, "&quot;", 6);
            break;
        case '\'':
            rc |= buf_add(out, "&#39;", 5);
            break;
        default:
            rc |= buf_add(out, "\xEF\xBF\xBD", 3); /* a control or a byte that is not UTF-8 */
        }
        i++;
        run = i;
    }
    return rc | buf_add(out, s + run, n - run);
}

int html_esc_text(buf *out, const char *s, size_t n)
{
    return esc_by(out, s, n, ESC_TEXT);
}

int html_esc_attr(buf *out, const char *s, size_t n)
{
    return esc_by(out, s, n, ESC_ATTR);
}

int html_anchor(buf *out, const char *id)
{
    static const char hex[] = "0123456789ABCDEF";
    int rc = buf_puts(out, "d-");
    for (const unsigned char *p = (const unsigned char *)id; *p && rc == 0; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-') {
            rc |= buf_putc(out, (char)*p);
        } else {
            char e[3] = {'_', hex[*p >> 4], hex[*p & 15]};
            rc |= buf_add(out, e, 3);
        }
    }
    return rc;
}
