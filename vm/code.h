/*
** code.h: loaded modules, their exports, and funs.
**
** Code is an array of pre-decoded instructions (Instr words): each
** instruction is the address of its handler in the interpreter followed by
** its operands, already resolved by the loader (see load.c for the operand
** encoding). Code is never moved or freed once loaded.
**
** The export table maps {Module, Function, Arity} to an Export, which
** exists as soon as anything refers to it (an import, fun M:F/A, apply):
** calls go through 'code' when the function is loaded, through 'bif' when it
** is implemented in C, and through the on-demand loader otherwise.
*/
#ifndef SPORE_CODE_H
#define SPORE_CODE_H

#include "term.h"

struct Proc;
struct Bundle;
struct Image;
typedef uintptr_t Instr;

/* A BIF: arguments in 'args' (x registers or a copy). Returns the result,
   or TERM_NONE after setting p->fclass/p->freason (bif.h: BIF_ERROR). */
typedef term_t (*BifFn)(struct Proc *p, term_t *args);

typedef struct Export {
    term_t module, function;
    uint32_t arity;
    uint32_t kind;          /* EXPORT_* */
    const Instr *code;      /* entry point when loaded, else NULL */
    BifFn bif;              /* C implementation, else NULL */
    struct Export *next;    /* hash chain */
} Export;

enum { EXPORT_NORMAL = 0, EXPORT_APPLY2, EXPORT_APPLY3, EXPORT_SPECIAL };

typedef struct FunEntry {
    struct Module *module;
    term_t name;            /* the local function the fun runs ('-f/1-fun-0-') */
    uint32_t arity;         /* total arity of the code, free variables included */
    uint32_t num_free;
    uint32_t index, old_uniq;
    const Instr *code;
} FunEntry;

/* closure layout: [hdr(HDR_FUN, 1 + num_free)] FunEntry*, free variables... */
static inline FunEntry *fun_entry(term_t f) { return (FunEntry *)(uintptr_t)term_ptr(f)[1]; }
static inline term_t *fun_env(term_t f) { return term_ptr(f) + 2; }
/* export fun layout: [hdr(HDR_EXPORT, 1)] Export* */
static inline Export *fun_export(term_t f) { return (Export *)(uintptr_t)term_ptr(f)[1]; }

typedef struct LineRef { uint32_t file, line; } LineRef;

/* A function of a module. Its code is decoded when the module loads, or
   (a module of the program image) at its first call: until then 'start'
   is NULL, and calls go to 'stub', an instruction that decodes the
   function and becomes a jump to its entry (as it is from the start for
   a function decoded at load). */
struct LineAt { const Instr *at; LineRef ref; };
struct FuncInfo {
    const Instr *start;        /* its func_info instruction, or NULL */
    Instr stub[2];
    uint32_t name;             /* an atom's index (make_atom) */
    uint32_t arity;
    uint32_t words;            /* of code, from 'start' */
    uint32_t num_lines;        /* decoded after load: its line table, after its code */
};

typedef struct Module {
    term_t name;
    const Instr *on_load;   /* the -on_load function's entry until it has run, else NULL */
    Instr *code;            /* the code of the functions decoded at load, or NULL */
    size_t code_words;
    FunEntry *funs;
    uint32_t num_funs;
    struct FuncInfo *funcs; /* in the order of the file */
    uint32_t num_funcs;
    struct LineAt *lines;   /* the line table of the code decoded at load, by address */
    uint32_t num_lines;
    term_t *files;          /* file names, as Erlang strings in the literal area */
    uint32_t num_files;
    term_t attributes, compile_info; /* literal terms */
    Export **exports;       /* what this module exports */
    uint32_t num_exports;
    uint8_t md5[16];        /* use code_module_md5: it may not be computed yet */
    const uint8_t *src;     /* the .beam bytes, when they stay (image, bundle) */
    size_t src_len;
    size_t src_stored;      /* not 0: 'src' is that many bytes deflated (image.h) */
    bool md5_pending;       /* md5 is computed from 'src' when first asked */
    struct Lazy *lazy;      /* what decoding its other functions needs (load.c), or NULL */
    struct Module *next;
} Module;

/* The export for {m, f, a}, created (with no code) if new. Never fails. */
Export *code_export(term_t m, term_t f, uint32_t arity);
/* The export if it exists, else NULL. */
Export *code_export_find(term_t m, term_t f, uint32_t arity);

/* The .beam bytes of a module whose bytes stay in the image or bundle
   (inflated into '*owned' if they are kept deflated); NULL if they do not
   inflate. */
const uint8_t *code_module_src(const Module *mod, uint8_t **owned);
/* The module's MD5 (module_info(md5)), computed on first use when its
   bytes stayed in the image or bundle. */
const uint8_t *code_module_md5(Module *mod);
/* module_info(attributes) and module_info(compile): decoded on first use
   for a module whose bytes stayed in the image or bundle. */
term_t code_module_attributes(Module *mod);
term_t code_module_compile_info(Module *mod);

/* The loaded module named 'm', or NULL. */
Module *code_module(term_t m);
void code_register(Module *mod);  /* makes a freshly loaded module current */
/* Records that the 'words' of code at 'start' are function 'fn' of 'mod'
   (UINT32_MAX: several of its functions, found by their 'start'), for
   code_locate. */
void code_add_range(const Instr *start, size_t words, Module *mod, uint32_t fn);

/* Loads 'm' if it is not loaded: Mod.beam from the program image or the
   bundle, else from the code path (never from the code path when the image
   is sealed). Returns the module or NULL ('why' set to an atom: nofile,
   badfile). May print a loader error. */
Module *code_ensure_loaded(term_t m, term_t *why);

/* Makes the loader look in the module bundle 'b' (bundle.h), by file name,
   before the code path; NULL: no bundle. 'b' and its bytes must live as
   long as the VM. */
void code_use_bundle(const struct Bundle *b);
/* The same for a program image (image.h), which takes the bundle's place:
   its files are looked up by base name before the code path, and when it
   is sealed, the code path is never read. NULL: no image. */
void code_use_image(const struct Image *im);

/* The code path: directories searched for Mod.beam, in order. */
void code_path_add(const char *dir, bool front);
/* Reads the file 'name' ('n' bytes, no '/') from the image or the bundle,
   else (unless the image is sealed) from the first code path directory
   that has it. Sets '*data' and '*len', and '*owned' to what the caller
   must vm_free when done with the bytes: the bytes themselves when they
   come from a file, NULL when they belong to the image or the bundle
   (read-only, alive as long as the VM). False when none has it. */
bool code_path_read(const char *name, size_t n, const uint8_t **data, size_t *len,
                    uint8_t **owned);
/* Reverses the first 'n' directories (after adding them one by one to the
   front, to keep the order they were given in). */
void code_path_reverse_front(size_t n);
/* The list of loaded modules (newest first), chained by 'next'. */
Module *code_modules(void);

/* Stack-trace support: the function containing 'ip' and the source
   location of 'ip' (line 0 when unknown). */
bool code_locate(const Instr *ip, Module **mod, const struct FuncInfo **fi, LineRef *where);

#endif
