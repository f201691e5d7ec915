/*
** fmt_float.c: float text in OTP 25's formats. The shortest round-trip
** digits are found with snprintf("%.*e") and checked with strtod; the
** fixed-point form follows OTP's own rounding (which is not printf's for
** fewer than 19 decimals); the layouts are OTP's.
*/
#include "fmt_float.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shortest round-trip digits ---- */

/* True if m * 10^e reads back as exactly 'd'. */
static bool reads_back(uint64_t m, int e, double d)
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%" PRIu64 "e%d", m, e);
    return strtod(tmp, NULL) == d;
}

/* The decimal of 1 + prec digits that reads back as 'd', if there is one:
   the nearest, or one unit above it (the interval of a power of two
   reaches further up than down). */
static bool candidate(double d, int prec, uint64_t *mout, int *eout)
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%.*e", prec, d);
    /* tmp is "D.DDDDe[+-]XX" (no point when prec is 0). */
    uint64_t m = 0;
    const char *s = tmp;
    for (; *s != 'e'; s++)
        if (*s != '.')
            m = m * 10 + (uint64_t)(*s - '0');
    int e = atoi(s + 1) - prec;
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
    uint64_t m;
    int e, lo = 0, hi = 16;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (candidate(d, mid, &m, &e))
            hi = mid;
        else
            lo = mid + 1;
    }
    candidate(d, lo, &m, &e);
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
    int olen = snprintf(dig, sizeof dig, "%" PRIu64, m);
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

/* ---- printf-style forms ---- */

size_t fmt_float_classic(double d, char *buf)
{
    return (size_t)snprintf(buf, 32, "%.20e", d);
}

int fmt_float_scientific(double d, sint_t decimals, char *buf)
{
    int prec = (int)(int32_t)(uint32_t)(uint64_t)decimals;   /* as a C int */
    int len = snprintf(buf, FMT_FLOAT_BUF, "%.*e", prec, d);
    return len < 0 || len >= FMT_FLOAT_BUF ? -1 : len;
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
    static const double pow10[19] = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
        1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    };
    int n = (int)(int32_t)(uint32_t)(uint64_t)decimals;   /* as a C int */
    if (n < 0)
        return -1;
    double a = fabs(d);
    if (a > 9007199254740992.0 || n >= 19) {
        int len = snprintf(buf, FMT_FLOAT_BUF, "%.*f", n, d);
        if (len < 0 || len >= FMT_FLOAT_BUF)
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
        double ff = round((a - fi) * pow10[n]);
        uint64_t fp = (uint64_t)ff;
        ip = (uint64_t)fi;
        if (ff >= pow10[n]) {
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

/* ---- reading ---- */

static size_t skip_digits(const char *s, size_t i, size_t n)
{
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    return i;
}

bool fmt_float_parse(const char *s, size_t n, double *out)
{
    size_t i = 0, j;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    if ((j = skip_digits(s, i, n)) == i)
        return false;
    /* OTP accepts a comma for the decimal point too */
    if (j >= n || (s[j] != '.' && s[j] != ','))
        return false;
    size_t point = j;
    i = j + 1;
    if ((j = skip_digits(s, i, n)) == i)
        return false;
    if (j < n && (s[j] == 'e' || s[j] == 'E')) {
        i = j + 1;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        if ((j = skip_digits(s, i, n)) == i)
            return false;
    }
    if (j != n)
        return false;
    char small[128];
    char *tmp = n < sizeof small ? small : vm_alloc(n + 1);
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    tmp[point] = '.';
    double d = strtod(tmp, NULL);
    if (tmp != small)
        vm_free(tmp);
    if (!isfinite(d))
        return false;
    *out = d;
    return true;
}
