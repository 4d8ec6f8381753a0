/*
 * pipe/prefault.h: a large buffer's pages are made present PIPE_PREFAULT_AHEAD ahead of the writes, never
 * past its end, and a small buffer is left alone. Residency is read back with mincore(); a page
 * that must stay untouched sits right after the buffer, and a guard page (no access) after that.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cmocka.h>

#include <pipe/prefault.h>

#define MIB ((size_t)1 << 20)

typedef struct region {
    char *map;  /* the whole mapping: buffer, one spare page, one guard page */
    size_t len; /* of the mapping */
    size_t page;
} region;

/* A fresh mapping of cap bytes (whole pages), nothing present yet. */
static char *fresh(region *r, size_t cap)
{
    r->page = (size_t)sysconf(_SC_PAGESIZE);
    r->len = cap + 2 * r->page;
    r->map = mmap(NULL, r->len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(r->map != MAP_FAILED);
    assert_int_equal(mprotect(r->map + cap + r->page, r->page, PROT_NONE), 0);
    return r->map;
}

/* Pages of [from, to) that are present. */
static size_t present(const region *r, size_t from, size_t to)
{
    size_t n = (to - from) / r->page, k = 0;
    unsigned char vec[4096];
    assert_true(n <= sizeof vec);
    assert_int_equal(mincore(r->map + from, to - from, vec), 0);
    for (size_t i = 0; i < n; i++)
        k += vec[i] & 1;
    return k;
}

/* Whether this kernel can populate pages on request (Linux 5.14 and later). */
static int kernel_populates(void)
{
#ifdef MADV_POPULATE_WRITE
    region r;
    char *b = fresh(&r, MIB);
    int ok = madvise(b, r.page, MADV_POPULATE_WRITE) == 0;
    munmap(r.map, r.len);
    return ok;
#else
    return 0;
#endif
}

static void test_ahead_and_never_past_the_end(void **st)
{
    (void)st;
    int populates = kernel_populates();
    if (!populates)
        fprintf(stderr, "test_prefault: this kernel or libc has no MADV_POPULATE_WRITE: only the bookkeeping "
                        "and that nothing past the buffer is touched are checked\n");
    region r;
    size_t cap = 4 * MIB;
    char *b = fresh(&r, cap);
    size_t done = 0;
    pipe_prefault(b, cap, 100, &done);
    size_t ahead = PIPE_PREFAULT_AHEAD;
    assert_int_equal(done, 100 + ahead); /* ahead of the writes */
    if (populates) {
        assert_int_equal(present(&r, r.page, ahead), ahead / r.page - 1);
        assert_int_equal(present(&r, ahead + r.page, cap), 0); /* no further */
    }
    /* Writes below what is done cost no call; past it, the next stretch. */
    size_t before = done;
    pipe_prefault(b, cap, 50, &done);
    assert_int_equal(done, before);
    pipe_prefault(b, cap, 2 * MIB, &done);
    assert_int_equal(done, 2 * MIB + ahead);
    if (populates)
        assert_int_equal(present(&r, 2 * MIB, 2 * MIB + ahead), ahead / r.page);
    /* Near the end: clipped to the buffer, the page after it untouched (the guard would fault). */
    pipe_prefault(b, cap, cap - 10, &done);
    assert_int_equal(done, cap);
    assert_int_equal(present(&r, cap, cap + r.page), 0);
    if (populates)
        assert_int_equal(present(&r, 3 * MIB, cap), MIB / r.page);
    pipe_prefault(b, cap, cap, &done); /* nothing left */
    assert_int_equal(done, cap);
    munmap(r.map, r.len);
}

static void test_small_buffer_left_alone(void **st)
{
    (void)st;
    region r;
    size_t cap = MIB / 2;
    char *b = fresh(&r, cap);
    size_t done = 0;
    pipe_prefault(b, cap, 10, &done);
    assert_int_equal(done, cap); /* never asked again */
    assert_int_equal(present(&r, 0, cap), 0);
    munmap(r.map, r.len);
    /* No buffer yet: nothing to touch. */
    done = 0;
    pipe_prefault(NULL, 0, 0, &done);
    assert_int_equal(done, 0);
}

static void test_unaligned_start(void **st)
{
    (void)st;
    region r;
    size_t cap = 2 * MIB;
    char *b = fresh(&r, cap + (size_t)sysconf(_SC_PAGESIZE));
    /* A buffer that starts inside a page and ends inside one: only its whole pages are asked for. */
    char *u = b + 16;
    size_t done = 0;
    pipe_prefault(u, cap, cap - 100, &done);
    assert_int_equal(done, cap);
    assert_int_equal(present(&r, 0, r.page), 0);         /* the partial first page: not asked for */
    assert_int_equal(present(&r, cap, cap + r.page), 0); /* the partial last page: not asked for */
    if (kernel_populates())
        assert_int_equal(present(&r, r.page, cap), cap / r.page - 1);
    munmap(r.map, r.len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ahead_and_never_past_the_end),
        cmocka_unit_test(test_small_buffer_left_alone),
        cmocka_unit_test(test_unaligned_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
