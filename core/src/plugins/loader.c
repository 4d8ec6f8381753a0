/*
 * plugins/: stage modules as the core sees them. Finding and opening a module (loader, every use
 * of libltdl), refusing one that others can write (plugin_trust) or of another ABI (elf_note, read
 * before any of its code runs), and the services table a stage calls back into (host, status). It
 * owns the plugin ABI on the host side. It may call config/ (a stage's options), doc/ and util/;
 * running a stage over documents is run/'s business.
 */
#include "plugins/loader.h"

#include <dlfcn.h>
#include <errno.h>
#include <ltdl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plugins/elf_note.h"
#include "plugins/plugin_trust.h"
#include "doc/layer_registry.h"
#include "util/fileopen.h"

static int allow_insecure;

int loader_init(void)
{
    return lt_dlinit() == 0 ? 0 : -1;
}

void loader_exit(void)
{
    lt_dlexit();
}

void loader_allow_insecure(int allow)
{
    allow_insecure = allow;
}

int loader_valid_name(const char *name)
{
    if (!name || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z') || name[0] == '_'))
        return 0;
    size_t n = 0;
    for (; name[n]; n++)
        if (!((name[n] >= 'a' && name[n] <= 'z') || (name[n] >= 'A' && name[n] <= 'Z') ||
              (name[n] >= '0' && name[n] <= '9') || name[n] == '_'))
            return 0;
    return n <= 64;
}

/* libltdl says "file not found" even when a dependency is what is missing; ask dlopen for the truth. */
static void real_reason(const char *byfd, const char *path, const char *lt_msg, char *err, size_t errlen)
{
    void *h = dlopen(byfd, RTLD_NOW | RTLD_LOCAL);
    if (h) {
        dlclose(h);
        snprintf(err, errlen, "%s: cannot load plugin: %s", path, lt_msg ? lt_msg : "unknown error");
        return;
    }
    const char *why = dlerror();
    snprintf(err, errlen, "%s: cannot load plugin: %s (check its dependencies with ldd)", path,
             why ? why : (lt_msg ? lt_msg : "unknown error"));
}

/* The name with hyphens as underscores, when that makes a valid name: what the author meant. */
static int underscored(const char *name, char *out, size_t outlen)
{
    snprintf(out, outlen, "%s", name);
    for (char *p = out; *p; p++)
        if (*p == '-')
            *p = '_';
    return strcmp(out, name) != 0 && loader_valid_name(out);
}

/*
 * Say why the entry symbol is missing. The usual cause is a C++ stage whose
 * entry has C++ linkage (an entry written by hand, or an old header), which
 * exports the same name mangled; otherwise the file was renamed or the
 * PIPE_PLUGIN_DEFINE line names another stage.
 */
static void explain_missing_entry(lt_dlhandle h, const char *path, const char *sym_name, const char *modname,
                                  char *err, size_t errlen)
{
    char mangled[400];
    snprintf(mangled, sizeof mangled, "_Z%zu%sv", strlen(sym_name), sym_name);
    lt_dlerror();
    if (lt_dlsym(h, mangled)) {
        snprintf(err, errlen, "%s: not a pipe plugin: no symbol '%s'; it exports '%s', the same entry point "
                              "with C++ linkage (make the entry with PIPE_PLUGIN_DEFINE(%s, descriptor) from pipe/plugin.h, "
                              "which declares it extern \"C\", instead of writing it by hand)",
                 path, sym_name, mangled,
                 modname);
        return;
    }
    lt_dlerror();
    snprintf(err, errlen, "%s: not a pipe plugin: no symbol '%s' (the file %s.so must hold the line "
                          "PIPE_PLUGIN_DEFINE(%s, descriptor); if it was renamed, its stage keeps the old name)",
             path,
             sym_name, modname, modname);
}

static const char *module_name_of(const char *path, char *buf, size_t buflen)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(buf, buflen, "%s", base);
    char *dot = strchr(buf, '.');
    if (dot)
        *dot = '\0';
    return buf;
}

static int check_names(const char *const *v, const char *what, const char *path, char *err, size_t errlen)
{
    for (size_t k = 0; v && k < 64; k++) {
        if (!v[k])
            return 0;
        if (!registry_valid_name(v[k])) {
            snprintf(err, errlen, "%s: descriptor lists layer '%s' in '%s', which is not a layer name "
                                  "([a-z][a-z0-9_]*, at most 64 bytes; a plugin's own layers are <plugin>_<what>)",
                     path, v[k],
                     what);
            return -1;
        }
    }
    if (v) {
        snprintf(err, errlen, "%s: descriptor's '%s' list is not NULL-terminated", path, what);
        return -1;
    }
    return 0;
}

/* A layer in two of the descriptor's lists is a contradiction (e.g. produced and consumed). */
static int check_disjoint(const pipe_plugin *d, const char *path, char *err, size_t errlen)
{
    const char *const *lists[] = {d->consumes, d->consumes_optional, d->produces};
    static const char *const names[] = {"consumes", "consumes_optional", "produces"};
    for (size_t a = 0; a < 3; a++)
        for (size_t k = 0; lists[a] && lists[a][k]; k++)
            for (size_t b = a; b < 3; b++)
                for (size_t j = b == a ? k + 1 : 0; lists[b] && lists[b][j]; j++)
                    if (strcmp(lists[a][k], lists[b][j]) == 0) {
                        snprintf(err, errlen, "%s: descriptor lists layer '%s' twice (in '%s' and '%s')", path,
                                 lists[a][k], names[a], names[b]);
                        return -1;
                    }
    return 0;
}

/* The option flags and members that make sense for a type, with a message naming the option. */
static int check_option(const pipe_option *o, const char *path, char *err, size_t errlen)
{
    if (o->type < PIPE_OPT_BOOL || o->type > PIPE_OPT_STRLIST) {
        snprintf(err, errlen, "%s: option '%s' has unknown type %u", path, o->name, o->type);
        return -1;
    }
    const char *why = NULL;
    int numeric = o->type == PIPE_OPT_INT || o->type == PIPE_OPT_DOUBLE;
    if (o->flags & ~(uint32_t)(PIPE_OPTF_REQUIRED | PIPE_OPTF_MIN | PIPE_OPTF_MAX))
        why = "has unknown flags";
    else if ((o->flags & (PIPE_OPTF_MIN | PIPE_OPTF_MAX)) && !numeric)
        why = "has a min or max but is not an int or double";
    else if ((o->flags & PIPE_OPTF_MIN) && (o->flags & PIPE_OPTF_MAX) && o->min > o->max)
        why = "has min > max";
    else if (o->choices && o->type != PIPE_OPT_STRING && o->type != PIPE_OPT_STRLIST)
        why = "has choices but is not a string or string list";
    else if ((o->flags & PIPE_OPTF_REQUIRED) && o->default_value)
        why = "is required and has a default";
    if (why)
        snprintf(err, errlen, "%s: option '%s' %s", path, o->name, why);
    return why ? -1 : 0;
}

/* Copy the options at the plugin's stride into host structs; members it did not know stay zero. */
static pipe_option *copy_options(const pipe_plugin *d, const char *path, char *err, size_t errlen)
{
    size_t n = 0, stride = d->option_size;
    const char *base = (const char *)d->options;
    while (base && n < 1024 && ((const pipe_option *)(const void *)(base + n * stride))->name)
        n++;
    pipe_option *v = calloc(n + 1, sizeof *v);
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    for (size_t k = 0; k < n; k++) {
        memcpy(&v[k], base + k * stride, stride < sizeof *v ? stride : sizeof *v);
        if (check_option(&v[k], path, err, errlen)) {
            free(v);
            return NULL;
        }
    }
    return v;
}

/* Read only the frozen fields before trusting anything else, as VLC and GStreamer do. */
static int check_desc(const pipe_plugin *d, const char *path, const char *modname, char *err, size_t errlen)
{
    if (d->abi_major != PIPE_ABI_MAJOR || d->abi_minor > PIPE_ABI_MINOR) {
        snprintf(err, errlen, "%s: plugin was built for pipe plugin ABI %u.%u, this runner provides ABI %d.%d "
                              "(%s); rebuild the plugin against this pipe's SDK",
                 path, d->abi_major, d->abi_minor,
                 PIPE_ABI_MAJOR, PIPE_ABI_MINOR,
                 d->abi_major != PIPE_ABI_MAJOR ? "major versions differ" : "plugin is newer");
        return -1;
    }
    size_t need = offsetof(pipe_plugin, fini) + sizeof d->fini;
    if (d->struct_size < need) {
        snprintf(err, errlen, "%s: descriptor struct_size %u is smaller than ABI %d.0 requires (%zu)", path,
                 d->struct_size, PIPE_ABI_MAJOR, need);
        return -1;
    }
    size_t need_opt = offsetof(pipe_option, choices) + sizeof(const char *const *);
    if (d->options && d->option_size < need_opt) {
        snprintf(err, errlen, "%s: descriptor option_size %u is smaller than ABI %d.0's pipe_option (%zu)", path,
                 d->option_size, PIPE_ABI_MAJOR, need_opt);
        return -1;
    }
    if (!d->name || !d->version || !d->description || !d->process) {
        snprintf(err, errlen, "%s: descriptor lacks a required field (name, version, description, process)", path);
        return -1;
    }
    if (strcmp(d->name, modname) != 0) {
        snprintf(err, errlen, "%s: descriptor names the stage '%s' but the file is '%s'; the file name must "
                              "match",
                 path, d->name, modname);
        return -1;
    }
    if (check_names(d->consumes, "consumes", path, err, errlen) ||
        check_names(d->consumes_optional, "consumes_optional", path, err, errlen) ||
        check_names(d->produces, "produces", path, err, errlen) || check_disjoint(d, path, err, errlen))
        return -1;
    if (!d->init && d->fini) {
        snprintf(err, errlen, "%s: descriptor has fini() but no init()", path);
        return -1;
    }
    return 0;
}

/*
 * Open the resolved file, check where it lives and which ABI its note
 * declares, all on the descriptor and without running any of its code; the
 * caller loads /proc/self/fd/N, so the file checked is the file loaded.
 */
static int open_checked(const char *path, char *real, int *fd_out, char *err, size_t errlen)
{
    if (!realpath(path, real)) {
        snprintf(err, errlen, "%s: cannot resolve plugin path: %s", path, strerror(errno));
        return -1;
    }
    int fd = file_open(real, O_RDONLY | O_NOFOLLOW, 0);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(err, errlen, "%s: cannot open plugin '%s': %s", path, real, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    char why[1536];
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errlen, "%s: '%s' is not a regular file", path, real);
    } else if (!allow_insecure && plugin_trust_check(real, &st, why, sizeof why)) {
        snprintf(err, errlen, "%s: %s", path, why);
    } else {
        uint32_t major = 0, minor = 0;
        int found = elf_note_read_abi(fd, &major, &minor, why, sizeof why);
        if (found < 0)
            snprintf(err, errlen, "%s: cannot load plugin: %s", path, why);
        else if (found == 0)
            snprintf(err, errlen, "%s: not a pipe plugin: no pipe ABI note (build it with PIPE_PLUGIN_DEFINE from "
                                  "this pipe's SDK)",
                     path);
        else if (major != PIPE_ABI_MAJOR || minor > PIPE_ABI_MINOR)
            snprintf(err, errlen, "%s: plugin was built for pipe plugin ABI %u.%u, this runner provides ABI %d.%d "
                                  "(%s); rebuild the plugin against this pipe's SDK (checked before loading it)",
                     path, major,
                     minor, PIPE_ABI_MAJOR, PIPE_ABI_MINOR,
                     major != PIPE_ABI_MAJOR ? "major versions differ" : "plugin is newer");
        else {
            *fd_out = fd;
            return 0;
        }
    }
    close(fd);
    return -1;
}

int loader_open_path(const char *path, plugin_mod *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char modname[256];
    module_name_of(path, modname, sizeof modname);
    if (!loader_valid_name(modname)) {
        char fixed[256];
        if (underscored(modname, fixed, sizeof fixed))
            snprintf(err, errlen, "%s: '%s' is not a plugin name: a stage's name is also a C identifier (letters, "
                                  "digits and _, not starting with a digit); name the file %s.so and its stage %s",
                     path, modname,
                     fixed, fixed);
        else
            snprintf(err, errlen, "%s: '%s' is not a plugin name (letters, digits and _, not starting with a "
                                  "digit)",
                     path, modname);
        return -1;
    }
    char real[PATH_MAX];
    int fd;
    if (open_checked(path, real, &fd, err, errlen))
        return -1;
    /* Load the descriptor we checked, not the name: a file swapped in meanwhile is never run. */
    char byfd[64];
    snprintf(byfd, sizeof byfd, "/proc/self/fd/%d", fd);
    lt_dladvise advise;
    if (lt_dladvise_init(&advise)) {
        snprintf(err, errlen, "%s: libltdl: %s", path, lt_dlerror());
        close(fd);
        return -1;
    }
    if (lt_dladvise_local(&advise)) {
        snprintf(err, errlen, "%s: libltdl: %s", path, lt_dlerror());
        lt_dladvise_destroy(&advise);
        close(fd);
        return -1;
    }
    lt_dlerror();
    lt_dlhandle h = lt_dlopenadvise(byfd, advise);
    const char *lt_msg = h ? NULL : lt_dlerror();
    lt_dladvise_destroy(&advise);
    if (!h && access(byfd, F_OK) != 0) {
        snprintf(err, errlen, "%s: cannot load plugin: pipe loads the file it checked through %s, which is "
                              "not available here (is /proc mounted?)",
                 path, byfd);
        close(fd);
        return -1;
    }
    if (!h) {
        real_reason(byfd, path, lt_msg, err, errlen);
        close(fd);
        return -1;
    }
    lt_dlerror();
    /* The module is known to libltdl by its descriptor name, so ask for the full LTX name. */
    char sym_name[320];
    snprintf(sym_name, sizeof sym_name, "%s_LTX_pipe_plugin_entry", modname);
    const pipe_plugin *(*entry)(void) = NULL;
    void *sym = lt_dlsym(h, sym_name);
    memcpy(&entry, &sym, sizeof entry);
    out->handle = h;
    out->fd = fd;
    if (!entry) {
        explain_missing_entry(h, path, sym_name, modname, err, errlen);
        loader_close(out);
        return -1;
    }
    const pipe_plugin *d = entry();
    if (!d) {
        snprintf(err, errlen, "%s: entry point returned no descriptor", path);
        loader_close(out);
        return -1;
    }
    if (check_desc(d, path, modname, err, errlen) || !(out->options = copy_options(d, path, err, errlen))) {
        loader_close(out);
        return -1;
    }
    out->name = strdup(modname);
    out->path = strdup(real);
    out->desc = d;
    if (!out->name || !out->path) {
        loader_close(out);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

int loader_open(const char *name, const strvec *dirs, plugin_mod *out, char *err, size_t errlen)
{
    if (!loader_valid_name(name)) {
        char fixed[256];
        int near = underscored(name, fixed, sizeof fixed);
        snprintf(err, errlen, "'%s' is not a plugin name: give a stage name (letters, digits and _, not starting "
                              "with a digit), not a path%s%s%s",
                 name, near ? "; did you mean '" : "", near ? fixed : "",
                 near ? "'?" : "");
        return -1;
    }
    size_t used = 0;
    char looked[1024] = "";
    for (size_t k = 0; k < dirs->n; k++) {
        char file[4096];
        snprintf(file, sizeof file, "%s/%s.so", dirs->v[k], name);
        struct stat st;
        if (stat(file, &st) == 0) {
            if (!S_ISREG(st.st_mode)) {
                snprintf(err, errlen, "%s: not a regular file", file);
                return -1;
            }
            return loader_open_path(file, out, err, errlen);
        }
        if (used < sizeof looked) {
            int w = snprintf(looked + used, sizeof looked - used, "%s%s", k ? ", " : "", dirs->v[k]);
            used += w > 0 ? (size_t)w : 0;
        }
    }
    snprintf(err, errlen, "plugin '%s' not found (looked for %s.so in: %s)", name, name,
             dirs->n ? looked : "no folders; use -P DIR or PIPE_PLUGIN_PATH");
    return -1;
}

void loader_close(plugin_mod *m)
{
    if (m->handle) {
        lt_dlclose((lt_dlhandle)m->handle);
        close(m->fd);
    }
    free(m->name);
    free(m->path);
    free(m->options);
    memset(m, 0, sizeof *m);
}
