/*
** image_cmd.c: `spore image`, a plain front end to tools/image_write.c for
** tests and by hand (spore build is the real user of the writer). Packs
** files and an entry point into a program image, optionally sealed into a
** kernel, or lists an image's manifest:
**   spore image -o OUT [--xen OUT.xen --kernel ELF] [options] [--from LIST] FILE...
**   spore image --list FILE
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../vm/image.h"
#include "cli.h"
#include "image_write.h"

static int usage(void)
{
    fputs("usage: spore image [-o OUT] [--xen OUT.xen --kernel ELF] [--entry MOD:FUN]\n"
          "                   [--arg A]... [--boot-arg A]... [--memory MB] [--service NAME]\n"
          "                   [--sealed] [--deflate] [--channel NAME=PEER]... [--from LIST]\n"
          "                   [FILE...]\n"
          "       spore image --list FILE\n"
          "Each FILE goes in under its base name; LIST names files one a line\n"
          "(what SPORE_LOADED writes). --arg is an argument of the entry point,\n"
          "--boot-arg an erl-style argument of the VM. --deflate stores files\n"
          "deflated where that saves a tenth (as spore build does).\n",
          stderr);
    return 2;
}

/* A growing list of strings (pointers into argv or a list file). */
typedef struct List {
    const char **v;
    size_t n;
} List;

static void add(List *l, const char *s)
{
    const char **more = realloc(l->v, (l->n + 1) * sizeof *l->v);
    if (!more) {
        fputs("spore: image: out of memory\n", stderr);
        exit(1);
    }
    l->v = more;
    l->v[l->n++] = s;
}

/* Adds the paths listed in the file 'list', one a line. The text is never
   freed (the process ends soon). */
static int read_list(const char *list, List *paths)
{
    size_t len;
    uint8_t *bytes = cli_read_file(list, &len);
    char *text = bytes ? realloc(bytes, len + 1) : NULL;
    if (!text) {
        fprintf(stderr, "spore: image: cannot read %s: %s\n", list, strerror(errno));
        free(bytes);
        return -1;
    }
    text[len] = 0;
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : line + strlen(line);
        if (nl)
            *nl = 0;
        size_t k = strlen(line);
        if (k > 0 && line[k - 1] == '\r')
            line[--k] = 0;
        if (k > 0)
            add(paths, line);
        line = next;
    }
    return 0;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads the files at 'paths' (a path given twice counts once) into
   'files'. Returns how many, or -1 after a message. */
static long read_files(List *paths, ImageSpecFile **files)
{
    qsort(paths->v, paths->n, sizeof *paths->v, str_cmp);
    *files = calloc(paths->n ? paths->n : 1, sizeof **files);
    size_t n = 0;
    for (size_t i = 0; *files && i < paths->n; i++) {
        if (i > 0 && strcmp(paths->v[i - 1], paths->v[i]) == 0)
            continue;
        const char *slash = strrchr(paths->v[i], '/');
        ImageSpecFile *f = &(*files)[n++];
        f->name = slash ? slash + 1 : paths->v[i];
        uint8_t *data = cli_read_file(paths->v[i], &f->len);
        if (!data) {
            fprintf(stderr, "spore: image: cannot read %s: %s\n", paths->v[i], strerror(errno));
            return -1;
        }
        f->data = data;
    }
    return *files ? (long)n : -1;
}

static int write_file(const char *path, const uint8_t *b, size_t len)
{
    if (cli_write_file(path, b, len) < 0) {
        fprintf(stderr, "spore: image: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* spore image --list FILE: the manifest, then the size and name of each
   file. */
static int list(const char *path)
{
    size_t len;
    uint8_t *bytes = cli_read_file(path, &len);
    if (!bytes) {
        fprintf(stderr, "spore: cannot read %s: %s\n", path, strerror(errno));
        return 1;
    }
    Image im;
    char err[256];
    if (image_open(&im, bytes, len, err, sizeof err) < 0) {
        fprintf(stderr, "spore: %s\n", err);
        free(bytes);
        return 1;
    }
    printf("service %s\nmemory %u\nsealed %s\n", im.service, (unsigned)im.memory_mb,
           im.sealed ? "true" : "false");
    if (im.entry_module) {
        printf("entry %s:%s", im.entry_module, im.entry_function);
        for (uint32_t i = 0; i < im.entry_argc; i++)
            printf(" %s", im.entry_args[i]);
        printf("\n");
    }
    for (uint32_t i = 0; i < im.boot_argc; i++)
        printf("boot-arg %s\n", im.boot_args[i]);
    for (uint32_t i = 0; i < im.nchannels; i++)
        printf("channel %s=%s\n", im.channels[i].name, im.channels[i].peer);
    for (uint32_t i = 0; i < im.nfiles; i++) {
        printf("%10zu  %s", im.files[i].len, im.files[i].name);
        if (im.files[i].stored)
            printf("  (deflated: %zu)", im.files[i].stored);
        printf("\n");
    }
    image_close(&im);
    free(bytes);
    return 0;
}

/* Sets 'spec' from one option at argv[*i]; 0, or -1 for a bad one. */
static int option(int argc, char **argv, int *i, ImageSpec *spec, List *args, List *boot,
                  List *names, List *peers, List *paths)
{
    const char *a = argv[*i], *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    if (strcmp(a, "--sealed") == 0) {
        spec->sealed = true;
        return 0;
    }
    if (strcmp(a, "--deflate") == 0) {
        spec->deflate = true;
        return 0;
    }
    if (!v)
        return -1;
    (*i)++;
    if (strcmp(a, "--entry") == 0) {
        char *colon = strchr(v, ':');
        if (!colon)
            return -1;
        *colon = 0;
        spec->entry_module = v;
        spec->entry_function = colon + 1;
    } else if (strcmp(a, "--arg") == 0) {
        add(args, v);
    } else if (strcmp(a, "--boot-arg") == 0) {
        add(boot, v);
    } else if (strcmp(a, "--memory") == 0) {
        char *end;
        unsigned long mb = strtoul(v, &end, 10);
        if (*end || mb > UINT32_MAX)
            return -1;
        spec->memory_mb = (uint32_t)mb;
    } else if (strcmp(a, "--service") == 0) {
        spec->service = v;
    } else if (strcmp(a, "--channel") == 0) {
        char *eq = strchr(v, '=');
        if (!eq)
            return -1;
        *eq = 0;
        add(names, v);
        add(peers, eq + 1);
    } else if (strcmp(a, "--from") == 0) {
        if (read_list(v, paths) < 0)
            exit(1);
    } else {
        return -1;
    }
    return 0;
}

int cmd_image(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--list") == 0)
        return argc == 3 ? list(argv[2]) : usage();
    const char *out = NULL, *xen = NULL, *kernel = NULL;
    ImageSpec spec = {.service = ""};
    List args = {0}, boot = {0}, names = {0}, peers = {0}, paths = {0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(a, "--xen") == 0 && i + 1 < argc)
            xen = argv[++i];
        else if (strcmp(a, "--kernel") == 0 && i + 1 < argc)
            kernel = argv[++i];
        else if (a[0] != '-')
            add(&paths, a);
        else if (option(argc, argv, &i, &spec, &args, &boot, &names, &peers, &paths) < 0)
            return usage();
    }
    if ((!out && !xen) || !xen != !kernel)
        return usage();
    spec.entry_args = args.v;
    spec.entry_argc = args.n;
    spec.boot_args = boot.v;
    spec.boot_argc = boot.n;
    spec.channel_names = names.v;
    spec.channel_peers = peers.v;
    spec.nchannels = names.n;
    ImageSpecFile *files;
    long n = read_files(&paths, &files);
    if (n < 0)
        return 1;
    spec.files = files;
    spec.nfiles = (size_t)n;
    uint8_t *image;
    size_t len;
    char err[256];
    int status = 0;
    if (image_encode(&spec, &image, &len, err, sizeof err) < 0) {
        fprintf(stderr, "spore: %s\n", err);
        return 1;
    }
    if (out && write_file(out, image, len) < 0)
        status = 1;
    if (!status && xen && image_seal_kernel(kernel, image, len, NULL, 0, xen, err, sizeof err) < 0) {
        fprintf(stderr, "spore: %s\n", err);
        status = 1;
    }
    free(image);
    return status;
}
