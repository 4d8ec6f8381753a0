#include "plugins/status.h"

#include "pipe/plugin.h"

const char *pipe_strerror(int status)
{
    switch (status) {
    case PIPE_OK:
        return "success";
    case PIPE_SKIP:
        return "skipped";
    case PIPE_ERR_NOMEM:
        return "out of memory";
    case PIPE_ERR_CONFIG:
        return "configuration error";
    case PIPE_ERR_INPUT:
        return "document cannot be processed";
    case PIPE_ERR_ABI:
        return "ABI mismatch";
    case PIPE_ERR_IO:
        return "input/output error";
    case PIPE_ERR_INTERNAL:
        return "internal error";
    case PIPE_ERR_NOTFOUND:
        return "not found";
    case PIPE_ERR_TYPE:
        return "wrong type";
    case PIPE_ERR_LIMIT:
        return "size limit exceeded";
    case PIPE_ERR_DENIED:
        return "not allowed by the layer contract";
    default:
        return "unknown error";
    }
}
