/*
** copy.h: deep copies of terms between heaps (messages, spawn arguments,
** ETS, persistent terms). Shared subterms are copied once per reference
** (as in BEAM); refc binaries are shared by reference count.
*/
#ifndef SPORE_COPY_H
#define SPORE_COPY_H

#include "term.h"

/* Words needed to copy 't' (literals included: a copy never points into
   the literal area, so that a message survives a module's unloading). */
size_t copy_size(term_t t);

/* Copies 't' into the words at '*hp' (at least copy_size(t) of them),
   advancing '*hp'. Refc binaries copied are chained onto '*offheap'
   (bin.h) and their counts incremented. */
term_t copy_term(term_t t, term_t **hp, term_t **offheap);

#endif
