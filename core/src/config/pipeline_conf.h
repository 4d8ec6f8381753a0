/* The pipeline file: every use of libconfig lives here. */
#ifndef PIPE_CONFIG_H
#define PIPE_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "archive/archive_writer.h"
#include "pipe/plugin.h"

/* Output formats: one JSON object, JSON Lines, or a report for people (text, or one HTML page). */
typedef enum out_format { OUT_JSON = 0,
                          OUT_JSONL = 1,
                          OUT_TEXT = 2,
                          OUT_HTML = 3 } out_format;

/* Whether span records carry their text: per layer default, always, never. */
typedef enum text_mode { TEXT_AUTO = 0,
                         TEXT_ON = 1,
                         TEXT_OFF = 2 } text_mode;

/* One entry of the `stages` list. */
typedef struct conf_stage {
    char *plugin; /* module name, e.g. "tokenizer" */
    char *name;   /* instance name (defaults to plugin), used by --set and in messages */
    int line;     /* line of the stage's group in the file */
} conf_stage;

/* The whole pipeline description, after the file and before plugins are loaded. */
typedef struct conf {
    char *path; /* the config file as given */
    char *dir;  /* its folder, where relative data files are found */
    void *lc;   /* the libconfig tree (config_t *), kept for option checking */
    conf_stage *stages;
    size_t nstages;
    char **plugin_path; /* extra plugin folders, relative ones resolved against dir */
    size_t nplugin_path;
    out_format format;
    char **layers; /* layers to write; NULL = every produced layer */
    size_t nlayers;
    int layers_none;      /* `layers = []` or --layers none: only id and counts */
    int layers_from_flag; /* the list came from --layers (messages name the flag, not the file) */
    int pretty;
    text_mode text;
    char *output_path;    /* NULL = stdout */
    char *archive_dir;    /* output.archive.dir or --archive; NULL = no archive */
    archive_opts archive; /* the other archive settings (dir is archive_dir) */
    int64_t max_document_bytes;
    int64_t jobs;         /* worker threads (1 unless set) */
    int isolate;          /* stages run in worker processes (isolate = true; or --isolate) */
    double stage_timeout; /* seconds one stage may spend on one document with isolate; 0 = no limit */
} conf;

/* Default limit on one document's size (64 MiB). */
#define CONF_DEFAULT_MAX_DOC_BYTES (64LL * 1024 * 1024)

/* Read and check the file's structure; 0, or -1 with "FILE:LINE: message" in err. */
int conf_load(conf *c, const char *path, char *err, size_t errlen);
/* Apply the `options` group of stage i to cfg, checking names and types against its declarations. */
int conf_apply_options(const conf *c, size_t i, pipe_cfg *cfg, char *err, size_t errlen);
/* Replace the list of written layers from "a,b,c" (or "none", or "all"). */
int conf_set_layers(conf *c, const char *list, char *err, size_t errlen);
/* Parse a format name; 0, or -1 when unknown. */
int conf_parse_format(const char *name, out_format *out);
/* Free everything conf_load allocated. */
void conf_free(conf *c);

#endif
