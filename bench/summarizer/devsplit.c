/* devsplit.c: the simple splitter described in devsplit.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "devsplit.h"


static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fprintf(stderr, "devsplit: out of memory\n");
        exit(1);
    }
    return q;
}

static void add_token(devsplit *d, uint32_t s, uint32_t e, uint16_t kind, uint16_t flags)
{
    if (d->ntok == d->captok) {
        d->captok = d->captok ? d->captok * 2 : 1024;
        d->toks = xrealloc(d->toks, d->captok * sizeof *d->toks);
    }
    d->toks[d->ntok++] = (pipe_token){s, e, kind, flags};
}

static int is_wordbyte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* Typographic punctuation (U+2000..U+206F) is punctuation, not a word. */
static size_t punct_utf8(const unsigned char *t, size_t i, size_t len)
{
    if (t[i] == 0xE2 && i + 2 < len && t[i + 1] == 0x80)
        return 3;
    return 0;
}

static void tokenize(devsplit *d, const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    uint16_t fl = 0;
    d->ntok = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = t[i];
        if (isspace(c)) {
            if (c == '\n')
                fl |= (fl & PIPE_TOKF_NEWLINE_BEFORE) ? PIPE_TOKF_PARA_BEFORE : PIPE_TOKF_NEWLINE_BEFORE;
            fl |= PIPE_TOKF_SPACE_BEFORE;
            i++;
            continue;
        }
        size_t p = punct_utf8(t, i, len);
        if (p == 0 && is_wordbyte(c)) {
            size_t j = i;
            while (j < len) {
                if (punct_utf8(t, j, len))
                    break;
                if (is_wordbyte(t[j])) {
                    j++;
                } else if ((t[j] == '.' || t[j] == ',' || t[j] == '-') && j + 1 < len && isalnum(t[j + 1]) &&
                           j > i) {
                    j++;
                } else {
                    break;
                }
            }
            add_token(d, (uint32_t)i, (uint32_t)j, isdigit(c) ? PIPE_TOK_NUMBER : PIPE_TOK_WORD, fl);
            i = j;
        } else if (p == 0 && c == '\'' && d->ntok > 0 && d->toks[d->ntok - 1].end == i && i + 1 < len && isalpha(t[i + 1])) {
            size_t j = i + 1;
            while (j < len && isalpha(t[j]))
                j++;
            add_token(d, (uint32_t)i, (uint32_t)j, PIPE_TOK_WORD, fl | PIPE_TOKF_CLITIC);
            i = j;
        } else {
            size_t n = p ? p : 1;
            add_token(d, (uint32_t)i, (uint32_t)(i + n), PIPE_TOK_PUNCT, fl);
            i += n;
        }
        fl = 0;
    }
}

static int is_abbrev(const char *w, size_t n)
{
    static const char *const ab[] = {"mr", "mrs", "ms", "dr", "st", "no", "jr", "sr", "gen", "gov", "sen",
                                     "rep", "prof", "inc", "co", "corp", "ltd", "vs", "etc", "lt", "col",
                                     "capt", "sgt", "jan", "feb", "aug", "sept", "oct", "nov", "dec", NULL};
    if (n == 1 && isupper((unsigned char)w[0]))
        return 1;
    for (int k = 0; ab[k]; k++)
        if (strlen(ab[k]) == n && strncasecmp(w, ab[k], n) == 0)
            return 1;
    return 0;
}

static void add_sentence(devsplit *d, size_t first, size_t last, const char *text, uint32_t para)
{
    if (last <= first)
        return;
    if (d->nsent == d->capsent) {
        d->capsent = d->capsent ? d->capsent * 2 : 256;
        d->sents = xrealloc(d->sents, d->capsent * sizeof *d->sents);
    }
    pipe_sentence *s = &d->sents[d->nsent++];
    s->start = d->toks[first].start;
    s->end = d->toks[last - 1].end;
    s->first_token = (uint32_t)first;
    s->n_tokens = (uint32_t)(last - first);
    s->paragraph = para;
    const pipe_token *e = &d->toks[last - 1];
    size_t k = last - 1;
    /* Skip closing quotes and brackets to find the final mark. */
    while (k > first && d->toks[k].kind == PIPE_TOK_PUNCT && strchr("\"')]", text[d->toks[k].start]) == NULL &&
           (unsigned char)text[d->toks[k].start] == 0xE2)
        k--;
    while (k > first && d->toks[k].kind == PIPE_TOK_PUNCT && strchr("\"')", text[d->toks[k].start]))
        k--;
    e = &d->toks[k];
    char c = text[e->start];
    s->flags = (e->kind == PIPE_TOK_PUNCT && (c == '.' || c == '!' || c == '?')) ? 0 : PIPE_SENTF_NO_FINAL_PUNCT;
}

static void split(devsplit *d, const char *text)
{
    d->nsent = 0;
    size_t first = 0;
    uint32_t para = 0;
    for (size_t i = 0; i < d->ntok; i++) {
        if (i > first && (d->toks[i].flags & PIPE_TOKF_NEWLINE_BEFORE)) {
            add_sentence(d, first, i, text, para);
            first = i;
            if (d->toks[i].flags & PIPE_TOKF_PARA_BEFORE)
                para++;
        }
        char c = text[d->toks[i].start];
        if (d->toks[i].kind != PIPE_TOK_PUNCT || !(c == '.' || c == '!' || c == '?'))
            continue;
        if (c == '.' && i > 0 && d->toks[i - 1].end == d->toks[i].start &&
            is_abbrev(text + d->toks[i - 1].start, d->toks[i - 1].end - d->toks[i - 1].start))
            continue;
        size_t j = i + 1;
        while (j < d->ntok && d->toks[j].kind == PIPE_TOK_PUNCT && !(d->toks[j].flags & PIPE_TOKF_SPACE_BEFORE))
            j++; /* closing quotes and brackets stay with the sentence */
        if (j < d->ntok && !(d->toks[j].flags & PIPE_TOKF_NEWLINE_BEFORE)) {
            unsigned char n = (unsigned char)text[d->toks[j].start];
            if (!(d->toks[j].flags & PIPE_TOKF_SPACE_BEFORE) || !(isupper(n) || isdigit(n) || n == '"' || n >= 0x80))
                continue;
        }
        add_sentence(d, first, j, text, para);
        first = j;
        i = j - 1;
    }
    add_sentence(d, first, d->ntok, text, para);
}

void devsplit_run(devsplit *d, const char *text, size_t len)
{
    tokenize(d, text, len);
    split(d, text);
}

void devsplit_free(devsplit *d)
{
    free(d->toks);
    free(d->sents);
    d->toks = NULL;
    d->sents = NULL;
    d->ntok = d->captok = d->nsent = d->capsent = 0;
}
