/*
** lit.h: the literal area. Module literals, atoms' static terms and
** persistent terms live here: they are never collected and never copied by
** the collector, which tells them apart by address (lit_contains).
*/
#ifndef SPORE_LIT_H
#define SPORE_LIT_H

#include "term.h"

/* 'n' words of literal memory, zeroed. Never fails. */
term_t *lit_alloc(size_t n);

/* True if 'p' points into the literal area. */
bool lit_contains(const void *p);

/* A deep copy of 't' into the literal area (for persistent_term). */
term_t lit_copy(term_t t);

#endif
