/*
** arith_test.c: unit tests of the number code (vm/arith.c, vm/bignum.c,
** vm/fmt_float.c, bif/erlang_num.c, bif/math.c): normalisation at the
** small/bignum boundary, carries, two's complement bitwise operators on
** bignums, shifts, size limits, exact comparison, and float text checked
** against strings printed by OTP 25. Prints each failure; exits non-zero.
*/
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../bif/bif.h"
#include "../../vm/arith.h"
#include "../../vm/bignum.h"
#include "../../vm/bin.h"
#include "../../vm/fmt_float.h"
#include "../../vm/heap.h"

static int failures, checks;
static Proc P;
static term_t heap_block[1 << 16];

#define CHECK(cond)                                                                  \
    do {                                                                             \
        checks++;                                                                    \
        if (!(cond)) {                                                               \
            failures++;                                                              \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                   \
        }                                                                            \
    } while (0)

#define CHECK_STR(got, want)                                                         \
    do {                                                                             \
        const char *g_ = (got), *w_ = (want);                                        \
        checks++;                                                                    \
        if (strcmp(g_, w_) != 0) {                                                   \
            failures++;                                                              \
            printf("FAIL %s:%d: %s\n    got  %s\n    want %s\n", __FILE__, __LINE__, \
                   #got, g_, w_);                                                    \
        }                                                                            \
    } while (0)

/* The float strings of OTP 25's float_to_list(X, [short]), by bit pattern. */
static const struct { uint64_t bits; const char *text; } short_cases[] = {
    {0x3fb999999999999aULL, "0.1"},
    {0x3ff0000000000000ULL, "1.0"},
    {0x4202a05f20000000ULL, "1.0e10"},
    {0x437b69b4ba630f35ULL, "1.2345678901234568e17"},
    {0x3ee4f8b588e368f1ULL, "1.0e-5"},
    {0x1ULL, "5.0e-324"},
    {0x7fefffffffffffffULL, "1.7976931348623157e308"},
    {0x8000000000000000ULL, "-0.0"},
    {0x0ULL, "0.0"},
    {0x4059000000000000ULL, "100.0"},
    {0x408f400000000000ULL, "1.0e3"},
    {0x10000000000000ULL, "2.2250738585072014e-308"},
    {0xfffffffffffffULL, "2.225073858507201e-308"},
    {0x4340000000000000ULL, "9.007199254740992e15"},
    {0x4340000000000001ULL, "9.007199254740994e15"},
    {0x4330000000000000ULL, "4503599627370496.0"},
    {0x41d26580b4800000ULL, "1234567890.0"},
    {0x4206fee0e1a00000ULL, "12345678900.0"},
    {0x423cbe991a140000ULL, "123456789012.0"},
    {0x3f50624dd2f1a9fcULL, "0.001"},
    {0x3f1a36e2eb1c432dULL, "0.0001"},
    {0x3f1f75104d551d69ULL, "1.2e-4"},
    {0x3f201f31f46ed246ULL, "1.23e-4"},
    {0x430c6bf526340000ULL, "1.0e15"},
    {0x4341c37937e08000ULL, "1.0e16"},
    {0x4376345785d8a000ULL, "1.0e17"},
    {0x444b1ae4d6e2ef50ULL, "1.0e21"},
    {0x4480f0cf064dd592ULL, "1.0e22"},
    {0x44b52d02c7e14af6ULL, "1.0e23"},
    {0x400921fb54442d18ULL, "3.141592653589793"},
    {0x4005bf0a8b145769ULL, "2.718281828459045"},
    {0x44dfe185ca57c517ULL, "6.02214076e23"},
    {0x390b860bde023111ULL, "6.62607015e-34"},
    {0x41b1de784a000000ULL, "299792458.0"},
    {0xc05edd2f1a9fbe77ULL, "-123.456"},
    {0x54b249ad2594c37dULL, "1.0e100"},
    {0x2b2bff2ee48e0530ULL, "1.0e-100"},
    {0x44b52d02c7e14af6ULL, "1.0e23"},
    {0x3e8091b5aeffdb8eULL, "1.2345e-7"},
    {0x4029000000000000ULL, "12.5"},
    {0x3fd3333333333334ULL, "0.30000000000000004"},
    {0x4040aaaaaaaaaaabULL, "33.333333333333336"},
    {0x3fe5555555555555ULL, "0.6666666666666666"},
    {0x3fd5555555555555ULL, "0.3333333333333333"},
    {0xbff8000000000000ULL, "-1.5"},
    {0x3fe0000000000000ULL, "0.5"},
    {0x7fe0000000000000ULL, "8.98846567431158e307"},
    {0x2ULL, "1.0e-323"},
    {0x8ULL, "4.0e-323"},
    {0x40fe240000000000ULL, "123456.0"},
    {0x4132d68700000000ULL, "1234567.0"},
    {0x40fe078000000000ULL, "1.23e5"},
    {0x434aa535d3d0c000ULL, "1.5e16"},
    {0x4346345785d8a000ULL, "1.25e16"},
    {0x4340000000000000ULL, "9.007199254740992e15"},
    {0x3e8ad7f29abcaf48ULL, "2.0e-7"},
    {0x10000000000000ULL, "2.2250738585072014e-308"},
    {0x4630000000000000ULL, "1.2676506002282294e30"},
    {0x43b0000000000000ULL, "1.152921504606847e18"},
    {0x433fffffffffffffULL, "9007199254740991.0"},
    {0x43a0000000000000ULL, "5.764607523034235e17"},
    {0x3fd3333333333333ULL, "0.3"},
    {0x3e080d43de9cc603ULL, "7.0e-10"},
    {0x3ddb7cdfd9d7bdbbULL, "1.0e-10"},
    {0x4040aaaaaaaaaaabULL, "33.333333333333336"},
};

/* float_to_list(X, [{decimals, N}] or [{decimals, N}, compact]) on OTP 25. */
static const struct { uint64_t bits; int decimals, compact; const char *text; } fixed_cases[] = {
    {0x3fc0000000000000ULL, 2, 0, "0.13"},
    {0x3ff0147ae147ae14ULL, 2, 0, "1.00"},
    {0x4004000000000000ULL, 0, 0, "3"},
    {0x3fc3333333333333ULL, 1, 0, "0.2"},
    {0x4005666666666666ULL, 2, 0, "2.67"},
    {0x4058ffae147ae148ULL, 2, 0, "100.00"},
    {0x8000000000000000ULL, 2, 0, "-0.00"},
    {0xbfd999999999999aULL, 0, 0, "-0"},
    {0x4415af1d78b58c40ULL, 0, 1, "1"},
    {0x4415af1d78b58c40ULL, 2, 1, "100000000000000000000.0"},
    {0xbff0000000000000ULL, 253, 0, "badarg"},
    {0x3fb999999999999aULL, 18, 0, "0.100000000000000000"},
    {0x3fb999999999999aULL, 20, 0, "0.10000000000000000555"},
    {0x4059000000000000ULL, 0, 1, "100"},
    {0x405edd2f1a9fbe77ULL, 5, 1, "123.456"},
    {0x3ddb7cdfd9d7bdbbULL, 3, 1, "0.0"},
    {0x3feff7ced916872bULL, 2, 1, "1.0"},
    {0x4340000000000000ULL, 1, 0, "9007199254740992.0"},
};

/* Binary operators on OTP 25: operator, operands, result (E:reason on error). */
static const struct { const char *op, *a, *b, *result; } binop_cases[] = {
    {"band", "-1",
     "340282366920938463463374607431768211461",
     "340282366920938463463374607431768211461"},
    {"band", "-18446744073709551616",
     "340282366920938463463374607431768211455",
     "340282366920938463444927863358058659840"},
    {"band", "-18446744073709551617",
     "-340282366920938463463374607431768211456",
     "-340282366920938463463374607431768211456"},
    {"band", "-340282366920938463463374607431768211455", "18446744073709551615", "1"},
    {"band", "576460752303423487", "-18446744073709551613", "3"},
    {"band", "-5",
     "-340282366920938463463374607431768211463",
     "-340282366920938463463374607431768211463"},
    {"bor", "-18446744073709551616", "5", "-18446744073709551611"},
    {"bor", "-340282366920938463463374607431768211456",
     "18446744073709551615",
     "-340282366920938463444927863358058659841"},
    {"bor", "-18446744073709551617",
     "-340282366920938463463374607431768211455",
     "-18446744073709551617"},
    {"bor", "18446744073709551616", "-1", "-1"},
    {"bor", "-340282366920938463463374607431768211457",
     "340282366920938463463374607431768211456",
     "-1"},
    {"bxor", "-1",
     "340282366920938463463374607431768211456",
     "-340282366920938463463374607431768211457"},
    {"bxor", "-18446744073709551616", "18446744073709551616", "-36893488147419103232"},
    {"bxor", "-340282366920938463463374607431768211449",
     "-18446744073709551625",
     "340282366920938463444927863358058659824"},
    {"bxor", "340282366920938463463374607431768211455",
     "340282366920938463463374607431768211457",
     "680564733841876926926749214863536422910"},
    {"bxor", "-18446744073709551616", "-18446744073709551616", "0"},
    {"bsl", "-1", "64", "-18446744073709551616"},
    {"bsl", "-3", "127", "-510423550381407695195061911147652317184"},
    {"bsl", "576460752303423487", "1", "1152921504606846974"},
    {"bsl", "-576460752303423488", "1", "-1152921504606846976"},
    {"bsl", "18446744073709551617", "-1", "9223372036854775808"},
    {"bsl", "-18446744073709551617", "-1", "-9223372036854775809"},
    {"bsl", "-18446744073709551617", "-64", "-2"},
    {"bsl", "-18446744073709551617", "-65", "-1"},
    {"bsl", "-1", "-1000", "-1"},
    {"bsr", "-18446744073709551616", "64", "-1"},
    {"bsr", "-18446744073709551617", "64", "-2"},
    {"bsr", "-18446744073709551615", "64", "-1"},
    {"bsr", "-18446744073709551615", "63", "-2"},
    {"bsr", "-340282366920938463463374607431768211456", "200", "-1"},
    {"bsr", "340282366920938463463374607431768211456", "200", "0"},
    {"bsr", "-7", "1", "-4"},
    {"bsr", "-7", "62", "-1"},
    {"bsr", "-7", "63", "-1"},
    {"bsr", "-576460752303423488", "59", "-1"},
    {"bsr", "5", "-60", "5764607523034234880"},
    {"bsr", "1", "-63", "9223372036854775808"},
    {"bsr", "-1", "-64", "-18446744073709551616"},
    {"div", "-340282366920938463463374607431768211456",
     "3",
     "-113427455640312821154458202477256070485"},
    {"rem", "-340282366920938463463374607431768211456", "3", "-1"},
    {"div", "340282366920938463463374607431768211457",
     "-18446744073709551616",
     "-18446744073709551616"},
    {"rem", "340282366920938463463374607431768211457", "-18446744073709551616", "1"},
    {"div", "-18446744073709551616", "-18446744073709551616", "1"},
    {"rem", "7", "-18446744073709551616", "7"},
    {"div", "-7", "18446744073709551616", "0"},
    {"div", "-576460752303423488", "-1", "576460752303423488"},
    {"rem", "-576460752303423488", "-1", "0"},
    {"div", "18446744073709551616", "0", "E:badarith"},
    {"rem", "-5", "0", "E:badarith"},
    {"+", "18446744073709551615", "1", "18446744073709551616"},
    {"+", "-18446744073709551616", "18446744073709551616", "0"},
    {"+", "-18446744073709551616", "18446744073709551615", "-1"},
    {"+", "340282366920938463463374607431768211455",
     "1",
     "340282366920938463463374607431768211456"},
    {"+", "-340282366920938463463374607431768211455",
     "-1",
     "-340282366920938463463374607431768211456"},
    {"-", "340282366920938463463374607431768211456",
     "1",
     "340282366920938463463374607431768211455"},
    {"-", "0", "18446744073709551616", "-18446744073709551616"},
    {"-", "-576460752303423488", "1", "-576460752303423489"},
    {"-", "576460752303423488", "1", "576460752303423487"},
    {"*", "18446744073709551615",
     "18446744073709551615",
     "340282366920938463426481119284349108225"},
    {"*", "-18446744073709551616",
     "18446744073709551616",
     "-340282366920938463463374607431768211456"},
    {"*", "576460752303423487", "576460752303423487", "332306998946228967073030260463239169"},
    {"*", "-576460752303423488", "-1", "576460752303423488"},
    {"*", "4294967296", "4294967296", "18446744073709551616"},
    {"*", "-4294967296", "134217728", "-576460752303423488"},
    {"/", "340282366920938463463374607431768211456",
     "18446744073709551616",
     "1.8446744073709552e19"},
    {"/", "1", "3", "0.3333333333333333"},
    {"/", "1809251394333065553493296640760748560207343510400633813116524750123642650624",
     "1532495540865888858358347027150309183618739122183602176",
     "1.1805916207174113e21"},
    {"/", "1", "0", "E:badarith"},
    {"+", "1.5", "18446744073709551616", "1.8446744073709552e19"},
    {"-", "340282366920938463463374607431768211456", "0.5", "3.402823669209385e38"},
    {"*", "1809251394333065553493296640760748560207343510400633813116524750123642650624",
     "1.0e300",
     "E:badarith"},
    {"+", "1.0e308", "1.0e308", "E:badarith"},
};

/* BIFs called directly (their table is the only other declaration). */
term_t bif_erlang_float_to_list_2(Proc *p, term_t *args);
term_t bif_erlang_float_to_binary_2(Proc *p, term_t *args);
term_t bif_erlang_integer_to_list_2(Proc *p, term_t *args);
term_t bif_erlang_list_to_integer_2(Proc *p, term_t *args);
term_t bif_erlang_list_to_float_1(Proc *p, term_t *args);
term_t bif_erlang_float_1(Proc *p, term_t *args);
term_t bif_erlang_round_1(Proc *p, term_t *args);
term_t bif_erlang_plus_1(Proc *p, term_t *args);
term_t bif_math_sqrt_1(Proc *p, term_t *args);
term_t bif_math_pow_2(Proc *p, term_t *args);

static double from_bits(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static term_t F(double d) { return arith_make_float(&P, d); }

/* A number literal: an integer in decimal, or a float if it has a '.'. */
static term_t N(const char *s)
{
    if (strchr(s, '.') != NULL)
        return F(strtod(s, NULL));
    term_t t = arith_parse_int(&P, s, strlen(s), 10);
    if (t == TERM_NONE) {
        printf("bad literal in test: %s\n", s);
        exit(2);
    }
    return t;
}

static const char *reason_name(term_t r)
{
    if (r == ATOM_badarith)
        return "badarith";
    if (r == ATOM_badarg)
        return "badarg";
    if (r == ATOM_system_limit)
        return "system_limit";
    return "?";
}

/* Text of a number, a list of bytes, a binary, or the pending error. */
static const char *S(term_t t)
{
    static char bufs[4][4096];
    static int k;
    char *b = bufs[k++ & 3];
    size_t n = 0;
    if (t == TERM_NONE) {
        snprintf(b, 4096, "E:%s", reason_name(P.freason));
    } else if (term_is_float(t)) {
        fmt_float_shortest(float_val(t), b);
    } else if (term_is_integer(t)) {
        StrBuf sb;
        strbuf_init(&sb);
        arith_int_format(t, 10, &sb);
        snprintf(b, 4096, "%s", sb.s);
        strbuf_free(&sb);
    } else if (term_is_list(t) || term_is_nil(t)) {
        for (; term_is_list(t) && n < 4000; t = list_tail(t))
            b[n++] = (char)small_val(list_head(t));
        b[n] = '\0';
    } else if (term_is_bitstring(t)) {
        const uint8_t *bytes = bin_bytes(t, &n);
        snprintf(b, 4096, "<<%.*s>>", (int)n, (const char *)bytes);
    } else {
        snprintf(b, 4096, "?");
    }
    return b;
}

/* A bignum is well formed: top limb non-zero and too large for a small. */
static bool well_formed(term_t t)
{
    if (!term_is_big(t))
        return term_is_small(t) || term_is_float(t);
    size_t n = bignum_limbs(t);
    const uint64_t *l = bignum_digits(t);
    if (n == 0 || l[n - 1] == 0)
        return false;
    if (n == 1)
        return l[0] > (uint64_t)SMALL_MAX + (bignum_is_neg(t) ? 1 : 0);
    return true;
}

static term_t binop(const char *op, term_t a, term_t b)
{
    static const struct { const char *name; term_t (*fn)(Proc *, term_t, term_t); } ops[] = {
        {"+", arith_add}, {"-", arith_sub}, {"*", arith_mul}, {"/", arith_fdiv},
        {"div", arith_div}, {"rem", arith_rem}, {"band", arith_band}, {"bor", arith_bor},
        {"bxor", arith_bxor}, {"bsl", arith_bsl}, {"bsr", arith_bsr},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (strcmp(op, ops[i].name) == 0)
            return ops[i].fn(&P, a, b);
    printf("unknown operator in test: %s\n", op);
    exit(2);
}

static void test_binops(void)
{
    for (size_t i = 0; i < sizeof binop_cases / sizeof binop_cases[0]; i++) {
        term_t r = binop(binop_cases[i].op, N(binop_cases[i].a), N(binop_cases[i].b));
        CHECK(r == TERM_NONE || well_formed(r));
        if (strcmp(S(r), binop_cases[i].result) != 0)
            printf("  in case %s %s %s\n", binop_cases[i].a, binop_cases[i].op, binop_cases[i].b);
        CHECK_STR(S(r), binop_cases[i].result);
    }
}

static void test_normalise(void)
{
    term_t max = make_small(SMALL_MAX), min = make_small(SMALL_MIN);
    term_t over = arith_add(&P, max, make_small(1));
    CHECK(term_is_big(over) && bignum_limbs(over) == 1 && !bignum_is_neg(over));
    CHECK(arith_sub(&P, over, make_small(1)) == max);
    term_t under = arith_sub(&P, min, make_small(1));
    CHECK(term_is_big(under) && bignum_is_neg(under));
    CHECK(arith_add(&P, under, make_small(1)) == min);
    term_t negmin = arith_neg(&P, min);
    CHECK(term_is_big(negmin) && well_formed(negmin));
    CHECK(arith_neg(&P, negmin) == min);
    CHECK(term_is_big(arith_abs(&P, min)));
    CHECK(term_is_big(arith_mul(&P, min, make_small(-1))));
    CHECK(term_is_big(arith_div(&P, min, make_small(-1))));
    CHECK(arith_rem(&P, min, make_small(-1)) == make_small(0));
    CHECK(N("576460752303423487") == max && N("-576460752303423488") == min);
    CHECK(term_is_big(N("576460752303423488")) && term_is_big(N("-576460752303423489")));
    term_t p64 = N("18446744073709551616");
    CHECK(term_is_big(p64) && bignum_limbs(p64) == 2 && bignum_digits(p64)[0] == 0 &&
          bignum_digits(p64)[1] == 1);
    CHECK(arith_sub(&P, p64, p64) == make_small(0));
    CHECK(arith_sub(&P, p64, arith_sub(&P, p64, make_small(5))) == make_small(5));
    CHECK(arith_div(&P, p64, p64) == make_small(1));
    CHECK(arith_bsr(&P, p64, make_small(64)) == make_small(1));
    term_t nn = arith_bnot(&P, arith_neg(&P, p64));
    CHECK(well_formed(nn) && arith_compare(nn, arith_sub(&P, p64, make_small(1))) == 0);
    CHECK(bignum_from_sint(&P, INT64_MIN) != TERM_NONE &&
          strcmp(S(bignum_from_sint(&P, INT64_MIN)), "-9223372036854775808") == 0);
    CHECK_STR(S(bignum_from_i128(&P, -((__int128)1 << 100))), "-1267650600228229401496703205376");
    CHECK(bignum_from_i128(&P, SMALL_MIN) == min);
    CHECK(arith_compare(arith_from_double(&P, 5.764607523034235e17), N("576460752303423488")) == 0);
    CHECK(term_is_big(arith_from_double(&P, 5.764607523034235e17)));
    CHECK(arith_from_double(&P, -5.764607523034235e17) == min);
    CHECK_STR(S(arith_from_double(&P, -1.0e20)), "-100000000000000000000");
    CHECK_STR(S(arith_from_double(&P, 1.7976931348623157e308)) + 300, "124858368");
}

static void test_carries(void)
{
    term_t m64 = N("18446744073709551615");
    term_t r = arith_add(&P, m64, make_small(1));
    CHECK(bignum_limbs(r) == 2 && bignum_digits(r)[0] == 0 && bignum_digits(r)[1] == 1);
    r = arith_sub(&P, N("340282366920938463463374607431768211456"), make_small(1));
    CHECK(bignum_limbs(r) == 2 && bignum_digits(r)[0] == UINT64_MAX &&
          bignum_digits(r)[1] == UINT64_MAX);
    CHECK_STR(S(arith_mul(&P, m64, m64)), "340282366920938463426481119284349108225");
    CHECK_STR(S(arith_add(&P, arith_neg(&P, m64), make_small(-1))), "-18446744073709551616");
    CHECK_STR(S(arith_sub(&P, make_small(1), m64)), "-18446744073709551614");
    CHECK_STR(S(arith_mul(&P, make_small(SMALL_MAX), make_small(SMALL_MAX))),
              "332306998946228967073030260463239169");
    CHECK_STR(S(arith_mul(&P, make_small(SMALL_MIN), make_small(SMALL_MIN))),
              "332306998946228968225951765070086144");
    CHECK_STR(S(arith_add(&P, make_small(SMALL_MIN), make_small(SMALL_MIN))),
              "-1152921504606846976");
}

static void test_shifts_and_limits(void)
{
    term_t one = make_small(1), m1 = make_small(-1);
    term_t top = arith_bsl(&P, one, make_small(33554367));
    CHECK(term_is_big(top) && bignum_limbs(top) == BIGNUM_MAX_LIMBS);
    CHECK(arith_bsr(&P, top, make_small(33554366)) == make_small(2));
    CHECK(arith_bsl(&P, one, make_small(33554368)) == TERM_NONE &&
          P.freason == ATOM_system_limit);
    CHECK(arith_bsl(&P, m1, make_small(33554368)) == TERM_NONE);
    CHECK(arith_add(&P, top, top) == TERM_NONE && P.freason == ATOM_system_limit);
    CHECK(arith_mul(&P, top, top) == TERM_NONE && P.freason == ATOM_system_limit);
    CHECK(arith_sub(&P, arith_sub(&P, top, one), arith_neg(&P, top)) != TERM_NONE);
    term_t huge = N("18446744073709551616");
    CHECK(arith_bsl(&P, one, huge) == TERM_NONE && P.freason == ATOM_system_limit);
    CHECK(arith_bsl(&P, make_small(0), huge) == make_small(0));
    CHECK(arith_bsr(&P, make_small(5), huge) == make_small(0));
    CHECK(arith_bsr(&P, make_small(-5), huge) == m1);
    CHECK(arith_bsl(&P, make_small(-5), arith_neg(&P, huge)) == m1);
    CHECK(arith_bsr(&P, make_small(-5), arith_neg(&P, huge)) == TERM_NONE);
    CHECK(arith_bsr(&P, arith_neg(&P, top), make_small(40000000)) == m1);
    CHECK(arith_bsl(&P, F(1.0), one) == TERM_NONE && P.freason == ATOM_badarith);
}

static void test_compare(void)
{
    term_t p53 = N("9007199254740992"), p53p1 = N("9007199254740993");
    CHECK(arith_compare(p53p1, F(9007199254740992.0)) == 1);
    CHECK(arith_compare(F(9007199254740992.0), p53p1) == -1);
    CHECK(arith_compare(p53, F(9007199254740992.0)) == 0);
    CHECK(arith_compare(make_small(1), F(1.0)) == 0);
    CHECK(arith_compare(make_small(0), F(-0.0)) == 0);
    CHECK(arith_compare(make_small(2), F(1.5)) == 1);
    CHECK(arith_compare(make_small(-2), F(-1.5)) == -1);
    CHECK(arith_compare(make_small(-1), F(-1.5)) == 1);
    CHECK(arith_compare(N("18446744073709551616"), F(1.8446744073709552e19)) == 0);
    CHECK(arith_compare(N("18446744073709551617"), F(1.8446744073709552e19)) == 1);
    CHECK(arith_compare(N("-18446744073709551617"), F(-1.8446744073709552e19)) == -1);
    CHECK(arith_compare(make_small(SMALL_MAX), F(5.764607523034235e17)) == -1);
    CHECK(arith_compare(F(1.0e308), arith_bsl(&P, make_small(1), make_small(1100))) == -1);
    CHECK(arith_compare(F(-1.0e300), arith_neg(&P, arith_bsl(&P, make_small(1), make_small(1000))))
          == 1);
    CHECK(arith_compare(N("-18446744073709551616"), make_small(SMALL_MIN)) == -1);
    CHECK(arith_compare(N("18446744073709551616"), N("18446744073709551617")) == -1);
    CHECK(arith_compare(N("-18446744073709551616"), N("-18446744073709551617")) == 1);
    CHECK(arith_compare(F(0.5), F(0.25)) == 1);
}

static void test_to_double(void)
{
    double d;
    CHECK(arith_to_double(N("18014398509481987"), &d) && d == 1.8014398509481988e16);
    /* OTP rounds limb by limb: this is not the correctly rounded value. */
    CHECK(arith_to_double(N("166153499473114456442859771970715649"), &d) &&
          d == 1.6615349947311445e35);
    CHECK(arith_to_double(N("-166153499473114456442859771970715649"), &d) &&
          d == -1.6615349947311445e35);
    term_t p1024 = arith_bsl(&P, make_small(1), make_small(1024));
    CHECK(!arith_to_double(arith_sub(&P, p1024, make_small(1)), &d));
    CHECK(!arith_to_double(ATOM_ok, &d));
    term_t args[1] = {arith_sub(&P, p1024, make_small(1))};
    CHECK(bif_erlang_float_1(&P, args) == TERM_NONE && P.freason == ATOM_badarg);
    CHECK(arith_add(&P, args[0], F(1.0)) == TERM_NONE && P.freason == ATOM_badarith);
    CHECK_STR(S(arith_fdiv(&P, make_small(1), make_small(3))), "0.3333333333333333");
    CHECK(arith_fdiv(&P, F(1.0), F(-0.0)) == TERM_NONE && P.freason == ATOM_badarith);
    CHECK(arith_mul(&P, F(1.0e308), make_small(10)) == TERM_NONE);
    CHECK(signbit(float_val(arith_neg(&P, F(0.0)))));
    CHECK(signbit(float_val(arith_abs(&P, F(-0.0)))));
    args[0] = F(-0.0);
    CHECK(!signbit(float_val(bif_erlang_plus_1(&P, args))));
    args[0] = F(-2.5);
    CHECK(bif_erlang_round_1(&P, args) == make_small(-3));
}

static void test_float_text(void)
{
    char buf[FMT_FLOAT_BUF];
    for (size_t i = 0; i < sizeof short_cases / sizeof short_cases[0]; i++) {
        size_t n = fmt_float_shortest(from_bits(short_cases[i].bits), buf);
        CHECK(n == strlen(buf));
        CHECK_STR(buf, short_cases[i].text);
    }
    for (size_t i = 0; i < sizeof fixed_cases / sizeof fixed_cases[0]; i++) {
        int n = fmt_float_decimals(from_bits(fixed_cases[i].bits), fixed_cases[i].decimals,
                                   fixed_cases[i].compact != 0, buf);
        CHECK_STR(n < 0 ? "badarg" : buf, fixed_cases[i].text);
    }
    CHECK(fmt_float_decimals(1.0, 253, false, buf) == 255);
    CHECK(fmt_float_decimals(1.0, -1, false, buf) == -1);
    fmt_float_classic(0.1, buf);
    CHECK_STR(buf, "1.00000000000000005551e-01");
    fmt_float_classic(-0.0, buf);
    CHECK_STR(buf, "-0.00000000000000000000e+00");
    fmt_float_classic(5.0e-324, buf);
    CHECK_STR(buf, "4.94065645841246544177e-324");
    CHECK(fmt_float_scientific(1.5, 3, buf) == 9);
    CHECK_STR(buf, "1.500e+00");
    CHECK(fmt_float_scientific(1.5, -1, buf) > 0);
    CHECK_STR(buf, "1.500000e+00");
    CHECK(fmt_float_scientific(1.5, 249, buf) == 255);
    CHECK(fmt_float_scientific(1.5, 250, buf) == -1);
}

static void test_float_parse(void)
{
    static const struct { const char *text; double value; bool ok; } cases[] = {
        {"1.0", 1.0, true}, {"+1.0", 1.0, true}, {"-1.0", -1.0, true}, {"1.0e5", 1e5, true},
        {"1.0E5", 1e5, true}, {"1.0e+5", 1e5, true}, {"1.0e-5", 1e-5, true},
        {"00001.5", 1.5, true}, {"1.5e0005", 1.5e5, true}, {"1.0e-500", 0.0, true},
        {"2.5e-324", 5e-324, true}, {"2.4e-324", 0.0, true},
        {"1.7976931348623157e308", 1.7976931348623157e308, true},
        {"1e5", 0, false}, {"1.", 0, false}, {".5", 0, false}, {"1.0e", 0, false},
        {" 1.0", 0, false}, {"1.0 ", 0, false}, {"1_000.0", 0, false}, {"1.0e500", 0, false},
        {"1.5e+-5", 0, false}, {"1.0e5.0", 0, false}, {"--1.0", 0, false}, {"1.0f", 0, false},
        {"", 0, false}, {"1.7976931348623159e308", 0, false}, {"inf", 0, false},
        {"0x1.0p3", 0, false}, {"1.0e+", 0, false}, {"-", 0, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double d = -99;
        bool ok = fmt_float_parse(cases[i].text, strlen(cases[i].text), &d);
        CHECK(ok == cases[i].ok);
        if (ok != cases[i].ok || (ok && d != cases[i].value))
            printf("  parsing \"%s\"\n", cases[i].text);
        CHECK(!ok || d == cases[i].value);
    }
    double d;
    CHECK(fmt_float_parse("-0.0", 4, &d) && signbit(d));
    CHECK(!fmt_float_parse("1.0x", 3, &d) || d == 1.0);
}

static void test_int_text(void)
{
    StrBuf b;
    term_t p100 = arith_bsl(&P, make_small(1), make_small(100));
    static const struct { unsigned base; const char *text; } cases[] = {
        {2, "10000000000000000000000000000000000000000000000000000000000000000000000000000000"
            "000000000000000000000"},
        {8, "2000000000000000000000000000000000"}, {10, "1267650600228229401496703205376"},
        {16, "10000000000000000000000000"}, {36, "3EWFDNCA0N6LD1GGVFGG"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        strbuf_init(&b);
        arith_int_format(p100, cases[i].base, &b);
        CHECK_STR(b.s, cases[i].text);
        term_t back = arith_parse_int(&P, b.s, b.len, cases[i].base);
        CHECK(back != TERM_NONE && arith_compare(back, p100) == 0);
        strbuf_free(&b);
    }
    strbuf_init(&b);
    arith_int_format(make_small(-255), 16, &b);
    arith_int_format(make_small(SMALL_MIN), 36, &b);
    arith_int_format(make_small(0), 2, &b);
    CHECK_STR(b.s, "-FF-4DO2A5OXWE0W0");
    strbuf_free(&b);
    P.freason = ATOM_ok;
    static const char *bad[] = {"", "+", "-", " 1", "1 ", "1_0", "1.0", "--1", "0x10", "12a"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(arith_parse_int(&P, bad[i], strlen(bad[i]), 10) == TERM_NONE);
    CHECK(P.freason == ATOM_ok);
    CHECK(arith_parse_int(&P, "fF", 2, 16) == make_small(255));
    CHECK(arith_parse_int(&P, "102", 3, 2) == TERM_NONE);
    CHECK(arith_parse_int(&P, "-0", 2, 10) == make_small(0));
    CHECK(arith_parse_int(&P, "+007", 4, 10) == make_small(7));
    CHECK(arith_parse_int(&P, "-576460752303423488", 19, 10) == make_small(SMALL_MIN));
    CHECK_STR(S(arith_parse_int(&P, "18446744073709551615", 20, 10)), "18446744073709551615");
    CHECK_STR(S(arith_parse_int(&P, "-zzzzzzzzzzzzzzzzzzzz", 21, 36)),
              "-13367494538843734067838845976575");
}

static term_t opts(term_t a, term_t b) { return heap_cons(&P, a, heap_cons(&P, b, TERM_NIL)); }
static term_t opt1(term_t a) { return heap_cons(&P, a, TERM_NIL); }
static term_t dec(sint_t n) { return heap_tuple2(&P, ATOM_decimals, make_small(n)); }
static term_t sci(sint_t n) { return heap_tuple2(&P, ATOM_scientific, make_small(n)); }

static void test_bifs(void)
{
    term_t args[2] = {F(1.5), TERM_NIL};
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "1.50000000000000000000e+00");
    args[1] = opt1(sci(3));
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "1.500e+00");
    args[1] = opts(dec(2), sci(2));
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "1.50e+00");
    args[1] = opts(ATOM_short, dec(2));
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "1.50");
    args[1] = opts(dec(2), ATOM_short);
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "1.5");
    args[1] = opts(dec(3), ATOM_compact);
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "1.5");
    args[1] = opt1(ATOM_compact);
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "1.50000000000000000000e+00");
    args[1] = opt1(ATOM_ok);
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "E:badarg");
    args[1] = heap_cons(&P, dec(2), ATOM_ok);
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "E:badarg");
    args[1] = opt1(dec(-1));
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "E:badarg");
    args[1] = opt1(heap_tuple2(&P, ATOM_decimals, ATOM_ok));
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "E:badarg");
    args[0] = F(1.0e20);
    args[1] = opts(dec(0), ATOM_compact);
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "1");
    args[0] = F(0.1);
    args[1] = opt1(ATOM_short);
    CHECK_STR(S(bif_erlang_float_to_binary_2(&P, args)), "<<0.1>>");
    args[0] = make_small(1);
    CHECK_STR(S(bif_erlang_float_to_list_2(&P, args)), "E:badarg");

    args[0] = make_small(-255);
    args[1] = make_small(16);
    CHECK_STR(S(bif_erlang_integer_to_list_2(&P, args)), "-FF");
    args[1] = make_small(37);
    CHECK_STR(S(bif_erlang_integer_to_list_2(&P, args)), "E:badarg");
    args[0] = heap_cstr(&P, "zz");
    args[1] = make_small(36);
    CHECK_STR(S(bif_erlang_list_to_integer_2(&P, args)), "1295");
    args[1] = make_small(35);
    CHECK_STR(S(bif_erlang_list_to_integer_2(&P, args)), "E:badarg");
    args[0] = heap_cons(&P, make_small('1'), make_small('2'));
    args[1] = make_small(10);
    CHECK_STR(S(bif_erlang_list_to_integer_2(&P, args)), "E:badarg");
    args[0] = heap_cstr(&P, "1.0e-500");
    CHECK_STR(S(bif_erlang_list_to_float_1(&P, args)), "0.0");
    args[0] = heap_cstr(&P, "1e5");
    CHECK_STR(S(bif_erlang_list_to_float_1(&P, args)), "E:badarg");

    args[0] = make_small(-1);
    CHECK_STR(S(bif_math_sqrt_1(&P, args)), "E:badarith");
    args[0] = ATOM_ok;
    CHECK_STR(S(bif_math_sqrt_1(&P, args)), "E:badarg");
    args[0] = arith_bsl(&P, make_small(1), make_small(2000));
    CHECK_STR(S(bif_math_sqrt_1(&P, args)), "E:badarith");
    args[0] = make_small(10);
    args[1] = make_small(400);
    CHECK_STR(S(bif_math_pow_2(&P, args)), "E:badarith");
    args[0] = make_small(2);
    args[1] = F(0.5);
    CHECK_STR(S(bif_math_pow_2(&P, args)), "1.4142135623730951");
}

int main(void)
{
    P.heap = P.htop = heap_block;
    P.hend = heap_block + sizeof heap_block / sizeof heap_block[0];
    test_binops();
    test_normalise();
    test_carries();
    test_shifts_and_limits();
    test_compare();
    test_to_double();
    test_float_text();
    test_float_parse();
    test_int_text();
    test_bifs();
    heap_frag_free_chain(P.frags);
    P.frags = NULL;
    printf("arith_test: %d checks, %d failed\n", checks, failures);
    return failures != 0;
}
