/*
** spore.c: the command line of the hosted VM. Owns main() and the
** subcommands: `spore run ARGS...` boots the VM with erl-style arguments
** (vm_main), from a module bundle when the first one is FILE.bundle;
** `spore bundle` packs files into a bundle or lists one; `spore version`,
** `spore help`. Knows nothing of the VM but vm/plat.h, and the bundle
** format (vm/bundle.h), which it writes here and reads with the VM's reader.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../vm/bundle.h"
#include "../vm/image.h"
#include "cli.h"
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
          "  run ARGS...          boot the VM; ARGS as for erl -noshell, for example\n"
          "                         spore run -pa DIR -run Mod Func Arg...\n"
          "  run FILE.bundle ARGS...\n"
          "                       boot the VM with the modules of a bundle, which the\n"
          "                       code loader looks in before the code path\n"
          "  bundle -o OUT FILE...\n"
          "                       pack the files (.beam, .app...) into the bundle OUT,\n"
          "                       each under its base name; two files with one name\n"
          "                       are refused\n"
          "  bundle -o OUT --from LIST [FILE...]\n"
          "                       the same, with file paths read from LIST, one a line\n"
          "                       (for example what SPORE_LOADED wrote)\n"
          "  bundle --list FILE   print the size and name of each entry of a bundle\n"
          "  build ...            compile and link a program into app.spore and app.xen\n"
          "                       (spore build --help)\n"
          "  boot APP.xen ...     boot an image under QEMU microvm or Xen (spore boot --help)\n"
          "  deploy up|down|status FILE\n"
          "                       one domain per service (spore deploy --help)\n"
          "  bench boot ...       the boot-time benchmark (spore bench --help)\n"
          "  version              print the version\n"
          "  help                 print this text\n"
          "\n"
          "environment:\n"
          "  SPORE_STDLIB    folder of spore's own .beam modules (erlang, init...)\n"
          "  SPORE_OTP_PATH  ':'-separated ebin folders of OTP (stdlib, kernel...)\n"
          "  SPORE_MARKS     when set, print the boot markers on stderr:\n"
          "                    spore: mark vm|first|ready NS (since the process started)\n"
          "  SPORE_LOADED    a file to which the path of every file the VM reads is\n"
          "                  appended, one a line\n",
          to);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* True when the file at 'path' starts with a program image's magic. */
static int is_image_file(const char *path)
{
    uint8_t magic[8];
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int yes = fread(magic, 1, 8, f) == 8 && image_is(magic, 8);
    fclose(f);
    return yes;
}

/* spore run [FILE.bundle | IMAGE] ARGS...: the VM sees a conventional
   command line, argv[0] the program and the erl-style arguments after it.
   A program image is known by its magic, whatever its name; a file named
   *.spore that is not one is refused with the reader's message. */
static int cmd_run(int argc, char **argv)
{
    uint8_t *image = NULL;
    size_t image_len = 0;
    int first = 2;
    if (argc > 2 && (ends_with(argv[2], ".bundle") || ends_with(argv[2], ".spore") ||
                     is_image_file(argv[2]))) {
        image = cli_read_file(argv[2], &image_len);
        if (!image) {
            fprintf(stderr, "spore: cannot read %s: %s\n", argv[2], strerror(errno));
            return 1;
        }
        Image im;
        char err[256];
        if (ends_with(argv[2], ".spore") && !image_is(image, image_len) &&
            image_open(&im, image, image_len, err, sizeof err) < 0) {
            fprintf(stderr, "spore: %s\n", err);
            return 1;
        }
        first = 3;
    }
    /* SPORE_STDLIB and SPORE_OTP_PATH (a ':'-separated list of ebin
       directories) override where the VM finds its own and OTP's
       modules; they become the VM's -spore_path and -spore_otp flags. */
    char **args = malloc(((size_t)argc + 4) * sizeof *args);
    if (!args)
        return 1;
    int n = 0;
    args[n++] = argv[0];
    const char *std = getenv("SPORE_STDLIB"), *otp = getenv("SPORE_OTP_PATH");
    if (std)
        args[n++] = "-spore_path", args[n++] = (char *)std;
    if (otp)
        args[n++] = "-spore_otp", args[n++] = (char *)otp;
    for (int i = first; i < argc; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    /* The bundle's bytes stay until the process ends: the loader reads
       them in place. */
    PlatStart start = {.argc = n, .argv = args, .image = image, .image_len = image_len};
    int status = vm_main(&start);
    plat_exit(status);
}

/* ---- spore bundle ---- */

typedef struct Input {
    const char *path, *name; /* 'name': the base name of 'path' */
} Input;

static int input_cmp(const void *a, const void *b)
{
    const Input *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->path, y->path);
}

static void put_u16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* Sorts the inputs by name, drops a path given twice, and refuses two
   files with one name or a name the format cannot hold. Returns how many
   inputs remain, or -1 after printing why. */
static long check_inputs(Input *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *slash = strrchr(in[i].path, '/');
        in[i].name = slash ? slash + 1 : in[i].path;
        size_t len = strlen(in[i].name);
        if (len == 0 || len > BUNDLE_MAX_NAME) {
            fprintf(stderr, "spore: bundle: %s: the file name must be 1 to %d bytes\n", in[i].path,
                    BUNDLE_MAX_NAME);
            return -1;
        }
    }
    qsort(in, n, sizeof *in, input_cmp);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept > 0 && strcmp(in[kept - 1].name, in[i].name) == 0) {
            if (strcmp(in[kept - 1].path, in[i].path) == 0)
                continue;
            fprintf(stderr, "spore: bundle: two files named %s: %s and %s\n", in[i].name,
                    in[kept - 1].path, in[i].path);
            return -1;
        }
        in[kept++] = in[i];
    }
    if (kept > UINT32_MAX) {
        fprintf(stderr, "spore: bundle: too many files\n");
        return -1;
    }
    return (long)kept;
}

/* A bundle being built: 'n' bytes used of 'cap'. */
typedef struct Out {
    uint8_t *b;
    size_t n, cap;
} Out;

/* Appends one entry for 'in' to 'out'. */
static int append_entry(Out *out, const Input *in)
{
    size_t len, nl = strlen(in->name);
    uint8_t *data = cli_read_file(in->path, &len);
    if (!data) {
        fprintf(stderr, "spore: bundle: cannot read %s: %s\n", in->path, strerror(errno));
        return -1;
    }
    if (len > UINT32_MAX) {
        fprintf(stderr, "spore: bundle: %s is over 4 GiB\n", in->path);
        free(data);
        return -1;
    }
    size_t need = out->n + 6 + nl + len;
    if (need > out->cap) {
        size_t cap = out->cap * 2 > need ? out->cap * 2 : need;
        uint8_t *b = realloc(out->b, cap);
        if (!b) {
            free(data);
            fprintf(stderr, "spore: bundle: out of memory\n");
            return -1;
        }
        out->b = b;
        out->cap = cap;
    }
    uint8_t *p = out->b + out->n;
    put_u16(p, (uint32_t)nl);
    memcpy(p + 2, in->name, nl);
    put_u32(p + 2 + nl, (uint32_t)len);
    memcpy(p + 6 + nl, data, len);
    out->n = need;
    free(data);
    return 0;
}

/* Writes the bundle of the 'n' inputs to 'path'. Returns the exit status. */
static int bundle_pack(const char *path, Input *in, size_t n)
{
    long kept = check_inputs(in, n);
    if (kept < 0)
        return 1;
    Out out = {malloc(BUNDLE_HEADER_SIZE), BUNDLE_HEADER_SIZE, BUNDLE_HEADER_SIZE};
    if (!out.b)
        return 1;
    memcpy(out.b, BUNDLE_MAGIC, 8);
    put_u32(out.b + 8, (uint32_t)kept);
    put_u32(out.b + 12, 0);
    for (long i = 0; i < kept; i++)
        if (append_entry(&out, &in[i]) < 0) {
            free(out.b);
            return 1;
        }
    uint8_t *b = out.b;
    size_t size = out.n;
    /* What is written must be what the VM reads. */
    Bundle check;
    char err[256];
    if (bundle_open(&check, b, size, err, sizeof err) < 0) {
        fprintf(stderr, "spore: bundle: the packed bundle does not read back: %s\n", err);
        free(b);
        return 1;
    }
    bundle_close(&check);
    int rc = cli_write_file(path, b, size);
    free(b);
    if (rc < 0) {
        fprintf(stderr, "spore: bundle: cannot write %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

/* spore bundle --list FILE */
static int bundle_list(const char *path)
{
    size_t len;
    uint8_t *bytes = cli_read_file(path, &len);
    if (!bytes) {
        fprintf(stderr, "spore: cannot read %s: %s\n", path, strerror(errno));
        return 1;
    }
    Bundle b;
    char err[256];
    if (bundle_open(&b, bytes, len, err, sizeof err) < 0) {
        fprintf(stderr, "spore: %s: %s\n", path, err);
        free(bytes);
        return 1;
    }
    for (uint32_t i = 0; i < bundle_count(&b); i++) {
        const BundleEntry *e = bundle_entry(&b, i);
        printf("%10zu  %.*s\n", e->len, (int)e->name_len, e->name);
    }
    bundle_close(&b);
    free(bytes);
    return 0;
}

/* Adds the paths listed in the file 'list', one a line, to 'in'. The
   paths point into a buffer that is never freed (the process ends soon). */
static int read_list(const char *list, Input **in, size_t *n)
{
    size_t len;
    uint8_t *bytes = cli_read_file(list, &len);
    char *text = bytes ? realloc(bytes, len + 1) : NULL;
    if (!text) {
        fprintf(stderr, "spore: bundle: cannot read %s: %s\n", list, strerror(errno));
        free(bytes);
        return -1;
    }
    text[len] = 0;
    if (memchr(text, 0, len)) {
        fprintf(stderr, "spore: bundle: %s: not a list of paths (a NUL byte)\n", list);
        return -1;
    }
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : line + strlen(line);
        if (nl)
            *nl = 0;
        size_t k = strlen(line);
        if (k > 0 && line[k - 1] == '\r')
            line[--k] = 0;
        if (k > 0) {
            Input *more = realloc(*in, (*n + 1) * sizeof **in);
            if (!more)
                return -1;
            *in = more;
            (*in)[(*n)++].path = line;
        }
        line = next;
    }
    return 0;
}

static int bundle_usage(void)
{
    fputs("usage: spore bundle -o OUT [--from LIST] [FILE...]\n"
          "       spore bundle --list FILE\n",
          stderr);
    return 2;
}

static int cmd_bundle(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[2], "--list") == 0)
        return argc == 4 ? bundle_list(argv[3]) : bundle_usage();
    const char *out = NULL;
    Input *in = NULL;
    size_t n = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(a, "--from") == 0 && i + 1 < argc) {
            if (read_list(argv[++i], &in, &n) < 0)
                return 1;
        } else if (a[0] == '-') {
            return bundle_usage();
        } else {
            Input *more = realloc(in, (n + 1) * sizeof *in);
            if (!more)
                return 1;
            in = more;
            in[n++].path = a;
        }
    }
    if (!out)
        return bundle_usage();
    if (n == 0) {
        fputs("spore: bundle: no files to pack\n", stderr);
        return 1;
    }
    int status = bundle_pack(out, in, n);
    free(in);
    return status;
}

const char *cli_self_dir(void)
{
    static char dir[4096];
    if (!dir[0]) {
        ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
        if (n <= 0) {
            strcpy(dir, ".");
        } else {
            dir[n] = 0;
            char *slash = strrchr(dir, '/');
            if (slash) *slash = 0;
        }
    }
    return dir;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc, argv);
    if (strcmp(cmd, "bundle") == 0)
        return cmd_bundle(argc, argv);
    if (strcmp(cmd, "build") == 0)
        return cmd_build(argc - 1, argv + 1);
    if (strcmp(cmd, "boot") == 0)
        return cmd_boot(argc - 1, argv + 1);
    if (strcmp(cmd, "deploy") == 0)
        return cmd_deploy(argc - 1, argv + 1);
    if (strcmp(cmd, "bench") == 0)
        return cmd_bench(argc - 1, argv + 1);
    if (strcmp(cmd, "image") == 0)
        return cmd_image(argc - 1, argv + 1);
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
