#include "cli/version.h"

#include <libconfig.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pipe/plugin.h"

/* The shared objects whose file names tell the version a bug report needs. */
static const char *const libs[] = {"libconfig.so", "libz.so", "libltdl.so"};
enum { NLIBS = sizeof libs / sizeof libs[0] };

typedef struct found {
    char file[NLIBS][PATH_MAX]; /* the loaded file's real name, e.g. libltdl.so.7.3.2; "" when not loaded */
} found;

/* The mapped files of this process (Linux /proc/self/maps): the libraries as loaded, not as built against. */
static void find_loaded(found *f)
{
    FILE *maps = fopen("/proc/self/maps", "r");
    char line[PATH_MAX + 128];
    while (maps && fgets(line, sizeof line, maps)) {
        line[strcspn(line, "\n")] = '\0';
        const char *path = strchr(line, '/');
        const char *slash = path ? strrchr(path, '/') : NULL;
        for (size_t k = 0; slash && k < NLIBS; k++) {
            if (f->file[k][0] || strncmp(slash + 1, libs[k], strlen(libs[k])) != 0)
                continue;
            /* The soname link (libz.so.1) hides the full version; the file it points at has it. */
            char real[PATH_MAX];
            const char *name = realpath(path, real) ? strrchr(real, '/') + 1 : slash + 1;
            snprintf(f->file[k], sizeof f->file[k], "%s", name);
        }
    }
    if (maps)
        fclose(maps);
}

static const char *loaded(const found *f, size_t k)
{
    /* pipe-archive never loads libltdl or libconfig (the linker drops what it does not call). */
    return f->file[k][0] ? f->file[k] : "not loaded by this program";
}

void version_print(FILE *out, const char *tool)
{
    found f;
    memset(&f, 0, sizeof f);
    find_loaded(&f);
    fprintf(out, "%s %s (plugin ABI %d.%d)\n", tool, PIPE_VERSION, PIPE_ABI_MAJOR, PIPE_ABI_MINOR);
    fprintf(out, "libconfig: built with %d.%d.%d, runs %s\n", LIBCONFIG_VER_MAJOR, LIBCONFIG_VER_MINOR,
            LIBCONFIG_VER_REVISION, loaded(&f, 0));
    fprintf(out, "zlib: built with %s, runs %s (%s)\n", ZLIB_VERSION, zlibVersion(), loaded(&f, 1));
    fprintf(out, "libltdl: runs %s\n", loaded(&f, 2));
}
