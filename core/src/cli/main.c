/* pipe: run news articles through the stages a pipeline file lists. */
#include <stdio.h>

#include "cli/command.h"
#include "util/stdfds.h"

int main(int argc, char **argv)
{
    if (hold_std_fds()) {
        /* stderr may be the closed one, so this line can be lost; the exit code is not. */
        fputs("pipe: cannot open /dev/null to stand in for a closed standard descriptor\n", stderr);
        return EXIT_USAGE;
    }
    return pipe_main(argc, argv);
}
