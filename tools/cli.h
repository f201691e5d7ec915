/*
** cli.h: the subcommands of the `spore` command, one file each (tools/).
** spore.c owns main() and dispatches; each cmd_* gets the arguments after
** its own name (argv[0] is the subcommand) and returns the exit status.
*/
#ifndef SPORE_TOOLS_CLI_H
#define SPORE_TOOLS_CLI_H

#include <stddef.h>
#include <stdint.h>

int cmd_build(int argc, char **argv);  /* build.c: spore build */
int cmd_boot(int argc, char **argv);   /* boot.c: spore boot */
int cmd_deploy(int argc, char **argv); /* deploy.c: spore deploy */
int cmd_bench(int argc, char **argv);  /* bench.c: spore bench boot */
int cmd_image(int argc, char **argv);  /* image_cmd.c: spore image (for tests; not in help) */

/* The folder holding the running spore executable (for finding the kernel,
   stdlib, the rig); without a trailing '/'. */
const char *cli_self_dir(void);

/* Reads the whole file at 'path' into a malloc'd buffer (never NULL on
   success, even for an empty file); NULL with errno set on failure. */
uint8_t *cli_read_file(const char *path, size_t *len);
/* Writes 'len' bytes to 'path'; 0, or -1 with errno set and no file left. */
int cli_write_file(const char *path, const void *bytes, size_t len);

#endif
