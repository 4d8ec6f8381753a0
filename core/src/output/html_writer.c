/*
 * The HTML report. Every document is a <details> element whose <summary> is
 * its line in the corpus index (id, quotes, speakers, first summary sentence),
 * so the page streams like the JSON output (nothing is kept across documents)
 * and a 10,000-document page stays light: closed documents are not laid out.
 *
 * The article text is written once with its marks (summary sentences, quotes,
 * speaker mentions, cues), nested by html_marks.c; only a mark's first
 * fragment is focusable and carries the anchor id. Every byte of text, id and
 * metadata goes through html_escape.c; nothing from a document reaches the
 * page as markup.
 */
#include "output/html_writer.h"

#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "output/html_assets.h"
#include "output/html_escape.h"
#include "output/html_marks.h"
#include "output/json_writer.h"
#include "util/jsonl_scan.h"
#include "util/strmap.h"
#include "output/layer_walk.h"
#include "output/sha256.h"
#include "util/utf8.h"

/* The layer the who-said-what work (issue 15) adds; read by name and field names, so its absence is fine. */
#define SPEAKERS_LAYER "speakers"
/* A speaker name longer than this is cut in the table (a runaway span must not make a wall of text). */
#define MAX_NAME_BYTES 200
/* Records of a plugin's layer listed in its table; the spans in the text show them all. */
#define GENERIC_ROWS 20

/* A NUL-terminated string as element text. */
static int esc_str(buf *out, const char *s)
{
    return html_esc_text(out, s, strlen(s));
}

/* ---- speakers ------------------------------------------------------------------------------------------------ */

typedef struct speaker {
    const char *name; /* NULL: the quotes nobody was credited with */
    size_t len;
    const char *kind; /* person, organisation, ... or NULL when not known */
    size_t quotes;
    char ini[16]; /* initials, so colour is never the only cue */
} speaker;

/* A speaker's mention in the text, from the speakers layer. */
typedef struct mention {
    uint32_t start, end;
    size_t who; /* index in people.v */
} mention;

typedef struct people {
    speaker *v;
    size_t n, cap;
    int counted; /* quote counts came from the speakers layer */
    mention *m;  /* every mention the speakers layer lists, when it has a "mentions" field */
    size_t nm, mcap;
    int mentioned;
    /* Found by name and initials in a map, not by comparing with every speaker so far: a document
     * of 40,000 speakers took 6.8 s so. */
    strmap names;      /* name -> 1 + index */
    size_t unnamed1;   /* 1 + the index of the uncredited quotes' speaker, 0 = none yet */
    strmap ini_prefix; /* every byte prefix of each speaker's initials -> speakers whose initials begin so */
} people;

static const char *enum_name(const void *rec, const pipe_field *f)
{
    uint16_t v;
    if (!f)
        return NULL;
    memcpy(&v, (const char *)rec + f->offset, sizeof v);
    for (size_t k = 0; f->names && f->names[k]; k++)
        if (k == v)
            return f->names[k];
    return NULL;
}

/* Count a new speaker's initials under each of their byte prefixes; -1 when out of memory. */
static int count_prefixes(people *pp, const char *ini)
{
    for (size_t l = 1, n = strlen(ini); l <= n; l++) {
        uint64_t *c = strmap_slot(&pp->ini_prefix, ini, l);
        if (!c)
            return -1;
        (*c)++;
    }
    return 0;
}

/* The first UTF-8 character of s[0..n) appended to ini (ASCII upper-cased); its length in bytes. */
static size_t first_char(char *ini, size_t *ilen, size_t cap, const char *s, size_t n)
{
    size_t adv = 1;
    unsigned char c = (unsigned char)s[0];
    if (c >= 0x80 && utf8_decode((const unsigned char *)s, n, &adv) == UTF8_INVALID)
        return 1;
    if (*ilen + adv + 1 > cap)
        return adv;
    memcpy(ini + *ilen, s, adv);
    if (c >= 'a' && c <= 'z')
        ini[*ilen] = (char)(c - 'a' + 'A');
    *ilen += adv;
    ini[*ilen] = '\0';
    return adv;
}

/* Set sp's initials (sp is the next speaker of pp, not yet counted); -1 when out of memory. */
static int initials(speaker *sp, people *pp)
{
    size_t ilen = 0;
    sp->ini[0] = '\0';
    if (!sp->name) {
        strcpy(sp->ini, "?");
        return count_prefixes(pp, sp->ini);
    }
    /* First letter of the first and of the last word ("Liang Hua" LH); one word gives its first two letters. */
    const char *s = sp->name, *e = s + sp->len;
    while (s < e && (*s == ' ' || *s == '\n' || *s == '\t'))
        s++;
    const char *last = NULL;
    for (const char *p = s; p + 1 < e; p++)
        if ((*p == ' ' || *p == '\n') && p[1] != ' ' && p[1] != '\n')
            last = p + 1;
    if (s < e) {
        size_t adv = first_char(sp->ini, &ilen, sizeof sp->ini, s, (size_t)(e - s));
        if (last)
            first_char(sp->ini, &ilen, sizeof sp->ini, last, (size_t)(e - last));
        else if (s + adv < e)
            first_char(sp->ini, &ilen, sizeof sp->ini, s + adv, (size_t)(e - s - adv));
    }
    if (ilen == 0)
        strcpy(sp->ini, "?");
    /* Two speakers with the same initials are told apart by a number: as many as the speakers before
     * whose initials begin with these (LH, LH2 ... for the third LH). */
    size_t same = (size_t)strmap_get(&pp->ini_prefix, sp->ini, strlen(sp->ini));
    if (same) {
        size_t l = strlen(sp->ini);
        if (l + 4 < sizeof sp->ini)
            sprintf(sp->ini + l, "%zu", same + 1 > 99 ? (size_t)99 : same + 1);
    }
    return count_prefixes(pp, sp->ini);
}

/* The index of the speaker called name (NULL for the uncredited), added when new; -1 on no memory. */
static long person(people *pp, const char *name, size_t len, const char *kind)
{
    if (name && len > MAX_NAME_BYTES)
        len = MAX_NAME_BYTES;
    uint64_t *at = NULL;
    if (!name) {
        if (pp->unnamed1)
            return (long)pp->unnamed1 - 1;
    } else {
        if (!(at = strmap_slot(&pp->names, name, len)))
            return -1;
        if (*at)
            return (long)*at - 1;
    }
    if (html_grow((void **)&pp->v, &pp->cap, pp->n, sizeof *pp->v))
        return -1;
    speaker *sp = &pp->v[pp->n];
    memset(sp, 0, sizeof *sp);
    sp->name = name;
    sp->len = len;
    sp->kind = kind;
    if (initials(sp, pp))
        return -1;
    if (at)
        *at = pp->n + 1;
    else
        pp->unnamed1 = pp->n + 1;
    return (long)pp->n++;
}

/* An unsigned count field whose name says it counts quotes ("quotes", "quote_count", "n_quotes"). */
static int quote_count(const pipe_layer_schema *s, const void *rec, size_t *out)
{
    for (size_t k = 0; s->fields[k].name; k++) {
        const pipe_field *f = &s->fields[k];
        if (!strstr(f->name, "quote"))
            continue;
        uint64_t v = 0;
        if (f->type == PIPE_FIELD_U16) {
            uint16_t x;
            memcpy(&x, (const char *)rec + f->offset, sizeof x);
            v = x;
        } else if (f->type == PIPE_FIELD_U32) {
            uint32_t x;
            memcpy(&x, (const char *)rec + f->offset, sizeof x);
            v = x;
        } else {
            continue;
        }
        *out = (size_t)v;
        return 1;
    }
    return 0;
}

/* The spans of a "mentions" field ("12-20 40-48", byte offsets) added to pp->m for speaker who. */
static int mentions(people *pp, const pipe_doc *doc, const void *rec, const pipe_field *f, size_t who)
{
    pipe_str str;
    memcpy(&str, (const char *)rec + f->offset, sizeof str);
    size_t len;
    const char *p = doc_str_get(doc, str, &len);
    const char *e = p ? p + len : NULL;
    while (p && p < e) {
        uint64_t a = 0, b = 0;
        int digits = 0;
        while (p < e && *p == ' ')
            p++;
        for (; p < e && *p >= '0' && *p <= '9' && a <= UINT32_MAX; p++, digits++)
            a = a * 10 + (uint64_t)(*p - '0');
        if (p >= e || *p != '-' || !digits)
            break; /* not the documented shape: show what was read so far */
        for (p++, digits = 0; p < e && *p >= '0' && *p <= '9' && b <= UINT32_MAX; p++, digits++)
            b = b * 10 + (uint64_t)(*p - '0');
        if (!digits || a > UINT32_MAX || b > UINT32_MAX)
            break;
        if (html_grow((void **)&pp->m, &pp->mcap, pp->nm, sizeof *pp->m))
            return -1;
        pp->m[pp->nm++] = (mention){(uint32_t)a, (uint32_t)b, who};
    }
    return 0;
}

/*
 * The speakers of a document: from the `speakers` layer when the document has
 * one (its name, kind and quote-count fields found by name), else from the
 * quotes' speaker names (and `speaker_kind`, when the quotes schema has it).
 * qsp[k] gets quote k's speaker index, -1 for a scare quote.
 */
static int gather_people(people *pp, const pipe_doc *doc, const layer_view *qv, long *qsp)
{
    layer_view sv = layer_view_find(doc, SPEAKERS_LAYER);
    if (sv.schema && sv.n) {
        const pipe_field *nf = layer_field_find(sv.schema, "name", PIPE_FIELD_STR);
        for (size_t k = 0; !nf && sv.schema->fields[k].name; k++)
            if (sv.schema->fields[k].type == PIPE_FIELD_STR)
                nf = &sv.schema->fields[k];
        const pipe_field *kf = layer_field_find(sv.schema, "kind", PIPE_FIELD_ENUM16);
        const pipe_field *mf = layer_field_find(sv.schema, "mentions", PIPE_FIELD_STR);
        pp->counted = 1;
        pp->mentioned = mf != NULL;
        for (size_t k = 0; nf && k < sv.n; k++) {
            const void *rec = layer_view_record(&sv, k);
            pipe_str s;
            memcpy(&s, (const char *)rec + nf->offset, sizeof s);
            size_t len;
            const char *name = doc_str_get(doc, s, &len);
            long i = person(pp, name, len, enum_name(rec, kf));
            if (i < 0)
                return -1;
            if (mf && mentions(pp, doc, rec, mf, (size_t)i))
                return -1;
            size_t c = 0;
            if (quote_count(sv.schema, rec, &c))
                pp->v[i].quotes = c;
            else
                pp->counted = 0;
        }
    }
    const pipe_field *skf = layer_field_find(qv->schema, "speaker_kind", PIPE_FIELD_ENUM16);
    const pipe_quote *q = (const pipe_quote *)qv->recs;
    for (size_t k = 0; k < qv->n; k++) {
        qsp[k] = -1;
        if (q[k].kind == PIPE_QUOTE_SCARE)
            continue;
        size_t len;
        const char *name = doc_str_get(doc, q[k].speaker, &len);
        long i = qsp[k] = person(pp, name, len, enum_name(&q[k], skf));
        if (i < 0)
            return -1;
        if (!pp->counted && q[k].level == 0)
            pp->v[i].quotes++;
    }
    return 0;
}

/* A speaker's colour class; the uncredited quotes are grey. */
static const char *colour(const people *pp, long i)
{
    static const char *const cls[HTML_COLOURS] = {"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"};
    return i < 0 || !pp->v[i].name ? "cu" : cls[i % HTML_COLOURS];
}

/* ---- marks over the text ------------------------------------------------------------------------------------ */

/* Mark types, outermost first on equal spans. */
typedef enum mark_type { M_SUM,
                         M_QUOTE,
                         M_SPK,
                         M_CUE,
                         M_MENTION,
                         M_GEN } mark_type;

/* What the article needs to open a mark's element. */
typedef struct render_ctx {
    const pipe_doc *doc;
    const char *anchor; /* the document's anchor, NUL-terminated */
    const people *pp;
    const layer_view *qv;      /* the quotes */
    const long *quote_speaker; /* per quote record: its speaker's index, -1 for none */
    const layer_view *gen;     /* the layer of M_GEN marks */
    buf tmp;
} render_ctx;

static int field_list(buf *out, render_ctx *c, const pipe_layer_schema *s, const void *rec)
{
    int rc = 0;
    size_t k = 0, first = 1;
    buf_clear(&c->tmp);
    for (const pipe_field *f; rc == 0 && (f = layer_next_field(s, &k)); first = 0) {
        rc |= buf_puts(&c->tmp, first ? "" : "; ");
        rc |= buf_puts(&c->tmp, f->name);
        rc |= buf_putc(&c->tmp, '=');
        rc |= json_field_value(&c->tmp, c->doc, rec, f);
    }
    return rc | html_esc_attr(out, c->tmp.data, c->tmp.len);
}

static int quote_tip(buf *out, render_ctx *c, const pipe_quote *q, const pipe_layer_schema *qs)
{
    size_t len;
    const char *name = doc_str_get(c->doc, q->speaker, &len);
    const char *kind = enum_name(q, layer_field_find(qs, "kind", PIPE_FIELD_ENUM16));
    int rc = buf_puts(out, " data-tip=\"");
    if (q->kind != PIPE_QUOTE_SCARE) {
        rc |= buf_puts(out, "Speaker: ");
        rc |= name ? html_esc_attr(out, name, len > MAX_NAME_BYTES ? MAX_NAME_BYTES : len) : buf_puts(out, "not found");
        rc |= buf_puts(out, "\nCue: ");
        const char *cue = layer_span_text(c->doc, q->cue_start, q->cue_end, &len);
        rc |= cue ? html_esc_attr(out, cue, len) : buf_puts(out, "none");
        rc |= buf_puts(out, "\n");
    }
    rc |= buf_puts(out, "Kind: ");
    rc |= kind ? html_esc_attr(out, kind, strlen(kind)) : buf_put_u64(out, q->kind);
    if (q->kind == PIPE_QUOTE_SCARE)
        rc |= buf_puts(out, " (a term or scare quote, not speech)");
    if (q->level)
        rc |= buf_puts(out, ", nested level ") | buf_put_u64(out, q->level);
    return rc | buf_putc(out, '"');
}

static int open_mark(buf *out, void *ctx, html_mark *m)
{
    render_ctx *c = ctx;
    int first = !m->opened, rc = 0;
    m->opened = 1;
    switch ((mark_type)m->type) {
    case M_SUM:
        rc |= buf_puts(out, "<mark class=\"sum\"");
        if (first) {
            rc |= buf_puts(out, " id=\"") | buf_puts(out, c->anchor) | buf_puts(out, "-s") | buf_put_u64(out, m->idx + 1);
            rc |= buf_puts(out, "\" data-rank=\"S") | buf_put_u64(out, m->idx + 1) | buf_putc(out, '"');
        }
        return rc | buf_putc(out, '>');
    case M_QUOTE: {
        const pipe_quote *q = (const pipe_quote *)c->qv->recs + m->idx;
        long sp = c->quote_speaker[m->idx];
        const char *cls = colour(c->pp, sp);
        rc |= buf_puts(out, "<span class=\"q ") | buf_puts(out, q->kind == PIPE_QUOTE_SCARE ? "scare" : cls);
        rc |= buf_puts(out, "\" data-q=\"") | buf_put_u64(out, m->idx) | buf_putc(out, '"');
        if (q->kind != PIPE_QUOTE_SCARE && sp >= 0)
            rc |= buf_puts(out, " data-sp=\"") | buf_put_u64(out, (uint64_t)sp) | buf_putc(out, '"');
        if (first && q->kind != PIPE_QUOTE_SCARE) {
            rc |= buf_puts(out, " data-ini=\"");
            const char *ini = sp >= 0 ? c->pp->v[sp].ini : "?";
            rc |= html_esc_attr(out, ini, strlen(ini));
            rc |= buf_putc(out, '"');
        }
        rc |= quote_tip(out, c, q, c->qv->schema);
        return rc | buf_puts(out, first ? " tabindex=\"0\">" : ">");
    }
    case M_MENTION:
        return buf_puts(out, "<span class=\"spk ") | buf_puts(out, colour(c->pp, (long)m->idx)) | buf_puts(out, "\">");
    case M_SPK:
        return buf_puts(out, "<span class=\"spk ") | buf_puts(out, colour(c->pp, c->quote_speaker[m->idx])) | buf_puts(out, "\">");
    case M_CUE:
        return buf_puts(out, "<span class=\"cue\">");
    case M_GEN: {
        const void *rec = layer_view_record(c->gen, m->idx);
        rc |= buf_puts(out, m->idx % 2 ? "<mark class=\"g alt\"" : "<mark class=\"g\"");
        if (c->gen->schema->fields[0].name) {
            rc |= buf_puts(out, " title=\"");
            rc |= field_list(out, c, c->gen->schema, rec);
            rc |= buf_putc(out, '"');
        }
        return rc | buf_putc(out, '>');
    }
    }
    return -1;
}

static int close_mark(buf *out, const html_mark *m)
{
    return buf_puts(out, m->type == M_SUM || m->type == M_GEN ? "</mark>" : "</span>");
}

/* The document's text with the marks, drawn by open_mark and close_mark. */
static int draw(buf *out, render_ctx *c, html_marks *m)
{
    size_t len;
    const char *text = doc_get_text(c->doc, &len);
    html_mark_ops ops = {open_mark, close_mark, c};
    return html_render(out, text, len, m, &ops);
}

/* ---- the sections of a document ----------------------------------------------------------------------------- */

static int summary_list(buf *out, const pipe_doc *doc, const char *anc, const layer_view *sv)
{
    int rc = buf_puts(out, "<section><h3>Summary</h3>");
    if (sv->n == 0)
        return rc | buf_puts(out, "<p class=\"note\">No summary sentences.</p></section>\n");
    rc |= buf_puts(out, "<ol class=\"sum\">");
    for (size_t k = 0; k < sv->n && rc == 0; k++) {
        uint32_t s, e;
        layer_record_span(layer_view_record(sv, k), &s, &e);
        size_t len;
        const char *t = layer_span_text(doc, s, e, &len);
        rc |= buf_puts(out, "<li><a href=\"#") | buf_puts(out, anc) | buf_puts(out, "-s") | buf_put_u64(out, k + 1);
        rc |= buf_puts(out, "\">");
        rc |= t ? html_esc_text(out, t, len) : 0;
        rc |= buf_puts(out, "</a></li>");
    }
    return rc | buf_puts(out, "</ol></section>\n");
}

static int who_table(buf *out, const people *pp, const layer_view *qv)
{
    size_t scare = 0, nested = 0;
    const pipe_quote *q = (const pipe_quote *)qv->recs;
    for (size_t k = 0; k < qv->n; k++) {
        scare += q[k].kind == PIPE_QUOTE_SCARE;
        nested += q[k].kind != PIPE_QUOTE_SCARE && q[k].level > 0;
    }
    int rc = buf_puts(out, "<section><h3>Who said what</h3>");
    if (pp->n == 0) {
        rc |= buf_puts(out, "<p class=\"note\">No speech quotes.</p>");
    } else {
        rc |= buf_puts(out, "<table class=\"who\"><thead><tr><th scope=\"col\">Speaker (press to show only their "
                            "quotes)</th><th scope=\"col\">Kind</th><th scope=\"col\" class=\"num\">Quotes</th>"
                            "</tr></thead><tbody>");
        for (size_t k = 0; k < pp->n && rc == 0; k++) {
            const speaker *sp = &pp->v[k];
            rc |= buf_printf(out, "<tr><td><button type=\"button\" class=\"flt\" data-sp=\"%zu\" aria-pressed=\"false\">"
                                  "<span class=\"ini %s\" aria-hidden=\"true\">",
                             k, colour(pp, (long)k));
            rc |= esc_str(out, sp->ini);
            rc |= buf_puts(out, "</span>");
            rc |= sp->name ? html_esc_text(out, sp->name, sp->len) : buf_puts(out, "<i>not attributed</i>");
            rc |= buf_puts(out, "</button></td><td>");
            rc |= esc_str(out, sp->kind ? sp->kind : "not given");
            rc |= buf_puts(out, "</td><td class=\"num\">") | buf_put_u64(out, sp->quotes) | buf_puts(out, "</td></tr>");
        }
        rc |= buf_puts(out, "</tbody></table>");
    }
    if (scare || nested) {
        rc |= buf_puts(out, "<p class=\"note\">");
        if (nested)
            rc |= buf_put_u64(out, nested) |
                  buf_puts(out, nested == 1 ? " nested quote (inside another, not counted above). " : " nested quotes (inside others, not counted above). ");
        if (scare)
            rc |= buf_put_u64(out, scare) |
                  buf_puts(out, scare == 1 ? " term or scare quote, shown with a dashed outline." : " term or scare quotes, shown with a dashed outline.");
        rc |= buf_puts(out, "</p>");
    }
    return rc | buf_puts(out, "</section>\n");
}

static int article(buf *out, render_ctx *c, const layer_view *sv, const layer_view *qv)
{
    size_t len;
    doc_get_text(c->doc, &len);
    html_marks m = {0};
    int rc = 0;
    for (size_t k = 0; k < sv->n && rc == 0; k++) {
        uint32_t s, e;
        layer_record_span(layer_view_record(sv, k), &s, &e);
        rc |= html_marks_add(&m, s, e, M_SUM, k, len);
    }
    for (size_t k = 0; k < c->pp->nm && rc == 0; k++)
        rc |= html_marks_add(&m, c->pp->m[k].start, c->pp->m[k].end, M_MENTION, c->pp->m[k].who, len);
    const pipe_quote *q = (const pipe_quote *)qv->recs;
    for (size_t k = 0; k < qv->n && rc == 0; k++) {
        rc |= html_marks_add(&m, q[k].start, q[k].end, M_QUOTE, k, len);
        if (q[k].kind == PIPE_QUOTE_SCARE)
            continue;
        if (!c->pp->mentioned) /* else the speakers layer lists this mention and every other */
            rc |= html_marks_add(&m, q[k].speaker_start, q[k].speaker_end, M_SPK, k, len);
        rc |= html_marks_add(&m, q[k].cue_start, q[k].cue_end, M_CUE, k, len);
    }
    rc |= buf_puts(out, "<section><h3>Article</h3><div class=\"text\">\n");
    rc |= rc ? 0 : draw(out, c, &m);
    free(m.v);
    return rc | buf_puts(out, "</div></section>\n");
}

/* Any other layer, from its schema alone: its spans marked in a copy of the text, fields in each span's title. */
static int generic(buf *out, render_ctx *c, pipe_layer_id id)
{
    layer_view v = layer_view_of(c->doc, id);
    size_t len;
    doc_get_text(c->doc, &len);
    int rc = buf_puts(out, "<details class=\"layer\"><summary>");
    rc |= esc_str(out, v.schema->name);
    rc |= buf_puts(out, ": ") | buf_put_u64(out, v.n) | buf_puts(out, v.n == 1 ? " record" : " records");
    if (v.schema->description) {
        rc |= buf_puts(out, " <span class=\"note\">(");
        rc |= esc_str(out, v.schema->description);
        rc |= buf_puts(out, ")</span>");
    }
    rc |= buf_puts(out, "</summary><div class=\"text\">\n");
    html_marks m = {0};
    for (size_t k = 0; k < v.n && rc == 0; k++) {
        uint32_t s, e;
        layer_record_span(layer_view_record(&v, k), &s, &e);
        rc |= html_marks_add(&m, s, e, M_GEN, k, len);
    }
    c->gen = &v;
    rc |= rc ? 0 : draw(out, c, &m);
    c->gen = NULL;
    free(m.v);
    rc |= buf_puts(out, "</div>");
    /* The first records' fields as a table too: a title shows on hover only, a table to everyone. */
    rc |= buf_puts(out, "<table class=\"who\"><thead><tr><th scope=\"col\">span</th><th scope=\"col\">fields</th>"
                        "</tr></thead><tbody>");
    for (size_t k = 0; k < v.n && k < GENERIC_ROWS && rc == 0; k++) {
        const void *rec = layer_view_record(&v, k);
        uint32_t s, e;
        layer_record_span(rec, &s, &e);
        rc |= buf_puts(out, "<tr><td>") | buf_put_u64(out, s) | buf_puts(out, "&ndash;") | buf_put_u64(out, e);
        rc |= buf_puts(out, "</td><td>");
        rc |= field_list(out, c, v.schema, rec);
        rc |= buf_puts(out, "</td></tr>");
    }
    rc |= buf_puts(out, "</tbody></table>");
    if (v.n > GENERIC_ROWS)
        rc |= buf_puts(out, "<p class=\"note\">") | buf_put_u64(out, v.n - GENERIC_ROWS) |
              buf_puts(out, " more records: see -f json.</p>");
    return rc | buf_puts(out, "</details>\n");
}

static int counts(buf *out, const pipe_doc *doc, const write_opts *o)
{
    int rc = buf_puts(out, "<section><h3>Layers</h3><ul>");
    for (size_t k = 0; k < o->nall && rc == 0; k++) {
        layer_view v = layer_view_of(doc, o->all[k]);
        rc |= buf_puts(out, "<li>");
        rc |= esc_str(out, v.schema->name);
        rc |= buf_puts(out, ": ") | buf_put_u64(out, v.n) | buf_puts(out, "</li>");
    }
    return rc | buf_puts(out, "</ul></section>\n");
}

/*
 * Layers the report shows in its own way: quotes, summary and speakers in
 * their sections, tokens and sentences as counts (a second copy of the text
 * marked sentence by sentence doubled the page and made it slower to write
 * than the JSON). Every other layer is a plugin's: shown from its schema.
 */
static int shown_apart(const char *name)
{
    return strcmp(name, PIPE_LAYER_QUOTES) == 0 || strcmp(name, PIPE_LAYER_SUMMARY) == 0 ||
           strcmp(name, SPEAKERS_LAYER) == 0 || strcmp(name, PIPE_LAYER_TOKENS) == 0 ||
           strcmp(name, PIPE_LAYER_SENTENCES) == 0;
}

/*
 * A JSON Lines input's id value and carried members (the document's extra
 * text, as written) scanned as one object {"id":...}; 0 when it is there.
 */
static int scan_input(const pipe_doc *doc, buf *obj, jscan *sc)
{
    const char *extra = doc_extra(doc);
    if (!extra)
        return 1;
    if (buf_puts(obj, "{\"id\":") | buf_puts(obj, extra) | buf_putc(obj, '}'))
        return -1;
    if (jscan_line(sc, obj->data, obj->len) != 0 || !sc->is_object || jscan_names(sc, obj->data) != 0)
        return 1;
    return 0;
}

/* The "title" member, shown above the article (the id alone says little); then every member but the id. */
static int input_fields(buf *out, const pipe_doc *doc, int want_title)
{
    buf obj = {0}, t = {0};
    jscan sc = {0};
    int rc = 0, got = scan_input(doc, &obj, &sc);
    if (got < 0)
        rc = -1;
    for (size_t k = 1; got == 0 && want_title && k < sc.n; k++) {
        const jscan_member *m = &sc.m[k];
        if (!jscan_name_is(&sc, k, "title") || obj.data[m->val] != '"')
            continue;
        rc |= jscan_decode(&t, obj.data + m->val + 1, m->val_len - 2) | buf_putc(&t, '\0');
        rc |= buf_puts(out, "<p class=\"title\">") | esc_str(out, t.data) | buf_puts(out, "</p>\n");
        break;
    }
    if (got == 0 && !want_title && sc.n > 1) {
        size_t from = sc.m[1].key - 1; /* the second member's opening quote */
        rc |= buf_add(&t, obj.data + from, obj.len - 1 - from) | buf_putc(&t, '\0');
        rc |= buf_puts(out, "<details class=\"layer\"><summary>Input fields</summary><pre class=\"extra\">{");
        rc |= esc_str(out, t.data);
        rc |= buf_puts(out, "}</pre></details>\n");
    }
    jscan_free(&sc);
    buf_free(&t);
    buf_free(&obj);
    return rc;
}

static int failed_doc(buf *out, const pipe_doc *doc, const char *anc)
{
    const char *stage = doc_error_stage(doc), *msg = doc_error_message(doc);
    int rc = buf_printf(out, "<details class=\"doc failed\" id=\"%s\"><summary class=\"row\"><h2>", anc);
    rc |= esc_str(out, doc_get_id(doc));
    rc |= buf_puts(out, "</h2><span class=\"err\">failed</span><span class=\"n\"></span><span class=\"lead\">stage ");
    rc |= esc_str(out, stage);
    rc |= buf_puts(out, "</span></summary><div class=\"body\"><p class=\"err\">Stage ");
    rc |= esc_str(out, stage);
    rc |= buf_puts(out, " failed: ");
    rc |= esc_str(out, msg ? msg : "");
    return rc | buf_puts(out, "</p></div></details>\n");
}

int html_write_doc(buf *out, const pipe_doc *doc, const write_opts *o)
{
    buf anc = {0};
    if (html_anchor(&anc, doc_get_id(doc)))
        return -1;
    if (doc_error_stage(doc)) {
        int rc = failed_doc(out, doc, anc.data);
        buf_free(&anc);
        return rc;
    }
    /* --layers none still fills the index line: it is the counts that mode is for. */
    int want_q = o->counts_only || layer_wanted(o, doc, PIPE_LAYER_QUOTES);
    int want_s = o->counts_only || layer_wanted(o, doc, PIPE_LAYER_SUMMARY);
    layer_view qv = layer_view_find(doc, PIPE_LAYER_QUOTES), sv = layer_view_find(doc, PIPE_LAYER_SUMMARY);
    if (!want_q)
        qv.n = 0;
    if (!want_s)
        sv.n = 0;
    people pp = {0};
    long *qsp = calloc(qv.n + 1, sizeof *qsp);
    int rc = qsp ? gather_people(&pp, doc, &qv, qsp) : -1;
    size_t speech = 0, named = 0;
    const pipe_quote *q = (const pipe_quote *)qv.recs;
    for (size_t k = 0; k < qv.n; k++)
        speech += q[k].kind != PIPE_QUOTE_SCARE && q[k].level == 0;
    for (size_t k = 0; k < pp.n; k++)
        named += pp.v[k].name != NULL;
    size_t len;
    doc_get_text(doc, &len);

    /* The index line. */
    rc |= buf_puts(out, "<details class=\"doc\" id=\"") | buf_puts(out, anc.data);
    rc |= buf_puts(out, "\"><summary class=\"row\"><h2>");
    rc |= esc_str(out, doc_get_id(doc));
    rc |= buf_puts(out, "</h2><span class=\"n\">") | buf_put_u64(out, speech) |
          buf_puts(out, speech == 1 ? " quote" : " quotes");
    rc |= buf_puts(out, "</span><span class=\"n\">") | buf_put_u64(out, named) |
          buf_puts(out, named == 1 ? " speaker" : " speakers");
    rc |= buf_puts(out, "</span><span class=\"lead\">");
    if (sv.n) {
        uint32_t s, e;
        layer_record_span(layer_view_record(&sv, 0), &s, &e);
        size_t tl;
        const char *t = layer_span_text(doc, s, e, &tl);
        rc |= t ? html_esc_text(out, t, tl) : 0;
    }
    rc |= buf_puts(out, "</span></summary>\n<div class=\"body\">");

    /* The document. */
    rc |= input_fields(out, doc, 1);
    rc |= buf_puts(out, "<p class=\"meta\">") | buf_put_u64(out, len) | buf_puts(out, " bytes");
    for (size_t k = 0; k < o->nlayers && !o->counts_only; k++) {
        layer_view v = layer_view_of(doc, o->layers[k]);
        if (strcmp(v.schema->name, PIPE_LAYER_SENTENCES) == 0 || strcmp(v.schema->name, PIPE_LAYER_TOKENS) == 0) {
            rc |= buf_puts(out, " \xC2\xB7 ") | buf_put_u64(out, v.n) | buf_putc(out, ' ');
            rc |= buf_puts(out, v.schema->name); /* a built-in name: plain ASCII */
        }
    }
    rc |= buf_puts(out, "</p>\n");
    if (o->counts_only) {
        rc |= counts(out, doc, o);
    } else {
        if (want_s)
            rc |= summary_list(out, doc, anc.data, &sv);
        if (want_q)
            rc |= who_table(out, &pp, &qv);
        render_ctx c = {doc, anc.data, &pp, &qv, qsp, NULL, {0}};
        rc |= rc ? 0 : article(out, &c, &sv, &qv);
        int others = 0;
        for (size_t k = 0; k < o->nlayers && rc == 0; k++) {
            if (shown_apart(registry_schema(doc_registry(doc), o->layers[k])->name))
                continue;
            rc |= others++ ? 0 : buf_puts(out, "<section><h3>Other layers</h3>\n");
            rc |= generic(out, &c, o->layers[k]);
        }
        rc |= others ? buf_puts(out, "</section>\n") : 0;
        buf_free(&c.tmp);
    }
    rc |= input_fields(out, doc, 0);
    rc |= buf_puts(out, "</div></details>\n");
    free(qsp);
    free(pp.v);
    free(pp.m);
    strmap_free(&pp.names);
    strmap_free(&pp.ini_prefix);
    buf_free(&anc);
    return rc ? -1 : 0;
}

/* ---- the page ----------------------------------------------------------------------------------------------- */

static int join(buf *b, const char *const *parts)
{
    int rc = 0;
    for (size_t k = 0; parts[k]; k++)
        rc |= buf_puts(b, parts[k]);
    return rc;
}

int html_begin(output *out)
{
    buf css = {0}, js = {0}, b = {0};
    int rc = join(&css, html_css) | join(&js, html_js);
    char hcss[45], hjs[45];
    sha256_base64(css.data, css.len, hcss);
    sha256_base64(js.data, js.len, hjs);
    rc |= buf_printf(&b,
                     "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                     "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                     "style-src 'sha256-%s'; script-src 'sha256-%s'; img-src 'none'; base-uri 'none'; "
                     "form-action 'none'\">\n"
                     "<meta name=\"referrer\" content=\"no-referrer\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>pipe report</title>\n<style>",
                     hcss, hjs);
    rc |= buf_add(&b, css.data, css.len);
    rc |= buf_puts(&b, "</style>\n</head><body>\n<header class=\"top\"><h1>pipe report</h1>"
                       "<p class=\"legend\">Each line is one document: press it to open the article. Speech "
                       "quotes are tinted in their speaker's colour and begin with the speaker's initials; the "
                       "speaker's name is underlined, the cue verb dotted; term and scare quotes have a dashed "
                       "outline. Summary sentences are highlighted and numbered S1, S2, &hellip; Tab moves "
                       "from quote to quote and shows who said it.</p></header>\n<main>\n");
    if (!rc)
        rc = output_write(out, b.data, b.len);
    buf_free(&css);
    buf_free(&js);
    buf_free(&b);
    return rc ? -1 : 0;
}

int html_end(output *out, uint64_t docs, uint64_t failed)
{
    buf js = {0}, b = {0};
    int rc = join(&js, html_js);
    rc |= buf_puts(&b, "</main>\n<footer><p>") | buf_put_u64(&b, docs) |
          buf_puts(&b, docs == 1 ? " document" : " documents");
    if (failed)
        rc |= buf_puts(&b, ", ") | buf_put_u64(&b, failed) | buf_puts(&b, " failed");
    rc |= buf_puts(&b, ". Written by pipe.</p></footer>\n<script>");
    rc |= buf_add(&b, js.data, js.len);
    rc |= buf_puts(&b, "</script>\n</body></html>\n");
    if (!rc)
        rc = output_write(out, b.data, b.len);
    buf_free(&js);
    buf_free(&b);
    return rc ? -1 : 0;
}
