/*
 * quotefind.h: the quote finder engine of pipe as a plain C library
 * (CMake target `pipe_quotefind`), independent of the plugin host.
 *
 * Text (+ optional tokens and sentences) in, quote records out:
 *
 *     qf_lexicon *lex;  char err[256];
 *     qf_lexicon_load_dir(&lex, "conf", err, sizeof err);   // or qf_lexicon_add_file()
 *     qf_finder *f = qf_finder_new(lex);
 *     const qf_quote *q; size_t n;
 *     qf_find(f, text, len, tokens, ntok, sents, nsent, &q, &n);
 *     ... q[i].rec is a pipe_quote without its pooled speaker string;
 *         q[i].name / name_len is the resolved speaker (or NULL) ...
 *     qf_finder_free(f); qf_lexicon_free(lex);
 *
 * The finder owns every buffer it returns until the next qf_find() call;
 * it allocates only when a document is bigger than any seen before, so a
 * run over many documents makes no per-token allocation. A lexicon is
 * read-only after loading and may be shared by finders on several threads;
 * a finder belongs to one thread.
 */
#ifndef PIPE_QUOTEFIND_H
#define PIPE_QUOTEFIND_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/layers.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Word lists the finder needs (speech verbs, titles, honorifics, pronouns, closed-class words). */
typedef struct qf_lexicon qf_lexicon;

/* One result: the record for the `quotes` layer plus the speaker name it should carry. */
typedef struct qf_quote {
    pipe_quote rec;   /* speaker field is PIPE_STR_NULL: the caller pools `name` */
    const char *name; /* resolved speaker (finder-owned, not NUL-terminated) or NULL */
    size_t name_len;  /* its length in bytes */
} qf_quote;

/* Reusable work buffers and results of the finder (one per thread). */
typedef struct qf_finder qf_finder;

/* The data file names qf_lexicon_load_dir() reads, NULL-terminated (for the plugin's data_path). */
extern const char *const qf_data_files[];

/* Make an empty lexicon; NULL when out of memory. */
qf_lexicon *qf_lexicon_new(void);
/* Add one data file (one of qf_data_files, by base name) read from path; 0 or -1 with err filled. */
int qf_lexicon_add_file(qf_lexicon *lex, const char *name, const char *path, char *err, size_t errlen);
/* Load every file of qf_data_files from directory dir; 0 or -1 with err filled. */
int qf_lexicon_load_dir(qf_lexicon **out, const char *dir, char *err, size_t errlen);
/* Free a lexicon (NULL is fine). */
void qf_lexicon_free(qf_lexicon *lex);

/* Make a finder over a loaded lexicon (which must outlive it); NULL when out of memory. */
qf_finder *qf_finder_new(const qf_lexicon *lex);
/* Free a finder (NULL is fine). */
void qf_finder_free(qf_finder *f);
/* Give back the per-document arrays when they hold more than keep_bytes (after a large document),
 * so they do not stay allocated while the next stages run; smaller ones are kept for reuse.
 * Results of the last qf_find() and qf_speakers() are invalid afterwards. */
void qf_finder_trim(qf_finder *f, size_t keep_bytes);

/*
 * Find the quotes of text[0..len). tokens/sentences may be NULL/0: the finder
 * then scans words and sentence ends itself. Results are sorted by start and
 * stay valid until the next call. Returns 0, or -1 when out of memory or
 * len > UINT32_MAX - 1.
 */
int qf_find(qf_finder *f, const char *text, size_t len, const pipe_token *tokens, size_t ntok,
            const pipe_sentence *sents, size_t nsent, const qf_quote **out, size_t *count);

/* One speaker of the last qf_find() result: the who-said-what table of the document. */
typedef struct qf_speaker {
    const char *name;      /* canonical name (finder-owned, not NUL-terminated) */
    size_t name_len;       /* its length in bytes */
    uint16_t kind;         /* pipe_speaker_kind */
    uint32_t quotes;       /* speech quotes (direct, partial; top level) attributed to it */
    const uint32_t *spans; /* mention spans as start, end pairs, in text order */
    size_t nspans;         /* number of spans (pairs) */
} qf_speaker;

/*
 * The speakers of the last qf_find() result, in order of first mention: every mention of a
 * named entity (each time its name is written) and the pronouns and descriptions that were
 * resolved to it as a speaker. Valid until the next qf_find(). Returns 0, or -1 when out of memory.
 */
int qf_speakers(qf_finder *f, const qf_speaker **out, size_t *count);

#ifdef __cplusplus
}
#endif

#endif /* PIPE_QUOTEFIND_H */
