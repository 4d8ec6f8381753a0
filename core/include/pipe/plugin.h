/*
 * pipe/plugin.h: the public SDK of pipe, and the only header a stage includes.
 *
 * A stage is a shared object that exports one entry symbol, made by
 * PIPE_PLUGIN_DEFINE(). The entry returns a descriptor (pipe_plugin) that
 * names the stage, the layers it consumes (required and optional) and
 * produces, the options it accepts, and its callbacks: init and fini (once
 * per configured stage, optional), create, process and destroy (once per
 * instance). The host hands the stage a services table (pipe_host_api); a
 * stage never links against the core, so it builds with -Wl,-z,defs and can
 * be unit tested with a fake table.
 *
 * OFFSETS ARE BYTES. Every span in every layer is a half-open range
 * [start, end) of BYTE offsets into the document's UTF-8 text, counted after
 * a leading byte-order mark (which the reader strips). They are not code
 * points and not UTF-16 units: text[start] .. text[end-1] are the bytes.
 *
 * The layer contract (layers.h says what each layer guarantees): a stage
 * finds only the layers it declares, appends only to layers it declares in
 * `produces`, and a layer has one producer per pipeline (a second is refused
 * at load with FILE:LINE). After every process() the host checks the new
 * records; a violation fails the document with an error record naming the
 * stage, so a stage may rely on layers.h's invariants of what it reads.
 *
 * ABI rules (what may change within one major version):
 *  - The first three fields of pipe_plugin and pipe_host_api (abi_major,
 *    abi_minor, struct_size) never move; in any major they identify it.
 *  - New fields are only ever appended to pipe_plugin, pipe_host_api,
 *    pipe_call, pipe_layer_schema, pipe_option and pipe_field; a reader uses
 *    a field only when the other side's struct size covers it
 *    (PIPE_HAS_FIELD for structs, option_size and field_size for the
 *    arrays, which are walked with that stride). Enums only gain values,
 *    and every struct member is a fixed-width integer, never an enum type.
 *  - The built-in record structs (pipe_token, ...) never change within a
 *    major; a new field means a new layer name or a new major.
 *  - Memory crosses the boundary only with its owner's release function:
 *    the host frees what it allocates (string_free), a plugin what it does.
 *  - The runner loads a plugin when abi_major equals its own and abi_minor
 *    is not newer than its own; anything else is refused with both
 *    versions in the message. It reads them first from the ELF note that
 *    PIPE_PLUGIN_DEFINE emits, before loading the file (so no code of a
 *    refused plugin runs), then again from the descriptor.
 *
 * Thread-safety rules for stage authors:
 *  - init(), fini(), create() and destroy() run on the main thread, one at
 *    a time. What init() makes is shared by all instances: treat it as
 *    read-only once init() returns.
 *  - With `-j N` the runner creates N instances of every stage; each
 *    instance's process() is called from one worker thread at a time, so
 *    per-instance state needs no locks. Global mutable state in a plugin
 *    must be protected by the plugin itself (prefer none).
 *  - A pipe_doc and a pipe_call are valid only during process(); never keep
 *    pointers into them.
 *  - Never call exit(), abort() or write to stdout; report errors through
 *    set_error() and a negative return code.
 */
#ifndef PIPE_PLUGIN_H
#define PIPE_PLUGIN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "pipe/layers.h"
#include "pipe/utf8.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Major version of the plugin ABI: a plugin of another major is refused. */
#define PIPE_ABI_MAJOR 2
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
    PIPE_ERR_LIMIT = -9,    /* a size limit was exceeded */
    PIPE_ERR_DENIED = -10   /* the layer contract forbids it (an undeclared layer) */
} pipe_status;

/* Opaque handle of one stage instance inside the host (logging, errors, registration). */
typedef struct pipe_host pipe_host;
/* Opaque view of one stage's validated options (defaults already applied). */
typedef struct pipe_cfg pipe_cfg;
/* Opaque document: id, immutable text and its annotation layers. */
typedef struct pipe_doc pipe_doc;
/* Index of a registered layer; stable for the whole run. */
typedef int32_t pipe_layer_id;

/* Types an option may have (pipe_option.type); the config file and --set are checked against it. */
typedef enum pipe_opt_type {
    PIPE_OPT_BOOL = 1,   /* true / false */
    PIPE_OPT_INT = 2,    /* 64-bit integer; a float is rejected */
    PIPE_OPT_DOUBLE = 3, /* floating point; an integer is accepted */
    PIPE_OPT_STRING = 4, /* UTF-8 string */
    PIPE_OPT_STRLIST = 5 /* array of strings */
} pipe_opt_type;

/* Option flags (pipe_option.flags): checks the host makes before create() runs. */
enum pipe_opt_flag {
    PIPE_OPTF_REQUIRED = 1u << 0, /* the pipeline file (or --set) must give it; no default */
    PIPE_OPTF_MIN = 1u << 1,      /* INT, DOUBLE: the value is >= min */
    PIPE_OPTF_MAX = 1u << 2       /* INT, DOUBLE: the value is <= max */
};

/*
 * One option a stage accepts; an array of them ends with PIPE_OPTION_END.
 * The descriptor's option_size is the array's stride, so fields appended in
 * a later minor are read only from plugins built with them. Declare options
 * with designated initializers (.name = ..., .type = ...).
 */
typedef struct pipe_option {
    const char *name;           /* key in the stage's `options` group */
    uint32_t type;              /* pipe_opt_type the host enforces */
    uint32_t flags;             /* pipe_opt_flag bits */
    const char *default_value;  /* textual default ("3", "true", "news", "a,b"); NULL = unset */
    const char *help;           /* one line for --describe */
    double min;                 /* smallest value, when flags has PIPE_OPTF_MIN */
    double max;                 /* largest value, when flags has PIPE_OPTF_MAX */
    const char *const *choices; /* STRING, STRLIST: NULL-terminated allowed values; NULL = any */
} pipe_option;

/* Terminator of a pipe_option array; the same in C and C++ (the members are integers, so no casts). */
#define PIPE_OPTION_END                    \
    {                                      \
        NULL, 0, 0, NULL, NULL, 0, 0, NULL \
    }
/* pipe_option members for an inclusive range [lo, hi] of an INT or DOUBLE option. */
#define PIPE_OPT_RANGE(lo, hi) .flags = PIPE_OPTF_MIN | PIPE_OPTF_MAX, .min = (lo), .max = (hi)

/* Severity for pipe_host_api.log (an int argument). */
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

    /* Log a message (level: pipe_log_level) prefixed with the stage's name; never writes stdout. */
    void (*log)(pipe_host *host, int level, const char *fmt, ...) PIPE_PRINTF(3, 4);
    /* log() for a stage's own variadic wrappers. */
    void (*vlog)(pipe_host *host, int level, const char *fmt, va_list ap) PIPE_PRINTF(3, 0);
    /* Set the message that goes with a negative return from init/create/process (cleared before each call). */
    void (*set_error)(pipe_host *host, const char *fmt, ...) PIPE_PRINTF(2, 3);

    /* Read a declared bool option. */
    int (*opt_bool)(const pipe_cfg *cfg, const char *name, int *out);
    /* Read a declared int option. */
    int (*opt_int)(const pipe_cfg *cfg, const char *name, int64_t *out);
    /* Read a declared double option (an int value is widened). */
    int (*opt_double)(const pipe_cfg *cfg, const char *name, double *out);
    /* Read a declared string option; the string lives as long as the stage. */
    int (*opt_string)(const pipe_cfg *cfg, const char *name, const char **out);
    /* Read a declared string-list option: *count items in *items (NULL-terminated). */
    int (*opt_strlist)(const pipe_cfg *cfg, const char *name, const char *const **items, size_t *count);
    /* Resolve a data file name (e.g. "abbrev-en.txt") against the config's folder and the installed data folder; release *path_out with string_free. */
    int (*data_path)(pipe_host *host, const char *name, char **path_out);
    /* Release a string the host allocated (data_path); NULL is ignored. */
    void (*string_free)(char *s);

    /* Register the schema of a layer the stage declares in `produces` (init/create only); an identical schema again returns the same id. */
    int (*layer_register)(pipe_host *host, const pipe_layer_schema *schema, pipe_layer_id *id);
    /* Find a layer the stage declares (consumes, consumes_optional or produces) by name (init/create only). */
    int (*layer_find)(pipe_host *host, const char *name, pipe_layer_id *id);

    /* The document's id (a path, "-" or a corpus id); valid during process(). */
    const char *(*doc_id)(const pipe_doc *doc);
    /* The document's text (NUL-terminated for convenience; may contain NULs and invalid UTF-8). */
    const char *(*doc_text)(const pipe_doc *doc, size_t *len);
    /* The records of a layer as a C array (NULL and 0 when empty). */
    const void *(*layer_records)(const pipe_doc *doc, pipe_layer_id id, size_t *count);
    /* Append n zeroed records to a layer the stage produces, *out = the first; earlier pointers into it become invalid. */
    int (*layer_append)(pipe_doc *doc, pipe_layer_id id, size_t n, void **out);
    /* Copy a string into the document's string pool, for PIPE_FIELD_STR fields. */
    int (*str_add)(pipe_doc *doc, const char *s, size_t len, pipe_str *out);
    /* Read back a pooled string (NULL for PIPE_STR_NULL). */
    const char *(*str_get)(const pipe_doc *doc, pipe_str s, size_t *len);
} pipe_host_api;

/* What one process() call works on; valid only during the call. */
typedef struct pipe_call {
    uint32_t struct_size;     /* sizeof(pipe_call) in the host */
    const pipe_host_api *api; /* the services table */
    pipe_host *host;          /* this instance's handle (set_error, log); its error is cleared before the call */
    pipe_doc *doc;            /* the document */
    void *shared;             /* what the stage's init() returned, or NULL */
} pipe_call;

/* The descriptor a plugin's entry symbol returns; lives as long as the module. */
typedef struct pipe_plugin {
    uint32_t abi_major;   /* PIPE_ABI_MAJOR the plugin was built with */
    uint32_t abi_minor;   /* PIPE_ABI_MINOR the plugin was built with */
    uint32_t struct_size; /* sizeof(pipe_plugin) the plugin was built with */
    uint32_t option_size; /* sizeof(pipe_option) the plugin was built with: the stride of `options` */

    const char *name;                     /* must equal the module's file name without extension */
    const char *version;                  /* the stage's own version, e.g. "1.2.0" */
    const char *description;              /* one line for --list-plugins */
    const char *const *consumes;          /* NULL-terminated layers an earlier stage must produce, or NULL */
    const char *const *consumes_optional; /* NULL-terminated layers read when an earlier stage produces them */
    const char *const *produces;          /* NULL-terminated layers this stage alone appends to, or NULL */
    const pipe_option *options;           /* PIPE_OPTION_END-terminated array, or NULL for none */

    /* Optional: load read-only data once per configured stage, shared by all its -j instances (*shared); on failure it frees what it made. */
    int (*init)(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void **shared);
    /* Make one instance: read options, register produced layers, set *state; shared is init()'s result. */
    int (*create)(const pipe_host_api *api, pipe_host *host, const pipe_cfg *cfg, void *shared, void **state);
    /* Annotate call->doc; PIPE_OK, PIPE_SKIP or a negative pipe_status. */
    int (*process)(void *state, const pipe_call *call);
    /* Free one instance (state may be NULL if create failed before setting it). */
    void (*destroy)(void *state);
    /* Optional: free what init() made, after every instance is destroyed (shared may be NULL). */
    void (*fini)(void *shared);
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

/* Initialiser for the first four descriptor fields (the three frozen ones and the option stride). */
#define PIPE_PLUGIN_HEADER \
    PIPE_ABI_MAJOR, PIPE_ABI_MINOR, (uint32_t)sizeof(pipe_plugin), (uint32_t)sizeof(pipe_option)

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
    uint32_t namesz;    /* sizeof PIPE_ABI_NOTE_NAME */
    uint32_t descsz;    /* 8: the two fields below */
    uint32_t type;      /* PIPE_ABI_NOTE_TYPE */
    char name[8];       /* PIPE_ABI_NOTE_NAME, padded to 4 bytes */
    uint32_t abi_major; /* PIPE_ABI_MAJOR at build time */
    uint32_t abi_minor; /* PIPE_ABI_MINOR at build time */
} pipe_abi_note;

#if defined(__GNUC__) && defined(__ELF__)
/* Emit the ABI note of module `modname` (PIPE_PLUGIN_DEFINE does this). */
#define PIPE_ABI_NOTE(modname)                                                                                          \
    __attribute__((section(".note.pipe.abi"), aligned(4), used)) static const pipe_abi_note modname##_pipe_abi_note = { \
        sizeof PIPE_ABI_NOTE_NAME, 8, PIPE_ABI_NOTE_TYPE, PIPE_ABI_NOTE_NAME, PIPE_ABI_MAJOR,                           \
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
#define PIPE_PLUGIN_DEFINE(modname, descriptor)                                         \
    PIPE_ABI_NOTE(modname)                                                              \
    PIPE_EXTERN_C PIPE_EXPORT const pipe_plugin *modname##_LTX_pipe_plugin_entry(void); \
    PIPE_EXTERN_C PIPE_EXPORT const pipe_plugin *modname##_LTX_pipe_plugin_entry(void)  \
    {                                                                                   \
        return &(descriptor);                                                           \
    }

#ifdef __cplusplus
}
#endif

#endif /* PIPE_PLUGIN_H */
