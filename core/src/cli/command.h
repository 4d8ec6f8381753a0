/* The pipe command: from argv to an exit status. */
#ifndef PIPE_RUN_H
#define PIPE_RUN_H

/* Exit statuses, documented in README and --help. */
enum {
    EXIT_ALL_OK = 0,     /* every document processed */
    EXIT_DOC_FAILED = 1, /* some documents failed; each has an error record */
    EXIT_USAGE = 2,      /* usage, pipeline or plugin error before any input was read */
    EXIT_OUTPUT = 3      /* the results could not be written */
};

/* Run the command line; returns the exit status. */
int pipe_main(int argc, char **argv);

#endif
