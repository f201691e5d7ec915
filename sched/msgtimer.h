/*
** msgtimer.h: timers that deliver a message (erlang:send_after/3,4,
** start_timer/3,4, cancel_timer, read_timer). The message is copied when
** the timer starts and sent when it fires; the destination is a pid or a
** registered name looked up at that time.
*/
#ifndef SPORE_MSGTIMER_H
#define SPORE_MSGTIMER_H

#include "proc.h"

/* Starts a timer that sends 'msg' (or {timeout, Ref, msg} when 'wrap') to
   'dest' at 'deadline' (plat_clock_monotonic ns). Returns the reference,
   made on p's heap. */
term_t msgtimer_start(Proc *p, uint64_t deadline, term_t dest, term_t msg, bool wrap);

/* Cancels the timer 'ref'; returns the nanoseconds that were left, or -1
   if no such timer is active. 'read' only reads, without cancelling. */
int64_t msgtimer_cancel(term_t ref, bool read);

/* Fires every due timer; returns the next deadline or UINT64_MAX. */
uint64_t msgtimer_expire(uint64_t now);
/* Timers armed now. */
extern size_t msgtimer_len;

#endif
