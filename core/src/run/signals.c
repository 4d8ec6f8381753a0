#include "run/signals.h"

#include <pthread.h>
#include <signal.h>
#include <string.h>

static volatile sig_atomic_t received;

static void on_signal(int sig)
{
    if (received) {
        /* A second signal: the user insists; leave now with the default action. */
        signal(sig, SIG_DFL);
        raise(sig);
    }
    received = sig;
}

void signals_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = 0; /* no SA_RESTART: a blocked read of stdin must return so the run can end */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int signals_pending(void)
{
    return received;
}

void signals_block_in_thread(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}
