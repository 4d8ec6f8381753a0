/*
 * One JSON Lines line as written: a strict RFC 8259 syntax check and the byte
 * spans of the top-level members. Metadata is carried through from these spans
 * byte for byte, so numbers such as 1e400, 18446744073709551616 or 1.0 survive
 * exactly: a JSON library would turn them into doubles or reject them.
 */
#ifndef PIPE_JSONL_SCAN_H
#define PIPE_JSONL_SCAN_H

#include <stddef.h>

#include "util/buf.h"

/* Containers nested deeper than this make a line invalid: no corpus needs more, and the scan keeps one byte per level. */
#define JSCAN_MAX_DEPTH 512

/* One top-level member: offsets into the line. */
typedef struct jscan_member {
    size_t key, key_len;   /* the name's bytes between the quotes, escapes not decoded */
    size_t val, val_len;   /* the value's bytes, quotes and brackets included */
    size_t bad_utf8;       /* a string value's first byte that is not UTF-8, or SIZE_MAX */
    size_t name, name_len; /* the decoded name in jscan.names, after jscan_names */
} jscan_member;

/* The result of scanning one line. */
typedef struct jscan {
    int is_object;   /* the line's value is an object (members are listed only then) */
    jscan_member *m; /* its members in input order */
    size_t n, cap;
    buf names;     /* decoded member names, filled by jscan_names */
    char err[160]; /* why the line is not valid JSON, with the column */
    /*
     * When text_out is set, the string value of the first top-level member whose
     * name is written exactly `text` (no escapes) is decoded into it during the
     * scan, so the text is read once; text_member is that member, or SIZE_MAX.
     */
    buf *text_out;
    size_t text_member;
} jscan;

/* Scan line[0..len): 0 when it is one valid JSON value with only whitespace around it, 1 when not (err says why), -1 when out of memory. */
int jscan_line(jscan *s, const char *line, size_t len);
/* Append the decoded text of a valid string body (the bytes between the quotes) to out; 0 or -1. */
int jscan_decode(buf *out, const char *body, size_t n);
/* Decode every member name of a scanned line into s->names (names may hold NULs); 0 or -1. */
int jscan_names(jscan *s, const char *line);
/* After jscan_names: 1 and *later = the index of a member whose name an earlier member has, 0 when all differ, -1 out of memory. */
int jscan_duplicate(const jscan *s, size_t *later);
/* True when member k's decoded name is the NUL-terminated word. */
int jscan_name_is(const jscan *s, size_t k, const char *word);
/* An id value v[0..n) as text: a string decoded, an integer as written; 0, 1 when it is neither, -1 out of memory. */
int jscan_id_text(buf *out, const char *v, size_t n);
/* The id of a JSON object line (an output record) as jscan_id_text gives it; 0, 1 when there is none, -1 out of memory. */
int jscan_record_id(buf *out, const char *line, size_t len);
/* Free the member list and names. */
void jscan_free(jscan *s);

#endif
