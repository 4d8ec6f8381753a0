/* Typed, validated stage options: the host side of pipe_cfg. */
#ifndef PIPE_OPTIONS_H
#define PIPE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "pipe/plugin.h"

/* Build the option set of a stage from its declarations, with defaults applied; NULL + err on a bad default. */
pipe_cfg *cfg_new(const pipe_option *decls, char *err, size_t errlen);
/* Free an option set. */
void cfg_free(pipe_cfg *cfg);
/* The declaration of option `name`, or NULL when the stage does not declare it. */
const pipe_option *cfg_decl(const pipe_cfg *cfg, const char *name);
/* Comma-separated list of declared option names, for "valid options are" messages. */
void cfg_names(const pipe_cfg *cfg, char *out, size_t outlen);

/* Setters used by the config reader; the caller has checked the declared type. */
int cfg_set_bool(pipe_cfg *cfg, const char *name, int v);
/* Set an int option. */
int cfg_set_int(pipe_cfg *cfg, const char *name, int64_t v);
/* Set a double option. */
int cfg_set_double(pipe_cfg *cfg, const char *name, double v);
/* Set a string option (copied). */
int cfg_set_string(pipe_cfg *cfg, const char *name, const char *v);
/* Set a string-list option (strings copied). */
int cfg_set_strlist(pipe_cfg *cfg, const char *name, const char *const *items, size_t n);

/* Parse text as the option's declared type (as --set and defaults do); 0, or -1 with err. */
int cfg_set_text(pipe_cfg *cfg, const char *name, const char *text, char *err, size_t errlen);

/* Check the option's value against its declared min, max and choices; 0, or -1 with err. */
int cfg_check(const pipe_cfg *cfg, const char *name, char *err, size_t errlen);
/* The first required option that has no value, or NULL. */
const char *cfg_missing_required(const pipe_cfg *cfg);

/* Print "name = value" for the option's current value into out, for --describe and --check. */
void cfg_format_value(const pipe_cfg *cfg, const char *name, char *out, size_t outlen);

/* Name of an option type as users write it: bool, int, double, string, string list. */
const char *cfg_type_name(uint32_t t);
/* What a message says a value of type t must be: "true or false", "an int", "a string list", ... */
const char *cfg_type_wanted(uint32_t t);

/* pipe_host_api getters. */
int cfg_get_bool(const pipe_cfg *cfg, const char *name, int *out);
/* See pipe_host_api.opt_int. */
int cfg_get_int(const pipe_cfg *cfg, const char *name, int64_t *out);
/* See pipe_host_api.opt_double. */
int cfg_get_double(const pipe_cfg *cfg, const char *name, double *out);
/* See pipe_host_api.opt_string. */
int cfg_get_string(const pipe_cfg *cfg, const char *name, const char **out);
/* See pipe_host_api.opt_strlist. */
int cfg_get_strlist(const pipe_cfg *cfg, const char *name, const char *const **items, size_t *count);

#endif
