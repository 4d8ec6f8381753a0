/* pipe: run news articles through the stages a pipeline file lists. */
#include "run.h"

int main(int argc, char **argv)
{
    return pipe_main(argc, argv);
}
