/*
** erlang_bif_test.c: the general BIFs called directly on a process built
** by hand: '--' against a naive reference on large random lists, the
** process dictionary with many keys across collections, atoms and
** strings, the calendar conversions, lists BIFs and persistent_term.
*/
#include <stdio.h>
#include <stdlib.h>

#include "../../bif/erlang.h"
#include "../../vm/gc.h"
#include "../../vm/plat.h"

static int failures;

#define CHECK(c)                                                            \
    do {                                                                    \
        if (!(c)) {                                                         \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);             \
            failures++;                                                     \
        }                                                                   \
    } while (0)

BIF(bif_erlang_mm_2);
BIF(bif_erlang_pp_2);
BIF(bif_erlang_put_2);
BIF(bif_erlang_get_1);
BIF(bif_erlang_get_0);
BIF(bif_erlang_erase_1);
BIF(bif_erlang_list_to_atom_1);
BIF(bif_erlang_atom_to_list_1);
BIF(bif_erlang_universaltime_to_posixtime_1);
BIF(bif_erlang_posixtime_to_universaltime_1);
BIF(bif_erlang_convert_time_unit_3);
BIF(bif_lists_reverse_2);
BIF(bif_lists_keyfind_3);
BIF(bif_persistent_term_put_2);
BIF(bif_persistent_term_get_1);
BIF(bif_persistent_term_erase_1);
BIF(bif_erlang_make_tuple_3);
BIF(bif_erlang_raise_3);

static Proc *new_proc(size_t words)
{
    Proc *p = vm_zalloc(sizeof *p);
    p->heap = p->htop = vm_alloc(words * sizeof(term_t));
    p->hend = p->heap + words;
    p->stack_lo = vm_alloc(64 * sizeof(term_t));
    p->stack_hi = p->E = p->stack_lo + 64;
    p->dict = p->freason = p->fvalue = p->ftrace = TERM_NIL;
    p->initial_call = p->exit_reason = p->marker_ref = TERM_NIL;
    return p;
}

static void free_proc(Proc *p)
{
    gc_free_heap(p);
    vm_free(p->stack_lo);
    vm_free(p);
}

static term_t call2(BifFn f, Proc *p, term_t a, term_t b)
{
    term_t args[2] = {a, b};
    return f(p, args);
}

static term_t call3(BifFn f, Proc *p, term_t a, term_t b, term_t c)
{
    term_t args[3] = {a, b, c};
    return f(p, args);
}

static uint64_t rng = 88172645463325252u;
static uint64_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* A term drawn from a small set, so that lists share many elements: an
   integer, the float of the same value, or a tuple holding it. */
static term_t random_term(Proc *p, unsigned range)
{
    sint_t v = (sint_t)(next_rand() % range);
    switch (next_rand() % 3) {
    case 0: return make_small(v);
    case 1: return heap_float(p, (double)v);
    default: return heap_tuple2(p, make_small(v), ATOM_ok);
    }
}

/* A -- B by the definition: for each element of B, remove the first
   element of A that is =:= to it. */
static size_t naive_subtract(term_t *a, size_t n, const term_t *b, size_t m)
{
    for (size_t j = 0; j < m; j++) {
        for (size_t i = 0; i < n; i++) {
            if (compare_exact(a[i], b[j])) {
                memmove(a + i, a + i + 1, (n - i - 1) * sizeof *a);
                n--;
                break;
            }
        }
    }
    return n;
}

static void test_subtract(void)
{
    static const size_t sizes[][2] = {{0, 5}, {5, 0}, {10, 3}, {40, 20}, {300, 200}, {2000, 900}};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        Proc *p = new_proc(1 << 16);
        size_t n = sizes[s][0], m = sizes[s][1];
        term_t *a = vm_alloc((n + 1) * sizeof *a), *b = vm_alloc((m + 1) * sizeof *b);
        for (size_t i = 0; i < n; i++) a[i] = random_term(p, 50);
        for (size_t j = 0; j < m; j++) b[j] = random_term(p, 50);
        term_t la = heap_list(p, a, n), lb = heap_list(p, b, m);
        term_t r = call2(bif_erlang_mm_2, p, la, lb);
        size_t k = naive_subtract(a, n, b, m);
        CHECK(list_length(r) == (sint_t)k);
        for (size_t i = 0; i < k && term_is_list(r); i++, r = list_tail(r))
            CHECK(compare_exact(list_head(r), a[i]));
        vm_free(a);
        vm_free(b);
        free_proc(p);
    }

    /* Large inputs finish quickly (the naive way would take ~10^10 steps). */
    Proc *p = new_proc(1 << 20);
    size_t n = 100000;
    term_t *a = vm_alloc(n * sizeof *a);
    for (size_t i = 0; i < n; i++) a[i] = make_small((sint_t)i);
    term_t la = heap_list(p, a, n);
    uint64_t t0 = plat_clock_monotonic();
    term_t r = call2(bif_erlang_mm_2, p, la, la);
    CHECK(term_is_nil(r));
    r = call2(bif_erlang_mm_2, p, la, heap_list(p, a + 1, n - 1));
    CHECK(list_length(r) == 1 && list_head(r) == make_small(0));
    CHECK(plat_clock_monotonic() - t0 < 2000000000u);
    vm_free(a);

    /* Improper arguments. */
    term_t bad = heap_cons(p, make_small(1), ATOM_ok);
    CHECK(call2(bif_erlang_mm_2, p, bad, TERM_NIL) == TERM_NONE && p->freason == ATOM_badarg);
    CHECK(call2(bif_erlang_mm_2, p, TERM_NIL, bad) == TERM_NONE);
    CHECK(call2(bif_erlang_pp_2, p, bad, TERM_NIL) == TERM_NONE);
    CHECK(call2(bif_erlang_pp_2, p, TERM_NIL, ATOM_ok) == ATOM_ok);
    free_proc(p);
}

static void test_dict(void)
{
    Proc *p = new_proc(1024);
    size_t n = 20000;
    for (size_t i = 0; i < n; i++) {
        term_t k = heap_tuple2(p, make_small((sint_t)i), ATOM_ok);
        CHECK(call2(bif_erlang_put_2, p, k, make_small((sint_t)i * 2)) == ATOM_undefined);
        if (i % 5000 == 0) gc_collect(p, 0, NULL, 0);
    }
    gc_collect(p, 0, NULL, 0);
    CHECK(erlang_dict_size(p) == n);
    for (size_t i = 0; i < n; i++) {
        term_t k = heap_tuple2(p, make_small((sint_t)i), ATOM_ok);
        term_t args[1] = {k};
        CHECK(bif_erlang_get_1(p, args) == make_small((sint_t)i * 2));
    }
    term_t k = heap_tuple2(p, make_small(7), ATOM_ok);
    CHECK(call2(bif_erlang_put_2, p, k, ATOM_true) == make_small(14));
    term_t args[1] = {k};
    CHECK(bif_erlang_erase_1(p, args) == ATOM_true);
    CHECK(bif_erlang_erase_1(p, args) == ATOM_undefined);
    CHECK(bif_erlang_get_1(p, args) == ATOM_undefined);
    CHECK(list_length(bif_erlang_get_0(p, NULL)) == (sint_t)n - 1);
    /* 1 and 1.0 are different keys. */
    call2(bif_erlang_put_2, p, make_small(1), ATOM_ok);
    call2(bif_erlang_put_2, p, heap_float(p, 1.0), ATOM_error);
    args[0] = make_small(1);
    CHECK(bif_erlang_get_1(p, args) == ATOM_ok);
    gc_collect(p, 0, NULL, 0);
    args[0] = heap_float(p, 1.0);
    CHECK(bif_erlang_get_1(p, args) == ATOM_error);
    free_proc(p);
}

static void test_atoms(void)
{
    Proc *p = new_proc(1024);
    term_t s = heap_list(p, (term_t[]){make_small(0x100), make_small('a'), make_small(0x1F600)}, 3);
    term_t args[1] = {s};
    term_t a = bif_erlang_list_to_atom_1(p, args);
    CHECK(term_is_atom(a));
    size_t len;
    const char *name = atom_name(a, &len);
    CHECK(len == 7 && memcmp(name, "\xC4\x80" "a\xF0\x9F\x98\x80", 7) == 0);
    args[0] = a;
    term_t back = bif_erlang_atom_to_list_1(p, args);
    CHECK(list_length(back) == 3 && list_head(back) == make_small(0x100));
    args[0] = heap_list(p, (term_t[]){make_small(0xD800)}, 1);
    CHECK(bif_erlang_list_to_atom_1(p, args) == TERM_NONE && p->freason == ATOM_badarg);
    term_t many[256];
    for (int i = 0; i < 256; i++) many[i] = make_small(0x12C);
    args[0] = heap_list(p, many, 256);
    CHECK(bif_erlang_list_to_atom_1(p, args) == TERM_NONE && p->freason == ATOM_system_limit);
    args[0] = heap_list(p, many, 255);
    CHECK(term_is_atom(bif_erlang_list_to_atom_1(p, args)));
    free_proc(p);
}

static term_t datetime(Proc *p, sint_t y, sint_t mo, sint_t d, sint_t h, sint_t mi, sint_t s)
{
    return heap_tuple2(p, heap_tuple3(p, make_small(y), make_small(mo), make_small(d)),
                       heap_tuple3(p, make_small(h), make_small(mi), make_small(s)));
}

static void test_time(void)
{
    Proc *p = new_proc(1024);
    struct { sint_t y, mo, d, h, mi, s, posix; } cases[] = {
        {1970, 1, 1, 0, 0, 0, 0},
        {1969, 12, 31, 23, 59, 59, -1},
        {1600, 1, 1, 0, 0, 0, -11676096000},
        {2023, 11, 14, 22, 13, 20, 1700000000},
        {99999, 1, 1, 0, 0, 0, 3093496444800},
        {2000, 2, 29, 12, 0, 0, 951825600},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        term_t args[1] = {datetime(p, cases[i].y, cases[i].mo, cases[i].d, cases[i].h,
                                   cases[i].mi, cases[i].s)};
        CHECK(bif_erlang_universaltime_to_posixtime_1(p, args) == make_small(cases[i].posix));
        term_t dt = args[0];
        args[0] = make_small(cases[i].posix);
        CHECK(compare_exact(bif_erlang_posixtime_to_universaltime_1(p, args), dt));
    }
    term_t args[1] = {datetime(p, 2023, 2, 29, 0, 0, 0)};
    CHECK(bif_erlang_universaltime_to_posixtime_1(p, args) == TERM_NONE);
    args[0] = datetime(p, 1599, 12, 31, 0, 0, 0);
    CHECK(bif_erlang_universaltime_to_posixtime_1(p, args) == TERM_NONE);
    args[0] = make_small(-100000000000);
    CHECK(compare_exact(bif_erlang_posixtime_to_universaltime_1(p, args),
                        datetime(p, -1199, 2, 15, 14, 13, 20)));

    CHECK(call3(bif_erlang_convert_time_unit_3, p, make_small(-1), ATOM_native, ATOM_second) ==
          make_small(-1));
    CHECK(call3(bif_erlang_convert_time_unit_3, p, make_small(-1500), ATOM_millisecond,
                ATOM_second) == make_small(-2));
    CHECK(call3(bif_erlang_convert_time_unit_3, p, make_small(7), make_small(3),
                make_small(2)) == make_small(4));
    CHECK(call3(bif_erlang_convert_time_unit_3, p, make_small(-7), make_small(3),
                make_small(2)) == make_small(-5));
    CHECK(call3(bif_erlang_convert_time_unit_3, p, make_small(1), ATOM_second,
                make_small(0)) == TERM_NONE);
    term_t big = call3(bif_erlang_convert_time_unit_3, p, make_small(SMALL_MAX), ATOM_second,
                       ATOM_nanosecond);
    CHECK(term_is_big(big));
    free_proc(p);
}

static void test_lists_and_terms(void)
{
    Proc *p = new_proc(1024);
    term_t l = heap_list(p, (term_t[]){make_small(1), make_small(2)}, 2);
    term_t r = call2(bif_lists_reverse_2, p, l, ATOM_ok);
    CHECK(list_head(r) == make_small(2) && list_tail(list_tail(r)) == ATOM_ok);
    term_t t1 = heap_tuple2(p, heap_float(p, 1.0), ATOM_ok);
    term_t tl = heap_list(p, (term_t[]){ATOM_ok, heap_tuple(p, 0, NULL), t1}, 3);
    CHECK(call3(bif_lists_keyfind_3, p, make_small(1), make_small(1), tl) == t1);
    CHECK(call3(bif_lists_keyfind_3, p, make_small(2), make_small(1), tl) == ATOM_false);
    CHECK(call3(bif_lists_keyfind_3, p, make_small(2), make_small(0), tl) == TERM_NONE);

    term_t init = heap_list(p, (term_t[]){heap_tuple2(p, make_small(1), ATOM_ok),
                                          heap_tuple2(p, make_small(1), ATOM_error)}, 2);
    term_t t = call3(bif_erlang_make_tuple_3, p, make_small(2), ATOM_true, init);
    CHECK(tuple_arity(t) == 2 && tuple_elems(t)[0] == ATOM_error);

    CHECK(call3(bif_erlang_raise_3, p, ATOM_ok, ATOM_ok, TERM_NIL) == ATOM_badarg);
    CHECK(call3(bif_erlang_raise_3, p, ATOM_throw, ATOM_ok, ATOM_ok) == ATOM_badarg);
    CHECK(call3(bif_erlang_raise_3, p, ATOM_throw, ATOM_ok, TERM_NIL) == TERM_NONE &&
          p->fclass == EXC_THROW && p->ftrace == TERM_NIL);

    term_t key = heap_tuple2(p, ATOM_ok, make_small(3));
    term_t val = heap_list(p, (term_t[]){make_small(1), heap_float(p, 2.5)}, 2);
    CHECK(call2(bif_persistent_term_put_2, p, key, val) == ATOM_ok);
    term_t args[1] = {heap_tuple2(p, ATOM_ok, make_small(3))};
    term_t got = bif_persistent_term_get_1(p, args);
    CHECK(compare_exact(got, val) && got != val);
    CHECK(bif_persistent_term_get_1(p, args) == got);
    CHECK(bif_persistent_term_erase_1(p, args) == ATOM_true);
    CHECK(bif_persistent_term_erase_1(p, args) == ATOM_false);
    CHECK(bif_persistent_term_get_1(p, args) == TERM_NONE && p->freason == ATOM_badarg);
    free_proc(p);
}

int main(void)
{
    atom_init();
    test_subtract();
    test_dict();
    test_atoms();
    test_time();
    test_lists_and_terms();
    if (failures) {
        printf("erlang_bif_test: %d failures\n", failures);
        return 1;
    }
    printf("erlang_bif_test: ok\n");
    return 0;
}
