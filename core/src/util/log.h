/* Diagnostics on stderr, prefixed with "pipe:" and, for stages, the stage's name. */
#ifndef PIPE_LOG_H
#define PIPE_LOG_H

#include <stdarg.h>

#include "pipe/plugin.h"

/* Show messages up to this level (PIPE_LOG_WARN by default; -q lowers it to errors). */
void log_set_level(pipe_log_level level);
/* Print one message; stage may be NULL for the runner itself. */
void log_msg(pipe_log_level level, const char *stage, const char *fmt, ...) PIPE_PRINTF(3, 4);
/* va_list form of log_msg. */
void log_vmsg(pipe_log_level level, const char *stage, const char *fmt, va_list ap);

#endif
