/*
** gc.h: the per-process generational collector: a young heap collected
** often (minor collections) and an old heap for data that survived two of
** them, collected only by a full sweep. gc.c explains the scheme.
*/
#ifndef SPORE_GC_H
#define SPORE_GC_H

#include "../sched/proc.h"

/* Minor collections between two full sweeps when p->fullsweep_after is 0
   (OTP's default). */
#define GC_FULLSWEEP_AFTER 65535

/* Collects 'p' and leaves at least 'need' free words on its young heap
   (p->heap .. p->hend). A minor collection copies what is reachable in the
   young heap and the fragments: what survived the previous collection too
   moves to the old heap, the rest to a new young heap. A full sweep (when
   the old heap has no room for what would move there, or after
   fullsweep_after minor collections) copies everything reachable into a
   new old heap and leaves the young heap empty. Roots: xregs[0 .. live),
   the stack (E .. stack_hi), the dictionary (its table and cells are
   mutable: they are scanned even when old), the exception fields (freason,
   fvalue, ftrace), initial_call, exit_reason, marker_ref, registered_name,
   group_leader (queued messages are not: each is in its own fragment, or
   an immediate). Heap
   fragments are merged and freed; refc binaries that died are released.
   Terms in the literal area are left in place. Every term held in a C
   local across this call is invalid afterwards. The checks build verifies
   the heap after every collection. */
void gc_collect(Proc *p, size_t need, term_t *xregs, unsigned live);

/* Verifies that every term reachable from the roots points into the young
   heap, a fragment, the old heap or the literal area, that headers are
   well formed, that no old object but the dictionary's points into the
   young heap or a fragment, and that the two refc chains hold only refc
   binaries of their own generation. Panics on a broken heap. */
void gc_verify(Proc *p, term_t *xregs, unsigned live);

/* Frees both generations and every fragment of 'p' and releases its refc
   binaries (at process exit). */
void gc_free_heap(Proc *p);

#endif
