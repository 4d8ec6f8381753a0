/* SIGINT and SIGTERM end a run cleanly: stop reading, finish what is in flight, close outputs validly. */
#ifndef PIPE_SIGNALS_H
#define PIPE_SIGNALS_H

/* Install the handlers; reads interrupted by them end the input, writes are retried. */
void signals_install(void);
/* The signal received, or 0. */
int signals_pending(void);
/* Called first in every helper thread, so that signals reach the main thread (the one reading input). */
void signals_block_in_thread(void);

#endif
