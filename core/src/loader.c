#include "loader.h"

#include <dlfcn.h>
#include <errno.h>
#include <ltdl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Like OpenSSH's StrictModes: code others can replace must not run as us. */
static int check_writable_by_others(const char *path, char *err, size_t errlen)
{
    if (allow_insecure)
        return 0;
    char *dir = strdup(path);
    if (!dir)
        return -1;
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        strcpy(dir, ".");
    const char *check[2] = {path, dir};
    for (int k = 0; k < 2; k++) {
        struct stat st;
        if (stat(check[k], &st) == 0 && (st.st_mode & S_IWOTH) && !(k == 1 && (st.st_mode & S_ISVTX))) {
            snprintf(err, errlen, "%s: refusing to load a plugin from %s '%s' that any user can write "
                     "(chmod o-w it, or pass --allow-insecure-plugins)", path, k ? "folder" : "file", check[k]);
            free(dir);
            return -1;
        }
    }
    free(dir);
    return 0;
}

/* libltdl says "file not found" even when a dependency is what is missing; ask dlopen for the truth. */
static void real_reason(const char *path, const char *lt_msg, char *err, size_t errlen)
{
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (h) {
        dlclose(h);
        snprintf(err, errlen, "%s: cannot load plugin: %s", path, lt_msg ? lt_msg : "unknown error");
        return;
    }
    const char *why = dlerror();
    snprintf(err, errlen, "%s: cannot load plugin: %s (check its dependencies with ldd)", path,
             why ? why : (lt_msg ? lt_msg : "unknown error"));
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
        if (!v[k][0]) {
            snprintf(err, errlen, "%s: descriptor lists an empty layer name in '%s'", path, what);
            return -1;
        }
    }
    if (v) {
        snprintf(err, errlen, "%s: descriptor's '%s' list is not NULL-terminated", path, what);
        return -1;
    }
    return 0;
}

/* Read only the frozen fields before trusting anything else, as VLC and GStreamer do. */
static int check_desc(const pipe_plugin *d, const char *path, const char *modname, char *err, size_t errlen)
{
    if (d->abi_major != PIPE_ABI_MAJOR || d->abi_minor > PIPE_ABI_MINOR) {
        snprintf(err, errlen, "%s: plugin was built for pipe plugin ABI %u.%u, this runner provides ABI %d.%d "
                 "(%s); rebuild the plugin against this pipe's SDK", path, d->abi_major, d->abi_minor,
                 PIPE_ABI_MAJOR, PIPE_ABI_MINOR,
                 d->abi_major != PIPE_ABI_MAJOR ? "major versions differ" : "plugin is newer");
        return -1;
    }
    size_t need = offsetof(pipe_plugin, destroy) + sizeof d->destroy;
    if (d->struct_size < need) {
        snprintf(err, errlen, "%s: descriptor struct_size %u is smaller than ABI %d.0 requires (%zu)", path,
                 d->struct_size, PIPE_ABI_MAJOR, need);
        return -1;
    }
    if (!d->name || !d->version || !d->description || !d->process) {
        snprintf(err, errlen, "%s: descriptor lacks a required field (name, version, description, process)", path);
        return -1;
    }
    if (strcmp(d->name, modname) != 0) {
        snprintf(err, errlen, "%s: descriptor names the stage '%s' but the file is '%s'; the file name must "
                 "match", path, d->name, modname);
        return -1;
    }
    if (check_names(d->consumes, "consumes", path, err, errlen) ||
        check_names(d->produces, "produces", path, err, errlen))
        return -1;
    for (size_t k = 0; d->options && d->options[k].name; k++) {
        pipe_opt_type t = d->options[k].type;
        if (t < PIPE_OPT_BOOL || t > PIPE_OPT_STRLIST) {
            snprintf(err, errlen, "%s: option '%s' has unknown type %d", path, d->options[k].name, (int)t);
            return -1;
        }
    }
    return 0;
}

int loader_open_path(const char *path, plugin_mod *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char modname[256];
    module_name_of(path, modname, sizeof modname);
    if (check_writable_by_others(path, err, errlen))
        return -1;
    lt_dladvise advise;
    if (lt_dladvise_init(&advise) || lt_dladvise_ext(&advise) || lt_dladvise_local(&advise)) {
        snprintf(err, errlen, "%s: libltdl: %s", path, lt_dlerror());
        return -1;
    }
    lt_dlerror();
    lt_dlhandle h = lt_dlopenadvise(path, advise);
    const char *lt_msg = h ? NULL : lt_dlerror();
    lt_dladvise_destroy(&advise);
    if (!h) {
        real_reason(path, lt_msg, err, errlen);
        return -1;
    }
    lt_dlerror();
    /* libltdl tries <modname>_LTX_pipe_plugin_entry first, then the bare name. */
    const pipe_plugin *(*entry)(void) = NULL;
    void *sym = lt_dlsym(h, "pipe_plugin_entry");
    memcpy(&entry, &sym, sizeof entry);
    if (!entry) {
        snprintf(err, errlen, "%s: not a pipe plugin: no symbol '%s_LTX_pipe_plugin_entry' (use "
                 "PIPE_PLUGIN_DEFINE(%s, ...) and name the file %s.so)", path, modname, modname, modname);
        lt_dlclose(h);
        return -1;
    }
    const pipe_plugin *d = entry();
    if (!d) {
        snprintf(err, errlen, "%s: entry point returned no descriptor", path);
        lt_dlclose(h);
        return -1;
    }
    if (check_desc(d, path, modname, err, errlen)) {
        lt_dlclose(h);
        return -1;
    }
    out->name = strdup(modname);
    out->path = strdup(path);
    out->handle = h;
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
    if (m->handle)
        lt_dlclose((lt_dlhandle)m->handle);
    free(m->name);
    free(m->path);
    memset(m, 0, sizeof *m);
}
