/* SIGINT and SIGTERM end a run cleanly: stop reading, finish what is in flight, close outputs validly. */
#ifndef PIPE_SIGNALS_H
#define PIPE_SIGNALS_H

/* Install the handlers (SA_RESTART, so interrupted reads resume and are checked between documents). */
void signals_install(void);
/* The signal received, or 0. */
int signals_pending(void);

#endif
