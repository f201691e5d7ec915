/*
** build.c: spore build, from Erlang sources or compiled modules to a
** program image (NAME.spore), the kernel with the image sealed in
** (NAME.xen), and the configurations that run it as a Xen domain. This
** file reads the command line, runs the steps in order and prints the
** report; build_input.c finds the modules, build_reach.c picks those the
** program can reach, build_out.c and image_write.c write the files.
*/
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../bif/bif.h"
#include "../vm/atom.h"
#include "../vm/plat.h"
#include "build.h"
#include "cli.h"
#include "image_write.h"

/* A domain's memory when --memory does not say, in MiB (as spore boot). */
#define BUILD_DEFAULT_MEMORY 64

static void usage(FILE *to)
{
    fputs("usage: spore build [-o DIR] [--name NAME] [--entry Mod[:Fun]] [--arg A]...\n"
          "                   [--memory MB] [--include Mod]... [-I DIR]... [--kernel ELF]\n"
          "                   [--unsealed] [--cold] [--no-xen] [-v] INPUT...\n"
          "\n"
          "Compiles and links an Erlang program into a bootable service, in DIR:\n"
          "  NAME.spore        the program image (spore run NAME.spore runs it here)\n"
          "  NAME.xen          the kernel with the image sealed in, for Xen or QEMU\n"
          "  NAME.xl.cfg       its Xen PVH domain for xl (xl create NAME.xl.cfg)\n"
          "  NAME.libvirt.xml  the same domain for libvirt (virsh -c xen:///system create)\n"
          "\n"
          "INPUT is any of:\n"
          "  FILE.erl          a source file, compiled with erlc (one run for all)\n"
          "  FILE.beam         a compiled module\n"
          "  DIR               an ebin directory (its .beam and .app files), an OTP\n"
          "                    application (DIR/ebin), a rebar3 project (after rebar3\n"
          "                    compile: DIR/_build/default/lib/*/ebin) or its _build\n"
          "\n"
          "options:\n"
          "  -o DIR            where to write (default: here; made if missing)\n"
          "  --name NAME       the service and the files' name (default: the entry module)\n"
          "  --entry Mod[:Fun] what the image runs, as -run Mod Fun Args would; Fun\n"
          "                    defaults to start. Default module: the first one named on\n"
          "                    the command line (FILE.erl, FILE.beam), or for a directory\n"
          "                    the module named like its application\n"
          "  --arg A           an argument of the entry point, a string as -run passes it\n"
          "                    (repeat for more): with none the image calls Mod:Fun(),\n"
          "                    with some Mod:Fun([A, ...])\n"
          "  --memory MB       the domain's memory (default 64)\n"
          "  --include Mod     keep Mod and what it reaches even if nothing names it: for\n"
          "                    modules chosen at run time (repeat for more)\n"
          "  -I DIR            a folder erlc searches for -include files (repeatable)\n"
          "  --kernel ELF      the kernel to seal the image into (default: the spore.elf\n"
          "                    of the build tree, ../build-xen/, or of the installation,\n"
          "                    ../lib/spore/, beside this spore)\n"
          "  --unsealed        allow the program to load code from outside the image\n"
          "  --cold            no snapshot in NAME.xen: every boot starts the VM from\n"
          "                    scratch (see below)\n"
          "  --no-xen          write NAME.spore only\n"
          "  -v                say why each module is kept, and where OTP was found\n"
          "\n"
          "The image holds the modules the program can reach from the entry point, from\n"
          "spore's boot (init, its io server, logger) and from --include: through calls,\n"
          "funs, a module named beside a function name (apply(M, F, A), spawn(M, F, A),\n"
          "{M, F, A}), -behaviour attributes and the callback modules of the\n"
          "applications it names. Modules are stripped of debug information. The report\n"
          "lists each module with its size, and the modules that kept code names but\n"
          "never calls: a dynamic call may want them (--include).\n"
          "\n"
          "NAME.xen starts warm: the build boots it under QEMU (qemu-system-x86_64),\n"
          "first to see which modules the program loads before it first waits, then to\n"
          "take a snapshot of the VM with those modules loaded, which it seals in after\n"
          "the image. A bare PVH or Xen PVH boot restores the snapshot and runs the\n"
          "program's first instruction with no module to load; a PV boot, the kernel\n"
          "command line word \"cold\", or --cold start from scratch. Without QEMU the\n"
          "image starts cold.\n"
          "\n"
          "environment:\n"
          "  SPORE_STDLIB    the folder of spore's own .beam modules\n"
          "  SPORE_OTP_PATH  ':'-separated ebin folders of OTP (default: from erlc)\n",
          to);
}

/* The command line, parsed. */
typedef struct Options {
    const char *outdir, *name, *entry, *kernel;
    const char **args;
    size_t nargs;
    const char **include;
    size_t ninclude;
    uint32_t memory_mb;
    bool unsealed, no_xen, cold;
    BuildErl erl;
    const char **inputs;
    size_t ninputs;
} Options;

static void push(const char ***v, size_t *n, const char *s)
{
    const char **more = realloc(*v, (*n + 1) * sizeof **v);
    if (!more) {
        fputs("spore build: out of memory\n", stderr);
        exit(1);
    }
    *v = more;
    (*v)[(*n)++] = s;
}

/* Option 'name' at argv[*i], as "--name VALUE" or "--name=VALUE". */
static bool option(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return false;
    if (argv[*i][n] == '=') {
        *value = argv[*i] + n + 1;
        return true;
    }
    if (argv[*i][n] != 0)
        return false;
    if (*i + 1 >= argc) {
        fprintf(stderr, "spore build: %s needs a value (spore build --help)\n", name);
        exit(2);
    }
    *value = argv[++*i];
    return true;
}

static int parse(int argc, char **argv, Options *o, BuildSet *s)
{
    const char *v;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        } else if (option(argc, argv, &i, "-o", &o->outdir) ||
                   option(argc, argv, &i, "--name", &o->name) ||
                   option(argc, argv, &i, "--entry", &o->entry) ||
                   option(argc, argv, &i, "--kernel", &o->kernel)) {
        } else if (option(argc, argv, &i, "--arg", &v)) {
            push(&o->args, &o->nargs, v);
        } else if (option(argc, argv, &i, "--include", &v)) {
            push(&o->include, &o->ninclude, v);
        } else if (option(argc, argv, &i, "-I", &v)) {
            push(&o->erl.incs, &o->erl.nincs, v);
        } else if (strncmp(a, "-I", 2) == 0) {
            push(&o->erl.incs, &o->erl.nincs, a + 2);
        } else if (option(argc, argv, &i, "--memory", &v)) {
            char *end;
            unsigned long mb = strtoul(v, &end, 10);
            if (*v < '0' || *v > '9' || *end || mb < 1 || mb > 1u << 20) {
                fprintf(stderr, "spore build: --memory %s: not a size in MiB\n", v);
                return -1;
            }
            o->memory_mb = (uint32_t)mb;
        } else if (strcmp(a, "--unsealed") == 0) {
            o->unsealed = true;
        } else if (strcmp(a, "--no-xen") == 0) {
            o->no_xen = true;
        } else if (strcmp(a, "--cold") == 0) {
            o->cold = true;
        } else if (strcmp(a, "-v") == 0) {
            s->verbose = true;
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "spore build: unknown option %s (spore build --help)\n", a);
            exit(2);
        } else {
            push(&o->inputs, &o->ninputs, a);
        }
    }
    if (o->ninputs == 0) {
        fputs("spore build: no input (spore build --help)\n", stderr);
        exit(2);
    }
    return 0;
}

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The kernel to seal the image into: --kernel, or the one of the build
   tree or installation this spore belongs to. */
static char *find_kernel(const char *given)
{
    if (given) {
        struct stat st;
        int rc = stat(given, &st);
        if (rc == 0 && S_ISREG(st.st_mode))
            return strdup(given);
        fprintf(stderr, "spore build: kernel %s: %s\n", given,
                rc < 0 ? strerror(errno) : "not a file");
        return NULL;
    }
    static const char *const rel[] = {"../build-xen/spore.elf", "../lib/spore/spore.elf"};
    char tried[2][PATH_MAX];
    for (int i = 0; i < 2; i++) {
        snprintf(tried[i], sizeof tried[i], "%s/%s", cli_self_dir(), rel[i]);
        if (is_file(tried[i]))
            return strdup(tried[i]);
    }
    fprintf(stderr,
            "spore build: no kernel: neither %s nor %s exists (build it, give --kernel ELF, "
            "or --no-xen)\n",
            tried[0], tried[1]);
    return NULL;
}

static bool good_name(const char *n)
{
    size_t len = strlen(n);
    if (len == 0 || len > 64 || n[0] == '.' || n[0] == '-')
        return false;
    for (; *n; n++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-", *n))
            return false;
    return true;
}

static term_t atom_of(const char *s)
{
    term_t a = atom_intern(s, strlen(s));
    return a == TERM_NONE ? atom_intern("", 0) : a;
}

/* The entry point: --entry Mod:Fun or Mod, else the module the first
   input names; Fun defaults to start, as with -run. */
typedef struct Entry {
    char module[256], function[256];
} Entry;

static int entry_point(const Options *o, const BuildSet *s, Entry *e, BuildRoots *r)
{
    const char *given = o->entry ? o->entry : s->first_module ? s->first_module : s->first_app;
    if (!given) {
        fputs("spore build: no entry point: give --entry Mod:Fun\n", stderr);
        return -1;
    }
    const char *colon = strchr(given, ':');
    size_t n = colon ? (size_t)(colon - given) : strlen(given);
    snprintf(e->module, sizeof e->module, "%.*s", (int)n, given);
    snprintf(e->function, sizeof e->function, "%s", colon ? colon + 1 : "start");
    if (n == 0 || n >= sizeof e->module || !e->function[0] || strchr(e->function, ':')) {
        fprintf(stderr, "spore build: --entry %s: expected Mod:Fun or Mod\n", given);
        return -1;
    }
    r->module = atom_of(e->module);
    r->function = atom_of(e->function);
    r->arity = o->nargs > 0 ? 1 : 0;
    return 0;
}

static const char *origin_name(BuildOrigin o)
{
    return o == BUILD_PROGRAM ? "program" : o == BUILD_SPORE ? "spore" : "otp";
}

static int by_name(const void *a, const void *b)
{
    BuildModule *const *x = a, *const *y = b;
    size_t n, m;
    const char *p = atom_name((*x)->name, &n), *q = atom_name((*y)->name, &m);
    int c = memcmp(p, q, n < m ? n : m);
    return c ? c : (n > m) - (n < m);
}

/* -v: why a module is in the image. */
static void print_why(const BuildModule *m)
{
    size_t a, b;
    const char *mod = term_is_atom(m->by_module) ? atom_name(m->by_module, &a) : "";
    const char *fun = term_is_atom(m->by_function) ? atom_name(m->by_function, &b) : "";
    if (!term_is_atom(m->by_module))
        a = 0;
    if (!term_is_atom(m->by_function))
        b = 0;
    switch (m->why) {
    case BUILD_WHY_ENTRY:
        printf("  the entry point");
        break;
    case BUILD_WHY_VM:
        printf("  the VM calls it");
        break;
    case BUILD_WHY_INCLUDE:
        printf("  --include");
        break;
    case BUILD_WHY_CALL:
        printf("  called by %.*s:%.*s/%u", (int)a, mod, (int)b, fun, m->by_arity);
        break;
    case BUILD_WHY_NAMED:
        printf("  named in %.*s:%.*s/%u", (int)a, mod, (int)b, fun, m->by_arity);
        break;
    case BUILD_WHY_BEHAVIOUR:
        printf("  behaviour of %.*s", (int)a, mod);
        break;
    case BUILD_WHY_APP:
        printf("  an application's callback module");
        break;
    }
}

/* The image's files: the kept modules (stripped), then the .app files. */
typedef struct Files {
    ImageSpecFile *f;
    size_t n;
    size_t raw; /* the modules' bytes before stripping */
} Files;

static int gather(BuildSet *s, BuildModule **kept, size_t nkept, Files *out)
{
    out->f = calloc(nkept + s->napps + 1, sizeof *out->f);
    if (!out->f)
        return -1;
    for (size_t i = 0; i < nkept; i++) {
        size_t len, slen;
        uint8_t *raw = cli_read_file(kept[i]->path, &len), *stripped;
        if (!raw) {
            fprintf(stderr, "spore build: %s: %s\n", kept[i]->path, strerror(errno));
            return -1;
        }
        if (build_out_strip(raw, len, &stripped, &slen) < 0) {
            fprintf(stderr, "spore build: %s: malformed IFF container\n", kept[i]->path);
            return -1;
        }
        free(raw);
        size_t n;
        const char *name = atom_name(kept[i]->name, &n);
        char *file = malloc(n + 6);
        if (!file)
            return -1;
        snprintf(file, n + 6, "%.*s.beam", (int)n, name);
        out->f[out->n++] = (ImageSpecFile){file, stripped, slen, false};
        kept[i]->size = slen;
        out->raw += len;
    }
    for (size_t i = 0; i < s->napps; i++) {
        size_t len;
        uint8_t *bytes = cli_read_file(s->apps[i].path, &len);
        if (!bytes) {
            fprintf(stderr, "spore build: %s: %s\n", s->apps[i].path, strerror(errno));
            return -1;
        }
        const char *slash = strrchr(s->apps[i].path, '/');
        out->f[out->n++] =
            (ImageSpecFile){strdup(slash ? slash + 1 : s->apps[i].path), bytes, len, false};
    }
    return 0;
}

static void report(const BuildSet *s, BuildModule **kept, size_t nkept, const Files *files)
{
    size_t total = 0;
    printf("%-28s %9s  %s\n", "module", "bytes", "from");
    for (size_t i = 0; i < nkept; i++) {
        size_t n;
        const char *name = atom_name(kept[i]->name, &n);
        printf("%-28.*s %9zu  %s", (int)n, name, kept[i]->size, origin_name(kept[i]->origin));
        if (s->verbose)
            print_why(kept[i]);
        printf("\n");
        total += kept[i]->size;
    }
    for (size_t i = nkept; i < files->n; i++) {
        printf("%-28s %9zu  program\n", files->f[i].name, files->f[i].len);
        total += files->f[i].len;
    }
    printf("%-28s %9zu  %zu modules (%zu bytes before stripping debug information)\n", "total",
           total, nkept, files->raw);
    /* Modules that kept code names but never calls: one line, by name. */
    BuildModule **named = malloc((s->nmods + 1) * sizeof *named);
    size_t nn = 0;
    for (size_t i = 0; named && i < s->nmods; i++)
        if (s->mods[i].named && !s->mods[i].kept && !s->mods[i].unsupported)
            named[nn++] = &s->mods[i];
    if (named)
        qsort(named, nn, sizeof *named, by_name);
    printf("left out, named but not called (--include Mod keeps one):");
    for (size_t i = 0; i < nn; i++) {
        size_t n;
        const char *name = atom_name(named[i]->name, &n);
        printf("%s %.*s", i ? "," : "", (int)n, name);
    }
    printf("%s\n", nn ? "" : " none");
    free(named);
}

/* Marks raw the files of the modules in 'loaded' (build_trace's list):
   they load at every boot of a kernel without a snapshot, which then
   need not inflate them; the others stay deflated. */
static void keep_loaded_raw(ImageSpec *spec, ImageSpecFile *files, const char *loaded)
{
    for (size_t i = 0; i < spec->nfiles; i++) {
        const char *f = files[i].name, *dot = strrchr(f, '.');
        if (!dot || strcmp(dot, ".beam") != 0)
            continue;
        size_t n = (size_t)(dot - f);
        for (const char *m = loaded; *m;) { /* M1/HEX,M2,... */
            size_t k = strcspn(m, ",/");
            if (k == n && memcmp(m, f, n) == 0)
                files[i].raw = true;
            m += k + strcspn(m + k, ",");
            m += *m == ',';
        }
    }
}

/* Writes NAME.spore, and unless --no-xen NAME.xen and its configurations.
   The image deflates its files. A trace run of the kernel under QEMU
   finds the modules a boot loads before the program first waits, and the
   functions it decodes: the image gets that list as its file spore.warm,
   and the warm start's snapshot is taken with those loaded and decoded
   (their inflated bytes are not kept: a function decoded later inflates
   its module again). With --cold, those modules are stored as they are
   instead, as every boot loads them. */
static int write_outputs(const Options *o, const char *name, const char *kernel, ImageSpec *spec,
                         ImageSpecFile *files)
{
    char err[512], path[PATH_MAX], abs[PATH_MAX + 512], real[PATH_MAX], why[512] = "";
    uint8_t *image = NULL, *snap = NULL;
    size_t len, snap_len = 0, npreload = 0;
    char *loaded = NULL;
    ImageSpecFile *warm = NULL;
    int rc = -1;
    /* the trace run's image need not be deflated: which modules load
       does not depend on it */
    spec->deflate = o->no_xen;
    if (image_encode(spec, &image, &len, err, sizeof err) < 0)
        goto out;
    spec->deflate = true;
    snprintf(path, sizeof path, "%s/%s.xen", o->outdir, name);
    if (!o->no_xen) {
        if (image_seal_kernel(kernel, image, len, NULL, 0, path, err, sizeof err) < 0)
            goto out;
        loaded = build_trace(path, o->memory_mb, why, sizeof why);
        if (loaded && o->cold)
            keep_loaded_raw(spec, files, loaded);
        if (loaded && !o->cold) { /* the snapshot run's list (vm_preload) */
            warm = malloc((spec->nfiles + 1) * sizeof *warm);
            if (!warm) {
                snprintf(err, sizeof err, "out of memory");
                goto out;
            }
            memcpy(warm, spec->files, spec->nfiles * sizeof *warm);
            warm[spec->nfiles] = (ImageSpecFile){VM_WARM_FILE, (const uint8_t *)loaded,
                                                 strlen(loaded), false};
            spec->files = warm;
            spec->nfiles++;
        }
        free(image);
        image = NULL;
        if (image_encode(spec, &image, &len, err, sizeof err) < 0 ||
            image_seal_kernel(kernel, image, len, NULL, 0, path, err, sizeof err) < 0)
            goto out;
        if (loaded) {
            /* The warm start: a snapshot of the VM with those modules
               loaded, taken by booting the kernel just written. */
            if (!o->cold)
                snap = build_snapshot(path, o->memory_mb, loaded, &snap_len, &npreload, why,
                                      sizeof why);
            if (snap &&
                image_seal_kernel(kernel, image, len, snap, snap_len, path, err, sizeof err) < 0)
                goto out;
        }
    }
    snprintf(path, sizeof path, "%s/%s.spore", o->outdir, name);
    if (build_out_write(path, image, len, err, sizeof err) < 0)
        goto out;
    printf("wrote %s (%zu bytes)", path, len);
    rc = 0;
    if (o->no_xen) {
        printf("\n");
        goto out;
    }
    snprintf(path, sizeof path, "%s/%s.xen", o->outdir, name);
    struct stat st;
    printf(", %s (%lld bytes", path, stat(path, &st) == 0 ? (long long)st.st_size : -1LL);
    if (snap)
        printf(", a snapshot of %zu bytes with %zu modules loaded", snap_len, npreload);
    printf(")");
    if (!realpath(o->outdir, real)) {
        snprintf(err, sizeof err, "%s: %s", o->outdir, strerror(errno));
        printf("\n");
        rc = -1;
        goto out;
    }
    snprintf(abs, sizeof abs, "%s/%s.xen", real, name);
    snprintf(path, sizeof path, "%s/%s.xl.cfg", o->outdir, name);
    rc = build_out_xl(path, name, abs, o->memory_mb, err, sizeof err);
    if (rc == 0) {
        printf(", %s", path);
        snprintf(path, sizeof path, "%s/%s.libvirt.xml", o->outdir, name);
        rc = build_out_libvirt(path, name, abs, o->memory_mb, err, sizeof err);
    }
    printf(rc == 0 ? ", %s\n" : "\n", path);
    if (rc == 0 && !snap && !o->cold)
        fprintf(stderr, "spore build: no snapshot, every boot starts cold: %s\n", why);
out:
    fflush(stdout);
    if (rc < 0)
        fprintf(stderr, "spore build: %s\n", err);
    free(loaded);
    free(warm);
    free(snap);
    free(image);
    return rc;
}

/* The program's modules, spore's and OTP's. 0, or -1 after saying why. */
static int collect(Options *o, BuildSet *s)
{
    char err[1024] = "";
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < o->ninputs; i++)
        rc = build_input_add(s, o->inputs[i], &o->erl, err, sizeof err);
    if (rc == 0)
        rc = build_input_compile(s, &o->erl, err, sizeof err);
    if (rc == 0)
        rc = build_input_libraries(s, err, sizeof err);
    if (rc < 0 && err[0])
        fprintf(stderr, "spore build: %s\n", err);
    return rc;
}

/* The kept modules, by name. */
static BuildModule **kept_modules(const BuildSet *s, size_t *n)
{
    BuildModule **kept = malloc((s->nmods + 1) * sizeof *kept);
    *n = 0;
    for (size_t i = 0; kept && i < s->nmods; i++)
        if (s->mods[i].kept)
            kept[(*n)++] = &s->mods[i];
    if (kept)
        qsort(kept, *n, sizeof *kept, by_name);
    return kept;
}

/* Encodes the image of what build_reach kept and writes the outputs. */
static int emit(const Options *o, BuildSet *s, const Entry *e, const char *name, const char *kernel)
{
    size_t nkept;
    BuildModule **kept = kept_modules(s, &nkept);
    Files files = {0};
    if (!kept || gather(s, kept, nkept, &files) < 0)
        return -1;
    report(s, kept, nkept, &files);
    ImageSpec spec = {.service = name,
                      .entry_module = e->module,
                      .entry_function = e->function,
                      .entry_args = o->args,
                      .entry_argc = o->nargs,
                      .memory_mb = o->memory_mb,
                      .sealed = !o->unsealed,
                      .files = files.f,
                      .nfiles = files.n,
                      .deflate = true};
    if (mkdir(o->outdir, 0777) < 0 && errno != EEXIST) {
        fprintf(stderr, "spore build: -o %s: %s\n", o->outdir, strerror(errno));
        return -1;
    }
    return write_outputs(o, name, kernel, &spec, files.f);
}

/* Everything after the command line; the exit status. */
static int build(Options *o, BuildSet *s)
{
    char *kernel = NULL;
    if (!o->no_xen && !(kernel = find_kernel(o->kernel)))
        return 1;
    Entry e;
    BuildRoots roots = {0};
    int rc = collect(o, s) < 0 || entry_point(o, s, &e, &roots) < 0 ? -1 : 0;
    const char *name = o->name ? o->name : e.module;
    if (rc == 0 && !good_name(name)) {
        fprintf(stderr,
                "spore build: the name '%s' is not 1 to 64 of A-Z a-z 0-9 _ . - (give --name "
                "NAME)\n",
                name);
        rc = -1;
    }
    term_t *include = calloc(o->ninclude + 1, sizeof *include);
    for (size_t i = 0; include && i < o->ninclude; i++)
        include[i] = atom_of(o->include[i]);
    roots.include = include;
    roots.ninclude = o->ninclude;
    char err[1024];
    if (rc == 0 && (rc = build_reach(s, &roots, err, sizeof err)) < 0)
        fprintf(stderr, "spore build: %s\n", err);
    if (rc == 0)
        rc = emit(o, s, &e, name, kernel);
    free(include);
    free(kernel);
    return rc < 0 ? 1 : 0;
}

int cmd_build(int argc, char **argv)
{
    Options o = {.outdir = ".", .memory_mb = BUILD_DEFAULT_MEMORY};
    BuildSet s = {0};
    atom_init();
    bif_init();
    if (parse(argc, argv, &o, &s) < 0)
        return 1;
    int rc = build(&o, &s);
    build_input_free(&s);
    return rc;
}
