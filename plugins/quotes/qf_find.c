/*
 * qf_find.c: qf_find(), which runs the steps of the finder in order and
 * turns pairs into output records (see qf_internal.h for the steps).
 */
#include <stdlib.h>
#include <string.h>

#include "qf_internal.h"

void qf_attrib_fallback(qf_finder *f, void (*name)(qf_finder *, qf_pair *));

qf_finder *qf_finder_new(const qf_lexicon *lex)
{
    qf_finder *f = calloc(1, sizeof *f);
    if (f)
        f->lex = lex;
    return f;
}

/* Every per-document array; the finder itself and its lexicon stay. */
static void release_arrays(qf_finder *f)
{
    free(f->u);
    free(f->own_sp);
    free(f->para_start);
    free(f->p);
    free(f->c);
    free(f->e);
    free(f->names.keys);
    free(f->names.vals);
    free(f->names.gen);
    free(f->nbuf);
    free(f->out);
    free(f->ent_slot);
    free(f->pair_slot);
    free(f->mention);
    free(f->spans);
    free(f->slot_first);
    free(f->slot_at);
    free(f->spk);
}

void qf_finder_free(qf_finder *f)
{
    if (!f)
        return;
    release_arrays(f);
    free(f);
}

void qf_finder_trim(qf_finder *f, size_t keep_bytes)
{
    /* Every per-document array counts: a unit is only 4 bytes, so the name chunks (20 bytes
     * each) and the name map can hold more than the units do. */
    size_t held = f->capu * sizeof(qf_unit) + f->cap_own_sp * sizeof(pipe_token) +
                  f->cappara * sizeof(uint32_t) + f->capp * sizeof(qf_pair) + f->capc * sizeof(qf_chunk) +
                  f->cape * sizeof(qf_entity) +
                  f->names.cap * (sizeof(uint64_t) + sizeof(int32_t) + sizeof(uint32_t)) + f->nbuf_cap +
                  f->capout * sizeof(qf_quote) + (f->cap_ent_slot + f->cap_pair_slot) * sizeof(int32_t) +
                  (f->cap_mention + f->cap_spans) * sizeof(uint32_t) +
                  (f->cap_slot_first + f->cap_slot_at) * sizeof(size_t) + f->cap_spk * sizeof(qf_speaker);
    if (held <= keep_bytes)
        return;
    const qf_lexicon *lex = f->lex;
    release_arrays(f);
    memset(f, 0, sizeof *f);
    f->lex = lex;
}

/* Append text[s..e) to the name buffer with every run of white space made one space. */
static int put_name(qf_finder *f, uint32_t s, uint32_t e, uint32_t *off, uint32_t *len)
{
    if (qf_grow((void **)&f->nbuf, &f->nbuf_cap, f->nbuf_len + (e - s) + 1, 1))
        return -1;
    *off = (uint32_t)f->nbuf_len;
    int space = 0;
    for (uint32_t i = s; i < e; i++) {
        char c = f->text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && f->nbuf_len > *off)
            f->nbuf[f->nbuf_len++] = ' ';
        space = 0;
        f->nbuf[f->nbuf_len++] = c;
    }
    *len = (uint32_t)(f->nbuf_len - *off);
    return 0;
}

/* Resolve the speaker mention of p to a name in the name buffer. */
static void name_pair(qf_finder *f, qf_pair *p)
{
    if (p->spk_first < 0 || p->name_len)
        return;
    int32_t e = qf_resolve_speaker(f, p);
    uint32_t off = 0, len = 0;
    int rc = 0;
    if (e >= 0) {
        const qf_chunk *c = &f->c[f->e[e].best];
        rc = put_name(f, f->sp[c->first].start, f->sp[c->last].end, &off, &len);
        if (p->spk_kind != SPK_NAME)
            p->resolved = 1;
        p->entity = e;
    } else if (p->spk_kind != SPK_PRON) {
        /* An unknown name stays as written; an unresolved "a spokesman" too. */
        rc = put_name(f, f->sp[p->spk_first].start, f->sp[p->spk_last].end, &off, &len);
    }
    if (rc)
        f->oom = 1; /* reported by qf_find */
    p->name_off = off;
    p->name_len = len;
}

int qf_find(qf_finder *f, const char *text, size_t len, const pipe_token *tokens, size_t ntok,
            const pipe_sentence *sents, size_t nsent, const qf_quote **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (len >= UINT32_MAX)
        return -1;
    f->text = text;
    f->len = len;
    f->nbuf_len = 0;
    f->np = 0;
    /* Most news text quotes nobody: without a mark that can open a quote, or without any pair,
     * there is nothing to attribute, so units, names and lexicon look-ups are skipped. */
    if (!qf_marks_possible(text, len))
        return 0;
    if (qf_paragraphs_build(f) || qf_marks_pair(f))
        return -1;
    if (f->np == 0)
        return 0;
    if (qf_units_build(f, tokens, ntok, sents, nsent))
        return -1;
    qf_marks_units(f);
    if (qf_resolve_collect(f))
        return -1;
    qf_attrib_find(f);
    qf_kind_classify(f);
    f->oom = 0;
    for (size_t k = 0; k < f->np; k++) {
        qf_pair *p = &f->p[k];
        if (p->kind == PIPE_QUOTE_SCARE || p->level > 0)
            p->cue = p->spk_first = p->spk_last = -1;
        else
            name_pair(f, p);
    }
    qf_attrib_fallback(f, name_pair);
    if (f->oom)
        return -1;
    if (qf_grow((void **)&f->out, &f->capout, f->np, sizeof(qf_quote)))
        return -1;
    pipe_prefault_all(f->out, f->np * sizeof(qf_quote)); /* all np are written below */
    for (size_t k = 0; k < f->np; k++) {
        const qf_pair *p = &f->p[k];
        qf_quote *q = &f->out[k];
        memset(q, 0, sizeof *q);
        q->rec.start = p->start;
        q->rec.end = p->end;
        q->rec.content_start = p->content_start;
        q->rec.content_end = p->content_end;
        q->rec.speaker_start = q->rec.speaker_end = q->rec.cue_start = q->rec.cue_end = PIPE_NO_POS;
        if (p->spk_first >= 0) {
            q->rec.speaker_start = f->sp[p->spk_first].start;
            q->rec.speaker_end = f->sp[p->spk_last].end;
        }
        if (p->cue >= 0) {
            q->rec.cue_start = f->sp[p->cue].start;
            q->rec.cue_end = f->sp[p->cue].end;
        }
        q->rec.speaker = PIPE_STR_NULL;
        q->rec.kind = p->kind;
        q->rec.level = p->level;
        q->rec.flags = p->flags | (p->resolved && p->name_len ? PIPE_QUOTEF_RESOLVED : 0);
        q->rec.speaker_kind = qf_speaker_kind(f, p);
        if (p->name_len) {
            q->name = f->nbuf + p->name_off;
            q->name_len = p->name_len;
        }
    }
    *out = f->out;
    *count = f->np;
    return 0;
}
