/*
 * sentsplit.h: the sentence splitter engine of pipe, as a plain C library
 * (CMake target `pipe_sentsplit`), independent of the plugin host.
 *
 * It reads a token array (the `tokens` layer, news or uax29 mode) and the
 * text the tokens point into, and writes `pipe_sentence` records. Nothing
 * about the language is in the code: abbreviations and the words that
 * typically start a sentence come from a lexicon loaded from data files
 * (conf/abbrev-en.txt, conf/sentences-*-en.txt).
 *
 * One pass, linear in the number of tokens plus the white space between
 * them; look-ahead is bounded. No global mutable state: a lexicon is
 * read-only after loading and may be shared by threads.
 */
#ifndef PIPE_SENTSPLIT_H
#define PIPE_SENTSPLIT_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/layers.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a lexicon entry says about a word (low bits: the abbreviation class). */
typedef enum sentsplit_class {
    SENTSPLIT_NONE = 0,    /* not in the lexicon */
    SENTSPLIT_ABBR = 1,    /* abbreviation that ends a sentence only before a sentence starter (Inc, etc, U.S) */
    SENTSPLIT_TITLE = 2,   /* precedes a name, never ends a sentence before a capital (Dr, Mr, Gen) */
    SENTSPLIT_NUMBER = 3,  /* precedes a number (No, p, Fig); a plain word otherwise */
    SENTSPLIT_MONTH = 4,   /* month (Jan, Sept); precedes a day number */
    SENTSPLIT_TIME = 5,    /* a.m., p.m.: ends a sentence before any capital but a clock word */
    SENTSPLIT_NEVER = 6,   /* never ends a sentence (e.g, i.e, vs, cf) */
    SENTSPLIT_CLOCK = 7,   /* a word that goes on after a time of day (Monday, EDT, Eastern) */
    SENTSPLIT_FINAL = 8,   /* ends a sentence before any capital, unless after a short fragment (etc) */
    SENTSPLIT_EXCLAIM = 9, /* a name written with its own '!' (Yahoo, Jeopardy): the '!' ends like an abbr period */
    SENTSPLIT_CLASS_MASK = 15,
    SENTSPLIT_STARTER = 16, /* flag: a word that typically starts a sentence (The, He, However) */
    SENTSPLIT_JOINER = 32   /* flag: a word that does not end a line of its own (and, of, by) */
} sentsplit_class;

/* A set of words with their classes (hash table); build, then share read-only. */
typedef struct sentsplit_lexicon sentsplit_lexicon;

/* An empty lexicon, or NULL when out of memory. */
sentsplit_lexicon *sentsplit_lexicon_new(void);

/* Free a lexicon (NULL is fine). */
void sentsplit_lexicon_free(sentsplit_lexicon *lex);

/* Add or extend one word (bytes word[0..len), at most 63) with class bits; 0 or -1 on no memory / bad word. */
int sentsplit_lexicon_add(sentsplit_lexicon *lex, const char *word, size_t len, unsigned cls);

/* Load a data file: one word per line, optional class name after white space,
 * '#' starts a comment; words without a class get default_cls. 0, or -1 with
 * a message in err (file, line and reason). */
int sentsplit_lexicon_load(sentsplit_lexicon *lex, const char *path, unsigned default_cls,
                           char *err, size_t errlen);

/* Class bits of exactly the bytes word[0..len), or 0. */
unsigned sentsplit_lexicon_get(const sentsplit_lexicon *lex, const char *word, size_t len);

/* Number of distinct words in the lexicon. */
size_t sentsplit_lexicon_size(const sentsplit_lexicon *lex);

/* One word list of the default lexicon: a file name and the class its words get by default. */
typedef struct sentsplit_list {
    const char *file;
    unsigned cls;
} sentsplit_list;

/* The files the sentences stage loads, in order, ended by {NULL, 0}; found in conf/. */
extern const sentsplit_list sentsplit_default_lists[];

/* Load every default list from folder dir (benchmarks, fuzzers); 0, or -1 with a message. */
int sentsplit_lexicon_load_dir(sentsplit_lexicon *lex, const char *dir, char *err, size_t errlen);

/* Options of a run; fill with sentsplit_opts_init() first. */
typedef struct sentsplit_opts {
    int paragraphs;              /* 1: blank lines end sentences and count paragraphs (default 1) */
    uint32_t max_sentence_bytes; /* cut longer sentences at a token boundary; 0 = no limit (default 10000) */
} sentsplit_opts;

/* Set opts to the defaults. */
void sentsplit_opts_init(sentsplit_opts *opts);

/* Split tokens tok[0..n) of text[0..len) into sentences written to out, which
 * must have room for n records (a sentence holds at least one token); returns
 * how many were written. lex may be NULL (no abbreviations known). Every
 * token that is not white space ends up in exactly one sentence. */
size_t sentsplit_run(const sentsplit_lexicon *lex, const sentsplit_opts *opts, const char *text,
                     size_t len, const pipe_token *tok, size_t n, pipe_sentence *out);
/* The same into *out (room for *cap records; NULL/0 is fine), reallocated as the sentences need
 * instead of one record per token; returns the count, or SIZE_MAX when out of memory. */
size_t sentsplit_run_grow(const sentsplit_lexicon *lex, const sentsplit_opts *opts, const char *text,
                          size_t len, const pipe_token *tok, size_t n, pipe_sentence **out, size_t *cap);

#ifdef __cplusplus
}
#endif

#endif /* PIPE_SENTSPLIT_H */
