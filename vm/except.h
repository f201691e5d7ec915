/*
** except.h: exceptions: stack traces, finding the catching frame, exit
** reasons and crash reports. The interpreter raises; this file explains.
*/
#ifndef SPORE_EXCEPT_H
#define SPORE_EXCEPT_H

#include "../sched/proc.h"

#define EXCEPT_TRACE_DEPTH 8

/* The class atom of EXC_* and back (0 if 'a' is not a class). */
term_t except_class_atom(uint32_t cls);
uint32_t except_class_of(term_t a);

/* Flags of except_trace. */
#define TRACE_FC 1u      /* function_clause: the frame at 'ip' lists its arguments */
#define TRACE_BIF 2u     /* 'mfa' is a BIF: its frame carries error_info */
#define TRACE_TAIL 4u    /* raised by a tail call: the frame at 'ip' is gone */

/* Builds the stack trace list of the exception being raised at 'ip' with
   continuation 'cp' and stack frame 'E'. When 'mfa' is not NULL the first
   frame is {M, F, Args, Loc} with the 'mfa->arity' arguments at 'args' (a
   failing BIF, or an undefined function). Consecutive frames of the same
   return address are recorded once, as OTP does. Allocates on p; never
   GCs. */
term_t except_trace(Proc *p, const Instr *ip, const Instr *cp, const term_t *E,
                    const Export *mfa, const term_t *args, unsigned flags);

/* The trace of erlang:error(Reason, Args[, Options]) called at 'ip': the
   caller's frame lists 'fargs' and, from 'opts', its error_info. */
term_t except_trace_error(Proc *p, const Instr *ip, const Instr *cp, const term_t *E,
                          term_t fargs, term_t opts);

/* The innermost catch on the stack from 'E' up: returns the frame pointer
   to resume with and sets '*handler', or returns NULL. */
term_t *except_find_catch(Proc *p, term_t *E, const Instr **handler);

/* The value of 'catch Expr' for an exception. */
term_t except_catch_value(Proc *p, term_t cls, term_t reason, term_t trace);

/* The exit reason of a process that did not catch the exception. */
term_t except_exit_reason(Proc *p, uint32_t cls, term_t reason, term_t trace);

/* Prints the crash report of a process ending with an uncaught error. */
void except_report(Proc *p, uint32_t cls, term_t reason, term_t trace);

/* Reports a process killed for passing max_heap_size ('words' in its heap),
   as OTP's error report does. */
void except_report_max_heap(Proc *p, size_t words);

/* Registers a catch handler address; returns its index for make_catch. */
uint32_t except_catch_register(const Instr *handler);

#endif
