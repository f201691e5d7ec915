/*
** boot.c: spore boot (not yet written).
*/
#include <stdio.h>

#include "cli.h"

int cmd_boot(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "spore boot: not available yet\n");
    return 2;
}
