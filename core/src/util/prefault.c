/*
 * prefault.c: a buffer of a megabyte or more is a mapping of its own (main.c fixes glibc's mmap
 * threshold at 1 MiB), so every page of it faults on its first write: one trap per 4 KiB. On an
 * 8 MB news document that was a quarter of the CPU time, most of it the growing token records
 * and the JSON record. madvise(MADV_POPULATE_WRITE) (Linux 5.14) makes a range present in one
 * call. Done a megabyte ahead of the writes, it holds at most that much the buffer does not use
 * yet, where making a whole grown capacity present would have held up to half of it for nothing.
 * Where the kernel or libc lacks it, the pages fault one by one as before: nothing else changes.
 */
#include "util/prefault.h"

#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* Below this a buffer lives in the allocator's heap, whose pages are mostly present already. */
#define PREFAULT_MIN ((size_t)1 << 20)
/* How far ahead of the writes a call makes pages present. */
#define PREFAULT_AHEAD ((size_t)1 << 20)

void prefault(char *base, size_t cap, size_t upto, size_t *done)
{
    if (upto <= *done)
        return;
    if (cap < PREFAULT_MIN || !base) {
        *done = cap;
        return;
    }
    size_t end = upto <= cap - PREFAULT_AHEAD && cap >= PREFAULT_AHEAD ? upto + PREFAULT_AHEAD : cap;
#ifdef MADV_POPULATE_WRITE
    long p = sysconf(_SC_PAGESIZE);
    uintptr_t page = p > 0 ? (uintptr_t)p : 4096;
    /* Whole pages inside the buffer only: the first partial one is written already, the last
       partial one may belong to nobody else but is left to fault on its own. */
    uintptr_t a = ((uintptr_t)base + *done + page - 1) & ~(page - 1);
    uintptr_t e = ((uintptr_t)base + end) & ~(page - 1);
    if (e > a)
        (void)madvise((void *)a, e - a, MADV_POPULATE_WRITE); /* failing is harmless: faults as before */
#endif
    *done = end;
}
