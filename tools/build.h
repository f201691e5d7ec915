/*
** build.h: what the files of `spore build` share. build.c reads the command
** line and runs the steps; build_input.c finds the program's modules (and
** compiles its .erl files), spore's own and OTP's; build_reach.c decides
** which of them the program can reach; build_out.c writes the image's
** files and the domain configurations. Module names are atoms of the VM's
** atom table (vm/atom.h), so that they compare with what the .beam reader
** (vm/beamfile.h) returns.
*/
#ifndef SPORE_TOOLS_BUILD_H
#define SPORE_TOOLS_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../vm/term.h"

/* Where a module comes from, in order of precedence: a module of the
   program hides spore's module of the same name, which hides OTP's. */
typedef enum BuildOrigin { BUILD_PROGRAM, BUILD_SPORE, BUILD_OTP } BuildOrigin;

/* How a kept module was first reached (for the report of -v). */
typedef enum BuildWhy {
    BUILD_WHY_ENTRY,     /* the entry point's module */
    BUILD_WHY_VM,        /* the VM calls it (init:boot/1, logger:log/3) */
    BUILD_WHY_INCLUDE,   /* --include */
    BUILD_WHY_CALL,      /* a call, a fun or fun M:F/A in 'by' */
    BUILD_WHY_NAMED,     /* 'by' names it with a function atom beside it */
    BUILD_WHY_BEHAVIOUR, /* 'by' is a module with -behaviour(it) */
    BUILD_WHY_APP        /* the callback module of an application in use */
} BuildWhy;

struct ReachModule;

typedef struct BuildModule {
    term_t name; /* the module's atom */
    char *path;  /* its .beam file */
    BuildOrigin origin;
    struct ReachModule *reach; /* build_reach.c's scan of it, once read */
    bool kept;                 /* in the image */
    bool whole;                /* every exported function counts as reached */
    bool named;                /* an atom of reached code names it */
    bool unsupported;          /* cannot run on spore: never followed */
    BuildWhy why;
    term_t by_module, by_function; /* what reached it first */
    uint32_t by_arity;
    size_t size; /* bytes in the image, once stripped */
} BuildModule;

/* An application of the program, from its .app file. */
typedef struct BuildApp {
    term_t name;
    char *path;
    term_t mod;   /* the callback module ({mod, {Mod, Args}}), or TERM_NIL */
    term_t *deps; /* 'applications' and 'included_applications' */
    size_t ndeps;
    bool used;
} BuildApp;

typedef struct BuildSet {
    BuildModule *mods;
    size_t nmods, capmods;
    uint32_t *index; /* atom index -> 1 + position in 'mods', or 0 */
    size_t index_len;
    BuildApp *apps;
    size_t napps;
    char *tmpdir;       /* where the .erl files are compiled, or NULL */
    char *first_module; /* the module the first input names, or NULL */
    char *first_app;    /* the application the first input names, or NULL */
    bool verbose;
} BuildSet;

/* ---- build_input.c ---- */

/* The .erl files and erlc options gathered from the command line. */
typedef struct BuildErl {
    char **files;
    size_t nfiles;
    const char **incs; /* -I directories */
    size_t nincs;
} BuildErl;

/* Adds what the input 'path' holds: a .erl file (to 'erl', compiled later),
   a .beam file, an ebin directory with its .app files, an OTP application
   directory (with ebin/), a rebar3 project or its _build tree. 0, or -1
   with a one-line message in 'err'. */
int build_input_add(BuildSet *s, const char *path, BuildErl *erl, char *err, size_t errlen);
/* Compiles the .erl files with one erlc run into a temporary folder (whose
   messages go to the terminal as erlc writes them) and adds the modules.
   0, or -1 (erlc's messages said why, or 'err' does). */
int build_input_compile(BuildSet *s, const BuildErl *erl, char *err, size_t errlen);
/* Adds spore's stdlib modules, then OTP's stdlib, kernel and compiler:
   SPORE_STDLIB and SPORE_OTP_PATH when set, else found beside the spore
   executable and from the erlc on the PATH. 0, or -1 with a message. */
int build_input_libraries(BuildSet *s, char *err, size_t errlen);
/* The module called 'name', or NULL. */
BuildModule *build_input_find(const BuildSet *s, term_t name);
/* The application called 'name', or NULL. */
BuildApp *build_input_app(const BuildSet *s, term_t name);
/* Removes the temporary folder and frees the tables (not the scans). */
void build_input_free(BuildSet *s);

/* ---- build_reach.c ---- */

typedef struct BuildRoots {
    term_t module, function; /* the entry point */
    uint32_t arity;          /* 0 without arguments, else 1 (as -run calls it) */
    const term_t *include;   /* --include: kept whole */
    size_t ninclude;
} BuildRoots;

/* Marks the modules the program can reach from 'r' and from what the VM
   itself calls ('kept'), and those that reached code names without
   calling them ('named'). Reads and parses each module it follows with the
   VM's .beam reader. 0, or -1 with a one-line message in 'err' (an unknown
   or unexported entry, a corrupt .beam). */
int build_reach(BuildSet *s, const BuildRoots *r, char *err, size_t errlen);

/* ---- build_out.c ---- */

/* The .beam in 'in' with only the chunks the VM reads (no debug info, no
   type or documentation chunks): a malloc'd copy in '*out'. 'in' must have
   passed the .beam reader. 0, or -1 on a malformed container. */
int build_out_strip(const uint8_t *in, size_t len, uint8_t **out, size_t *outlen);
/* Writes 'len' bytes to 'path' (replacing it). 0, or -1 with a message. */
int build_out_write(const char *path, const void *bytes, size_t len, char *err, size_t errlen);
/* Writes the xl configuration and the libvirt domain XML for a PVH guest
   named 'name' booting the kernel at the absolute path 'kernel'. */
int build_out_xl(const char *path, const char *name, const char *kernel, uint32_t memory_mb,
                 char *err, size_t errlen);
int build_out_libvirt(const char *path, const char *name, const char *kernel, uint32_t memory_mb,
                      char *err, size_t errlen);

/* ---- build_snap.c ---- */

/* Boots the kernel image 'xen' (the image sealed in, no snapshot) under
   QEMU until the program first waits (xen/snap.c's trace run): the modules
   loaded by then, comma-separated in the order they loaded, each with the
   functions decoded by then (vm_loaded's list; malloc'd);
   NULL with a reason in 'err' when QEMU is missing or the run fails. */
char *build_trace(const char *xen, unsigned mem_mb, char *err, size_t errlen);
/* Boots 'xen' again to take the snapshot of its warm start with the
   modules 'loaded' (build_trace's list) loaded: a malloc'd buffer of
   '*len' bytes, '*npreload' modules loaded in it; NULL with a reason in
   'err'. */
uint8_t *build_snapshot(const char *xen, unsigned mem_mb, const char *loaded, size_t *len,
                        size_t *npreload, char *err, size_t errlen);

/* realloc to 'n' items of 'size' bytes, or exit with a message. */
void *build_grow(void *p, size_t n, size_t size);

#endif
