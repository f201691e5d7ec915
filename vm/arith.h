/*
** arith.h: Erlang's arithmetic on numbers (smalls, bignums, floats), their
** order, and their conversion to and from doubles and text.
**
** Every operation takes the process for allocation and errors. On error it
** returns TERM_NONE after bif_error(p, EXC_ERROR, reason): badarith for a
** non-number operand, a zero divisor or a float result that is not finite;
** system_limit for an integer over BIGNUM_MAX_BITS. Results are allocated
** with heap_alloc (never GC); integer results are normalised (a value that
** fits a small is a small). Two smalls take an inline fast path.
*/
#ifndef SPORE_ARITH_H
#define SPORE_ARITH_H

#include "strbuf.h"
#include "term.h"

struct Proc;

term_t arith_add(struct Proc *p, term_t a, term_t b);
term_t arith_sub(struct Proc *p, term_t a, term_t b);
term_t arith_mul(struct Proc *p, term_t a, term_t b);
term_t arith_fdiv(struct Proc *p, term_t a, term_t b);  /* '/': always a float */
term_t arith_div(struct Proc *p, term_t a, term_t b);   /* div: integers, truncating */
term_t arith_rem(struct Proc *p, term_t a, term_t b);   /* rem: sign of the dividend */
term_t arith_band(struct Proc *p, term_t a, term_t b);  /* bitwise ops: integers, */
term_t arith_bor(struct Proc *p, term_t a, term_t b);   /* two's complement of any */
term_t arith_bxor(struct Proc *p, term_t a, term_t b);  /* size */
term_t arith_bsl(struct Proc *p, term_t a, term_t b);   /* a negative count shifts */
term_t arith_bsr(struct Proc *p, term_t a, term_t b);   /* the other way */
term_t arith_bnot(struct Proc *p, term_t a);
term_t arith_neg(struct Proc *p, term_t a);             /* unary '-' */
term_t arith_abs(struct Proc *p, term_t a);             /* abs/1: badarg, as OTP */

/* Order of two numbers of any kinds by value, as the term order compares
   numbers: -1, 0 or 1 (so 1 compares equal to 1.0). Exact for every mix of
   integer and float. Both must be numbers. Never allocates. */
int arith_compare(term_t a, term_t b);

/* The value of a number as a double (bignums rounded the way OTP does).
   False when 'n' is not a number or is too large for a double. */
bool arith_to_double(term_t n, double *d);

/* The integer part of a finite double, as trunc/1, exact. Allocates. */
term_t arith_from_double(struct Proc *p, double d);

/* A float term. Allocates (two words). */
term_t arith_make_float(struct Proc *p, double d);

/* Appends the digits of integer 'i' in 'base' (2..36) to 'b', upper-case
   letters, '-' in front when negative (integer_to_list/2). */
void arith_int_format(term_t i, unsigned base, StrBuf *b);

/* Parses an optional sign and one or more digits of 'base' (2..36, either
   case) filling all of s[0..n). Returns the integer, or TERM_NONE without
   raising anything when the text is not one. Allocates. */
term_t arith_parse_int(struct Proc *p, const char *s, size_t n, unsigned base);

#endif
