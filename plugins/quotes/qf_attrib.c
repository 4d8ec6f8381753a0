/*
 * qf_attrib.c: who said a quote. Patterns, tried in this order:
 *   1. after the quote:  "...," Dr Liang said / "...," said Dr Liang /
 *      "...," he told a press conference / "...," Dr Liang, the chairman, said /
 *      "...," according to X
 *   2. before the quote: Dr Liang said: "..." / X told reporters, "..." /
 *      according to X, "..."
 *   3. reported speech in the same sentence: The chairman said it was "not ..."
 *      (the nearest speech verb before the quote whose subject we can read)
 *   4. neighbours: an earlier attributed quote in the paragraph, a speech
 *      verb with a subject in the previous sentence, the last attributed
 *      quote of the previous paragraph when this paragraph opens with the
 *      quote, a later attributed quote in the paragraph.
 * A speaker mention is a name (with honorifics), a pronoun, or a
 * description ending in a title noun ("the Huawei chairman", "a spokesman").
 * qf_resolve.c turns the mention into a name.
 */
#include <string.h>

#include "qf_internal.h"

static int is_ch(const qf_finder *f, const qf_unit *u, char c)
{
    return qf_unit_ch(f, u) == (unsigned char)c;
}

/* A dash: - (also doubled), – or —. */
static int is_dash(const qf_finder *f, const qf_unit *u)
{
    if (u->type != QU_PUNCT && u->type != QU_OTHER)
        return 0;
    const unsigned char *t = (const unsigned char *)f->text + qf_unit_start(f, u);
    return qf_unit_ch(f, u) == '-' ||
           (qf_unit_end(f, u) - qf_unit_start(f, u) >= 3 && t[0] == 0xE2 && t[1] == 0x80 && (t[2] == 0x93 || t[2] == 0x94));
}

/* A unit that ends the search for an attribution: sentence end, another quote. */
static int barrier(const qf_unit *u)
{
    return (u->flags & (UF_TERM | UF_MARK | UF_INQ)) != 0;
}

static int namey(const qf_unit *u)
{
    return u->type == QU_WORD && (u->flags & UF_CAP) && !(u->flags & (UF_INQ | UF_MARK | UF_CLITIC)) &&
           !(u->lex & (LX_VERB | LX_PRON | LX_AUX | LX_FUNC | LX_DET));
}

/* Whether unit w is the word "of" (any case). */
static int word_of(const qf_finder *f, const qf_unit *w)
{
    const char *t = f->text + qf_unit_start(f, w);
    return w->type == QU_WORD && qf_unit_end(f, w) - qf_unit_start(f, w) == 2 && (t[0] | 32) == 'o' && (t[1] | 32) == 'f';
}

/* Whether unit w is the word lit (ASCII, any case). */
static int word_is(const qf_finder *f, const qf_unit *w, const char *lit)
{
    size_t n = strlen(lit);
    if (w->type != QU_WORD || qf_unit_end(f, w) - qf_unit_start(f, w) != n)
        return 0;
    for (size_t k = 0; k < n; k++)
        if ((f->text[qf_unit_start(f, w) + k] | 32) != lit[k])
            return 0;
    return 1;
}

/* A two-word speech verb at unit i: "shot back", "fired back", "went on", "chimed in", "put it"
 * (as X put it: "..."). Their
 * first words alone are no speech verbs (shots were fired, she went home). */
static int phrase_verb(const qf_finder *f, size_t i)
{
    static const char *const pairs[][2] = {{"shot", "back"}, {"fired", "back"}, {"hit", "back"}, {"went", "on"}, {"chimed", "in"}, {"cut", "in"}, {"put", "it"}, {"puts", "it"}};
    if (i + 1 >= f->nu || f->u[i + 1].type != QU_WORD)
        return 0;
    uint32_t n = f->sp[i + 1].end - f->sp[i + 1].start;
    if (n != 2 && n != 4) /* on, in, it, back: most pairs end here, before any string compare */
        return 0;
    for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
        if (word_is(f, &f->u[i], pairs[k][0]) && word_is(f, &f->u[i + 1], pairs[k][1]))
            return 1;
    return 0;
}

/* The unit after the comma that ends the appositives opened by the comma at unit c: the first
 * comma within reach that a verb group follows (Dr Liang, the chairman of Huawei, said / Mr Doe,
 * now 81 and retired in Cambridge, Mass., said); 0 when there is none. */
static size_t appositives_end(const qf_finder *f, size_t c, size_t reach)
{
    const qf_unit *u = f->u;
    for (size_t k = c + 1; k < f->nu && k < c + reach && !barrier(&u[k]); k++) {
        if (!is_ch(f, &u[k], ','))
            continue;
        size_t v = k + 1;
        for (int n = 0; n < 3 && v < f->nu && (u[v].lex & LX_AUX); n++)
            v++;
        if (v < f->nu && ((u[v].lex & LX_VERB) || phrase_verb(f, v)))
            return k + 1;
    }
    return 0;
}

/* A one-word mention at unit i whose every mention in the document opens a sentence, with no
 * title, honorific or first name: maybe a common word capitalised by its place. Places stay names
 * (Japan said). */
static int sentence_only(const qf_finder *f, size_t i)
{
    const qf_unit *w = &f->u[i];
    if (!(w->flags & UF_SENT))
        return 0;
    int32_t k = qf_chunk_at(f, (uint32_t)i);
    if (k < 0)
        return 0;
    const qf_chunk *c = &f->c[k];
    if (c->first != i || c->last != i || f->e[c->entity].inner)
        return 0;
    return !(qf_unit_name_bits(f, w) & (LX_FNAME | LX_PLACE));
}

/* Whether the mention at unit i, followed by a comma, is the subject of a speech verb after one
 * appositive: Kessler, which makes pumps, said (not: Earlier, Baker told them ..., adding). */
static int subject_after_comma(const qf_finder *f, size_t i)
{
    if (i + 1 >= f->nu || !is_ch(f, &f->u[i + 1], ','))
        return 0;
    size_t k = appositives_end(f, i + 1, 30);
    for (size_t c = i + 2; k && c + 1 < k; c++)
        if (is_ch(f, &f->u[c], ','))
            return 0;
    return k != 0;
}

/* A common word capitalised by its place (Hours later, ... / Unless ... / Wait, ...): sentence
 * only, and not itself the subject of a speech verb (Northgate said / Kessler, which makes
 * pumps, said). */
static int position_word(const qf_finder *f, size_t i)
{
    return sentence_only(f, i) && !f->c[qf_chunk_at(f, (uint32_t)i)].subject && !subject_after_comma(f, i);
}

/* A plural common noun capitalised by its place and speaking (Bankers said, Dealers say): a
 * group, so a description rather than a person. */
static int group_word(const qf_finder *f, size_t i)
{
    const char *t = f->text + f->sp[i].start;
    uint32_t n = f->sp[i].end - f->sp[i].start;
    return n >= 4 && t[n - 1] == 's' && t[n - 2] != 's' && t[n - 2] != 'u' && t[n - 2] != 'i' && sentence_only(f, i);
}

/* A description from unit j on, the mention starting at s (a determiner or a possessive name):
 * the [Huawei] chairman, OPEC's secretary general, the witness, Mr Gray, ... A name in
 * apposition right after it wins. */
static size_t np_forward(const qf_finder *f, size_t i, int32_t *first, int32_t *last, uint8_t *kind);
static size_t desc_forward(const qf_finder *f, size_t s, size_t j0, int32_t *first, int32_t *last,
                           uint8_t *kind)
{
    const qf_unit *u = f->u;
    size_t nu = f->nu, j = j0, head = 0;
    for (; j < nu && j < j0 + 5; j++) {
        if (u[j].type != QU_WORD || (u[j].flags & (UF_INQ | UF_MARK)))
            break;
        if (u[j].lex & (LX_VERB | LX_FUNC | LX_PRON | LX_AUX) && !(u[j].lex & LX_TITLE))
            break;
        if (u[j].lex & LX_TITLE)
            head = j;
        else if (head)
            break;
    }
    size_t k = head ? head + 1 : j;
    if (k < nu && is_ch(f, &u[k], ','))
        k++;
    if (k < nu && k > j0 && (namey(&u[k]) || (u[k].lex & LX_HONOR)) && (head || is_ch(f, &u[k - 1], ','))) {
        size_t e = np_forward(f, k, first, last, kind);
        if (e && *kind == SPK_NAME)
            return e;
    }
    if (!head)
        return 0;
    *first = (int32_t)s;
    *last = (int32_t)head;
    *kind = SPK_DESC;
    return head + 1;
}

/* Unit after a run of name words from e (initials with their dot: Harry M. Reid). */
static size_t name_run(const qf_finder *f, size_t e)
{
    const qf_unit *u = f->u;
    size_t nu = f->nu;
    while (e < nu) {
        if (namey(&u[e])) {
            e++;
            if (e < nu && is_ch(f, &u[e], '.') && f->sp[e].start == f->sp[e - 1].end && f->sp[e - 1].end - f->sp[e - 1].start == 1)
                e++;
        } else if ((u[e].lex & LX_PARTICLE) && e + 1 < nu && namey(&u[e + 1]) && e > 0 && namey(&u[e - 1])) {
            e++;
        } else {
            break;
        }
    }
    return e;
}

/* Parse a speaker mention starting at unit i; sets first/last/kind and returns the unit after it,
 * or 0. Premodifiers are read past: the last name in the phrase is the speaker (former South
 * Carolina Gov. Jim Hodges, Trump spokeswoman Hope Hicks, Security Pacific's Bannon); a title
 * noun after the last name makes the phrase a description (Obama administration officials). */
static size_t np_forward(const qf_finder *f, size_t i, int32_t *first, int32_t *last, uint8_t *kind)
{
    const qf_unit *u = f->u;
    size_t nu = f->nu;
    if (i >= nu || u[i].type != QU_WORD || (u[i].flags & (UF_INQ | UF_MARK)))
        return 0;
    if (u[i].lex & LX_PRON) {
        *first = *last = (int32_t)i;
        *kind = SPK_PRON;
        return i + 1;
    }
    size_t s = i;
    if (u[i].lex & LX_DET)
        return desc_forward(f, s, i + 1, first, last, kind);
    size_t j = i, rs = 0, re = 0, head = 0;
    int have = 0;
    for (int steps = 0; j < nu && steps < 12; steps++) {
        const qf_unit *w = &u[j];
        if (w->type != QU_WORD || (w->flags & (UF_INQ | UF_MARK)))
            break;
        if ((w->lex & LX_HONOR) && (w->flags & UF_CAP)) {
            j++;
            if (j < nu && is_ch(f, &u[j], '.') && f->sp[j].start == f->sp[j - 1].end)
                j++;
            continue;
        }
        if (namey(w) && (have || j > s || !(w->lex & LX_NONNAME) || (qf_unit_name_bits(f, w) & LX_FNAME))) {
            size_t e = name_run(f, j);
            if (!have && e == j + 1 && position_word(f, j)) {
                j = e; /* Presidential candidate Hillary Clinton: read on */
                continue;
            }
            /* A title inside the capitalised run is a premodifier: former South Carolina Gov.
             * Jim Hodges, retired Army Lt. Gen. Mick Bednarek, Atlantic City Mayor Don Guardian.
             * The person starts after the last one when a first name or two words follow it
             * (General Motors stays whole). */
            size_t cut = 0;
            while (e + 1 < nu && (u[e - 1].lex & (LX_HONOR | LX_TITLE)) && is_ch(f, &u[e], '.') &&
                   f->sp[e].start == f->sp[e - 1].end && namey(&u[e + 1])) {
                cut = e + 1;
                e = name_run(f, e + 1);
            }
            for (size_t k = cut ? cut : j; k + 1 < e; k++)
                if (u[k].lex & (LX_HONOR | LX_TITLE))
                    cut = k + 1;
            if (cut > j && cut < e && (e - cut >= 2 || (qf_unit_name_bits(f, &u[cut]) & LX_FNAME)))
                j = cut;
            rs = j;
            re = e - 1;
            while (re > rs && is_ch(f, &u[re], '.'))
                re--;
            have = 1;
            head = 0;
            j = e;
            if (j < nu && (u[j].flags & UF_CLITIC)) /* Security Pacific's Bannon */
                j++;
            else if (j < nu && (u[j].flags & UF_CAP))
                break;
            continue;
        }
        if (have && (word_is(f, w, "who") || word_is(f, w, "whom") || word_is(f, w, "whose") || word_is(f, w, "which")))
            break; /* said Sen. Jim Whelan who represents Atlantic City: the relative clause is no premodifier */
        if (!(w->flags & UF_CAP) && !(w->lex & (LX_FUNC | LX_VERB | LX_AUX | LX_PRON | LX_DET | LX_ACCORD))) {
            if (w->lex & LX_TITLE)
                head = j;
            else if (head)
                break;
            j++;
            continue;
        }
        break;
    }
    if (head && j < nu && is_ch(f, &u[j], ',') && j + 1 < nu && (namey(&u[j + 1]) || (u[j + 1].lex & LX_HONOR))) {
        int32_t a, b; /* OPEC's secretary general, Mohammed Barkindo */
        uint8_t k;
        size_t e = np_forward(f, j + 1, &a, &b, &k);
        if (e && k == SPK_NAME) {
            *first = a;
            *last = b;
            *kind = k;
            return e;
        }
    }
    if (head) {
        *first = (int32_t)s;
        *last = (int32_t)head;
        *kind = SPK_DESC;
        return head + 1;
    }
    if (!have)
        return 0;
    *first = (int32_t)rs;
    *last = (int32_t)re;
    *kind = SPK_NAME;
    return re + 1 < nu && is_ch(f, &u[re + 1], '.') ? re + 2 : re + 1;
}

/* When unit *i closes a bracket, move *i to the unit before its opening; 0 when unmatched. */
static int before_brackets(const qf_finder *f, size_t *i)
{
    const qf_unit *u = f->u;
    if (!is_ch(f, &u[*i], ')'))
        return 1;
    size_t k = *i, lim = *i > 10 ? *i - 10 : 0;
    /* not barrier(): the abbreviation dot of "(D-Md.)" may be read as a sentence end */
    while (k > lim && !is_ch(f, &u[k], '(') && !(u[k].flags & (UF_MARK | UF_INQ | UF_PARA)))
        k--;
    if (!is_ch(f, &u[k], '(') || k == 0)
        return 0;
    *i = k - 1;
    return 1;
}

/* A party tag written as an appositive: R-Ky., D-N.Y., I-Vt. (no bracket). */
static int party_tag(const qf_finder *f, const qf_unit *w)
{
    const char *t = f->text + qf_unit_start(f, w);
    uint32_t n = qf_unit_end(f, w) - qf_unit_start(f, w);
    return w->type == QU_WORD && n >= 3 && n <= 6 && (t[0] == 'R' || t[0] == 'D' || t[0] == 'I') && t[1] == '-' &&
           t[2] >= 'A' && t[2] <= 'Z';
}

/* Whether a party tag ends right before unit k, as one unit (R-Ky) or as a tokenizer splits it
 * (R, -, Ky). */
static int party_tag_before(const qf_finder *f, size_t k)
{
    const qf_unit *u = f->u;
    if (k >= 1 && party_tag(f, &u[k - 1]))
        return 1;
    if (k < 3 || !is_ch(f, &u[k - 2], '-') || !namey(&u[k - 1]) || f->sp[k - 3].end - f->sp[k - 3].start != 1)
        return 0;
    char c = f->text[f->sp[k - 3].start];
    return u[k - 3].type == QU_WORD && (c == 'R' || c == 'D' || c == 'I') && f->sp[k - 3].end == f->sp[k - 2].start &&
           f->sp[k - 2].end == f->sp[k - 1].start;
}

/* The name opening the clause that ends at the comma i before a speech verb, when everything
 * between is appositives: Scott Roe, a fellow at the Center for Global Development, which
 * studies aid, said / Mr. Doe, now 81 and retired in Cambridge, Mass., said. The clause opens
 * at its sentence, after a closing quote mark and comma, or after one opening phrase ("In
 * March, Ana Ruiz, the minister, said"). Returns 0 when the clause opens with no name followed
 * by a comma. */
static size_t after_of_phrase(const qf_finder *f, size_t e);
static size_t after_brackets(const qf_finder *f, size_t e);
static int clause_name(const qf_finder *f, size_t i, int32_t *first, int32_t *last, uint8_t *kind)
{
    const qf_unit *u = f->u;
    size_t s = i, lim = i > 60 ? i - 60 : 0;
    while (s > lim && !(u[s].flags & UF_SENT) && !barrier(&u[s - 1]))
        s--;
    if (!(u[s].flags & UF_SENT) && !(s > 0 && barrier(&u[s - 1])))
        return 0;
    if (s < i && is_ch(f, &u[s], ','))
        s++; /* "...," Mr. Doe, now 81, said */
    if (s + 1 < i && word_is(f, &u[s], "as") && (u[s].flags & UF_SENT))
        s++; /* As Ana Roe, a law professor, put it: "..." */
    for (int tries = 0; tries < 2 && s < i; tries++) {
        int32_t a, b;
        uint8_t k;
        size_t e = np_forward(f, s, &a, &b, &k);
        if (e && k == SPK_NAME)
            e = after_of_phrase(f, after_brackets(f, e)); /* Holger Roe of Berenberg, a bank, said */
        if (e && e < i && k == SPK_NAME && is_ch(f, &u[e], ',') && !(u[a].flags & UF_HEAD) &&
            !qf_run_place(f, (size_t)a, (size_t)b)) {
            *first = a;
            *last = b;
            *kind = k;
            return 1;
        }
        if (e) /* a mention that is no name opening the clause: not this pattern */
            return 0;
        while (s < i && !is_ch(f, &u[s], ','))
            s++;
        s++;
    }
    return 0;
}

/* A person named before an "of" phrase that the capitalised run starting at s ends: Jeffrey
 * Lewis of the James Martin Center for Nonproliferation Studies / James Roe of the American
 * Enterprise Institute / Paul D. Ryan of Wisconsin. Hops back over the phrase's own for, and,
 * of, the; the run before an "of" is the person when it opens with a first name (after titles).
 * Sets the person's first and last unit and returns 1, or returns 0. */
static int person_before_of(const qf_finder *f, size_t s, int32_t *first, int32_t *last)
{
    const qf_unit *u = f->u;
    size_t k = s;
    for (int hops = 0; hops < 4 && k >= 2 && !(u[k].flags & UF_SENT); hops++) {
        size_t j = k - 1;
        if ((u[j].lex & LX_DET) && !(u[j].flags & UF_CAP) && j >= 1)
            j--; /* of the ... */
        const qf_unit *w = &u[j];
        if (w->type != QU_WORD || (w->flags & (UF_CAP | UF_INQ | UF_MARK)) || j < 1 ||
            !(word_of(f, w) || word_is(f, w, "for") || word_is(f, w, "and") || word_is(f, w, "on")))
            return 0;
        /* the run before the connector, initials included (Paul D. Ryan) */
        size_t e = j, n = j;
        while (n > 0 && !(u[n].flags & UF_SENT) &&
               (namey(&u[n - 1]) || (u[n - 1].lex & LX_HONOR) ||
                (is_ch(f, &u[n - 1], '.') && n >= 2 && f->sp[n - 2].end - f->sp[n - 2].start == 1 && namey(&u[n - 2]))))
            n--;
        if (n == e)
            return 0;
        if (word_of(f, w)) {
            size_t a = n; /* after the last title: House Speaker Paul D. Ryan */
            for (size_t t = n; t < e; t++)
                if (u[t].lex & (LX_HONOR | LX_TITLE))
                    a = t + 1;
            while (a < e && (u[a].lex & LX_NONNAME || is_ch(f, &u[a], '.')))
                a++;
            if (a + 1 < e && (qf_unit_name_bits(f, &u[a]) & LX_FNAME)) {
                size_t b = e - 1;
                *first = (int32_t)a;
                *last = (int32_t)b;
                return 1;
            }
        }
        k = n;
    }
    return 0;
}

/* Parse a speaker mention ending at unit i (the unit before the verb group), or return 0. */
static int np_backward(const qf_finder *f, size_t i, int32_t *first, int32_t *last, uint8_t *kind)
{
    const qf_unit *u = f->u;
    /* Skip has/also/later between subject and verb. */
    for (int k = 0; k < 3 && i > 0 && (u[i].lex & LX_AUX) && !(u[i].flags & UF_SENT); k++)
        i--;
    if (u[i].lex & LX_AUX)
        return 0;
    /* A party tag or aside in brackets: Rep. Jo Doe (R-Fla.) said. */
    if (!before_brackets(f, &i))
        return 0;
    /* Appositives between the clause's opening name and the verb: Ana Roe, the UN High
     * Commissioner for Refugees (UNHCR), said */
    if (is_ch(f, &u[i], ',') && i > 1 && clause_name(f, i, first, last, kind))
        return 1;
    /* A party tag before the comma: Gov. Jo Doe (R-Ohio), said. */
    if (is_ch(f, &u[i], ',') && i > 1 && is_ch(f, &u[i - 1], ')')) {
        size_t k = i - 1;
        if (before_brackets(f, &k) && k > 0 && namey(&u[k]))
            i = k;
    }
    /* An appositive between subject and verb: Dr Liang, the chairman, said. */
    int hopped = 0;
    if (is_ch(f, &u[i], ',') && i > 1) {
        size_t j = i - 1, lim = i > 24 ? i - 24 : 0;
        while (j > lim && !is_ch(f, &u[j], ',') && !barrier(&u[j]) && !(u[j].flags & UF_SENT))
            j--;
        if (!is_ch(f, &u[j], ',') || j == 0)
            return 0;
        /* The minister, Ana Ruiz, said: the name in apposition is the speaker. */
        size_t a = j + 1;
        while (a < i && (namey(&u[a]) || (u[a].lex & (LX_HONOR | LX_PARTICLE)) || is_ch(f, &u[a], '.')))
            a++;
        if (a == i && namey(&u[i - 1]) && !party_tag(f, &u[j + 1]) &&
            !(a == j + 2 && (qf_unit_name_bits(f, &u[j + 1]) & LX_PLACE))) {
            size_t s = j + 1;
            while (s < i && !namey(&u[s]))
                s++;
            *first = (int32_t)s;
            *last = (int32_t)(i - 1);
            *kind = SPK_NAME;
            return 1;
        }
        i = j - 1;
        hopped = 1;
        if (!before_brackets(f, &i)) /* Rep. Elijah Cummings (D-Md.), chair of ..., said */
            return 0;
    }
    if (u[i].type != QU_WORD || (u[i].flags & (UF_INQ | UF_MARK)))
        return 0;
    if (u[i].lex & LX_PRON) {
        *first = *last = (int32_t)i;
        *kind = SPK_PRON;
        return 1;
    }
    if (namey(&u[i])) {
        size_t s = i;
        while (s > 0 && !(u[s].flags & UF_SENT)) {
            const qf_unit *p = &u[s - 1];
            if (namey(p) || (p->type == QU_WORD && (p->lex & LX_HONOR)) ||
                ((p->lex & LX_PARTICLE) && s >= 2 && namey(&u[s - 2])))
                s--;
            else if (is_ch(f, p, '.') && s >= 2 &&
                     ((u[s - 2].lex & LX_HONOR) || (namey(&u[s - 2]) && f->sp[s - 2].end - f->sp[s - 2].start == 1)))
                s--; /* Dr. Liang, Harry M. Reid */
            else
                break;
        }
        /* in Salem, New Hampshire, Trump went after Bush, calling him: a place before the comma
         * ends an opening phrase, and what follows it is a clause, not an appositive */
        if (hopped && qf_run_place(f, s, i))
            return 0;
        /* Drop capitalised non-names at the front (sentence-initial "The", "But"). */
        while (s < i && (u[s].lex & LX_NONNAME) && !(u[s].lex & LX_HONOR))
            s++;
        if ((u[s].lex & LX_NONNAME) && s == i)
            return 0;
        int32_t pa, pb;
        if (person_before_of(f, s, &pa, &pb)) {
            *first = pa;
            *last = pb;
            *kind = SPK_NAME;
            return 1;
        }
        /* Tom Cole of Oklahoma said / Joel Pollak of Breitbart California observed: the person
         * is the name before "of" when it opens with a first name; Bank of America stays whole. */
        if (s >= 3 && !(u[s].flags & UF_SENT) && word_of(f, &u[s - 1]) && namey(&u[s - 2])) {
            size_t n = s - 2;
            while (n > 0 && !(u[n].flags & UF_SENT) && (namey(&u[n - 1]) || (u[n - 1].lex & LX_HONOR)))
                n--;
            while (n < s - 2 && (u[n].lex & (LX_NONNAME | LX_HONOR | LX_TITLE)))
                n++;
            if (n < s - 2 && (qf_unit_name_bits(f, &u[n]) & LX_FNAME)) {
                *first = (int32_t)n;
                *last = (int32_t)(s - 2);
                *kind = SPK_NAME;
                return 1;
            }
            size_t k = s;
            while (k < i && !(qf_unit_name_bits(f, &u[k]) & LX_FNAME))
                k++;
            if ((u[s - 2].lex & LX_TITLE) && !(u[s - 2].lex & LX_ORGN) && k < i)
                s = k; /* Secretary of State John Kerry: from the first name on */
            else if (!(u[n].lex & LX_TITLE) || (u[n].lex & LX_ORGN))
                s = n; /* Bank of America said: the whole name, not America */
        }
        *first = (int32_t)s;
        *last = (int32_t)i;
        /* "Police said", "Critics said": a role word capitalised only by its sentence */
        *kind = s == i && (u[s].flags & UF_SENT) && (u[s].lex & LX_TITLE) ? SPK_DESC : SPK_NAME;
        if (s == i && *kind == SPK_NAME && position_word(f, s))
            return 0;
        if (s == i && *kind == SPK_NAME && group_word(f, s))
            *kind = SPK_DESC;
        return 1;
    }
    if (u[i].lex & LX_TITLE) {
        /* the Huawei chairman / a spokeswoman for ... is read forward; here: back to a determiner. */
        size_t s = i;
        for (int k = 0; k < 5 && s > 0 && !(u[s].flags & UF_SENT); k++) {
            const qf_unit *p = &u[s - 1];
            if (p->type == QU_WORD && (p->lex & LX_DET)) {
                s--;
                break;
            }
            if (p->type != QU_WORD || (p->lex & (LX_VERB | LX_FUNC | LX_AUX | LX_PRON)) ||
                (p->flags & (UF_INQ | UF_MARK)))
                break;
            s--;
        }
        *first = (int32_t)s;
        *last = (int32_t)i;
        *kind = SPK_DESC;
        return 1;
    }
    return 0;
}

static void set_attr(qf_pair *p, int32_t cue, int32_t first, int32_t last, uint8_t kind)
{
    p->cue = cue;
    p->spk_first = first;
    p->spk_last = last;
    p->spk_kind = kind;
}

/* Unit index of the closing mark of p, or -1 when unclosed or not a unit. */
static int32_t close_unit(const qf_finder *f, const qf_pair *p)
{
    (void)f;
    return p->close_mark;
}

/* A description with no title word, read only right beside a speech verb. After the verb (after
 * = 1): a determiner and the words up to a comma, relative pronoun, verb or sentence end ("said a
 * mother of three who ..."), returns 1. Before the verb (after = 0): up to four lower-case words
 * ending right before a speech verb ("the hospital said", "one resident said"); returns the verb
 * unit, or 0. */
static size_t plain_desc(const qf_finder *f, size_t j, int after, int32_t *first, int32_t *last)
{
    const qf_unit *u = f->u;
    size_t nu = f->nu, k = j;
    if (j >= nu || u[j].type != QU_WORD || (u[j].flags & (UF_INQ | UF_MARK | UF_CAP)))
        return 0;
    if (after) {
        if (!(u[j].lex & LX_DET))
            return 0;
        while (k + 1 < nu && k < j + 8 && u[k + 1].type == QU_WORD && !(u[k + 1].flags & (UF_INQ | UF_MARK | UF_SENT)) &&
               !(u[k + 1].lex & (LX_VERB | LX_AUX | LX_PRON)) && !(u[k + 1].lex & LX_NONNAME && !(u[k + 1].lex & LX_FUNC)))
            k++;
        while (k > j && (u[k].lex & (LX_FUNC | LX_DET)))
            k--; /* not ending on "of", "the" */
        if (k == j)
            return 0;
        *first = (int32_t)j;
        *last = (int32_t)k;
        return 1;
    }
    for (; k < nu && k < j + 5; k++) {
        if (u[k].type == QU_WORD && (u[k].lex & LX_VERB) && k > j)
            break;
        if (u[k].flags & UF_CLITIC)
            continue; /* the city's engineer */
        if (u[k].type != QU_WORD || (u[k].flags & (UF_INQ | UF_MARK | UF_CAP)) ||
            (u[k].lex & (LX_FUNC | LX_AUX | LX_PRON)) || ((u[k].lex & LX_DET) && k > j))
            return 0;
    }
    if (k >= nu || k == j || !(u[k].lex & LX_VERB) || (u[k - 1].lex & LX_DET))
        return 0;
    *first = (int32_t)j;
    *last = (int32_t)k - 1;
    return k;
}

/* The unit after a bracketed aside opening at unit e (a party tag: Rep. Jo Doe (R-Fla.) said),
 * or e when there is none. */
static size_t after_brackets(const qf_finder *f, size_t e)
{
    const qf_unit *u = f->u;
    if (e >= f->nu || !is_ch(f, &u[e], '('))
        return e;
    /* not barrier(): the abbreviation dot of "(R-Fla.)" may be read as a sentence end */
    for (size_t k = e + 1; k < f->nu && k < e + 10 && !(u[k].flags & (UF_MARK | UF_INQ | UF_PARA)); k++)
        if (is_ch(f, &u[k], ')'))
            return k + 1;
    return e;
}

/* The unit after an "of" phrase naming where a person works or comes from, opening at unit e:
 * Jeffrey Lewis of the James Martin Center for Nonproliferation Studies / of Washington's
 * Institute for Science / of The Nation / of Wisconsin; e when there is none. The capitalised
 * run may hold lower-case for, and, of, on between its words. */
static size_t after_of_phrase(const qf_finder *f, size_t e)
{
    const qf_unit *u = f->u;
    if (e + 1 >= f->nu || !word_of(f, &u[e]))
        return e;
    size_t k = e + 1;
    if (u[k].lex & LX_DET)
        k++;
    size_t end = k;
    while (k < f->nu && k < e + 14) {
        if (namey(&u[k]) || ((u[k].lex & LX_NONNAME) && (u[k].flags & UF_CAP) && !(u[k].flags & (UF_INQ | UF_MARK)))) {
            end = ++k;
        } else if ((u[k].flags & UF_CLITIC) && k > e + 1) {
            k++;
        } else if (u[k].type == QU_WORD && !(u[k].flags & UF_CAP) && (u[k].lex & LX_FUNC) && k + 1 < f->nu &&
                   namey(&u[k + 1]) && (word_of(f, &u[k]) || word_is(f, &u[k], "for") || word_is(f, &u[k], "and") || word_is(f, &u[k], "on"))) {
            k++;
        } else {
            break;
        }
    }
    return end > e + 1 && namey(&u[end - 1]) ? end : e;
}

/* After a quotation closed by a full stop, a new sentence starts, and it is the attribution only
 * when it is nothing else: "...the 30,000 emails." Trump said. / ...' Mr. Roe said on Friday.
 * A name or pronoun, a speech verb and at most four more words, none of them a pronoun or
 * "that" (not: "...peace." Trump said he would go). */
static int closed_trailing(const qf_finder *f, qf_pair *p, size_t j)
{
    const qf_unit *u = f->u;
    int32_t a, b;
    uint8_t kind;
    if (j >= f->nu || (u[j].flags & (UF_PARA | UF_MARK)) || u[j].type != QU_WORD)
        return 0;
    size_t e = np_forward(f, j, &a, &b, &kind);
    if (!e || kind == SPK_DESC)
        return 0;
    e = after_brackets(f, e);
    if (kind == SPK_NAME)
        e = after_of_phrase(f, e);
    for (int n = 0; n < 3 && e < f->nu && (u[e].lex & LX_AUX); n++)
        e++;
    if (e >= f->nu || !(u[e].lex & LX_VERB) || (u[e].flags & (UF_INQ | UF_MARK)))
        return 0;
    size_t k = e + 1;
    for (int n = 0; k < f->nu && !(u[k].flags & UF_TERM); k++, n++)
        if (n >= 4 || (u[k].flags & (UF_INQ | UF_MARK | UF_SENT)) || (u[k].lex & LX_PRON) || word_is(f, &u[k], "that"))
            return 0;
    if (k >= f->nu)
        return 0;
    set_attr(p, (int32_t)e, a, b, kind);
    return 1;
}

/* A speech verb whose object is the one spoken to, never the speaker: "Priebus told Fox News:
 * "..."" is Priebus speaking. */
static int addressee_verb(const qf_finder *f, const qf_unit *w)
{
    static const char *const verbs[] = {"told", "tells", "tell", "telling", "asked",
                                        "asks", "asking", "urged", "assured", "reminded"};
    for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
        if (word_is(f, w, verbs[k]))
            return 1;
    return 0;
}

/* A credit paragraph after a paragraph that is only the quote (fact checks, "quotable" boxes):
 *   "We will balance the budget."
 *   - Jane Roe.        / -Gov. Jane Roe, at a rally in Dover.
 * The dash opens the paragraph; the name ends it or a comma follows it. A paragraph that goes on
 * after the name is prose, not a credit. */
static int credit_paragraph(const qf_finder *f, qf_pair *p, size_t d)
{
    const qf_unit *u = f->u;
    size_t o = p->u_start;
    if (!(u[d].flags & UF_PARA) || o >= f->nu || (o > 0 && !(u[o].flags & UF_PARA)))
        return 0;
    for (size_t lim = d + 2; d < f->nu && d < lim && is_dash(f, &u[d]);)
        d++;
    int32_t a, b;
    uint8_t kind;
    size_t e = np_forward(f, d, &a, &b, &kind);
    if (!e || kind != SPK_NAME)
        return 0;
    if (e < f->nu && !(u[e].flags & UF_PARA) && !is_ch(f, &u[e], ',') &&
        !(is_ch(f, &u[e], '.') && (e + 1 == f->nu || (u[e + 1].flags & UF_PARA))))
        return 0;
    set_attr(p, -1, a, b, kind);
    return 1;
}

static int trailing(const qf_finder *f, qf_pair *p)
{
    const qf_unit *u = f->u;
    int32_t c = close_unit(f, p);
    if (c < 0)
        return 0;
    /* A quotation closed by a full stop ends its sentence: what follows is a new sentence, not
     * the attribution ("... the peace." Trump then spoke). */
    size_t d = (size_t)c + 1;
    if (d < f->nu && is_dash(f, &u[d]) && !(u[d].flags & UF_PARA)) {
        /* a credit line: "..." — Nora Ellis, founder of Brightline / -- Paul Meyer */
        while (d < f->nu && d < (size_t)c + 3 && is_dash(f, &u[d]))
            d++;
        int32_t a, b;
        uint8_t kind;
        if (np_forward(f, d, &a, &b, &kind) && kind == SPK_NAME) {
            set_attr(p, -1, a, b, kind);
            return 1;
        }
        return 0;
    }
    if (d < f->nu && is_dash(f, &u[d]) && credit_paragraph(f, p, d))
        return 1;
    if (p->u_close > p->u_open && is_ch(f, &u[p->u_close - 1], '.'))
        return closed_trailing(f, p, (size_t)c + 1);
    size_t j = (size_t)c + 1;
    while (j < f->nu && j < (size_t)c + 3 && (is_ch(f, &u[j], ',') || is_ch(f, &u[j], '-')))
        j++;
    if (j >= f->nu || (u[j].flags & (UF_PARA | UF_MARK)) || u[j].type != QU_WORD)
        return 0;
    int32_t a, b;
    uint8_t kind;
    if (u[j].lex & LX_VERB) { /* said Dr Liang / said the chairman / said a mother of three */
        size_t e = np_forward(f, j + 1, &a, &b, &kind);
        if (e || plain_desc(f, j + 1, 1, &a, &b)) {
            set_attr(p, (int32_t)j, a, b, e ? kind : SPK_DESC);
            return 1;
        }
        return 0;
    }
    if ((u[j].lex & LX_ACCORD) && j + 2 < f->nu) {
        if (np_forward(f, j + 2, &a, &b, &kind)) {
            set_attr(p, (int32_t)j, a, b, kind);
            return 1;
        }
        return 0;
    }
    size_t e = np_forward(f, j, &a, &b, &kind);
    if (!e) { /* "...," the hospital said / one resident said / union leaders said */
        const qf_unit *l = p->u_close > p->u_open ? &u[p->u_close - 1] : NULL;
        if (!(l && (is_ch(f, l, ',') || is_ch(f, l, '?') || is_ch(f, l, '!'))) && !is_ch(f, &u[(size_t)c + 1], ','))
            return 0; /* the 'no spy' agreement continued: no attribution */
        size_t v = plain_desc(f, j, 0, &a, &b);
        if (!v)
            return 0;
        set_attr(p, (int32_t)v, a, b, SPK_DESC);
        return 1;
    }
    e = after_brackets(f, e);
    if (kind == SPK_NAME)
        e = after_of_phrase(f, e);
    if (e + 1 < f->nu && is_ch(f, &u[e], ',') && (u[e + 1].lex & LX_VERB))
        e++; /* the witness, Mr Gray, said */
    else if (e < f->nu && is_ch(f, &u[e], ',')) {
        size_t k = appositives_end(f, e, 40); /* Dr Liang, the chairman of Huawei, said */
        if (k)
            e = k;
    }
    for (int n = 0; n < 3 && e < f->nu && (u[e].lex & LX_AUX); n++)
        e++;
    if (e < f->nu && ((u[e].lex & LX_VERB) || phrase_verb(f, e)) && !(u[e].flags & (UF_INQ | UF_MARK))) {
        set_attr(p, (int32_t)e, a, b, kind);
        return 1;
    }
    return 0;
}

int32_t qf_attrib_verb_before(const qf_finder *f, size_t i, size_t reach)
{
    const qf_unit *u = f->u;
    for (size_t n = 0; i > 0 && n < reach; n++) {
        const qf_unit *p = &u[i - 1];
        if (barrier(p))
            return -1;
        i--;
        if (p->type == QU_WORD && (p->lex & LX_VERB))
            return (int32_t)i;
        if (i > 0 && phrase_verb(f, i - 1)) /* Smith shot back: "..." */
            return (int32_t)i - 1;
        if (p->flags & UF_SENT)
            return -1;
    }
    return -1;
}

int32_t qf_attrib_verb_after(const qf_finder *f, size_t i, size_t reach)
{
    const qf_unit *u = f->u;
    for (size_t n = 0; i < f->nu && n < reach; n++, i++) {
        const qf_unit *p = &u[i];
        if ((p->flags & (UF_SENT | UF_PARA)) && n > 0)
            return -1;
        if (p->flags & (UF_MARK | UF_INQ))
            return -1;
        if (p->type == QU_WORD && (p->lex & LX_VERB))
            return (int32_t)i;
        if (p->flags & UF_TERM)
            return -1;
    }
    return -1;
}

/* Try verbs before unit o (nearest first) whose subject parses; reach in units. */
static int leading(const qf_finder *f, qf_pair *p, size_t o, size_t reach)
{
    const qf_unit *u = f->u;
    size_t i = o;
    while (i > 0 && reach > 0) {
        int32_t v = qf_attrib_verb_before(f, i, reach);
        if (v < 0)
            return 0;
        reach -= i - (size_t)v;
        int32_t a, b;
        uint8_t kind;
        if (v > 0 && !(u[v].flags & UF_SENT) && np_backward(f, (size_t)v - 1, &a, &b, &kind)) {
            set_attr(p, v, a, b, kind);
            return 1;
        }
        /* "said Dr Liang:" before the quote; not the subject of a clause that the verb reports
         * (saying Clinton would "...": the next verb back has the speaker). */
        if (!addressee_verb(f, &u[v]) && np_forward(f, (size_t)v + 1, &a, &b, &kind) && kind == SPK_NAME &&
            ((size_t)b + 1 == o || ((size_t)b + 2 == o && (is_ch(f, &u[b + 1], ':') || is_ch(f, &u[b + 1], ','))) ||
             (o >= 1 && (u[v].flags & UF_SENT) && is_ch(f, &u[b + 1], ',') && is_ch(f, &u[o - 1], ',')))) {
            /* Said Dorothy Poynter, who grew up with him, "...": an inverted verb opening the
             * sentence, its appositives running to the quote */
            set_attr(p, v, a, b, kind);
            return 1;
        }
        i = (size_t)v;
    }
    return 0;
}

/* "according to X," somewhere before the quote in its sentence. */
static int according(const qf_finder *f, qf_pair *p, size_t o)
{
    const qf_unit *u = f->u;
    for (size_t i = o, n = 0; i > 0 && n < 30; n++) {
        i--;
        if (barrier(&u[i]))
            return 0;
        if ((u[i].lex & LX_ACCORD) && i + 2 < o) {
            int32_t a, b;
            uint8_t kind;
            if (np_forward(f, i + 2, &a, &b, &kind)) {
                set_attr(p, (int32_t)i, a, b, kind);
                return 1;
            }
        }
        if (u[i].flags & UF_SENT)
            return 0;
    }
    return 0;
}

static size_t open_unit(const qf_finder *f, const qf_pair *p)
{
    (void)f;
    return p->u_start;
}

/* Adjacent patterns only (1, 2): their presence also tells speech from scare quotes. */
static void adjacent(qf_finder *f, qf_pair *p)
{
    size_t o = open_unit(f, p);
    /* Leading attribution counts as adjacent only when the clause ends at the quote:
     * X said: "..." / X told reporters, "..." / X said "...". */
    const qf_unit *pv = o > 0 && o <= f->nu ? &f->u[o - 1] : NULL;
    if (!pv || !(is_ch(f, pv, ':') || is_ch(f, pv, ',') || (pv->lex & LX_VERB))) {
        if (!trailing(f, p))
            according(f, p, o);
        return;
    }
    if (p->flags & PIPE_QUOTEF_MULTI_PARAGRAPH) {
        if (leading(f, p, o, 8) || trailing(f, p) || according(f, p, o))
            return;
    } else if (trailing(f, p) || leading(f, p, o, 8) || according(f, p, o)) {
        return;
    }
}

static void inherit(qf_pair *p, const qf_pair *src)
{
    p->spk_first = src->spk_first;
    p->spk_last = src->spk_last;
    p->spk_kind = src->spk_kind;
    p->entity = src->entity;
    p->name_off = src->name_off;
    p->name_len = src->name_len;
    p->resolved = 1;
}

/* Speech verb with a readable subject in the sentence that ends just before unit o. */
static int previous_sentence(const qf_finder *f, qf_pair *p, size_t o)
{
    const qf_unit *u = f->u;
    if (o == 0)
        return 0;
    size_t end = o - 1;
    if (u[end].flags & (UF_INQ | UF_MARK))
        return 0;
    size_t s = end;
    while (s > 0 && !(u[s].flags & UF_SENT) && end - s < 60)
        s--;
    for (size_t v = s; v <= end; v++) {
        if (u[v].type != QU_WORD || !(u[v].lex & LX_VERB) || v == s || (u[v].flags & (UF_INQ | UF_MARK)))
            continue;
        int32_t a, b;
        uint8_t kind;
        if (np_backward(f, v - 1, &a, &b, &kind) && (size_t)a >= s) {
            set_attr(p, -1, a, b, kind);
            p->cue = -1;
            p->resolved = 1;
            return 1;
        }
    }
    return 0;
}

void qf_attrib_find(qf_finder *f)
{
    for (size_t k = 0; k < f->np; k++)
        if (f->p[k].level == 0)
            adjacent(f, &f->p[k]);
}

/* An attribution later in the quote's sentence: Sales "rose sharply" in March, analysts said. */
static int later_in_sentence(const qf_finder *f, qf_pair *p)
{
    if (p->close_mark < 0)
        return 0;
    /* A quote that ends its sentence or paragraph has no later part of its sentence: a verb in the
     * next one belongs to its own subject (..." <para> Aides said the plan ...). */
    size_t after = (size_t)p->close_mark + 1;
    if (after < f->nu && (f->u[after].flags & (UF_SENT | UF_PARA)))
        return 0;
    int32_t v = qf_attrib_verb_after(f, after, 40);
    if (v <= 0)
        return 0;
    const qf_unit *u = f->u;
    int32_t a, b;
    uint8_t kind;
    if (!is_ch(f, &u[v - 1], ',') && np_backward(f, (size_t)v - 1, &a, &b, &kind) && a > p->close_mark) {
        set_attr(p, v, a, b, kind);
        return 1;
    }
    if (is_ch(f, &u[v - 1], ',') && !addressee_verb(f, &u[v]) && np_forward(f, (size_t)v + 1, &a, &b, &kind)) {
        /* , said Smith (but ", told Politico": the one told) */
        set_attr(p, v, a, b, kind);
        return 1;
    }
    /* the aide to the governor, Pam Ito, told Reuters: the name before the comma */
    if (is_ch(f, &u[v - 1], ',') && addressee_verb(f, &u[v]) && np_backward(f, (size_t)v - 1, &a, &b, &kind) &&
        a > p->close_mark && kind == SPK_NAME) {
        set_attr(p, v, a, b, kind);
        return 1;
    }
    return 0;
}

/* First unit of the sentence holding unit o. */
static size_t sentence_start(const qf_finder *f, size_t o)
{
    size_t s = o < f->nu ? o : f->nu - 1;
    for (size_t n = 0; s > 0 && n < 200; n++) {
        /* the dot of a party tag may be read as a sentence end: Tom Hale, R-Ky., said */
        if ((f->u[s].flags & UF_SENT) && !(s >= 2 && is_ch(f, &f->u[s - 1], '.') && party_tag_before(f, s - 1)))
            break;
        s--;
    }
    return s;
}

/* A unit that is a lone apostrophe, ' or ’ (the possessive of a plural: Times' Ana Ruiz). */
static int apostrophe(const qf_finder *f, const qf_unit *w)
{
    const unsigned char *t = (const unsigned char *)f->text + qf_unit_start(f, w);
    uint32_t n = qf_unit_end(f, w) - qf_unit_start(f, w);
    return (n == 1 && t[0] == '\'') || (n == 3 && t[0] == 0xE2 && t[1] == 0x80 && t[2] == 0x99);
}

/* A label at the start of the sentence: `Name: "..."`, `Smith: the plan is "reckless"`. */
static int label(const qf_finder *f, qf_pair *p, size_t o)
{
    const qf_unit *u = f->u;
    size_t s = sentence_start(f, o);
    /* A label after a topic line and a dash: POLLS CLOSE EARLY - Jane Roe: "..." */
    if (o >= 3 && is_ch(f, &u[o - 1], ':') && namey(&u[o - 2])) {
        size_t a = o - 2;
        while (a > s && a + 6 > o && (namey(&u[a - 1]) || is_ch(f, &u[a - 1], '.')))
            a--;
        /* two people: - Mark Roe and Jon Poe: "..." (the pair is the speaker) */
        if (a >= s + 2 && word_is(f, &u[a - 1], "and") && namey(&u[a - 2])) {
            a -= 2;
            while (a > s && a + 12 > o && (namey(&u[a - 1]) || is_ch(f, &u[a - 1], '.')))
                a--;
        }
        /* ... or a credit: by The Ledger's Ana Ruiz: / More from Ruiz: / by Times' Ana Ruiz: */
        const qf_unit *b = a > s ? &u[a - 1] : NULL;
        int intro = b && (is_dash(f, b) || word_is(f, b, "by") || word_is(f, b, "from") || (b->flags & UF_CLITIC) ||
                          (a >= 2 && qf_unit_start(f, b) == f->sp[a - 2].end && apostrophe(f, b)));
        if (intro && namey(&u[a]) && !(b->flags & UF_PARA)) {
            set_attr(p, -1, (int32_t)a, (int32_t)o - 2, SPK_NAME);
            return 1;
        }
    }
    if (o >= 3 && is_ch(f, &u[o - 1], ':') && is_ch(f, &u[o - 2], ')')) {
        /* the dots of a tag (R-S.C.) may have been read as sentence ends: the line opens before it */
        size_t k = o - 2;
        if (before_brackets(f, &k))
            for (size_t n = 0; k > 0 && n < 6 && !(u[k].flags & UF_PARA); n++)
                k--;
        if (k < o && (k == 0 || (u[k].flags & UF_PARA)))
            s = k;
    }
    if ((u[s].lex & LX_HONOR) && (u[s].flags & UF_CAP)) {
        /* Rep. Trey Gowdy (R-S.C.): "..." (an honorific, and maybe a party tag, around the name) */
        int32_t a, b;
        uint8_t kind;
        size_t n = np_forward(f, s, &a, &b, &kind);
        n = n ? after_brackets(f, n) : 0;
        if (n && n < o && kind == SPK_NAME && is_ch(f, &u[n], ':') && b > a) {
            set_attr(p, -1, a, b, kind);
            return 1;
        }
    }
    size_t e = name_run(f, s);
    if (e == s || e - s > 4 || e >= o || !is_ch(f, &u[e], ':') || f->sp[e - 1].end - f->sp[s].start < 2)
        return 0; /* "Q:" is no one */
    set_attr(p, -1, (int32_t)s, (int32_t)e - 1, e - s == 1 && (u[s].lex & LX_TITLE) ? SPK_DESC : SPK_NAME);
    return 1;
}

/* A capitalised word opening a sentence that reads as an adverb or participle (Hastily, Kicking
 * off ...), unless it is a known first name (Kelly, Sterling). */
static int adverbish(const qf_finder *f, const qf_unit *w)
{
    const char *t = f->text + qf_unit_start(f, w);
    uint32_t n = qf_unit_end(f, w) - qf_unit_start(f, w);
    if (n < 5 || (qf_unit_name_bits(f, w) & LX_FNAME))
        return 0;
    return (t[n - 2] == 'l' && t[n - 1] == 'y') || (t[n - 3] == 'i' && t[n - 2] == 'n' && t[n - 1] == 'g');
}

/* The subject of the quote's sentence, for a quote inside reported speech that no verb
 * attributes: Clinton on Monday ripped into Sanders, calling him "...". The subject is the mention
 * that opens the sentence (after an opening phrase ending in a comma) and is followed by a verb. */
static int clause_subject(const qf_finder *f, qf_pair *p, size_t o)
{
    const qf_unit *u = f->u;
    size_t s = sentence_start(f, o);
    for (int tries = 0; tries < 3 && s < o; tries++) {
        int32_t a, b;
        uint8_t kind;
        /* And Mr. Christie gloated: / But Sen. Pat Toomey refused ... */
        if (tries == 0 && s + 1 < o && (word_is(f, &u[s], "and") || word_is(f, &u[s], "but")) &&
            !is_ch(f, &u[s + 1], ','))
            s++;
        size_t e = np_forward(f, s, &a, &b, &kind);
        /* Speaking in Salem, New Hampshire, Trump went ...: a place between the opening phrase's
         * comma after a capitalised word and another comma is that phrase's state or country */
        if (e && e + 1 < o && kind == SPK_NAME && s >= 2 && is_ch(f, &u[s - 1], ',') &&
            (u[s - 2].flags & UF_CAP) && is_ch(f, &u[e], ',') && qf_run_place(f, (size_t)a, (size_t)b)) {
            s = e + 1;
            tries--; /* still the same opening phrase: "At an event in Ames, Iowa, on Sunday, she" */
            continue;
        }
        if (e && e < o && (kind != SPK_DESC || b > a) && !(kind == SPK_NAME && a == b && adverbish(f, &u[a]))) {
            size_t v = e;
            if (v < o && is_ch(f, &u[v], ',')) { /* an appositive: Smith, the chairman, ... */
                size_t k = v + 1;
                /* the dot of a party tag is no sentence end: Mitch McConnell, R-Ky., delivered */
                while (k < o && k < v + 24 && !is_ch(f, &u[k], ',') &&
                       (!barrier(&u[k]) || (is_ch(f, &u[k], '.') && party_tag_before(f, k))))
                    k++;
                v = k < o && is_ch(f, &u[k], ',') ? k + 1 : o;
            }
            if (v + 1 < o && kind == SPK_NAME && word_of(f, &u[v]) && namey(&u[v + 1]))
                v = name_run(f, v + 1);          /* Tom Cole of Oklahoma condemned ... */
            if (v < o && is_ch(f, &u[v], '(')) { /* a party tag: Rep. Jo Doe (R-Fla.) */
                while (v < o && !is_ch(f, &u[v], ')'))
                    v++;
                v += v < o;
            }
            int32_t sv = qf_attrib_verb_after(f, e, 40); /* Clinton, during a town hall in Columbus, Ohio, said */
            if (sv > 0 && (size_t)sv < o && is_ch(f, &u[sv - 1], ',') && is_ch(f, &u[e], ','))
                v = (size_t)sv;
            if (v < o && u[v].type == QU_WORD && !(u[v].flags & UF_CAP) &&
                (!(u[v].lex & (LX_FUNC | LX_DET | LX_PRON)) || (u[v].lex & LX_AUX))) {
                set_attr(p, -1, a, b, kind);
                return 1;
            }
        }
        /* After an opening phrase: "In March, the senator ...", "After the attacks, Trump ..." */
        size_t k = s;
        while (k < o && k < s + 30 && !is_ch(f, &u[k], ',') && !barrier(&u[k]))
            k++;
        if (k >= o || !is_ch(f, &u[k], ','))
            return 0;
        s = k + 1;
    }
    return 0;
}

/* Called by qf_find after kinds are known and adjacent speakers resolved. */
void qf_attrib_fallback(qf_finder *f, void (*name)(qf_finder *, qf_pair *));
void qf_attrib_fallback(qf_finder *f, void (*name)(qf_finder *, qf_pair *))
{
    int32_t last_para_src = -1; /* last attributed direct quote, for the next paragraph */
    for (size_t k = 0; k < f->np; k++) {
        qf_pair *p = &f->p[k];
        if (p->level != 0 || p->kind == PIPE_QUOTE_SCARE)
            continue;
        if (p->spk_first < 0) {
            size_t o = open_unit(f, p);
            /* 3: reported speech in the same sentence */
            int inside = !(o < f->nu && (f->u[o].flags & UF_SENT));
            int colon = o > 0 && o <= f->nu && is_ch(f, &f->u[o - 1], ':');
            if ((inside && leading(f, p, o, 40)) || later_in_sentence(f, p) || label(f, p, o) ||
                ((inside || colon) && clause_subject(f, p, colon ? o - 1 : o))) {
                name(f, p);
            } else {
                /* 4: neighbours */
                const qf_pair *prev = NULL;
                for (size_t j = k; j-- > 0;) {
                    if (f->p[j].level != 0 || f->p[j].kind == PIPE_QUOTE_SCARE)
                        continue;
                    if (f->p[j].para == p->para && f->p[j].name_len)
                        prev = &f->p[j];
                    break;
                }
                if (prev) {
                    inherit(p, prev);
                } else if (previous_sentence(f, p, o)) {
                    name(f, p);
                } else if (o > 0 && o < f->nu && !(f->u[o].flags & UF_PARA) && clause_subject(f, p, o - 1)) {
                    p->resolved = 1; /* the person the sentence before is about: Mr Lopez spoke. "I ..." */
                    name(f, p);
                } else if (last_para_src >= 0 && f->p[last_para_src].para + 1 == p->para &&
                           o < f->nu && (f->u[o].flags & UF_PARA)) {
                    inherit(p, &f->p[last_para_src]);
                } else {
                    for (size_t j = k + 1; j < f->np && f->p[j].para == p->para; j++) {
                        if (f->p[j].level != 0 || f->p[j].kind == PIPE_QUOTE_SCARE)
                            continue;
                        if (f->p[j].spk_first >= 0) {
                            if (!f->p[j].name_len && f->p[j].spk_first >= 0)
                                name(f, &f->p[j]);
                            inherit(p, &f->p[j]);
                        }
                        break;
                    }
                }
            }
        }
        if (p->name_len)
            last_para_src = (int32_t)k;
    }
}
