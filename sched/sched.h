/*
** sched.h: the per-domain scheduler, the mailbox and the timers.
*/
#ifndef SPORE_SCHED_H
#define SPORE_SCHED_H

#include "proc.h"

/* ---- sched.c ---- */
void sched_init(void);
/* Makes 'p' runnable (no-op if it already is or is running). */
void sched_wake(Proc *p);
/* Runs processes until none is left alive or halt is called. Blocks in
   plat_yield when nothing is runnable but timers are pending. Returns the
   exit status (halt/1, or 0 when every process ended). */
int sched_run(void);
/* Requested by halt/1: 'sched_run' returns 'status' after the current
   time slice. */
void sched_halt(int status);
/* Requested by spore:warm_point/0 when the platform takes a snapshot there:
   'sched_run' returns VM_WARM (vm/plat.h) after the current time slice,
   every process as it is. */
void sched_warm_stop(void);
/* Before a snapshot is taken: a restored copy's first slice marks
   PLAT_MARK_FIRST again, and runs the process the scheduler picks now. */
void sched_freeze(void);
Proc *sched_current(void);

/* ---- mbox.c ---- (the interpreter's receive primitives) */
/* Sends a copy of 'msg' to 'to' (copied into a fragment, queued, woken).
   Never fails; a dead receiver drops the message. */
void mbox_send(Proc *to, term_t msg);
/* The message at the save pointer, or NULL when the queue is exhausted.
   Inline: a selective receive over a long queue spends its time here. */
static inline Msg *mbox_peek(Proc *p) { return *p->mq_save; }
/* Moves the save pointer past the current message, if there is one. */
static inline void mbox_next(Proc *p) {
    Msg *m = *p->mq_save;
    if (m) p->mq_save = &m->next;
}
/* Removes the current message (its fragment joins the heap), resets the
   save pointer to the head of the queue and cancels the receive timer. */
void mbox_remove(Proc *p);
/* Drops the message at 'link' (a link into p's queue), keeping the save
   pointer, the marker and the tail valid. */
void mbox_unlink(Proc *p, Msg **link);
/* Resets the save pointer to the head (after a timeout). */
void mbox_rewind(Proc *p);
/* Frees every queued message (process exit). */
void mbox_free_all(Proc *p);

/* ---- timer.c ---- */
/* Arms the receive timer of 'p' for 'deadline' (plat_clock_monotonic ns);
   when it fires, p->timed_out is set and p is woken. */
void timer_start(Proc *p, uint64_t deadline);
void timer_cancel(Proc *p);
/* Fires every due timer; returns the next deadline or UINT64_MAX. */
uint64_t timer_expire(uint64_t now);

#endif
