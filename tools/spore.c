/*
** spore.c: the command line of the hosted VM. Owns main() and the
** subcommands: `spore run ARGS...` boots the VM with erl-style arguments
** (vm_main), `spore version`, `spore help`. Knows nothing of the VM but
** vm/plat.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../vm/plat.h"

#ifndef SPORE_VERSION
#define SPORE_VERSION "0"
#endif

/* The checks build is built with AddressSanitizer. The VM does not free
   process heaps and modules when it halts, any more than erl does, so leak
   reports at exit would be noise; the unit tests keep leak detection. */
#if defined(__SANITIZE_ADDRESS__)
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}
#endif

static void usage(FILE *to)
{
    fputs("usage: spore COMMAND [ARGS...]\n"
          "\n"
          "commands:\n"
          "  run ARGS...   boot the VM; ARGS as for erl -noshell, for example\n"
          "                  spore run -pa DIR -run Mod Func Arg...\n"
          "  version       print the version\n"
          "  help          print this text\n"
          "\n"
          "environment:\n"
          "  SPORE_STDLIB   folder of spore's own .beam modules (erlang, init...)\n"
          "  SPORE_OTP_LIB  OTP's lib folder, where stdlib, kernel... are found\n",
          to);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "run") == 0) {
        /* The VM sees a conventional command line: argv[0] is the program,
           the erl-style arguments follow. */
        /* SPORE_STDLIB and SPORE_OTP_PATH (a ':'-separated list of ebin
           directories) override where the VM finds its own and OTP's
           modules; they become the VM's -spore_path and -spore_otp flags. */
        char **args = malloc(((size_t)argc + 4) * sizeof *args);
        if (!args) return 1;
        int n = 0;
        args[n++] = argv[0];
        const char *std = getenv("SPORE_STDLIB"), *otp = getenv("SPORE_OTP_PATH");
        if (std) args[n++] = "-spore_path", args[n++] = (char *)std;
        if (otp) args[n++] = "-spore_otp", args[n++] = (char *)otp;
        for (int i = 2; i < argc; i++) args[n++] = argv[i];
        args[n] = NULL;
        PlatStart start = {.argc = n, .argv = args};
        int status = vm_main(&start);
        plat_exit(status);
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("spore %s (runs BEAM files of OTP 25)\n", SPORE_VERSION);
        return 0;
    }
    if (strcmp(cmd, "help") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "spore: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
