#include "config/pipeline_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/paths.h"

static int is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* The first of dir/NAME and dir/NAME.conf that exists, over the installed data folders. */
static char *find_installed(const strvec *dirs, const char *name)
{
    for (size_t k = 0; k < dirs->n; k++) {
        for (int ext = 0; ext < 2; ext++) {
            if (ext && paths_has_suffix(name, ".conf"))
                continue;
            buf file = {0};
            char *p = NULL;
            if (buf_printf(&file, "%s%s", name, ext ? ".conf" : "") == 0)
                p = paths_join(dirs->v[k], file.data);
            buf_free(&file);
            /* Messages name it as a user would (prefix/share/pipe/..., not prefix/bin/../share/...). */
            char *real = p && is_file(p) ? realpath(p, NULL) : NULL;
            if (real) {
                free(p);
                return real;
            }
            free(p);
        }
    }
    return NULL;
}

int pipeline_file_find(const char *arg, char **path, char *err, size_t errlen)
{
    /* A file in the working folder wins over an installed pipeline of the same name, as a path would. */
    if (arg && (strchr(arg, '/') || is_file(arg))) {
        if (!(*path = strdup(arg))) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        return 0;
    }
    const char *name = arg ? arg : PIPELINE_FILE_DEFAULT;
    strvec dirs = {0};
    if (paths_data_dirs(NULL, &dirs)) {
        strvec_free(&dirs);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *path = find_installed(&dirs, name);
    if (!*path) {
        buf where = {0};
        for (size_t k = 0; k < dirs.n; k++)
            buf_printf(&where, "%s%s", k ? ", " : "", dirs.v[k]);
        if (arg)
            snprintf(err, errlen, "-c %s: no such file here, and no installed pipeline %s%s (looked in %s)", arg,
                     name, paths_has_suffix(name, ".conf") ? "" : ".conf", where.len ? where.data : "no folder");
        else
            snprintf(err, errlen,
                     "no pipeline given and no default pipeline installed (looked for %s.conf in %s): use -c "
                     "PIPELINE.conf (see pipe --help)",
                     name, where.len ? where.data : "no folder");
        buf_free(&where);
    }
    strvec_free(&dirs);
    return *path ? 0 : -1;
}
