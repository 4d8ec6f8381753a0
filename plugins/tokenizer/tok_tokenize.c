/*
 * tok_tokenize.c: the public API of the engine and uax29 mode.
 */
#include <string.h>

#include "tok_internal.h"

void pipe_tokenize_opts_init(pipe_tokenize_opts *opts)
{
    opts->mode = PIPE_TOKENIZE_NEWS;
    opts->split_clitics = 1;
    opts->split_hyphens = 0;
}

int pipe_tokenizer_init(pipe_tokenizer *tk, const char *text, size_t len,
                        const pipe_tokenize_opts *opts)
{
    memset(tk, 0, sizeof *tk);
    if (opts)
        tk->opts = *opts;
    else
        pipe_tokenize_opts_init(&tk->opts);
    /* Token offsets are 32-bit: refuse rather than emit truncated spans. */
    if (len > UINT32_MAX || (len > 0 && text == NULL))
        return -1;
    tk->text = (const uint8_t *)text;
    tk->len = len;
    /* news mode looks for e-mail addresses only up to the next '@' */
    const void *at = len ? memchr(text, '@', len) : NULL;
    tk->next_at = at ? (size_t)((const char *)at - text) : len;
    return 0;
}

const char *pipe_tokenize_unicode_version(void)
{
    return TOK_UNICODE_VERSION;
}

const char *pipe_token_kind_name(unsigned kind)
{
    static const char *const names[] = {"word", "number", "punct", "symbol",
                                        "url", "email", "mention", "hashtag",
                                        "emoji", "space", "invalid", "other"};
    return kind < sizeof names / sizeof names[0] ? names[kind] : "?";
}

/* One step of uax29 mode: the next segment as one token. */
static size_t uax29_step(pipe_tokenizer *tk, pipe_token *out)
{
    tok_seg seg;
    size_t start = tk->pos;
    size_t end = tok_wb_segment(tk->text, tk->len, start, &seg);
    unsigned kind = tok_seg_kind(&seg);
    unsigned flags = tk->pending_flags;
    if (kind == PIPE_TOK_PUNCT || kind == PIPE_TOK_SYMBOL)
        flags |= tok_punct_flags(tk, seg.first_cp, seg.first, start, end);
    out->start = (uint32_t)start;
    out->end = (uint32_t)end;
    out->kind = (uint16_t)kind;
    out->flags = (uint16_t)flags;
    tk->pos = end;
    if (kind == PIPE_TOK_SPACE) {
        tok_note_space(tk, start, end);
    } else {
        tk->pending_flags = 0;
        tk->newlines = 0;
        tk->after_open = (flags & PIPE_TOKF_OPEN) || TOK_GC(seg.first) == TOK_GC_DASH;
    }
    return 1;
}

/* uax29 mode over as many segments as fit: plain ASCII words, numbers,
 * single spaces and punctuation are cut here (they end at the first byte
 * that no rule can join to them); everything else goes to uax29_step(). */
static size_t uax29_run(pipe_tokenizer *tk, pipe_token *out, size_t cap)
{
    const uint8_t *s = tk->text;
    size_t n = tk->len, count = 0;
    while (count < cap && tk->pos < n) {
        size_t pos = tk->pos, end;
        uint8_t b = s[pos];
        unsigned kind, flags = 0;
        if (tok_byte_class[b] & TOK_B_ALNUM) {
            unsigned letters = 0;
            end = tok_alnum_run(s, n, pos, &letters);
            letters &= TOK_B_LETTER;
            /* WB4, WB6-WB13b can only continue with these or a non-ASCII byte */
            if (end < n && (s[end] >= 0x80 || s[end] == '.' || s[end] == ',' || s[end] == ':' ||
                            s[end] == ';' || s[end] == '\'' || s[end] == '_')) {
                count += uax29_step(tk, out + count);
                continue;
            }
            kind = letters ? PIPE_TOK_WORD : PIPE_TOK_NUMBER;
        } else if (b == ' ' && (pos + 1 >= n || (s[pos + 1] < 0x80 && s[pos + 1] != ' '))) {
            out[count].start = (uint32_t)pos;
            out[count].end = (uint32_t)(pos + 1);
            out[count].kind = PIPE_TOK_SPACE;
            out[count].flags = (uint16_t)tk->pending_flags;
            tk->pending_flags |= PIPE_TOKF_SPACE_BEFORE;
            tk->pos = pos + 1;
            count++;
            continue;
        } else if (b > ' ' && b < 0x7F && b != '\'' && b != '"' && b != '_' &&
                   (pos + 1 >= n || s[pos + 1] < 0x80)) {
            end = pos + 1;
            kind = tok_ascii_punct_kind(b, &flags);
        } else {
            count += uax29_step(tk, out + count);
            continue;
        }
        out[count].start = (uint32_t)pos;
        out[count].end = (uint32_t)end;
        out[count].kind = (uint16_t)kind;
        out[count].flags = (uint16_t)(flags | tk->pending_flags);
        tk->pending_flags = 0;
        tk->newlines = 0;
        tk->after_open = (flags & PIPE_TOKF_OPEN) || b == '-';
        tk->pos = end;
        count++;
    }
    return count;
}

size_t pipe_tokenizer_next(pipe_tokenizer *tk, pipe_token *out, size_t cap)
{
    if (cap < PIPE_TOKENIZE_MIN_CAP)
        return 0;
    if (tk->opts.mode == PIPE_TOKENIZE_UAX29)
        return uax29_run(tk, out, cap);
    return tok_news_run(tk, out, cap);
}

size_t pipe_tokenize(const char *text, size_t len, const pipe_tokenize_opts *opts,
                     pipe_token *out, size_t cap)
{
    pipe_tokenizer tk;
    pipe_token scratch[64];
    size_t total = 0, n;
    if (pipe_tokenizer_init(&tk, text, len, opts) != 0)
        return 0;
    /* Write straight into out while a full step fits, then count the rest. */
    while (cap - total >= PIPE_TOKENIZE_MIN_CAP && (n = pipe_tokenizer_next(&tk, out + total, cap - total)) > 0)
        total += n;
    while ((n = pipe_tokenizer_next(&tk, scratch, sizeof scratch / sizeof scratch[0])) > 0) {
        size_t room = total < cap ? cap - total : 0;
        if (room > 0)
            memcpy(out + total, scratch, (n < room ? n : room) * sizeof *scratch);
        total += n;
    }
    return total;
}
