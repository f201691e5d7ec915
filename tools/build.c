/*
** build.c: spore build (not yet written).
*/
#include <stdio.h>

#include "cli.h"

int cmd_build(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "spore build: not available yet\n");
    return 2;
}
