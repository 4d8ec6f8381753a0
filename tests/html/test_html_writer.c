/* The HTML writer without a browser: the CSP digest, the speakers layer taking over the table, marks that cross. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "doc/doc.h"
#include "output/html_writer.h"
#include "doc/layer_registry.h"
#include "output/sha256.h"

static void test_sha256(void **st)
{
    (void)st;
    char out[45];
    static char thousand[1000];
    memset(thousand, 'a', sizeof thousand);
    /* FIPS 180-4 examples and a length that needs two final blocks, against Python's hashlib. */
    sha256_base64("", 0, out);
    assert_string_equal(out, "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    sha256_base64("abc", 3, out);
    assert_string_equal(out, "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    sha256_base64("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, out);
    assert_string_equal(out, "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=");
    sha256_base64(thousand, sizeof thousand, out);
    assert_string_equal(out, "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=");
}

/*
 * A speakers layer shaped as the who-said-what work describes it: name,
 * kind, quote count, mentions. Registered here while the core has none; once
 * the core registers its own, the test writes that one's records, through
 * its schema's field offsets, as the writer reads them.
 */
typedef struct speaker_rec {
    uint32_t start, end;
    pipe_str name;
    pipe_str mentions; /* "start-end start-end" */
    uint32_t quotes;
    uint16_t kind;
} speaker_rec;
static const char *const speaker_kinds[] = {"person", "organisation", "description", "unknown", NULL};
static const pipe_field speaker_fields[] = {
    {"name", PIPE_FIELD_STR, offsetof(speaker_rec, name), NULL, 0},
    {"kind", PIPE_FIELD_ENUM16, offsetof(speaker_rec, kind), speaker_kinds, 0},
    {"quotes", PIPE_FIELD_U32, offsetof(speaker_rec, quotes), NULL, 0},
    {"mentions", PIPE_FIELD_STR, offsetof(speaker_rec, mentions), NULL, 0},
    PIPE_FIELD_END};
static const pipe_layer_schema speakers_schema = {PIPE_SCHEMA_HEADER, "speakers", "who speaks",
                                                  sizeof(speaker_rec), 0, speaker_fields};

static const char article[] = "\"We are ready,\" said Jane Roe.\n\n\"Not yet,\" the office said. She <b>agreed</b>.";
/* Offsets: the quotes [0,15) and [32,42), Jane Roe [21,29), the office [43,53), She [60,63). */

typedef struct fixture {
    registry reg;
    pipe_layer_id q, s, sp;
    pipe_doc *doc;
    buf out;
} fixture;

static void put_field(fixture *f, char *rec, const char *name, pipe_field_type type, const void *v, size_t n)
{
    const pipe_layer_schema *s = registry_schema(&f->reg, f->sp);
    for (size_t k = 0; s->fields[k].name; k++)
        if (strcmp(s->fields[k].name, name) == 0) {
            assert_int_equal(s->fields[k].type, type);
            memcpy(rec + s->fields[k].offset, v, n);
            return;
        }
    fail_msg("the speakers layer has no field %s", name);
}

/* Speaker record k, written through the layer's schema. */
static void put_speaker(fixture *f, size_t k, uint32_t start, uint32_t end, const char *name, const char *kind,
                        uint32_t quotes, const char *mentions)
{
    const pipe_layer_schema *s = registry_schema(&f->reg, f->sp);
    char *rec = (char *)doc_layer_append(f->doc, f->sp, 1);
    assert_non_null(rec);
    assert_int_equal(rec, (const char *)doc_layer_records(f->doc, f->sp, &(size_t){0}) + k * s->record_size);
    memset(rec, 0, s->record_size);
    uint32_t se[2] = {start, end};
    memcpy(rec, se, sizeof se);
    pipe_str str;
    assert_int_equal(doc_str_add(f->doc, name, strlen(name), &str), 0);
    put_field(f, rec, "name", PIPE_FIELD_STR, &str, sizeof str);
    assert_int_equal(doc_str_add(f->doc, mentions, strlen(mentions), &str), 0);
    put_field(f, rec, "mentions", PIPE_FIELD_STR, &str, sizeof str);
    put_field(f, rec, "quotes", PIPE_FIELD_U32, &quotes, sizeof quotes);
    const pipe_field *kf = NULL;
    for (size_t i = 0; s->fields[i].name; i++)
        if (strcmp(s->fields[i].name, "kind") == 0)
            kf = &s->fields[i];
    assert_non_null(kf);
    uint16_t v = 0;
    while (kf->names[v] && strcmp(kf->names[v], kind) != 0)
        v++;
    assert_non_null(kf->names[v]);
    put_field(f, rec, "kind", PIPE_FIELD_ENUM16, &v, sizeof v);
}

/* The article with two quotes (Jane Roe; the office) and one summary sentence that crosses a paragraph break. */
static void make(fixture *f, int with_speakers)
{
    char err[256];
    memset(f, 0, sizeof *f);
    assert_int_equal(registry_init(&f->reg), 0);
    assert_int_equal(registry_find(&f->reg, "quotes", &f->q), PIPE_OK);
    assert_int_equal(registry_find(&f->reg, "summary", &f->s), PIPE_OK);
    if (with_speakers && registry_find(&f->reg, "speakers", &f->sp) != PIPE_OK)
        assert_int_equal(registry_add(&f->reg, &speakers_schema, "test", &f->sp, err, sizeof err), PIPE_OK);
    char *text = strdup(article);
    f->doc = doc_new(&f->reg, "doc<1>", text, sizeof article - 1);
    assert_non_null(f->doc);
    pipe_quote *q = doc_layer_append(f->doc, f->q, 2);
    memset(q, 0, 2 * sizeof *q);
    /* Fields by name: the quotes record gains fields at its end (speaker_kind, in the who-said-what work). */
    q[0].start = 0, q[0].end = 15, q[0].content_start = 1, q[0].content_end = 14;
    q[0].speaker_start = 21, q[0].speaker_end = 29, q[0].cue_start = 16, q[0].cue_end = 20;
    q[1].start = 32, q[1].end = 42, q[1].content_start = 33, q[1].content_end = 41;
    q[1].speaker_start = 43, q[1].speaker_end = 53, q[1].cue_start = 54, q[1].cue_end = 58;
    q[0].kind = q[1].kind = PIPE_QUOTE_DIRECT;
    assert_int_equal(doc_str_add(f->doc, "Jane Roe", 8, &q[0].speaker), 0);
    assert_int_equal(doc_str_add(f->doc, "the office", 10, &q[1].speaker), 0);
    pipe_summary *s = doc_layer_append(f->doc, f->s, 1);
    *s = (pipe_summary){16, 38, 0, 1, 1.0}; /* "said Jane Roe.\n\n\"Not y": crosses quote ends and starts */
    if (with_speakers) {
        /* Jane Roe is also "She"; a malformed tail is ignored, not a crash. */
        put_speaker(f, 0, 21, 29, "Jane Roe", "person", 7, "21-29 60-63 99999999999-1 x");
        put_speaker(f, 1, 43, 53, "the office", "description", 1, "43-53");
    }
    pipe_layer_id layers[3] = {f->q, f->s, f->sp};
    write_opts o = {layers, with_speakers ? 3u : 2u, 0, layers, with_speakers ? 3u : 2u, TEXT_AUTO, 0};
    assert_int_equal(html_write_doc(&f->out, f->doc, &o), 0);
    assert_non_null(f->out.data);
}

static void unmake(fixture *f)
{
    doc_free(f->doc);
    registry_free(&f->reg);
    buf_free(&f->out);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* Every <p>, <span>, <mark>, <details> ... closes in the order it opened. */
static void assert_nested(const char *html)
{
    const char *stack[64];
    size_t depth = 0;
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        if (p[1] == '/') {
            assert_true(depth > 0);
            const char *name = stack[--depth];
            size_t len = strcspn(name, " >");
            if (strncmp(p + 2, name, len) != 0 || p[2 + len] != '>')
                fail_msg("</%.*s> closes <%.*s> near: %.60s", (int)strcspn(p + 2, ">"), p + 2, (int)len, name, p);
        } else if (strncmp(p + 1, "br", 2) != 0) {
            assert_true(depth < 64);
            stack[depth++] = p + 1;
        }
    }
    assert_int_equal(depth, 0);
}

static void test_table_from_quotes(void **st)
{
    (void)st;
    fixture f;
    make(&f, 0);
    const char *h = f.out.data;
    /* No speakers records: names from the quotes, one quote each, kind not known (or the quotes' own 0). */
    const char *kind = "not given";
    const pipe_layer_schema *qs = registry_schema(&f.reg, f.q);
    for (size_t k = 0; qs->fields[k].name; k++)
        if (strcmp(qs->fields[k].name, "speaker_kind") == 0)
            kind = qs->fields[k].names[0];
    char want[200];
    snprintf(want, sizeof want, "JR</span>Jane Roe</button></td><td>%s</td><td class=\"num\">1</td>", kind);
    assert_non_null(strstr(h, want));
    snprintf(want, sizeof want, "TO</span>the office</button></td><td>%s</td><td class=\"num\">1</td>", kind);
    assert_non_null(strstr(h, want));
    assert_nested(h);
    unmake(&f);
}

static void test_table_from_speakers_layer(void **st)
{
    (void)st;
    fixture f;
    make(&f, 1);
    const char *h = f.out.data;
    /* The layer wins: its kinds and its counts (7 is not what the quotes alone would give). */
    assert_non_null(strstr(h, "Jane Roe</button></td><td>person</td><td class=\"num\">7</td>"));
    assert_non_null(strstr(h, "the office</button></td><td>description</td><td class=\"num\">1</td>"));
    /* Every mention it lists is underlined in its speaker's colour, the pronoun too, each once. */
    assert_int_equal(count(h, "<span class=\"spk c0\">Jane Roe</span>"), 1);
    assert_int_equal(count(h, "<span class=\"spk c0\">She</span>"), 1);
    assert_int_equal(count(h, "<span class=\"spk c1\">the office</span>"), 1);
    assert_int_equal(count(h, "class=\"spk "), 3);
    /* Its own records are not repeated in the generic section. */
    assert_null(strstr(h, "<details class=\"layer\"><summary>speakers"));
    assert_nested(h);
    unmake(&f);
}

static void test_crossing_marks(void **st)
{
    (void)st;
    fixture f;
    make(&f, 0);
    const char *h = f.out.data;
    assert_nested(h);
    /* The summary sentence is cut by the paragraph break: two fragments, one anchor, one rank badge. */
    assert_int_equal(count(h, "<mark class=\"sum\""), 2);
    assert_int_equal(count(h, "id=\"d-doc_3C1_3E-s1\""), 1);
    assert_int_equal(count(h, "data-rank="), 1);
    /* The second quote starts inside the summary sentence and outlives it: reopened once, focusable once. */
    assert_int_equal(count(h, "data-q=\"1\""), 2);
    assert_int_equal(count(h, "data-q=\"1\" data-sp=\"1\" data-ini=\"TO\""), 1);
    assert_int_equal(count(h, "tabindex=\"0\""), 2);
    /* The document's own markup is text; the id is escaped in the heading and encoded in the anchor. */
    assert_non_null(strstr(h, "She &lt;b&gt;agreed&lt;/b&gt;."));
    assert_non_null(strstr(h, "<h2>doc&lt;1&gt;</h2>"));
    unmake(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_table_from_quotes),
        cmocka_unit_test(test_table_from_speakers_layer),
        cmocka_unit_test(test_crossing_marks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
