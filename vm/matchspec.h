/*
** matchspec.h: match specifications, [{Head, Guards, Body}], as ETS uses
** them (select, match, match_object, select_count/delete/replace,
** match_spec_run). Compiling checks a specification and indexes its
** variables; running matches one term against the clauses in order and
** evaluates the first matching clause's body. The specification's terms
** are used in place, not copied: they must outlive the compiled form.
*/
#ifndef SPORE_MATCHSPEC_H
#define SPORE_MATCHSPEC_H

#include "../sched/proc.h"

typedef struct MatchSpec MatchSpec;

/* The compiled form of 'spec', or NULL if it is not a valid
   specification (the caller raises badarg). Allocates C memory only. */
MatchSpec *ms_compile(term_t spec);
void ms_free(MatchSpec *ms);

/* The specification term 'ms' was compiled from. */
term_t ms_term(const MatchSpec *ms);

/* Runs 'ms' on 'obj': the value of the body of the first clause whose
   head matches and whose guards are all true; TERM_NONE if none matches;
   the atom 'EXIT' if the body fails. The result may share subterms with
   'obj' and the specification (the caller copies it if 'obj' lives
   elsewhere). Allocates on p's heap; never GCs, never raises (p's error
   state is left as it was). */
term_t ms_run(Proc *p, MatchSpec *ms, term_t obj);

/* If 'ms' has one clause whose head is a tuple whose element 'keypos' is
   ground (no variable, no '_'), that element; else TERM_NONE. A caller
   may then look at the objects of that key only. */
term_t ms_bound_key(const MatchSpec *ms, uint32_t keypos);

/* Whether every clause of 'ms' surely returns an object with the key it
   matched (as select_replace requires: OTP's syntactic test). */
bool ms_keeps_key(const MatchSpec *ms, uint32_t keypos);

#endif
