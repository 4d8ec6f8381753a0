/* Whether a plugin file may run as us: OpenSSH StrictModes for shared objects. */
#ifndef PIPE_PLUGIN_TRUST_H
#define PIPE_PLUGIN_TRUST_H

#include <stddef.h>
#include <sys/stat.h>

/*
 * real is the resolved path (no symlinks, no ..) of a file opened as fd,
 * st its fstat. The file and every folder up to / must belong to root or to
 * us and not be writable by group or others; a sticky folder (like /tmp) may
 * be, since the file itself is ours or root's and nobody else can rename it.
 * Also checks that real still names the opened file. 0, or -1 with err
 * naming the offending path component and the reason.
 */
int plugin_trust_check(const char *real, const struct stat *st, char *err, size_t errlen);

#endif
