/*
** lists.c: the BIFs of the lists module (OTP 25): reverse/2, member/2,
** keyfind/3, keymember/3, keysearch/3. Each is one loop over the list; an
** improper list raises badarg only if the walk reaches its tail.
*/
#include "erlang.h"

BIF(bif_lists_reverse_2)
{
    term_t l = args[0];
    sint_t n = list_length(l);
    if (n < 0) BIF_BADARG(p);
    if (n == 0) return args[1];
    term_t *hp = heap_alloc(p, 2 * (size_t)n);
    term_t acc = args[1];
    for (sint_t i = 0; i < n; i++, l = list_tail(l)) {
        hp[2 * i] = list_head(l);
        hp[2 * i + 1] = acc;
        acc = make_list(hp + 2 * i);
    }
    return acc;
}

BIF(bif_lists_member_2)
{
    term_t x = args[0], l = args[1];
    if (term_is_immed(x)) {
        for (; term_is_list(l); l = list_tail(l))
            if (list_head(l) == x) return ATOM_true;
    } else {
        for (; term_is_list(l); l = list_tail(l))
            if (compare_exact(list_head(l), x)) return ATOM_true;
    }
    if (!term_is_nil(l)) BIF_BADARG(p);
    return ATOM_false;
}

/* The first tuple of 'l' whose element 'n' compares equal (==) to 'key';
   TERM_NIL if there is none, TERM_NONE (badarg raised) on a bad argument. */
static term_t keyfind(Proc *p, term_t key, term_t npos, term_t l)
{
    if (!term_is_small(npos) || small_val(npos) < 1) BIF_BADARG(p);
    size_t n = (size_t)small_val(npos);
    /* An atom, pid, port or [] equals only itself, so a word compare is
       enough; numbers and boxed keys need the full comparison. */
    bool word = term_is_immed(key) && !term_is_small(key);
    for (; term_is_list(l); l = list_tail(l)) {
        term_t t = list_head(l);
        if (!term_is_tuple(t) || tuple_arity(t) < n) continue;
        term_t e = tuple_elems(t)[n - 1];
        if (word ? e == key : compare_eq(e, key)) return t;
    }
    if (!term_is_nil(l)) BIF_BADARG(p);
    return TERM_NIL;
}

BIF(bif_lists_keyfind_3)
{
    term_t t = keyfind(p, args[0], args[1], args[2]);
    return term_is_nil(t) ? ATOM_false : t;
}

BIF(bif_lists_keymember_3)
{
    term_t t = keyfind(p, args[0], args[1], args[2]);
    if (term_is_none(t)) return t;
    return term_is_nil(t) ? ATOM_false : ATOM_true;
}

BIF(bif_lists_keysearch_3)
{
    term_t t = keyfind(p, args[0], args[1], args[2]);
    if (term_is_none(t)) return t;
    return term_is_nil(t) ? ATOM_false : heap_tuple2(p, ATOM_value, t);
}

#define L(name, arity, fn) {"lists", name, arity, fn, 0}

const BifDef bif_lists_table[] = {
    L("reverse", 2, bif_lists_reverse_2),
    L("member", 2, bif_lists_member_2),
    L("keyfind", 3, bif_lists_keyfind_3),
    L("keymember", 3, bif_lists_keymember_3),
    L("keysearch", 3, bif_lists_keysearch_3),
    {NULL, NULL, 0, NULL, 0},
};
