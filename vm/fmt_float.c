/*
** fmt_float.c: float text in OTP 25's formats, exact on any C library.
** Digits come from the exact binary value m * 2^e of a double, scaled by a
** power of ten in 128-bit integers when they suffice and in GMP's mpz
** otherwise, rounded half to even as glibc's printf does. Reading compares
** the exact decimal value with the midpoints between neighbouring doubles;
** the C library's strtod only gives a first guess, on 17 significant
** digits, which every library we know reads right. The fixed-point form of
** fewer than 19 decimals follows OTP's own rounding (not printf's); the
** layouts are OTP's.
*/
#include "fmt_float.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bignum.h"

typedef unsigned __int128 u128;

static const uint64_t pow10_u64[20] = {
    UINT64_C(1),
    UINT64_C(10),
    UINT64_C(100),
    UINT64_C(1000),
    UINT64_C(10000),
    UINT64_C(100000),
    UINT64_C(1000000),
    UINT64_C(10000000),
    UINT64_C(100000000),
    UINT64_C(1000000000),
    UINT64_C(10000000000),
    UINT64_C(100000000000),
    UINT64_C(1000000000000),
    UINT64_C(10000000000000),
    UINT64_C(100000000000000),
    UINT64_C(1000000000000000),
    UINT64_C(10000000000000000),
    UINT64_C(100000000000000000),
    UINT64_C(1000000000000000000),
    UINT64_C(10000000000000000000),
};

/* 5^27 is the largest power of five that, times a 53-bit mantissa, leaves
   room in 128 bits for the shifts below. */
#define POW5_SMALL_MAX 27
static const uint64_t pow5_u64[POW5_SMALL_MAX + 1] = {
    UINT64_C(1),
    UINT64_C(5),
    UINT64_C(25),
    UINT64_C(125),
    UINT64_C(625),
    UINT64_C(3125),
    UINT64_C(15625),
    UINT64_C(78125),
    UINT64_C(390625),
    UINT64_C(1953125),
    UINT64_C(9765625),
    UINT64_C(48828125),
    UINT64_C(244140625),
    UINT64_C(1220703125),
    UINT64_C(6103515625),
    UINT64_C(30517578125),
    UINT64_C(152587890625),
    UINT64_C(762939453125),
    UINT64_C(3814697265625),
    UINT64_C(19073486328125),
    UINT64_C(95367431640625),
    UINT64_C(476837158203125),
    UINT64_C(2384185791015625),
    UINT64_C(11920928955078125),
    UINT64_C(59604644775390625),
    UINT64_C(298023223876953125),
    UINT64_C(1490116119384765625),
    UINT64_C(7450580596923828125),
};

/* Powers of ten that doubles hold exactly. */
static const double pow10_dbl[23] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

/* ---- the exact value of a double, scaled by a power of ten ---- */

/* What lies below the integer part of a scaled value, for rounding. */
enum { REST_ZERO, REST_BELOW_HALF, REST_HALF, REST_ABOVE_HALF };

static bool rounds_up(int rest, bool odd)
{
    return rest == REST_ABOVE_HALF || (rest == REST_HALF && odd);
}

/* A non-negative finite double as m * 2^e with m < 2^53 (m is 0 for 0.0). */
static void split(double a, uint64_t *m, int *e)
{
    uint64_t u;
    memcpy(&u, &a, sizeof u);
    int biased = (int)(u >> 52) & 0x7FF;
    uint64_t frac = u & ((UINT64_C(1) << 52) - 1);
    if (biased == 0) {
        *m = frac;
        *e = -1074;
    } else {
        *m = frac | (UINT64_C(1) << 52);
        *e = biased - 1075;
    }
}

/* floor(m * 2^e * 10^s) into 'q' with what is left below it, when the
   numbers fit 128 bits; -1 when they do not. */
static int scale_small(uint64_t m, int e, int s, u128 *q)
{
    int b = e + s; /* 10^s = 5^s * 2^s */
    if (s >= 0) {
        if (s > POW5_SMALL_MAX)
            return -1;
        u128 n = (u128)m * pow5_u64[s]; /* below 2^116 */
        if (b >= 0) {
            if (b > 11)
                return -1;
            *q = n << b;
            return REST_ZERO;
        }
        if (-b > 116) { /* below a quarter */
            *q = 0;
            return n == 0 ? REST_ZERO : REST_BELOW_HALF;
        }
        u128 low = n & (((u128)1 << -b) - 1), half = (u128)1 << (-b - 1);
        *q = n >> -b;
        return low == 0
                   ? REST_ZERO
                   : (low < half ? REST_BELOW_HALF : (low == half ? REST_HALF : REST_ABOVE_HALF));
    }
    if (-s > POW5_SMALL_MAX || b < 0 || b > 74)
        return -1;
    uint64_t d = pow5_u64[-s];
    u128 n = (u128)m << b; /* below 2^127 */
    *q = n / d;
    uint64_t r = (uint64_t)(n % d); /* r < d < 2^63: 2r fits */
    return r == 0 ? REST_ZERO
                  : (2 * r < d ? REST_BELOW_HALF : (2 * r == d ? REST_HALF : REST_ABOVE_HALF));
}

/* As scale_small, for any m, e and s, in mpz: 'q' must be initialised. */
static int scale_big(uint64_t m, int e, int s, mpz_t q)
{
    int b = e + s, rest;
    mpz_t den, r;
    mpz_init(den);
    mpz_init(r);
    mpz_set_ui(q, (unsigned long)m);
    if (s > 0) {
        mpz_ui_pow_ui(den, 5, (unsigned long)s);
        mpz_mul(q, q, den);
    }
    if (s >= 0 && b < 0) {
        /* The divisor is a power of two: read the bits shifted out. */
        mp_bitcnt_t sh = (mp_bitcnt_t)-b;
        bool half = mpz_sgn(q) != 0 && mpz_tstbit(q, sh - 1);
        bool below = mpz_sgn(q) != 0 && mpz_scan1(q, 0) < sh - 1;
        mpz_tdiv_q_2exp(q, q, sh);
        rest = half ? (below ? REST_ABOVE_HALF : REST_HALF) : (below ? REST_BELOW_HALF : REST_ZERO);
    } else if (s >= 0) {
        mpz_mul_2exp(q, q, (mp_bitcnt_t)b);
        rest = REST_ZERO;
    } else {
        mpz_ui_pow_ui(den, 5, (unsigned long)-s);
        if (b >= 0)
            mpz_mul_2exp(q, q, (mp_bitcnt_t)b);
        else
            mpz_mul_2exp(den, den, (mp_bitcnt_t)-b);
        mpz_tdiv_qr(q, r, q, den);
        mpz_mul_2exp(r, r, 1);
        int c = mpz_cmp(r, den);
        rest = mpz_sgn(r) == 0 ? REST_ZERO
                               : (c < 0 ? REST_BELOW_HALF : (c == 0 ? REST_HALF : REST_ABOVE_HALF));
    }
    mpz_clear(den);
    mpz_clear(r);
    return rest;
}

/* The decimal digits of 'q', no leading zeros ("0" for 0), into 'out'
   (40 bytes); returns their number. */
static size_t u128_digits(u128 q, char *out)
{
    char tmp[40];
    char *t = tmp + sizeof tmp;
    while (q >= pow10_u64[19]) {
        uint64_t low = (uint64_t)(q % pow10_u64[19]);
        q /= pow10_u64[19];
        for (int k = 0; k < 19; k++) {
            *--t = (char)('0' + low % 10);
            low /= 10;
        }
    }
    uint64_t top = (uint64_t)q;
    do {
        *--t = (char)('0' + top % 10);
        top /= 10;
    } while (top != 0);
    size_t n = (size_t)(tmp + sizeof tmp - t);
    memcpy(out, t, n);
    return n;
}

/* The digits of m * 2^e * 10^s, rounded half to even to an integer when
   'round', else cut, into 'out' (cap bytes, at least 40); '*rest' says
   what was below the integer. Returns the number of digits, or 0 when
   they do not fit. No NUL is written. */
static size_t scaled_digits(uint64_t m, int e, int s, bool round, char *out, size_t cap, int *rest)
{
    u128 q;
    int r = scale_small(m, e, s, &q);
    if (r >= 0) {
        if (round && rounds_up(r, (q & 1) != 0))
            q++;
        *rest = r;
        return u128_digits(q, out);
    }
    mpz_t z;
    mpz_init(z);
    r = scale_big(m, e, s, z);
    if (round && rounds_up(r, mpz_odd_p(z)))
        mpz_add_ui(z, z, 1);
    size_t n = 0;
    if (mpz_sizeinbase(z, 10) + 2 <= cap) {
        mpz_get_str(out, 10, z);
        n = strlen(out);
    }
    mpz_clear(z);
    *rest = r;
    return n;
}

/* A lower bound of floor(log10(2^k)) (exact for the k of doubles); the
   callers correct it when it falls short. */
static int log10_pow2(int k)
{
    return (int)(((int64_t)k * 78913) >> 18);
}

/* True if dig[0..n) is 1 followed by zeros. */
static bool is_pow10(const char *dig, size_t n)
{
    for (size_t k = 1; k < n; k++)
        if (dig[k] != '0')
            return false;
    return dig[0] == '1';
}

/* The first 'p' significant digits (p >= 1) of the positive finite 'a'
   into 'dig' (cap bytes, at least p + 42), rounded half to even when
   'round', else cut with '*rest' saying what was cut; '*exp10' is the
   power of ten of the first digit. False if they do not fit 'cap'. */
static bool sci_digits(double a, int p, bool round, char *dig, size_t cap, int *exp10, int *rest)
{
    uint64_t m;
    int e;
    split(a, &m, &e);
    int top = 63 - __builtin_clzll(m) + e; /* 2^top <= a < 2^(top+1) */
    int x = log10_pow2(top);               /* the power of ten of the first digit, or one less */
    for (;;) {
        size_t n = scaled_digits(m, e, p - 1 - x, round, dig, cap, rest);
        if (n == 0)
            return false;
        if (n < (size_t)p) {
            x--;
            continue;
        }
        if (n == (size_t)p)
            break;
        /* One digit too many: either 'x' was one short, or rounding
           carried into a new digit (10^p, whose first p digits are also
           those of the answer). */
        if (n == (size_t)p + 1 && round && is_pow10(dig, n)) {
            x++;
            break;
        }
        x++;
    }
    *exp10 = x;
    return true;
}

/* ---- printf-style forms ---- */

/* "%.*e" of the finite 'd' with a precision of at least 0, into 'buf';
   -1 if it needs FMT_FLOAT_BUF bytes or more. */
static int format_e(double d, int prec, char *buf)
{
    char dig[FMT_FLOAT_BUF + 48];
    int x = 0, rest;
    double a = fabs(d);
    if (prec >= FMT_FLOAT_BUF)
        return -1;
    if (a == 0.0)
        memset(dig, '0', (size_t)prec + 1);
    else if (!sci_digits(a, prec + 1, true, dig, sizeof dig, &x, &rest))
        return -1;
    int ax = x < 0 ? -x : x;
    int len = (signbit(d) ? 1 : 0) + 1 + (prec > 0 ? prec + 1 : 0) + 2 + (ax >= 100 ? 3 : 2);
    if (len >= FMT_FLOAT_BUF)
        return -1;
    char *o = buf;
    if (signbit(d))
        *o++ = '-';
    *o++ = dig[0];
    if (prec > 0) {
        *o++ = '.';
        memcpy(o, dig + 1, (size_t)prec);
        o += prec;
    }
    *o++ = 'e';
    *o++ = x < 0 ? '-' : '+';
    if (ax >= 100)
        *o++ = (char)('0' + ax / 100);
    *o++ = (char)('0' + ax / 10 % 10);
    *o++ = (char)('0' + ax % 10);
    *o = '\0';
    return len;
}

size_t fmt_float_classic(double d, char *buf)
{
    return (size_t)format_e(d, 20, buf);
}

int fmt_float_scientific(double d, sint_t decimals, char *buf)
{
    int prec = (int)(int32_t)(uint32_t)(uint64_t)decimals; /* as a C int */
    return format_e(d, prec < 0 ? 6 : prec, buf);          /* C's rule for a negative precision */
}

int fmt_float_fixed(double d, int prec, char *buf)
{
    char dig[FMT_FLOAT_BUF + 48];
    size_t n = 1;
    int rest;
    if (prec < 0 || prec >= FMT_FLOAT_BUF)
        return -1;
    double a = fabs(d);
    if (a == 0.0) {
        dig[0] = '0';
    } else {
        uint64_t m;
        int e;
        split(a, &m, &e);
        n = scaled_digits(m, e, prec, true, dig, sizeof dig, &rest);
        if (n == 0)
            return -1;
    }
    /* 'dig' is the value times 10^prec: the last 'prec' digits are the
       fraction, with zeros in front when the value is below 1. */
    size_t p = (size_t)prec, whole = n > p ? n - p : 1, lead = n > p ? 0 : p + 1 - n;
    size_t len = (signbit(d) ? 1 : 0) + whole + (p > 0 ? p + 1 : 0);
    if (len >= FMT_FLOAT_BUF)
        return -1;
    char *o = buf;
    if (signbit(d))
        *o++ = '-';
    if (lead > 0) {
        *o++ = '0';
        lead--;
    } else {
        memcpy(o, dig, whole);
        o += whole;
    }
    if (p > 0) {
        *o++ = '.';
        memset(o, '0', lead);
        o += lead;
        memcpy(o, dig + n - (p - lead), p - lead);
        o += p - lead;
    }
    *o = '\0';
    return (int)len;
}

/* compact: drops the trailing zeros, keeping one digit after a point. */
static int trim_zeros(char *buf, int len)
{
    while (len > 0 && buf[len - 1] == '0')
        len--;
    if (len > 0 && buf[len - 1] == '.')
        len++;
    buf[len] = '\0';
    return len;
}

int fmt_float_decimals(double d, sint_t decimals, bool compact, char *buf)
{
    int n = (int)(int32_t)(uint32_t)(uint64_t)decimals; /* as a C int */
    if (n < 0)
        return -1;
    double a = fabs(d);
    if (a > 9007199254740992.0 || n >= 19) {
        int len = fmt_float_fixed(d, n, buf);
        if (len < 0)
            return -1;
        return compact ? trim_zeros(buf, len) : len;
    }
    /* Integer and fraction apart; the fraction scaled and rounded half
       away from zero, as OTP does. Built backwards from the end. */
    char tmp[64];
    char *s = tmp + sizeof tmp;
    uint64_t ip;
    if (n > 0) {
        double fi = floor(a);
        double ff = round((a - fi) * pow10_dbl[n]);
        uint64_t fp = (uint64_t)ff;
        ip = (uint64_t)fi;
        if (ff >= pow10_dbl[n]) {
            ip++;
            fp = 0;
        }
        for (int k = 0; k < n; k++) {
            *--s = (char)('0' + fp % 10);
            fp /= 10;
        }
        *--s = '.';
    } else {
        ip = (uint64_t)llround(a);
    }
    do {
        *--s = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip != 0);
    if (signbit(d))
        *--s = '-';
    int len = (int)(tmp + sizeof tmp - s);
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    return compact && n > 0 ? trim_zeros(buf, len) : len;
}

/* ---- exact comparison of a decimal with a double ---- */

/* Significant digits kept of a decimal being read. A midpoint between two
   doubles has at most 767 of them, so digits past 800 only matter as
   being zero or not: a nonzero tail becomes one digit '1'. */
#define DEC_DIGITS 800

/* A decimal dig[0..n) * 10^exp10: no leading or trailing zeros, n is 0
   for zero. */
typedef struct Decimal {
    char dig[DEC_DIGITS + 2];
    size_t n;
    long exp10;
} Decimal;

/* The exact value of a decimal as num * 2^exp2 / den: in 128 bits for the
   texts that float_to_list and FLOAT_EXT write (at most 38 digits, within
   27 powers of ten of them), else in mpz. */
typedef struct Exact {
    bool big;
    u128 num, den;
    mpz_t znum, zden, l, r;
    long exp2;
} Exact;

static int bit_length(u128 v)
{
    uint64_t hi = (uint64_t)(v >> 64), lo = (uint64_t)v;
    return hi != 0 ? 128 - __builtin_clzll(hi) : (lo != 0 ? 64 - __builtin_clzll(lo) : 0);
}

/* With the digits in 'x->num', times 10^p: true if that fits 128 bits. */
static bool exact_small(Exact *x, long p)
{
    if (p < -POW5_SMALL_MAX || p > POW5_SMALL_MAX)
        return false;
    if (p > 0 && bit_length(x->num) + bit_length(pow5_u64[p]) > 128)
        return false;
    x->big = false;
    x->exp2 = p;
    x->num *= p > 0 ? pow5_u64[p] : 1;
    x->den = p < 0 ? pow5_u64[-p] : 1;
    return true;
}

/* With the digits in 'x->znum', times 10^p, in mpz. */
static void exact_big(Exact *x, long p)
{
    x->big = true;
    x->exp2 = p;
    mpz_init_set_ui(x->zden, 1);
    mpz_init(x->l);
    mpz_init(x->r);
    if (p > 0) {
        mpz_ui_pow_ui(x->l, 5, (unsigned long)p);
        mpz_mul(x->znum, x->znum, x->l);
    } else {
        mpz_ui_pow_ui(x->zden, 5, (unsigned long)-p);
    }
}

static void exact_from_decimal(Exact *x, const Decimal *dec)
{
    if (dec->n <= 38) {
        x->num = 0;
        for (size_t k = 0; k < dec->n; k++)
            x->num = x->num * 10 + (unsigned)(dec->dig[k] - '0');
        if (exact_small(x, dec->exp10))
            return;
    }
    char text[DEC_DIGITS + 4];
    memcpy(text, dec->dig, dec->n);
    text[dec->n] = '\0';
    mpz_init_set_str(x->znum, text, 10);
    exact_big(x, dec->exp10);
}

static void exact_clear(Exact *x)
{
    if (!x->big)
        return;
    mpz_clear(x->znum);
    mpz_clear(x->zden);
    mpz_clear(x->l);
    mpz_clear(x->r);
}

/* The sign of a * 2^ea - b * 2^eb. */
static int cmp_scaled(u128 a, long ea, u128 b, long eb)
{
    if (a == 0 || b == 0)
        return (a != 0) - (b != 0);
    long la = bit_length(a) + ea, lb = bit_length(b) + eb;
    if (la != lb)
        return la > lb ? 1 : -1;
    /* The same top bit: aligning them cannot overflow. */
    if (ea > eb)
        a <<= ea - eb;
    else
        b <<= eb - ea;
    return a > b ? 1 : (a < b ? -1 : 0);
}

/* The sign of the value of 'x' minus h * 2^f. */
static int cmp_midpoint(Exact *x, uint64_t h, int f)
{
    if (!x->big)
        return cmp_scaled(x->num, x->exp2, (u128)h * x->den, f); /* below 2^119 */
    mpz_mul_ui(x->r, x->zden, (unsigned long)h);
    long k = x->exp2 - f;
    if (k >= 0) {
        mpz_mul_2exp(x->l, x->znum, (mp_bitcnt_t)k);
    } else {
        mpz_set(x->l, x->znum);
        mpz_mul_2exp(x->r, x->r, (mp_bitcnt_t)-k);
    }
    return mpz_cmp(x->l, x->r);
}

/* Where the value of 'x' rounds (to nearest, ties to even) relative to
   the non-negative finite double of bits 'bits': 0 to it, 1 above it,
   -1 below it. */
static int direction(Exact *x, uint64_t bits)
{
    double c;
    memcpy(&c, &bits, sizeof c);
    uint64_t m;
    int e;
    split(c, &m, &e);
    /* above: the midpoint to the next double up, (2m + 1) * 2^(e-1) */
    int up = cmp_midpoint(x, 2 * m + 1, e - 1);
    if (up > 0 || (up == 0 && (m & 1) != 0))
        return 1;
    if (m == 0)
        return 0;
    /* below: closer when 'c' is a power of two above the subnormals */
    bool pow2 = m == (UINT64_C(1) << 52) && e > -1074;
    int down = pow2 ? cmp_midpoint(x, 4 * m - 1, e - 2) : cmp_midpoint(x, 2 * m - 1, e - 1);
    return down < 0 || (down == 0 && (m & 1) != 0) ? -1 : 0;
}

/* m * 10^e as a double when one exact operation gives it correctly
   rounded: m and 10^|e| both exact doubles (Clinger's fast path). */
static bool fast_decimal(uint64_t m, long e, double *out)
{
    if (m >= (UINT64_C(1) << 53))
        return false;
    if (e > 22 && e <= 22 + 15 && m < pow10_u64[15] / pow10_u64[e - 22]) {
        m *= pow10_u64[e - 22]; /* still below 10^15: exact */
        e = 22;
    }
    if (e < -22 || e > 22)
        return false;
    *out = e >= 0 ? (double)m * pow10_dbl[e] : (double)m / pow10_dbl[-e];
    return true;
}

/* strtod of m * 10^e (m of at most 18 digits, 17 significant), which
   every C library we know reads right. */
static double read_short(uint64_t m, long e)
{
    char text[48];
    size_t n = u128_digits(m, text);
    text[n++] = 'e';
    if (e < 0) {
        text[n++] = '-';
        e = -e;
    }
    n += u128_digits((u128)e, text + n);
    text[n] = '\0';
    return strtod(text, NULL);
}

/* ---- shortest round-trip digits ---- */

/* True if m * 10^e (m of at most 18 digits, 17 significant) reads back
   as exactly the positive 'd'. */
static bool reads_back(uint64_t m, int e, double d)
{
    double v;
    if (fast_decimal(m, e, &v))
        return v == d;
    Exact x;
    x.num = m;
    if (!exact_small(&x, e))
        return read_short(m, e) == d;
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    return direction(&x, bits) == 0;
}

/* The decimal of 1 + prec digits (prec <= 16) that reads back as 'd', if
   there is one: the nearest, or one unit above it (the interval of a
   power of two reaches further up than down). 'q' holds the first 17
   digits of 'd', cut, 'rest' what was cut, and 'x' the power of ten of
   the first. */
static bool candidate(double d, uint64_t q, int rest, int x, int prec, uint64_t *mout, int *eout)
{
    uint64_t div = pow10_u64[16 - prec], m = q / div, low = q % div;
    bool up;
    if (div == 1)
        up = rounds_up(rest, (m & 1) != 0);
    else
        up = low > div / 2 || (low == div / 2 && (rest != REST_ZERO || (m & 1) != 0));
    m += up;
    int e = x - prec;
    if (!reads_back(m, e, d) && !reads_back(++m, e, d))
        return false;
    *mout = m;
    *eout = e;
    return true;
}

/* The shortest decimal m * 10^e (m without trailing zeros) that reads back
   as the positive finite 'd'; among those of that length, the nearest.
   Whether some decimal of n digits reads back is monotonic in n, and 17
   digits always do, so the length is found by bisection. */
static void shortest_digits(double d, uint64_t *mout, int *eout)
{
    char dig[64];
    int x, rest;
    sci_digits(d, 17, false, dig, sizeof dig, &x, &rest);
    uint64_t q = 0, m;
    for (int k = 0; k < 17; k++)
        q = q * 10 + (uint64_t)(dig[k] - '0');
    int e, lo = 0, hi = 16;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (candidate(d, q, rest, x, mid, &m, &e))
            hi = mid;
        else
            lo = mid + 1;
    }
    candidate(d, q, rest, x, lo, &m, &e);
    while (m % 10 == 0) {
        m /= 10;
        e++;
    }
    *mout = m;
    *eout = e;
}

/* Writes m * 10^e in OTP's layout: fixed notation when the exponent is
   small for the number of digits, else scientific. */
static size_t layout(uint64_t m, int e, char *out)
{
    char dig[24];
    int olen = (int)u128_digits(m, dig);
    int sci = e + olen - 1;
    int lower = -(olen + 2), upper = sci >= 10 ? 2 : 1;
    if (olen == 1) {
        lower = -4;
        upper = 2;
    }
    bool fixed = lower <= e && e <= upper;
    /* Integers of 2^53 and above are never written in full. */
    if ((e == 0 && m >= (UINT64_C(1) << 53)) || (e == 1 && m > (UINT64_C(1) << 52) / 5) ||
        (e == 2 && m > (UINT64_C(1) << 51) / 25))
        fixed = false;
    char *o = out;
    if (fixed) {
        int whole = olen + e;
        if (e >= 0) {
            memcpy(o, dig, (size_t)olen);
            o += olen;
            memset(o, '0', (size_t)e);
            o += e;
            memcpy(o, ".0", 2);
            o += 2;
        } else if (whole > 0) {
            memcpy(o, dig, (size_t)whole);
            o += whole;
            *o++ = '.';
            memcpy(o, dig + whole, (size_t)(olen - whole));
            o += olen - whole;
        } else {
            *o++ = '0';
            *o++ = '.';
            memset(o, '0', (size_t)-whole);
            o += -whole;
            memcpy(o, dig, (size_t)olen);
            o += olen;
        }
        *o = '\0';
        return (size_t)(o - out);
    }
    *o++ = dig[0];
    *o++ = '.';
    if (olen > 1) {
        memcpy(o, dig + 1, (size_t)(olen - 1));
        o += olen - 1;
    } else {
        *o++ = '0';
    }
    o += sprintf(o, "e%d", sci);
    return (size_t)(o - out);
}

size_t fmt_float_shortest(double d, char *buf)
{
    char *o = buf;
    if (signbit(d)) {
        *o++ = '-';
        d = -d;
    }
    if (d == 0.0) {
        memcpy(o, "0.0", 4);
        return (size_t)(o - buf) + 3;
    }
    uint64_t m;
    int e;
    shortest_digits(d, &m, &e);
    return (size_t)(o - buf) + layout(m, e, o);
}

/* ---- reading ---- */

/* Corrects 'guess', a double near the value of 'dec', to the correctly
   rounded one (half to even): one step at a time while the guess is
   close, then by bisection (positive doubles are ordered as their bits),
   so that even a wild guess settles. False when the value rounds past
   the largest double. */
static bool settle(const Decimal *dec, double guess, double *out)
{
    const uint64_t inf = UINT64_C(0x7FF0000000000000);
    Exact x;
    exact_from_decimal(&x, dec);
    uint64_t bits, lo = 0, hi = inf; /* the answer's bits are in [lo, hi] */
    if (isinf(guess))
        guess = DBL_MAX;
    memcpy(&bits, &guess, sizeof bits);
    for (int steps = 1; bits != inf; steps++) {
        int dir = direction(&x, bits);
        if (dir == 0)
            break;
        if (dir > 0)
            lo = bits + 1;
        else
            hi = bits - 1;
        bits = steps < 4 ? bits + (uint64_t)(int64_t)dir : lo + (hi - lo) / 2;
    }
    exact_clear(&x);
    if (bits == inf)
        return false;
    memcpy(out, &bits, sizeof bits);
    return true;
}

/* The positive value of 'dec' as the nearest double; false past the
   largest one. */
static bool decimal_value(const Decimal *dec, double *out)
{
    if (dec->n == 0) {
        *out = 0.0;
        return true;
    }
    /* The power of ten of the first digit decides the far cases: 10^310
       is past the largest double, and below 10^-324 is less than half
       the smallest. */
    long first = dec->exp10 + (long)dec->n - 1;
    if (first > 309)
        return false;
    if (first < -325) {
        *out = 0.0;
        return true;
    }
    /* The first 19 digits (cut): all of them for most texts. */
    size_t k = dec->n < 19 ? dec->n : 19;
    uint64_t m = 0;
    for (size_t i = 0; i < k; i++)
        m = m * 10 + (uint64_t)(dec->dig[i] - '0');
    long e = dec->exp10 + (long)(dec->n - k);
    if (k == dec->n && fast_decimal(m, e, out))
        return true;
    /* Else a first guess, then the exact check: in double arithmetic
       when that is within an ulp or two, else from strtod on the first
       17 digits. */
    double guess;
    if (e >= -22 && e <= 22) {
        guess = e >= 0 ? (double)m * pow10_dbl[e] : (double)m / pow10_dbl[-e];
    } else {
        uint64_t cut = pow10_u64[k > 17 ? k - 17 : 0];
        uint64_t m17 = m / cut + (m % cut >= cut / 2 && cut > 1);
        guess = read_short(m17, e + (k > 17 ? (long)k - 17 : 0));
    }
    return settle(dec, guess, out);
}

static size_t skip_digits(const char *s, size_t i, size_t n)
{
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

/* Collects the digits of s[i..point) and s[point+1..end) into 'dec',
   with 'expo', the written exponent. */
static void collect(const char *s, size_t i, size_t point, size_t end, long expo, Decimal *dec)
{
    size_t n = 0;
    long weight = (long)(point - i); /* 10^weight is just above the first digit */
    bool tail = false;
    for (size_t k = i; k < end; k++) {
        if (k == point)
            continue;
        weight -= n == 0;
        if (n == 0 && s[k] == '0')
            continue;
        if (n < DEC_DIGITS)
            dec->dig[n++] = s[k];
        else if (s[k] != '0')
            tail = true;
    }
    if (tail)
        dec->dig[n++] = '1';
    /* 'weight' now is the power of ten of the first significant digit */
    while (n > 0 && dec->dig[n - 1] == '0')
        n--;
    dec->n = n;
    dec->exp10 = weight + expo - (long)n + 1;
}

bool fmt_float_parse(const char *s, size_t n, double *out)
{
    size_t i = 0, j;
    bool neg = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    size_t start = i;
    if ((j = skip_digits(s, i, n)) == i)
        return false;
    /* OTP accepts a comma for the decimal point too */
    if (j >= n || (s[j] != '.' && s[j] != ','))
        return false;
    size_t point = j;
    i = j + 1;
    if ((j = skip_digits(s, i, n)) == i)
        return false;
    size_t end = j;
    long expo = 0;
    if (j < n && (s[j] == 'e' || s[j] == 'E')) {
        i = j + 1;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        if ((j = skip_digits(s, i, n)) == i)
            return false;
        /* Saturates far beyond any number of digits a text can have:
           the value is then 0 or too large whatever the digits. */
        for (; i < j; i++)
            if (expo < 100000000000000000L)
                expo = expo * 10 + (s[i] - '0');
        expo = eneg ? -expo : expo;
    }
    if (j != n)
        return false;
    Decimal dec;
    collect(s, start, point, end, expo, &dec);
    double d;
    if (!decimal_value(&dec, &d))
        return false;
    *out = neg ? -d : d;
    return true;
}
