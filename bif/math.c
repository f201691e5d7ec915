/*
** math.c: the math module's BIFs, on the C library's libm. An argument
** that is not a number is badarg; a bignum too large for a double, or a
** result that is not finite (a domain or range error), is badarith.
*/
#include <math.h>

#include "../vm/arith.h"
#include "../vm/heap.h"
#include "bif.h"

/* The argument as a double, or false after raising the error. */
static bool arg_double(Proc *p, term_t t, double *d)
{
    if (!term_is_number(t)) {
        bif_error(p, EXC_ERROR, ATOM_badarg);
        return false;
    }
    if (!arith_to_double(t, d)) {
        bif_error(p, EXC_ERROR, ATOM_badarith);
        return false;
    }
    return true;
}

static term_t result(Proc *p, double r)
{
    if (!isfinite(r))
        BIF_ERROR(p, ATOM_badarith);
    return arith_make_float(p, r);
}

static term_t call1(Proc *p, term_t *args, double (*fn)(double))
{
    double x;
    if (!arg_double(p, args[0], &x))
        return TERM_NONE;
    return result(p, fn(x));
}

static term_t call2(Proc *p, term_t *args, double (*fn)(double, double))
{
    double x, y;
    if (!arg_double(p, args[0], &x) || !arg_double(p, args[1], &y))
        return TERM_NONE;
    return result(p, fn(x, y));
}

#define MATH1(name) BIF(bif_math_##name##_1) { return call1(p, args, name); }
#define MATH2(name) BIF(bif_math_##name##_2) { return call2(p, args, name); }

MATH1(sin)
MATH1(cos)
MATH1(tan)
MATH1(asin)
MATH1(acos)
MATH1(atan)
MATH1(sinh)
MATH1(cosh)
MATH1(tanh)
MATH1(asinh)
MATH1(acosh)
MATH1(atanh)
MATH1(exp)
MATH1(log)
MATH1(log2)
MATH1(log10)
MATH1(sqrt)
MATH1(erf)
MATH1(erfc)
MATH1(ceil)
MATH1(floor)
MATH2(atan2)
MATH2(pow)
MATH2(fmod)

#undef MATH1
#undef MATH2

BIF(bif_math_pi_0)
{
    VM_UNUSED(args);
    return arith_make_float(p, 3.14159265358979323846);
}

#define ROW1(name) {"math", #name, 1, bif_math_##name##_1, 0}

const BifDef bif_math_table[] = {
    ROW1(sin), ROW1(cos), ROW1(tan), ROW1(asin), ROW1(acos), ROW1(atan),
    ROW1(sinh), ROW1(cosh), ROW1(tanh), ROW1(asinh), ROW1(acosh), ROW1(atanh),
    ROW1(exp), ROW1(log), ROW1(log2), ROW1(log10), ROW1(sqrt), ROW1(erf), ROW1(erfc),
    ROW1(ceil), ROW1(floor),
    {"math", "atan2", 2, bif_math_atan2_2, 0},
    {"math", "pow", 2, bif_math_pow_2, 0},
    {"math", "fmod", 2, bif_math_fmod_2, 0},
    {"math", "pi", 0, bif_math_pi_0, 0},
    {NULL},
};

#undef ROW1
