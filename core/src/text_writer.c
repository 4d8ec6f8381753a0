#include "text_writer.h"

#include <inttypes.h>
#include <string.h>

#include "doc.h"
#include "json_writer.h"
#include "layer_walk.h"
#include "utf8.h"

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

static int quotes(buf *out, const pipe_doc *doc)
{
    size_t n;
    const pipe_quote *q = layer(doc, PIPE_LAYER_QUOTES, &n);
    int rc = buf_puts(out, "Quotes\n");
    size_t shown = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        if (q[k].kind == PIPE_QUOTE_SCARE)
            continue;
        shown++;
        rc |= buf_puts(out, "  - ");
        size_t slen;
        const char *speaker = doc_str_get(doc, q[k].speaker, &slen);
        if (speaker) {
            rc |= clean(out, speaker, slen);
        } else {
            rc |= buf_puts(out, "(unknown speaker)");
        }
        if (q[k].cue_start != PIPE_NO_POS) {
            rc |= buf_puts(out, " [");
            rc |= span(out, doc, q[k].cue_start, q[k].cue_end);
            rc |= buf_putc(out, ']');
        }
        rc |= buf_puts(out, ": ");
        rc |= span(out, doc, q[k].start, q[k].end);
        rc |= buf_putc(out, '\n');
    }
    size_t scare = 0;
    for (size_t k = 0; k < n; k++)
        scare += q[k].kind == PIPE_QUOTE_SCARE;
    if (shown == 0)
        rc |= buf_puts(out, "  (none)\n");
    if (scare)
        rc |= buf_printf(out, "  (%zu scare or term quote%s not shown)\n", scare, scare == 1 ? "" : "s");
    return rc;
}

/* The who-said-what table: one line per speaker, most quoted first (ties: first mentioned). */
static int speakers(buf *out, const pipe_doc *doc)
{
    static const char *const kinds[] = {"unknown", "person", "organisation", "description"};
    size_t n;
    const pipe_speaker *sp = layer(doc, PIPE_LAYER_SPEAKERS, &n);
    int rc = buf_puts(out, "Who said what\n");
    if (n == 0)
        return rc | buf_puts(out, "  (none)\n");
    uint32_t top = 0;
    for (size_t k = 0; k < n; k++)
        top = sp[k].quotes > top ? sp[k].quotes : top;
    /* Descending quote counts without sorting (the records stay in document order): one sweep per
     * distinct count, at most TEXT_MAX_RECORDS lines. */
    size_t shown = 0;
    for (uint32_t want = top + 1; want-- > 0 && shown < TEXT_MAX_RECORDS && rc == 0;) {
        uint32_t next = 0;
        for (size_t k = 0; k < n && shown < TEXT_MAX_RECORDS && rc == 0; k++) {
            if (sp[k].quotes != want) {
                if (sp[k].quotes < want && sp[k].quotes > next)
                    next = sp[k].quotes;
                continue;
            }
            size_t slen;
            const char *name = doc_str_get(doc, sp[k].name, &slen);
            rc |= buf_puts(out, "  - ");
            rc |= name ? clean(out, name, slen) : buf_puts(out, "(unnamed)");
            rc |= buf_printf(out, " (%s): %" PRIu32 " quote%s, %" PRIu32 " mention%s\n",
                             sp[k].kind < 4 ? kinds[sp[k].kind] : "?", sp[k].quotes, sp[k].quotes == 1 ? "" : "s",
                             sp[k].n_mentions, sp[k].n_mentions == 1 ? "" : "s");
            shown++;
        }
        if (want > 0)
            want = next + 1;
    }
    if (n > shown)
        rc |= buf_printf(out, "  (%zu more)\n", n - shown);
    return rc;
}

static int other(buf *out, const pipe_doc *doc, pipe_layer_id id)
{
    layer_view v = layer_view_of(doc, id);
    const pipe_layer_schema *s = v.schema;
    size_t n = v.n;
    int rc = buf_printf(out, "%s: %zu record%s\n", s->name, n, n == 1 ? "" : "s");
    if (n > TEXT_MAX_RECORDS)
        return rc;
    for (size_t k = 0; k < n && rc == 0; k++) {
        const void *rec = layer_view_record(&v, k);
        uint32_t se[2];
        layer_record_span(rec, &se[0], &se[1]);
        rc |= buf_printf(out, "  [%" PRIu32 "-%" PRIu32 ")", se[0], se[1]);
        size_t fk = 0;
        for (const pipe_field *f; rc == 0 && (f = layer_next_field(s, &fk));) {
            rc |= buf_printf(out, " %s=", f->name);
            rc |= json_field_value(out, doc, rec, f);
        }
        rc |= buf_putc(out, '\n');
    }
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
    if (layer_wanted(o, doc, PIPE_LAYER_SPEAKERS))
        rc |= speakers(out, doc);
    const write_opts *src = o->counts_only ? NULL : o;
    for (size_t k = 0; src && k < src->nlayers; k++) {
        const char *name = registry_schema(doc_registry(doc), src->layers[k])->name;
        if (strcmp(name, PIPE_LAYER_SUMMARY) && strcmp(name, PIPE_LAYER_QUOTES) && strcmp(name, PIPE_LAYER_SPEAKERS))
            rc |= other(out, doc, src->layers[k]);
    }
    for (size_t k = 0; o->counts_only && k < o->nall; k++) {
        size_t n;
        doc_layer_records(doc, o->all[k], &n);
        rc |= buf_printf(out, "%s: %zu\n", registry_schema(doc_registry(doc), o->all[k])->name, n);
    }
    return rc | buf_putc(out, '\n');
}
