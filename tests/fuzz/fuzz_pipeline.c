/*
 * Fuzz the whole default pipeline on arbitrary bytes: no crash, no hang, every
 * span inside the text, tokens and sentences ordered and disjoint, and the JSON
 * written for the document valid UTF-8 that parses.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static harness *h;

static void check_spans(const pipe_doc *d, const char *layer, size_t rec_size, int ordered, size_t len)
{
    size_t n;
    const char *r = harness_layer(h, d, layer, &n);
    uint32_t prev_end = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t se[2];
        memcpy(se, r + k * rec_size, sizeof se);
        if (se[0] > se[1] || se[1] > len)
            abort();
        if (ordered && se[0] < prev_end)
            abort();
        prev_end = se[1];
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!h) {
        setenv("PIPE_SOURCE_DIR", PIPE_SOURCE_DIR, 0);
        setenv("PIPE_BINARY_DIR", PIPE_BINARY_DIR, 0);
        size_t len;
        char *conf = harness_read_file("conf/pipeline.conf", &len);
        if (!conf || !(h = harness_new(conf)))
            abort();
        free(conf);
    }
    pipe_doc *d = harness_run_n(h, (const char *)data, size);
    if (!d)
        return 0;
    check_spans(d, "tokens", sizeof(pipe_token), 1, size);
    check_spans(d, "sentences", sizeof(pipe_sentence), 1, size);
    check_spans(d, "quotes", sizeof(pipe_quote), 0, size);
    check_spans(d, "summary", sizeof(pipe_summary), 1, size);
    char *json = harness_json(h, d);
    if (!json || utf8_valid_prefix(json, strlen(json)) != strlen(json))
        abort();
    json_t *back = json_loads(json, JSON_ALLOW_NUL, NULL);
    if (!back)
        abort();
    json_decref(back);
    free(json);
    harness_doc_free(d);
    return 0;
}
