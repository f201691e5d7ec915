/*
** term.c: the few term predicates of term.h that are not inline.
*/
#include "atom.h"
#include "term.h"

bool term_is_boolean(term_t t)
{
    return t == ATOM_true || t == ATOM_false;
}

sint_t list_length(term_t t)
{
    sint_t n = 0;
    while (term_is_list(t)) {
        n++;
        t = list_tail(t);
    }
    return term_is_nil(t) ? n : -1;
}
