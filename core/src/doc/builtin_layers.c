/* Schemas of the built-in layers: the JSON contract of tokens, sentences, quotes and summary. */
#include <stddef.h>

#include "doc/layer_registry.h"

static const char *const token_kinds[] = {"word", "number", "punct", "symbol", "url", "email", "mention",
                                          "hashtag", "emoji", "space", "invalid", "other", NULL};
static const char *const token_flags[] = {"space_before", "newline_before", "para_before", "clitic",
                                          "abbrev", "quote", "open", "close", NULL};
static const pipe_field token_fields[] = {
    {"kind", PIPE_FIELD_ENUM16, offsetof(pipe_token, kind), token_kinds, 0},
    {"flags", PIPE_FIELD_FLAGS16, offsetof(pipe_token, flags), token_flags, PIPE_FIELDF_HIDDEN},
    PIPE_FIELD_END};
static const pipe_layer_schema tokens = {PIPE_SCHEMA_HEADER, PIPE_LAYER_TOKENS,
                                         "words, numbers, punctuation and other tokens", sizeof(pipe_token), 0,
                                         token_fields};

static const char *const sentence_flags[] = {"no_final_punct", "forced_split", "list_item", NULL};
static const pipe_field sentence_fields[] = {
    {"paragraph", PIPE_FIELD_U32, offsetof(pipe_sentence, paragraph), NULL, 0},
    {"first_token", PIPE_FIELD_U32, offsetof(pipe_sentence, first_token), NULL, PIPE_FIELDF_HIDDEN},
    {"n_tokens", PIPE_FIELD_U32, offsetof(pipe_sentence, n_tokens), NULL, PIPE_FIELDF_HIDDEN},
    {"flags", PIPE_FIELD_FLAGS32, offsetof(pipe_sentence, flags), sentence_flags, PIPE_FIELDF_HIDDEN},
    PIPE_FIELD_END};
static const pipe_layer_schema sentences = {PIPE_SCHEMA_HEADER, PIPE_LAYER_SENTENCES,
                                            "sentences with their paragraph index", sizeof(pipe_sentence),
                                            PIPE_LAYERF_TEXT, sentence_fields};

static const char *const quote_kinds[] = {"direct", "scare", "partial", NULL};
static const char *const quote_flags[] = {"multi_paragraph", "unclosed", "resolved", NULL};
static const char *const speaker_kinds[] = {"unknown", "person", "organisation", "description", NULL};
static const pipe_field quote_fields[] = {
    {"kind", PIPE_FIELD_ENUM16, offsetof(pipe_quote, kind), quote_kinds, 0},
    {"speaker", PIPE_FIELD_STR, offsetof(pipe_quote, speaker), NULL, 0},
    {"cue", PIPE_FIELD_SPAN_TEXT, offsetof(pipe_quote, cue_start), NULL, 0},
    {"content", PIPE_FIELD_SPAN, offsetof(pipe_quote, content_start), NULL, 0},
    {"speaker_span", PIPE_FIELD_SPAN, offsetof(pipe_quote, speaker_start), NULL, 0},
    {"level", PIPE_FIELD_U16, offsetof(pipe_quote, level), NULL, 0},
    {"flags", PIPE_FIELD_FLAGS32, offsetof(pipe_quote, flags), quote_flags, PIPE_FIELDF_HIDDEN},
    {"speaker_kind", PIPE_FIELD_ENUM16, offsetof(pipe_quote, speaker_kind), speaker_kinds, 0},
    PIPE_FIELD_END};
static const pipe_layer_schema quotes = {PIPE_SCHEMA_HEADER, PIPE_LAYER_QUOTES,
                                         "quotations with kind, speaker and cue verb", sizeof(pipe_quote),
                                         PIPE_LAYERF_TEXT, quote_fields};

static const pipe_field speaker_fields[] = {
    {"name", PIPE_FIELD_STR, offsetof(pipe_speaker, name), NULL, 0},
    {"kind", PIPE_FIELD_ENUM16, offsetof(pipe_speaker, kind), speaker_kinds, 0},
    {"quotes", PIPE_FIELD_U32, offsetof(pipe_speaker, quotes), NULL, 0},
    {"n_mentions", PIPE_FIELD_U32, offsetof(pipe_speaker, n_mentions), NULL, 0},
    {"mentions", PIPE_FIELD_STR, offsetof(pipe_speaker, mentions), NULL, 0},
    PIPE_FIELD_END};
static const pipe_layer_schema speakers = {PIPE_SCHEMA_HEADER, PIPE_LAYER_SPEAKERS,
                                           "who is quoted: canonical name, kind, mentions and quote count",
                                           sizeof(pipe_speaker), 0, speaker_fields};

static const pipe_field summary_fields[] = {
    {"sentence", PIPE_FIELD_U32, offsetof(pipe_summary, sentence), NULL, 0},
    {"score", PIPE_FIELD_F64, offsetof(pipe_summary, score), NULL, 0},
    {"rank", PIPE_FIELD_U32, offsetof(pipe_summary, rank), NULL, 0},
    PIPE_FIELD_END};
static const pipe_layer_schema summary = {PIPE_SCHEMA_HEADER, PIPE_LAYER_SUMMARY,
                                          "the sentences chosen as the summary, in document order",
                                          sizeof(pipe_summary), PIPE_LAYERF_TEXT, summary_fields};

const pipe_layer_schema *const builtin_layers[] = {&tokens, &sentences, &quotes, &summary, &speakers, NULL};
