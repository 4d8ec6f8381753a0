/* Human-readable names of pipe_status codes. */
#ifndef PIPE_STATUS_H
#define PIPE_STATUS_H

/* A short English description of a pipe_status value. */
const char *pipe_strerror(int status);

#endif
