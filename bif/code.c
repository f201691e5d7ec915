/*
** code.c: BIFs about code: module_info, loading on request, what is loaded
** and exported, the console output primitive that stdlib's io server uses
** (spore:console_write/1), and the boot marker spore:ready/0.
*/
#include <string.h>

#include "bif.h"

#include "../sched/sched.h"
#include "../vm/bin.h"
#include "../vm/plat.h"

/* [{F, A}] of the exports of 'mod', or of all its functions. */
static term_t function_list(Proc *p, Module *mod, bool all) {
    term_t l = TERM_NIL;
    if (all) {
        for (uint32_t i = mod->num_funcs; i-- > 0;)
            l = heap_cons(p,
                          heap_tuple2(p, make_atom(mod->funcs[i].name),
                                      make_small(mod->funcs[i].arity)),
                          l);
        return l;
    }
    for (uint32_t i = mod->num_exports; i-- > 0;) {
        Export *e = mod->exports[i];
        l = heap_cons(p, heap_tuple2(p, e->function, make_small(e->arity)), l);
    }
    return l;
}

static term_t module_info_item(Proc *p, Module *mod, term_t what) {
    if (what == ATOM_module) return mod->name;
    if (what == ATOM_exports) return function_list(p, mod, false);
    if (what == ATOM_functions) return function_list(p, mod, true);
    if (what == ATOM_attributes) return code_module_attributes(mod);
    if (what == ATOM_compile) return code_module_compile_info(mod);
    if (what == ATOM_md5) return bin_from(p, code_module_md5(mod), sizeof mod->md5);
    if (what == atom_intern("nifs", 4)) return TERM_NIL;
    if (what == atom_intern("native", 6)) return ATOM_false;
    return TERM_NONE;
}

static BIF(bif_erlang_get_module_info_2) {
    if (!term_is_atom(args[0])) BIF_BADARG(p);
    Module *mod = code_module(args[0]);
    if (!mod) BIF_BADARG(p);
    term_t r = module_info_item(p, mod, args[1]);
    if (r == TERM_NONE) BIF_BADARG(p);
    return r;
}

static BIF(bif_erlang_get_module_info_1) {
    if (!term_is_atom(args[0])) BIF_BADARG(p);
    Module *mod = code_module(args[0]);
    if (!mod) BIF_BADARG(p);
    static const term_t *keys[] = {&ATOM_module, &ATOM_exports, &ATOM_attributes, &ATOM_compile,
                                   &ATOM_md5};
    term_t l = TERM_NIL;
    for (size_t i = sizeof keys / sizeof keys[0]; i-- > 0;)
        l = heap_cons(p, heap_tuple2(p, *keys[i], module_info_item(p, mod, *keys[i])), l);
    return l;
}

static BIF(bif_erlang_module_loaded_1) {
    if (!term_is_atom(args[0])) BIF_BADARG(p);
    return code_module(args[0]) ? ATOM_true : ATOM_false;
}

static BIF(bif_erlang_function_exported_3) {
    if (!term_is_atom(args[0]) || !term_is_atom(args[1]) || !term_is_small(args[2]))
        BIF_BADARG(p);
    sint_t a = small_val(args[2]);
    if (a < 0 || a > VM_MAX_ARITY) BIF_BADARG(p);
    Export *e = code_export_find(args[0], args[1], (uint32_t)a);
    return e && (e->code || (e->bif && code_module(args[0]))) ? ATOM_true : ATOM_false;
}

static BIF(bif_erlang_loaded_0) {
    term_t l = TERM_NIL;
    for (Module *m = code_modules(); m; m = m->next) l = heap_cons(p, m->name, l);
    return l;
}

static BIF(bif_erlang_pre_loaded_0) {
    VM_UNUSED(args);
    VM_UNUSED(p);
    return TERM_NIL;
}

/* code:ensure_loaded/1 -> {module, M} | {error, What} */
static BIF(bif_code_ensure_loaded_1) {
    if (!term_is_atom(args[0])) BIF_BADARG(p);
    term_t why;
    if (code_ensure_loaded(args[0], &why)) return heap_tuple2(p, ATOM_module, args[0]);
    return heap_tuple2(p, ATOM_error, why);
}

static BIF(bif_code_is_loaded_1) {
    if (!term_is_atom(args[0])) BIF_BADARG(p);
    if (!code_module(args[0])) return ATOM_false;
    return heap_tuple2(p, ATOM_file, atom_intern("preloaded", 9));
}

/* spore:console_write(Bytes): writes a binary (UTF-8 already) or a list of
   bytes to the console. */
static BIF(bif_spore_console_write_1) {
    size_t n;
    const uint8_t *b = term_is_bitstring(args[0]) ? bin_bytes(args[0], &n) : NULL;
    if (!b) BIF_BADARG(p);
    plat_console_write((const char *)b, n);
    return ATOM_ok;
}

/* spore:ready(): the application says it is ready to serve; the platform
   records a boot marker (plat_mark), e.g. to measure time to ready. */
static BIF(bif_spore_ready_0) {
    plat_mark(PLAT_MARK_READY);
    return ATOM_ok;
}

/* spore:warm_point(): init is about to run the program. When the platform
   takes a snapshot here, the scheduler stops after this slice, and a
   restored VM goes on from the return of this call. */
static BIF(bif_spore_warm_point_0) {
    VM_UNUSED(args);
    if (plat_warm_point()) {
        sched_warm_stop();
        p->reds = 0;
    }
    return ATOM_ok;
}

static BIF(bif_erlang_nif_error_1) { return bif_error(p, EXC_ERROR, args[0]); }
static BIF(bif_erlang_load_nif_2) {
    VM_UNUSED(args);
    return heap_tuple2(p, ATOM_error,
                       heap_tuple2(p, atom_intern("load_failed", 11),
                                   heap_cstr(p, "NIFs are not supported")));
}

/* spore:read_code_file(Name): {ok, Binary} with the file Name (a plain
   file name, no directory) from the program image or the bundle, else from
   the code path (not when the image is sealed), or error. application reads
   .app files with it. */
static BIF(bif_spore_read_code_file_1) {
    char name[256];
    size_t n = 0;
    term_t l = args[0];
    for (; term_is_list(l) && n < sizeof name - 1; l = list_tail(l)) {
        term_t c = list_head(l);
        if (!term_is_small(c) || small_val(c) <= 0 || small_val(c) > 127 || small_val(c) == '/')
            BIF_BADARG(p);
        name[n++] = (char)small_val(c);
    }
    if (l != TERM_NIL || n == 0) BIF_BADARG(p);
    const uint8_t *data;
    uint8_t *owned;
    size_t len;
    if (!code_path_read(name, n, &data, &len, &owned)) return ATOM_error;
    term_t bin = bin_from(p, data, len);
    vm_free(owned);
    return heap_tuple2(p, ATOM_ok, bin);
}

/* io asks whether the group leader speaks unicode across nodes: always. */
static BIF(bif_net_kernel_dflag_unicode_io_1) { return ATOM_true; }

const BifDef bif_code_table[] = {
    {"net_kernel", "dflag_unicode_io", 1, bif_net_kernel_dflag_unicode_io_1, 0},
    {"erlang", "get_module_info", 1, bif_erlang_get_module_info_1, 0},
    {"erlang", "get_module_info", 2, bif_erlang_get_module_info_2, 0},
    {"erlang", "module_loaded", 1, bif_erlang_module_loaded_1, 0},
    {"erlang", "function_exported", 3, bif_erlang_function_exported_3, 0},
    {"erlang", "loaded", 0, bif_erlang_loaded_0, 0},
    {"erlang", "pre_loaded", 0, bif_erlang_pre_loaded_0, 0},
    {"erlang", "nif_error", 1, bif_erlang_nif_error_1, 0},
    {"erlang", "nif_error", 2, bif_erlang_nif_error_1, 0},
    {"erlang", "load_nif", 2, bif_erlang_load_nif_2, 0},
    {"code", "ensure_loaded", 1, bif_code_ensure_loaded_1, 0},
    {"code", "is_loaded", 1, bif_code_is_loaded_1, 0},
    {"spore", "console_write", 1, bif_spore_console_write_1, 0},
    {"spore", "ready", 0, bif_spore_ready_0, 0},
    {"spore", "warm_point", 0, bif_spore_warm_point_0, 0},
    {"spore", "read_code_file", 1, bif_spore_read_code_file_1, 0},
    {NULL, NULL, 0, NULL, 0},
};
