#include "plugins/plugin_trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One path component: 0 if trusted, else -1 with the reason. */
static int check_one(const char *what, const char *path, const struct stat *st, uid_t me, char *err, size_t errlen)
{
    if (st->st_uid != 0 && st->st_uid != me) {
        snprintf(err, errlen, "%s '%s' belongs to uid %lu, not to root or to you (uid %lu)", what, path,
                 (unsigned long)st->st_uid, (unsigned long)me);
        return -1;
    }
    int sticky_dir = S_ISDIR(st->st_mode) && (st->st_mode & S_ISVTX);
    if ((st->st_mode & (S_IWGRP | S_IWOTH)) && !sticky_dir) {
        snprintf(err, errlen, "%s '%s' can be written by %s (mode %04o)", what, path,
                 (st->st_mode & S_IWOTH) ? "any user" : "its group", (unsigned)(st->st_mode & 07777));
        return -1;
    }
    return 0;
}

int plugin_trust_check(const char *real, const struct stat *st, char *err, size_t errlen)
{
    uid_t me = geteuid();
    char why[1024];
    int rc = -1;
    char *dir = strdup(real);
    if (!dir) {
        snprintf(err, errlen, "%s: out of memory", real);
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        snprintf(why, sizeof why, "'%s' is not a regular file", real);
        goto out;
    }
    if (check_one("file", real, st, me, why, sizeof why))
        goto out;
    for (;;) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            break; /* realpath always starts with '/' */
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
        struct stat ds;
        /* lstat: the path was resolved, so a symlink here means it changed under us. */
        if (lstat(dir, &ds) != 0 || !S_ISDIR(ds.st_mode)) {
            snprintf(why, sizeof why, "folder '%s' changed while it was checked", dir);
            goto out;
        }
        if (check_one("folder", dir, &ds, me, why, sizeof why))
            goto out;
        if (strcmp(dir, "/") == 0)
            break;
    }
    struct stat now;
    if (lstat(real, &now) != 0 || now.st_dev != st->st_dev || now.st_ino != st->st_ino) {
        snprintf(why, sizeof why, "'%s' was replaced while it was checked", real);
        goto out;
    }
    rc = 0;
out:
    if (rc)
        snprintf(err, errlen, "refusing to load a plugin others could replace: %s (fix the owner or "
                              "chmod go-w it, or pass --allow-insecure-plugins)",
                 why);
    free(dir);
    return rc;
}
