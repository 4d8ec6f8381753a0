/*
 * qf_marks.c: which quote-mark characters are quotes, and how they pair.
 *
 * One left-to-right pass with a small stack per paragraph (linear time; the
 * stack is capped, so a text made of nothing but marks costs O(n)).
 * Each character is judged by what touches it: a mark with a letter on
 * both sides is an apostrophe (don’t, Huawei’s), ’ before digits is an
 * elision (the ’90s), and a right-flanking ’ or ' with no single quote open
 * is a plural possessive (students’ union). Typographic marks keep their
 * direction unless it contradicts the context (German „…“, Swedish ”…”,
 * reversed »…«); straight marks toggle.
 *
 * At a paragraph end an open quote either continues (the newspaper
 * convention: the next paragraph opens with a mark of the same family and
 * only the last paragraph closes), or is closed at the paragraph end with
 * PIPE_QUOTEF_UNCLOSED, so one stray mark never swallows the rest of the
 * document. Open single quotes from ambiguous characters (' ’) are dropped
 * instead: unclosed they are far more often apostrophes than quotes.
 */
#include <stdlib.h>
#include <string.h>

#include "qf_internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

enum { FAM_NONE = 0,
       FAM_DOUBLE,
       FAM_SINGLE,
       FAM_GUIL,
       FAM_SGUIL };
enum { CX_SP = 0,
       CX_AL,
       CX_OPEN,
       CX_MARK,
       CX_PUNCT,
       CX_DASH };

#define STACK_MAX 32

typedef struct open_mark {
    uint32_t start, end;
    uint8_t cls, fam;
    uint8_t multi;
} open_mark;

/* Mark class of the character at t[i] and its length (0 = not a mark). */
static int mark_at(const unsigned char *t, size_t len, size_t i, size_t *n)
{
    unsigned char b = t[i];
    *n = 1;
    if (b == '"')
        return QM_STRAIGHT_D;
    if (b == '\'') {
        int sp_before = i == 0 || t[i - 1] == ' ' || t[i - 1] == '\n', sp_after = i + 2 >= len || t[i + 2] == ' ';
        if (i + 1 < len && t[i + 1] == '\'' && (i == 0 || t[i - 1] != '\'') && !(sp_before && sp_after)) {
            *n = 2; /* NYT's '' (and LaTeX's closing ''): one double mark, not two singles */
            return QM_STRAIGHT_D;
        }
        return QM_STRAIGHT_S;
    }
    if (b == '`') {
        if (i + 1 < len && t[i + 1] == '`') {
            *n = 2; /* LaTeX and NYT ``: an opening double mark */
            return QM_LDQ;
        }
        return QM_NONE;
    }
    if (b == 0xC2 && i + 1 < len) {
        *n = 2;
        return t[i + 1] == 0xAB ? QM_LAQ : t[i + 1] == 0xBB ? QM_RAQ :
                                                              QM_NONE;
    }
    if (b == 0xE2 && i + 2 < len && t[i + 1] == 0x80) {
        *n = 3;
        switch (t[i + 2]) {
        case 0x98:
        case 0x9B:
            return QM_LSQ;
        case 0x99:
            return QM_RSQ;
        case 0x9A:
            return QM_LOW_S;
        case 0x9C:
            return QM_LDQ;
        case 0x9D:
            return QM_RDQ;
        case 0x9E:
            return QM_LOW_D;
        case 0x9F:
            return QM_REV_D;
        case 0xB9:
            return QM_LSAQ;
        case 0xBA:
            return QM_RSAQ;
        default:
            break;
        }
    }
    return QM_NONE;
}

static int family(int cls)
{
    switch (cls) {
    case QM_STRAIGHT_D:
    case QM_LDQ:
    case QM_RDQ:
    case QM_LOW_D:
    case QM_REV_D:
        return FAM_DOUBLE;
    case QM_STRAIGHT_S:
    case QM_LSQ:
    case QM_RSQ:
    case QM_LOW_S:
        return FAM_SINGLE;
    case QM_LAQ:
    case QM_RAQ:
        return FAM_GUIL;
    case QM_LSAQ:
    case QM_RSAQ:
        return FAM_SGUIL;
    default:
        return FAM_NONE;
    }
}

/* Context class of the character at t[i] (i may be out of range: white space). */
static int ctx_at(const unsigned char *t, size_t len, size_t i)
{
    if (i >= len)
        return CX_SP;
    unsigned char b = t[i];
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v')
        return CX_SP;
    if (b == 0xC2 && i + 1 < len && t[i + 1] == 0xA0)
        return CX_SP;
    size_t n;
    if (mark_at(t, len, i, &n))
        return CX_MARK;
    if (qf_is_alnum_at((const char *)t, len, i))
        return CX_AL;
    if (b == '(' || b == '[' || b == '{' || b == '/')
        return CX_OPEN;
    if (b == '-' || (b == 0xE2 && i + 2 < len && t[i + 1] == 0x80 && (t[i + 2] == 0x93 || t[i + 2] == 0x94)))
        return CX_DASH;
    if (b == 0xE2 && i + 2 < len && t[i + 1] == 0x80 && t[i + 2] >= 0x80 && t[i + 2] <= 0x8A)
        return CX_SP;
    return CX_PUNCT;
}

/* Start of the character before offset i (skips UTF-8 continuation bytes). */
static size_t prev_char(const unsigned char *t, size_t i)
{
    size_t j = i - 1, k = 0;
    while (j > 0 && k < 3 && (t[j] & 0xC0) == 0x80) {
        j--;
        k++;
    }
    return j;
}

/* ’em, 'tis, 'twas, 'til, 'cause, 'n': elisions that start a word. */
static int elision_after(const unsigned char *t, size_t len, size_t i)
{
    static const char *const el[] = {"em", "tis", "twas", "til", "cause", "n", "bout", NULL};
    for (size_t k = 0; el[k]; k++) {
        size_t l = strlen(el[k]);
        if (i + l <= len && strncmp((const char *)t + i, el[k], l) == 0 &&
            !qf_is_alnum_at((const char *)t, len, i + l))
            return 1;
    }
    return 0;
}

/* What touches the mark t[ms..me): context classes before (pc) and after (nc), and whether it
 * is left-flanking (can open) or right-flanking (can close). */
static void flanks(const unsigned char *t, size_t len, uint32_t ms, uint32_t me, int *pc, int *nc, int *left,
                   int *right)
{
    *pc = ms == 0 ? CX_SP : ctx_at(t, len, prev_char(t, ms));
    *nc = ctx_at(t, len, me);
    *left = *nc != CX_SP && (*pc == CX_SP || *pc == CX_OPEN || *pc == CX_MARK || *pc == CX_DASH);
    *right = *pc != CX_SP && *pc != CX_OPEN &&
             (*nc == CX_SP || *nc == CX_PUNCT || *nc == CX_MARK || *nc == CX_DASH);
}

/* Whether the mark t[ms..me) of class cls would be pushed by qf_marks_pair() onto an empty stack
 * (mirrors its switch for k < 0). */
static int opens_on_empty(const unsigned char *t, size_t len, uint32_t ms, uint32_t me, int cls)
{
    int pc, nc, left, right;
    flanks(t, len, ms, me, &pc, &nc, &left, &right);
    switch (cls) {
    case QM_STRAIGHT_D:
        return left || !right;
    case QM_LSQ:
        return !(pc == CX_AL && nc == CX_AL);
    case QM_RSQ:
    case QM_STRAIGHT_S:
        if (pc == CX_AL && nc == CX_AL)
            return 0;
        if (pc != CX_AL && nc == CX_AL && ((t[me] >= '0' && t[me] <= '9') || elision_after(t, len, me)))
            return 0;
        return left && !right;
    case QM_RDQ:
    case QM_RAQ:
    case QM_RSAQ:
        return left && !right;
    case QM_LOW_S:
        return left && nc == CX_AL;
    default: /* “ „ ‟ « ‹ always open */
        return 1;
    }
}

/* Bytes that may start a mark: " ' (` when the text has one) and lead bytes 0xC2 (« ») and 0xE2
 * (the U+20xx marks). Eight bytes at a time: any non-ASCII byte, or a byte equal to " or ' (the
 * classic zero-byte test, exact for "is there any"), stops the skip. Backticks are rare: a text
 * gets the third test only when memchr() found one in it (tick != 0). */
static inline size_t skip_plain(const unsigned char *t, size_t len, size_t i, int tick)
{
#if defined(__SSE2__)
    /* Sixteen bytes at a time, landing on the first byte that may start a mark (the 8-byte loop
     * below stops at the block that holds it, and the caller steps to it byte by byte). Without a
     * backtick in the text the third compare repeats the first. */
    const __m128i dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\''), bt = _mm_set1_epi8(tick ? '`' : '"');
    while (i + 16 <= len) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, bt), v)); /* v: its high bits */
        unsigned bits = (unsigned)_mm_movemask_epi8(hit);
        if (bits)
            return i + (unsigned)__builtin_ctz(bits);
        i += 16;
    }
#endif
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    if (tick) {
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, t + i, 8);
            uint64_t d = w ^ (ones * '"'), s = w ^ (ones * '\''), g = w ^ (ones * '`');
            if (((w | ((d - ones) & ~d) | ((s - ones) & ~s) | ((g - ones) & ~g)) & highs) != 0)
                break;
            i += 8;
        }
        return i;
    }
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, t + i, 8);
        uint64_t d = w ^ (ones * '"'), s = w ^ (ones * '\'');
        if (((w | ((d - ones) & ~d) | ((s - ones) & ~s)) & highs) != 0)
            break;
        i += 8;
    }
    return i;
}

int qf_marks_possible(const char *text, size_t len)
{
    const unsigned char *t = (const unsigned char *)text;
    size_t i = 0;
    int tick = memchr(text, '`', len) != NULL;
    for (;;) {
        i = skip_plain(t, len, i, tick);
        if (i >= len)
            return 0;
        unsigned char b = t[i];
        size_t n;
        int cls = (b == '"' || b == '\'' || b == '`' || b == 0xC2 || b == 0xE2) ? mark_at(t, len, i, &n) : QM_NONE;
        if (cls == QM_NONE) {
            i++;
            continue;
        }
        if (opens_on_empty(t, len, (uint32_t)i, (uint32_t)(i + n), cls))
            return 1;
        i += n;
    }
}

typedef struct pairing {
    qf_finder *f;
    open_mark st[STACK_MAX];
    int n;
} pairing;

static int content_has_alnum(const qf_finder *f, uint32_t s, uint32_t e)
{
    for (uint32_t i = s; i < e; i++)
        if (qf_is_alnum_at(f->text, f->len, i))
            return 1;
    return 0;
}

static int emit(pairing *pr, const open_mark *o, uint32_t cs, uint32_t ce, uint32_t end, uint32_t flags)
{
    qf_finder *f = pr->f;
    const unsigned char *t = (const unsigned char *)f->text;
    /* « French spacing » and stray blanks are not part of the words. */
    while (cs < ce && (t[cs] == ' ' || t[cs] == '\n' || t[cs] == '\t' || t[cs] == '\r'))
        cs++;
    while (cs + 1 < ce && t[cs] == 0xC2 && t[cs + 1] == 0xA0)
        cs += 2;
    while (ce > cs && (t[ce - 1] == ' ' || t[ce - 1] == '\n' || t[ce - 1] == '\t' || t[ce - 1] == '\r'))
        ce--;
    while (ce >= cs + 2 && t[ce - 2] == 0xC2 && t[ce - 1] == 0xA0)
        ce -= 2;
    if (ce <= cs || !content_has_alnum(f, cs, ce))
        return 0; /* "" or " - ": a pair of marks, but nothing was quoted */
    if (f->np == f->capp && qf_grow((void **)&f->p, &f->capp, f->np + 1, sizeof(qf_pair)))
        return -1;
    pipe_prefault(f->p, f->capp * sizeof(qf_pair), (f->np + 1) * sizeof(qf_pair), &f->p_present);
    qf_pair *p = &f->p[f->np++];
    memset(p, 0, sizeof *p);
    p->start = o->start;
    p->end = end;
    p->content_start = cs;
    p->content_end = ce;
    p->flags = flags | (o->multi ? PIPE_QUOTEF_MULTI_PARAGRAPH : 0);
    p->cue = p->spk_first = p->spk_last = p->entity = -1;
    return 0;
}

/* Innermost open entry of family fam, not crossing a stronger family when `strict`; -1 if none. */
static int find_open(const pairing *pr, int fam, int strict)
{
    for (int k = pr->n - 1; k >= 0; k--) {
        if (pr->st[k].fam == fam)
            return k;
        if (strict && pr->st[k].fam != FAM_SINGLE)
            return -1;
    }
    return -1;
}

static int close_at(pairing *pr, int k, uint32_t ms, uint32_t me)
{
    open_mark o = pr->st[k];
    pr->n = k; /* entries above k were never closed: apostrophes or strays */
    return emit(pr, &o, o.end, ms, me, 0);
}

static void push(pairing *pr, uint32_t s, uint32_t e, int cls)
{
    if (pr->n == STACK_MAX)
        return; /* deeper nesting is noise; ignoring it keeps the pass linear */
    open_mark *o = &pr->st[pr->n++];
    o->start = s;
    o->end = e;
    o->cls = (uint8_t)cls;
    o->fam = (uint8_t)family(cls);
    o->multi = 0;
}

static int strong_opener(int cls)
{
    return cls != QM_STRAIGHT_S && cls != QM_RSQ;
}

/* End of the last non-space byte before offset `next` (a paragraph start). */
static uint32_t para_end(const qf_finder *f, uint32_t next)
{
    const unsigned char *t = (const unsigned char *)f->text;
    uint32_t e = next;
    while (e > 0) {
        unsigned char b = t[e - 1];
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v')
            e--;
        else if (b == 0xA0 && e >= 2 && t[e - 2] == 0xC2)
            e -= 2;
        else
            break;
    }
    return e;
}

/* Handle the end of a paragraph whose successor starts at `next` (len at the end of the text).
 * Returns the offset of a continuation mark to skip, or UINT32_MAX. */
static uint32_t end_paragraph(pairing *pr, uint32_t next, int *err)
{
    qf_finder *f = pr->f;
    const unsigned char *t = (const unsigned char *)f->text;
    if (pr->n == 0)
        return UINT32_MAX;
    if (next < f->len) {
        size_t n;
        int cls = mark_at(t, f->len, next, &n);
        int fam = family(cls);
        int opener = cls == QM_STRAIGHT_D || cls == QM_LDQ || cls == QM_LOW_D || cls == QM_STRAIGHT_S ||
                     cls == QM_LSQ || cls == QM_LAQ || cls == QM_RAQ || cls == QM_LSAQ || cls == QM_RSAQ;
        if (opener && fam == pr->st[0].fam && ctx_at(t, f->len, next + n) != CX_SP &&
            (fam != FAM_SINGLE || strong_opener(pr->st[0].cls) || cls == QM_STRAIGHT_S)) {
            pr->n = 1;
            pr->st[0].multi = 1;
            return next;
        }
    }
    uint32_t e = para_end(f, next);
    for (int k = pr->n - 1; k >= 0; k--) {
        open_mark o = pr->st[k];
        if (strong_opener(o.cls) && e > o.end && emit(pr, &o, o.end, e, e, PIPE_QUOTEF_UNCLOSED))
            *err = 1;
    }
    pr->n = 0;
    return UINT32_MAX;
}

static int cmp_pair(const void *a, const void *b)
{
    const qf_pair *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

/*
 * Sort the pairs by cmp_pair. They come out of the pairing as their closing marks come, which is
 * the order of their openings except where one pair is nested in another: insertion sort moves
 * each outer pair back past the few inside it, O(n) in all, where qsort took O(n log n) compares
 * and, in glibc, a scratch copy of the whole array (8 MB of quotations with speakers: 363,637
 * pairs, 27 MB). Past a budget of moves (crossing pairs from separate mark families) qsort
 * finishes the job. Both are stable (glibc's qsort merges when it has the memory), so the order
 * is the same either way.
 */
static void sort_pairs(qf_pair *p, size_t n)
{
    size_t budget = 64 * n;
    for (size_t i = 1; i < n; i++) {
        if (cmp_pair(&p[i - 1], &p[i]) <= 0)
            continue;
        qf_pair x = p[i];
        size_t j = i;
        for (; j > 0 && cmp_pair(&p[j - 1], &x) > 0 && budget > 0; j--, budget--)
            p[j] = p[j - 1];
        p[j] = x;
        if (budget == 0) {
            qsort(p, n, sizeof *p, cmp_pair);
            return;
        }
    }
}

int qf_marks_pair(qf_finder *f)
{
    const unsigned char *t = (const unsigned char *)f->text;
    size_t len = f->len;
    pairing pr;
    pr.f = f;
    pr.n = 0;
    f->np = 0;
    size_t para = 0; /* index of the paragraph after the current one */
    while (para < f->npara && f->para_start[para] == 0)
        para++;
    uint32_t skip_at = UINT32_MAX;
    int err = 0;
    int tick = memchr(t, '`', len) != NULL;
    for (size_t i = 0; i < len; i++) {
        i = skip_plain(t, len, i, tick);
        if (i >= len)
            break;
        unsigned char b = t[i];
        if (b != '"' && b != '\'' && b != '`' && b != 0xC2 && b != 0xE2)
            continue;
        while (para < f->npara && f->para_start[para] <= i) {
            uint32_t s = end_paragraph(&pr, f->para_start[para], &err);
            if (s != UINT32_MAX)
                skip_at = s;
            para++;
        }
        if (err)
            return -1;
        size_t n;
        int cls = mark_at(t, len, i, &n);
        if (!cls)
            continue;
        uint32_t ms = (uint32_t)i, me = (uint32_t)(i + n);
        i += n - 1;
        if (ms == skip_at)
            continue; /* the opening mark of a continued paragraph */
        int pc, nc, left, right;
        flanks(t, len, ms, me, &pc, &nc, &left, &right);
        int fam = family(cls), k, rc = 0;
        switch (cls) {
        case QM_STRAIGHT_D:
            k = find_open(&pr, FAM_DOUBLE, 0);
            if (k >= 0 && !(left && !right))
                rc = close_at(&pr, k, ms, me);
            else if (left || !right)
                push(&pr, ms, me, cls);
            break;
        case QM_LDQ:
        case QM_LSQ:
            k = find_open(&pr, fam, 0);
            if (cls == QM_LSQ && pc == CX_AL && nc == CX_AL)
                break; /* ‘ typed for an apostrophe */
            if (k >= 0 && (pr.st[k].cls == QM_LOW_D || pr.st[k].cls == QM_LOW_S) && (right || !left))
                rc = close_at(&pr, k, ms, me); /* German „…“ */
            else if (k >= 0 && right && !left)
                rc = close_at(&pr, k, ms, me);
            else
                push(&pr, ms, me, cls);
            break;
        case QM_RDQ:
            k = find_open(&pr, FAM_DOUBLE, 0);
            if (k >= 0)
                rc = close_at(&pr, k, ms, me);
            else if (left && !right)
                push(&pr, ms, me, cls); /* Swedish ”…”, or a misused opener */
            break;
        case QM_RSQ:
        case QM_STRAIGHT_S:
            if (pc == CX_AL && nc == CX_AL)
                break; /* don’t, Huawei’s */
            if (pc != CX_AL && nc == CX_AL &&
                ((t[me] >= '0' && t[me] <= '9') || elision_after(t, len, me)))
                break; /* the ’90s, ’em */
            k = find_open(&pr, FAM_SINGLE, 1);
            if (k >= 0 && (right || !left))
                rc = close_at(&pr, k, ms, me);
            else if (left && !right)
                push(&pr, ms, me, cls);
            /* otherwise: a plural possessive (students’ union) or a stray mark */
            break;
        case QM_LOW_D:
        case QM_REV_D:
            push(&pr, ms, me, cls);
            break;
        case QM_LOW_S:
            if (left && nc == CX_AL)
                push(&pr, ms, me, cls);
            break;
        case QM_LAQ:
        case QM_LSAQ:
            k = find_open(&pr, fam, 0);
            if (k >= 0 && (pr.st[k].cls == QM_RAQ || pr.st[k].cls == QM_RSAQ) && (right || !left))
                rc = close_at(&pr, k, ms, me); /* reversed »…« */
            else
                push(&pr, ms, me, cls);
            break;
        case QM_RAQ:
        case QM_RSAQ:
            k = find_open(&pr, fam, 0);
            if (k >= 0 && (pr.st[k].cls == QM_LAQ || pr.st[k].cls == QM_LSAQ))
                rc = close_at(&pr, k, ms, me);
            else if (left && !right)
                push(&pr, ms, me, cls);
            break;
        default:
            break;
        }
        if (rc)
            return -1;
    }
    while (para < f->npara) {
        end_paragraph(&pr, f->para_start[para], &err);
        para++;
    }
    end_paragraph(&pr, (uint32_t)len, &err);
    if (err)
        return -1;
    sort_pairs(f->p, f->np);
    /* Levels from the spans: pairs from one stack are nested or disjoint. */
    uint32_t ends[STACK_MAX + 2];
    int depth = 0;
    for (size_t k = 0; k < f->np; k++) {
        while (depth > 0 && ends[depth - 1] <= f->p[k].start)
            depth--;
        if (depth > 0 && f->p[k].end > ends[depth - 1])
            f->p[k].end = ends[depth - 1]; /* cannot happen; keeps nesting an invariant */
        if (f->p[k].content_end > f->p[k].end)
            f->p[k].content_end = f->p[k].end;
        f->p[k].level = (uint16_t)depth;
        if (depth < STACK_MAX + 2)
            ends[depth++] = f->p[k].end;
    }
    return 0;
}

void qf_marks_units(qf_finder *f)
{
    size_t o = 0; /* pairs are sorted by start: each search gallops on from the previous one */
    for (size_t k = 0; k < f->np; k++) {
        qf_pair *p = &f->p[k];
        o = qf_unit_at_from(f, o, p->start);
        size_t a = qf_unit_at_from(f, o, p->content_start), b = qf_unit_at_from(f, a, p->content_end);
        size_t cu = qf_unit_at_from(f, b, p->end);
        p->u_open = (uint32_t)a;
        p->u_close = (uint32_t)b;
        p->u_start = (uint32_t)o;
        p->u_end = (uint32_t)cu;
        for (size_t j = a; j < b; j++)
            f->u[j].flags |= UF_INQ;
        /* The mark units themselves (the tokenizer or our scan made a punctuation unit of each). */
        if (o < f->nu && f->sp[o].start == p->start) {
            f->u[o].flags |= UF_MARK;
            /* An opening mark starts the sentence its first word starts. */
            if (o + 1 < f->nu && (f->u[o + 1].flags & UF_SENT) && !(f->u[o].flags & UF_INQ)) {
                f->u[o].flags |= UF_SENT | (f->u[o + 1].flags & UF_PARA);
                f->u[o + 1].flags &= (uint16_t) ~(UF_SENT | UF_PARA);
            }
        }
        p->close_mark = -1;
        if (!(p->flags & PIPE_QUOTEF_UNCLOSED) && cu > 0 && f->sp[cu - 1].end == p->end &&
            f->sp[cu - 1].start >= p->content_end) {
            p->close_mark = (int32_t)(cu - 1);
            f->u[cu - 1].flags |= UF_MARK;
        }
        if (p->para == 0) {
            size_t lo = 0, hi = f->npara;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (f->para_start[mid] <= p->start)
                    lo = mid + 1;
                else
                    hi = mid;
            }
            p->para = lo ? (uint32_t)(lo - 1) : 0;
        }
    }
}
