/*
** fmt_float_test.c: the exact float text of vm/fmt_float.c checked against
** glibc, whose printf and strtod are exact: "%.*e", "%.*f" and the
** shortest form for random doubles (any bit pattern, subnormals, values
** with ties), and reading for random decimals, midpoints between doubles
** and texts just off them. Prints each failure (the first few of each
** kind); exits non-zero.
*/
#include <float.h>
#include <gmp.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../vm/fmt_float.h"

static int failures;
static long checks;

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        checks++;                                                                                  \
        if (!(c)) {                                                                                \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);                                    \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* A failure of kind 'what': the first five of each kind are printed, the
   rest only counted. */
__attribute__((format(printf, 3, 4))) static void report(const char *what, int *shown,
                                                         const char *fmt, ...)
{
    failures++;
    if ((*shown)++ >= 5)
        return;
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL %s: ", what);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

/* ---- random numbers (splitmix64: fixed seed, the same run every time) ---- */

static uint64_t rng_state = 0x5EED0F10A7ULL;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
    return (unsigned)(rnd() % n);
}

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static uint64_t to_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

/* A finite double: mostly any bit pattern, some subnormals, some with few
   significant bits (so that decimals end in exact ties), some integers. */
static double random_double(void)
{
    for (;;) {
        uint64_t u = rnd();
        double d;
        switch (below(8)) {
        case 0: /* subnormal */
            u &= UINT64_C(0x800FFFFFFFFFFFFF);
            d = from_bits(u);
            break;
        case 1: /* k / 2^j: halves, quarters... */
            d = (double)(rnd() % 2000001) / (double)(UINT64_C(1) << below(24));
            break;
        case 2: /* an integer, maybe past 2^53 */
            d = ldexp((double)(rnd() >> 11), (int)below(80) - 10);
            break;
        case 3: /* near 1 */
            d = from_bits((u & UINT64_C(0x000FFFFFFFFFFFFF)) | ((uint64_t)(1021 + below(4)) << 52));
            break;
        default:
            d = from_bits(u);
            break;
        }
        if (isfinite(d))
            return (rnd() & 1) ? d : -d;
    }
}

/* ---- formatting ---- */

/* The shortest round-trip digits the way glibc finds them (its printf and
   strtod being exact): the fewest digits of "%.*e", or one unit above them,
   that read back. Then OTP's layout is checked through the digits only. */
static void reference_shortest(double d, char *digits, int *exp10)
{
    for (int prec = 0; prec <= 16; prec++) {
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%.*e", prec, d);
        uint64_t m = 0;
        const char *s = tmp;
        for (; *s != 'e'; s++)
            if (*s != '.')
                m = m * 10 + (uint64_t)(*s - '0');
        int e = atoi(s + 1) - prec;
        for (int k = 0; k < 2; k++, m++) {
            snprintf(tmp, sizeof tmp, "%" PRIu64 "e%d", m, e);
            if (strtod(tmp, NULL) == d) {
                while (m % 10 == 0) {
                    m /= 10;
                    e++;
                }
                int n = snprintf(digits, 24, "%" PRIu64, m);
                *exp10 = e + n - 1;
                return;
            }
        }
    }
    digits[0] = '?';
    digits[1] = '\0';
    *exp10 = 0;
}

/* The significant digits and the power of ten of the first one in a text
   of fmt_float_shortest ("12.5", "1.0e-5", "0.001"). */
static void digits_of(const char *text, char *digits, int *exp10)
{
    const char *s = text + (text[0] == '-');
    char all[64];
    int n = 0, point = -1, e = 0;
    for (; *s && *s != 'e'; s++) {
        if (*s == '.')
            point = n;
        else
            all[n++] = *s;
    }
    if (*s == 'e')
        e = atoi(s + 1);
    int lead = 0;
    while (lead < n - 1 && all[lead] == '0')
        lead++;
    int last = n;
    while (last > lead + 1 && all[last - 1] == '0')
        last--;
    memcpy(digits, all + lead, (size_t)(last - lead));
    digits[last - lead] = '\0';
    *exp10 = e + point - 1 - lead;
}

static void test_format(int count)
{
    char got[FMT_FLOAT_BUF + 8], want[1024];
    int shown_e = 0, shown_f = 0, shown_c = 0, shown_s = 0;
    for (int i = 0; i < count; i++) {
        double d = random_double();
        int pe = (int)below(31), pf = (int)below(41);

        int n = fmt_float_scientific(d, pe, got);
        int w = snprintf(want, sizeof want, "%.*e", pe, d);
        checks++;
        if (n != w || strcmp(got, want) != 0)
            report("%.*e", &shown_e, "%a prec %d: got %s want %s", d, pe, n < 0 ? "-1" : got, want);

        n = fmt_float_fixed(d, pf, got);
        w = snprintf(want, sizeof want, "%.*f", pf, d);
        checks++;
        if (w >= FMT_FLOAT_BUF ? n != -1 : (n != w || strcmp(got, want) != 0))
            report("%.*f", &shown_f, "%a prec %d: got %s want %s", d, pf, n < 0 ? "-1" : got, want);

        n = (int)fmt_float_classic(d, got);
        w = snprintf(want, sizeof want, "%.20e", d);
        checks++;
        if (n != w || strcmp(got, want) != 0)
            report("classic", &shown_c, "%a: got %s want %s", d, got, want);

        if (d == 0.0)
            continue;
        char gd[64], wd[64];
        int ge, we;
        n = (int)fmt_float_shortest(d, got);
        digits_of(got, gd, &ge);
        reference_shortest(fabs(d), wd, &we);
        checks++;
        if (n != (int)strlen(got) || strcmp(gd, wd) != 0 || ge != we ||
            (got[0] == '-') != (signbit(d) != 0) || strtod(got, NULL) != d)
            report("shortest", &shown_s, "%a: got %s want %se%d", d, got, wd, we);
    }
}

static void test_format_edges(void)
{
    static const double values[] = {
        0.0,           -0.0,    0.1,     0.5,    1.5,
        2.5,           0.125,   0.375,   1e23,   5e-324,
        DBL_MAX,       DBL_MIN, 1e300,   1e-300, 9007199254740993.0,
        123456789.125, 0.05,    0.15,    0.25,   0.35,
        1e15,          1e16,    1e17,    1e21,   1e22,
        9.5,           99.5,    999.5,   0.95,   0.995,
        4.35,          1.0 / 3, 2.0 / 3, 1e-5,
    };
    char got[FMT_FLOAT_BUF + 8], want[1024];
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        for (int p = 0; p < 260; p++) {
            double d = values[i];
            int n = fmt_float_scientific(d, p, got);
            int w = snprintf(want, sizeof want, "%.*e", p, d);
            CHECK(w >= FMT_FLOAT_BUF ? n == -1 : (n == w && strcmp(got, want) == 0));
            n = fmt_float_fixed(d, p, got);
            w = snprintf(want, sizeof want, "%.*f", p, d);
            CHECK(w >= FMT_FLOAT_BUF ? n == -1 : (n == w && strcmp(got, want) == 0));
            if (w < FMT_FLOAT_BUF && (n != w || strcmp(got, want) != 0))
                printf("  %%.%df of %a: got %s\n  want %s\n", p, d, got, want);
        }
    }
    CHECK(fmt_float_fixed(1.0, -1, got) == -1);
    CHECK(fmt_float_fixed(1.0, 1 << 30, got) == -1);
    CHECK(fmt_float_scientific(1.0, (sint_t)1 << 30, got) == -1);
    CHECK(fmt_float_scientific(1.0, (sint_t)1 << 32, got) == 5); /* 0 as a C int */
    CHECK(strcmp(got, "1e+00") == 0);
    CHECK(fmt_float_decimals(DBL_MAX, 0, false, got) == -1);
    CHECK(fmt_float_decimals(1e20, 2, false, got) == 24 &&
          strcmp(got, "100000000000000000000.00") == 0);
    CHECK(fmt_float_decimals(0.1, 25, true, got) == 27 &&
          strcmp(got, "0.1000000000000000055511151") == 0);
}

/* ---- reading ---- */

/* Reads 'text' with fmt_float_parse and with glibc's strtod (which gives
   inf where the parser says no) and compares them bit for bit. */
static void compare_parse(const char *text, const char *what, int *shown)
{
    double got = 0, want = strtod(text, NULL);
    bool ok = fmt_float_parse(text, strlen(text), &got);
    checks++;
    if (isinf(want) ? ok : (!ok || to_bits(got) != to_bits(want)))
        report(what, shown, "%s: got %s%a want %a", text, ok ? "" : "false ", got, want);
}

static void test_parse_random(int count)
{
    int shown = 0;
    for (int i = 0; i < count; i++) {
        char text[96];
        char *o = text;
        if (below(4) == 0)
            *o++ = below(2) ? '-' : '+';
        int n = 1 + (int)below(25), point = 1 + (int)below((unsigned)n);
        bool zeros = below(8) == 0; /* a run of zeros in front */
        for (int k = 0; k < n; k++) {
            if (k == point)
                *o++ = '.';
            *o++ = (char)('0' + ((zeros && k < n / 2) ? 0 : below(10)));
        }
        if (point == n) {
            *o++ = '.';
            *o++ = (char)('0' + below(10));
        }
        *o = '\0';
        if (below(8) != 0) {
            int e = (int)below(700) - 360;
            snprintf(o, sizeof text - (size_t)(o - text), "%c%+d", below(2) ? 'e' : 'E', e);
        }
        compare_parse(text, "random decimal", &shown);
    }
}

/* "D.DDDDe<x>" for the integer 'z' times 10^x10, with 'extra' appended to
   the digits (which then have that much more weight below). */
static void decimal_text(const mpz_t z, long x10, const char *extra, char *out, size_t cap)
{
    char *digits = mpz_get_str(NULL, 10, z);
    size_t n = strlen(digits), k = strlen(extra);
    long first = x10 + (long)n - 1;
    snprintf(out, cap, "%c.%s%s%se%ld", digits[0], digits + 1, n == 1 && k == 0 ? "0" : "", extra,
             first);
    free(digits);
}

/* Midpoints between a random double and its neighbours, exactly and just
   off (one more digit 1 above, or 9s below), whole and cut to 17..25
   digits: the cases where a strtod without big numbers goes wrong. */
static void test_parse_halfway(int count)
{
    int shown = 0;
    mpz_t z, w;
    mpz_init(z);
    mpz_init(w);
    char *text = malloc(4096);
    for (int i = 0; i < count; i++) {
        /* one in four: a power of two, and the midpoint below it (the
           nearer one, half as far as the one above) */
        bool pow2 = below(4) == 0;
        double c = pow2 ? ldexp(1.0, (int)below(2046) - 1022) : fabs(random_double());
        if (c == DBL_MAX || c == 0.0)
            continue;
        int e;
        double f = frexp(c, &e); /* c = f * 2^e, 0.5 <= f < 1 */
        uint64_t m = (uint64_t)ldexp(f, 53);
        e -= 53;
        if (e < -1074) { /* subnormal: fewer mantissa bits */
            m >>= -1074 - e;
            e = -1074;
        }
        /* the midpoint to the next double up, (2m + 1) * 2^(e-1), or the
           one below a power of two, (4m - 1) * 2^(e-2) */
        int x2 = pow2 && e > -1074 ? e - 2 : e - 1;
        mpz_set_ui(z, pow2 && e > -1074 ? 4 * m - 1 : 2 * m + 1);
        long x10 = 0;
        if (x2 >= 0) {
            mpz_mul_2exp(z, z, (mp_bitcnt_t)x2);
        } else {
            mpz_ui_pow_ui(w, 5, (unsigned long)-x2);
            mpz_mul(z, z, w);
            x10 = x2;
        }
        decimal_text(z, x10, "", text, 4096);
        compare_parse(text, "midpoint", &shown);
        decimal_text(z, x10, "000000000000000000001", text, 4096);
        compare_parse(text, "above midpoint", &shown);
        mpz_sub_ui(w, z, 1);
        decimal_text(w, x10, "99999999999999999999", text, 4096);
        compare_parse(text, "below midpoint", &shown);
        /* cut to 17..25 significant digits, rounded down and up */
        size_t n = mpz_sizeinbase(z, 10), keep = 17 + below(9);
        if (n > keep + 1) {
            mpz_ui_pow_ui(w, 10, (unsigned long)(n - keep));
            mpz_tdiv_q(w, z, w);
            long x = x10 + (long)(n - keep);
            decimal_text(w, x, "", text, 4096);
            compare_parse(text, "cut midpoint", &shown);
            mpz_add_ui(w, w, 1);
            decimal_text(w, x, "", text, 4096);
            compare_parse(text, "cut midpoint, up", &shown);
        }
    }
    free(text);
    mpz_clear(z);
    mpz_clear(w);
}

/* 2^k * 'odd' as a decimal text with 'extra' appended to its digits. */
static void pow2_text(long odd, int k, const char *extra, char *out, size_t cap)
{
    mpz_t z, w;
    mpz_init_set_si(z, odd);
    mpz_init(w);
    long x10 = 0;
    if (k >= 0) {
        mpz_mul_2exp(z, z, (mp_bitcnt_t)k);
    } else {
        mpz_ui_pow_ui(w, 5, (unsigned long)-k);
        mpz_mul(z, z, w);
        x10 = k;
    }
    decimal_text(z, x10, extra, out, cap);
    mpz_clear(z);
    mpz_clear(w);
}

/* The ends of the range, long texts and far exponents. */
static void test_parse_edges(void)
{
    int shown = 0;
    size_t cap = 8192;
    char *text = malloc(cap);
    /* half the smallest subnormal: a tie that goes to 0.0 */
    pow2_text(1, -1075, "", text, cap);
    compare_parse(text, "edge", &shown);
    pow2_text(1, -1075, "0000000000000000000000000000000000000000000001", text, cap);
    compare_parse(text, "edge", &shown);
    /* halfway from the largest double to 2^1024: a tie that overflows */
    pow2_text((1L << 54) - 1, 970, "", text, cap);
    compare_parse(text, "edge", &shown);
    pow2_text((1L << 54) - 1, 969, "", text, cap);
    compare_parse(text, "edge", &shown);
    /* a midpoint followed by a thousand zeros and then a 1 (or not) */
    for (int k = 0; k < 3; k++) {
        pow2_text(2 * 4503599627370497L + 1, -60 - 300 * k, "", text, cap);
        size_t e = strcspn(text, "e");
        char tail[32];
        snprintf(tail, sizeof tail, "%s", text + e);
        memset(text + e, '0', 1000);
        snprintf(text + e + 1000, cap - e - 1000, "1%s", tail);
        compare_parse(text, "long", &shown);
        text[e + 1000] = '0';
        compare_parse(text, "long", &shown);
    }
    /* the value far from where the digits start */
    memcpy(text, "0.", 2);
    memset(text + 2, '0', 3000);
    snprintf(text + 3002, cap - 3002, "15e3001");
    compare_parse(text, "far", &shown);
    memset(text, '9', 400);
    snprintf(text + 400, cap - 400, ".0e-100");
    compare_parse(text, "far", &shown);
    snprintf(text + 400, cap - 400, ".0e-91");
    compare_parse(text, "far", &shown);
    static const struct {
        const char *text;
        double value;
        bool ok;
    } cases[] = {
        {"1.0e99999999999999999999999999", 0, false},
        {"1.0e-99999999999999999999999999", 0.0, true},
        {"-1.0e-99999999999999999999999999", -0.0, true},
        {"0.0e99999999999999999999999999", 0.0, true},
        {"1.0e-325", 0.0, true},
        {"3.0e-324", 5e-324, true},
        {"1.0e309", 0, false},
        {"0.1e310", 0, false},
        {"0.01e310", 1e308, true},
        {"123.456e-2", 1.23456, true},
        {"1.0000000000000000000000000000000000000001", 1.0, true},
        {"9007199254740993.0", 9007199254740992.0, true},
        {"9007199254740993.00000000000000000001", 9007199254740994.0, true},
        {"1.00000000000000005551e-01", 0.1, true},
        {"1,5", 1.5, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double d = -99;
        bool ok = fmt_float_parse(cases[i].text, strlen(cases[i].text), &d);
        CHECK(ok == cases[i].ok);
        CHECK(!ok || to_bits(d) == to_bits(cases[i].value));
        if (ok != cases[i].ok || (ok && to_bits(d) != to_bits(cases[i].value)))
            printf("  parsing \"%s\": %a\n", cases[i].text, d);
    }
    free(text);
}

int main(void)
{
    test_format_edges();
    test_format(120000);
    test_parse_random(150000);
    test_parse_halfway(30000);
    test_parse_edges();
    printf("fmt_float: %ld checks, %d failures\n", checks, failures);
    return failures != 0;
}
