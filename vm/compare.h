/*
** compare.h: Erlang's term order and the equality tests built on it.
** The order is number < atom < reference < fun < port < pid < tuple < map
** < [] < list < bitstring. None of these functions allocates on a process
** heap, GCs or raises; deep and long terms are walked with an explicit
** stack, so a term of any depth is safe.
*/
#ifndef SPORE_COMPARE_H
#define SPORE_COMPARE_H

#include "term.h"

/* -1, 0 or 1: the standard order ('<', '==', min, max, lists:sort).
   Numbers compare by value, so 1 == 1.0. Maps compare by size, then by
   their keys in map-key order (compared exactly), then by their values
   in that key order. */
int compare_terms(term_t a, term_t b);

/* -1, 0 or 1: the total order of map keys (OTP 25). As compare_terms,
   except that an integer and a float never compare equal: every integer
   sorts before every float. Returns 0 exactly when a =:= b. */
int compare_terms_exact(term_t a, term_t b);

/* a =:= b. Identical words answer at once. */
bool compare_exact(term_t a, term_t b);

/* a == b. */
bool compare_eq(term_t a, term_t b);

#endif
