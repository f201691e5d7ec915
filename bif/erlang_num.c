/*
** erlang_num.c: the erlang module's number BIFs: the arithmetic operators,
** abs/float/trunc/round/ceil/floor, and the conversions between numbers
** and their text as lists or binaries. The work is in vm/arith.c and
** vm/fmt_float.c; this file checks arguments and builds results.
*/
#include <math.h>

#include "../vm/arith.h"
#include "../vm/bignum.h"
#include "../vm/bin.h"
#include "../vm/fmt_float.h"
#include "../vm/heap.h"
#include "bif.h"

/* ---- operators ---- */

BIF(bif_erlang_plus_2) { return arith_add(p, args[0], args[1]); }
BIF(bif_erlang_minus_2) { return arith_sub(p, args[0], args[1]); }
BIF(bif_erlang_times_2) { return arith_mul(p, args[0], args[1]); }
BIF(bif_erlang_slash_2) { return arith_fdiv(p, args[0], args[1]); }
BIF(bif_erlang_div_2) { return arith_div(p, args[0], args[1]); }
BIF(bif_erlang_rem_2) { return arith_rem(p, args[0], args[1]); }
BIF(bif_erlang_band_2) { return arith_band(p, args[0], args[1]); }
BIF(bif_erlang_bor_2) { return arith_bor(p, args[0], args[1]); }
BIF(bif_erlang_bxor_2) { return arith_bxor(p, args[0], args[1]); }
BIF(bif_erlang_bsl_2) { return arith_bsl(p, args[0], args[1]); }
BIF(bif_erlang_bsr_2) { return arith_bsr(p, args[0], args[1]); }
BIF(bif_erlang_bnot_1) { return arith_bnot(p, args[0]); }
BIF(bif_erlang_minus_1) { return arith_neg(p, args[0]); }
/* Unary plus is 0 + X, as compiled code runs it on OTP (-0.0 gives 0.0). */
BIF(bif_erlang_plus_1) { return arith_add(p, make_small(0), args[0]); }
BIF(bif_erlang_abs_1) { return arith_abs(p, args[0]); }

/* ---- float and rounding ---- */

BIF(bif_erlang_float_1)
{
    term_t x = args[0];
    if (term_is_float(x))
        return x;
    double d;
    if (!term_is_integer(x) || !arith_to_double(x, &d))
        BIF_BADARG(p);
    return arith_make_float(p, d);
}

static term_t round_with(Proc *p, term_t x, double (*fn)(double))
{
    if (term_is_integer(x))
        return x;
    if (!term_is_float(x))
        BIF_BADARG(p);
    return arith_from_double(p, fn(float_val(x)));
}

BIF(bif_erlang_trunc_1) { return round_with(p, args[0], trunc); }
BIF(bif_erlang_round_1) { return round_with(p, args[0], round); }
BIF(bif_erlang_ceil_1) { return round_with(p, args[0], ceil); }
BIF(bif_erlang_floor_1) { return round_with(p, args[0], floor); }

/* ---- integers as text ---- */

static bool get_base(term_t t, unsigned *base)
{
    if (!term_is_small(t) || small_val(t) < 2 || small_val(t) > 36)
        return false;
    *base = (unsigned)small_val(t);
    return true;
}

/* The text of integer 'i' in 'base' as a list or a binary. */
static term_t int_text(Proc *p, term_t i, term_t base_t, bool binary)
{
    unsigned base = 10;
    if (!term_is_integer(i) || (base_t != TERM_NONE && !get_base(base_t, &base)))
        BIF_BADARG(p);
    StrBuf b;
    strbuf_init(&b);
    arith_int_format(i, base, &b);
    term_t r = binary ? bin_from(p, b.s, b.len) : heap_str(p, b.s, b.len);
    strbuf_free(&b);
    return r;
}

BIF(bif_erlang_integer_to_list_1) { return int_text(p, args[0], TERM_NONE, false); }
BIF(bif_erlang_integer_to_list_2) { return int_text(p, args[0], args[1], false); }
BIF(bif_erlang_integer_to_binary_1) { return int_text(p, args[0], TERM_NONE, true); }
BIF(bif_erlang_integer_to_binary_2) { return int_text(p, args[0], args[1], true); }

/* The bytes of a proper list of bytes, in 'small' when they fit, else in a
   new block the caller frees with vm_free. NULL if 't' is not such a list. */
static char *list_chars(term_t t, char *small, size_t cap, size_t *n)
{
    size_t len = 0;
    term_t l = t;
    for (; term_is_list(l); l = list_tail(l)) {
        term_t h = list_head(l);
        if (!term_is_small(h) || small_val(h) < 0 || small_val(h) > 255)
            return NULL;
        len++;
    }
    if (!term_is_nil(l))
        return NULL;
    char *s = len < cap ? small : vm_alloc(len + 1);
    size_t k = 0;
    for (l = t; term_is_list(l); l = list_tail(l))
        s[k++] = (char)small_val(list_head(l));
    s[k] = '\0';
    *n = len;
    return s;
}

static term_t list_to_int(Proc *p, term_t l, term_t base_t)
{
    unsigned base = 10;
    if (base_t != TERM_NONE && !get_base(base_t, &base))
        BIF_BADARG(p);
    char small[128];
    size_t n;
    char *s = list_chars(l, small, sizeof small, &n);
    if (s == NULL)
        BIF_BADARG(p);
    term_t r = arith_parse_int(p, s, n, base);
    if (s != small)
        vm_free(s);
    if (r == TERM_NONE)
        BIF_BADARG(p);
    return r;
}

static term_t binary_to_int(Proc *p, term_t bin, term_t base_t)
{
    unsigned base = 10;
    size_t n;
    const uint8_t *s;
    if ((base_t != TERM_NONE && !get_base(base_t, &base)) || !term_is_bitstring(bin) ||
        (s = bin_bytes(bin, &n)) == NULL)
        BIF_BADARG(p);
    term_t r = arith_parse_int(p, (const char *)s, n, base);
    if (r == TERM_NONE)
        BIF_BADARG(p);
    return r;
}

BIF(bif_erlang_list_to_integer_1) { return list_to_int(p, args[0], TERM_NONE); }
BIF(bif_erlang_list_to_integer_2) { return list_to_int(p, args[0], args[1]); }
BIF(bif_erlang_binary_to_integer_1) { return binary_to_int(p, args[0], TERM_NONE); }
BIF(bif_erlang_binary_to_integer_2) { return binary_to_int(p, args[0], args[1]); }

/* ---- floats as text ---- */

enum { FMT_CLASSIC, FMT_FIXED, FMT_SCIENTIFIC, FMT_SHORT };

/* The text of float 'f' under float_to_list/2 options 'opts' (the last of
   decimals, scientific and short wins) into 'buf' (FMT_FLOAT_BUF bytes).
   Returns its length, or -1 for a bad argument. */
static int float_text(term_t f, term_t opts, char *buf)
{
    if (!term_is_float(f))
        return -1;
    int kind = FMT_CLASSIC;
    sint_t decimals = 20;
    bool compact = false;
    term_t l = opts;
    for (; term_is_list(l); l = list_tail(l)) {
        term_t o = list_head(l);
        if (o == ATOM_compact) {
            compact = true;
        } else if (o == ATOM_short) {
            kind = FMT_SHORT;
        } else if (term_is_tuple(o) && tuple_arity(o) == 2 && term_is_small(tuple_elems(o)[1]) &&
                   (tuple_elems(o)[0] == ATOM_decimals || tuple_elems(o)[0] == ATOM_scientific)) {
            decimals = small_val(tuple_elems(o)[1]);
            kind = tuple_elems(o)[0] == ATOM_decimals ? FMT_FIXED : FMT_SCIENTIFIC;
        } else {
            return -1;
        }
    }
    if (!term_is_nil(l))
        return -1;
    double d = float_val(f);
    switch (kind) {
    case FMT_FIXED: return fmt_float_decimals(d, decimals, compact, buf);
    case FMT_SHORT: return (int)fmt_float_shortest(d, buf);
    default: return fmt_float_scientific(d, decimals, buf);
    }
}

static term_t float_to(Proc *p, term_t f, term_t opts, bool binary)
{
    char buf[FMT_FLOAT_BUF];
    int n = float_text(f, opts, buf);
    if (n < 0)
        BIF_BADARG(p);
    return binary ? bin_from(p, buf, (size_t)n) : heap_str(p, buf, (size_t)n);
}

BIF(bif_erlang_float_to_list_1) { return float_to(p, args[0], TERM_NIL, false); }
BIF(bif_erlang_float_to_list_2) { return float_to(p, args[0], args[1], false); }
BIF(bif_erlang_float_to_binary_1) { return float_to(p, args[0], TERM_NIL, true); }
BIF(bif_erlang_float_to_binary_2) { return float_to(p, args[0], args[1], true); }

BIF(bif_erlang_list_to_float_1)
{
    char small[128];
    size_t n;
    double d;
    char *s = list_chars(args[0], small, sizeof small, &n);
    if (s == NULL)
        BIF_BADARG(p);
    bool ok = fmt_float_parse(s, n, &d);
    if (s != small)
        vm_free(s);
    if (!ok)
        BIF_BADARG(p);
    return arith_make_float(p, d);
}

BIF(bif_erlang_binary_to_float_1)
{
    size_t n;
    const uint8_t *s;
    double d;
    if (!term_is_bitstring(args[0]) || (s = bin_bytes(args[0], &n)) == NULL ||
        !fmt_float_parse((const char *)s, n, &d))
        BIF_BADARG(p);
    return arith_make_float(p, d);
}

const BifDef bif_erlang_num_table[] = {
    {"erlang", "+", 2, bif_erlang_plus_2, BIF_GUARD},
    {"erlang", "-", 2, bif_erlang_minus_2, BIF_GUARD},
    {"erlang", "*", 2, bif_erlang_times_2, BIF_GUARD},
    {"erlang", "/", 2, bif_erlang_slash_2, BIF_GUARD},
    {"erlang", "div", 2, bif_erlang_div_2, BIF_GUARD},
    {"erlang", "rem", 2, bif_erlang_rem_2, BIF_GUARD},
    {"erlang", "band", 2, bif_erlang_band_2, BIF_GUARD},
    {"erlang", "bor", 2, bif_erlang_bor_2, BIF_GUARD},
    {"erlang", "bxor", 2, bif_erlang_bxor_2, BIF_GUARD},
    {"erlang", "bsl", 2, bif_erlang_bsl_2, BIF_GUARD},
    {"erlang", "bsr", 2, bif_erlang_bsr_2, BIF_GUARD},
    {"erlang", "bnot", 1, bif_erlang_bnot_1, BIF_GUARD},
    {"erlang", "-", 1, bif_erlang_minus_1, BIF_GUARD},
    {"erlang", "+", 1, bif_erlang_plus_1, BIF_GUARD},
    {"erlang", "abs", 1, bif_erlang_abs_1, BIF_GUARD},
    {"erlang", "float", 1, bif_erlang_float_1, BIF_GUARD},
    {"erlang", "trunc", 1, bif_erlang_trunc_1, BIF_GUARD},
    {"erlang", "round", 1, bif_erlang_round_1, BIF_GUARD},
    {"erlang", "ceil", 1, bif_erlang_ceil_1, BIF_GUARD},
    {"erlang", "floor", 1, bif_erlang_floor_1, BIF_GUARD},
    {"erlang", "integer_to_list", 1, bif_erlang_integer_to_list_1, 0},
    {"erlang", "integer_to_list", 2, bif_erlang_integer_to_list_2, 0},
    {"erlang", "integer_to_binary", 1, bif_erlang_integer_to_binary_1, 0},
    {"erlang", "integer_to_binary", 2, bif_erlang_integer_to_binary_2, 0},
    {"erlang", "list_to_integer", 1, bif_erlang_list_to_integer_1, 0},
    {"erlang", "list_to_integer", 2, bif_erlang_list_to_integer_2, 0},
    {"erlang", "binary_to_integer", 1, bif_erlang_binary_to_integer_1, 0},
    {"erlang", "binary_to_integer", 2, bif_erlang_binary_to_integer_2, 0},
    {"erlang", "float_to_list", 1, bif_erlang_float_to_list_1, 0},
    {"erlang", "float_to_list", 2, bif_erlang_float_to_list_2, 0},
    {"erlang", "float_to_binary", 1, bif_erlang_float_to_binary_1, 0},
    {"erlang", "float_to_binary", 2, bif_erlang_float_to_binary_2, 0},
    {"erlang", "list_to_float", 1, bif_erlang_list_to_float_1, 0},
    {"erlang", "binary_to_float", 1, bif_erlang_binary_to_float_1, 0},
    {NULL},
};
