/*
** gc.h: the per-process copying collector.
*/
#ifndef SPORE_GC_H
#define SPORE_GC_H

#include "../sched/proc.h"

/* Collects 'p': copies everything reachable from the roots into a new heap
   with at least 'need' free words. Roots: xregs[0 .. live), the stack
   (E .. stack_hi), the dictionary, the exception fields (freason, fvalue,
   ftrace), initial_call, exit_reason, marker_ref, and messages in the queue
   whose 'frag' is NULL. Heap fragments are merged and freed; refc binaries
   that died are released. Terms in the literal area are left in place.
   Every term held in a C local across this call is invalid afterwards. */
void gc_collect(Proc *p, size_t need, term_t *xregs, unsigned live);

/* Checks build: verifies that every term reachable from the roots points
   into the heap or the literal area, and that headers are well formed.
   Panics on a broken heap. */
void gc_verify(Proc *p, term_t *xregs, unsigned live);

/* Frees every heap block and fragment of 'p' and releases its refc
   binaries (at process exit). */
void gc_free_heap(Proc *p);

#endif
