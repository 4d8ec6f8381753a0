/* Where plugins and data files are looked for, in the documented order. */
#ifndef PIPE_PATHS_H
#define PIPE_PATHS_H

#include <stddef.h>

/* A growable list of malloc'd strings. */
typedef struct strvec {
    char **v;
    size_t n;
} strvec;

/* Append a copy of s; 0 or -1. */
int strvec_add(strvec *sv, const char *s);
/* Free all strings. */
void strvec_free(strvec *sv);

/* The folder of the running executable (from /proc/self/exe), or NULL. */
const char *paths_exe_dir(void);
/* True when the running executable is the one in this build tree. */
int paths_in_build_tree(void);

/* Append the folders of PIPE_PLUGIN_PATH (colon-separated) in order; 0 or -1. */
int paths_env_plugin_dirs(strvec *out);
/* The per-user plugin folder, $XDG_DATA_HOME/pipe/plugins or ~/.local/share/pipe/plugins (malloc'd), or NULL. */
char *paths_user_plugin_dir(void);

/*
 * The plugin folders in search order: -P folders, the config's plugin_path
 * (relative entries against the config's folder), PIPE_PLUGIN_PATH, the build
 * tree when running from it, the user's folder, then the install folder
 * relative to the executable. Never the current folder unless named.
 */
int paths_plugin_dirs(const char *const *cli, size_t ncli, char *const *conf_dirs, size_t nconf,
                      const char *conf_dir, strvec *out);

/* The data folders in search order: the config's folder, the source conf/ (build tree), the install share folder. */
int paths_data_dirs(const char *conf_dir, strvec *out);

/* Find a data file by name (absolute names are used as they are); 0 with a malloc'd path, or -1. */
int paths_find_data(const char *conf_dir, const char *name, char **out);

/* True when s ends with suffix. */
int paths_has_suffix(const char *s, const char *suffix);

/* Join a folder and a name with one '/'; malloc'd, NULL on no memory. */
char *paths_join(const char *dir, const char *name);

#endif
