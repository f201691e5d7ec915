/*
** ets_test.c: ETS storage (vm/ets.c) and match specifications
** (vm/matchspec.c) without the interpreter: hash tables through growth,
** walks by key that stay exact while the table grows, the skip list's
** order in both directions, bag groups, refc binaries counted by stored
** copies, and compiling and running specifications.
*/
#include <stdio.h>

#include "../../bif/bif.h"
#include "../../vm/atom.h"
#include "../../vm/bin.h"
#include "../../vm/compare.h"
#include "../../vm/ets.h"
#include "../../vm/gc.h"
#include "../../vm/matchspec.h"

static int failures;

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);                                    \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static Proc *new_proc(size_t words)
{
    Proc *p = vm_zalloc(sizeof *p);
    p->heap = p->htop = vm_alloc(words * sizeof(term_t));
    p->hend = p->heap + words;
    p->dict = p->freason = p->fvalue = p->ftrace = TERM_NIL;
    p->initial_call = p->exit_reason = p->marker_ref = TERM_NIL;
    p->pid = make_pid(12345);
    return p;
}

static void free_proc(Proc *p)
{
    gc_free_heap(p);
    vm_free(p);
}

static term_t pair(Proc *p, sint_t k, term_t v) { return heap_tuple2(p, make_small(k), v); }

/* A set of 'n' keys: every key is found, deleting half leaves the other
   half, and a walk sees each object once. */
static void test_set(Proc *p)
{
    enum { N = 50000 };
    EtsTable *t = ets_table_new(ATOM_set, false, ETS_SET, 1, p->pid);
    for (sint_t i = 0; i < N; i++) ets_insert(t, pair(p, i * 7, make_small(i)));
    ets_insert(t, pair(p, 0, ATOM_ok)); /* replaces */
    CHECK(t->count == N);
    bool ok = true;
    for (sint_t i = 1; i < N; i++) {
        EtsObj *o = ets_lookup(t, make_small(i * 7));
        ok = ok && o && tuple_elems(o->term)[1] == make_small(i);
    }
    CHECK(ok);
    CHECK(tuple_elems(ets_lookup(t, make_small(0))->term)[1] == ATOM_ok);
    CHECK(ets_lookup(t, make_small(3)) == NULL);
    CHECK(ets_lookup(t, heap_float(p, 7.0)) == NULL); /* sets compare keys exactly */
    for (sint_t i = 0; i < N; i += 2) CHECK(ets_delete_key(t, make_small(i * 7)) == 1);
    CHECK(ets_delete_key(t, make_small(0)) == 0);
    CHECK(t->count == N / 2);
    size_t seen = 0;
    sint_t sum = 0;
    for (EtsObj *o = ets_first(t); o; o = ets_next(t, o)) {
        seen++;
        sum += small_val(tuple_elems(o->term)[0]) / 7;
    }
    CHECK(seen == N / 2);
    CHECK(sum == (sint_t)(N / 2) * (sint_t)(N / 2)); /* the odd numbers below N */
    ets_table_free(t);
}

/* Walking by "the object after key K" visits every object present from
   the start exactly once, although the table grows (and its buckets
   split) between steps. */
static void test_walk_while_growing(Proc *p)
{
    enum { N = 1000 };
    EtsTable *t = ets_table_new(ATOM_set, false, ETS_SET, 1, p->pid);
    for (sint_t i = 0; i < N; i++) ets_insert(t, pair(p, i, ATOM_ok));
    uint8_t *hits = vm_zalloc(N);
    sint_t added = 0;
    for (EtsObj *o = ets_first(t); o;) {
        sint_t k = small_val(tuple_elems(o->term)[0]);
        if (k < N) hits[k]++;
        term_t key = tuple_elems(o->term)[0];
        for (int j = 0; j < 20 && added < 20 * N; j++, added++)
            ets_insert(t, pair(p, N + added, ATOM_ok));
        o = ets_after(t, key);
    }
    bool once = true;
    for (sint_t i = 0; i < N; i++) once = once && hits[i] == 1;
    CHECK(once);
    CHECK(t->count == (size_t)(N + added));
    vm_free(hits);
    ets_table_free(t);
}

/* The skip list keeps keys in term order (== equal keys are one key)
   and its back links agree with its forward ones. */
static void test_ordered(Proc *p)
{
    enum { N = 20000 };
    EtsTable *t = ets_table_new(ATOM_ordered_set, false, ETS_ORDERED_SET, 1, p->pid);
    for (sint_t i = 0; i < N; i++) ets_insert(t, pair(p, (i * 7919) % N, make_small(i)));
    ets_insert(t, heap_tuple2(p, heap_float(p, 5.0), ATOM_ok)); /* replaces key 5 */
    CHECK(t->count == N);
    CHECK(tuple_elems(ets_lookup(t, make_small(5))->term)[1] == ATOM_ok);
    sint_t expect = 0;
    bool ok = true;
    for (EtsObj *o = ets_first(t); o; o = ets_next(t, o), expect++)
        ok = ok && compare_terms(tuple_elems(o->term)[0], make_small(expect)) == 0;
    CHECK(ok && expect == N);
    expect = N - 1;
    for (EtsObj *o = ets_last(t); o; o = ets_prev(t, o), expect--)
        ok = ok && compare_terms(tuple_elems(o->term)[0], make_small(expect)) == 0;
    CHECK(ok && expect == -1);
    term_t half = heap_float(p, 99.5);
    CHECK(tuple_elems(ets_after(t, half)->term)[0] == make_small(100));
    CHECK(tuple_elems(ets_before(t, half)->term)[0] == make_small(99));
    CHECK(ets_before(t, make_small(0)) == NULL);
    CHECK(ets_after(t, make_small(N - 1)) == NULL);
    CHECK(ets_after(t, ATOM_ok) == NULL); /* atoms sort after numbers */
    for (sint_t i = 0; i < N; i += 3) ets_delete_key(t, make_small(i));
    size_t n = 0, back = 0;
    for (EtsObj *o = ets_first(t); o; o = ets_next(t, o)) n++;
    for (EtsObj *o = ets_last(t); o; o = ets_prev(t, o)) back++;
    CHECK(n == t->count && back == t->count && n == N - (N + 2) / 3);
    size_t slot_n;
    CHECK(ets_slots(t) == t->count);
    CHECK(tuple_elems(ets_slot(t, 0, &slot_n)->term)[0] == make_small(1) && slot_n == 1);
    ets_clear(t);
    CHECK(t->count == 0 && ets_first(t) == NULL && ets_last(t) == NULL);
    ets_table_free(t);
}

/* Bag groups keep insertion order; a bag drops exact duplicates. */
static void test_bags(Proc *p)
{
    for (int dup = 0; dup < 2; dup++) {
        EtsTable *t = ets_table_new(ATOM_bag, false, dup ? ETS_DUPLICATE_BAG : ETS_BAG, 1,
                                    p->pid);
        sint_t vals[] = {3, 1, 2, 1};
        for (int i = 0; i < 4; i++) ets_insert(t, pair(p, 7, make_small(vals[i])));
        ets_insert(t, pair(p, 8, ATOM_ok));
        size_t n = 0;
        for (EtsObj *o = ets_lookup(t, make_small(7)); o; o = ets_same_next(t, o), n++)
            CHECK(tuple_elems(o->term)[1] == make_small(vals[n]));
        CHECK(n == (dup ? 4u : 3u));
        ets_delete_object(t, pair(p, 7, make_small(1)));
        CHECK(t->count == 3);
        ets_table_free(t);
    }
}

/* A stored refc binary holds a reference until its object goes. */
static void test_binaries(Proc *p)
{
    EtsTable *t = ets_table_new(ATOM_set, false, ETS_SET, 1, p->pid);
    uint8_t *data;
    term_t bin = bin_make(p, 1000, &data);
    memset(data, 7, 1000);
    CHECK(boxed_is(bin, HDR_REFC_BIN));
    Binary *b = (Binary *)(uintptr_t)term_ptr(bin)[REFC_BIN];
    uint64_t before = b->refc;
    ets_insert(t, pair(p, 1, bin));
    ets_insert(t, pair(p, 2, heap_tuple2(p, bin, bin)));
    CHECK(b->refc == before + 3); /* one per reference copied */
    ets_insert(t, pair(p, 1, ATOM_ok));
    CHECK(b->refc == before + 2);
    ets_table_free(t);
    CHECK(b->refc == before);
}

static term_t list3(Proc *p, term_t a, term_t b, term_t c)
{
    return heap_list(p, (term_t[]){a, b, c}, 3);
}

static void test_matchspec(Proc *p)
{
    term_t v1 = atom_intern("$1", 2), v2 = atom_intern("$2", 2);
    /* [{{'$1', '$2'}, [{'>', '$1', 5}], [{{'$2', '$1'}}]}] */
    term_t guard = heap_tuple3(p, ATOM_gt, v1, make_small(5));
    term_t body = heap_tuple(p, 1, (term_t[]){heap_tuple2(p, v2, v1)});
    term_t clause = heap_tuple3(p, heap_tuple2(p, v1, v2), heap_cons(p, guard, TERM_NIL),
                                heap_cons(p, body, TERM_NIL));
    term_t spec = heap_cons(p, clause, TERM_NIL);
    MatchSpec *ms = ms_compile(spec);
    CHECK(ms != NULL);
    if (ms) {
        term_t r = ms_run(p, ms, pair(p, 9, ATOM_ok));
        CHECK(term_is_tuple(r) && tuple_elems(r)[0] == ATOM_ok &&
              tuple_elems(r)[1] == make_small(9));
        CHECK(ms_run(p, ms, pair(p, 2, ATOM_ok)) == TERM_NONE);
        CHECK(ms_run(p, ms, ATOM_ok) == TERM_NONE);
        CHECK(ms_bound_key(ms, 1) == TERM_NONE);
        CHECK(!ms_keeps_key(ms, 1) && !ms_keeps_key(ms, 2));
        ms_free(ms);
    }
    /* [{{'$1', '$2'}, [], [{{'$1', ok}}]}] keeps the key at position 1 only */
    body = heap_tuple(p, 1, (term_t[]){heap_tuple2(p, v1, ATOM_ok)});
    clause = heap_tuple3(p, heap_tuple2(p, v1, v2), TERM_NIL, heap_cons(p, body, TERM_NIL));
    ms = ms_compile(heap_cons(p, clause, TERM_NIL));
    CHECK(ms && ms_keeps_key(ms, 1) && !ms_keeps_key(ms, 2));
    ms_free(ms);
    /* a body that fails has the value 'EXIT' */
    term_t div0 = heap_tuple3(p, ATOM_div, v1, make_small(0));
    clause = heap_tuple3(p, heap_tuple2(p, make_small(4), v1), TERM_NIL,
                         heap_cons(p, div0, TERM_NIL));
    ms = ms_compile(heap_cons(p, clause, TERM_NIL));
    CHECK(ms && ms_run(p, ms, pair(p, 4, make_small(1))) == ATOM_EXIT);
    CHECK(ms && ms_bound_key(ms, 1) == make_small(4));
    ms_free(ms);
    /* invalid: an unbound variable, an unknown function, an empty body */
    term_t bad[3] = {
        list3(p, ATOM_underscore, TERM_NIL, heap_cons(p, v1, TERM_NIL)),
        list3(p, ATOM_underscore, TERM_NIL, heap_cons(p, heap_tuple2(p, ATOM_ok, v1), TERM_NIL)),
        list3(p, ATOM_underscore, TERM_NIL, TERM_NIL)};
    for (int i = 0; i < 3; i++) {
        term_t c = heap_tuple(p, 3, (term_t[]){list_head(bad[i]), list_head(list_tail(bad[i])),
                                               list_head(list_tail(list_tail(bad[i])))});
        CHECK(ms_compile(heap_cons(p, c, TERM_NIL)) == NULL);
    }
    CHECK(ms_compile(ATOM_ok) == NULL);
}

int main(void)
{
    atom_init();
    bif_init();
    Proc *p = new_proc(1 << 12);
    test_set(p);
    test_walk_while_growing(p);
    test_ordered(p);
    test_bags(p);
    test_binaries(p);
    test_matchspec(p);
    free_proc(p);
    if (failures) {
        printf("ets_test: %d failures\n", failures);
        return 1;
    }
    printf("ets_test: ok\n");
    return 0;
}
