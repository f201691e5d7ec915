/*
** atom.h: the global atom table. Atoms are UTF-8 names, interned once and
** never freed; an atom term holds the index. Every atom the C code names is
** listed in atoms.def and has a fixed index (ATOM_<name>).
*/
#ifndef SPORE_ATOM_H
#define SPORE_ATOM_H

#include "term.h"

enum {
#define ATOM(name) ATOM_IDX_##name,
#define ATOM2(cname, str) ATOM_IDX_##cname,
#include "atoms.def"
#undef ATOM
#undef ATOM2
    ATOM_IDX__COUNT
};

#define ATOM(name) static const term_t ATOM_##name = ((term_t)ATOM_IDX_##name << 6) | IMM2_ATOM;
#define ATOM2(cname, str) static const term_t ATOM_##cname = ((term_t)ATOM_IDX_##cname << 6) | IMM2_ATOM;
#include "atoms.def"
#undef ATOM
#undef ATOM2

/* Fills the table with the atoms of atoms.def. Called once at boot. */
void atom_init(void);

/* The atom named by 'len' bytes of UTF-8 at 's', created if new. Returns
   TERM_NONE if the name is over 255 characters. Allocates; never GCs. */
term_t atom_intern(const char *s, size_t len);
/* As atom_intern, for a NUL-terminated name that is never freed nor
   changed (a string literal): the table keeps the pointer. */
term_t atom_intern_static(const char *s);

/* The atom if it exists, else TERM_NONE (list_to_existing_atom). */
term_t atom_lookup(const char *s, size_t len);

/* The name of an atom: UTF-8 bytes, not NUL-terminated; '*len' is set. */
const char *atom_name(term_t a, size_t *len);

/* The number of atoms in the table. */
size_t atom_count(void);

#endif
