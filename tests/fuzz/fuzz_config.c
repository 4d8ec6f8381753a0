/* Fuzz the pipeline-file reader: any bytes load or fail with a FILE:LINE message, never crash or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const pipe_option decls[] = {{"n", PIPE_OPT_INT, "3", ""},       {"r", PIPE_OPT_DOUBLE, "0.5", ""},
                                    {"b", PIPE_OPT_BOOL, "true", ""},    {"s", PIPE_OPT_STRING, "x", ""},
                                    {"l", PIPE_OPT_STRLIST, "a,b", ""}, {NULL, 0, NULL, NULL}};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/fuzz-conf-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    conf c;
    char err[2048];
    if (conf_load(&c, path, err, sizeof err) == 0) {
        /* Every stage's options are checked against a fixed declaration set, as the runner does. */
        for (size_t k = 0; k < c.nstages; k++) {
            pipe_cfg *cfg = cfg_new(decls, err, sizeof err);
            if (!cfg)
                abort();
            conf_apply_options(&c, k, cfg, err, sizeof err);
            cfg_free(cfg);
        }
    } else if (!strstr(err, path)) {
        abort(); /* every error names the file */
    }
    conf_free(&c);
    unlink(path);
    return 0;
}
