/*
** erlang_timer.c: the timer BIFs of module erlang: send_after/3,4,
** start_timer/3,4, cancel_timer/1,2 and read_timer/1,2, over msgtimer.c.
** Times are milliseconds (or absolute monotonic milliseconds with
** {abs, true}).
*/
#include "bif.h"

#include "../sched/msgtimer.h"
#include "../sched/sched.h"
#include "../vm/plat.h"

#define MS 1000000ull

/* The deadline of Time with the options list 'opts' (or [] ), or false. */
static bool deadline_of(term_t time, term_t opts, uint64_t *deadline) {
    bool abs = false;
    for (; term_is_list(opts); opts = list_tail(opts)) {
        term_t o = list_head(opts);
        if (!term_is_tuple(o) || tuple_arity(o) != 2 || tuple_elems(o)[0] != atom_intern("abs", 3) ||
            !term_is_boolean(tuple_elems(o)[1]))
            return false;
        abs = tuple_elems(o)[1] == ATOM_true;
    }
    if (opts != TERM_NIL || !term_is_small(time)) return false;
    sint_t t = small_val(time);
    uint64_t now = plat_clock_monotonic();
    if (abs) {
        /* erlang:monotonic_time(millisecond) is plat_clock_monotonic / 1e6 */
        *deadline = t < 0 ? 0 : (uint64_t)t * MS;
        if (*deadline < now) *deadline = now;
        return true;
    }
    if (t < 0 || (uint64_t)t > UINT64_MAX / MS / 2) return false;
    *deadline = now + (uint64_t)t * MS;
    return true;
}

static term_t start(Proc *p, term_t *args, term_t opts, bool wrap) {
    uint64_t deadline;
    term_t dest = args[1];
    if (!term_is_pid(dest) && !term_is_atom(dest)) BIF_BADARG(p);
    if (!deadline_of(args[0], opts, &deadline)) BIF_BADARG(p);
    return msgtimer_start(p, deadline, dest, args[2], wrap);
}

static BIF(bif_erlang_send_after_3) { return start(p, args, TERM_NIL, false); }
static BIF(bif_erlang_send_after_4) { return start(p, args, args[3], false); }
static BIF(bif_erlang_start_timer_3) { return start(p, args, TERM_NIL, true); }
static BIF(bif_erlang_start_timer_4) { return start(p, args, args[3], true); }

/* cancel_timer/read_timer options: {async, B} and {info, B}. */
static bool timer_opts(term_t l, bool *async, bool *info) {
    *async = false;
    *info = true;
    for (; term_is_list(l); l = list_tail(l)) {
        term_t o = list_head(l);
        if (!term_is_tuple(o) || tuple_arity(o) != 2 || !term_is_boolean(tuple_elems(o)[1]))
            return false;
        bool v = tuple_elems(o)[1] == ATOM_true;
        if (tuple_elems(o)[0] == atom_intern("async", 5)) *async = v;
        else if (tuple_elems(o)[0] == ATOM_info) *info = v;
        else return false;
    }
    return l == TERM_NIL;
}

static term_t cancel(Proc *p, term_t ref, term_t opts, bool read) {
    bool async, info;
    if (!term_is_ref(ref) || !timer_opts(opts, &async, &info)) BIF_BADARG(p);
    int64_t left = msgtimer_cancel(ref, read);
    term_t v = left < 0 ? ATOM_false : make_small((left + (int64_t)MS - 1) / (int64_t)MS);
    if (async) {
        /* the answer arrives as a message, as OTP's asynchronous form does */
        if (info) {
            term_t tag = read ? atom_intern("read_timer", 10) : atom_intern("cancel_timer", 12);
            term_t m[3] = {tag, ref, v};
            mbox_send(p, heap_tuple(p, 3, m));
        }
        return ATOM_ok;
    }
    return info ? v : ATOM_ok;
}

static BIF(bif_erlang_cancel_timer_1) { return cancel(p, args[0], TERM_NIL, false); }
static BIF(bif_erlang_cancel_timer_2) { return cancel(p, args[0], args[1], false); }
static BIF(bif_erlang_read_timer_1) { return cancel(p, args[0], TERM_NIL, true); }
static BIF(bif_erlang_read_timer_2) { return cancel(p, args[0], args[1], true); }

const BifDef bif_erlang_timer_table[] = {
    {"erlang", "send_after", 3, bif_erlang_send_after_3, 0},
    {"erlang", "send_after", 4, bif_erlang_send_after_4, 0},
    {"erlang", "start_timer", 3, bif_erlang_start_timer_3, 0},
    {"erlang", "start_timer", 4, bif_erlang_start_timer_4, 0},
    {"erlang", "cancel_timer", 1, bif_erlang_cancel_timer_1, 0},
    {"erlang", "cancel_timer", 2, bif_erlang_cancel_timer_2, 0},
    {"erlang", "read_timer", 1, bif_erlang_read_timer_1, 0},
    {"erlang", "read_timer", 2, bif_erlang_read_timer_2, 0},
    {NULL, NULL, 0, NULL, 0},
};
