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

/* The quote at unit o goes on from an attribution: "...," X said, "and ..." / X said, "we ...". */
static int continued(const qf_finder *f, size_t o)
{
    if (o < 2 || o > f->nu)
        return 0;
    const qf_unit *pv = &f->u[o - 1];
    return (qf_unit_ch(f, pv) == ',' || qf_unit_ch(f, pv) == ':') && qf_attrib_verb_before(f, o - 1, 6) >= 0;
}

/* A speech verb later in the sentence that reads as an attribution (", analysts said", "he
 * added", "said Smith"), not a verb of the main clause ("the 'x' talks continued"). */
static int attribution_after(const qf_finder *f, const qf_pair *p)
{
    if (p->close_mark < 0)
        return 0;
    int32_t v = qf_attrib_verb_after(f, (size_t)p->close_mark + 1, 40);
    if (v <= 0)
        return 0;
    size_t i = (size_t)v - 1;
    for (int k = 0; k < 2 && i > 0 && (f->u[i].lex & LX_AUX); k++)
        i--;
    const qf_unit *w = &f->u[i];
    return qf_unit_ch(f, w) == ',' ||
           (w->type == QU_WORD && ((w->lex & (LX_PRON | LX_TITLE)) || (w->flags & UF_CAP)));
}

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
            unsigned char ch = qf_unit_ch(f, &u[b - 1]);
            if (ch == '.' || ch == '!' || ch == '?')
                term = 1;
            else if (ch == ',' || ch == ':' || ch == ';' || ch == '-')
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
        size_t o = p->u_start;
        int scare_cue = 0, modifier = 0, whole = 0;
        if (o > 0 && o <= f->nu) {
            const qf_unit *pv = &u[o - 1];
            scare_cue = pv->type == QU_WORD && (pv->lex & LX_SCARE);
            whole = (o < f->nu && (u[o].flags & UF_SENT)) || qf_unit_ch(f, pv) == ':';
        } else {
            whole = 1;
        }
        if (!term && !comma) {
            /* the word right after the closing mark (found by offset: a closing ’ may be no unit) */
            size_t nx = p->u_end;
            const qf_unit *w = nx < f->nu ? &u[nx] : NULL;
            /* "a tax on families" angered ...: a phrase opening with a determiner is a noun
             * phrase of its own, not a modifier */
            modifier = w && !(u[a].lex & LX_DET) && w->type == QU_WORD && !(w->flags & (UF_CAP | UF_SENT)) && qf_unit_start(f, w) == p->end + 1 &&
                       !(w->lex & (LX_FUNC | LX_VERB | LX_AUX | LX_PRON | LX_DET | LX_ACCORD));
        }
        int attributed = p->cue >= 0;
        int titlecase = content > 0 && caps == content && !term && !first;
        /* Someone's words: a speech verb governs the quote from its sentence (before or after). */
        int governed = attributed || qf_attrib_verb_before(f, o, 40) >= 0 || attribution_after(f, p);
        /* A fragment runs on inside its sentence: not at a sentence start or after a colon,
         * and not a capitalised sentence of its own. */
        int fragment = !whole && firstcap != 1 && !continued(f, o);
        int speech;
        if (scare_cue && words <= 6)
            speech = 0;
        else if (content == 0 && !first) /* numbers and dates: an id, not words */
            speech = 0;
        else if (titlecase && !(attributed && (comma || words >= 3)) && words <= 10)
            speech = 0;
        else if (modifier && words <= 4 && !term && !governed)
            speech = 0;
        else if (attributed && (words >= 2 || term || comma))
            speech = 1;
        else if (first || words >= 5)
            speech = 1;
        else if ((term && firstcap == 1 && words >= 2) || (whole && words >= 3))
            speech = 1;
        else
            speech = governed || firstcap == 0;
        int kind = !speech ? PIPE_QUOTE_SCARE : fragment ? PIPE_QUOTE_PARTIAL :
                                                           PIPE_QUOTE_DIRECT;
        p->kind = (uint16_t)kind;
    }
}
