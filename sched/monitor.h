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
/* As monitor_process, with the reference made an alias of the watcher
   ('alias_mode' from the enum below, or -1 for none). */
term_t monitor_process_alias(Proc *watcher, term_t target, term_t item, int alias_mode);

/* Removes the monitor 'ref' set by 'watcher'. Returns false if it was not
   active. With 'flush', a queued DOWN message for it is removed too. */
bool monitor_demonitor(Proc *watcher, term_t ref, bool flush);

/* Aliases (OTP 25's alias/0,1, unalias/1, monitor/3's alias option): a
   reference that messages can be sent to, delivered to the process that
   made it while the alias is active. */
enum { ALIAS_EXPLICIT, ALIAS_DEMONITOR, ALIAS_REPLY_DEMONITOR };
void alias_add(Proc *owner, term_t ref, int mode);
bool alias_remove(Proc *owner, term_t ref);
/* Sends 'msg' to the owner of the alias 'ref' if it is active. A
   reply_demonitor alias ends (and its monitor with it) on the first
   message. */
void alias_send(term_t ref, term_t msg);

/* process_info: the processes monitoring 't' (monitored_by: their pids)
   and the monitors 't' holds (monitors: {process, Pid | {Name, Node}}),
   as lists on the heap of 'on'. */
term_t monitor_watchers(Proc *t, Proc *on);
term_t monitor_held(Proc *t, Proc *on);

/* 'p' is exiting with 'reason': every process monitoring it gets its DOWN
   message. Allocates on p's heap. */
void monitor_exit(Proc *p, term_t reason);

#endif
