#include "util/paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/build_paths.h"

int strvec_add(strvec *sv, const char *s)
{
    char **grown = realloc(sv->v, (sv->n + 2) * sizeof *grown);
    if (!grown)
        return -1;
    sv->v = grown;
    if (!(sv->v[sv->n] = strdup(s)))
        return -1;
    sv->v[++sv->n] = NULL;
    return 0;
}

void strvec_free(strvec *sv)
{
    for (size_t k = 0; k < sv->n; k++)
        free(sv->v[k]);
    free(sv->v);
    sv->v = NULL;
    sv->n = 0;
}

int paths_has_suffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

char *paths_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    int slash = a > 0 && dir[a - 1] != '/';
    char *p = malloc(a + (size_t)slash + b + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    if (slash)
        p[a] = '/';
    memcpy(p + a + slash, name, b + 1);
    return p;
}

const char *paths_exe_dir(void)
{
    static char dir[PATH_MAX];
    static int done;
    if (!done) {
        done = 1;
        ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
        if (n <= 0) {
            dir[0] = '\0';
        } else {
            dir[n] = '\0';
            char *slash = strrchr(dir, '/');
            if (slash)
                *(slash == dir ? slash + 1 : slash) = '\0';
        }
    }
    return dir[0] ? dir : NULL;
}

int paths_in_build_tree(void)
{
    const char *exe = paths_exe_dir();
    char real[PATH_MAX];
    return exe && realpath(PIPE_BUILD_DIR, real) && strcmp(real, exe) == 0;
}

static int add_installed(strvec *out, const char *rel)
{
    /* Relative to the executable, so a relocated prefix keeps working. */
    const char *exe = paths_exe_dir();
    if (!exe)
        return 0;
    char *up = paths_join(exe, "..");
    char *p = up ? paths_join(up, rel) : NULL;
    int rc = p ? strvec_add(out, p) : -1;
    free(up);
    free(p);
    return rc;
}

int paths_env_plugin_dirs(strvec *out)
{
    const char *env = getenv("PIPE_PLUGIN_PATH");
    if (!env)
        return 0;
    char *copy = strdup(env);
    if (!copy)
        return -1;
    int rc = 0;
    for (char *save = NULL, *d = strtok_r(copy, ":", &save); d && rc == 0; d = strtok_r(NULL, ":", &save))
        rc = strvec_add(out, d);
    free(copy);
    return rc;
}

char *paths_user_plugin_dir(void)
{
    /* The XDG Base Directory rule: a relative XDG_DATA_HOME is invalid and ignored. */
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && xdg[0] == '/')
        return paths_join(xdg, "pipe/plugins");
    const char *home = getenv("HOME");
    if (home && home[0] == '/')
        return paths_join(home, ".local/share/pipe/plugins");
    return NULL;
}

int paths_plugin_dirs(const char *const *cli, size_t ncli, char *const *conf_dirs, size_t nconf,
                      const char *conf_dir, strvec *out)
{
    for (size_t k = 0; k < ncli; k++)
        if (strvec_add(out, cli[k]))
            return -1;
    for (size_t k = 0; k < nconf; k++) {
        char *p = conf_dirs[k][0] == '/' || !conf_dir ? strdup(conf_dirs[k]) : paths_join(conf_dir, conf_dirs[k]);
        int rc = p ? strvec_add(out, p) : -1;
        free(p);
        if (rc)
            return -1;
    }
    if (paths_env_plugin_dirs(out))
        return -1;
    if (paths_in_build_tree() && strvec_add(out, PIPE_BUILD_PLUGIN_DIR))
        return -1;
    char *user = paths_user_plugin_dir();
    int rc = user ? strvec_add(out, user) : 0;
    free(user);
    if (rc)
        return -1;
    return add_installed(out, PIPE_INSTALL_LIBDIR "/pipe/plugins");
}

int paths_data_dirs(const char *conf_dir, strvec *out)
{
    if (conf_dir && strvec_add(out, conf_dir))
        return -1;
    if (paths_in_build_tree() && strvec_add(out, PIPE_SOURCE_CONF_DIR))
        return -1;
    return add_installed(out, PIPE_INSTALL_DATADIR "/pipe");
}

int paths_find_data(const char *conf_dir, const char *name, char **out)
{
    struct stat st;
    if (name[0] == '/') {
        if (stat(name, &st) != 0 || !S_ISREG(st.st_mode))
            return -1;
        return (*out = strdup(name)) ? 0 : -1;
    }
    strvec dirs = {0};
    int rc = paths_data_dirs(conf_dir, &dirs);
    for (size_t k = 0; rc == 0 && k < dirs.n; k++) {
        char *p = paths_join(dirs.v[k], name);
        if (p && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            *out = p;
            strvec_free(&dirs);
            return 0;
        }
        free(p);
    }
    strvec_free(&dirs);
    return -1;
}
