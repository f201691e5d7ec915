/*
** arith.c: the arithmetic operators on numbers, their order by value, and
** integer text in any base. Two smalls are handled inline with 64/128-bit
** machine arithmetic; bignums go through GMP (bignum.h); a float operand
** turns the operation into a double operation whose result must be finite.
*/
#include "arith.h"

#include <math.h>

#include "../bif/bif.h"
#include "bignum.h"
#include "heap.h"

typedef enum {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_REM, OP_BAND, OP_BOR, OP_BXOR
} Op;

static term_t badarith(Proc *p) { return bif_error(p, EXC_ERROR, ATOM_badarith); }

static inline term_t make_int(Proc *p, sint_t v)
{
    return small_fits(v) ? make_small(v) : bignum_from_sint(p, v);
}

term_t arith_make_float(Proc *p, double d)
{
    return make_float_at(heap_alloc(p, FLOAT_WORDS), d);
}

static term_t float_result(Proc *p, double d)
{
    if (!isfinite(d))
        return badarith(p);
    return arith_make_float(p, d);
}

bool arith_to_double(term_t n, double *d)
{
    if (term_is_small(n)) {
        *d = (double)small_val(n);
        return true;
    }
    if (term_is_float(n)) {
        *d = float_val(n);
        return true;
    }
    if (term_is_big(n))
        return bignum_to_double(n, d);
    return false;
}

term_t arith_from_double(Proc *p, double d) { return bignum_from_double(p, d); }

/* ---- integers of any size ---- */

/* An integer whose magnitude fits one limb, as a 128-bit value. */
static bool to_i128(term_t t, __int128 *v)
{
    if (term_is_small(t)) {
        *v = small_val(t);
        return true;
    }
    const term_t *w = term_ptr(t);
    if (HDR_ARITY(w[0]) != 1)
        return false;
    *v = HDR_SUBTAG(w[0]) == HDR_NEG_BIG ? -(__int128)w[1] : (__int128)w[1];
    return true;
}

/* Integers of at most one limb (the common case just past the small
   range) without going through GMP. Returns false when the result or the
   operation is beyond 128 bits. */
static bool small_binop(Proc *p, Op op, term_t a, term_t b, term_t *out)
{
    __int128 x, y, r;
    if (!to_i128(a, &x) || !to_i128(b, &y))
        return false;
    switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_SUB: r = x - y; break;
    case OP_MUL:
        if (__builtin_mul_overflow(x, y, &r))
            return false;
        break;
    case OP_BAND: r = x & y; break;
    case OP_BOR: r = x | y; break;
    case OP_BXOR: r = x ^ y; break;
    default: return false;
    }
    *out = r >= SMALL_MIN && r <= SMALL_MAX ? make_small((sint_t)r) : bignum_from_i128(p, r);
    return true;
}

static term_t int_binop(Proc *p, Op op, term_t a, term_t b)
{
    term_t quick;
    if (small_binop(p, op, a, b, &quick))
        return quick;
    BigView va, vb;
    bignum_view(&va, a);
    bignum_view(&vb, b);
    if (op == OP_MUL && mpz_size(va.z) + mpz_size(vb.z) > BIGNUM_MAX_LIMBS + 1)
        return bif_error(p, EXC_ERROR, ATOM_system_limit);
    mpz_t r;
    mpz_init(r);
    switch (op) {
    case OP_ADD: mpz_add(r, va.z, vb.z); break;
    case OP_SUB: mpz_sub(r, va.z, vb.z); break;
    case OP_MUL: mpz_mul(r, va.z, vb.z); break;
    case OP_DIV: mpz_tdiv_q(r, va.z, vb.z); break;
    case OP_REM: mpz_tdiv_r(r, va.z, vb.z); break;
    case OP_BAND: mpz_and(r, va.z, vb.z); break;
    case OP_BOR: mpz_ior(r, va.z, vb.z); break;
    case OP_BXOR: mpz_xor(r, va.z, vb.z); break;
    }
    term_t t = bignum_make(p, r);
    mpz_clear(r);
    return t;
}

/* '+', '-', '*' when at least one operand is not a small. */
static term_t mixed_op(Proc *p, Op op, term_t a, term_t b)
{
    if (term_is_integer(a) && term_is_integer(b))
        return int_binop(p, op, a, b);
    double x, y;
    if (!arith_to_double(a, &x) || !arith_to_double(b, &y))
        return badarith(p);
    switch (op) {
    case OP_ADD: return float_result(p, x + y);
    case OP_SUB: return float_result(p, x - y);
    default: return float_result(p, x * y);
    }
}

term_t arith_add(Proc *p, term_t a, term_t b)
{
    if (VM_LIKELY(term_is_small(a) && term_is_small(b)))
        return make_int(p, small_val(a) + small_val(b));
    return mixed_op(p, OP_ADD, a, b);
}

term_t arith_sub(Proc *p, term_t a, term_t b)
{
    if (VM_LIKELY(term_is_small(a) && term_is_small(b)))
        return make_int(p, small_val(a) - small_val(b));
    return mixed_op(p, OP_SUB, a, b);
}

term_t arith_mul(Proc *p, term_t a, term_t b)
{
    if (VM_LIKELY(term_is_small(a) && term_is_small(b))) {
        __int128 r = (__int128)small_val(a) * small_val(b);
        if (r >= SMALL_MIN && r <= SMALL_MAX)
            return make_small((sint_t)r);
        return bignum_from_i128(p, r);
    }
    return mixed_op(p, OP_MUL, a, b);
}

term_t arith_fdiv(Proc *p, term_t a, term_t b)
{
    double x, y;
    if (!arith_to_double(a, &x) || !arith_to_double(b, &y) || y == 0.0)
        return badarith(p);
    return float_result(p, x / y);
}

static bool is_zero(term_t t) { return t == make_small(0); }

term_t arith_div(Proc *p, term_t a, term_t b)
{
    if (VM_LIKELY(term_is_small(a) && term_is_small(b))) {
        if (is_zero(b))
            return badarith(p);
        return make_int(p, small_val(a) / small_val(b));
    }
    if (!term_is_integer(a) || !term_is_integer(b) || is_zero(b))
        return badarith(p);
    return int_binop(p, OP_DIV, a, b);
}

term_t arith_rem(Proc *p, term_t a, term_t b)
{
    if (VM_LIKELY(term_is_small(a) && term_is_small(b))) {
        if (is_zero(b))
            return badarith(p);
        return make_small(small_val(a) % small_val(b));
    }
    if (!term_is_integer(a) || !term_is_integer(b) || is_zero(b))
        return badarith(p);
    return int_binop(p, OP_REM, a, b);
}

/* The bitwise operators keep two smalls in range: no overflow check. */
term_t arith_band(Proc *p, term_t a, term_t b)
{
    if (VM_LIKELY(term_is_small(a) && term_is_small(b)))
        return make_small(small_val(a) & small_val(b));
    if (!term_is_integer(a) || !term_is_integer(b))
        return badarith(p);
    return int_binop(p, OP_BAND, a, b);
}

term_t arith_bor(Proc *p, term_t a, term_t b)
{
    if (VM_LIKELY(term_is_small(a) && term_is_small(b)))
        return make_small(small_val(a) | small_val(b));
    if (!term_is_integer(a) || !term_is_integer(b))
        return badarith(p);
    return int_binop(p, OP_BOR, a, b);
}

term_t arith_bxor(Proc *p, term_t a, term_t b)
{
    if (VM_LIKELY(term_is_small(a) && term_is_small(b)))
        return make_small(small_val(a) ^ small_val(b));
    if (!term_is_integer(a) || !term_is_integer(b))
        return badarith(p);
    return int_binop(p, OP_BXOR, a, b);
}

/* Shifts integer 'a' left by 'n' bits (right when negative), rounding
   towards minus infinity as bsr does. A count beyond any possible size is
   clamped to +-(BIGNUM_MAX_BITS + 1). */
static term_t shift_left(Proc *p, term_t a, sint_t n)
{
    if (n == 0 || is_zero(a))
        return a;
    if (n > 0) {
        if ((uint64_t)n > BIGNUM_MAX_BITS)
            return bif_error(p, EXC_ERROR, ATOM_system_limit);
        if (term_is_small(a) && n < 64)
            return bignum_from_i128(p, (__int128)small_val(a) * ((__int128)1 << n));
    } else {
        uint64_t m = (uint64_t)0 - (uint64_t)n;
        if (term_is_small(a)) {
            sint_t v = small_val(a);
            return make_small(m >= 63 ? (v < 0 ? -1 : 0) : v >> m);
        }
        if (m >= (uint64_t)bignum_limbs(a) * 64)
            return make_small(bignum_is_neg(a) ? -1 : 0);
    }
    BigView va;
    bignum_view(&va, a);
    mpz_t r;
    mpz_init(r);
    if (n > 0)
        mpz_mul_2exp(r, va.z, (mp_bitcnt_t)n);
    else
        mpz_fdiv_q_2exp(r, va.z, (mp_bitcnt_t)((uint64_t)0 - (uint64_t)n));
    term_t t = bignum_make(p, r);
    mpz_clear(r);
    return t;
}

static sint_t shift_count(term_t b)
{
    const sint_t huge = (sint_t)BIGNUM_MAX_BITS + 1;
    if (term_is_small(b)) {
        sint_t n = small_val(b);
        return n > huge ? huge : (n < -huge ? -huge : n);
    }
    return bignum_is_neg(b) ? -huge : huge;
}

term_t arith_bsl(Proc *p, term_t a, term_t b)
{
    if (!term_is_integer(a) || !term_is_integer(b))
        return badarith(p);
    return shift_left(p, a, shift_count(b));
}

term_t arith_bsr(Proc *p, term_t a, term_t b)
{
    if (VM_LIKELY(term_is_small(a) && term_is_small(b))) {
        sint_t n = small_val(b);
        if (n >= 0)
            return make_small(n >= 63 ? (small_val(a) < 0 ? -1 : 0) : small_val(a) >> n);
    }
    if (!term_is_integer(a) || !term_is_integer(b))
        return badarith(p);
    return shift_left(p, a, -shift_count(b));
}

/* ---- one operand ---- */

static term_t int_unop(Proc *p, term_t a, void (*fn)(mpz_ptr, mpz_srcptr))
{
    BigView va;
    bignum_view(&va, a);
    mpz_t r;
    mpz_init(r);
    fn(r, va.z);
    term_t t = bignum_make(p, r);
    mpz_clear(r);
    return t;
}

term_t arith_bnot(Proc *p, term_t a)
{
    if (term_is_small(a))
        return make_small(~small_val(a));
    if (!term_is_big(a))
        return badarith(p);
    return int_unop(p, a, mpz_com);
}

term_t arith_neg(Proc *p, term_t a)
{
    if (term_is_small(a))
        return make_int(p, -small_val(a));
    if (term_is_float(a))
        return arith_make_float(p, -float_val(a));
    if (!term_is_big(a))
        return badarith(p);
    return int_unop(p, a, mpz_neg);
}

term_t arith_abs(Proc *p, term_t a)
{
    if (term_is_small(a))
        return small_val(a) < 0 ? make_int(p, -small_val(a)) : a;
    if (term_is_float(a)) {
        double d = float_val(a);
        return d < 0 ? arith_make_float(p, -d) : a;
    }
    if (!term_is_big(a))
        return bif_error(p, EXC_ERROR, ATOM_badarg);
    return bignum_is_neg(a) ? int_unop(p, a, mpz_abs) : a;
}

/* ---- order ---- */

static int sign_of(double x) { return (x > 0) - (x < 0); }

/* Integer 'i' against double 'f', exactly. */
static int int_float_cmp(term_t i, double f)
{
    if (term_is_small(i)) {
        if (f >= 9223372036854775808.0)
            return -1;
        if (f < -9223372036854775808.0)
            return 1;
        sint_t v = small_val(i);
        double t = trunc(f);
        sint_t ti = (sint_t)t;
        if (v != ti)
            return v < ti ? -1 : 1;
        return sign_of(t - f);
    }
    BigView v;
    bignum_view(&v, i);
    int c = mpz_cmp_d(v.z, f);
    return (c > 0) - (c < 0);
}

int arith_compare(term_t a, term_t b)
{
    if (term_is_small(a) && term_is_small(b)) {
        sint_t x = small_val(a), y = small_val(b);
        return (x > y) - (x < y);
    }
    if (term_is_float(a)) {
        if (term_is_float(b)) {
            double x = float_val(a), y = float_val(b);
            return (x > y) - (x < y);
        }
        return -int_float_cmp(b, float_val(a));
    }
    if (term_is_float(b))
        return int_float_cmp(a, float_val(b));
    if (term_is_small(a))
        return bignum_is_neg(b) ? 1 : -1;
    if (term_is_small(b))
        return bignum_is_neg(a) ? -1 : 1;
    return bignum_cmp(a, b);
}

/* ---- text ---- */

void arith_int_format(term_t i, unsigned base, StrBuf *b)
{
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    VM_ASSERT(base >= 2 && base <= 36);
    if (term_is_small(i)) {
        char buf[72];
        char *e = buf + sizeof buf, *s = e;
        sint_t v = small_val(i);
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        do {
            *--s = digits[m % base];
            m /= base;
        } while (m != 0);
        if (v < 0)
            *--s = '-';
        strbuf_add(b, s, (size_t)(e - s));
        return;
    }
    BigView v;
    bignum_view(&v, i);
    size_t cap = mpz_sizeinbase(v.z, (int)base) + 2;
    char *s = vm_alloc(cap);
    mpz_get_str(s, (int)base, v.z);
    size_t n = strlen(s);
    for (size_t k = 0; k < n; k++)
        if (s[k] >= 'a' && s[k] <= 'z')
            s[k] = (char)(s[k] - 'a' + 'A');
    strbuf_add(b, s, n);
    vm_free(s);
}

static unsigned digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'z')
        return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'Z')
        return (unsigned)(c - 'A' + 10);
    return 99;
}

term_t arith_parse_int(Proc *p, const char *s, size_t n, unsigned base)
{
    size_t i = 0;
    bool neg = false;
    if (base < 2 || base > 36)
        return TERM_NONE;
    if (n > 0 && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == n)
        return TERM_NONE;
    uint64_t acc = 0;
    bool fits = true;
    for (size_t k = i; k < n; k++) {
        unsigned d = digit_value(s[k]);
        if (d >= base)
            return TERM_NONE;
        if (fits && acc > (UINT64_MAX - d) / base)
            fits = false;
        if (fits)
            acc = acc * base + d;
    }
    if (fits && acc <= (uint64_t)SMALL_MAX)
        return make_small(neg ? -(sint_t)acc : (sint_t)acc);
    mpz_t z;
    mpz_init(z);
    if (fits) {
        mpz_set_ui(z, (unsigned long)acc);
    } else {
        char *tmp = vm_alloc(n - i + 1);
        memcpy(tmp, s + i, n - i);
        tmp[n - i] = '\0';
        mpz_set_str(z, tmp, (int)base);
        vm_free(tmp);
    }
    if (neg)
        mpz_neg(z, z);
    term_t t = bignum_make(p, z);
    mpz_clear(z);
    return t;
}
