/*
** interp.c: the dispatch loop. It runs pre-decoded instructions (instrs.def,
** made by load.c) for one process until the process runs out of
** reductions, waits in receive, or exits.
**
** State lives in locals while running: 'ip' (the instruction), 'E' (the
** current stack frame), 'cp' (the continuation: where 'return' goes; NULL
** once a frame has saved it), 'x' (the x registers, shared by all
** processes) and 'reds'. The heap pointer stays in the process: BIFs and
** helpers allocate through it. Anything that may collect garbage is called
** with p->E saved first (SAVE_E), since the collector scans the stack.
**
** Dispatch is computed goto ('VM_USE_GOTO', the release build) or a switch
** (the checks build); the handler word of an instruction is a label address
** or an instruction number accordingly. The macros that read operands are
** defined here and #undef'd at the end of the file.
**
** Errors: an instruction that raises sets p->fclass and p->freason and goes
** to 'error', which builds the stack trace, finds the innermost catch on the
** stack and resumes there, or ends the process.
*/
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "atom.h"
#include "except.h"
#include "gc.h"
#include "instrs.h"
#include "interp.h"
#include "load.h"

#include "../bif/bif.h"
#include "../sched/sched.h"
#include "arith.h"
#include "bits.h"
#include "compare.h"
#include "bin.h"
#include "map.h"
#include "plat.h"

#ifndef VM_CHECKS
#define VM_USE_GOTO 1
#endif

const uint8_t instr_words[I__COUNT] = {
#define INSTR(name, words) words,
#include "instrs.def"
#undef INSTR
};

const char *const instr_names[I__COUNT] = {
#define INSTR(name, words) #name,
#include "instrs.def"
#undef INSTR
};

term_t interp_xregs[VM_MAX_X + 8];
static double fregs[VM_MAX_F];
#ifdef VM_USE_GOTO
static const void *const *labels;
#endif
static Instr apply_entry[2], fun_entry_code[2], on_load_resume[1];
static Export *send_export;
/* The exports of the BIFs that have their own instructions, I_add .. I_element. */
static Export *arith_export[I_element - I_add + 1];

Instr interp_handler(unsigned op) {
#ifdef VM_USE_GOTO
    return (Instr)labels[op];
#else
    return (Instr)op;
#endif
}

int interp_opcode(Instr handler) {
#ifdef VM_USE_GOTO
    for (int i = 0; i < I__COUNT; i++)
        if ((Instr)labels[i] == handler) return i;
    return -1;
#else
    return handler < I__COUNT ? (int)handler : -1;
#endif
}

const Instr *interp_apply_entry(void) { return apply_entry; }
const Instr *interp_fun_entry(void) { return fun_entry_code; }

static term_t *halloc(Proc *p, size_t n) {
    term_t *hp = p->htop;
    if (VM_LIKELY(hp + n <= p->hend)) {
        p->htop = hp + n;
        return hp;
    }
    return heap_alloc(p, n);
}

/* Fragments (BIF results, received messages) are merged into the heap by
   the next collection; they force one when they outweigh the heap, so
   that a process that receives without allocating still stays bounded. */
static bool frags_due(const Proc *p) { return p->frag_words > (size_t)(p->hend - p->heap); }

/* max_heap_size: the young and old heaps together, as OTP counts them. */
static bool over_max_heap(const Proc *p) {
    size_t words = (size_t)(p->hend - p->heap);
    if (p->old_heap) words += (size_t)(p->old_hend - p->old_heap);
    return p->max_kill && words > p->max_heap;
}

static void save_x(Proc *p, const term_t *x, uint32_t n) {
    if (n > p->xsave_cap) {
        p->xsave = vm_realloc(p->xsave, n * sizeof(term_t));
        p->xsave_cap = n;
    }
    for (uint32_t i = 0; i < n; i++) p->xsave[i] = x[i];
    p->arity = n;
}

/* Unpacks the proper list 'args' into x0.. ; returns its length or -1. */
static sint_t unpack_args(term_t *x, term_t args) {
    sint_t n = 0;
    while (term_is_list(args)) {
        if (n >= VM_MAX_ARITY) return -1;
        x[n++] = list_head(args);
        args = list_tail(args);
    }
    return args == TERM_NIL ? n : -1;
}

/* The tuple {badarity, {Fun, Args}} or {badfun, F}. */
static term_t fun_error(Proc *p, term_t fun, const term_t *x, uint32_t a, bool badarity) {
    if (!badarity) return heap_tuple2(p, ATOM_badfun, fun);
    return heap_tuple2(p, ATOM_badarity, heap_tuple2(p, fun, heap_list(p, x, a)));
}

static bool select_bin(const Instr *tab, size_t n, term_t v, const Instr **target) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        term_t k = (term_t)tab[2 * mid];
        if (k == v) {
            *target = (const Instr *)tab[2 * mid + 1];
            return true;
        }
        if (k < v) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

/* select_val on a number that is not a small: floats and bignums compare
   by exact value with the table's entries. */
static bool select_slow(const Instr *tab, size_t n, term_t v, const Instr **target) {
    for (size_t i = 0; i < n; i++) {
        if (compare_exact((term_t)tab[2 * i], v)) {
            *target = (const Instr *)tab[2 * i + 1];
            return true;
        }
    }
    return false;
}

/* A caught exception's trace travels as {Class, Trace} (the raw trace)
   until build_stacktrace cooks it, so that a rethrow keeps its class.
   Returns the trace and sets '*cls' (when given) to the class. */
static term_t raw_trace(term_t raw, term_t *cls) {
    if (term_is_tuple(raw) && tuple_arity(raw) == 2 && term_is_atom(tuple_elems(raw)[0]) &&
        except_class_of(tuple_elems(raw)[0])) {
        if (cls) *cls = tuple_elems(raw)[0];
        return tuple_elems(raw)[1];
    }
    return raw;
}

/* True if the operand word 'w' is a constant (not a register). */
static bool is_const(Instr w) {
    return !(w & 1) && ((const term_t *)w < interp_xregs || (const term_t *)w >= interp_xregs + VM_MAX_X);
}

/* True if the code at 'ip' only returns (so a call before it was a tail
   call in all but name, as OTP's loader makes it). */
static bool tail_position(const Instr *ip) {
    if (ip[0] == interp_handler(I_return)) return true;
    return ip[0] == interp_handler(I_deallocate) && ip[2] == interp_handler(I_return);
}

static bool is_boolean(term_t t) { return t == ATOM_true || t == ATOM_false; }

void interp_init(void) {
    interp_run(NULL);
    apply_entry[0] = interp_handler(I_apply_mfa);
    apply_entry[1] = interp_handler(I_normal_exit);
    fun_entry_code[0] = interp_handler(I_call_fun0);
    fun_entry_code[1] = interp_handler(I_normal_exit);
    on_load_resume[0] = interp_handler(I_on_load_resume);
    code_export(ATOM_erlang, ATOM_apply, 3)->kind = EXPORT_APPLY3;
    code_export(ATOM_erlang, ATOM_apply, 2)->kind = EXPORT_APPLY2;
    send_export = code_export(ATOM_erlang, atom_intern("send", 4), 2);
    static const char *const ops[] = {"+", "-", "*", "band", "bor", "element"};
    for (int i = 0; i <= I_element - I_add; i++)
        arith_export[i] = code_export(ATOM_erlang, atom_intern(ops[i], strlen(ops[i])), 2);
}

int interp_run(Proc *p) {
#ifdef VM_USE_GOTO
    static const void *const table[I__COUNT] = {
#define INSTR(name, words) &&L_##name,
#include "instrs.def"
#undef INSTR
    };
    if (!p) {
        labels = table;
        return 0;
    }
#define CASE(name) L_##name:
#define NEXT() goto *(const void *)*ip
#else
    if (!p) return 0;
#define CASE(name) case I_##name:
#define NEXT() goto dispatch
#endif

#define OPW(i) ip[(i) + 1]
#define REGP(w) (((w)&1) ? &E[(w) >> 3] : (term_t *)(w))
#define SRC(w) (*REGP(w))
#define S(i) SRC(OPW(i))
#define D(i) (*REGP(OPW(i)))
#define LBL(i) ((const Instr *)OPW(i))
#define SKIP(n) (ip += (n) + 1)
#define SAVE_E() (p->E = E)
#define FAIL_TO(i)                                                                                 \
    do {                                                                                           \
        ip = LBL(i);                                                                               \
        NEXT();                                                                                    \
    } while (0)
#define RAISE(reason)                                                                              \
    do {                                                                                           \
        p->fclass = EXC_ERROR;                                                                     \
        p->freason = (reason);                                                                     \
        goto error;                                                                                \
    } while (0)
#define TEST(cond, n)                                                                              \
    do {                                                                                           \
        if (cond) SKIP(n);                                                                         \
        else ip = LBL(0);                                                                          \
        NEXT();                                                                                    \
    } while (0)

    term_t *const x = interp_xregs;
    const Instr *ip = p->ip;
    const Instr *cp = p->cp;
    term_t *E = p->E;
    int32_t reds = p->reds;
    for (uint32_t i = 0; i < p->arity; i++) x[i] = p->xsave[i];

    /* state for raising: a failing BIF (or undefined function) and its args */
    const Export *err_mfa = NULL;
    term_t *err_args = NULL;
    bool err_fc = false;

    /* state for calls through an export: see 'call_export' */
    Export *ce = NULL;
    const Instr *ce_ret = NULL;
    uint32_t ce_dealloc = 0;
    int ce_kind = 0; /* 0 call, 1 last, 2 only */
    term_t fn = TERM_NIL;
    uint32_t fn_arity = 0;
    uint32_t yield_arity = 0;
    bool put_exact = false;

#ifdef VM_USE_GOTO
    NEXT();
#else
dispatch:
    switch ((unsigned)*ip) {
#endif

    CASE(func_info) {
        err_fc = true;
        err_args = x;
        RAISE(ATOM_function_clause);
    }

    CASE(call) {
        cp = ip + 3;
        yield_arity = (uint32_t)OPW(1);
        ip = LBL(0);
        if (VM_UNLIKELY(--reds <= 0)) goto yield;
        NEXT();
    }
    CASE(call_last) {
        cp = (const Instr *)(uintptr_t)E[0];
        E += OPW(2) + 1;
        yield_arity = (uint32_t)OPW(1);
        ip = LBL(0);
        if (VM_UNLIKELY(--reds <= 0)) goto yield;
        NEXT();
    }
    CASE(call_only) {
        yield_arity = (uint32_t)OPW(1);
        ip = LBL(0);
        if (VM_UNLIKELY(--reds <= 0)) goto yield;
        NEXT();
    }
    CASE(call_ext) {
        ce = (Export *)OPW(0);
        ce_ret = ip + 2;
        ce_kind = 0;
        goto call_export;
    }
    CASE(call_ext_last) {
        ce = (Export *)OPW(0);
        ce_dealloc = (uint32_t)OPW(1);
        ce_kind = 1;
        goto call_export;
    }
    CASE(call_ext_only) {
        ce = (Export *)OPW(0);
        ce_kind = 2;
        goto call_export;
    }

    CASE(bif0) {
        Export *e = (Export *)OPW(0);
        term_t r = e->bif(p, x);
        if (VM_UNLIKELY(r == TERM_NONE)) {
            err_mfa = e;
            err_args = x;
            goto error;
        }
        D(1) = r;
        SKIP(2);
        NEXT();
    }
    CASE(bif1) {
        Export *e = (Export *)OPW(1);
        term_t a[1] = {S(2)};
        term_t r = e->bif(p, a);
        if (VM_UNLIKELY(r == TERM_NONE)) {
            if (OPW(0)) FAIL_TO(0);
            err_mfa = e;
            err_args = x;
            x[0] = a[0];
            goto error;
        }
        D(3) = r;
        SKIP(4);
        NEXT();
    }
    CASE(bif2) {
        Export *e = (Export *)OPW(1);
        term_t a[2] = {S(2), S(3)};
        term_t r = e->bif(p, a);
        if (VM_UNLIKELY(r == TERM_NONE)) {
            if (OPW(0)) FAIL_TO(0);
            err_mfa = e;
            err_args = x;
            x[0] = a[0], x[1] = a[1];
            goto error;
        }
        D(4) = r;
        SKIP(5);
        NEXT();
    }
    CASE(bif3) {
        Export *e = (Export *)OPW(1);
        term_t a[3] = {S(2), S(3), S(4)};
        term_t r = e->bif(p, a);
        if (VM_UNLIKELY(r == TERM_NONE)) {
            if (OPW(0)) FAIL_TO(0);
            err_mfa = e;
            err_args = x;
            x[0] = a[0], x[1] = a[1], x[2] = a[2];
            goto error;
        }
        D(5) = r;
        SKIP(6);
        NEXT();
    }

    /* Arithmetic BIFs with the common case inline: both operands small.
       A tagged small is v << 4 | 15, so the sum of two tagged values minus
       the tag is the tagged sum, and overflow shows in the 64-bit add. */
#define ARITH2(name, fast, slow)                                                                   \
    CASE(name) {                                                                                   \
        term_t a = S(1), b = S(2), r;                                                              \
        if (VM_LIKELY(term_is_small(a) && term_is_small(b))) {                                     \
            fast;                                                                                  \
        }                                                                                          \
        r = slow(p, a, b);                                                                         \
        if (VM_UNLIKELY(r == TERM_NONE)) {                                                         \
            if (OPW(0)) FAIL_TO(0);                                                                \
            if (!is_const(OPW(1)) && !is_const(OPW(2)))                                            \
                err_mfa = arith_export[I_##name - I_add];                                          \
            err_args = x;                                                                          \
            x[0] = a, x[1] = b;                                                                    \
            goto error;                                                                            \
        }                                                                                          \
        D(3) = r;                                                                                  \
        SKIP(4);                                                                                   \
        NEXT();                                                                                    \
    }
    ARITH2(add, {
        sint_t v;
        if (!__builtin_add_overflow((sint_t)a, (sint_t)(b - IMM1_SMALL), &v)) {
            D(3) = (term_t)v;
            SKIP(4);
            NEXT();
        }
    }, arith_add)
    ARITH2(sub, {
        sint_t v;
        if (!__builtin_sub_overflow((sint_t)a, (sint_t)(b - IMM1_SMALL), &v)) {
            D(3) = (term_t)v;
            SKIP(4);
            NEXT();
        }
    }, arith_sub)
    ARITH2(mul, {
        sint_t v;
        if (!__builtin_mul_overflow(small_val(a), small_val(b), &v) && small_fits(v)) {
            D(3) = make_small(v);
            SKIP(4);
            NEXT();
        }
    }, arith_mul)
    ARITH2(band, {
        D(3) = a & b;
        SKIP(4);
        NEXT();
    }, arith_band)
    ARITH2(bor, {
        D(3) = a | b;
        SKIP(4);
        NEXT();
    }, arith_bor)
#undef ARITH2
    /* The same with a small constant as the second operand, stored as the
       tagged term itself: no operand decoding, no tag test on it. */
#define ARITH_C(name, op, slow, SRC1)                                                              \
    CASE(name) {                                                                                   \
        term_t a = SRC1, c = (term_t)OPW(2), r;                                                    \
        sint_t v;                                                                                  \
        if (VM_LIKELY(term_is_small(a)) &&                                                         \
            !__builtin_##op##_overflow((sint_t)a, (sint_t)(c - IMM1_SMALL), &v)) {                  \
            D(3) = (term_t)v;                                                                      \
            SKIP(4);                                                                               \
            NEXT();                                                                                \
        }                                                                                          \
        r = slow(p, a, c);                                                                         \
        if (VM_UNLIKELY(r == TERM_NONE)) {                                                         \
            if (OPW(0)) FAIL_TO(0);                                                                \
            goto error;                                                                            \
        }                                                                                          \
        D(3) = r;                                                                                  \
        SKIP(4);                                                                                   \
        NEXT();                                                                                    \
    }
    ARITH_C(add_c, add, arith_add, S(1))
    ARITH_C(sub_c, sub, arith_sub, S(1))
    ARITH_C(add_cx, add, arith_add, *(const term_t *)OPW(1))
    ARITH_C(sub_cx, sub, arith_sub, *(const term_t *)OPW(1))
#undef ARITH_C
    CASE(element) {
        term_t i = S(1), t = S(2);
        if (VM_LIKELY(term_is_small(i) && term_is_tuple(t))) {
            sint_t k = small_val(i);
            if (k >= 1 && (size_t)k <= tuple_arity(t)) {
                D(3) = tuple_elems(t)[k - 1];
                SKIP(4);
                NEXT();
            }
        }
        if (OPW(0)) FAIL_TO(0);
        p->fclass = EXC_ERROR;
        p->freason = ATOM_badarg;
        err_mfa = arith_export[I_element - I_add];
        err_args = x;
        x[0] = i, x[1] = t;
        goto error;
    }

    CASE(allocate) {
        size_t n = OPW(0);
        if (VM_UNLIKELY(E - n - 1 < p->stack_lo)) {
            SAVE_E();
            proc_stack_reserve(p, n + 1);
            E = p->E;
        }
        E -= n + 1;
        E[0] = (term_t)(uintptr_t)cp;
        switch (n) { /* most frames are small: no loop for them */
        case 3: E[3] = TERM_NIL; /* fall through */
        case 2: E[2] = TERM_NIL; /* fall through */
        case 1: E[1] = TERM_NIL; /* fall through */
        case 0: break;
        default:
            for (size_t i = 1; i <= n; i++) E[i] = TERM_NIL;
        }
        cp = NULL;
        SKIP(1);
        NEXT();
    }
    CASE(allocate_heap) {
        size_t n = OPW(0);
        if (VM_UNLIKELY(E - n - 1 < p->stack_lo)) {
            SAVE_E();
            proc_stack_reserve(p, n + 1);
            E = p->E;
        }
        E -= n + 1;
        E[0] = (term_t)(uintptr_t)cp;
        for (size_t i = 1; i <= n; i++) E[i] = TERM_NIL;
        cp = NULL;
        if ((size_t)(p->hend - p->htop) < OPW(1) || frags_due(p)) {
            SAVE_E();
            gc_collect(p, OPW(1), x, (unsigned)OPW(2));
            if (VM_UNLIKELY(p->max_heap) && over_max_heap(p)) goto max_heap;
        }
        SKIP(3);
        NEXT();
    }
    CASE(test_heap) {
        if ((size_t)(p->hend - p->htop) < OPW(0) || frags_due(p)) {
            SAVE_E();
            gc_collect(p, OPW(0), x, (unsigned)OPW(1));
            if (VM_UNLIKELY(p->max_heap) && over_max_heap(p)) goto max_heap;
        }
        SKIP(2);
        NEXT();
    }
    CASE(init) {
        D(0) = TERM_NIL;
        SKIP(1);
        NEXT();
    }
    CASE(deallocate) {
        cp = (const Instr *)(uintptr_t)E[0];
        E += OPW(0) + 1;
        SKIP(1);
        NEXT();
    }
    CASE(return) {
        ip = cp;
        cp = NULL;
        NEXT();
    }
    CASE(trim) {
        size_t n = OPW(0);
        E[n] = E[0];
        E += n;
        SKIP(1);
        NEXT();
    }

    /* ---- messages ---- */
    CASE(send) {
        term_t r = send_export->bif(p, x);
        if (VM_UNLIKELY(r == TERM_NONE)) {
            err_mfa = send_export;
            err_args = x;
            goto error;
        }
        x[0] = r;
        SKIP(0);
        if (VM_UNLIKELY(--reds <= 0)) {
            yield_arity = 1;
            goto yield;
        }
        NEXT();
    }
    CASE(loop_rec) {
        Msg *m = mbox_peek(p);
        if (!m) FAIL_TO(0);
        D(1) = m->term;
        SKIP(2);
        NEXT();
    }
    CASE(loop_rec_end) {
        mbox_next(p);
        ip = LBL(0);
        NEXT();
    }
    CASE(remove_message) {
        mbox_remove(p);
        p->timed_out = false;
        SKIP(0);
        NEXT();
    }
    CASE(timeout) {
        p->timed_out = false;
        mbox_rewind(p);
        SKIP(0);
        NEXT();
    }
    CASE(wait) {
        p->ip = LBL(0);
        goto suspend;
    }
    CASE(wait_timeout) {
        if (p->timed_out) {
            SKIP(2);
            NEXT();
        }
        if (!p->timer_deadline) {
            term_t t = S(1);
            if (t != ATOM_infinity) {
                if (!term_is_integer(t) || (term_is_small(t) ? small_val(t) < 0 : HDR_SUBTAG(boxed_hdr(t)) == HDR_NEG_BIG))
                    RAISE(ATOM_timeout_value);
                if (t == make_small(0)) {
                    SKIP(2);
                    NEXT();
                }
                uint64_t ms = term_is_small(t) ? (uint64_t)small_val(t) : UINT64_MAX / 2000000;
                timer_start(p, plat_clock_monotonic() + ms * 1000000u);
            }
        }
        p->ip = LBL(0);
        goto suspend;
    }

    /* Receive markers (OTP 25): a reference made after the marker cannot be
       in any message queued before it, so a receive that matches on the
       reference starts at the marker instead of the head of the queue.
       After recv_marker_bind the compiler names the marker by the
       reference. One marker per process is enough for its pattern. */
    CASE(recv_marker_reserve) {
        p->rm_pos = p->mq_last;
        p->rm_ref = 0;
        D(0) = make_small(0);
        SKIP(1);
        NEXT();
    }
    CASE(recv_marker_bind) {
        term_t r = S(1);
        if (p->rm_pos && term_is_ref(r)) p->rm_ref = ref_number(r);
        SKIP(2);
        NEXT();
    }
    CASE(recv_marker_use) {
        term_t r = S(0);
        if (p->rm_pos && p->rm_ref && term_is_ref(r) && ref_number(r) == p->rm_ref)
            p->mq_save = p->rm_pos;
        SKIP(1);
        NEXT();
    }
    CASE(recv_marker_clear) {
        term_t r = S(0);
        if (p->rm_ref && term_is_ref(r) && ref_number(r) == p->rm_ref) {
            p->rm_pos = NULL;
            p->rm_ref = 0;
        }
        SKIP(1);
        NEXT();
    }

    /* ---- comparisons and type tests ---- */
    /* comparisons with a small constant c (the tagged term): two smalls
       compare as their tagged words */
#define CMP_C(name, op, SRC1)                                                                      \
    CASE(name) {                                                                                   \
        term_t a = SRC1, c = (term_t)OPW(2);                                                       \
        if (VM_LIKELY(term_is_small(a))) TEST((sint_t)a op(sint_t) c, 3);                          \
        TEST(compare_terms(a, c) op 0, 3);                                                         \
    }
    CMP_C(is_lt_c, <, S(1))
    CMP_C(is_ge_c, >=, S(1))
    CMP_C(is_lt_cx, <, *(const term_t *)OPW(1))
    CMP_C(is_ge_cx, >=, *(const term_t *)OPW(1))
#undef CMP_C
    CASE(is_lt) {
        term_t a = S(1), b = S(2);
        if (VM_LIKELY(term_is_small(a) && term_is_small(b))) TEST((sint_t)a < (sint_t)b, 3);
        TEST(compare_terms(a, b) < 0, 3);
    }
    CASE(is_ge) {
        term_t a = S(1), b = S(2);
        if (VM_LIKELY(term_is_small(a) && term_is_small(b))) TEST((sint_t)a >= (sint_t)b, 3);
        TEST(compare_terms(a, b) >= 0, 3);
    }
    CASE(is_eq) {
        term_t a = S(1), b = S(2);
        TEST(a == b || compare_terms(a, b) == 0, 3);
    }
    CASE(is_ne) {
        term_t a = S(1), b = S(2);
        TEST(a != b && compare_terms(a, b) != 0, 3);
    }
    CASE(is_eq_exact) {
        term_t a = S(1), b = S(2);
        /* two different words are equal only if both are boxed or lists */
        TEST(a == b || (!term_is_immed(a) && !term_is_immed(b) && compare_exact(a, b)), 3);
    }
    CASE(is_ne_exact) {
        term_t a = S(1), b = S(2);
        TEST(a != b && (term_is_immed(a) || term_is_immed(b) || !compare_exact(a, b)), 3);
    }
    CASE(is_integer) TEST(term_is_integer(S(1)), 2);
    CASE(is_float) TEST(term_is_float(S(1)), 2);
    CASE(is_number) TEST(term_is_number(S(1)), 2);
    CASE(is_atom) TEST(term_is_atom(S(1)), 2);
    CASE(is_pid) TEST(term_is_pid(S(1)), 2);
    CASE(is_reference) TEST(term_is_ref(S(1)), 2);
    CASE(is_port) TEST(term_is_port(S(1)), 2);
    CASE(is_nil) TEST(S(1) == TERM_NIL, 2);
    CASE(is_binary) {
        term_t t = S(1);
        TEST(term_is_bitstring(t) && bin_bit_size(t) % 8 == 0, 2);
    }
    CASE(is_bitstr) TEST(term_is_bitstring(S(1)), 2);
    CASE(is_list) {
        term_t t = S(1);
        TEST(term_is_list(t) || t == TERM_NIL, 2);
    }
    CASE(is_nonempty_list) TEST(term_is_list(S(1)), 2);
    CASE(is_tuple) TEST(term_is_tuple(S(1)), 2);
    CASE(is_function) TEST(term_is_fun(S(1)), 2);
    CASE(is_boolean) TEST(is_boolean(S(1)), 2);
    CASE(is_map) TEST(term_is_map(S(1)), 2);
    CASE(is_function2) {
        term_t f = S(1), a = S(2);
        bool ok = false;
        if (term_is_fun(f) && term_is_small(a)) {
            sint_t n = small_val(a);
            if (HDR_SUBTAG(boxed_hdr(f)) == HDR_EXPORT) ok = (sint_t)fun_export(f)->arity == n;
            else ok = (sint_t)(fun_entry(f)->arity - fun_entry(f)->num_free) == n;
        }
        TEST(ok, 3);
    }
    CASE(test_arity) {
        term_t t = S(1);
        TEST(term_is_tuple(t) && tuple_arity(t) == OPW(2), 3);
    }
    CASE(is_tagged_tuple_x) {
        term_t t = *(const term_t *)OPW(1);
        TEST(term_is_tuple(t) && tuple_arity(t) == OPW(2) && tuple_elems(t)[0] == (term_t)OPW(3),
             4);
    }
    CASE(is_tagged_tuple) {
        term_t t = S(1);
        TEST(term_is_tuple(t) && tuple_arity(t) == OPW(2) && tuple_elems(t)[0] == (term_t)OPW(3),
             4);
    }
    CASE(select_val) {
        term_t v = S(0);
        size_t n = OPW(2);
        const Instr *tab = ip + 4;
        for (size_t i = 0; i < n; i++) {
            if ((term_t)tab[2 * i] == v) {
                ip = (const Instr *)tab[2 * i + 1];
                NEXT();
            }
        }
        const Instr *target;
        if (term_is_boxed(v) && select_slow(tab, n, v, &target)) {
            ip = target;
            NEXT();
        }
        FAIL_TO(1);
    }
    CASE(select_val_bin) {
        term_t v = S(0);
        const Instr *target;
        if (select_bin(ip + 4, OPW(2), v, &target) ||
            (term_is_boxed(v) && select_slow(ip + 4, OPW(2), v, &target))) {
            ip = target;
            NEXT();
        }
        FAIL_TO(1);
    }
    CASE(select_tuple_arity) {
        term_t v = S(0);
        if (term_is_tuple(v)) {
            const Instr *target;
            if (select_bin(ip + 4, OPW(2), (term_t)tuple_arity(v), &target)) {
                ip = target;
                NEXT();
            }
        }
        FAIL_TO(1);
    }
    CASE(jump) {
        ip = LBL(0);
        NEXT();
    }

    /* ---- catch and try ---- */
    CASE(catch) {
        D(0) = make_catch((uint32_t)OPW(1));
        SKIP(2);
        NEXT();
    }
    CASE(catch_end) {
        D(0) = TERM_NIL;
        if (x[0] == TERM_NONE) x[0] = except_catch_value(p, x[1], x[2], raw_trace(x[3], NULL));
        SKIP(1);
        NEXT();
    }
    CASE(try_end) {
        D(0) = TERM_NIL;
        SKIP(1);
        NEXT();
    }
    CASE(try_case) {
        D(0) = TERM_NIL;
        x[0] = x[1];
        x[1] = x[2];
        x[2] = x[3];
        SKIP(1);
        NEXT();
    }
    CASE(try_case_end) RAISE(heap_tuple2(p, ATOM_try_clause, S(0)));
    CASE(build_stacktrace) {
        x[0] = raw_trace(x[0], NULL);
        SKIP(0);
        NEXT();
    }
    CASE(raw_raise) {
        uint32_t cls = except_class_of(x[0]);
        if (!cls) RAISE(ATOM_badarg);
        p->fclass = cls;
        p->freason = x[1];
        p->ftrace = raw_trace(x[2], NULL);
        goto error;
    }
    CASE(raise) {
        /* rethrow: the class travels in the raw trace */
        term_t cls = ATOM_error;
        p->ftrace = raw_trace(S(0), &cls);
        p->fclass = except_class_of(cls);
        p->freason = S(1);
        goto error;
    }

    /* ---- moving data ---- */
    CASE(move) {
        D(1) = S(0);
        SKIP(2);
        NEXT();
    }
    CASE(move_xx) {
        *(term_t *)OPW(1) = *(const term_t *)OPW(0);
        SKIP(2);
        NEXT();
    }
    CASE(move_yx) {
        *(term_t *)OPW(1) = E[OPW(0) >> 3];
        SKIP(2);
        NEXT();
    }
    CASE(move_xy) {
        E[OPW(1) >> 3] = *(const term_t *)OPW(0);
        SKIP(2);
        NEXT();
    }
    CASE(swap) {
        term_t t = D(0);
        D(0) = D(1);
        D(1) = t;
        SKIP(2);
        NEXT();
    }
    CASE(get_list) {
        term_t *c = term_ptr(S(0));
        term_t h = c[0], t = c[1];
        D(1) = h;
        D(2) = t;
        SKIP(3);
        NEXT();
    }
    CASE(get_hd) {
        D(1) = term_ptr(S(0))[0];
        SKIP(2);
        NEXT();
    }
    CASE(get_tl) {
        D(1) = term_ptr(S(0))[1];
        SKIP(2);
        NEXT();
    }
    CASE(get_tuple_element_xx) {
        *(term_t *)OPW(2) = tuple_elems(*(const term_t *)OPW(0))[OPW(1)];
        SKIP(3);
        NEXT();
    }
    CASE(get_tuple_element) {
        D(2) = tuple_elems(S(0))[OPW(1)];
        SKIP(3);
        NEXT();
    }
    CASE(set_tuple_element) {
        tuple_elems(S(1))[OPW(2)] = S(0);
        SKIP(3);
        NEXT();
    }
    CASE(put_list) {
        term_t *hp = halloc(p, 2);
        hp[0] = S(0);
        hp[1] = S(1);
        D(2) = make_list(hp);
        SKIP(3);
        NEXT();
    }
    CASE(put_tuple2) {
        size_t n = OPW(1);
        term_t *hp = halloc(p, n + 1);
        hp[0] = MAKE_HDR(HDR_TUPLE, n);
        for (size_t i = 0; i < n; i++) hp[i + 1] = SRC(ip[3 + i]);
        D(0) = make_boxed(hp);
        ip += 3 + n;
        NEXT();
    }

    /* ---- raising ---- */
    CASE(badmatch) RAISE(heap_tuple2(p, ATOM_badmatch, S(0)));
    CASE(if_end) RAISE(ATOM_if_clause);
    CASE(case_end) RAISE(heap_tuple2(p, ATOM_case_clause, S(0)));
    CASE(badrecord) RAISE(heap_tuple2(p, ATOM_badrecord, S(0)));

    /* ---- funs and apply ---- */
    CASE(call_fun) {
        fn_arity = (uint32_t)OPW(0);
        fn = x[fn_arity];
        ce_ret = ip + 2;
        ce_kind = 0;
        goto call_fun;
    }
    CASE(call_fun2) {
        fn_arity = (uint32_t)OPW(0);
        fn = S(1);
        ce_ret = ip + 3;
        ce_kind = 0;
        goto call_fun;
    }
    CASE(make_fun) {
        FunEntry *fe = (FunEntry *)OPW(0);
        size_t n = OPW(2);
        term_t *hp = halloc(p, n + 2);
        hp[0] = MAKE_HDR(HDR_FUN, n + 1);
        hp[1] = (term_t)(uintptr_t)fe;
        for (size_t i = 0; i < n; i++) hp[2 + i] = SRC(ip[4 + i]);
        D(1) = make_boxed(hp);
        ip += 4 + n;
        NEXT();
    }
    CASE(apply) {
        uint32_t a = (uint32_t)OPW(0);
        term_t m = x[a], f = x[a + 1];
        if (!term_is_atom(m) || !term_is_atom(f)) RAISE(ATOM_badarg);
        ce = code_export(m, f, a);
        ce_ret = ip + 2;
        ce_kind = 0;
        goto call_export;
    }
    CASE(apply_last) {
        uint32_t a = (uint32_t)OPW(0);
        term_t m = x[a], f = x[a + 1];
        if (!term_is_atom(m) || !term_is_atom(f)) RAISE(ATOM_badarg);
        ce = code_export(m, f, a);
        ce_dealloc = (uint32_t)OPW(1);
        ce_kind = 1;
        goto call_export;
    }
    CASE(on_load_resume) {
        ce = (Export *)(uintptr_t)((uintptr_t)small_val(E[1]) << 3);
        ce_kind = (int)small_val(E[2]);
        ce_dealloc = (uint32_t)small_val(E[3]);
        ce_ret = (const Instr *)(uintptr_t)((uintptr_t)small_val(E[4]) << 3);
        size_t a = ce->arity;
        for (size_t i = 0; i < a; i++) x[i] = E[5 + i];
        cp = (const Instr *)(uintptr_t)E[0];
        E += 5 + a;
        goto call_export;
    }
    CASE(apply_mfa) {
        term_t m = x[0], f = x[1];
        sint_t n = unpack_args(x, x[2]);
        if (n < 0 || !term_is_atom(m) || !term_is_atom(f)) RAISE(ATOM_badarg);
        ce = code_export(m, f, (uint32_t)n);
        ce_ret = ip + 1;
        ce_kind = 0;
        goto call_export;
    }
    CASE(call_fun0) {
        fn = x[0];
        fn_arity = 0;
        ce_ret = ip + 1;
        ce_kind = 0;
        goto call_fun;
    }
    CASE(normal_exit) {
        p->exit_reason = ATOM_normal;
        goto exit_process;
    }

    /* ---- floating point ---- */
    CASE(fmove_in) {
        fregs[OPW(1)] = float_val(S(0));
        SKIP(2);
        NEXT();
    }
    CASE(fmove_out) {
        term_t *hp = halloc(p, FLOAT_WORDS);
        D(1) = make_float_at(hp, fregs[OPW(0)]);
        SKIP(2);
        NEXT();
    }
    CASE(fmove_fr) {
        fregs[OPW(1)] = fregs[OPW(0)];
        SKIP(2);
        NEXT();
    }
    CASE(fconv) {
        double d;
        if (!arith_to_double(S(0), &d)) RAISE(ATOM_badarith);
        fregs[OPW(1)] = d;
        SKIP(2);
        NEXT();
    }
#define FARITH(name, op)                                                                           \
    CASE(name) {                                                                                   \
        double r = fregs[OPW(0)] op fregs[OPW(1)];                                                 \
        if (VM_UNLIKELY(!isfinite(r))) RAISE(ATOM_badarith);                                       \
        fregs[OPW(2)] = r;                                                                         \
        SKIP(3);                                                                                   \
        NEXT();                                                                                    \
    }
    FARITH(fadd, +)
    FARITH(fsub, -)
    FARITH(fmul, *)
    FARITH(fdiv, /)
#undef FARITH
    CASE(fnegate) {
        fregs[OPW(1)] = -fregs[OPW(0)];
        SKIP(2);
        NEXT();
    }

    /* ---- maps ---- */
    CASE(has_map_fields) {
        term_t m = S(1);
        size_t n = OPW(2);
        for (size_t i = 0; i < n; i++)
            if (map_get(m, SRC(ip[4 + i])) == TERM_NONE) FAIL_TO(0);
        ip += 4 + n;
        NEXT();
    }
    CASE(get_map_elements) {
        term_t m = S(1);
        size_t n = OPW(2);
        for (size_t i = 0; i < n; i++) {
            term_t v = map_get(m, SRC(ip[4 + 2 * i]));
            if (v == TERM_NONE) FAIL_TO(0);
            *REGP(ip[5 + 2 * i]) = v;
        }
        ip += 4 + 2 * n;
        NEXT();
    }
    CASE(put_map_assoc) {
        put_exact = false;
        goto put_map;
    }
    CASE(new_map_lit) { /* #{K1 => V1, ...} with constant keys (load.c) */
        size_t n = OPW(2);
        term_t *hp = halloc(p, n + 2);
        hp[0] = MAKE_HDR(HDR_MAP, n + 1);
        hp[1] = (term_t)OPW(1);
        for (size_t i = 0; i < n; i++) hp[2 + i] = SRC(ip[4 + i]);
        D(0) = make_boxed(hp);
        ip += 4 + n;
        NEXT();
    }
    CASE(put_map_exact) {
        put_exact = true;
        goto put_map;
    }

    /* ---- bit syntax ---- */
    CASE(bs_start_match) {
        term_t c = bits_start_match(p, S(1));
        if (c == TERM_NONE) {
            if (OPW(0)) FAIL_TO(0);
            RAISE(ATOM_badarg);
        }
        D(2) = c;
        SKIP(3);
        NEXT();
    }
    CASE(bs_get_integer) {
        size_t bits;
        term_t r;
        if (!bits_seg_size(S(2), (uint32_t)OPW(3), &bits) ||
            (r = bits_get_integer(p, S(1), bits, (uint32_t)OPW(4))) == TERM_NONE)
            FAIL_TO(0);
        D(5) = r;
        SKIP(6);
        NEXT();
    }
    CASE(bs_get_float) {
        size_t bits;
        term_t r;
        if (!bits_seg_size(S(2), (uint32_t)OPW(3), &bits) ||
            (r = bits_get_float(p, S(1), bits, (uint32_t)OPW(4))) == TERM_NONE)
            FAIL_TO(0);
        D(5) = r;
        SKIP(6);
        NEXT();
    }
    CASE(bs_get_binary) {
        term_t ctx = S(1), sz = S(2);
        size_t bits, unit = OPW(3);
        term_t r;
        if (sz == ATOM_all) {
            bits = bits_remaining(ctx);
            if (unit > 1 && bits % unit) FAIL_TO(0);
        } else if (!bits_seg_size(sz, (uint32_t)unit, &bits)) {
            FAIL_TO(0);
        }
        if ((r = bits_get_binary(p, ctx, bits)) == TERM_NONE) FAIL_TO(0);
        D(5) = r;
        SKIP(6);
        NEXT();
    }
    CASE(bs_skip_bits) {
        term_t ctx = S(1), sz = S(2);
        size_t bits, unit = OPW(3);
        if (sz == ATOM_all) {
            bits = bits_remaining(ctx);
            if (unit > 1 && bits % unit) FAIL_TO(0);
        } else if (!bits_seg_size(sz, (uint32_t)unit, &bits)) {
            FAIL_TO(0);
        }
        if (!bits_skip(ctx, bits)) FAIL_TO(0);
        SKIP(5);
        NEXT();
    }
    CASE(bs_test_tail) TEST(bits_remaining(S(1)) == OPW(2), 3);
    CASE(bs_test_unit) TEST(bits_remaining(S(1)) % OPW(2) == 0, 3);
    CASE(bs_match_string) TEST(bits_match_string(S(1), (const uint8_t *)OPW(3), OPW(2)), 4);
    CASE(bs_get_utf8) {
        term_t r = bits_get_utf8(S(1));
        if (r == TERM_NONE) FAIL_TO(0);
        D(3) = r;
        SKIP(4);
        NEXT();
    }
    CASE(bs_get_utf16) {
        term_t r = bits_get_utf16(S(1), (uint32_t)OPW(2));
        if (r == TERM_NONE) FAIL_TO(0);
        D(3) = r;
        SKIP(4);
        NEXT();
    }
    CASE(bs_get_utf32) {
        term_t r = bits_get_utf32(S(1), (uint32_t)OPW(2));
        if (r == TERM_NONE) FAIL_TO(0);
        D(3) = r;
        SKIP(4);
        NEXT();
    }
    CASE(bs_skip_utf8) TEST(bits_get_utf8(S(1)) != TERM_NONE, 3);
    CASE(bs_skip_utf16) TEST(bits_get_utf16(S(1), (uint32_t)OPW(2)) != TERM_NONE, 3);
    CASE(bs_skip_utf32) TEST(bits_get_utf32(S(1), (uint32_t)OPW(2)) != TERM_NONE, 3);
    CASE(bs_get_tail) {
        D(1) = bits_get_tail(p, S(0));
        SKIP(2);
        NEXT();
    }
    CASE(bs_get_position) {
        D(1) = make_small((sint_t)bits_position(S(0)));
        SKIP(2);
        NEXT();
    }
    CASE(bs_set_position) {
        bits_set_position(S(0), (size_t)small_val(S(1)));
        SKIP(2);
        NEXT();
    }
    CASE(bs_create_bin) {
        size_t n = OPW(2);
        BitsSeg segs[16], *sp = n <= 16 ? segs : vm_alloc(n * sizeof *sp);
        const Instr *w = ip + 4;
        for (size_t i = 0; i < n; i++, w += 6) {
            sp[i].type = (uint32_t)w[0];
            sp[i].unit = (uint32_t)w[1];
            sp[i].flags = (uint32_t)w[2];
            sp[i].value = SRC(w[3]);
            sp[i].size = SRC(w[4]);
            sp[i].str = (const uint8_t *)w[5];
            sp[i].str_len = sp[i].type == BITS_STRING ? (size_t)small_val(sp[i].size) : 0;
        }
        term_t r = bits_create(p, sp, n);
        if (sp != segs) vm_free(sp);
        if (r == TERM_NONE) {
            if (OPW(0)) FAIL_TO(0);
            goto error;
        }
        D(1) = r;
        ip = w;
        NEXT();
    }

    CASE(bs_init_writable) {
        uint8_t *data;
        x[0] = bin_make(p, 0, &data);
        SKIP(0);
        NEXT();
    }

    /* last: rare, and out of the way of the others */
    CASE(lazy) { /* ip is the stub of a function not decoded yet (load.c) */
        Module *m = (Module *)OPW(0);
        const struct FuncInfo *fi =
            (const struct FuncInfo *)((const char *)ip - offsetof(struct FuncInfo, stub));
        const Instr *entry = load_function(m, (uint32_t)(fi - m->funcs));
        if (VM_UNLIKELY(!entry)) {
            err_mfa = code_export(m->name, make_atom(fi->name), fi->arity);
            err_args = x;
            RAISE(ATOM_undef);
        }
        ip = entry;
        NEXT();
    }

#ifndef VM_USE_GOTO
    default:
        vm_panic("interp: bad instruction word %lu", (unsigned long)*ip);
    }
#endif

    /* ---- shared paths ---- */

put_map : {
    /* put_map_assoc and put_map_exact: L s d n, + n (key, value) pairs */
    term_t m = S(1);
    if (!term_is_map(m)) {
        if (OPW(0)) FAIL_TO(0);
        RAISE(heap_tuple2(p, ATOM_badmap, m));
    }
    size_t n = OPW(3);
    term_t kv[2 * 64], *kvp = n <= 64 ? kv : vm_alloc(2 * n * sizeof(term_t));
    for (size_t i = 0; i < 2 * n; i++) kvp[i] = SRC(ip[5 + i]);
    term_t r = map_put_many(p, m, kvp, n, put_exact);
    if (kvp != kv) vm_free(kvp);
    if (r == TERM_NONE) {
        if (put_exact && OPW(0)) FAIL_TO(0);
        goto error;
    }
    D(2) = r;
    ip += 5 + 2 * n;
    NEXT();
}

call_fun : {
    /* a failing non-tail call has already set its return address (OTP's
       trace shows the caller twice: where it is, and where it returns) */
#define FUN_RAISE(reason)                                                                          \
    do {                                                                                           \
        if (ce_kind == 0 && !tail_position(ce_ret)) cp = ce_ret;                                   \
        RAISE(reason);                                                                             \
    } while (0)
    if (!term_is_boxed(fn)) FUN_RAISE(fun_error(p, fn, x, fn_arity, false));
    term_t h = boxed_hdr(fn);
    if (HDR_SUBTAG(h) == HDR_FUN) {
        FunEntry *fe = fun_entry(fn);
        if (fe->arity - fe->num_free != fn_arity) FUN_RAISE(fun_error(p, fn, x, fn_arity, true));
        const term_t *env = fun_env(fn);
        for (uint32_t i = 0; i < fe->num_free; i++) x[fn_arity + i] = env[i];
        if (ce_kind == 0) cp = ce_ret;
        else if (ce_kind == 1) {
            cp = (const Instr *)(uintptr_t)E[0];
            E += ce_dealloc + 1;
        }
        ip = fe->code;
        yield_arity = fe->arity;
        if (VM_UNLIKELY(--reds <= 0)) goto yield;
        NEXT();
    }
    if (HDR_SUBTAG(h) == HDR_EXPORT) {
        ce = fun_export(fn);
        if (ce->arity != fn_arity) FUN_RAISE(fun_error(p, fn, x, fn_arity, true));
        goto call_export;
    }
    FUN_RAISE(fun_error(p, fn, x, fn_arity, false));
#undef FUN_RAISE
}

call_export : {
    if (ce->kind == EXPORT_APPLY3) {
        term_t m = x[0], f = x[1];
        sint_t n = unpack_args(x, x[2]);
        if (n < 0 || !term_is_atom(m) || !term_is_atom(f)) {
            err_mfa = ce;
            err_args = x;
            RAISE(ATOM_badarg);
        }
        ce = code_export(m, f, (uint32_t)n);
        goto call_export;
    }
    if (ce->kind == EXPORT_APPLY2) {
        fn = x[0];
        sint_t n = unpack_args(x, x[1]);
        if (n < 0) {
            err_mfa = ce;
            err_args = x;
            RAISE(ATOM_badarg);
        }
        fn_arity = (uint32_t)n;
        goto call_fun;
    }
    if (VM_LIKELY(ce->code != NULL)) {
        if (ce_kind == 0) cp = ce_ret;
        else if (ce_kind == 1) {
            cp = (const Instr *)(uintptr_t)E[0];
            E += ce_dealloc + 1;
        }
        ip = ce->code;
        yield_arity = ce->arity;
        if (VM_UNLIKELY(--reds <= 0)) goto yield;
        NEXT();
    }
    if (ce->bif) {
        /* where we are, for BIFs that look at the stack (process_info) */
        p->ip = ip;
        p->cp = ce_kind == 0 ? ce_ret : cp;
        p->E = E;
        term_t r = ce->bif(p, x);
        if (VM_UNLIKELY(r == TERM_NONE)) {
            err_mfa = ce;
            err_args = x;
            goto error;
        }
        x[0] = r;
        if (VM_UNLIKELY(p->reds == 0)) reds = 0; /* erlang:yield/0 asked to give way */
        if (VM_UNLIKELY(p->gc_asked)) {          /* garbage_collect/0: x0 is live */
            p->gc_asked = false;
            SAVE_E();
            gc_collect(p, 0, x, 1);
        }
        if (ce_kind == 0) {
            ip = ce_ret;
        } else {
            if (ce_kind == 1) {
                cp = (const Instr *)(uintptr_t)E[0];
                E += ce_dealloc + 1;
            }
            ip = cp;
            cp = NULL;
        }
        if (VM_UNLIKELY(--reds <= 0)) {
            yield_arity = 1;
            goto yield;
        }
        NEXT();
    }
    term_t why;
    Module *lm = code_ensure_loaded(ce->module, &why);
    if (lm && lm->on_load) {
        /* Run the module's on_load function first, as a call that returns
           to on_load_resume, which retries this call. The frame keeps
           what the retry needs: [cp, ce, kind, dealloc, ret, x0 .. xa-1]. */
        const Instr *entry = lm->on_load;
        lm->on_load = NULL;
        size_t a = ce->arity, n = 5 + a;
        if (VM_UNLIKELY(E - n < p->stack_lo)) {
            SAVE_E();
            proc_stack_reserve(p, n);
            E = p->E;
        }
        E -= n;
        E[0] = (term_t)(uintptr_t)cp;
        E[1] = make_small((sint_t)((uintptr_t)ce >> 3));
        E[2] = make_small(ce_kind);
        E[3] = make_small(ce_dealloc);
        E[4] = make_small((sint_t)((uintptr_t)ce_ret >> 3));
        for (size_t i = 0; i < a; i++) E[5 + i] = x[i];
        cp = on_load_resume;
        ip = entry;
        NEXT();
    }
    if (lm && ce->code) goto call_export;
    err_mfa = ce;
    err_args = x;
    RAISE(ATOM_undef);
}

yield:
    save_x(p, x, yield_arity);
    p->ip = ip;
    p->cp = cp;
    p->E = E;
    p->total_reds += (uint64_t)(p->reds - reds);
    p->reds = 0;
    return RUN_YIELD;

suspend:
    p->arity = 0;
    p->cp = cp;
    p->E = E;
    p->total_reds += (uint64_t)(p->reds - (reds > 0 ? reds : 0));
    p->reds = reds;
    return RUN_WAIT;

max_heap : {
    /* the heap passed max_heap_size: killed, as by an untrappable kill */
    size_t words = (size_t)(p->hend - p->heap);
    if (p->old_heap) words += (size_t)(p->old_hend - p->old_heap);
    except_report_max_heap(p, words);
    p->fclass = EXC_KILL;
    goto error;
}

error : {
    if (VM_UNLIKELY(p->fclass == EXC_KILL)) { /* exit(self(), kill): no catch stops it */
        p->exit_reason = ATOM_killed;
        goto exit_process;
    }
    term_t trace = p->ftrace;
    if (trace == TERM_NONE || trace == 0) {
        unsigned flags = err_fc ? TRACE_FC : 0;
        if (err_mfa && p->freason == ATOM_undef && !err_mfa->bif) {
            if (ce_kind != 0) flags |= TRACE_TAIL;
        } else if (err_mfa) {
            /* error/exit/throw raise on behalf of their caller: no frame */
            if (err_mfa->module == ATOM_erlang &&
                (err_mfa->function == ATOM_error || err_mfa->function == ATOM_exit ||
                 err_mfa->function == ATOM_throw)) {
                if (err_mfa->function == ATOM_error && err_mfa->arity >= 2 &&
                    list_length(err_args[1]) >= 0) {
                    trace = except_trace_error(p, ip, cp, E, err_args[1],
                                               err_mfa->arity == 3 ? err_args[2] : TERM_NIL);
                }
                err_mfa = NULL;
            } else {
                flags |= TRACE_BIF;
            }
        }
        if (trace == TERM_NONE || trace == 0)
            trace = except_trace(p, ip, cp, E, err_mfa, err_args, flags);
    }
    p->ftrace = TERM_NONE;
    err_mfa = NULL;
    err_fc = false;
    const Instr *handler;
    term_t *frame = except_find_catch(p, E, &handler);
    if (frame) {
        E = frame;
        cp = NULL;
        x[0] = TERM_NONE;
        x[1] = except_class_atom(p->fclass);
        x[2] = p->freason;
        x[3] = heap_tuple2(p, x[1], trace); /* the raw trace: {Class, Trace} */
        ip = handler;
        NEXT();
    }
    except_report(p, p->fclass, p->freason, trace);
    p->exit_reason = except_exit_reason(p, p->fclass, p->freason, trace);
    goto exit_process;
}

exit_process:
    p->E = E;
    p->total_reds += (uint64_t)(p->reds - (reds > 0 ? reds : 0));
    return RUN_EXIT;

#undef CASE
#undef NEXT
#undef OPW
#undef REGP
#undef SRC
#undef S
#undef D
#undef LBL
#undef SKIP
#undef SAVE_E
#undef FAIL_TO
#undef RAISE
#undef TEST
}
