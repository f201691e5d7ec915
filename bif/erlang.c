/*
** erlang.c: the general BIFs of the erlang module: type tests, comparison
** and boolean operators, min/max, exceptions, node identity, references,
** unique integers and hashes. Tuples, lists and atoms are in
** erlang_tuple.c, time in erlang_time.c, the process dictionary and the
** system queries in erlang_misc.c.
*/
#include "erlang.h"

#include "../vm/hash.h"
#include "../sched/monitor.h"

/* ---- type tests ---- */

static term_t boolean(bool b) { return b ? ATOM_true : ATOM_false; }

BIF(bif_erlang_is_atom_1) { VM_UNUSED(p); return boolean(term_is_atom(args[0])); }
BIF(bif_erlang_is_list_1)
{
    VM_UNUSED(p);
    return boolean(term_is_list(args[0]) || term_is_nil(args[0]));
}
BIF(bif_erlang_is_tuple_1) { VM_UNUSED(p); return boolean(term_is_tuple(args[0])); }
BIF(bif_erlang_is_integer_1) { VM_UNUSED(p); return boolean(term_is_integer(args[0])); }
BIF(bif_erlang_is_float_1) { VM_UNUSED(p); return boolean(term_is_float(args[0])); }
BIF(bif_erlang_is_number_1) { VM_UNUSED(p); return boolean(term_is_number(args[0])); }
BIF(bif_erlang_is_pid_1) { VM_UNUSED(p); return boolean(term_is_pid(args[0])); }
BIF(bif_erlang_is_port_1) { VM_UNUSED(p); return boolean(term_is_port(args[0])); }
BIF(bif_erlang_is_reference_1) { VM_UNUSED(p); return boolean(term_is_ref(args[0])); }
BIF(bif_erlang_is_function_1) { VM_UNUSED(p); return boolean(term_is_fun(args[0])); }
BIF(bif_erlang_is_boolean_1)
{
    VM_UNUSED(p);
    return boolean(args[0] == ATOM_true || args[0] == ATOM_false);
}

/* is_function(F, Arity): Arity must be a non-negative integer. */
BIF(bif_erlang_is_function_2)
{
    term_t f = args[0], a = args[1];
    if (term_is_small(a)) {
        if (small_val(a) < 0) BIF_BADARG(p);
    } else if (term_is_big(a)) {
        if (HDR_SUBTAG(boxed_hdr(a)) == HDR_NEG_BIG) BIF_BADARG(p);
        return ATOM_false;
    } else {
        BIF_BADARG(p);
    }
    if (!term_is_fun(f)) return ATOM_false;
    sint_t want = small_val(a);
    sint_t have;
    if (HDR_SUBTAG(boxed_hdr(f)) == HDR_EXPORT) {
        have = fun_export(f)->arity;
    } else {
        FunEntry *fe = fun_entry(f);
        have = (sint_t)fe->arity - (sint_t)fe->num_free;
    }
    return boolean(have == want);
}

BIF(bif_erlang_is_record_2)
{
    term_t t = args[0], tag = args[1];
    if (!term_is_atom(tag)) BIF_BADARG(p);
    return boolean(term_is_tuple(t) && tuple_arity(t) >= 1 && tuple_elems(t)[0] == tag);
}

BIF(bif_erlang_is_record_3)
{
    term_t t = args[0], tag = args[1], size = args[2];
    if (!term_is_atom(tag) || !term_is_small(size)) BIF_BADARG(p);
    return boolean(term_is_tuple(t) && (sint_t)tuple_arity(t) == small_val(size) &&
                   small_val(size) >= 1 && tuple_elems(t)[0] == tag);
}

/* ---- comparison and boolean operators ---- */

BIF(bif_erlang_eq_2) { VM_UNUSED(p); return boolean(compare_eq(args[0], args[1])); }
BIF(bif_erlang_ne_2) { VM_UNUSED(p); return boolean(!compare_eq(args[0], args[1])); }
BIF(bif_erlang_eqx_2) { VM_UNUSED(p); return boolean(compare_exact(args[0], args[1])); }
BIF(bif_erlang_nex_2) { VM_UNUSED(p); return boolean(!compare_exact(args[0], args[1])); }
BIF(bif_erlang_lt_2) { VM_UNUSED(p); return boolean(compare_terms(args[0], args[1]) < 0); }
BIF(bif_erlang_gt_2) { VM_UNUSED(p); return boolean(compare_terms(args[0], args[1]) > 0); }
BIF(bif_erlang_le_2) { VM_UNUSED(p); return boolean(compare_terms(args[0], args[1]) <= 0); }
BIF(bif_erlang_ge_2) { VM_UNUSED(p); return boolean(compare_terms(args[0], args[1]) >= 0); }

static bool is_bool(term_t t) { return t == ATOM_true || t == ATOM_false; }

BIF(bif_erlang_and_2)
{
    if (!is_bool(args[0]) || !is_bool(args[1])) BIF_BADARG(p);
    return boolean(args[0] == ATOM_true && args[1] == ATOM_true);
}

BIF(bif_erlang_or_2)
{
    if (!is_bool(args[0]) || !is_bool(args[1])) BIF_BADARG(p);
    return boolean(args[0] == ATOM_true || args[1] == ATOM_true);
}

BIF(bif_erlang_xor_2)
{
    if (!is_bool(args[0]) || !is_bool(args[1])) BIF_BADARG(p);
    return boolean(args[0] != args[1]);
}

BIF(bif_erlang_not_1)
{
    if (!is_bool(args[0])) BIF_BADARG(p);
    return boolean(args[0] == ATOM_false);
}

/* min and max return the first argument when the two compare equal. */
BIF(bif_erlang_min_2)
{
    VM_UNUSED(p);
    return compare_terms(args[0], args[1]) > 0 ? args[1] : args[0];
}

BIF(bif_erlang_max_2)
{
    VM_UNUSED(p);
    return compare_terms(args[0], args[1]) < 0 ? args[1] : args[0];
}

/* ---- exceptions ---- */

BIF(bif_erlang_error_1) { return bif_error(p, EXC_ERROR, args[0]); }
BIF(bif_erlang_error_2) { return bif_error(p, EXC_ERROR, args[0]); }
BIF(bif_erlang_error_3) { return bif_error(p, EXC_ERROR, args[0]); }
BIF(bif_erlang_exit_1) { return bif_error(p, EXC_EXIT, args[0]); }
BIF(bif_erlang_throw_1) { return bif_error(p, EXC_THROW, args[0]); }

/* One entry of a stack trace as raise/3 accepts it: {Fun, Args},
   {Fun, Args, Location}, {M, F, A} or {M, F, A, Location}, where Location
   is a list. */
static bool trace_entry_ok(term_t e)
{
    if (!term_is_tuple(e)) return false;
    const term_t *el = tuple_elems(e);
    term_t loc = TERM_NIL;
    switch (tuple_arity(e)) {
    case 2:
        return term_is_fun(el[0]);
    case 3:
        if (term_is_fun(el[0])) {
            loc = el[2];
        } else if (!term_is_atom(el[0]) || !term_is_atom(el[1])) {
            return false;
        }
        break;
    case 4:
        if (!term_is_atom(el[0]) || !term_is_atom(el[1])) return false;
        loc = el[3];
        break;
    default:
        return false;
    }
    return term_is_list(loc) || term_is_nil(loc);
}

/* raise(Class, Reason, Stacktrace): an invalid argument makes the call
   return the atom badarg rather than raise anything (as OTP). The trace
   given becomes the exception's trace as it is. */
BIF(bif_erlang_raise_3)
{
    uint32_t cls;
    if (args[0] == ATOM_error) cls = EXC_ERROR;
    else if (args[0] == ATOM_exit) cls = EXC_EXIT;
    else if (args[0] == ATOM_throw) cls = EXC_THROW;
    else return ATOM_badarg;
    term_t l = args[2];
    for (; term_is_list(l); l = list_tail(l))
        if (!trace_entry_ok(list_head(l))) return ATOM_badarg;
    if (!term_is_nil(l)) return ATOM_badarg;
    p->ftrace = args[2];
    return bif_error(p, cls, args[1]);
}

/* ---- node identity, references, unique integers, hashes ---- */


BIF(bif_erlang_node_0) { VM_UNUSED(p); VM_UNUSED(args); return ATOM_nonode_nohost; }

BIF(bif_erlang_node_1)
{
    term_t t = args[0];
    if (!term_is_pid(t) && !term_is_port(t) && !term_is_ref(t)) BIF_BADARG(p);
    return ATOM_nonode_nohost;
}

BIF(bif_erlang_nodes_0) { VM_UNUSED(p); VM_UNUSED(args); return TERM_NIL; }

/* nodes(Type | [Type]): only 'this' and 'known' name a node, this one. */
static bool node_type(term_t t, bool *self)
{
    if (t == ATOM_this || t == ATOM_known) *self = true;
    else if (t != ATOM_visible && t != ATOM_hidden && t != ATOM_connected) return false;
    return true;
}

BIF(bif_erlang_nodes_1)
{
    bool self = false;
    term_t t = args[0];
    if (term_is_atom(t)) {
        if (!node_type(t, &self)) BIF_BADARG(p);
    } else {
        for (; term_is_list(t); t = list_tail(t))
            if (!node_type(list_head(t), &self)) BIF_BADARG(p);
        if (!term_is_nil(t)) BIF_BADARG(p);
    }
    return self ? heap_cons(p, ATOM_nonode_nohost, TERM_NIL) : TERM_NIL;
}

BIF(bif_erlang_is_alive_0) { VM_UNUSED(p); VM_UNUSED(args); return ATOM_false; }

BIF(bif_erlang_make_ref_0)
{
    return monitor_ref_new(p);
}

/* One counter serves every kind of unique integer, so each is unique and
   strictly increasing whatever the modifiers. Without 'positive' the
   values start near the bottom of the small range, as OTP's do. */
static uint64_t unique_counter;

static term_t unique(Proc *p, bool positive)
{
    uint64_t n = ++unique_counter;
    if (positive) return heap_uint(p, n);
    return heap_int(p, SMALL_MIN + (sint_t)n);
}

BIF(bif_erlang_unique_integer_0) { VM_UNUSED(args); return unique(p, false); }

BIF(bif_erlang_unique_integer_1)
{
    bool positive = false;
    term_t l = args[0];
    for (; term_is_list(l); l = list_tail(l)) {
        term_t m = list_head(l);
        if (m == ATOM_positive) positive = true;
        else if (m != ATOM_monotonic) BIF_BADARG(p);
    }
    if (!term_is_nil(l)) BIF_BADARG(p);
    return unique(p, positive);
}

/* A hash range: an integer in 1 .. 2^32. */
static bool hash_range(term_t t, uint64_t *range)
{
    if (!term_is_small(t) || small_val(t) < 1 || small_val(t) > ((sint_t)1 << 32)) return false;
    *range = (uint64_t)small_val(t);
    return true;
}

BIF(bif_erlang_phash_2)
{
    uint64_t range;
    if (!hash_range(args[1], &range)) BIF_BADARG(p);
    if (range == (uint64_t)1 << 32) return make_small((sint_t)hash_phash(args[0], 0) + 1);
    return make_small((sint_t)hash_phash(args[0], (uint32_t)range));
}

BIF(bif_erlang_phash2_1)
{
    VM_UNUSED(p);
    return make_small((sint_t)hash_phash2(args[0], HASH_PHASH2_RANGE));
}

BIF(bif_erlang_phash2_2)
{
    uint64_t range;
    if (!hash_range(args[1], &range)) BIF_BADARG(p);
    return make_small((sint_t)hash_phash2(args[0], (uint32_t)range));  /* 2^32 becomes 0 */
}

#define E(name, arity, fn) {"erlang", name, arity, fn, 0}
#define G(name, arity, fn) {"erlang", name, arity, fn, BIF_GUARD}

const BifDef bif_erlang_table[] = {
    G("is_atom", 1, bif_erlang_is_atom_1),
    G("is_list", 1, bif_erlang_is_list_1),
    G("is_tuple", 1, bif_erlang_is_tuple_1),
    G("is_integer", 1, bif_erlang_is_integer_1),
    G("is_float", 1, bif_erlang_is_float_1),
    G("is_number", 1, bif_erlang_is_number_1),
    G("is_pid", 1, bif_erlang_is_pid_1),
    G("is_port", 1, bif_erlang_is_port_1),
    G("is_reference", 1, bif_erlang_is_reference_1),
    G("is_function", 1, bif_erlang_is_function_1),
    G("is_function", 2, bif_erlang_is_function_2),
    G("is_boolean", 1, bif_erlang_is_boolean_1),
    G("is_record", 2, bif_erlang_is_record_2),
    G("is_record", 3, bif_erlang_is_record_3),
    G("==", 2, bif_erlang_eq_2),
    G("/=", 2, bif_erlang_ne_2),
    G("=:=", 2, bif_erlang_eqx_2),
    G("=/=", 2, bif_erlang_nex_2),
    G("<", 2, bif_erlang_lt_2),
    G(">", 2, bif_erlang_gt_2),
    G("=<", 2, bif_erlang_le_2),
    G(">=", 2, bif_erlang_ge_2),
    G("and", 2, bif_erlang_and_2),
    G("or", 2, bif_erlang_or_2),
    G("xor", 2, bif_erlang_xor_2),
    G("not", 1, bif_erlang_not_1),
    G("min", 2, bif_erlang_min_2),
    G("max", 2, bif_erlang_max_2),
    E("error", 1, bif_erlang_error_1),
    E("error", 2, bif_erlang_error_2),
    E("error", 3, bif_erlang_error_3),
    E("exit", 1, bif_erlang_exit_1),
    E("throw", 1, bif_erlang_throw_1),
    E("raise", 3, bif_erlang_raise_3),
    G("node", 0, bif_erlang_node_0),
    G("node", 1, bif_erlang_node_1),
    E("nodes", 0, bif_erlang_nodes_0),
    E("nodes", 1, bif_erlang_nodes_1),
    E("is_alive", 0, bif_erlang_is_alive_0),
    E("make_ref", 0, bif_erlang_make_ref_0),
    E("unique_integer", 0, bif_erlang_unique_integer_0),
    E("unique_integer", 1, bif_erlang_unique_integer_1),
    E("phash", 2, bif_erlang_phash_2),
    E("phash2", 1, bif_erlang_phash2_1),
    E("phash2", 2, bif_erlang_phash2_2),
    {NULL, NULL, 0, NULL, 0},
};
