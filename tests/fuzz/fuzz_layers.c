/*
 * fuzz_layers: hostile layers for the bundled stages' engines. The host
 * guarantees only the layer contract of pipe/layers.h (spans inside the
 * text, start <= end, sorted by start, enum values named, indexes in
 * range); this target builds layers that keep exactly that and nothing
 * more (empty tokens at offset 0, overlapping and nested spans, tokens
 * that disagree with the text, sentences whose spans do not match their
 * tokens) and runs the sentence splitter, the quote finder and the
 * summarizer over them. Any out-of-bounds read is an ASan crash.
 *
 * Input: byte 0 picks options; then 5 bytes per token (start delta,
 * length, kind, flags x2) up to a separator 0xFF 0xFF; then 4 bytes per
 * sentence (first token, token count, span delta, length); the rest is
 * the text, which the engines get NUL-terminated as the host gives it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotefind.h"
#include "sentsplit.h"
#include "summarize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_RECS 512

static const sentsplit_lexicon *sent_lexicon(void)
{
    static sentsplit_lexicon *lex;
    char err[512];
    if (!lex) {
        lex = sentsplit_lexicon_new();
        if (!lex || sentsplit_lexicon_load_dir(lex, PIPE_SOURCE_DIR "/conf", err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            abort();
        }
    }
    return lex;
}

static qf_finder *finder(void)
{
    static qf_lexicon *lex;
    static qf_finder *f;
    char err[512];
    if (!f) {
        if (qf_lexicon_load_dir(&lex, PIPE_SOURCE_DIR "/conf", err, sizeof err) || !(f = qf_finder_new(lex))) {
            fprintf(stderr, "%s\n", err);
            abort();
        }
    }
    return f;
}

static pipe_summarizer *summarizer(void)
{
    static pipe_summarizer *s;
    char err[256];
    if (!s) {
        pipe_summarize_opts o;
        pipe_summarize_opts_init(&o);
        o.stopwords_path = PIPE_SOURCE_DIR "/conf/stopwords-en.txt";
        o.boilerplate_path = PIPE_SOURCE_DIR "/conf/summarizer-boilerplate-en.txt";
        o.openers_path = PIPE_SOURCE_DIR "/conf/summarizer-openers-en.txt";
        o.weights_path = PIPE_SOURCE_DIR "/conf/summarizer-weights-en.txt";
        if (!(s = pipe_summarizer_new(&o, err, sizeof err))) {
            fprintf(stderr, "%s\n", err);
            abort();
        }
    }
    return s;
}

/* A span inside [0, len] with start >= *prev (sorted), from two fuzz bytes. */
static void span(uint8_t delta, uint8_t length, size_t len, uint32_t *prev, uint32_t *start, uint32_t *end)
{
    uint32_t s = *prev + (delta & 0x7F) > len ? (uint32_t)len : *prev + (delta & 0x7F);
    if (delta & 0x80)
        s = *prev; /* the same start again: nested or equal spans */
    uint32_t e = s + length > len ? (uint32_t)len : s + length;
    *start = *prev = s;
    *end = e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    size_t p = 1;
    size_t sep = p;
    while (sep + 1 < size && !(data[sep] == 0xFF && data[sep + 1] == 0xFF))
        sep++;
    size_t ntbytes = sep - p, text_at = sep + 2 <= size ? sep + 2 : size;
    size_t nt = ntbytes / 5 > MAX_RECS ? MAX_RECS : ntbytes / 5;
    /* Sentences come after the tokens' separator, the text after 4 bytes per sentence requested by mode. */
    size_t ns = (mode >> 2) % 16;
    if (text_at + ns * 4 > size)
        ns = (size - text_at) / 4;
    /* The text NUL-terminated, as the host hands it to a stage (pipe/plugin.h): the engines may
     * read the byte at len (an empty token at the very end starts there), never past it. */
    size_t len = size - (text_at + ns * 4);
    char *text = malloc(len + 1);
    if (!text)
        abort();
    memcpy(text, data + text_at + ns * 4, len);
    text[len] = '\0';

    pipe_token *tok = calloc(nt ? nt : 1, sizeof *tok);
    pipe_sentence *sent = calloc(ns ? ns : 1, sizeof *sent);
    pipe_sentence *out = calloc(nt ? nt : 1, sizeof *out);
    if (!tok || !sent || !out)
        abort();
    uint32_t prev = 0;
    for (size_t i = 0; i < nt; i++) {
        const uint8_t *b = data + p + i * 5;
        span(b[0], b[1], len, &prev, &tok[i].start, &tok[i].end);
        tok[i].kind = (uint16_t)(b[2] % (PIPE_TOK_OTHER + 1)); /* named kinds only: the contract */
        tok[i].flags = (uint16_t)(b[3] | b[4] << 8);
    }
    prev = 0;
    for (size_t i = 0; i < ns; i++) {
        const uint8_t *b = data + text_at + i * 4;
        sent[i].first_token = nt ? b[0] % (uint32_t)(nt + 1) : 0;
        sent[i].n_tokens = b[1] % (uint32_t)(nt - sent[i].first_token + 1);
        span(b[2], b[3], len, &prev, &sent[i].start, &sent[i].end);
        sent[i].paragraph = b[3] >> 4;
    }

    sentsplit_opts o;
    sentsplit_opts_init(&o);
    o.paragraphs = mode & 1;
    o.max_sentence_bytes = (mode & 2) ? 1u + (mode >> 4) : 10000;
    size_t count = sentsplit_run(sent_lexicon(), &o, text, len, tok, nt, out);
    if (count > nt)
        abort();

    const qf_quote *q;
    size_t nq;
    if (qf_find(finder(), text, len, tok, nt, sent, ns, &q, &nq))
        abort();
    pipe_quote *quotes = calloc(nq ? nq : 1, sizeof *quotes);
    if (!quotes)
        abort();
    for (size_t i = 0; i < nq; i++)
        quotes[i] = q[i].rec;

    pipe_summarize_input in = {text, len, tok, nt, sent, ns, quotes, nq};
    size_t npicks;
    if (!pipe_summarize(summarizer(), &in, &npicks))
        abort();
    free(quotes);
    free(text);
    free(tok);
    free(sent);
    free(out);
    return 0;
}
