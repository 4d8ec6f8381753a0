#include "util/log.h"

#include <stdio.h>
#include <string.h>

#include "util/escape.h"

static pipe_log_level max_level = PIPE_LOG_WARN;

static const char *const level_names[] = {"error", "warning", "info", "debug"};

void log_set_level(pipe_log_level level)
{
    max_level = level;
}

void log_vmsg(pipe_log_level level, const char *stage, const char *fmt, va_list ap)
{
    if (level > max_level)
        return;
    /* One buffered write per message keeps lines whole when workers log at once. */
    char line[2048];
    int n = stage ? snprintf(line, sizeof line, "pipe: [%s] %s: ", stage, level_names[level]) : snprintf(line, sizeof line, "pipe: %s: ", level_names[level]);
    if (n < 0)
        return;
    if ((size_t)n < sizeof line)
        vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    /* Messages carry document ids, file names and stage text, which are data: a newline or an
       ESC sequence in them must not forge a line or reach the terminal raw. */
    buf shown = {0};
    if (escape_append(&shown, line, strlen(line)) == 0 && buf_putc(&shown, '\n') == 0)
        fwrite(shown.data, 1, shown.len, stderr);
    else
        fputs("pipe: error: (a message could not be shown: out of memory)\n", stderr);
    buf_free(&shown);
}

void log_msg(pipe_log_level level, const char *stage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    log_vmsg(level, stage, fmt, ap);
    va_end(ap);
}
