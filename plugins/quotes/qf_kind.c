/*
 * qf_kind.c: direct speech or scare quote.
 *
 * News quotes are mostly speech; what is not speech is short: a term
 * ('no spying' deal, a 'back door' route), a title or slogan ("Make
 * America Great Again"), a nickname. The rules, first match wins:
 *  - announced as a term (so-called, dubbed, the word ...): scare;
 *  - Title Case without final punctuation and no attribution: a title or slogan;
 *  - a short phrase used as a modifier (followed by a noun: 'no spy' agreement): scare;
 *  - attributed by an adjacent speech verb ("Absolutely," he said): direct;
 *  - first or second person words (we, our, I, you): someone speaking, direct;
 *  - five words or more: direct;
 *  - a short full sentence ("No comment."), or a whole sentence of three words: direct;
 *  - a partial quote after a speech verb in the same sentence
 *    (said it was "deeply regrettable"), of three words or of two with
 *    punctuation inside: direct;
 *  - anything else (one or two words in running text): scare.
 * Nested quotes are someone's words inside someone's words: usually a term,
 * so they are direct only when long and sentence-like.
 */
#include "qf_internal.h"

void qf_kind_classify(qf_finder *f)
{
    const qf_unit *u = f->u;
    for (size_t k = 0; k < f->np; k++) {
        qf_pair *p = &f->p[k];
        size_t a = p->u_open, b = p->u_close;
        int words = 0, content = 0, caps = 0, first = 0, firstcap = -1, term = 0, comma = 0;
        for (size_t i = a; i < b; i++) {
            if (u[i].type == QU_WORD || u[i].type == QU_NUM) {
                words++;
                if (firstcap < 0)
                    firstcap = (u[i].flags & UF_CAP) != 0;
                if (u[i].lex & LX_FIRST)
                    first = 1;
                if (u[i].type == QU_WORD && !(u[i].lex & (LX_FUNC | LX_DET)) && !(u[i].flags & UF_CLITIC)) {
                    content++;
                    caps += (u[i].flags & UF_CAP) != 0;
                }
            }
        }
        if (b > a) {
            const qf_unit *l = &u[b - 1];
            if (l->type == QU_PUNCT && (l->ch == '.' || l->ch == '!' || l->ch == '?'))
                term = 1;
            else if (l->type == QU_PUNCT && (l->ch == ',' || l->ch == ':' || l->ch == ';' || l->ch == '-'))
                comma = 1;
        }
        if (words == 0) {
            p->kind = PIPE_QUOTE_SCARE;
            continue;
        }
        if (p->level > 0) {
            p->kind = words >= 8 && (term || first) ? PIPE_QUOTE_DIRECT : PIPE_QUOTE_SCARE;
            continue;
        }
        size_t o = qf_unit_at(f, p->start);
        int scare_cue = 0, modifier = 0, whole = 0;
        if (o > 0 && o <= f->nu) {
            const qf_unit *pv = &u[o - 1];
            scare_cue = pv->type == QU_WORD && (pv->lex & LX_SCARE);
            whole = (o < f->nu && (u[o].flags & UF_SENT)) || (pv->type == QU_PUNCT && pv->ch == ':');
        } else {
            whole = 1;
        }
        if (!term && !comma && p->close_mark >= 0 && (size_t)p->close_mark + 1 < f->nu) {
            const qf_unit *cm = &u[p->close_mark], *nx = cm + 1;
            modifier = nx->type == QU_WORD && !(nx->flags & (UF_CAP | UF_SENT)) && nx->start == cm->end + 1 &&
                       !(nx->lex & (LX_FUNC | LX_VERB | LX_AUX | LX_PRON | LX_DET | LX_ACCORD));
        }
        int attributed = p->cue >= 0;
        int titlecase = content > 0 && caps == content && !term && !first;
        int kind;
        if (scare_cue && words <= 6)
            kind = PIPE_QUOTE_SCARE;
        else if (titlecase && !(attributed && (comma || words >= 3)) && words <= 10)
            kind = PIPE_QUOTE_SCARE;
        else if (modifier && words <= 4 && !term)
            kind = PIPE_QUOTE_SCARE;
        else if (attributed && (words >= 2 || term || comma))
            kind = PIPE_QUOTE_DIRECT;
        else if (first || words >= 5)
            kind = PIPE_QUOTE_DIRECT;
        else if ((term && firstcap == 1 && words >= 2) || (whole && words >= 3))
            kind = PIPE_QUOTE_DIRECT;
        else if (qf_attrib_verb_before(f, o, 40) >= 0 && (words >= 3 || (words >= 2 && (comma || term))))
            kind = PIPE_QUOTE_DIRECT;
        else
            kind = PIPE_QUOTE_SCARE;
        p->kind = (uint16_t)kind;
    }
}
