/*
** deploy.c: spore deploy (not yet written).
*/
#include <stdio.h>

#include "cli.h"

int cmd_deploy(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "spore deploy: not available yet\n");
    return 2;
}
