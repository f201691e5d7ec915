/*
** bif.c: the BIF registry. Every bif/ file ends with a table of rows; at boot
** each row becomes the 'bif' of its export entry, so that calls reach C
** through the same Export as calls to Erlang code.
*/
#include <string.h>

#include "bif.h"
#include "erlang.h"

/* Every table, one per bif/ file. */
#define TABLES(X)                                                                                  \
    X(bif_erlang_table) X(bif_erlang_num_table) X(bif_erlang_bin_table) X(bif_erlang_proc_table)   \
    X(bif_erlang_time_table) X(bif_erlang_tuple_table) X(bif_erlang_misc_table)                    \
    X(bif_lists_table) X(bif_maps_table) X(bif_binary_table) X(bif_math_table)                     \
    X(bif_unicode_table) X(bif_persistent_term_table) X(bif_os_table) X(bif_code_table)        \
    X(bif_erlang_hash_table) X(bif_erlang_fun_table) X(bif_erlang_timer_table) X(bif_io_table) X(bif_prim_eval_table)        \
    X(bif_string_table) X(bif_ets_table)

#define DECLARE(t) extern const BifDef t[];
TABLES(DECLARE)
#undef DECLARE

void bif_register(const BifDef *defs) {
    for (const BifDef *d = defs; d->module; d++) {
        term_t m = atom_intern_static(d->module);
        term_t f = atom_intern_static(d->name);
        code_export(m, f, d->arity)->bif = d->fn;
    }
}

void bif_init(void) {
#define REGISTER(t) bif_register(t);
    TABLES(REGISTER)
#undef REGISTER
}

void bif_freeze(void) { erlang_time_freeze(); }

BifFn bif_find(term_t m, term_t f, uint32_t arity) {
    Export *e = code_export_find(m, f, arity);
    return e ? e->bif : NULL;
}
