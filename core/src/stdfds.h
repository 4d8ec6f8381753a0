/* Standard descriptors held open before a program opens any file of its own. */
#ifndef PIPE_STDFDS_H
#define PIPE_STDFDS_H

/*
 * Fill each closed descriptor 0, 1 or 2 with /dev/null opened the wrong way
 * round (so any use still fails with EBADF); 0, or -1 when /dev/null cannot
 * be opened. Call first thing in main().
 */
int hold_std_fds(void);

#endif
