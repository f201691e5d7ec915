/*
** map_test.c: C tests of maps (flat <-> trie transitions, 100,000-key
** inserts and removes, equality whatever the building order), of the term
** order on deep lists, of phash2/phash values taken from OTP 25, and of
** print_term.
*/
#include <stdio.h>

#include "../../sched/proc.h"
#include "../../vm/atom.h"
#include "../../vm/compare.h"
#include "../../vm/hash.h"
#include "../../vm/heap.h"
#include "../../vm/map.h"
#include "../../vm/print.h"

static int failures;

#define CHECK(c)                                                            \
    do {                                                                    \
        if (!(c)) {                                                         \
            printf("map_test: FAILED %s (line %d)\n", #c, __LINE__);        \
            failures++;                                                     \
        }                                                                   \
    } while (0)

static Proc proc;

static void setup(void) {
    size_t words = 1u << 20;
    proc.heap = vm_alloc(words * sizeof(term_t));
    proc.htop = proc.heap;
    proc.hend = proc.heap + words;
    proc.frags = NULL;
}

static term_t atom(const char *s) { return atom_intern(s, strlen(s)); }

static bool printed(term_t t, const char *want) {
    StrBuf b;
    strbuf_init(&b);
    print_term(&b, t);
    bool ok = strcmp(b.s, want) == 0;
    if (!ok) printf("map_test: printed %s, want %s\n", b.s, want);
    strbuf_free(&b);
    return ok;
}

static void test_transitions(void) {
    Proc *p = &proc;
    term_t m = map_new(p);
    for (int i = 1; i <= 32; i++) m = map_put(p, m, make_small(i), make_small(i * 10));
    CHECK(map_is_flat(m) && map_size(m) == 32);
    term_t big = map_put(p, m, make_small(33), make_small(330));
    CHECK(!map_is_flat(big) && term_is_map(big) && map_size(big) == 33);
    CHECK(map_get(big, make_small(33)) == make_small(330));
    CHECK(map_get(big, make_small(34)) == TERM_NONE);
    term_t back = map_remove(p, big, make_small(33));
    CHECK(map_is_flat(back) && compare_exact(back, m));
    CHECK(map_remove(p, big, make_small(99)) == big);
    CHECK(map_put(p, big, make_small(5), make_small(50)) == big);   /* unchanged */
    CHECK(map_update(p, big, make_small(99), TERM_NIL) == TERM_NONE);
    /* 1 and 1.0 are different keys; integers sort first */
    term_t f = heap_float(p, 1.0);
    term_t m2 = map_put(p, map_put(p, map_new(p), f, atom("float")), make_small(1), atom("int"));
    CHECK(map_size(m2) == 2 && map_flat_keys(m2)[0] == make_small(1));
    CHECK(printed(m2, "#{1=>int,1.000000e+00=>float}"));
}

static void test_big(void) {
    Proc *p = &proc;
    const int n = 100000;
    term_t m = map_new(p);
    for (int i = 0; i < n; i++) m = map_put(p, m, make_small(i), make_small(-i));
    CHECK(map_size(m) == (size_t)n);
    int bad = 0;
    for (int i = 0; i < n; i++) bad += map_get(m, make_small(i)) != make_small(-i);
    CHECK(bad == 0);
    term_t *kv = vm_alloc(2 * (size_t)n * sizeof(term_t));
    for (int i = 0; i < n; i++) {   /* built backwards, in one go */
        kv[2 * i] = make_small(n - 1 - i);
        kv[2 * i + 1] = make_small(-(n - 1 - i));
    }
    term_t bulk = map_from_pairs(p, kv, (size_t)n);
    CHECK(compare_exact(m, bulk) && compare_terms(m, bulk) == 0);
    CHECK(hash_phash2(m, 0) == hash_phash2(bulk, 0));
    for (int i = 0; i < n; i += 2) m = map_remove(p, m, make_small(i));
    CHECK(map_size(m) == (size_t)n / 2);
    CHECK(map_get(m, make_small(2)) == TERM_NONE && map_get(m, make_small(3)) == make_small(-3));
    for (int i = 1; i < n - 64; i += 2) m = map_remove(p, m, make_small(i));
    CHECK(map_size(m) == 32 && map_is_flat(m));
    size_t count = 0;
    MapIter it;
    term_t k, v;
    map_iter_init(&it, bulk);
    while (map_iter_next(&it, &k, &v)) count += small_val(v) == -small_val(k);
    CHECK(count == (size_t)n);
    vm_free(kv);
}

static void test_order_and_hash(void) {
    Proc *p = &proc;
    term_t one_f = heap_float(p, 1.0);
    CHECK(compare_terms(make_small(1), one_f) == 0 && compare_eq(make_small(1), one_f));
    CHECK(!compare_exact(make_small(1), one_f) && compare_terms_exact(make_small(1), one_f) < 0);
    CHECK(compare_terms(make_small(2), one_f) > 0 && compare_terms_exact(make_small(2), one_f) < 0);
    CHECK(compare_terms(atom("a"), make_small(5)) > 0);
    CHECK(compare_terms(TERM_NIL, heap_tuple(p, 0, NULL)) > 0);
    /* two 1,000,000-element lists differing at the end: no C recursion */
    term_t l1 = TERM_NIL, l2 = TERM_NIL;
    l1 = heap_cons(p, make_small(1), l1);
    l2 = heap_cons(p, make_small(2), l2);
    for (int i = 0; i < 1000000; i++) {
        l1 = heap_cons(p, make_small(i), l1);
        l2 = heap_cons(p, make_small(i), l2);
    }
    CHECK(compare_terms(l1, l2) < 0 && !compare_exact(l1, l2));
    /* values from OTP 25: erlang:phash2(X, 1 bsl 32) */
    CHECK(hash_phash2(make_small(0), 0) == 3175731469u);
    CHECK(hash_phash2(make_small(1), 0) == 539485162u);
    CHECK(hash_phash2(make_small(-1), 0) == 1117813597u);
    CHECK(hash_phash2(atom("a"), 0) == 97u);
    CHECK(hash_phash2(TERM_NIL, 0) == 3468870702u);
    CHECK(hash_phash2(heap_tuple(p, 0, NULL), 0) == 221703996u);
    CHECK(hash_phash2(heap_str(p, "abc", 3), 0) == 519996486u);
    CHECK(hash_phash2(one_f, 0) == 3029937084u);
    term_t m = map_put(p, map_put(p, map_new(p), atom("a"), make_small(1)), atom("b"),
                       heap_cons(p, make_small(2), TERM_NIL));
    CHECK(hash_phash2(m, 0) == 1579473383u);
    CHECK(hash_phash2(m, HASH_PHASH2_RANGE) == (1579473383u & (HASH_PHASH2_RANGE - 1)));
    CHECK(hash_phash(atom("foo"), 0) + 1 == 28000u);
    CHECK(printed(m, "#{a=>1,b=>[2]}"));
    CHECK(printed(heap_tuple2(p, atom("Foo"), heap_str(p, "hi\n", 3)), "{'Foo',\"hi\\n\"}"));
}

int main(void) {
    atom_init();
    setup();
    test_transitions();
    test_big();
    test_order_and_hash();
    if (failures) printf("map_test: %d failed\n", failures);
    else printf("map_test: ok\n");
    return failures != 0;
}
