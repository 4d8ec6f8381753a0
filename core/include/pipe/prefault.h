/*
 * pipe/prefault.h: the pages of a large buffer made present ahead of the writes, for the host and
 * for stages alike. Inline (as pipe/utf8.h), so a stage uses it without linking anything of the
 * core; not included by plugin.h.
 *
 * A buffer of a megabyte or more is a mapping of its own (pipe fixes glibc's mmap threshold at
 * 1 MiB), so each of its pages faults on its first write: one trap per 4 KiB. On an 8 MB news
 * document the kernel took a quarter of the CPU time that way. madvise(MADV_POPULATE_WRITE)
 * (Linux 5.14) makes a range present in one call; done 256 KiB ahead of the writes it holds at
 * most that much the buffer does not use yet (a megabyte ahead added 0.3 times the size of a 1 MB
 * document to its peak, for 2% fewer faults). Where the kernel or libc lacks the call, the pages
 * fault one by one as before: nothing else changes. glibc declares MADV_POPULATE_WRITE only with
 * _DEFAULT_SOURCE or _GNU_SOURCE (pipe builds with _DEFAULT_SOURCE); a stage compiled in strict
 * ISO mode without either gets a helper that does nothing.
 */
#ifndef PIPE_PREFAULT_H
#define PIPE_PREFAULT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

/* Buffers under this size live in the allocator's heap, whose pages are mostly present already. */
#define PIPE_PREFAULT_MIN ((size_t)1 << 20)
/* How far ahead of the writes one call makes pages present (64 pages of 4 KiB per call). */
#define PIPE_PREFAULT_AHEAD ((size_t)1 << 18)

/*
 * base[0..cap) is about to be written up to byte upto, and is present up to *done (0 for a fresh
 * buffer). Makes [*done, upto + PIPE_PREFAULT_AHEAD) present in one call, only its whole pages
 * inside base[0..cap), and moves *done there; a buffer under PIPE_PREFAULT_MIN is left alone
 * (*done = cap). For a block about to be filled whole, pipe_prefault_all().
 */
static inline void pipe_prefault(void *base, size_t cap, size_t upto, size_t *done)
{
    if (upto <= *done)
        return;
    if (cap < PIPE_PREFAULT_MIN || !base) {
        *done = cap;
        return;
    }
    size_t end = cap >= PIPE_PREFAULT_AHEAD && upto <= cap - PIPE_PREFAULT_AHEAD ? upto + PIPE_PREFAULT_AHEAD : cap;
#ifdef MADV_POPULATE_WRITE
    long p = sysconf(_SC_PAGESIZE);
    uintptr_t page = p > 0 ? (uintptr_t)p : 4096;
    /* Whole pages inside the buffer only: a partial first page has been written already, a
       partial last one is left to fault on its own. */
    uintptr_t a = ((uintptr_t)base + *done + page - 1) & ~(page - 1);
    uintptr_t e = ((uintptr_t)base + end) & ~(page - 1);
    if (e > a)
        (void)madvise((void *)a, e - a, MADV_POPULATE_WRITE); /* failing costs only the faults */
#endif
    *done = end;
}

/* Make all of base[0..bytes) present in one call: for a block about to be written all over. */
static inline void pipe_prefault_all(void *base, size_t bytes)
{
    size_t done = 0;
    pipe_prefault(base, bytes, bytes, &done);
}

#endif
