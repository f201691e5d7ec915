/*
** link.h: links and exit signals. A link is symmetric: each of the two
** processes lists the other's pid. When a process ends, every linked
** process gets an exit signal: a process trapping exits receives
** {'EXIT', Pid, Reason}; any other ends too unless the reason is normal
** ('kill' arrives as 'killed').
*/
#ifndef SPORE_LINK_H
#define SPORE_LINK_H

#include "proc.h"

/* Links 'a' and 'b' (no-op if already linked or a == b). */
void link_add(Proc *a, Proc *b);
/* Removes the link between 'a' and the pid 'b' (both sides). */
void link_remove(Proc *a, term_t b);

/* Sends the exit signal 'reason' from the pid 'from' to 'to', as a link
   does when 'from' ends, or as exit/2 does ('direct'): a direct 'kill' is
   untrappable. Processes that must end are ended after the signal is
   delivered, iteratively: a chain of links never recurses on the C stack.
   'to' must not be the running process. */
void link_signal(term_t from, Proc *to, term_t reason, bool direct);

/* 'p' is ending with 'reason': signals every linked process. */
void link_exit(Proc *p, term_t reason);

/* The linked pids of 'p' as a list on 'on'. */
term_t link_list(Proc *p, Proc *on);

#endif
