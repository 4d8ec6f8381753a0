/*
 * pipe/plugin.h: the public SDK of pipe, and the only header a stage includes.
 *
 * A stage is a shared object that exports one entry symbol, made by
 * PIPE_PLUGIN_DEFINE(). The entry returns a descriptor (pipe_plugin) that
 * names the stage, the layers it consumes and produces, the options it
 * accepts, and three callbacks: create, process and destroy. The host hands
 * the stage a services table (pipe_host_api) at create time; a stage never
 * links against the core, so it builds with -Wl,-z,defs and can be unit
 * tested with a fake table.
 *
 * OFFSETS ARE BYTES. Every span in every layer is a half-open range
 * [start, end) of BYTE offsets into the document's UTF-8 text, counted after
 * a leading byte-order mark (which the reader strips). They are not code
 * points and not UTF-16 units: text[start] .. text[end-1] are the bytes.
 *
 * ABI rules (what may change within one major version):
 *  - The first three fields of pipe_plugin and pipe_host_api (abi_major,
 *    abi_minor, struct_size) never move.
 *  - New fields are only ever appended to pipe_plugin, pipe_host_api and
 *    pipe_layer_schema; a reader uses a field only when the other side's
 *    struct_size covers it (PIPE_HAS_FIELD). Enums only gain new values.
 *  - The built-in record structs (pipe_token, ...) never change within a
 *    major; a new field means a new layer name or a new major.
 *  - The runner loads a plugin when abi_major equals its own and abi_minor
 *    is not newer than its own; anything else is refused with both
 *    versions in the message. It reads them first from the ELF note that
 *    PIPE_PLUGIN_DEFINE emits, before loading the file (so no code of a
 *    refused plugin runs), then again from the descriptor.
 *
 * Thread-safety rules for stage authors:
 *  - create() and destroy() run on the main thread, one instance at a time.
 *  - With `-j N` the runner creates N instances of every stage; each
 *    instance's process() is called from one worker thread at a time, so
 *    per-instance state needs no locks. Global mutable state in a plugin
 *    must be protected by the plugin itself (prefer none).
 *  - A pipe_doc is valid only during process(); never keep pointers into it.
 *  - Never call exit(), abort() or write to stdout; report errors through
 *    set_error() and a negative return code.
 */
#ifndef PIPE_PLUGIN_H
#define PIPE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/layers.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Major version of the plugin ABI: a plugin of another major is refused. */
#define PIPE_ABI_MAJOR 1
/* Minor version: grows when fields are appended; older plugins still load. */
#define PIPE_ABI_MINOR 0

/* Status codes returned by callbacks and host services (0 or positive = success). */
typedef enum pipe_status {
    PIPE_OK = 0,            /* success */
    PIPE_SKIP = 1,          /* process(): drop this document quietly, not an error */
    PIPE_ERR_NOMEM = -1,    /* out of memory */
    PIPE_ERR_CONFIG = -2,   /* bad option value or missing data file */
    PIPE_ERR_INPUT = -3,    /* the document cannot be processed */
    PIPE_ERR_ABI = -4,      /* version or struct mismatch */
    PIPE_ERR_IO = -5,       /* a file could not be read or written */
    PIPE_ERR_INTERNAL = -6, /* a bug: an invariant was broken */
    PIPE_ERR_NOTFOUND = -7, /* no such option, layer or file */
    PIPE_ERR_TYPE = -8,     /* the option or layer exists with another type */
    PIPE_ERR_LIMIT = -9     /* a size limit was exceeded */
} pipe_status;

/* Opaque handle of one stage instance inside the host (logging, errors, registration). */
typedef struct pipe_host pipe_host;
/* Opaque view of one stage's validated options (defaults already applied). */
typedef struct pipe_cfg pipe_cfg;
/* Opaque document: id, immutable text and its annotation layers. */
typedef struct pipe_doc pipe_doc;
/* Index of a registered layer; stable for the whole run. */
typedef int32_t pipe_layer_id;

/* Types an option may have; the config file and --set are checked against it. */
typedef enum pipe_opt_type {
    PIPE_OPT_BOOL = 1,    /* true / false */
    PIPE_OPT_INT = 2,     /* 64-bit integer; a float is rejected */
    PIPE_OPT_DOUBLE = 3,  /* floating point; an integer is accepted */
    PIPE_OPT_STRING = 4,  /* UTF-8 string */
    PIPE_OPT_STRLIST = 5  /* array of strings */
} pipe_opt_type;

/* One option a stage accepts; an array of them ends with a {NULL} entry. */
typedef struct pipe_option {
    const char *name;          /* key in the stage's `options` group */
    pipe_opt_type type;        /* type the host enforces */
    const char *default_value; /* textual default ("3", "true", "news", "a,b"); NULL = unset */
    const char *help;          /* one line for --describe */
} pipe_option;

/* The entry that ends an option array, the same in C and C++ (no casts to the enum type). */
#ifdef __cplusplus
#define PIPE_OPTIONS_END {}
#else
#define PIPE_OPTIONS_END {0}
#endif

/* Severity for pipe_host_api.log. */
typedef enum pipe_log_level {
    PIPE_LOG_ERROR = 0,
    PIPE_LOG_WARN = 1,
    PIPE_LOG_INFO = 2,
    PIPE_LOG_DEBUG = 3
} pipe_log_level;

#if defined(__GNUC__)
#define PIPE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PIPE_PRINTF(a, b)
#endif

/*
 * Services the host offers a stage. The table is owned by the host and
 * outlives every stage instance. Functions never return 0-as-error: every
 * getter returns a pipe_status and writes its result through a pointer.
 */
typedef struct pipe_host_api {
    uint32_t abi_major;   /* PIPE_ABI_MAJOR of the host */
    uint32_t abi_minor;   /* PIPE_ABI_MINOR of the host */
    uint32_t struct_size; /* sizeof(pipe_host_api) in the host */

    /* Log a message prefixed with the stage's name; never writes stdout. */
    void (*log)(pipe_host *host, pipe_log_level level, const char *fmt, ...) PIPE_PRINTF(3, 4);
    /* Set the message that goes with a negative return from create/process. */
    void (*set_error)(pipe_host *host, const char *fmt, ...) PIPE_PRINTF(2, 3);

    /* Read a declared bool option. */
    int (*opt_bool)(const pipe_cfg *cfg, const char *name, int *out);
    /* Read a declared int option. */
    int (*opt_int)(const pipe_cfg *cfg, const char *name, int64_t *out);
    /* Read a declared double option (an int value is widened). */
    int (*opt_double)(const pipe_cfg *cfg, const char *name, double *out);
    /* Read a declared string option; the string lives as long as the instance. */
    int (*opt_string)(const pipe_cfg *cfg, const char *name, const char **out);
    /* Read a declared string-list option: *count items in *items (NULL-terminated). */
    int (*opt_strlist)(const pipe_cfg *cfg, const char *name, const char *const **items, size_t *count);
    /* Resolve a data file name (e.g. "abbrev-en.txt") against the config's folder and the installed data folder; writes a malloc'd path. */
    int (*data_path)(pipe_host *host, const char *name, char **path_out);

    /* Register a layer schema (create() only); registering an identical schema again returns the same id. */
    int (*layer_register)(pipe_host *host, const pipe_layer_schema *schema, pipe_layer_id *id);
    /* Find a layer by name, e.g. PIPE_LAYER_TOKENS (create() only). */
    int (*layer_find)(pipe_host *host, const char *name, pipe_layer_id *id);

    /* The document's id (a path, "-" or a corpus id); valid during process(). */
    const char *(*doc_id)(const pipe_doc *doc);
    /* The document's text (NUL-terminated for convenience; may contain NULs and invalid UTF-8). */
    const char *(*doc_text)(const pipe_doc *doc, size_t *len);
    /* The records of a layer as a C array (NULL and 0 when empty). */
    const void *(*layer_records)(const pipe_doc *doc, pipe_layer_id id, size_t *count);
    /* Append n zeroed records and return them; pointers from earlier calls on this layer become invalid. */
    void *(*layer_append)(pipe_doc *doc, pipe_layer_id id, size_t n);
    /* Copy a string into the document's string pool, for PIPE_FIELD_STR fields. */
    int (*str_add)(pipe_doc *doc, const char *s, size_t len, pipe_str *out);
    /* Read back a pooled string (NULL for PIPE_STR_NULL). */
    const char *(*str_get)(const pipe_doc *doc, pipe_str s, size_t *len);
} pipe_host_api;

/* The descriptor a plugin's entry symbol returns; lives as long as the module. */
typedef struct pipe_plugin {
    uint32_t abi_major;   /* PIPE_ABI_MAJOR the plugin was built with */
    uint32_t abi_minor;   /* PIPE_ABI_MINOR the plugin was built with */
    uint32_t struct_size; /* sizeof(pipe_plugin) the plugin was built with */

    const char *name;        /* must equal the module's file name without extension */
    const char *version;     /* the stage's own version, e.g. "1.2.0" */
    const char *description; /* one line for --list-plugins */
    const char *const *consumes; /* NULL-terminated layer names this stage reads, or NULL */
    const char *const *produces; /* NULL-terminated layer names this stage writes, or NULL */
    const pipe_option *options;  /* {NULL}-terminated array, or NULL for none */

    /* Make one instance: read options, load data, register produced layers, set *state. */
    int (*create)(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void **state);
    /* Annotate one document; PIPE_OK, PIPE_SKIP or a negative pipe_status. */
    int (*process)(void *state, pipe_doc *doc);
    /* Free one instance (state may be NULL if create failed before setting it). */
    void (*destroy)(void *state);
} pipe_plugin;

/* True when a struct of the given reported size contains field f. */
#define PIPE_HAS_FIELD(type, ptr, f) \
    ((size_t)(ptr)->struct_size >= offsetof(type, f) + sizeof(((type *)0)->f))

/* Marks the one symbol a plugin exports. */
#if defined(__GNUC__)
#define PIPE_EXPORT __attribute__((visibility("default")))
#else
#define PIPE_EXPORT
#endif

/* Initialiser for the three frozen descriptor fields. */
#define PIPE_PLUGIN_HEADER PIPE_ABI_MAJOR, PIPE_ABI_MINOR, (uint32_t)sizeof(pipe_plugin)

/* Owner name of the ABI note (an ELF note's name includes its NUL). */
#define PIPE_ABI_NOTE_NAME "pipe"
/* Type of the ABI note ("PIPE" in ASCII). */
#define PIPE_ABI_NOTE_TYPE 0x45504950u

/*
 * The ABI a plugin was built for, as an ELF note in section .note.pipe.abi:
 * the runner reads it from the file before loading it, so a plugin of
 * another ABI is refused before any of its code (constructors included) runs.
 */
typedef struct pipe_abi_note {
    uint32_t namesz;  /* sizeof PIPE_ABI_NOTE_NAME */
    uint32_t descsz;  /* 8: the two fields below */
    uint32_t type;    /* PIPE_ABI_NOTE_TYPE */
    char name[8];     /* PIPE_ABI_NOTE_NAME, padded to 4 bytes */
    uint32_t abi_major; /* PIPE_ABI_MAJOR at build time */
    uint32_t abi_minor; /* PIPE_ABI_MINOR at build time */
} pipe_abi_note;

#if defined(__GNUC__) && defined(__ELF__)
/* Emit the ABI note of module `modname` (PIPE_PLUGIN_DEFINE does this). */
#define PIPE_ABI_NOTE(modname)                                                                \
    __attribute__((section(".note.pipe.abi"), aligned(4), used))                             \
    static const pipe_abi_note modname##_pipe_abi_note = {                                   \
        sizeof PIPE_ABI_NOTE_NAME, 8, PIPE_ABI_NOTE_TYPE, PIPE_ABI_NOTE_NAME, PIPE_ABI_MAJOR, \
        PIPE_ABI_MINOR};
#else
#define PIPE_ABI_NOTE(modname)
#endif

/* C linkage for the entry symbol, so C++ stages export the name the loader looks up. */
#ifdef __cplusplus
#define PIPE_EXTERN_C extern "C"
#else
#define PIPE_EXTERN_C
#endif

/*
 * Export the entry symbol for module `modname` (the file is modname.so) and
 * its ABI note. The name carries libltdl's modname_LTX_ prefix so several
 * stages can be preloaded or linked statically side by side. The same line
 * works in C and C++: the entry gets C linkage either way.
 */
#define PIPE_PLUGIN_DEFINE(modname, descriptor)                                   \
    PIPE_ABI_NOTE(modname)                                                        \
    PIPE_EXTERN_C PIPE_EXPORT const pipe_plugin *modname##_LTX_pipe_plugin_entry(void); \
    PIPE_EXTERN_C PIPE_EXPORT const pipe_plugin *modname##_LTX_pipe_plugin_entry(void)  \
    {                                                                             \
        return &(descriptor);                                                     \
    }

#ifdef __cplusplus
}
#endif

#endif /* PIPE_PLUGIN_H */
