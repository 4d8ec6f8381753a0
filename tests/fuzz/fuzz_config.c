/* Fuzz the pipeline-file reader: any bytes load or fail with a FILE:LINE message, never crash or leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/pipeline_conf.h"
#include "config/stage_options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const pipe_option decls[] = {{.name = "n", .type = PIPE_OPT_INT, .default_value = "3", .help = ""}, {.name = "r", .type = PIPE_OPT_DOUBLE, .default_value = "0.5", .help = ""}, {.name = "b", .type = PIPE_OPT_BOOL, .default_value = "true", .help = ""}, {.name = "s", .type = PIPE_OPT_STRING, .default_value = "x", .help = ""}, {.name = "l", .type = PIPE_OPT_STRLIST, .default_value = "a,b", .help = ""}, PIPE_OPTION_END};

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
