/* pipe: run news articles through the stages a pipeline file lists. */
#include <stdio.h>

#include "cli/command.h"
#include "util/stdfds.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/*
 * glibc serves blocks from 128 KiB up with mmap, but each large free raises that threshold up to
 * 32 MiB: after one stage frees a document-sized buffer, the next stage's growing buffers come
 * from the heap, where the blocks they leave behind stay resident. A fixed threshold keeps every
 * large buffer mapped and unmapped whole, so a document's peak is what its stages hold at once
 * (8 MB of news: 78.1 MB peak RSS with the dynamic threshold, 65.2 MB with 1 MiB).
 */
static void fix_malloc_thresholds(void)
{
#ifdef M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
/*
 * Fixing the threshold also fixes the trim threshold at 128 KiB: every time a stage gave back the
 * arrays of a large document (quotes and summarizer do), the top of the heap went back to the
 * kernel, and the next document faulted it in again page by page. Sixteen 1 MB documents took
 * 22,500 page faults and 0.13-0.21 s of system time, 8,300 and 0.07-0.10 s with this (a single
 * 8 MB document's peak: 1.3 MB more). Blocks of 1 MiB and up are still unmapped whole.
 */
#ifdef M_TRIM_THRESHOLD
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

int main(int argc, char **argv)
{
    fix_malloc_thresholds();
    if (hold_std_fds()) {
        /* stderr may be the closed one, so this line can be lost; the exit code is not. */
        fputs("pipe: cannot open /dev/null to stand in for a closed standard descriptor\n", stderr);
        return EXIT_USAGE;
    }
    return pipe_main(argc, argv);
}
