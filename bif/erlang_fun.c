/*
** erlang_fun.c: BIFs about funs, pids and references as values:
** fun_info, fun_to_list, make_fun, is_builtin, and the textual forms of
** pids, ports and references (pid_to_list, list_to_pid, ...).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bif.h"

#include "../vm/bin.h"
#include "../vm/print.h"
#include "../vm/strbuf.h"

static term_t printed(Proc *p, term_t t) {
    StrBuf b;
    strbuf_init(&b);
    print_term(&b, t);
    term_t r = heap_str(p, b.s, b.len);
    strbuf_free(&b);
    return r;
}

static BIF(bif_erlang_fun_to_list_1) {
    if (!term_is_fun(args[0])) BIF_BADARG(p);
    return printed(p, args[0]);
}

static BIF(bif_erlang_pid_to_list_1) {
    if (!term_is_pid(args[0])) BIF_BADARG(p);
    return printed(p, args[0]);
}

static BIF(bif_erlang_port_to_list_1) {
    if (!term_is_port(args[0])) BIF_BADARG(p);
    return printed(p, args[0]);
}

static BIF(bif_erlang_ref_to_list_1) {
    if (!term_is_ref(args[0])) BIF_BADARG(p);
    return printed(p, args[0]);
}

/* The characters of a flat list of at most 'cap'-1 bytes, NUL-ended. */
static bool flat_string(term_t l, char *buf, size_t cap) {
    size_t n = 0;
    for (; term_is_list(l); l = list_tail(l)) {
        term_t c = list_head(l);
        if (!term_is_small(c) || small_val(c) < 1 || small_val(c) > 127 || n + 1 >= cap)
            return false;
        buf[n++] = (char)small_val(c);
    }
    buf[n] = 0;
    return l == TERM_NIL;
}

/* Reads 's' as 'head' then 'n' decimal numbers separated by dots and
   closed by '>' at its end, into 'v'; false unless it is exactly that. */
static bool dotted(const char *s, const char *head, uint64_t *v, int n) {
    size_t k = strlen(head);
    if (strncmp(s, head, k) != 0) return false;
    s += k;
    for (int i = 0; i < n; i++) {
        if (*s < '0' || *s > '9') return false;
        uint64_t x = 0;
        for (; *s >= '0' && *s <= '9'; s++) {
            if (x > (UINT64_MAX - 9) / 10) return false;
            x = x * 10 + (uint64_t)(*s - '0');
        }
        v[i] = x;
        if (*s++ != (i + 1 < n ? '.' : '>')) return false;
    }
    return *s == 0;
}

static BIF(bif_erlang_list_to_pid_1) {
    char s[64];
    uint64_t v[3];
    if (!flat_string(args[0], s, sizeof s) || !dotted(s, "<", v, 3) || v[0] != 0 || v[2] != 0)
        BIF_BADARG(p);
    return make_pid(v[1]);
}

static BIF(bif_erlang_list_to_ref_1) {
    char s[96];
    uint64_t v[4];
    if (!flat_string(args[0], s, sizeof s) || !dotted(s, "#Ref<", v, 4) || v[0] != 0 ||
        v[2] > 0xFFFFFFFFull || v[3] > 0xFFFFFFFFull)
        BIF_BADARG(p);
    uint64_t hi = v[2], lo = v[3];
    term_t *hp = heap_alloc(p, REF_WORDS);
    hp[0] = MAKE_HDR(HDR_REF, 1);
    hp[1] = hi << 32 | lo;
    return make_boxed(hp);
}

static BIF(bif_erlang_make_fun_3) {
    if (!term_is_atom(args[0]) || !term_is_atom(args[1]) || !term_is_small(args[2]) ||
        small_val(args[2]) < 0 || small_val(args[2]) > VM_MAX_ARITY)
        BIF_BADARG(p);
    Export *e = code_export(args[0], args[1], (uint32_t)small_val(args[2]));
    term_t *hp = heap_alloc(p, 2);
    hp[0] = MAKE_HDR(HDR_EXPORT, 1);
    hp[1] = (term_t)(uintptr_t)e;
    return make_boxed(hp);
}

static BIF(bif_erlang_is_builtin_3) {
    if (!term_is_atom(args[0]) || !term_is_atom(args[1]) || !term_is_small(args[2]))
        BIF_BADARG(p);
    sint_t a = small_val(args[2]);
    if (a < 0 || a > VM_MAX_ARITY) BIF_BADARG(p);
    return bif_find(args[0], args[1], (uint32_t)a) ? ATOM_true : ATOM_false;
}

/* The value of fun_info item 'what', or TERM_NONE for an unknown item. */
static term_t fun_item(Proc *p, term_t f, term_t what) {
    if (HDR_SUBTAG(boxed_hdr(f)) == HDR_EXPORT) {
        Export *e = fun_export(f);
        if (what == ATOM_module) return e->module;
        if (what == ATOM_name) return e->function;
        if (what == ATOM_arity) return make_small(e->arity);
        if (what == ATOM_env) return TERM_NIL;
        if (what == ATOM_type) return ATOM_external;
        if (what == ATOM_pid || what == ATOM_index || what == ATOM_new_index ||
            what == ATOM_uniq || what == ATOM_new_uniq)
            return ATOM_undefined;
        return TERM_NONE;
    }
    FunEntry *fe = fun_entry(f);
    if (what == ATOM_module) return fe->module->name;
    if (what == ATOM_name) return fe->name;
    if (what == ATOM_arity) return make_small(fe->arity - fe->num_free);
    if (what == ATOM_env) return heap_list(p, fun_env(f), fe->num_free);
    if (what == ATOM_type) return ATOM_local;
    if (what == ATOM_pid) return p->pid;
    if (what == ATOM_index || what == ATOM_new_index) return make_small(fe->index);
    if (what == ATOM_uniq) return make_small(fe->old_uniq);
    if (what == ATOM_new_uniq) {
        uint8_t *d;
        term_t b = bin_make(p, 16, &d);
        memcpy(d, code_module_md5(fe->module), 16);
        return b;
    }
    return TERM_NONE;
}

static BIF(bif_erlang_fun_info_2) {
    if (!term_is_fun(args[0]) || !term_is_atom(args[1])) BIF_BADARG(p);
    term_t v = fun_item(p, args[0], args[1]);
    if (v == TERM_NONE) BIF_BADARG(p);
    return heap_tuple2(p, args[1], v);
}

static BIF(bif_erlang_fun_info_1) {
    static const term_t *local[] = {&ATOM_pid, &ATOM_module, &ATOM_new_index, &ATOM_new_uniq,
                                    &ATOM_index, &ATOM_uniq, &ATOM_name, &ATOM_arity,
                                    &ATOM_env, &ATOM_type};
    static const term_t *ext[] = {&ATOM_module, &ATOM_name, &ATOM_arity, &ATOM_env, &ATOM_type};
    term_t f = args[0];
    if (!term_is_fun(f)) BIF_BADARG(p);
    bool is_ext = HDR_SUBTAG(boxed_hdr(f)) == HDR_EXPORT;
    const term_t **keys = is_ext ? ext : local;
    size_t n = is_ext ? sizeof ext / sizeof ext[0] : sizeof local / sizeof local[0];
    term_t l = TERM_NIL;
    for (size_t i = n; i-- > 0;) l = heap_cons(p, heap_tuple2(p, *keys[i], fun_item(p, f, *keys[i])), l);
    return l;
}

static BIF(bif_erlang_fun_info_mfa_1) {
    term_t f = args[0];
    if (!term_is_fun(f)) BIF_BADARG(p);
    return heap_tuple3(p, fun_item(p, f, ATOM_module), fun_item(p, f, ATOM_name),
                       fun_item(p, f, ATOM_arity));
}

const BifDef bif_erlang_fun_table[] = {
    {"erlang", "fun_to_list", 1, bif_erlang_fun_to_list_1, 0},
    {"erlang", "pid_to_list", 1, bif_erlang_pid_to_list_1, 0},
    {"erlang", "port_to_list", 1, bif_erlang_port_to_list_1, 0},
    {"erlang", "ref_to_list", 1, bif_erlang_ref_to_list_1, 0},
    {"erlang", "list_to_pid", 1, bif_erlang_list_to_pid_1, 0},
    {"erlang", "list_to_ref", 1, bif_erlang_list_to_ref_1, 0},
    {"erlang", "make_fun", 3, bif_erlang_make_fun_3, 0},
    {"erlang", "is_builtin", 3, bif_erlang_is_builtin_3, 0},
    {"erlang", "fun_info", 1, bif_erlang_fun_info_1, 0},
    {"erlang", "fun_info", 2, bif_erlang_fun_info_2, 0},
    {"erlang", "fun_info_mfa", 1, bif_erlang_fun_info_mfa_1, 0},
    {NULL, NULL, 0, NULL, 0},
};
