#include "output/text_writer.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "output/json_writer.h"
#include "output/layer_walk.h"
#include "util/utf8.h"

/* Records with more than this many entries are summarized by their count. */
#define TEXT_MAX_RECORDS 12

/* Spans are shown on one line: breaks and controls become spaces, bad bytes U+FFFD. */
static int clean(buf *out, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    int rc = 0, space = 0;
    for (size_t i = 0; i < n && rc == 0;) {
        size_t adv = 1;
        if (u[i] < 0x20 || u[i] == 0x7F || u[i] == ' ') {
            space = 1;
            i++;
            continue;
        }
        if (space)
            rc |= buf_putc(out, ' ');
        space = 0;
        if (u[i] < 0x80)
            rc |= buf_putc(out, (char)u[i]);
        else if (utf8_decode(u + i, n - i, &adv) == UTF8_INVALID)
            rc |= buf_add(out, "\xEF\xBF\xBD", 3);
        else
            rc |= buf_add(out, s + i, adv);
        i += adv;
    }
    return rc;
}

static int span(buf *out, const pipe_doc *doc, uint32_t start, uint32_t end)
{
    size_t len;
    const char *text = layer_span_text(doc, start, end, &len);
    return text ? clean(out, text, len) : 0;
}

static const void *layer(const pipe_doc *doc, const char *name, size_t *n)
{
    layer_view v = layer_view_find(doc, name);
    *n = v.n;
    return v.recs;
}

static int summary(buf *out, const pipe_doc *doc)
{
    size_t n;
    const pipe_summary *s = layer(doc, PIPE_LAYER_SUMMARY, &n);
    int rc = buf_puts(out, "Summary\n");
    if (n == 0)
        rc |= buf_puts(out, "  (none)\n");
    for (size_t k = 0; k < n && rc == 0; k++) {
        rc |= buf_printf(out, "  %zu. ", k + 1);
        rc |= span(out, doc, s[k].start, s[k].end);
        rc |= buf_putc(out, '\n');
    }
    return rc;
}

/* A record's name for grouping: its bytes (NULL: none) and its index, the tie-break. */
typedef struct named {
    const char *s;
    size_t len;
    size_t k;
} named;

/* Unnamed first, then by bytes, then by index: one sort groups equal names in document order. */
static int by_name(const void *pa, const void *pb)
{
    const named *a = pa, *b = pb;
    if (!a->s || !b->s) {
        if (a->s != b->s)
            return a->s ? 1 : -1;
    } else {
        int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
        if (c || a->len != b->len)
            return c ? c : a->len < b->len ? -1 :
                                             1;
    }
    return (a->k > b->k) - (a->k < b->k);
}

static int same_name(const named *a, const named *b)
{
    if (!a->s || !b->s)
        return a->s == b->s;
    return a->len == b->len && (a->len == 0 || memcmp(a->s, b->s, a->len) == 0);
}

/* The first record of sp[0..n) called name, through names (sp's names sorted by by_name); NULL if none. */
static const pipe_speaker *speaker_record(const pipe_speaker *sp, const named *names, size_t n, const char *name,
                                          size_t len)
{
    if (!name)
        return NULL;
    named key = {name, len, 0};
    size_t lo = 0, hi = n;
    while (lo < hi) { /* the first entry not below (name, 0): the lowest index with that name */
        size_t mid = lo + (hi - lo) / 2;
        if (by_name(&names[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && same_name(&names[lo], &key) ? &sp[names[lo].k] : NULL;
}

static int quote_line(buf *out, const pipe_doc *doc, const pipe_quote *q)
{
    int rc = buf_puts(out, "    - ");
    if (q->cue_start != PIPE_NO_POS) {
        rc |= buf_putc(out, '[');
        rc |= span(out, doc, q->cue_start, q->cue_end);
        rc |= buf_puts(out, "] ");
    }
    rc |= span(out, doc, q->start, q->end);
    return rc | buf_putc(out, '\n');
}

/* One speaker's heading: name, kind and mentions (its speakers-layer record sp, when there is one), quotes. */
static int group_heading(buf *out, const named *who, const pipe_speaker *sp, size_t count)
{
    static const char *const kinds[] = {"unknown", "person", "organisation", "description"};
    int rc = buf_puts(out, "  ");
    rc |= who->s ? clean(out, who->s, who->len) : buf_puts(out, "(unknown speaker)");
    if (sp)
        rc |= buf_printf(out, " (%s, %" PRIu32 " mention%s)", sp->kind < 4 ? kinds[sp->kind] : "?", sp->n_mentions,
                         sp->n_mentions == 1 ? "" : "s");
    return rc | buf_printf(out, ": %zu quote%s\n", count, count == 1 ? "" : "s");
}

/* One speaker's quotes: by[first..first + count) of the sorted names. */
typedef struct group {
    size_t first, count;
    size_t k;    /* its first quote */
    int unnamed; /* the unattributed quotes */
} group;

/* The unattributed last, then the most quoted first, ties by the first quote. */
static int by_rank(const void *pa, const void *pb)
{
    const group *a = pa, *b = pb;
    if (a->unnamed != b->unnamed)
        return a->unnamed ? 1 : -1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return (a->k > b->k) - (a->k < b->k);
}

/*
 * Who said what: the quotes grouped by speaker, the most quoted first (ties: first quoted), each group in
 * document order, the unattributed ones last. Grouped by one sort of the names, not by comparing
 * every quote with every other: a long document has thousands of quotes (8 MB of news, 13,000).
 */
static int quotes(buf *out, const pipe_doc *doc)
{
    size_t n, nsp;
    const pipe_quote *q = layer(doc, PIPE_LAYER_QUOTES, &n);
    const pipe_speaker *sp = layer(doc, PIPE_LAYER_SPEAKERS, &nsp);
    int rc = buf_puts(out, "Who said what\n");
    named *by = malloc((n + nsp + 1) * sizeof *by);
    group *g = malloc((n + 1) * sizeof *g);
    if (!by || !g) {
        free(by);
        free(g);
        return -1;
    }
    named *spn = by + n;
    for (size_t k = 0; k < nsp; k++) {
        spn[k].s = doc_str_get(doc, sp[k].name, &spn[k].len);
        spn[k].k = k;
    }
    qsort(spn, nsp, sizeof *spn, by_name);
    size_t m = 0, scare = 0, ng = 0;
    for (size_t k = 0; k < n; k++) {
        if (q[k].kind == PIPE_QUOTE_SCARE) {
            scare++;
            continue;
        }
        by[m].s = doc_str_get(doc, q[k].speaker, &by[m].len);
        by[m++].k = k;
    }
    qsort(by, m, sizeof *by, by_name);
    for (size_t a = 0, b; a < m; a = b) {
        for (b = a + 1; b < m && same_name(&by[b], &by[a]);)
            b++;
        g[ng++] = (group){a, b - a, by[a].k, by[a].s == NULL};
    }
    qsort(g, ng, sizeof *g, by_rank);
    for (size_t i = 0; i < ng && rc == 0; i++) {
        const named *who = &by[g[i].first];
        rc |= group_heading(out, who, speaker_record(sp, spn, nsp, who->s, who->len), g[i].count);
        for (size_t j = g[i].first; j < g[i].first + g[i].count && rc == 0; j++)
            rc |= quote_line(out, doc, &q[by[j].k]);
    }
    free(by);
    free(g);
    if (m == 0)
        rc |= buf_puts(out, "  (no quotes)\n");
    if (scare)
        rc |= buf_printf(out, "  (%zu scare or term quote%s not shown)\n", scare, scare == 1 ? "" : "s");
    return rc;
}

int text_write_doc(buf *out, const pipe_doc *doc, const write_opts *o)
{
    size_t len;
    doc_get_text(doc, &len);
    int rc = buf_puts(out, "== ");
    const char *id = doc_get_id(doc);
    rc |= clean(out, id, strlen(id));
    if (doc_error_stage(doc)) {
        rc |= buf_printf(out, " ==\nFAILED in stage %s: ", doc_error_stage(doc));
        const char *msg = doc_error_message(doc);
        rc |= clean(out, msg, strlen(msg));
        return rc | buf_puts(out, "\n\n");
    }
    rc |= buf_printf(out, " (%zu bytes) ==\n", len);
    if (layer_wanted(o, doc, PIPE_LAYER_SUMMARY))
        rc |= summary(out, doc);
    if (layer_wanted(o, doc, PIPE_LAYER_QUOTES))
        rc |= quotes(out, doc);
    /* The rest is counted, not dumped: byte ranges mean nothing to a reader (the JSON output has them). */
    const pipe_layer_id *ids = o->counts_only ? o->all : o->layers;
    size_t nids = o->counts_only ? o->nall : o->nlayers, shown = 0;
    for (size_t k = 0; k < nids && rc == 0; k++) {
        size_t n;
        doc_layer_records(doc, ids[k], &n);
        rc |= buf_printf(out, "%s%s %zu", shown++ ? ", " : "Counts: ", registry_schema(doc_registry(doc), ids[k])->name, n);
    }
    if (shown)
        rc |= buf_putc(out, '\n');
    return rc | buf_putc(out, '\n');
}
