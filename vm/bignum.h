/*
** bignum.h: integers too large for a small, and the bridge to GMP.
**
** A bignum is [hdr(HDR_POS_BIG or HDR_NEG_BIG, n)] limb0 .. limb(n-1): the
** magnitude in 64-bit limbs, least significant first, the top limb non-zero.
** Every integer that fits a small IS a small: bignum_make normalises.
** Arithmetic runs on mpz_t values, using only the part of the GMP API that
** mini-gmp also provides (the kernel builds with SPORE_MINI_GMP).
*/
#ifndef SPORE_BIGNUM_H
#define SPORE_BIGNUM_H

#ifdef SPORE_MINI_GMP
#include "mini-gmp.h"
#else
#include <gmp.h>
#endif

#include "term.h"

struct Proc;

/* The largest bignum, in limbs (as OTP on 64-bit: 33554368 bits). A result
   that needs more raises system_limit. */
#define BIGNUM_MAX_LIMBS 524287u
#define BIGNUM_MAX_BITS ((uint64_t)BIGNUM_MAX_LIMBS * 64u)

static inline size_t bignum_limbs(term_t t) { return (size_t)HDR_ARITY(boxed_hdr(t)); }
static inline bool bignum_is_neg(term_t t) { return HDR_SUBTAG(boxed_hdr(t)) == HDR_NEG_BIG; }
static inline const uint64_t *bignum_digits(term_t t) { return term_ptr(t) + 1; }

/* A read-only mpz view of an integer term (small or bignum), without
   copying the limbs. 'v->z' is valid while the term is alive and 'v' does
   not move; it must not be modified or cleared. */
typedef struct BigView {
    mpz_t z;
    mp_limb_t limb;   /* storage for a small's magnitude */
} BigView;
void bignum_view(BigView *v, term_t integer);

/* The integer 'z' as a term on the heap of 'p': a small when it fits, else
   a new bignum. Allocates; never GCs. If 'z' is over BIGNUM_MAX_LIMBS,
   raises system_limit and returns TERM_NONE. */
term_t bignum_make(struct Proc *p, const mpz_t z);

/* Any signed 64-bit or 128-bit value as an integer term (small or bignum).
   Allocates; never fails. */
term_t bignum_from_sint(struct Proc *p, sint_t v);
term_t bignum_from_i128(struct Proc *p, __int128 v);

/* The integer part of a finite double (as trunc/1), exact. Allocates. */
term_t bignum_from_double(struct Proc *p, double d);

/* A bignum as a double, the way OTP converts (most significant limb first,
   d = d * 2^64 + limb, each step rounded). False when it overflows. */
bool bignum_to_double(term_t big, double *d);

/* Order of two bignums: -1, 0, 1. */
int bignum_cmp(term_t a, term_t b);

#endif
