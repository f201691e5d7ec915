/*
** monitor.h: process monitors: erlang:monitor/2, demonitor/1,2 and the
** 'DOWN' messages sent when a monitored process exits. References are made
** here too, from the one counter every reference of the VM uses.
*/
#ifndef SPORE_MONITOR_H
#define SPORE_MONITOR_H

#include "proc.h"

/* A new reference on the heap of 'p'. */
term_t monitor_ref_new(Proc *p);

/* 'watcher' monitors the process 'target' (a pid, or a registered name,
   in which case 'item' is the {Name, Node} the DOWN message names; else
   'item' is the pid). Returns the reference. If the target does not
   exist, a DOWN message with reason noproc is sent at once. */
term_t monitor_process(Proc *watcher, term_t target, term_t item);

/* Removes the monitor 'ref' set by 'watcher'. Returns false if it was not
   active. With 'flush', a queued DOWN message for it is removed too. */
bool monitor_demonitor(Proc *watcher, term_t ref, bool flush);

/* 'p' is exiting with 'reason': every process monitoring it gets its DOWN
   message. Allocates on p's heap. */
void monitor_exit(Proc *p, term_t reason);

#endif
