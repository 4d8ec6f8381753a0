/*
 * fuzz_sentences: libFuzzer target for the splitter engine over the real
 * tokenizer. Any bytes are a document; the first byte also picks options
 * (paragraphs on/off, a small max_sentence_bytes, uax29 tokens) so every
 * path is explored. Invariants checked: sentences are ordered, do not
 * overlap, start and end on token boundaries, and together cover every
 * token that is not white space; paragraphs never decrease.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sentsplit.h"
#include "tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sentsplit_lexicon *lexicon(void)
{
    static sentsplit_lexicon *lex;
    char err[512];
    if (!lex) {
        lex = sentsplit_lexicon_new();
        if (sentsplit_lexicon_load_dir(lex, PIPE_SOURCE_DIR "/conf", err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            abort();
        }
    }
    return lex;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t mode = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;

    pipe_tokenize_opts topts;
    pipe_tokenize_opts_init(&topts);
    topts.mode = (mode & 4) ? PIPE_TOKENIZE_UAX29 : PIPE_TOKENIZE_NEWS;
    size_t n = pipe_tokenize(text, len, &topts, NULL, 0);
    pipe_token *tok = malloc((n ? n : 1) * sizeof *tok);
    pipe_sentence *out = malloc((n ? n : 1) * sizeof *out);
    if (pipe_tokenize(text, len, &topts, tok, n) != n)
        abort();

    sentsplit_opts o;
    sentsplit_opts_init(&o);
    o.paragraphs = mode & 1;
    o.max_sentence_bytes = (mode & 2) ? 1u + (mode >> 3) : 10000;
    size_t ns = sentsplit_run(lexicon(), &o, text, len, tok, n, out);

    size_t next = 0;
    for (size_t i = 0; i < ns; i++) {
        const pipe_sentence *s = &out[i];
        if (s->n_tokens == 0 || s->first_token < next || s->first_token + s->n_tokens > n)
            abort(); /* ordered, non-overlapping, in range */
        for (size_t k = next; k < s->first_token; k++)
            if (tok[k].kind != PIPE_TOK_SPACE)
                abort(); /* a token outside every sentence */
        const pipe_token *a = &tok[s->first_token], *b = &tok[s->first_token + s->n_tokens - 1];
        if (s->start != a->start || s->end != b->end || a->kind == PIPE_TOK_SPACE || b->kind == PIPE_TOK_SPACE)
            abort(); /* aligned to non-space tokens */
        if (i > 0 && (s->start < out[i - 1].end || s->paragraph < out[i - 1].paragraph))
            abort();
        if (!o.paragraphs && s->paragraph != 0)
            abort();
        next = s->first_token + s->n_tokens;
    }
    for (size_t k = next; k < n; k++)
        if (tok[k].kind != PIPE_TOK_SPACE)
            abort();
    free(tok);
    free(out);
    return 0;
}
