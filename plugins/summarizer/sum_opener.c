/*
 * sum_opener.c: sentences that lean on the sentence before them.
 *
 * "He said ...", "But ...", "However, ...", "This ..." point back: out of
 * context the reader does not know who "he" is or what "this" answers.
 * sum_select.c picks such a sentence only together with the sentence before it,
 * or not at all. The opening words and phrases are data
 * (conf/summarizer-openers-<lang>.txt): one phrase a line, case-insensitive,
 * matched against the first words of a sentence (after quote marks); a
 * line starting with '!' is a longer phrase that is no opener ("this year"
 * against "this"), and the longest phrase that matches decides.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sum_internal.h"

/* What an entry of the openers table is: an opener, an exception, the first words of a longer phrase. */
#define SUM_OPENER_YES 1u
#define SUM_OPENER_NO 2u
#define SUM_OPENER_PREFIX 4u

/* Longest phrase, in words and in bytes. */
#define SUM_OPENER_MAX_WORDS 4
#define SUM_OPENER_MAX_BYTES 64

int sum_openers_load(pipe_summarizer *s, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read openers %s: %s", path, strerror(errno));
        return PIPE_ERR_CONFIG;
    }
    char line[256], buf[SUM_OPENER_MAX_BYTES];
    int rc = PIPE_OK;
    size_t lineno = 0;
    while (rc == PIPE_OK && fgets(line, sizeof line, f)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(f)) {
            snprintf(err, errlen, "%s:%zu: line longer than %zu bytes", path, lineno, sizeof line - 2);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        size_t a, n = sum_phrase_line(line, &a);
        if (a == n)
            continue;
        int negated = line[a] == '!';
        a += (size_t)negated;
        /* Words separated by one space, as sum_opener() builds them. */
        size_t m = 0, words = 1;
        for (size_t i = a; i < n; i++) {
            int space = line[i] == ' ' || line[i] == '\t';
            if (space && (m == 0 || buf[m - 1] == ' '))
                continue;
            if (m + 1 >= sizeof buf) {
                snprintf(err, errlen, "%s:%zu: phrase longer than %d bytes", path, lineno, SUM_OPENER_MAX_BYTES - 1);
                rc = PIPE_ERR_CONFIG;
                break;
            }
            words += space;
            buf[m++] = space ? ' ' : line[i];
        }
        if (rc != PIPE_OK)
            break;
        if (m == 0) {
            snprintf(err, errlen, "%s:%zu: '!' without a phrase", path, lineno);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        if (words > SUM_OPENER_MAX_WORDS) {
            snprintf(err, errlen, "%s:%zu: phrase of %zu words (at most %d)", path, lineno, words,
                     SUM_OPENER_MAX_WORDS);
            rc = PIPE_ERR_CONFIG;
            break;
        }
        char folded[SUM_OPENER_MAX_BYTES];
        size_t fl = sum_fold(buf, m, folded, sizeof folded);
        size_t first = 0;
        while (first < fl && folded[first] != ' ')
            first++;
        if (first > 0 && first < 32)
            s->opener_first[(unsigned char)folded[0]] |= 1u << first;
        /* The phrase, and each of its shorter word prefixes marked as one, so a sentence
         * whose first word starts no phrase costs one look-up. */
        for (size_t end = 1; end <= fl && rc == PIPE_OK; end++) {
            if (end < fl && folded[end] != ' ')
                continue;
            size_t before = s->openers.n;
            int64_t id = sum_strtab_intern(&s->openers, folded, end);
            if (id < 0 || sum_grow(&s->opener_kind, &s->cap_opener_kind, (size_t)id + 1, 1) != 0) {
                snprintf(err, errlen, "out of memory reading %s", path);
                rc = PIPE_ERR_NOMEM;
                break;
            }
            if ((size_t)id >= before)
                s->opener_kind[id] = 0; /* a new entry */
            s->opener_kind[id] |= end < fl ? SUM_OPENER_PREFIX : negated ? SUM_OPENER_NO :
                                                                           SUM_OPENER_YES;
        }
        if (rc != PIPE_OK)
            break;
        if (words > s->opener_max_words)
            s->opener_max_words = words;
    }
    fclose(f);
    return rc;
}

/*
 * Can the word w[0..n) be the first word of a phrase? A plain ASCII word folds to
 * itself in length and bytes, so its first byte and length rule most first words
 * ("The", "A", names) out without folding or hashing; any other word is looked up.
 */
static int may_open(const pipe_summarizer *s, const unsigned char *w, size_t n)
{
    if (n >= 32 || w[0] >= 0x80)
        return 1;
    for (size_t i = 1; i < n; i++)
        if (w[i] >= 0x80)
            return 1;
    unsigned char c = w[0] >= 'A' && w[0] <= 'Z' ? (unsigned char)(w[0] | 0x20) : w[0];
    return (s->opener_first[c] >> n) & 1u;
}

int sum_opener(const pipe_summarizer *s, const pipe_summarize_input *in, const sum_sent *ss)
{
    if (s->opener_max_words == 0)
        return 0;
    char phrase[SUM_OPENER_MAX_BYTES];
    size_t m = 0, words = 0;
    int found = 0, started = 0;
    for (uint32_t k = 0; k < ss->ntok && words < s->opener_max_words; k++) {
        const pipe_token *t = &in->tokens[ss->tok0 + k];
        if (t->end <= t->start || t->end > in->len)
            break;
        if (t->kind != PIPE_TOK_WORD || (t->flags & PIPE_TOKF_CLITIC)) {
            /* Quote marks and dashes may come before the first word; anything else ends the phrase. */
            if (!started && (t->kind == PIPE_TOK_PUNCT || (t->flags & PIPE_TOKF_QUOTE)))
                continue;
            break;
        }
        size_t n = t->end - t->start;
        if (m == 0 && !may_open(s, (const unsigned char *)in->text + t->start, n))
            break; /* the first word starts no phrase */
        if (m + (m > 0) + n > sizeof phrase)
            break;
        if (m > 0)
            phrase[m++] = ' ';
        m += sum_fold(in->text + t->start, n, phrase + m, sizeof phrase - m);
        words++;
        started = 1;
        int64_t id = sum_strtab_find(&s->openers, phrase, m);
        if (id < 0)
            break; /* no phrase goes on from here */
        uint8_t kind = s->opener_kind[id];
        if (kind & SUM_OPENER_NO)
            found = 0;
        else if (kind & SUM_OPENER_YES)
            found = 1;
        if (!(kind & SUM_OPENER_PREFIX))
            break;
    }
    return found;
}
