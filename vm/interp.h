/*
** interp.h: the interpreter, which runs one process for one time slice.
*/
#ifndef SPORE_INTERP_H
#define SPORE_INTERP_H

#include "../sched/proc.h"

enum { RUN_YIELD, RUN_WAIT, RUN_EXIT };
#define INTERP_REDS 4000

void interp_init(void);
/* Runs 'p' from p->ip with p->arity live x registers saved in p->xsave,
   for at most p->reds reductions. Returns RUN_YIELD (out of reductions;
   state saved), RUN_WAIT (in receive; resume at p->ip), or RUN_EXIT
   (p->exit_reason set). */
int interp_run(Proc *p);

/* Code that applies x0:x1(x2) and then ends the process normally: the
   first instruction of every spawned process. */
const Instr *interp_apply_entry(void);
/* Code that calls the fun in x0 with no arguments, then ends normally. */
const Instr *interp_fun_entry(void);

#endif
