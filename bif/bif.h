/*
** bif.h: built-in functions. Each bif/<module>.c ends with a table of
** {module, name, arity, function, flags} rows that bif_init registers.
** A BIF returns its result, or TERM_NONE after BIF_ERROR records the class
** and reason on the process; the interpreter then raises it.
** BIFs allocate with heap_alloc and never garbage-collect.
*/
#ifndef SPORE_BIF_H
#define SPORE_BIF_H

#include "../sched/proc.h"
#include "../vm/atom.h"
#include "../vm/code.h"

typedef struct BifDef {
    const char *module, *name;
    uint32_t arity;
    BifFn fn;
    uint32_t flags;
} BifDef;

#define BIF_GUARD 1u   /* allowed in guards (bif0/1/2, gc_bif) */

#define BIF(name) term_t name(Proc *p __attribute__((unused)), term_t *args __attribute__((unused)))

static inline term_t bif_error(Proc *p, uint32_t cls, term_t reason) {
    p->fclass = cls;
    p->freason = reason;
    return TERM_NONE;
}
#define BIF_ERROR(p, reason) return bif_error((p), EXC_ERROR, (reason))
#define BIF_BADARG(p) BIF_ERROR(p, ATOM_badarg)

/* Registers the tables of every bif/ file. Called once at boot. */
void bif_init(void);
/* Before a snapshot is taken (vm_freeze): forgets what the BIFs derived
   from the clocks of this run. */
void bif_freeze(void);
void bif_register(const BifDef *defs);

/* The C function of a BIF, or NULL. */
BifFn bif_find(term_t m, term_t f, uint32_t arity);

/* Each bif/<stem>.c defines 'const BifDef bif_<stem>_table[]', ending with a
   row whose module is NULL; bif.c lists the tables. */

#endif
