/*
** load.c: from generic BEAM instructions (beamfile_next_op) to the internal
** instructions of instrs.def, decoded once: registers become register
** words, literals and atoms become terms, labels become code addresses,
** imports become Export pointers, string-table offsets become pointers.
** Then the module's exports, funs, function table (for stack traces) and
** line table are set up. Untrusted bytes were checked by beamfile.c; this
** file checks what only it can (operand kinds, BIF imports, ranges).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"

#include "../bif/bif.h"
#include "atom.h"
#include "beamfile.h"
#include "bits.h"
#include "compare.h"
#include "except.h"
#include "instrs.h"
#include "lit.h"
#include "map.h"
#include "plat.h"
#include "strbuf.h"

typedef struct Lazy Lazy;

typedef struct Patch { size_t at; uint32_t label; } Patch;

typedef struct Loader {
    BeamFile bf;
    Instr *w;                 /* code being built */
    size_t n, cap;
    size_t *label_at;         /* offset of each label, or SIZE_MAX */
    Patch *patches;
    size_t npatches, patches_cap;
    size_t *catch_at;         /* operand offsets of catch instructions */
    size_t ncatch, catch_cap;
    struct { size_t at; uint32_t item; } *lines;
    size_t nlines, lines_cap;
    struct { size_t at; term_t name; uint32_t arity; } *funcs;
    size_t nfuncs, funcs_cap;
    Export **imports;
    FunEntry *funs;
    const uint8_t *strings;
    size_t on_load_at;        /* 1 + offset of the on_load function's entry, or 0 */
    uint32_t label_lo, label_hi; /* the labels 'label_at' holds: label_at[l - label_lo] */
    const uint8_t *data;      /* the file's bytes */
    char err[256];
} Loader;

#define GROW(arr, count, capacity)                                                                 \
    do {                                                                                           \
        if ((count) == (capacity)) {                                                               \
            (capacity) = (capacity) ? (capacity)*2 : 64;                                           \
            (arr) = vm_realloc((arr), (capacity) * sizeof *(arr));                                 \
        }                                                                                          \
    } while (0)

static int fail(Loader *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(Loader *L, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int k = snprintf(L->err, sizeof L->err, "%s: Code: ", L->bf.name);
    if (k < 0 || (size_t)k >= sizeof L->err) k = 0;
    vsnprintf(L->err + k, sizeof L->err - (size_t)k, fmt, ap);
    va_end(ap);
    return -1;
}

static void grow_code(Loader *L) { GROW(L->w, L->n, L->cap); }

static inline void emit(Loader *L, Instr word) {
    if (VM_UNLIKELY(L->n == L->cap)) grow_code(L);
    L->w[L->n++] = word;
}

static void emit_op(Loader *L, unsigned op) { emit(L, interp_handler(op)); }

static void emit_label(Loader *L, uint32_t label) {
    GROW(L->patches, L->npatches, L->patches_cap);
    L->patches[L->npatches].at = L->n;
    L->patches[L->npatches].label = label;
    L->npatches++;
    emit(L, 0);
}

static int label_of(Loader *L, const BeamArg *a, uint32_t *label) {
    if (a->kind != BO_F) return fail(L, "expected a label operand");
    if (a->val > L->bf.num_labels) return fail(L, "label %lu out of range", (unsigned long)a->val);
    *label = (uint32_t)a->val;
    return 0;
}

static int op_label(Loader *L, const BeamArg *a) {
    uint32_t l = 0;
    if (label_of(L, a, &l)) return -1;
    emit_label(L, l);
    return 0;
}

static int reg_word(Loader *L, const BeamArg *a, Instr *w) {
    if (a->kind == BO_X) {
        if (a->val >= VM_MAX_X) return fail(L, "x register %lu out of range", (unsigned long)a->val);
        *w = instr_x((uint32_t)a->val);
        return 0;
    }
    if (a->kind == BO_Y) {
        if (a->val >= 65536) return fail(L, "y register %lu out of range", (unsigned long)a->val);
        *w = instr_y((uint32_t)a->val);
        return 0;
    }
    return fail(L, "expected a register operand");
}

/* The term of a constant operand. */
static int const_term(Loader *L, const BeamArg *a, term_t *t) {
    switch (a->kind) {
    case BO_I:
        *t = a->term != 0 && a->term != TERM_NONE ? a->term : make_small((sint_t)a->val);
        return 0;
    case BO_ATOM:
    case BO_LIT: *t = a->term; return 0;
    case BO_U:
        if (a->val > (uint64_t)SMALL_MAX) return fail(L, "operand too large");
        *t = make_small((sint_t)a->val);
        return 0;
    default: return fail(L, "unexpected operand kind %u", a->kind);
    }
}

/* A constant source operand: the address of a literal word holding 't'. */
static Instr const_word(term_t t) {
    term_t *w = lit_alloc(1);
    *w = t;
    return (Instr)w;
}

static int src_word(Loader *L, const BeamArg *a, Instr *w) {
    if (a->kind == BO_X || a->kind == BO_Y) return reg_word(L, a, w);
    term_t t = 0;
    if (const_term(L, a, &t)) return -1;
    *w = const_word(t);
    return 0;
}

static int op_src(Loader *L, const BeamArg *a) {
    Instr w = 0;
    if (src_word(L, a, &w)) return -1;
    emit(L, w);
    return 0;
}

static int op_dst(Loader *L, const BeamArg *a) {
    Instr w = 0;
    if (reg_word(L, a, &w)) return -1;
    emit(L, w);
    return 0;
}

static int uint_of(Loader *L, const BeamArg *a, uint64_t *v) {
    if (a->kind == BO_U || (a->kind == BO_I && (a->term == 0 || term_is_small(a->term)))) {
        *v = a->val;
        return 0;
    }
    if (a->kind == BO_ALLOC) {
        *v = a->val;
        return 0;
    }
    return fail(L, "expected an unsigned operand");
}

static int op_uint(Loader *L, const BeamArg *a) {
    uint64_t v = 0;
    if (uint_of(L, a, &v)) return -1;
    emit(L, (Instr)v);
    return 0;
}

static int import_of(Loader *L, const BeamArg *a, Export **e) {
    if (a->kind != BO_U || a->val >= L->bf.num_imports)
        return fail(L, "import index out of range");
    *e = L->imports[a->val];
    return 0;
}

static term_t bif_undef(Proc *p, term_t *args) {
    VM_UNUSED(args);
    return bif_error(p, EXC_ERROR, ATOM_undef);
}

static int op_bif(Loader *L, const BeamArg *a) {
    Export *e = NULL;
    if (import_of(L, a, &e)) return -1;
    if (!e->bif) e->bif = bif_undef;
    emit(L, (Instr)e);
    return 0;
}

static int freg(Loader *L, const BeamArg *a, Instr *w) {
    if (a->kind != BO_FR || a->val >= VM_MAX_F) return fail(L, "expected a float register");
    *w = (Instr)a->val;
    return 0;
}

/* ---- instruction groups ---- */

static int list_of(Loader *L, const BeamOp *op, const BeamArg *a, size_t multiple) {
    if (a->kind != BO_LIST) return fail(L, "expected a list operand");
    if (op->list_len % multiple) return fail(L, "list length not a multiple of %zu", multiple);
    return 0;
}

static int cmp_pair(const void *a, const void *b) {
    Instr x = ((const Instr *)a)[0], y = ((const Instr *)b)[0];
    return x < y ? -1 : x > y;
}

static int select_op(Loader *L, const BeamOp *op, bool tuple_arity) {
    if (list_of(L, op, &op->args[2], 2)) return -1;
    size_t n = op->list_len / 2;
    bool immediate = true;
    for (size_t i = 0; i < n; i++) {
        const BeamArg *v = &op->list[2 * i];
        if (tuple_arity ? v->kind != BO_U : !(v->kind == BO_ATOM || v->kind == BO_I || v->kind == BO_LIT))
            return fail(L, "bad select value");
        term_t w = 0;
        if (!tuple_arity && const_term(L, v, &w)) return -1;
        if (!tuple_arity && !term_is_immed(w)) immediate = false;
    }
    unsigned kind = tuple_arity ? I_select_tuple_arity
                                : (immediate && n > 8 ? I_select_val_bin : I_select_val);
    emit_op(L, kind);
    if (op_src(L, &op->args[0]) || op_label(L, &op->args[1])) return -1;
    emit(L, (Instr)n);
    size_t base = L->n;
    for (size_t i = 0; i < n; i++) {
        term_t w = 0;
        if (tuple_arity) w = (term_t)op->list[2 * i].val;
        else if (const_term(L, &op->list[2 * i], &w)) return -1;
        emit(L, (Instr)w);
        emit(L, 0); /* placeholder; the label is recorded after sorting */
    }
    if (kind != I_select_val) {
        /* sort (value, label-number) pairs, then record the label patches */
        Instr *tmp = vm_alloc(2 * n * sizeof *tmp);
        for (size_t i = 0; i < n; i++) {
            uint32_t l = 0;
            if (label_of(L, &op->list[2 * i + 1], &l)) {
                vm_free(tmp);
                return -1;
            }
            tmp[2 * i] = L->w[base + 2 * i];
            tmp[2 * i + 1] = l;
        }
        qsort(tmp, n, 2 * sizeof *tmp, cmp_pair);
        for (size_t i = 0; i < n; i++) {
            L->w[base + 2 * i] = tmp[2 * i];
            GROW(L->patches, L->npatches, L->patches_cap);
            L->patches[L->npatches].at = base + 2 * i + 1;
            L->patches[L->npatches].label = (uint32_t)tmp[2 * i + 1];
            L->npatches++;
        }
        vm_free(tmp);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t l = 0;
        if (label_of(L, &op->list[2 * i + 1], &l)) return -1;
        GROW(L->patches, L->npatches, L->patches_cap);
        L->patches[L->npatches].at = base + 2 * i + 1;
        L->patches[L->npatches].label = l;
        L->npatches++;
    }
    return 0;
}

static uint32_t seg_type(term_t a) {
    static const char *const names[] = {"integer", "float", "binary", "string", "utf8",
                                        "utf16", "utf32", "append", "private_append"};
    size_t n;
    const char *s = atom_name(a, &n);
    for (uint32_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0) return i;
    return UINT32_MAX;
}

static uint32_t seg_flags(term_t l) {
    uint32_t f = 0;
    for (; term_is_list(l); l = list_tail(l)) {
        term_t a = list_head(l);
        if (a == ATOM_little) f |= BITS_F_LITTLE;
        else if (a == ATOM_signed) f |= BITS_F_SIGNED;
        else if (a == ATOM_native) f |= BITS_F_NATIVE;
    }
    return f;
}

static int bs_create_bin(Loader *L, const BeamOp *op) {
    const BeamArg *list = &op->args[5];
    if (list_of(L, op, list, 6)) return -1;
    size_t n = op->list_len / 6;
    emit_op(L, I_bs_create_bin);
    if (op_label(L, &op->args[0]) || op_dst(L, &op->args[4])) return -1;
    emit(L, (Instr)n);
    for (size_t i = 0; i < n; i++) {
        const BeamArg *s = &op->list[6 * i];
        if (s[0].kind != BO_ATOM || !term_is_atom(s[0].term)) return fail(L, "bad segment type");
        uint32_t type = seg_type(s[0].term);
        if (type == UINT32_MAX) return fail(L, "unknown segment type");
        uint64_t unit = 0;
        if (uint_of(L, &s[2], &unit)) return -1;
        uint32_t flags = s[3].kind == BO_LIT ? seg_flags(s[3].term) : 0;
        emit(L, type);
        emit(L, (Instr)unit);
        emit(L, flags);
        if (type == BITS_STRING) {
            uint64_t off = 0, len = 0;
            if (uint_of(L, &s[4], &off) || uint_of(L, &s[5], &len)) return -1;
            if (off > L->bf.strings_size || len > L->bf.strings_size - off)
                return fail(L, "string segment outside the string table");
            emit(L, const_word(TERM_NIL));
            emit(L, const_word(make_small((sint_t)len)));
            emit(L, (Instr)(L->strings + off));
        } else {
            if (op_src(L, &s[4])) return -1;
            if (s[5].kind == BO_ATOM && s[5].term == ATOM_undefined) emit(L, const_word(TERM_NIL));
            else if (op_src(L, &s[5])) return -1;
            emit(L, 0);
        }
    }
    return 0;
}

/* A map built from nothing with constant keys (#{a => X, b => Y}, which
   the compiler writes as put_map_assoc on the literal #{}): its keys tuple,
   sorted as a flat map keeps them, is made once here, and the instruction
   only fills in the values, in that order. Returns 1 when the operation
   is not of that kind. */
static int new_map_lit(Loader *L, const BeamOp *op) {
    size_t n = op->list_len / 2;
    const BeamArg *src = &op->args[1];
    if (n == 0 || n > MAP_FLAT_MAX || src->kind != BO_LIT || !term_is_map(src->term) ||
        map_size(src->term) != 0)
        return 1;
    term_t keys[MAP_FLAT_MAX];
    size_t order[MAP_FLAT_MAX];
    for (size_t i = 0; i < n; i++) {
        const BeamArg *k = &op->list[2 * i];
        if (k->kind == BO_X || k->kind == BO_Y || const_term(L, k, &keys[i])) return 1;
        size_t j = i; /* by insertion: a few keys */
        int c = 1;
        for (; j > 0 && (c = compare_terms_exact(keys[order[j - 1]], keys[i])) > 0; j--)
            order[j] = order[j - 1];
        if (j > 0 && c == 0) return 1;
        order[j] = i;
    }
    term_t *tuple = lit_alloc(n + 1);
    tuple[0] = MAKE_HDR(HDR_TUPLE, n);
    for (size_t i = 0; i < n; i++) tuple[1 + i] = keys[order[i]];
    emit_op(L, I_new_map_lit);
    if (op_dst(L, &op->args[2])) return -1;
    emit(L, (Instr)make_boxed(tuple));
    emit(L, (Instr)n);
    for (size_t i = 0; i < n; i++)
        if (op_src(L, &op->list[2 * order[i] + 1])) return -1;
    return 0;
}

static int map_op(Loader *L, const BeamOp *op, unsigned kind) {
    /* put_map_assoc/exact: Fail Src Dst Live List */
    if (list_of(L, op, &op->args[4], 2)) return -1;
    if (kind == I_put_map_assoc) {
        int r = new_map_lit(L, op);
        if (r <= 0) return r;
    }
    emit_op(L, kind);
    if (op_label(L, &op->args[0]) || op_src(L, &op->args[1]) || op_dst(L, &op->args[2]))
        return -1;
    emit(L, (Instr)(op->list_len / 2));
    for (size_t i = 0; i < op->list_len; i++)
        if (op_src(L, &op->list[i])) return -1;
    return 0;
}

static int make_fun(Loader *L, uint64_t index, const BeamArg *dst, const BeamArg *frees,
                    uint32_t nfree) {
    if (index >= L->bf.num_funs) return fail(L, "fun index out of range");
    FunEntry *fe = &L->funs[index];
    if (frees && nfree != fe->num_free) return fail(L, "fun free-variable count mismatch");
    emit_op(L, I_make_fun);
    emit(L, (Instr)fe);
    if (dst) {
        if (op_dst(L, dst)) return -1;
    } else {
        emit(L, instr_x(0));
    }
    emit(L, fe->num_free);
    for (uint32_t i = 0; i < fe->num_free; i++) {
        if (frees) {
            if (op_src(L, &frees[i])) return -1;
        } else {
            emit(L, instr_x(i));
        }
    }
    return 0;
}

static bool is_fr(const BeamArg *a) { return a->kind == BO_FR; }

/* The instruction of a two-argument BIF that has its own (I_add ..
   I_element), or 0. */
static unsigned bif2_instr(Loader *L, const BeamArg *imp) {
    static const char *const names[] = {"+", "-", "*", "band", "bor", "element"};
    if (imp->kind != BO_U || imp->val >= L->bf.num_imports) return 0;
    const Export *e = L->imports[imp->val];
    if (e->module != ATOM_erlang || e->arity != 2) return 0;
    size_t n;
    const char *s = atom_name(e->function, &n);
    for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0) return I_add + i;
    return 0;
}

/* The tagged small of a constant operand, or 0 if it is not one. */
static term_t small_const(const BeamArg *a) {
    if (a->kind == BO_I && (a->term == 0 || term_is_small(a->term)) && small_fits((sint_t)a->val))
        return make_small((sint_t)a->val);
    return 0;
}

static int bif2_special(Loader *L, unsigned op, const BeamArg *fail, const BeamArg *a,
                        const BeamArg *b, const BeamArg *dst) {
    term_t c = small_const(b);
    if (c && (op == I_add || op == I_sub)) {
        bool x = a->kind != BO_Y;
        emit_op(L, op == I_add ? (x ? I_add_cx : I_add_c) : (x ? I_sub_cx : I_sub_c));
        if (op_label(L, fail) || op_src(L, a)) return -1;
        emit(L, (Instr)c);
        return op_dst(L, dst);
    }
    emit_op(L, op);
    if (op_label(L, fail) || op_src(L, a) || op_src(L, b)) return -1;
    return op_dst(L, dst);
}

/* One generic instruction. */
static int translate(Loader *L, const BeamOp *op) {
    const BeamArg *a = op->args;
    Instr w1 = 0, w2 = 0;
    uint64_t u = 0;
    switch (op->opcode) {
    case 1: /* label */
        if (a[0].kind != BO_U || a[0].val == 0 || a[0].val > L->bf.num_labels)
            return fail(L, "bad label");
        if (a[0].val < L->label_lo || a[0].val > L->label_hi) return fail(L, "label out of place");
        L->label_at[a[0].val - L->label_lo] = L->n;
        return 0;
    case 2: /* func_info */
        if (a[1].kind != BO_ATOM || a[2].kind != BO_U || !term_is_atom(a[1].term))
            return fail(L, "bad func_info");
        GROW(L->funcs, L->nfuncs, L->funcs_cap);
        L->funcs[L->nfuncs].at = L->n;
        L->funcs[L->nfuncs].name = a[1].term;
        L->funcs[L->nfuncs].arity = (uint32_t)a[2].val;
        L->nfuncs++;
        emit_op(L, I_func_info);
        emit(L, L->bf.module);
        emit(L, a[1].term);
        emit(L, (Instr)a[2].val);
        return 0;
    case 3: return 1; /* int_code_end */
    case 4: case 6: /* call, call_only */
        emit_op(L, op->opcode == 4 ? I_call : I_call_only);
        if (op_label(L, &a[1])) return -1;
        return op_uint(L, &a[0]);
    case 5:
        emit_op(L, I_call_last);
        if (op_label(L, &a[1]) || op_uint(L, &a[0])) return -1;
        return op_uint(L, &a[2]);
    case 7: case 78: { /* call_ext, call_ext_only */
        Export *e = NULL;
        if (import_of(L, &a[1], &e)) return -1;
        emit_op(L, op->opcode == 7 ? I_call_ext : I_call_ext_only);
        emit(L, (Instr)e);
        return 0;
    }
    case 8: {
        Export *e = NULL;
        if (import_of(L, &a[1], &e)) return -1;
        emit_op(L, I_call_ext_last);
        emit(L, (Instr)e);
        return op_uint(L, &a[2]);
    }
    case 9:
        emit_op(L, I_bif0);
        if (op_bif(L, &a[0])) return -1;
        return op_dst(L, &a[1]);
    case 10:
        emit_op(L, I_bif1);
        if (op_label(L, &a[0]) || op_bif(L, &a[1]) || op_src(L, &a[2])) return -1;
        return op_dst(L, &a[3]);
    case 11:
        if ((u = bif2_instr(L, &a[1]))) return bif2_special(L, (unsigned)u, &a[0], &a[2], &a[3], &a[4]);
        emit_op(L, I_bif2);
        if (op_label(L, &a[0]) || op_bif(L, &a[1]) || op_src(L, &a[2]) || op_src(L, &a[3]))
            return -1;
        return op_dst(L, &a[4]);
    case 124:
        emit_op(L, I_bif1);
        if (op_label(L, &a[0]) || op_bif(L, &a[2]) || op_src(L, &a[3])) return -1;
        return op_dst(L, &a[4]);
    case 125:
        if ((u = bif2_instr(L, &a[2]))) return bif2_special(L, (unsigned)u, &a[0], &a[3], &a[4], &a[5]);
        emit_op(L, I_bif2);
        if (op_label(L, &a[0]) || op_bif(L, &a[2]) || op_src(L, &a[3]) || op_src(L, &a[4]))
            return -1;
        return op_dst(L, &a[5]);
    case 152:
        emit_op(L, I_bif3);
        if (op_label(L, &a[0]) || op_bif(L, &a[2]) || op_src(L, &a[3]) || op_src(L, &a[4]) ||
            op_src(L, &a[5]))
            return -1;
        return op_dst(L, &a[6]);
    case 12: case 14:
        emit_op(L, I_allocate);
        return op_uint(L, &a[0]);
    case 13: case 15:
        emit_op(L, I_allocate_heap);
        if (op_uint(L, &a[0]) || op_uint(L, &a[1])) return -1;
        return op_uint(L, &a[2]);
    case 16:
        emit_op(L, I_test_heap);
        if (op_uint(L, &a[0])) return -1;
        return op_uint(L, &a[1]);
    case 17:
        emit_op(L, I_init);
        return op_dst(L, &a[0]);
    case 172: /* init_yregs */
        if (list_of(L, op, &a[0], 1)) return -1;
        for (size_t i = 0; i < op->list_len; i++) {
            emit_op(L, I_init);
            if (op_dst(L, &op->list[i])) return -1;
        }
        return 0;
    case 18:
        emit_op(L, I_deallocate);
        return op_uint(L, &a[0]);
    case 19: emit_op(L, I_return); return 0;
    case 20: emit_op(L, I_send); return 0;
    case 21: emit_op(L, I_remove_message); return 0;
    case 22: emit_op(L, I_timeout); return 0;
    case 23:
        emit_op(L, I_loop_rec);
        if (op_label(L, &a[0])) return -1;
        return op_dst(L, &a[1]);
    case 24: case 25: case 61:
        emit_op(L, op->opcode == 24 ? I_loop_rec_end : op->opcode == 25 ? I_wait : I_jump);
        return op_label(L, &a[0]);
    case 26:
        emit_op(L, I_wait_timeout);
        if (op_label(L, &a[0])) return -1;
        return op_src(L, &a[1]);
    case 39: case 40: case 41: case 42: case 43: case 44:
        if ((op->opcode == 39 || op->opcode == 40) && (w1 = small_const(&a[2]))) {
            bool x = a[1].kind != BO_Y;
            emit_op(L, op->opcode == 39 ? (x ? I_is_lt_cx : I_is_lt_c) : (x ? I_is_ge_cx : I_is_ge_c));
            if (op_label(L, &a[0]) || op_src(L, &a[1])) return -1;
            emit(L, w1);
            return 0;
        }
        emit_op(L, I_is_lt + (op->opcode - 39));
        if (op_label(L, &a[0]) || op_src(L, &a[1])) return -1;
        return op_src(L, &a[2]);
    case 45: case 46: case 47: case 48: case 49: case 50: case 51: case 52: case 53:
    case 55: case 56: case 57: case 77: case 114: case 129: case 156: {
        unsigned k;
        switch (op->opcode) {
        case 45: k = I_is_integer; break;
        case 46: k = I_is_float; break;
        case 47: k = I_is_number; break;
        case 48: k = I_is_atom; break;
        case 49: k = I_is_pid; break;
        case 50: k = I_is_reference; break;
        case 51: k = I_is_port; break;
        case 52: k = I_is_nil; break;
        case 53: k = I_is_binary; break;
        case 55: k = I_is_list; break;
        case 56: k = I_is_nonempty_list; break;
        case 57: k = I_is_tuple; break;
        case 77: k = I_is_function; break;
        case 114: k = I_is_boolean; break;
        case 129: k = I_is_bitstr; break;
        default: k = I_is_map; break;
        }
        emit_op(L, k);
        if (op_label(L, &a[0])) return -1;
        return op_src(L, &a[1]);
    }
    case 115:
        emit_op(L, I_is_function2);
        if (op_label(L, &a[0]) || op_src(L, &a[1])) return -1;
        return op_src(L, &a[2]);
    case 58:
        emit_op(L, I_test_arity);
        if (op_label(L, &a[0]) || op_src(L, &a[1])) return -1;
        return op_uint(L, &a[2]);
    case 159:
        emit_op(L, a[1].kind == BO_X ? I_is_tagged_tuple_x : I_is_tagged_tuple);
        if (op_label(L, &a[0]) || op_src(L, &a[1]) || op_uint(L, &a[2])) return -1;
        if (a[3].kind != BO_ATOM) return fail(L, "is_tagged_tuple: expected an atom");
        emit(L, a[3].term);
        return 0;
    case 59: return select_op(L, op, false);
    case 60: return select_op(L, op, true);
    case 62: case 104: /* catch, try */
        emit_op(L, I_catch);
        if (op_dst(L, &a[0])) return -1;
        GROW(L->catch_at, L->ncatch, L->catch_cap);
        L->catch_at[L->ncatch++] = L->n;
        /* (a function decoded alone has only its own labels to catch at) */
        if (a[1].kind == BO_F && (a[1].val < L->label_lo || a[1].val > L->label_hi))
            return fail(L, "catch label %lu outside its function", (unsigned long)a[1].val);
        return op_label(L, &a[1]);
    case 63: case 105: case 106:
        emit_op(L, op->opcode == 63 ? I_catch_end : op->opcode == 105 ? I_try_end : I_try_case);
        return op_dst(L, &a[0]);
    case 107: case 72: case 74: case 180:
        emit_op(L, op->opcode == 107 ? I_try_case_end
                   : op->opcode == 72 ? I_badmatch
                   : op->opcode == 74 ? I_case_end : I_badrecord);
        return op_src(L, &a[0]);
    case 73: emit_op(L, I_if_end); return 0;
    case 64: {
        bool sy = a[0].kind == BO_Y, dy = a[1].kind == BO_Y;
        emit_op(L, sy && dy ? I_move : sy ? I_move_yx : dy ? I_move_xy : I_move_xx);
        if (op_src(L, &a[0])) return -1;
        return op_dst(L, &a[1]);
    }
    case 169:
        emit_op(L, I_swap);
        if (op_dst(L, &a[0])) return -1;
        return op_dst(L, &a[1]);
    case 65:
        emit_op(L, I_get_list);
        if (op_src(L, &a[0]) || op_dst(L, &a[1])) return -1;
        return op_dst(L, &a[2]);
    case 162: case 163:
        emit_op(L, op->opcode == 162 ? I_get_hd : I_get_tl);
        if (op_src(L, &a[0])) return -1;
        return op_dst(L, &a[1]);
    case 66:
        emit_op(L, a[0].kind == BO_X && a[2].kind == BO_X ? I_get_tuple_element_xx
                                                           : I_get_tuple_element);
        if (op_src(L, &a[0]) || op_uint(L, &a[1])) return -1;
        return op_dst(L, &a[2]);
    case 67:
        emit_op(L, I_set_tuple_element);
        if (op_src(L, &a[0]) || op_src(L, &a[1])) return -1;
        return op_uint(L, &a[2]);
    case 69:
        emit_op(L, I_put_list);
        if (op_src(L, &a[0]) || op_src(L, &a[1])) return -1;
        return op_dst(L, &a[2]);
    case 164:
        if (list_of(L, op, &a[1], 1)) return -1;
        emit_op(L, I_put_tuple2);
        if (op_dst(L, &a[0])) return -1;
        emit(L, op->list_len);
        for (size_t i = 0; i < op->list_len; i++)
            if (op_src(L, &op->list[i])) return -1;
        return 0;
    case 75:
        emit_op(L, I_call_fun);
        return op_uint(L, &a[0]);
    case 178:
        emit_op(L, I_call_fun2);
        if (op_uint(L, &a[1])) return -1;
        return op_src(L, &a[2]);
    case 103:
        if (uint_of(L, &a[0], &u)) return -1;
        return make_fun(L, u, NULL, NULL, 0);
    case 171:
        if (uint_of(L, &a[0], &u) || list_of(L, op, &a[2], 1)) return -1;
        return make_fun(L, u, &a[1], op->list, op->list_len);
    case 108:
        emit_op(L, I_raise);
        if (op_src(L, &a[0])) return -1;
        return op_src(L, &a[1]);
    case 160: emit_op(L, I_build_stacktrace); return 0;
    case 161: emit_op(L, I_raw_raise); return 0;
    case 112:
        emit_op(L, I_apply);
        return op_uint(L, &a[0]);
    case 113:
        emit_op(L, I_apply_last);
        if (op_uint(L, &a[0])) return -1;
        return op_uint(L, &a[1]);
    case 149: /* on_load: where the function to run after loading starts */
        L->on_load_at = L->n + 1;
        return 0;
    case 94: case 95: case 150: case 151: case 179:
        return 0; /* fclearerror, fcheckerror, recv_mark/set, nif_start */
    case 173:
        emit_op(L, I_recv_marker_bind);
        if (op_src(L, &a[0])) return -1;
        return op_src(L, &a[1]);
    case 174: case 176:
        emit_op(L, op->opcode == 174 ? I_recv_marker_clear : I_recv_marker_use);
        return op_src(L, &a[0]);
    case 153: /* line */
        if (a[0].kind != BO_U) return fail(L, "bad line operand");
        if (a[0].val == 0 || a[0].val > L->bf.num_line_items) return 0;
        GROW(L->lines, L->nlines, L->lines_cap);
        L->lines[L->nlines].at = L->n;
        L->lines[L->nlines].item = (uint32_t)a[0].val;
        L->nlines++;
        return 0;
    case 175:
        emit_op(L, I_recv_marker_reserve);
        return op_dst(L, &a[0]);
    case 96: /* fmove */
        if (is_fr(&a[0]) && is_fr(&a[1])) {
            emit_op(L, I_fmove_fr);
            if (freg(L, &a[0], &w1) || freg(L, &a[1], &w2)) return -1;
            emit(L, w1);
            emit(L, w2);
            return 0;
        }
        if (is_fr(&a[0])) {
            emit_op(L, I_fmove_out);
            if (freg(L, &a[0], &w1)) return -1;
            emit(L, w1);
            return op_dst(L, &a[1]);
        }
        emit_op(L, I_fmove_in);
        if (op_src(L, &a[0]) || freg(L, &a[1], &w2)) return -1;
        emit(L, w2);
        return 0;
    case 97:
        emit_op(L, I_fconv);
        if (op_src(L, &a[0]) || freg(L, &a[1], &w2)) return -1;
        emit(L, w2);
        return 0;
    case 98: case 99: case 100: case 101: {
        Instr w3 = 0;
        emit_op(L, I_fadd + (op->opcode - 98));
        if (freg(L, &a[1], &w1) || freg(L, &a[2], &w2) || freg(L, &a[3], &w3)) return -1;
        emit(L, w1);
        emit(L, w2);
        emit(L, w3);
        return 0;
    }
    case 102:
        emit_op(L, I_fnegate);
        if (freg(L, &a[1], &w1) || freg(L, &a[2], &w2)) return -1;
        emit(L, w1);
        emit(L, w2);
        return 0;
    case 154: return map_op(L, op, I_put_map_assoc);
    case 155: return map_op(L, op, I_put_map_exact);
    case 157:
        if (list_of(L, op, &a[2], 1)) return -1;
        emit_op(L, I_has_map_fields);
        if (op_label(L, &a[0]) || op_src(L, &a[1])) return -1;
        emit(L, op->list_len);
        for (size_t i = 0; i < op->list_len; i++)
            if (op_src(L, &op->list[i])) return -1;
        return 0;
    case 158:
        if (list_of(L, op, &a[2], 2)) return -1;
        emit_op(L, I_get_map_elements);
        if (op_label(L, &a[0]) || op_src(L, &a[1])) return -1;
        emit(L, op->list_len / 2);
        for (size_t i = 0; i < op->list_len; i += 2)
            if (op_src(L, &op->list[i]) || op_dst(L, &op->list[i + 1])) return -1;
        return 0;
    case 136:
        emit_op(L, I_trim);
        return op_uint(L, &a[0]);
    /* ---- bit syntax ---- */
    case 166: /* bs_start_match3 Fail Bin Live Dst */
        emit_op(L, I_bs_start_match);
        if (op_label(L, &a[0]) || op_src(L, &a[1])) return -1;
        return op_dst(L, &a[3]);
    case 170: /* bs_start_match4 Fail Live Src Dst */
        emit_op(L, I_bs_start_match);
        if (a[0].kind == BO_F) {
            if (op_label(L, &a[0])) return -1;
        } else {
            emit(L, 0);
        }
        if (op_src(L, &a[2])) return -1;
        return op_dst(L, &a[3]);
    case 117: case 118: case 119: /* Fail Ctx Live Size Unit Flags Dst */
        emit_op(L, op->opcode == 117 ? I_bs_get_integer
                   : op->opcode == 118 ? I_bs_get_float : I_bs_get_binary);
        if (op_label(L, &a[0]) || op_src(L, &a[1]) || op_src(L, &a[3]) || op_uint(L, &a[4]) ||
            op_uint(L, &a[5]))
            return -1;
        return op_dst(L, &a[6]);
    case 120: /* bs_skip_bits2 Fail Ctx Size Unit Flags */
        emit_op(L, I_bs_skip_bits);
        if (op_label(L, &a[0]) || op_src(L, &a[1]) || op_src(L, &a[2]) || op_uint(L, &a[3]))
            return -1;
        return op_uint(L, &a[4]);
    case 121: case 131: /* bs_test_tail2, bs_test_unit */
        emit_op(L, op->opcode == 121 ? I_bs_test_tail : I_bs_test_unit);
        if (op_label(L, &a[0]) || op_src(L, &a[1])) return -1;
        return op_uint(L, &a[2]);
    case 132: { /* bs_match_string Fail Ctx Bits Offset */
        uint64_t bits = 0, off = 0;
        emit_op(L, I_bs_match_string);
        if (op_label(L, &a[0]) || op_src(L, &a[1]) || uint_of(L, &a[2], &bits) ||
            uint_of(L, &a[3], &off))
            return -1;
        if (off > L->bf.strings_size || (bits + 7) / 8 > L->bf.strings_size - off)
            return fail(L, "bs_match_string outside the string table");
        emit(L, (Instr)bits);
        emit(L, (Instr)(L->strings + off));
        return 0;
    }
    case 138: case 140: case 142: /* bs_get_utfN Fail Ctx Live Flags Dst */
        emit_op(L, op->opcode == 138 ? I_bs_get_utf8
                   : op->opcode == 140 ? I_bs_get_utf16 : I_bs_get_utf32);
        if (op_label(L, &a[0]) || op_src(L, &a[1]) || op_uint(L, &a[3])) return -1;
        return op_dst(L, &a[4]);
    case 139: case 141: case 143: /* bs_skip_utfN Fail Ctx Live Flags */
        emit_op(L, op->opcode == 139 ? I_bs_skip_utf8
                   : op->opcode == 141 ? I_bs_skip_utf16 : I_bs_skip_utf32);
        if (op_label(L, &a[0]) || op_src(L, &a[1])) return -1;
        return op_uint(L, &a[3]);
    case 165: case 167: /* bs_get_tail / bs_get_position Ctx Dst Live */
        emit_op(L, op->opcode == 165 ? I_bs_get_tail : I_bs_get_position);
        if (op_src(L, &a[0])) return -1;
        return op_dst(L, &a[1]);
    case 168:
        emit_op(L, I_bs_set_position);
        if (op_src(L, &a[0])) return -1;
        return op_src(L, &a[1]);
    case 177: return bs_create_bin(L, op);
    case 133: emit_op(L, I_bs_init_writable); return 0;
    case 130: return 0; /* bs_context_to_binary: contexts are never visible */
    default: {
        uint32_t ar = 0;
        const char *name = beamfile_opname(op->opcode, &ar);
        return fail(L, "opcode %s/%u is not supported", name ? name : "?", ar);
    }
    }
}

static int resolve(Loader *L, Module *mod) {
    Instr *code = mod->code;
    for (size_t i = 0; i < L->npatches; i++) {
        uint32_t l = L->patches[i].label;
        if (l == 0) {
            code[L->patches[i].at] = 0;
            continue;
        }
        if (L->label_at[l] == SIZE_MAX) return fail(L, "label %u is never defined", l);
        code[L->patches[i].at] = (Instr)(code + L->label_at[l]);
    }
    for (size_t i = 0; i < L->ncatch; i++) {
        size_t at = L->catch_at[i];
        code[at] = except_catch_register((const Instr *)code[at]);
    }
    return 0;
}

static int label_addr(Loader *L, Module *mod, uint32_t label, const Instr **out) {
    if (label == 0 || label > L->bf.num_labels || L->label_at[label] == SIZE_MAX)
        return fail(L, "bad label %u in a table", label);
    *out = mod->code + L->label_at[label];
    return 0;
}

/* The exports of a module, pointed at 'entry[i]' (or at nothing yet). */
static void set_exports(Loader *L, Module *mod, const Instr **entry) {
    BeamFile *bf = &L->bf;
    mod->exports = vm_alloc((bf->num_exports ? bf->num_exports : 1) * sizeof *mod->exports);
    for (uint32_t i = 0; i < bf->num_exports; i++) {
        const BeamExport *x = &bf->exports[i];
        Export *e = code_export(mod->name, bf->atoms[x->function], x->arity);
        /* A function implemented in C wins over its Erlang stub (OTP's
           modules define their BIFs as calls to erlang:nif_error/1). */
        if (!e->bif) e->code = entry[i];
        mod->exports[i] = e;
    }
    mod->num_exports = bf->num_exports;
}

static void take_tables(Loader *L, Module *mod) {
    BeamFile *bf = &L->bf;
    mod->funs = L->funs;
    mod->num_funs = bf->num_funs;
    L->funs = NULL;
    mod->files = bf->files;
    mod->num_files = bf->num_files;
    bf->files = NULL;
    mod->attributes = bf->attributes;
    mod->compile_info = bf->compile_info;
    memcpy(mod->md5, bf->md5, sizeof mod->md5);
}

static int finish(Loader *L, Module *mod) {
    BeamFile *bf = &L->bf;
    /* the loader's array becomes the module's, cut to size (a large block
       shrinks in place) */
    mod->code = L->w ? vm_realloc(L->w, (L->n ? L->n : 1) * sizeof(Instr)) : vm_alloc(sizeof(Instr));
    L->w = NULL;
    L->cap = 0;
    mod->code_words = L->n;
    for (uint32_t i = 0; i < bf->num_funs; i++)
        if (label_addr(L, mod, bf->funs[i].label, &L->funs[i].code)) return -1;
    if (resolve(L, mod)) return -1;
    take_tables(L, mod);
    /* each function's share of the code (in the order of the file) */
    mod->funcs = vm_zalloc((L->nfuncs ? L->nfuncs : 1) * sizeof *mod->funcs);
    for (size_t i = 0; i < L->nfuncs; i++) {
        struct FuncInfo *fi = &mod->funcs[i];
        size_t end = i + 1 < L->nfuncs ? L->funcs[i + 1].at : L->n;
        fi->start = mod->code + L->funcs[i].at;
        fi->words = (uint32_t)(end - L->funcs[i].at);
        /* as a decoded function's stub: a jump past its func_info */
        fi->stub[0] = interp_handler(I_jump);
        fi->stub[1] = (Instr)(fi->start + 4);
        fi->name = atom_index(L->funcs[i].name);
        fi->arity = L->funcs[i].arity;
    }
    mod->num_funcs = (uint32_t)L->nfuncs;
    mod->lines = vm_alloc((L->nlines ? L->nlines : 1) * sizeof *mod->lines);
    for (size_t i = 0; i < L->nlines; i++) {
        mod->lines[i].at = mod->code + L->lines[i].at;
        mod->lines[i].ref.file = bf->line_items[L->lines[i].item].file;
        mod->lines[i].ref.line = bf->line_items[L->lines[i].item].line;
    }
    mod->num_lines = (uint32_t)L->nlines;
    /* the on_load instruction opens the function -on_load names */
    mod->on_load = L->on_load_at ? mod->code + L->on_load_at - 1 : NULL;
    const Instr **entry = vm_alloc((bf->num_exports ? bf->num_exports : 1) * sizeof *entry);
    for (uint32_t i = 0; i < bf->num_exports; i++) {
        if (label_addr(L, mod, bf->exports[i].label, &entry[i])) {
            vm_free(entry);
            return -1;
        }
    }
    set_exports(L, mod, entry);
    vm_free(entry);
    code_add_range(mod->code, mod->code_words, mod, UINT32_MAX);
    return 0;
}

static void loader_free(Loader *L) {
    vm_free(L->w);
    vm_free(L->label_at);
    vm_free(L->patches);
    vm_free(L->catch_at);
    vm_free(L->lines);
    vm_free(L->funcs);
    vm_free(L->imports);
    vm_free(L->funs);
    beamfile_free(&L->bf);
}

/* ---- decoding a function at its first call ----

   A module of the program image or bundle (bytes that stay) is scanned
   when it loads: each function's instructions, labels and entry are
   found, and calls to it go to its stub until its first call decodes it.
   So only the code that runs is decoded, and a snapshot holds only the
   code its run used. This needs the layout every compiler writes: each
   function is "label, func_info, label (its entry)" and its code up to
   the next, labels only rise, other functions are entered only at their
   entry, and on_load (if any) opens a function. A module laid out
   otherwise is decoded whole at load. */

/* A function's instructions are the Code chunk's bytes from its 'pos' to
   the next one's (or the end), its labels from its 'lo' to the next one's
   less one (or the last). */
typedef struct LazyFn {
    uint32_t pos, lo;
    uint32_t entry;          /* the label it is entered at */
    uint32_t sites;          /* 1 + the first code word waiting for its entry, or 0 */
    uint32_t export_ix;      /* 1 + its export, or 0 */
} LazyFn;

struct Lazy {
    BeamFile bf;             /* the tables the instructions refer to */
    char *name;              /* the file, for messages */
    Export **imports;
    const uint8_t *strings;
    uint8_t *owned;          /* the bytes 'bf' reads, when they are the loader's to free */
    LazyFn *fn;
    uint32_t end, last;      /* where the last function ends; its last label */
    uint32_t code_off;       /* where the Code chunk's instructions are in the file */
    Instr **site_at;         /* words that hold a stub's address, */
    uint32_t *site_next;     /* each linked to the next that waits for the same */
    uint32_t nsites, sites_cap;
    uint32_t left;           /* functions not decoded yet */
};

static uint32_t fn_end(const Module *mod, uint32_t f) {
    return f + 1 < mod->num_funcs ? mod->lazy->fn[f + 1].pos : mod->lazy->end;
}

static uint32_t fn_hi(const Module *mod, uint32_t f) {
    return f + 1 < mod->num_funcs ? mod->lazy->fn[f + 1].lo - 1 : mod->lazy->last;
}

/* The function holding label 'l', or UINT32_MAX. */
static uint32_t label_fn(const Module *mod, uint32_t l) {
    const LazyFn *fn = mod->lazy->fn;
    uint32_t lo = 0, hi = mod->num_funcs;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (fn[mid].lo <= l) lo = mid + 1;
        else hi = mid;
    }
    return lo > 0 && l <= fn_hi(mod, lo - 1) ? lo - 1 : UINT32_MAX;
}

static void lazy_free(Module *mod) {
    Lazy *z = mod->lazy;
    beamfile_free(&z->bf);
    vm_free(z->name);
    vm_free(z->imports);
    vm_free(z->owned);
    vm_free(z->fn);
    vm_free(z->site_at);
    vm_free(z->site_next);
    vm_free(z);
    mod->lazy = NULL;
}

/* Finds the functions of the module in L->bf (see above). Returns 1 with
   mod->funcs and 'z->fn' filled, 0 if the module must be decoded whole,
   -1 on malformed code. */
static int scan(Loader *L, Module *mod, Lazy *z) {
    BeamFile *bf = &L->bf;
    BeamCodeReader r;
    BeamOp op;
    size_t nf = 0, cap = 0, run = SIZE_MAX; /* run: where the labels and lines before an op began */
    uint32_t run_lo = 0, last = 0, on_load_fn = UINT32_MAX, prev = 0;
    struct FuncInfo *funcs = NULL;
    int rc = 1;
    beamfile_code_begin(&r, bf);
    for (;;) {
        size_t pos = r.pos;
        int k = beamfile_next_op(&r, &op, L->err, sizeof L->err);
        if (k <= 0) {
            rc = k < 0 ? -1 : 0; /* the end without int_code_end: let the loader say so */
            break;
        }
        const BeamArg *a = op.args;
        if (op.opcode == 1) { /* label */
            if (a[0].kind != BO_U || a[0].val <= last || a[0].val > bf->num_labels) {
                rc = 0;
                break;
            }
            last = (uint32_t)a[0].val;
            if (run == SIZE_MAX) run = pos;
            if (!run_lo) run_lo = last;
            if (nf && prev == 2) z->fn[nf - 1].entry = last;
        } else if (op.opcode == 153) { /* line */
            if (run == SIZE_MAX) run = pos;
        } else if (op.opcode == 2) { /* func_info */
            if (!run_lo || a[1].kind != BO_ATOM || a[2].kind != BO_U ||
                !term_is_atom(a[1].term) || (nf && !z->fn[nf - 1].entry)) {
                rc = 0;
                break;
            }
            if (nf == cap) {
                cap = cap ? 2 * cap : 16;
                z->fn = vm_realloc(z->fn, cap * sizeof *z->fn);
                funcs = vm_realloc(funcs, cap * sizeof *funcs);
            }
            z->fn[nf] = (LazyFn){(uint32_t)run, run_lo, 0, 0, 0};
            memset(&funcs[nf], 0, sizeof funcs[nf]);
            funcs[nf].name = atom_index(a[1].term);
            funcs[nf].arity = (uint32_t)a[2].val;
            nf++;
        } else if (op.opcode == 3) { /* int_code_end */
            if (!nf || !z->fn[nf - 1].entry) {
                rc = 0;
                break;
            }
            z->end = (uint32_t)pos;
            z->last = last;
            break;
        } else if (!nf || prev == 2 ||
                   (op.opcode == 149 &&
                    (prev != 1 || on_load_fn != UINT32_MAX || z->fn[nf - 1].entry != last))) {
            rc = 0; /* code before the first function, no entry, or an odd on_load */
            break;
        } else if (op.opcode == 149) {
            on_load_fn = (uint32_t)nf - 1;
        }
        if (op.opcode != 1 && op.opcode != 153) {
            run = SIZE_MAX;
            run_lo = 0;
        }
        prev = op.opcode;
    }
    beamfile_code_end(&r);
    if (rc > 0 && nf < cap) { /* they stay as long as the module: no room to spare */
        funcs = vm_realloc(funcs, nf * sizeof *funcs);
        z->fn = vm_realloc(z->fn, nf * sizeof *z->fn);
    }
    mod->funcs = funcs;
    mod->num_funcs = (uint32_t)nf;
    if (rc <= 0) return rc;
    /* exports and funs enter functions at their entries */
    for (uint32_t i = 0; i < bf->num_exports; i++) {
        uint32_t f = label_fn(mod, bf->exports[i].label);
        if (f == UINT32_MAX || z->fn[f].entry != bf->exports[i].label || z->fn[f].export_ix)
            return 0;
        z->fn[f].export_ix = i + 1;
    }
    for (uint32_t i = 0; i < bf->num_funs; i++) {
        uint32_t f = label_fn(mod, bf->funs[i].label);
        if (f == UINT32_MAX || z->fn[f].entry != bf->funs[i].label) return 0;
    }
    for (size_t i = 0; i < nf; i++) {
        funcs[i].stub[0] = interp_handler(I_lazy);
        funcs[i].stub[1] = (Instr)mod;
    }
    if (on_load_fn != UINT32_MAX) mod->on_load = funcs[on_load_fn].stub;
    return 1;
}

/* Sets up 'mod' for decoding at first calls, or returns 0 (decode it
   whole) or -1. */
static int load_lazy(Loader *L, Module *mod, uint8_t *owned) {
    Lazy *z = vm_zalloc(sizeof *z);
    mod->lazy = z;
    int rc = scan(L, mod, z);
    if (rc <= 0) {
        vm_free(mod->funcs);
        mod->funcs = NULL;
        mod->num_funcs = 0;
        mod->on_load = NULL;
        vm_free(z->fn);
        vm_free(z);
        mod->lazy = NULL;
        return rc;
    }
    take_tables(L, mod);
    const Instr **entry = vm_alloc((L->bf.num_exports ? L->bf.num_exports : 1) * sizeof *entry);
    for (uint32_t i = 0; i < L->bf.num_exports; i++)
        entry[i] = mod->funcs[label_fn(mod, L->bf.exports[i].label)].stub;
    set_exports(L, mod, entry);
    vm_free(entry);
    for (uint32_t i = 0; i < mod->num_funs; i++)
        mod->funs[i].code = mod->funcs[label_fn(mod, L->bf.funs[i].label)].stub;
    /* what decoding needs stays; the rest goes */
    z->bf = L->bf;
    memset(&L->bf, 0, sizeof L->bf);
    vm_free(z->bf.exports);
    vm_free(z->bf.locals);
    z->bf.exports = z->bf.locals = NULL;
    size_t n = strlen(z->bf.name);
    z->name = vm_alloc(n + 1);
    memcpy(z->name, z->bf.name, n + 1);
    z->bf.name = z->name;
    z->imports = L->imports;
    L->imports = NULL;
    z->strings = L->strings;
    z->owned = owned;
    z->code_off = (uint32_t)(z->bf.code - L->data);
    z->left = mod->num_funcs;
    if (!z->left) { /* nothing to decode: the caller frees the bytes */
        z->owned = NULL;
        lazy_free(mod);
    }
    return 1;
}

void load_release(Module *mod) {
    Lazy *z = mod->lazy;
    if (z && z->owned && mod->src_stored) {
        vm_free(z->owned);
        z->owned = NULL;
        z->bf.code = NULL;
    }
}

bool load_decoded(const Module *mod, uint32_t f) {
    return f < mod->num_funcs && mod->funcs[f].start;
}

const Instr *load_function(Module *mod, uint32_t f) {
    struct FuncInfo *fi = &mod->funcs[f];
    if (fi->start) return (const Instr *)fi->stub[1];
    Lazy *z = mod->lazy;
    LazyFn *zf = &z->fn[f];
    if (!z->bf.code) { /* released (load_release): inflated again */
        const uint8_t *data = code_module_src(mod, &z->owned);
        if (!data) {
            vm_say("spore: cannot load %s: its deflated bytes are corrupt\n", z->name);
            return NULL;
        }
        z->bf.code = data + z->code_off;
    }
    Loader L;
    memset(&L, 0, sizeof L);
    L.bf = z->bf;
    L.imports = z->imports;
    L.funs = mod->funs;
    L.strings = z->strings;
    L.label_lo = zf->lo;
    L.label_hi = fn_hi(mod, f);
    L.label_at = vm_alloc((L.label_hi - zf->lo + 1) * sizeof *L.label_at);
    for (uint32_t i = 0; i <= L.label_hi - zf->lo; i++) L.label_at[i] = SIZE_MAX;
    BeamCodeReader r;
    BeamOp op;
    beamfile_code_begin(&r, &z->bf);
    r.pos = zf->pos;
    int rc = 0;
    uint32_t end = fn_end(mod, f);
    while (rc == 0 && r.pos < end) {
        rc = beamfile_next_op(&r, &op, L.err, sizeof L.err);
        if (rc > 0) rc = translate(&L, &op);
        if (rc > 0) rc = fail(&L, "int_code_end inside a function");
    }
    beamfile_code_end(&r);
    Instr *code = NULL;
    const Instr *entry = NULL;
    if (rc == 0 && L.label_at[zf->entry - zf->lo] == SIZE_MAX)
        rc = fail(&L, "label %u is never defined", zf->entry);
    /* every label it names, before its code gets memory that stays */
    for (size_t i = 0; i < L.npatches && rc == 0; i++) {
        uint32_t l = L.patches[i].label, g;
        if (l == 0) continue;
        if (l >= zf->lo && l <= L.label_hi) {
            if (L.label_at[l - zf->lo] == SIZE_MAX) rc = fail(&L, "label %u is never defined", l);
        } else if ((g = label_fn(mod, l)) == UINT32_MAX || z->fn[g].entry != l) {
            rc = fail(&L, "label %u is inside another function", l);
        }
    }
    if (rc == 0) {
        /* the code, then its line table */
        code = vm_perm_alloc((L.n + 2 * L.nlines) * sizeof *code);
        memcpy(code, L.w, L.n * sizeof *code);
        for (size_t i = 0; i < L.npatches; i++) {
            uint32_t l = L.patches[i].label;
            Instr *at = &code[L.patches[i].at];
            if (l == 0) {
                *at = 0;
            } else if (l >= zf->lo && l <= L.label_hi) {
                *at = (Instr)(code + L.label_at[l - zf->lo]);
            } else {
                uint32_t g = label_fn(mod, l);
                if (mod->funcs[g].start) {
                    *at = mod->funcs[g].stub[1];
                } else { /* its stub, until it is decoded */
                    *at = (Instr)mod->funcs[g].stub;
                    if (z->nsites == z->sites_cap) {
                        z->sites_cap = z->sites_cap ? 2 * z->sites_cap : 16;
                        z->site_at = vm_realloc(z->site_at, z->sites_cap * sizeof *z->site_at);
                        z->site_next =
                            vm_realloc(z->site_next, z->sites_cap * sizeof *z->site_next);
                    }
                    z->site_at[z->nsites] = at;
                    z->site_next[z->nsites] = z->fn[g].sites;
                    z->fn[g].sites = ++z->nsites;
                }
            }
        }
    }
    if (rc == 0) {
        for (size_t i = 0; i < L.ncatch; i++) {
            size_t at = L.catch_at[i];
            code[at] = except_catch_register((const Instr *)code[at]);
        }
        struct LineAt *lines = (struct LineAt *)(code + L.n);
        for (size_t i = 0; i < L.nlines; i++) {
            lines[i].at = code + L.lines[i].at;
            lines[i].ref.file = z->bf.line_items[L.lines[i].item].file;
            lines[i].ref.line = z->bf.line_items[L.lines[i].item].line;
        }
        entry = code + L.label_at[zf->entry - zf->lo];
        fi->start = code;
        fi->words = (uint32_t)L.n;
        fi->num_lines = (uint32_t)L.nlines;
        code_add_range(code, L.n, mod, f);
        /* the stub becomes a jump to the entry, and what waited for the
           entry gets it */
        fi->stub[1] = (Instr)entry;
        fi->stub[0] = interp_handler(I_jump);
        for (uint32_t s = zf->sites; s; s = z->site_next[s - 1]) *z->site_at[s - 1] = (Instr)entry;
        zf->sites = 0;
        if (zf->export_ix && !mod->exports[zf->export_ix - 1]->bif)
            mod->exports[zf->export_ix - 1]->code = entry;
        for (uint32_t i = 0; i < mod->num_funs; i++)
            if (mod->funs[i].code == fi->stub) mod->funs[i].code = entry;
    } else {
        vm_say("spore: cannot load %s\n", L.err);
    }
    L.bf = (BeamFile){0};
    L.imports = NULL;
    L.funs = NULL;
    loader_free(&L);
    if (rc == 0 && --z->left == 0) lazy_free(mod);
    return entry;
}

/* Loads the module in L->bf. 'lazy': decode its functions at their first
   calls when it can, keeping 'owned' (the bytes L->bf reads, or NULL) for
   that. */
static int load(Loader *L, Module *mod, term_t expect, bool lazy, uint8_t *owned) {
    BeamFile *bf = &L->bf;
    if (expect != TERM_NONE && bf->module != expect) {
        snprintf(L->err, sizeof L->err, "%s: AtU8: the file defines another module", bf->name);
        return -1;
    }
    mod->name = bf->module;
    L->imports = vm_alloc((bf->num_imports ? bf->num_imports : 1) * sizeof *L->imports);
    for (uint32_t i = 0; i < bf->num_imports; i++) {
        const BeamImport *im = &bf->imports[i];
        L->imports[i] = code_export(bf->atoms[im->module], bf->atoms[im->function], im->arity);
    }
    L->funs = vm_zalloc((bf->num_funs ? bf->num_funs : 1) * sizeof *L->funs);
    for (uint32_t i = 0; i < bf->num_funs; i++) {
        const BeamFun *f = &bf->funs[i];
        FunEntry *fe = &L->funs[i];
        fe->module = mod;
        fe->name = bf->atoms[f->function];
        fe->arity = f->arity;
        fe->num_free = f->num_free;
        fe->index = f->index;
        fe->old_uniq = f->old_uniq;
    }
    uint8_t *strings = (uint8_t *)lit_alloc((bf->strings_size + 7) / 8 + 1);
    if (bf->strings_size) memcpy(strings, bf->strings, bf->strings_size);
    L->strings = strings;
    if (lazy) {
        int rc = load_lazy(L, mod, owned);
        if (rc != 0) return rc < 0 ? -1 : 0;
    }
    L->label_lo = 0;
    L->label_hi = bf->num_labels;
    L->label_at = vm_alloc((bf->num_labels + 1) * sizeof *L->label_at);
    for (uint32_t i = 0; i <= bf->num_labels; i++) L->label_at[i] = SIZE_MAX;

    /* Room for the code at once: a BEAM instruction takes at least two
       bytes (opcode and an operand) and becomes at most a few words, so a
       word per byte seldom grows, where doubling from 64 words copied the
       array ten times for a large module. */
    if (!L->cap && bf->code_size > 64) {
        L->cap = bf->code_size;
        L->w = vm_alloc(L->cap * sizeof *L->w);
    }
    BeamCodeReader r;
    BeamOp op;
    beamfile_code_begin(&r, bf);
    for (;;) {
        int k = beamfile_next_op(&r, &op, L->err, sizeof L->err);
        if (k < 0) {
            beamfile_code_end(&r);
            return -1;
        }
        if (k == 0) break;
        k = translate(L, &op);
        if (k < 0) {
            beamfile_code_end(&r);
            return -1;
        }
        if (k == 1) break;
    }
    beamfile_code_end(&r);
    return finish(L, mod);
}

static Module *load_common(const char *path, const uint8_t *data, size_t len, term_t expect,
                           bool kept, uint8_t *owned) {
    Loader L;
    memset(&L, 0, sizeof L);
    Module *mod = vm_zalloc(sizeof *mod);
    L.data = data;
    int rc = beamfile_read_flags(&L.bf, path, data, len, kept ? BEAMFILE_NO_MD5 | BEAMFILE_NO_ATTRS : 0, L.err,
                                 sizeof L.err);
    if (rc == 0) rc = load(&L, mod, expect, kept, owned);
    if (!mod->lazy || mod->lazy->owned != owned) vm_free(owned);
    loader_free(&L);
    if (kept) {
        mod->src = data;
        mod->src_len = len;
        mod->md5_pending = true;
    }
    if (rc != 0) {
        vm_say("spore: cannot load %s\n", L.err);
        /* what 'finish' may have handed the module before it failed */
        if (mod->lazy) lazy_free(mod);
        vm_free(mod->code);
        vm_free(mod->funs);
        vm_free(mod->funcs);
        vm_free(mod->lines);
        vm_free(mod->exports);
        vm_free(mod->files);
        vm_free(mod);
        return NULL;
    }
    code_register(mod);
    return mod;
}

Module *load_module(const char *path, uint8_t *data, size_t len, term_t expect) {
    return load_common(path, data, len, expect, false, data);
}

Module *load_module_kept(const char *path, const uint8_t *data, size_t len, term_t expect,
                         uint8_t *owned) {
    return load_common(path, data, len, expect, true, owned);
}
