#include "output/text_writer.h"

#include <inttypes.h>
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

static int same_str(const char *a, size_t na, const char *b, size_t nb)
{
    return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

/* The speakers-layer record named name, for the kind and mentions in a group's heading; NULL if none. */
static const pipe_speaker *speaker_record(const pipe_doc *doc, const char *name, size_t len)
{
    size_t n;
    const pipe_speaker *sp = layer(doc, PIPE_LAYER_SPEAKERS, &n);
    for (size_t k = 0; name && k < n; k++) {
        size_t slen;
        const char *s = doc_str_get(doc, sp[k].name, &slen);
        if (s && same_str(s, slen, name, len))
            return &sp[k];
    }
    return NULL;
}

/* Quotes k and j have the same speaker (both unknown counts as the same). */
static int same_speaker(const pipe_doc *doc, const pipe_quote *a, const pipe_quote *b)
{
    size_t na, nb;
    const char *sa = doc_str_get(doc, a->speaker, &na), *sb = doc_str_get(doc, b->speaker, &nb);
    return sa && sb ? same_str(sa, na, sb, nb) : !sa && !sb;
}

/* The number of speech quotes by quote k's speaker, and in *first the index of the first of them. */
static size_t group_of(const pipe_doc *doc, const pipe_quote *q, size_t n, size_t k, size_t *first)
{
    size_t count = 0;
    *first = k;
    for (size_t j = 0; j < n; j++) {
        if (q[j].kind == PIPE_QUOTE_SCARE || !same_speaker(doc, &q[j], &q[k]))
            continue;
        if (j < *first)
            *first = j;
        count++;
    }
    return count;
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

/* One speaker's heading: name, kind and mentions (from the speakers layer when the pipeline has it), quotes. */
static int group_heading(buf *out, const pipe_doc *doc, const pipe_quote *q, size_t count)
{
    static const char *const kinds[] = {"unknown", "person", "organisation", "description"};
    size_t slen;
    const char *name = doc_str_get(doc, q->speaker, &slen);
    int rc = buf_puts(out, "  ");
    rc |= name ? clean(out, name, slen) : buf_puts(out, "(unknown speaker)");
    const pipe_speaker *sp = speaker_record(doc, name, slen);
    if (sp)
        rc |= buf_printf(out, " (%s, %" PRIu32 " mention%s)", sp->kind < 4 ? kinds[sp->kind] : "?", sp->n_mentions,
                         sp->n_mentions == 1 ? "" : "s");
    return rc | buf_printf(out, ": %zu quote%s\n", count, count == 1 ? "" : "s");
}

/*
 * Who said what: the quotes grouped by speaker, the most quoted first (ties: first quoted), each group in
 * document order, the unattributed ones last. Quadratic in the quotes of one document, which are few.
 */
static int quotes(buf *out, const pipe_doc *doc)
{
    size_t n;
    const pipe_quote *q = layer(doc, PIPE_LAYER_QUOTES, &n);
    int rc = buf_puts(out, "Who said what\n");
    size_t shown = 0, scare = 0, top = 0;
    /* count[k]: quotes of k's speaker, set on the speaker's first quote (0 elsewhere). */
    for (size_t k = 0; k < n; k++) {
        if (q[k].kind == PIPE_QUOTE_SCARE) {
            scare++;
            continue;
        }
        size_t first, count = group_of(doc, q, n, k, &first);
        if (first == k && count > top)
            top = count;
    }
    for (int unknown = 0; unknown < 2 && rc == 0; unknown++) {
        for (size_t want = top; want > 0 && rc == 0; want--) {
            for (size_t k = 0; k < n && rc == 0; k++) {
                size_t slen;
                if (q[k].kind == PIPE_QUOTE_SCARE || (doc_str_get(doc, q[k].speaker, &slen) == NULL) != unknown)
                    continue;
                size_t first, count = group_of(doc, q, n, k, &first);
                if (first != k || count != want)
                    continue;
                rc |= group_heading(out, doc, &q[k], count);
                for (size_t j = k; j < n && rc == 0; j++)
                    if (q[j].kind != PIPE_QUOTE_SCARE && same_speaker(doc, &q[j], &q[k]))
                        rc |= quote_line(out, doc, &q[j]);
                shown += count;
            }
        }
    }
    if (shown == 0)
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
