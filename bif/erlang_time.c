/*
** erlang_time.c: time BIFs of the erlang and os modules: monotonic and
** system time in any unit, time unit conversion, timestamps, now/0, the
** calendar date and time (UTC: local time is universal time), and the
** conversions between calendar times and POSIX seconds.
**
** The native unit is the nanosecond (so is perf_counter). Erlang system
** time is monotonic time plus an offset fixed at the first question (OTP's
** no_time_warp mode); os:system_time and os:timestamp read the wall clock.
*/
#include "erlang.h"

#include "../vm/arith.h"
#include "../vm/plat.h"

#define NS_PER_SEC 1000000000
#define YEAR_MAX 2147483646   /* OTP's bound on calendar years */

static bool offset_known;
static int64_t time_offset_ns;

static int64_t mono_ns(void) { return (int64_t)plat_clock_monotonic(); }

void erlang_time_freeze(void)
{
    offset_known = false; /* the wall clock of this boot, not the snapshot's */
}

static int64_t offset_ns(void)
{
    if (!offset_known) {
        time_offset_ns = (int64_t)plat_clock_wall() - mono_ns();
        offset_known = true;
    }
    return time_offset_ns;
}

static int64_t erlang_system_ns(void) { return mono_ns() + offset_ns(); }
static int64_t os_system_ns(void) { return (int64_t)plat_clock_wall(); }

/* The value of an integer that fits 64 bits. */
static bool int64_of(term_t t, int64_t *v)
{
    if (term_is_small(t)) {
        *v = small_val(t);
        return true;
    }
    if (!term_is_big(t) || HDR_ARITY(boxed_hdr(t)) != 1) return false;
    uint64_t mag = term_ptr(t)[1];
    if (HDR_SUBTAG(boxed_hdr(t)) == HDR_NEG_BIG) {
        if (mag > (uint64_t)INT64_MAX + 1) return false;
        *v = (int64_t)(0 - mag);
    } else {
        if (mag > (uint64_t)INT64_MAX) return false;
        *v = (int64_t)mag;
    }
    return true;
}

/* ---- units ---- */

/* The units per second of a time unit, as an integer term, or TERM_NONE. */
static term_t unit_per_sec(term_t u)
{
    if (u == ATOM_second || u == ATOM_seconds) return make_small(1);
    if (u == ATOM_millisecond || u == ATOM_milli_seconds) return make_small(1000);
    if (u == ATOM_microsecond || u == ATOM_micro_seconds) return make_small(1000000);
    if (u == ATOM_nanosecond || u == ATOM_nano_seconds || u == ATOM_native ||
        u == ATOM_perf_counter)
        return make_small(NS_PER_SEC);
    if (term_is_small(u) && small_val(u) > 0) return u;
    if (term_is_big(u) && HDR_SUBTAG(boxed_hdr(u)) == HDR_POS_BIG) return u;
    return TERM_NONE;
}

/* Time * To / From rounded toward minus infinity, as OTP's
   convert_time_unit/3: (To * Time - (From - 1)) div From for a negative
   Time. Raises badarg for a non-integer time or a bad unit. */
static term_t convert(Proc *p, term_t time, term_t from_unit, term_t to_unit)
{
    term_t from = unit_per_sec(from_unit), to = unit_per_sec(to_unit);
    if (term_is_none(from) || term_is_none(to) || !term_is_integer(time)) BIF_BADARG(p);
    if (term_is_small(time) && term_is_small(from) && term_is_small(to)) {
        __int128 t = small_val(time), f = small_val(from);
        __int128 n = t * small_val(to);
        if (t < 0) n -= f - 1;
        __int128 r = n / f;
        if (r >= INT64_MIN && r <= INT64_MAX) return heap_int(p, (sint_t)r);
    }
    term_t n = arith_mul(p, to, time);
    if (!term_is_none(n) && compare_terms(time, make_small(0)) < 0)
        n = arith_sub(p, n, arith_sub(p, from, make_small(1)));
    term_t r = term_is_none(n) ? TERM_NONE : arith_div(p, n, from);
    if (term_is_none(r)) BIF_BADARG(p);
    return r;
}

static term_t ns_in(Proc *p, int64_t ns, term_t unit)
{
    return convert(p, heap_int(p, ns), ATOM_native, unit);
}

BIF(bif_erlang_convert_time_unit_3) { return convert(p, args[0], args[1], args[2]); }
BIF(bif_erlang_monotonic_time_0) { VM_UNUSED(args); return heap_int(p, mono_ns()); }
BIF(bif_erlang_monotonic_time_1) { return ns_in(p, mono_ns(), args[0]); }
BIF(bif_erlang_system_time_0) { VM_UNUSED(args); return heap_int(p, erlang_system_ns()); }
BIF(bif_erlang_system_time_1) { return ns_in(p, erlang_system_ns(), args[0]); }
BIF(bif_erlang_time_offset_0) { VM_UNUSED(args); return heap_int(p, offset_ns()); }
BIF(bif_erlang_time_offset_1) { return ns_in(p, offset_ns(), args[0]); }
BIF(bif_os_system_time_0) { VM_UNUSED(args); return heap_int(p, os_system_ns()); }
BIF(bif_os_system_time_1) { return ns_in(p, os_system_ns(), args[0]); }
BIF(bif_os_perf_counter_0) { VM_UNUSED(args); return heap_int(p, mono_ns()); }

/* {MegaSecs, Secs, MicroSecs} of a count of microseconds. */
static term_t timestamp(Proc *p, int64_t us)
{
    int64_t s = us / 1000000;
    return heap_tuple3(p, make_small(s / 1000000), make_small(s % 1000000),
                       make_small(us % 1000000));
}

BIF(bif_erlang_timestamp_0) { VM_UNUSED(args); return timestamp(p, erlang_system_ns() / 1000); }
BIF(bif_os_timestamp_0) { VM_UNUSED(args); return timestamp(p, os_system_ns() / 1000); }

/* now/0: system time in microseconds, made strictly increasing. */
static int64_t last_now_us;

BIF(bif_erlang_now_0)
{
    VM_UNUSED(args);
    int64_t us = erlang_system_ns() / 1000;
    if (us <= last_now_us) us = last_now_us + 1;
    last_now_us = us;
    return timestamp(p, us);
}

/* ---- the proleptic Gregorian calendar ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days since 1970-01-01 of a date (month 1..12). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The date of a day number (days since 1970-01-01), by the classic day
   number formula. Its divisions truncate toward zero, which shifts dates
   before year 0 by a day or so; OTP computes them the same way, and
   posixtime_to_universaltime/1 must agree with it. */
static int64_t days_before_year(int64_t y) { return 365 * y + y / 4 - y / 100 + y / 400; }

static void civil_from_days(int64_t days, int64_t *y, int64_t *m, int64_t *d)
{
    int64_t z = days + 719468;   /* days since 0000-03-01 */
    int64_t yy = (10000 * z + 14780) / 3652425;
    int64_t doy = z - days_before_year(yy);
    if (doy < 0) {
        yy--;
        doy = z - days_before_year(yy);
    }
    int64_t mi = (100 * doy + 52) / 3060;   /* months since March */
    *m = (mi + 2) % 12 + 1;
    *y = yy + (mi + 2) / 12;
    *d = doy - (mi * 306 + 5) / 10 + 1;
}

static bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int64_t month_days(int64_t y, int64_t m)
{
    static const int8_t days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Reads {{Y, Mo, D}, {H, Mi, S}} into f[0..6), checking that it is a real
   date and time with min_year <= Y <= YEAR_MAX. */
static bool datetime_of(term_t t, int64_t min_year, int64_t f[6])
{
    if (!term_is_tuple(t) || tuple_arity(t) != 2) return false;
    for (int half = 0; half < 2; half++) {
        term_t h = tuple_elems(t)[half];
        if (!term_is_tuple(h) || tuple_arity(h) != 3) return false;
        for (int i = 0; i < 3; i++) {
            term_t v = tuple_elems(h)[i];
            if (!term_is_small(v)) return false;
            f[half * 3 + i] = small_val(v);
        }
    }
    if (f[0] < min_year || f[0] > YEAR_MAX || f[1] < 1 || f[1] > 12) return false;
    if (f[2] < 1 || f[2] > month_days(f[0], f[1])) return false;
    return f[3] >= 0 && f[3] <= 23 && f[4] >= 0 && f[4] <= 59 && f[5] >= 0 && f[5] <= 59;
}

/* {{Y, Mo, D}, {H, Mi, S}} of a count of seconds since 1970 (UTC). */
static term_t datetime(Proc *p, int64_t secs)
{
    int64_t days = secs / 86400, rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    int64_t y, m, d;
    civil_from_days(days, &y, &m, &d);
    term_t date = heap_tuple3(p, heap_int(p, y), make_small(m), make_small(d));
    term_t time = heap_tuple3(p, make_small(rem / 3600), make_small(rem / 60 % 60),
                              make_small(rem % 60));
    return heap_tuple2(p, date, time);
}

static int64_t now_secs(void) { return floor_div(erlang_system_ns(), NS_PER_SEC); }

BIF(bif_erlang_universaltime_0) { VM_UNUSED(args); return datetime(p, now_secs()); }
BIF(bif_erlang_localtime_0) { VM_UNUSED(args); return datetime(p, now_secs()); }
BIF(bif_erlang_date_0) { VM_UNUSED(args); return tuple_elems(datetime(p, now_secs()))[0]; }
BIF(bif_erlang_time_0) { VM_UNUSED(args); return tuple_elems(datetime(p, now_secs()))[1]; }

#define LOCALTIME_MIN_YEAR 1902
#define POSIX_MIN_YEAR 1600

BIF(bif_erlang_universaltime_to_localtime_1)
{
    int64_t f[6];
    if (!datetime_of(args[0], LOCALTIME_MIN_YEAR, f)) BIF_BADARG(p);
    return args[0];
}

BIF(bif_erlang_localtime_to_universaltime_1)
{
    int64_t f[6];
    if (!datetime_of(args[0], LOCALTIME_MIN_YEAR, f)) BIF_BADARG(p);
    return args[0];
}

/* localtime_to_universaltime(DateTime, IsDst): with IsDst true the time is
   taken as daylight saving time of a zone without it, one hour ahead, as
   the C library's mktime does in UTC. */
BIF(bif_erlang_localtime_to_universaltime_2)
{
    int64_t f[6];
    term_t dst = args[1];
    if (!datetime_of(args[0], LOCALTIME_MIN_YEAR, f)) BIF_BADARG(p);
    if (dst == ATOM_false || dst == ATOM_undefined) return args[0];
    if (dst != ATOM_true) BIF_BADARG(p);
    int64_t secs = days_from_civil(f[0], f[1], f[2]) * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
    return datetime(p, secs - 3600);
}

BIF(bif_erlang_universaltime_to_posixtime_1)
{
    int64_t f[6];
    if (!datetime_of(args[0], POSIX_MIN_YEAR, f)) BIF_BADARG(p);
    int64_t secs = days_from_civil(f[0], f[1], f[2]) * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
    return heap_int(p, secs);
}

BIF(bif_erlang_posixtime_to_universaltime_1)
{
    int64_t secs;
    if (!int64_of(args[0], &secs)) BIF_BADARG(p);
    return datetime(p, secs);
}

#define E(name, arity, fn) {"erlang", name, arity, fn, 0}
#define O(name, arity, fn) {"os", name, arity, fn, 0}

const BifDef bif_erlang_time_table[] = {
    E("convert_time_unit", 3, bif_erlang_convert_time_unit_3),
    E("monotonic_time", 0, bif_erlang_monotonic_time_0),
    E("monotonic_time", 1, bif_erlang_monotonic_time_1),
    E("system_time", 0, bif_erlang_system_time_0),
    E("system_time", 1, bif_erlang_system_time_1),
    E("time_offset", 0, bif_erlang_time_offset_0),
    E("time_offset", 1, bif_erlang_time_offset_1),
    E("timestamp", 0, bif_erlang_timestamp_0),
    E("now", 0, bif_erlang_now_0),
    E("universaltime", 0, bif_erlang_universaltime_0),
    E("localtime", 0, bif_erlang_localtime_0),
    E("date", 0, bif_erlang_date_0),
    E("time", 0, bif_erlang_time_0),
    E("universaltime_to_localtime", 1, bif_erlang_universaltime_to_localtime_1),
    E("localtime_to_universaltime", 1, bif_erlang_localtime_to_universaltime_1),
    E("localtime_to_universaltime", 2, bif_erlang_localtime_to_universaltime_2),
    E("universaltime_to_posixtime", 1, bif_erlang_universaltime_to_posixtime_1),
    E("posixtime_to_universaltime", 1, bif_erlang_posixtime_to_universaltime_1),
    O("timestamp", 0, bif_os_timestamp_0),
    O("system_time", 0, bif_os_system_time_0),
    O("system_time", 1, bif_os_system_time_1),
    O("perf_counter", 0, bif_os_perf_counter_0),
    {NULL, NULL, 0, NULL, 0},
};
