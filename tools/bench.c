/*
** bench.c: spore bench (not yet written).
*/
#include <stdio.h>

#include "cli.h"

int cmd_bench(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "spore bench: not available yet\n");
    return 2;
}
