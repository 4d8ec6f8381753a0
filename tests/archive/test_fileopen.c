/* file_open retries an open() a signal interrupts (issue 16, item 14), and file_create never follows a symlink. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "util/fileopen.h"

static volatile sig_atomic_t signals_seen;

static void on_usr1(int sig)
{
    (void)sig;
    signals_seen++;
}

/* State letter of process pid ('S' while it sleeps in a blocking call), from /proc. */
static char proc_state(pid_t pid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return '?';
    char st = '?';
    if (fgets(line, sizeof line, f)) {
        char *p = strrchr(line, ')');
        if (p && p[1] == ' ')
            st = p[2];
    }
    fclose(f);
    return st;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

/* Opening a FIFO blocks until a writer comes; the child interrupts that open three times first. */
static void test_open_retries_eintr(void **state)
{
    (void)state;
    char dir[] = "/tmp/pipe-fileopen-XXXXXX", fifo[64];
    assert_non_null(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/fifo", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = 0; /* no SA_RESTART: the open returns EINTR unless the helper retries it */
    sigemptyset(&sa.sa_mask);
    assert_int_equal(sigaction(SIGUSR1, &sa, NULL), 0);
    pid_t parent = getpid();
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        for (int sent = 0; sent < 3; sent++) {
            /* Signal only while the parent sleeps in open(); give up waiting after about 10 s. */
            for (int k = 0; k < 10000 && proc_state(parent) != 'S'; k++)
                sleep_ms(1);
            kill(parent, SIGUSR1);
            sleep_ms(20);
        }
        for (int k = 0; k < 10000 && proc_state(parent) != 'S'; k++)
            sleep_ms(1);
        /* Non-blocking: when the open was not retried nobody reads, and the child must not hang. */
        int w = open(fifo, O_WRONLY | O_NONBLOCK);
        _exit(w >= 0 ? 0 : 1);
    }
    signals_seen = 0;
    int fd = file_open(fifo, O_RDONLY, 0);
    int saved = errno;
    int status;
    waitpid(child, &status, 0);
    if (fd < 0)
        fail_msg("file_open failed: %s", strerror(saved));
    close(fd);
    assert_int_equal(signals_seen, 3);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    unlink(fifo);
    rmdir(dir);
    signal(SIGUSR1, SIG_DFL);
}

/* A planted symlink (even a dangling one) under the name makes file_create fail with EEXIST, touching nothing. */
static void test_create_never_follows(void **state)
{
    (void)state;
    char dir[] = "/tmp/pipe-fileopen-XXXXXX", victim[64], link_name[64], tmpl[64];
    assert_non_null(mkdtemp(dir));
    snprintf(victim, sizeof victim, "%s/victim", dir);
    snprintf(link_name, sizeof link_name, "%s/x.idx.tmp", dir);
    FILE *f = fopen(victim, "w");
    assert_non_null(f);
    fputs("precious\n", f);
    fclose(f);
    assert_int_equal(symlink(victim, link_name), 0);
    assert_int_equal(file_create(link_name, 0644), -1);
    assert_int_equal(errno, EEXIST);
    struct stat st;
    assert_int_equal(stat(victim, &st), 0);
    assert_int_equal(st.st_size, 9);
    /* A unique name is always a new file. */
    snprintf(tmpl, sizeof tmpl, "%s/x.idx.tmp.XXXXXX", dir);
    int fd = file_create_unique(tmpl, 0644);
    assert_true(fd >= 0);
    close(fd);
    assert_string_not_equal(tmpl + strlen(tmpl) - 6, "XXXXXX");
    /* Renaming never replaces: the victim stays. */
    assert_int_equal(file_rename_new(tmpl, victim), -1);
    assert_int_equal(errno, EEXIST);
    assert_int_equal(stat(victim, &st), 0);
    assert_int_equal(st.st_size, 9);
    unlink(tmpl);
    unlink(link_name);
    unlink(victim);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_retries_eintr),
        cmocka_unit_test(test_create_never_follows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
