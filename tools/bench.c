/*
** bench.c: spore bench boot, the boot-time benchmark. The benchmark itself
** is bench/boot.py (Python 3, standard library only), which drives QEMU,
** the Xen rig of test/xen and gnuplot; this file finds it beside the
** executable (cli_self_dir()/../bench, or ../share/spore/bench once
** installed; SPORE_BENCH_DIR overrides both) and runs it with python3,
** handing it this executable for the hosted target. docs/boot.md.
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define BENCH_MAX_ARGS 256

static void usage(FILE *to)
{
    fputs("usage: spore bench boot [options] [APP.xen]\n"
          "\n"
          "  Boots a program N times on each target (hosted process, QEMU microvm,\n"
          "  Xen PV and PVH dom0, Xen PV and PVH domU), beside an empty kernel, and\n"
          "  reports the median, min and max of each boot phase. Writes results.md,\n"
          "  boot.json and boot.svg into bench/results/boot-DATE-TIME/.\n"
          "  spore bench boot --help lists the options; docs/boot.md explains the numbers.\n",
          to);
}

/* Fills 'path' with DIR/boot.py for the first folder that has one. */
static int find_script(char *path, size_t size)
{
    const char *env = getenv("SPORE_BENCH_DIR");
    if (env && *env) {
        snprintf(path, size, "%s/boot.py", env);
        return access(path, R_OK) == 0 ? 0 : -1;
    }
    static const char *const rel[] = {"../bench", "../share/spore/bench"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        int n = snprintf(path, size, "%s/%s/boot.py", cli_self_dir(), rel[i]);
        if (n > 0 && (size_t)n < size && access(path, R_OK) == 0)
            return 0;
    }
    return -1;
}

int cmd_bench(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "help") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "boot") != 0) {
        fprintf(stderr, "spore bench: unknown benchmark '%s'\n", argv[1]);
        usage(stderr);
        return 2;
    }
    if (argc - 2 > BENCH_MAX_ARGS - 8) {
        fprintf(stderr, "spore bench boot: too many arguments\n");
        return 2;
    }
    static char script[PATH_MAX], self[PATH_MAX];
    if (find_script(script, sizeof script) < 0) {
        fprintf(stderr,
                "spore bench boot: bench/boot.py not found beside %s (set SPORE_BENCH_DIR "
                "to the folder that holds it)\n",
                cli_self_dir());
        return 2;
    }
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        fprintf(stderr, "spore bench boot: cannot find this executable: %s\n", strerror(errno));
        return 2;
    }
    self[n] = 0;

    char *args[BENCH_MAX_ARGS];
    int k = 0;
    args[k++] = "python3";
    args[k++] = script;
    args[k++] = "--spore";
    args[k++] = self;
    for (int i = 2; i < argc; i++)
        args[k++] = argv[i];
    args[k] = NULL;
    fflush(NULL);
    execvp(args[0], args);
    fprintf(stderr, "spore bench boot: cannot run python3: %s\n", strerror(errno));
    return 2;
}
