/*
 * pipe/layers.h: the annotation data model of the SDK (included by plugin.h).
 *
 * A layer is a C array of fixed-size records. Every record starts with
 * `uint32_t start, end`: a half-open range of BYTE offsets into the
 * document text. A layer's schema names its fields so that the writers
 * (JSON, text, archive) serialize any layer, built-in or a plugin's own,
 * without a change to the core. Documents are limited to 4 GiB - 1 bytes,
 * which is what makes 32-bit offsets safe (the runner enforces a much
 * smaller max_document_bytes anyway).
 *
 * THE LAYER CONTRACT. After every process() the host checks, in one pass
 * over the records the stage added, what holds for every layer:
 *  - start <= end <= the text's length, and records are sorted by start
 *    (the first new record does not start before the last old one);
 *  - a PIPE_FIELD_SPAN / SPAN_TEXT field is PIPE_NO_POS twice or a span
 *    inside the text; a PIPE_FIELD_STR field is PIPE_STR_NULL or lies in the
 *    document's string pool; an ENUM16 value has a name;
 * and for the built-in layers, what the comment above each record says
 * (indexes in range). A record that breaks it fails the document with an
 * error record naming the stage; so a stage reading a layer may rely on
 * these invariants and nothing more (spans may still overlap, tokens need
 * not cover the text, a sentence's span need not match its tokens').
 *
 * LAYER NAMES are lower-case C identifiers, [a-z][a-z0-9_]* of at most 64
 * bytes, so that jq and every JSON tool address them plainly
 * (`.layers.example_stats`). A plugin names its own layers
 * <plugin>_<what>; the plain words are kept for the built-in layers.
 */
#ifndef PIPE_LAYERS_H
#define PIPE_LAYERS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Layer names of the built-in layers, which the core registers at start-up. */
#define PIPE_LAYER_TOKENS "tokens"
#define PIPE_LAYER_SENTENCES "sentences"
#define PIPE_LAYER_QUOTES "quotes"
#define PIPE_LAYER_SUMMARY "summary"
#define PIPE_LAYER_SPEAKERS "speakers"

/* An offset field that holds no position (e.g. a quote without a speaker). */
#define PIPE_NO_POS UINT32_MAX

/* A string in the document's string pool (see pipe_host_api.str_add). */
typedef struct pipe_str {
    uint32_t off; /* offset in the pool, or UINT32_MAX for null */
    uint32_t len; /* length in bytes */
} pipe_str;

/* The null string: written as JSON null (C++ has no compound literals, so it gets its own form). */
#ifdef __cplusplus
#define PIPE_STR_NULL (pipe_str{UINT32_MAX, 0})
#else
#define PIPE_STR_NULL ((pipe_str){UINT32_MAX, 0})
#endif

/* Token kinds (pipe_token.kind). New kinds are only appended. */
typedef enum pipe_token_kind {
    PIPE_TOK_WORD = 0,     /* letters, digits inside words, abbreviations like U.K. */
    PIPE_TOK_NUMBER = 1,   /* 1,000.50  12%  10:30  2019-03-01  470m */
    PIPE_TOK_PUNCT = 2,    /* . , ; quote marks, dashes, brackets, ellipsis */
    PIPE_TOK_SYMBOL = 3,   /* currency and other symbols: £ $ + = */
    PIPE_TOK_URL = 4,      /* https://example.com/a?b, www.example.com */
    PIPE_TOK_EMAIL = 5,    /* press@example.com */
    PIPE_TOK_MENTION = 6,  /* @user */
    PIPE_TOK_HASHTAG = 7,  /* #tag */
    PIPE_TOK_EMOJI = 8,    /* an emoji, ZWJ sequence or flag */
    PIPE_TOK_SPACE = 9,    /* white space (uax29 mode only) */
    PIPE_TOK_INVALID = 10, /* bytes that are not valid UTF-8 (see the tokenizer for how many) */
    PIPE_TOK_OTHER = 11    /* anything else UAX #29 makes a segment of */
} pipe_token_kind;

/* Token flags (pipe_token.flags): facts about the space before a token and its role. */
enum pipe_token_flag {
    PIPE_TOKF_SPACE_BEFORE = 1u << 0,   /* white space precedes the token */
    PIPE_TOKF_NEWLINE_BEFORE = 1u << 1, /* a line break precedes it */
    PIPE_TOKF_PARA_BEFORE = 1u << 2,    /* a blank line (two or more breaks) precedes it */
    PIPE_TOKF_CLITIC = 1u << 3,         /* a split-off clitic or possessive ('s, n't) */
    PIPE_TOKF_ABBREV = 1u << 4,         /* contains inner periods (U.K., e.g.) */
    PIPE_TOKF_QUOTE = 1u << 5,          /* a quote mark or apostrophe-like character */
    PIPE_TOKF_OPEN = 1u << 6,           /* opening bracket or quote */
    PIPE_TOKF_CLOSE = 1u << 7           /* closing bracket or quote */
};

/* One record of the `tokens` layer. Contract: kind is a pipe_token_kind. */
typedef struct pipe_token {
    uint32_t start, end; /* byte span */
    uint16_t kind;       /* pipe_token_kind */
    uint16_t flags;      /* pipe_token_flag bits */
} pipe_token;

/* Sentence flags (pipe_sentence.flags). */
enum pipe_sentence_flag {
    PIPE_SENTF_NO_FINAL_PUNCT = 1u << 0, /* headline, caption or byline line */
    PIPE_SENTF_FORCED_SPLIT = 1u << 1,   /* cut at max_sentence_bytes */
    PIPE_SENTF_LIST_ITEM = 1u << 2       /* starts with a list marker */
};

/* One record of the `sentences` layer. Contract: first_token + n_tokens <= the number of tokens. */
typedef struct pipe_sentence {
    uint32_t start, end;  /* byte span */
    uint32_t first_token; /* index of its first token in `tokens` */
    uint32_t n_tokens;    /* number of tokens */
    uint32_t paragraph;   /* 0-based paragraph index */
    uint32_t flags;       /* pipe_sentence_flag bits */
} pipe_sentence;

/* Quote kinds (pipe_quote.kind). */
typedef enum pipe_quote_kind {
    PIPE_QUOTE_DIRECT = 0, /* reported speech: a person's words */
    PIPE_QUOTE_SCARE = 1,  /* a term, title or scare quote: 'back door' route */
    PIPE_QUOTE_PARTIAL = 2 /* a fragment of someone's words in reported speech: called it "reckless" */
} pipe_quote_kind;

/* What kind of speaker a quote has (pipe_quote.speaker_kind, pipe_speaker.kind). */
typedef enum pipe_speaker_kind {
    PIPE_SPEAKER_UNKNOWN = 0,      /* no speaker found, or a pronoun left unresolved */
    PIPE_SPEAKER_PERSON = 1,       /* a named person */
    PIPE_SPEAKER_ORGANISATION = 2, /* a named organisation, outlet or document */
    PIPE_SPEAKER_DESCRIPTION = 3   /* words, not a name: "the commission", "a spokeswoman" */
} pipe_speaker_kind;

/* Quote flags (pipe_quote.flags). */
enum pipe_quote_flag {
    PIPE_QUOTEF_MULTI_PARAGRAPH = 1u << 0, /* runs over several paragraphs */
    PIPE_QUOTEF_UNCLOSED = 1u << 1,        /* closed at a paragraph end, not by a mark */
    PIPE_QUOTEF_RESOLVED = 1u << 2         /* speaker found through a pronoun or title */
};

/* One record of the `quotes` layer. Contract: the content, speaker and cue spans are spans of the text or
 * PIPE_NO_POS twice; kind and speaker_kind have names; speaker is pooled or null. */
typedef struct pipe_quote {
    uint32_t start, end;                 /* outer span, quote marks included */
    uint32_t content_start, content_end; /* the quoted words without marks */
    uint32_t speaker_start, speaker_end; /* speaker mention in the text, or PIPE_NO_POS */
    uint32_t cue_start, cue_end;         /* cue verb ("said"), or PIPE_NO_POS */
    pipe_str speaker;                    /* resolved speaker name, or PIPE_STR_NULL */
    uint16_t kind;                       /* pipe_quote_kind */
    uint16_t level;                      /* nesting: 0 outermost */
    uint32_t flags;                      /* pipe_quote_flag bits */
    uint16_t speaker_kind;               /* pipe_speaker_kind of the speaker */
} pipe_quote;

/* One record of the `speakers` layer: a person, organisation or description quoted in the
 * document (the article's who-said-what table), in order of first mention. Contract: name and
 * mentions are pooled or null; kind has a name. */
typedef struct pipe_speaker {
    uint32_t start, end; /* its first mention */
    pipe_str name;       /* canonical name: the fullest name in the document, or the description */
    pipe_str mentions;   /* byte spans of every mention, "start-end" separated by spaces */
    uint32_t n_mentions; /* number of spans in `mentions` */
    uint32_t quotes;     /* speech quotes (direct and partial, top level) attributed to it */
    uint16_t kind;       /* pipe_speaker_kind */
} pipe_speaker;

/* One record of the `summary` layer (one chosen sentence). Contract: sentence < the number of sentences. */
typedef struct pipe_summary {
    uint32_t start, end; /* span of the chosen sentence */
    uint32_t sentence;   /* index into `sentences` */
    uint32_t rank;       /* 1 = best */
    double score;        /* method-specific score, higher is better */
} pipe_summary;

/* Types of schema fields: how a writer reads and prints a record's bytes. */
typedef enum pipe_field_type {
    PIPE_FIELD_U8 = 1,
    PIPE_FIELD_U16 = 2,
    PIPE_FIELD_U32 = 3,
    PIPE_FIELD_I32 = 4,
    PIPE_FIELD_U64 = 5,
    PIPE_FIELD_I64 = 6,
    PIPE_FIELD_F64 = 7,       /* double */
    PIPE_FIELD_BOOL = 8,      /* uint8_t, written true/false */
    PIPE_FIELD_ENUM16 = 9,    /* uint16_t written as names[value] */
    PIPE_FIELD_FLAGS16 = 10,  /* uint16_t bit set written as an array of names[bit] */
    PIPE_FIELD_FLAGS32 = 11,  /* uint32_t bit set written as an array of names[bit] */
    PIPE_FIELD_STR = 12,      /* pipe_str, written as a string or null */
    PIPE_FIELD_SPAN = 13,     /* two uint32_t (start, end), written as [start, end] or null */
    PIPE_FIELD_SPAN_TEXT = 14 /* two uint32_t (start, end), written as the text or null */
} pipe_field_type;

/* Field flags. */
enum pipe_field_flag {
    PIPE_FIELDF_HIDDEN = 1u << 0 /* kept in memory and archives' schema, not written */
};

/* One field of a layer schema; an array of them ends with PIPE_FIELD_END (stride: schema.field_size). */
typedef struct pipe_field {
    const char *name;         /* JSON key */
    uint32_t type;            /* pipe_field_type: how to read it */
    uint32_t offset;          /* offsetof(record, field) */
    const char *const *names; /* ENUM16/FLAGS*: NULL-terminated names; else NULL */
    uint32_t flags;           /* pipe_field_flag bits */
} pipe_field;

/* Layer flags. */
enum pipe_layer_flag {
    PIPE_LAYERF_TEXT = 1u << 0 /* records carry their `text` by default (output.text = "auto") */
};

/* Terminator of a pipe_field array; the same in C and C++ (the members are integers, so no casts). */
#define PIPE_FIELD_END      \
    {                       \
        NULL, 0, 0, NULL, 0 \
    }

/* How a layer looks: its name, record size and fields (start/end are implicit). */
typedef struct pipe_layer_schema {
    uint32_t struct_size;     /* sizeof(pipe_layer_schema) the plugin was built with */
    uint32_t field_size;      /* sizeof(pipe_field) the plugin was built with: the stride of `fields` */
    const char *name;         /* unique, [a-z][a-z0-9_]*: a plugin's own layers are <plugin>_<what> */
    const char *description;  /* one line for --describe */
    uint32_t record_size;     /* sizeof(record); records start with uint32_t start, end */
    uint32_t flags;           /* pipe_layer_flag bits */
    const pipe_field *fields; /* PIPE_FIELD_END-terminated, not including start and end */
} pipe_layer_schema;

/* Initialiser for the two size fields that start a pipe_layer_schema. */
#define PIPE_SCHEMA_HEADER (uint32_t)sizeof(pipe_layer_schema), (uint32_t)sizeof(pipe_field)

#ifdef __cplusplus
}
#endif

#endif /* PIPE_LAYERS_H */
