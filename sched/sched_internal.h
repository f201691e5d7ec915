/*
** sched_internal.h: what the files of sched/ and bif/erlang_proc.c share
** beyond proc.h and sched.h: spawn options, the default group leader, the
** deferred freeing of exited processes, and sizes for process_info.
*/
#ifndef SPORE_SCHED_INTERNAL_H
#define SPORE_SCHED_INTERNAL_H

#include "msgtimer.h"
#include "sched.h"

/* Options of a new process (spawn_opt). Priority PRIO_NORMAL and min_heap
   PROC_MIN_HEAP are the defaults. */
typedef struct SpawnOpts {
    uint32_t prio;
    size_t min_heap; /* words; rounded up with proc_heap_size */
    size_t max_heap; /* words; 0: no limit */
    bool max_kill;   /* kill the process when its heap passes max_heap */
    bool max_report; /* and report it */
} SpawnOpts;

#define PROC_MIN_HEAP 233 /* words: the default (and smallest) heap */

/* ---- proc.c ---- */
/* Spawns M:F(Args) (fun == TERM_NONE) or the fun 'fun' (m, f, args
   ignored) with options 'o' (NULL: defaults). Allocates; never GCs. Returns
   NULL with '*err' = badarg when the arguments are malformed. */
Proc *proc_spawn_opts(Proc *parent, term_t m, term_t f, term_t args, term_t fun, const SpawnOpts *o,
                      term_t *err);

/* The group leader of processes spawned with no parent. */
void proc_set_default_gl(term_t gl);

/* The heap size BEAM would use for a request of 'n' words (its sequence
   233, 376, 610, ...: each the sum of the two before plus one, then +20%
   steps from 833026 on). Never below PROC_MIN_HEAP. */
size_t proc_heap_size(size_t n);

/* Frees the struct of a process that proc_exit left in a run queue
   (status PROC_FREE). Only the scheduler calls it. */
void proc_free(Proc *p);

/* Bytes used by 'p' (struct, heap, fragments, stack, messages). */
size_t proc_memory(const Proc *p);
/* Words in the heap of 'p' plus its fragments. */
size_t proc_total_heap(const Proc *p);

/* Called by proc_exit before anything is freed: the place where exit
   signals go to links and monitors. Does nothing yet. */
void proc_exit_signals(Proc *p, term_t reason);

/* ---- timer.c ---- */
/* Timers armed now: receive timeouts and message timers (inline: the
   scheduler asks at every turn). */
extern size_t timer_heap_len;
static inline size_t timer_count(void) { return timer_heap_len + msgtimer_len; }

/* ---- sched.c ---- */
/* Number of processes in run queues (lazily freed ones included). */
size_t sched_queued(void);

#endif
