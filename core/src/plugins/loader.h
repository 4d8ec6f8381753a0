/* Finding, opening and checking plugin modules: every use of libltdl lives here. */
#ifndef PIPE_LOADER_H
#define PIPE_LOADER_H

#include <stddef.h>

#include "util/paths.h"
#include "pipe/plugin.h"

/* One opened plugin module. */
typedef struct plugin_mod {
    char *name;              /* module name as configured */
    char *path;              /* the file that was loaded */
    void *handle;            /* lt_dlhandle */
    const pipe_plugin *desc; /* checked descriptor */
    pipe_option *options;    /* the descriptor's options copied at the host's stride (PIPE_OPTION_END-terminated) */
    int fd;                  /* the checked file, open while handle is (libltdl knows it as /proc/self/fd/N) */
} plugin_mod;

/* Start libltdl (main thread, before any worker); 0 or -1. */
int loader_init(void);
/* Stop libltdl after every module is closed. */
void loader_exit(void);
/* Refuse (0) or allow (1) plugin files and folders that other users can write. */
void loader_allow_insecure(int allow);

/*
 * Find module `name` in dirs (first match wins), open it and check its
 * descriptor: entry symbol, ABI major/minor, struct size, required fields,
 * name. On failure err names the file and the reason.
 */
int loader_open(const char *name, const strvec *dirs, plugin_mod *out, char *err, size_t errlen);
/*
 * Open a module by file path (for --list-plugins); same checks. Before any
 * of its code runs: the name is valid, the resolved file and its folders
 * pass plugin_trust_check (unless allowed insecure), and its ELF ABI note
 * matches. Then the checked descriptor is loaded, which runs the plugin's
 * constructors and its entry function.
 */
int loader_open_path(const char *path, plugin_mod *out, char *err, size_t errlen);
/* True when name can be a plugin: a C identifier of at most 64 bytes (it prefixes the entry symbol). */
int loader_valid_name(const char *name);
/* Close a module; its descriptor is invalid afterwards. */
void loader_close(plugin_mod *m);

#endif
