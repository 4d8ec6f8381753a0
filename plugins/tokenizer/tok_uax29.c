/*
 * tok_uax29.c: the word boundary rules of Unicode Standard Annex #29
 * (https://www.unicode.org/reports/tr29/, revision for Unicode 15.0).
 *
 * tok_wb_segment() scans forward from a boundary to the next one. Rules
 * WB3-WB3d look at raw neighbours; WB4 makes Extend/Format/ZWJ transparent,
 * so the later rules compare the last non-ignorable code point ("eff") with
 * the next one, looking one more code point back (WB7, WB7c, WB11) or ahead
 * (WB6, WB7b, WB12) when the rule needs it. A forward scan from a boundary
 * is exact: a look-back rule can only apply where the matching look-ahead
 * rule kept the previous position together, so it never reaches across the
 * segment's start.
 */
#include "tok_internal.h"

/* What rule WB5-WB16 says about eff x next (decided on the pair alone, or
 * with one more code point of context). */
enum wb_action {
    WB_BREAK = 0,  /* WB999 */
    WB_JOIN,       /* WB5, WB7a, WB8, WB9, WB10, WB13, WB13a, WB13b */
    WB_AHEAD_AHL,  /* WB6: join if the code point after next is AHLetter */
    WB_AHEAD_HL,   /* WB7b: join if the code point after next is Hebrew_Letter */
    WB_AHEAD_NUM,  /* WB12: join if the code point after next is Numeric */
    WB_BEHIND_AHL, /* WB7: join if the code point before eff is AHLetter */
    WB_BEHIND_HL,  /* WB7c: join if the code point before eff is Hebrew_Letter */
    WB_BEHIND_NUM, /* WB11: join if the code point before eff is Numeric */
    WB_RI          /* WB15/16: join if an odd number of RIs precede */
};

/* rules[eff][next]: the pair table of WB5-WB16 (WB4 is applied by the scanner). */
static const uint8_t rules[TOK_WB_COUNT][TOK_WB_COUNT] = {
    /* WB5 */
    [TOK_WB_ALETTER][TOK_WB_ALETTER] = WB_JOIN,
    [TOK_WB_ALETTER][TOK_WB_HL] = WB_JOIN,
    [TOK_WB_HL][TOK_WB_ALETTER] = WB_JOIN,
    [TOK_WB_HL][TOK_WB_HL] = WB_JOIN,
    /* WB6 */
    [TOK_WB_ALETTER][TOK_WB_MIDLETTER] = WB_AHEAD_AHL,
    [TOK_WB_ALETTER][TOK_WB_MIDNUMLET] = WB_AHEAD_AHL,
    [TOK_WB_ALETTER][TOK_WB_SQ] = WB_AHEAD_AHL,
    [TOK_WB_HL][TOK_WB_MIDLETTER] = WB_AHEAD_AHL,
    [TOK_WB_HL][TOK_WB_MIDNUMLET] = WB_AHEAD_AHL,
    [TOK_WB_HL][TOK_WB_SQ] = WB_JOIN, /* WB7a wins over WB6 */
    /* WB7 */
    [TOK_WB_MIDLETTER][TOK_WB_ALETTER] = WB_BEHIND_AHL,
    [TOK_WB_MIDLETTER][TOK_WB_HL] = WB_BEHIND_AHL,
    [TOK_WB_MIDNUMLET][TOK_WB_ALETTER] = WB_BEHIND_AHL,
    [TOK_WB_MIDNUMLET][TOK_WB_HL] = WB_BEHIND_AHL,
    [TOK_WB_SQ][TOK_WB_ALETTER] = WB_BEHIND_AHL,
    [TOK_WB_SQ][TOK_WB_HL] = WB_BEHIND_AHL,
    /* WB7b, WB7c */
    [TOK_WB_HL][TOK_WB_DQ] = WB_AHEAD_HL,
    [TOK_WB_DQ][TOK_WB_HL] = WB_BEHIND_HL,
    /* WB8, WB9, WB10 */
    [TOK_WB_NUMERIC][TOK_WB_NUMERIC] = WB_JOIN,
    [TOK_WB_ALETTER][TOK_WB_NUMERIC] = WB_JOIN,
    [TOK_WB_HL][TOK_WB_NUMERIC] = WB_JOIN,
    [TOK_WB_NUMERIC][TOK_WB_ALETTER] = WB_JOIN,
    [TOK_WB_NUMERIC][TOK_WB_HL] = WB_JOIN,
    /* WB11, WB12 */
    [TOK_WB_MIDNUM][TOK_WB_NUMERIC] = WB_BEHIND_NUM,
    [TOK_WB_MIDNUMLET][TOK_WB_NUMERIC] = WB_BEHIND_NUM,
    [TOK_WB_SQ][TOK_WB_NUMERIC] = WB_BEHIND_NUM,
    [TOK_WB_NUMERIC][TOK_WB_MIDNUM] = WB_AHEAD_NUM,
    [TOK_WB_NUMERIC][TOK_WB_MIDNUMLET] = WB_AHEAD_NUM,
    [TOK_WB_NUMERIC][TOK_WB_SQ] = WB_AHEAD_NUM,
    /* WB13, WB13a, WB13b */
    [TOK_WB_KATAKANA][TOK_WB_KATAKANA] = WB_JOIN,
    [TOK_WB_ALETTER][TOK_WB_EXTENDNUMLET] = WB_JOIN,
    [TOK_WB_HL][TOK_WB_EXTENDNUMLET] = WB_JOIN,
    [TOK_WB_NUMERIC][TOK_WB_EXTENDNUMLET] = WB_JOIN,
    [TOK_WB_KATAKANA][TOK_WB_EXTENDNUMLET] = WB_JOIN,
    [TOK_WB_EXTENDNUMLET][TOK_WB_EXTENDNUMLET] = WB_JOIN,
    [TOK_WB_EXTENDNUMLET][TOK_WB_ALETTER] = WB_JOIN,
    [TOK_WB_EXTENDNUMLET][TOK_WB_HL] = WB_JOIN,
    [TOK_WB_EXTENDNUMLET][TOK_WB_NUMERIC] = WB_JOIN,
    [TOK_WB_EXTENDNUMLET][TOK_WB_KATAKANA] = WB_JOIN,
    /* WB15, WB16 */
    [TOK_WB_RI][TOK_WB_RI] = WB_RI,
};

/* Word_Break of the next code point at or after i that WB4 does not skip,
 * or TOK_WB_COUNT at the end of the text or on an invalid byte. */
static unsigned wb_ahead(const uint8_t *s, size_t n, size_t i)
{
    while (i < n) {
        uint32_t cp;
        size_t w = tok_decode(s, n, i, &cp);
        if (w == 0)
            return TOK_WB_COUNT;
        unsigned c = tok_prop(cp) & TOK_WB_MASK;
        if (c != TOK_WB_EXTEND && c != TOK_WB_FORMAT && c != TOK_WB_ZWJ)
            return c;
        i += w;
    }
    return TOK_WB_COUNT;
}

static inline int is_ahl(unsigned c)
{
    return c == TOK_WB_ALETTER || c == TOK_WB_HL;
}

size_t tok_wb_segment(const uint8_t *s, size_t n, size_t pos, tok_seg *seg)
{
    uint32_t cp;
    size_t w = tok_decode(s, n, pos, &cp);
    if (w == 0) {
        seg->first_cp = 0;
        seg->first = 0;
        seg->mask = TOK_SEG_INVALID;
        return pos + 1;
    }
    uint16_t p = tok_prop(cp);
    unsigned c = p & TOK_WB_MASK;
    uint32_t mask = 1u << c;
    size_t i = pos + w;
    seg->first_cp = cp;
    seg->first = p;
    if (p & TOK_P_EXTPICT)
        mask |= TOK_SEG_EXTPICT | ((p & TOK_P_EMOJI_PRES) ? TOK_SEG_EMOJI_PRES : 0);

    if (c == TOK_WB_CR) { /* WB3, WB3a */
        if (i < n && s[i] == '\n') {
            i++;
            mask |= 1u << TOK_WB_LF;
        }
        seg->mask = mask;
        return i;
    }
    if (c == TOK_WB_LF || c == TOK_WB_NEWLINE) { /* WB3a */
        seg->mask = mask;
        return i;
    }

    unsigned eff = c;                /* last code point WB4 does not skip */
    unsigned effprev = TOK_WB_COUNT; /* the one before it */
    unsigned raw = c;                /* last code point, skipped or not */
    unsigned ri = (c == TOK_WB_RI);  /* RIs since the segment's start */

    while (i < n) {
        uint8_t b = s[i];
        /* Fast path: ASCII letters and digits after a letter or digit
         * (WB5, WB8, WB9, WB10 join them without the pair table). */
        unsigned bc = tok_byte_class[b];
        if ((eff == TOK_WB_ALETTER || eff == TOK_WB_NUMERIC) && (bc & TOK_B_ALNUM)) {
            unsigned last = eff;
            do {
                effprev = last;
                last = (bc & TOK_B_DIGIT) ? TOK_WB_NUMERIC : TOK_WB_ALETTER;
                mask |= 1u << last;
                if (++i == n)
                    break;
                bc = tok_byte_class[s[i]];
            } while (bc & TOK_B_ALNUM);
            eff = raw = last;
            continue;
        }
        if (b < 0x80) {
            cp = b;
            w = 1;
        } else if ((w = tok_decode(s, n, i, &cp)) == 0) {
            break; /* an invalid byte is a token of its own */
        }
        p = tok_prop(cp);
        c = p & TOK_WB_MASK;
        if (c == TOK_WB_CR || c == TOK_WB_LF || c == TOK_WB_NEWLINE)
            break;                                                /* WB3b */
        if ((raw == TOK_WB_ZWJ && (p & TOK_P_EXTPICT)) ||         /* WB3c */
            (raw == TOK_WB_WSEGSPACE && c == TOK_WB_WSEGSPACE)) { /* WB3d */
            effprev = eff;
            eff = c;
        } else if (c == TOK_WB_EXTEND || c == TOK_WB_FORMAT || c == TOK_WB_ZWJ) {
            /* WB4: transparent, eff stays */
        } else {
            int join;
            switch (rules[eff][c]) {
            case WB_JOIN:
                join = 1;
                break;
            case WB_AHEAD_AHL:
                join = is_ahl(wb_ahead(s, n, i + w));
                break;
            case WB_AHEAD_HL:
                join = wb_ahead(s, n, i + w) == TOK_WB_HL;
                break;
            case WB_AHEAD_NUM:
                join = wb_ahead(s, n, i + w) == TOK_WB_NUMERIC;
                break;
            case WB_BEHIND_AHL:
                join = is_ahl(effprev);
                break;
            case WB_BEHIND_HL:
                join = effprev == TOK_WB_HL;
                break;
            case WB_BEHIND_NUM:
                join = effprev == TOK_WB_NUMERIC;
                break;
            case WB_RI:
                join = ri & 1u;
                break;
            default:
                join = 0;
                break;
            }
            if (!join)
                break;
            effprev = eff;
            eff = c;
        }
        raw = c;
        ri += (c == TOK_WB_RI);
        mask |= 1u << c;
        if (p & TOK_P_EXTPICT)
            mask |= TOK_SEG_EXTPICT | ((p & TOK_P_EMOJI_PRES) ? TOK_SEG_EMOJI_PRES : 0);
        i += w;
    }
    seg->mask = mask;
    return i;
}

unsigned tok_seg_kind(const tok_seg *seg)
{
    uint32_t m = seg->mask;
    uint16_t p = seg->first;
    unsigned c = p & TOK_WB_MASK;
    if (m & TOK_SEG_INVALID)
        return PIPE_TOK_INVALID;
    if ((p & TOK_P_WHITE_SPACE) || c == TOK_WB_CR || c == TOK_WB_LF || c == TOK_WB_NEWLINE ||
        c == TOK_WB_WSEGSPACE)
        return PIPE_TOK_SPACE;
    if (c == TOK_WB_RI)
        return PIPE_TOK_EMOJI;
    if (p & TOK_P_EXTPICT) {
        /* A text-style pictograph such as (c) or TM alone is a symbol; with
         * emoji presentation, a variation selector, a modifier or a ZWJ it is an emoji. */
        if ((p & TOK_P_EMOJI_PRES) ||
            (m & ((1u << TOK_WB_EXTEND) | (1u << TOK_WB_ZWJ))))
            return PIPE_TOK_EMOJI;
        return PIPE_TOK_SYMBOL;
    }
    if (m & TOK_SEG_LETTERS)
        return PIPE_TOK_WORD;
    if (m & (1u << TOK_WB_NUMERIC))
        return PIPE_TOK_NUMBER;
    switch (TOK_GC(p)) {
    case TOK_GC_LETTER:
    case TOK_GC_MARK:
        return PIPE_TOK_WORD;
    case TOK_GC_DIGIT:
    case TOK_GC_OTHER_NUMBER:
        return PIPE_TOK_NUMBER;
    case TOK_GC_DASH:
    case TOK_GC_OPEN:
    case TOK_GC_CLOSE:
    case TOK_GC_INITIAL_QUOTE:
    case TOK_GC_FINAL_QUOTE:
    case TOK_GC_PUNCT:
    case TOK_GC_CONNECTOR:
        return PIPE_TOK_PUNCT;
    case TOK_GC_CURRENCY:
    case TOK_GC_SYMBOL:
        return PIPE_TOK_SYMBOL;
    case TOK_GC_SEPARATOR:
        return PIPE_TOK_SPACE;
    default:
        return PIPE_TOK_OTHER;
    }
}
