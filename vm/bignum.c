/*
** bignum.c: bignums on the process heap, and their conversion to and from
** GMP's mpz_t. Heap bignums are read in place (mpz_roinit_n); results are
** computed into mpz_t temporaries and copied onto the heap, normalised.
*/
#include "bignum.h"

#include <math.h>

#include "../bif/bif.h"
#include "heap.h"

_Static_assert(sizeof(mp_limb_t) == sizeof(uint64_t), "64-bit GMP limbs expected");

void bignum_view(BigView *v, term_t t)
{
    if (term_is_small(t)) {
        sint_t x = small_val(t);
        v->limb = x < 0 ? (mp_limb_t)0 - (mp_limb_t)x : (mp_limb_t)x;
        mpz_roinit_n(v->z, &v->limb, x < 0 ? -1 : (x > 0 ? 1 : 0));
        return;
    }
    VM_ASSERT(term_is_big(t));
    mp_size_t n = (mp_size_t)bignum_limbs(t);
    mpz_roinit_n(v->z, (const mp_limb_t *)bignum_digits(t), bignum_is_neg(t) ? -n : n);
}

/* Copies 'n' limbs of magnitude onto the heap as a bignum, or makes a small
   when the value fits one. */
static term_t make_from_limbs(Proc *p, const mp_limb_t *limbs, size_t n, bool neg)
{
    while (n > 0 && limbs[n - 1] == 0)
        n--;
    if (n == 0)
        return make_small(0);
    if (n == 1) {
        uint64_t m = limbs[0];
        if (!neg && m <= (uint64_t)SMALL_MAX)
            return make_small((sint_t)m);
        if (neg && m <= (uint64_t)SMALL_MAX + 1)
            return make_small(-(sint_t)m);
    }
    if (n > BIGNUM_MAX_LIMBS)
        return bif_error(p, EXC_ERROR, ATOM_system_limit);
    term_t *hp = heap_alloc(p, 1 + n);
    hp[0] = MAKE_HDR(neg ? HDR_NEG_BIG : HDR_POS_BIG, n);
    memcpy(hp + 1, limbs, n * sizeof(uint64_t));
    return make_boxed(hp);
}

term_t bignum_make(Proc *p, const mpz_t z)
{
    size_t n = mpz_size(z);
    if (n == 0)
        return make_small(0);
    return make_from_limbs(p, mpz_limbs_read(z), n, mpz_sgn(z) < 0);
}

term_t bignum_from_sint(Proc *p, sint_t v)
{
    if (small_fits(v))
        return make_small(v);
    mp_limb_t m = v < 0 ? (mp_limb_t)0 - (mp_limb_t)v : (mp_limb_t)v;
    return make_from_limbs(p, &m, 1, v < 0);
}

term_t bignum_from_i128(Proc *p, __int128 v)
{
    if (v >= SMALL_MIN && v <= SMALL_MAX)
        return make_small((sint_t)v);
    unsigned __int128 m = v < 0 ? (unsigned __int128)0 - (unsigned __int128)v
                                : (unsigned __int128)v;
    mp_limb_t limbs[2] = {(mp_limb_t)m, (mp_limb_t)(m >> 64)};
    return make_from_limbs(p, limbs, 2, v < 0);
}

term_t bignum_from_double(Proc *p, double d)
{
    double t = trunc(d);
    if (t > -9.2e18 && t < 9.2e18)
        return bignum_from_sint(p, (sint_t)t);
    mpz_t z;
    mpz_init(z);
    mpz_set_d(z, t);
    term_t r = bignum_make(p, z);
    mpz_clear(z);
    return r;
}

bool bignum_to_double(term_t big, double *out)
{
    const uint64_t *limbs = bignum_digits(big);
    size_t n = bignum_limbs(big);
    const double base = 18446744073709551616.0;   /* 2^64 */
    double d = 0.0;
    while (n-- > 0) {
        double scaled = d * base;
        d = scaled + (double)limbs[n];
        if (isinf(d))
            return false;
    }
    *out = bignum_is_neg(big) ? -d : d;
    return true;
}

int bignum_cmp(term_t a, term_t b)
{
    BigView va, vb;
    bignum_view(&va, a);
    bignum_view(&vb, b);
    int c = mpz_cmp(va.z, vb.z);
    return (c > 0) - (c < 0);
}
