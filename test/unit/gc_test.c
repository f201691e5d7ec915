/*
** gc_test.c: the collector (both generations, the dictionary's in-place
** writes, queued messages), heap fragments, deep copies and the literal
** area, on processes built by hand. Each check compares the structure
** reachable from the roots before and after a collection (against a deep
** copy made beforehand) and runs gc_verify.
*/
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../vm/bin.h"
#include "../../vm/copy.h"
#include "../../vm/gc.h"
#include "../../vm/heap.h"
#include "../../vm/lit.h"

static int failures;

#define CHECK(c)                                                            \
    do {                                                                    \
        if (!(c)) {                                                         \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);             \
            failures++;                                                     \
        }                                                                   \
    } while (0)

/* A process with a 'words'-word heap and a 'stack'-word empty stack. */
static Proc *new_proc(size_t words, size_t stack)
{
    Proc *p = vm_zalloc(sizeof *p);
    p->heap = p->htop = vm_alloc(words * sizeof(term_t));
    p->hend = p->heap + words;
    p->stack_lo = vm_alloc(stack * sizeof(term_t));
    p->stack_hi = p->E = p->stack_lo + stack;
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

/* A reference copy of 't' in its own block, to compare with afterwards. */
static term_t snapshot(term_t t, term_t **block, term_t **offheap)
{
    *block = vm_alloc((copy_size(t) + 1) * sizeof(term_t));
    term_t *hp = *block;
    return copy_term(t, &hp, offheap);
}

static void release_chain(term_t *o)
{
    while (o) {
        term_t *next = (term_t *)(uintptr_t)o[REFC_NEXT];
        bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
        o = next;
    }
}

/* Structural equality, iterative. */
static bool teq(term_t a, term_t b)
{
    size_t cap = 1024, n = 0;
    term_t *st = vm_alloc(cap * 2 * sizeof(term_t));
    bool ok = true;
    st[n++] = a;
    st[n++] = b;
    while (ok && n) {
        b = st[--n];
        a = st[--n];
        if (a == b) continue;
        if (term_tag(a) != term_tag(b) || term_is_immed(a)) { ok = false; break; }
        const term_t *x = term_ptr(a), *y = term_ptr(b);
        size_t first = 0, end = 0;
        if (term_is_list(a)) {
            end = 2;
        } else {
            if (x[0] != y[0]) { ok = false; break; }
            size_t ar = (size_t)HDR_ARITY(x[0]);
            switch (HDR_SUBTAG(x[0])) {
            case HDR_TUPLE: case HDR_MAP: case HDR_HAMT: first = 1; end = ar + 1; break;
            case HDR_FUN: first = 2; end = ar + 1; ok = x[1] == y[1]; break;
            case HDR_SUB_BIN: case HDR_MATCH_CTX:
                first = ar; end = ar + 1; ok = x[1] == y[1] && x[2] == y[2]; break;
            case HDR_REFC_BIN: ok = x[1] == y[1] && x[2] == y[2]; break;
            default: ok = memcmp(x, y, (ar + 1) * sizeof(term_t)) == 0; break;
            }
        }
        for (size_t i = first; ok && i < end; i++) {
            if (n + 2 > cap * 2) {
                cap *= 2;
                st = vm_realloc(st, cap * 2 * sizeof(term_t));
            }
            st[n++] = x[i];
            st[n++] = y[i];
        }
    }
    vm_free(st);
    return ok;
}

static term_t heap_bin(Proc *p, const char *s)
{
    size_t n = strlen(s), words = (n + 7) / 8;
    term_t *hp = heap_alloc(p, 2 + words);
    hp[0] = MAKE_HDR(HDR_HEAP_BIN, 1 + words);
    hp[1] = n;
    memset(hp + 2, 0, words * sizeof(term_t));
    memcpy(hp + 2, s, n);
    return make_boxed(hp);
}

/* A refc binary object on 'p' for 'b' (taking a new reference). */
static term_t refc_obj(Proc *p, Binary *b, size_t size)
{
    term_t *hp = heap_alloc(p, 5);
    hp[0] = MAKE_HDR(HDR_REFC_BIN, 4);
    hp[REFC_SIZE] = size;
    hp[REFC_BIN] = (term_t)(uintptr_t)b;
    hp[REFC_NEXT] = (term_t)(uintptr_t)p->offheap;
    hp[REFC_FLAGS] = 0;
    p->offheap = hp;
    bin_incref(b);
    return make_boxed(hp);
}

static size_t chain_length(const term_t *o)
{
    size_t n = 0;
    for (; o; o = (const term_t *)(uintptr_t)o[REFC_NEXT]) n++;
    return n;
}

/* A mixed term: lists, tuples, floats, bignums, binaries, a fun, a sub
   binary, a map-shaped object, with a subterm shared twice. */
static term_t mixed(Proc *p, int i)
{
    static const uint64_t fake_entry[2] = {0, 0};
    term_t bin = heap_bin(p, "the quick brown fox");
    term_t *sub = heap_alloc(p, 4);
    sub[0] = MAKE_HDR(HDR_SUB_BIN, 3);
    sub[SUB_BITS] = 24;
    sub[SUB_OFFS] = 8;
    sub[SUB_ORIG] = bin;
    term_t shared = heap_tuple2(p, heap_float(p, i + 0.5), heap_int(p, SMALL_MAX + (sint_t)i));
    term_t *fun = heap_alloc(p, 4);
    fun[0] = MAKE_HDR(HDR_FUN, 3);
    fun[1] = (term_t)(uintptr_t)fake_entry;
    fun[2] = shared;
    fun[3] = make_small(i);
    term_t keys = heap_tuple2(p, make_small(1), make_small(2));
    term_t *map = heap_alloc(p, 4);
    map[0] = MAKE_HDR(HDR_MAP, 3);
    map[1] = keys;
    map[2] = shared;
    map[3] = heap_int(p, -SMALL_MAX - 10);
    term_t elems[5] = {make_boxed(sub), make_boxed(fun), make_boxed(map), shared,
                       heap_cstr(p, "abc")};
    return heap_list(p, elems, 5);
}

static void test_basic(void)
{
    Proc *p = new_proc(32, 16);
    term_t x[3];
    x[0] = mixed(p, 1);
    x[1] = make_small(42);
    x[2] = heap_tuple(p, 0, NULL);
    term_t *blk, *oh = NULL;
    term_t ref = snapshot(x[0], &blk, &oh);
    CHECK(p->frags != NULL);            /* 32 words is not enough */
    gc_verify(p, x, 3);
    gc_collect(p, 10, x, 3);
    gc_verify(p, x, 3);
    CHECK(p->frags == NULL);
    CHECK(heap_free_words(p) >= 10);
    CHECK(teq(x[0], ref));
    CHECK(x[1] == make_small(42));
    CHECK(term_is_tuple(x[2]) && tuple_arity(x[2]) == 0);
    /* The shared tuple is still shared. */
    term_t l = x[0];
    term_t fun = list_head(list_tail(l));
    term_t shared = list_head(list_tail(list_tail(list_tail(l))));
    CHECK(term_ptr(fun)[2] == shared);
    CHECK(p->gc_count == 1);
    vm_free(blk);
    free_proc(p);
}

/* Words a term occupies on the heap, counting shared objects once: after a
   collection the heap holds exactly the live data. */
static void test_sharing(void)
{
    Proc *p = new_proc(1000, 16);
    term_t big = heap_tuple(p, 100, NULL);
    term_t t = big;
    for (int i = 0; i < 20; i++) t = heap_tuple2(p, t, t);   /* 2^20 paths */
    heap_tuple(p, 300, NULL);                               /* garbage */
    term_t x[1] = {t};
    gc_collect(p, 0, x, 1);
    gc_verify(p, x, 1);
    CHECK((size_t)(p->htop - p->heap) == 101 + 20 * 3);
    term_t a = x[0];
    for (int i = 0; i < 20; i++) {
        CHECK(tuple_elems(a)[0] == tuple_elems(a)[1]);
        a = tuple_elems(a)[0];
    }
    CHECK(term_is_tuple(a) && tuple_arity(a) == 100);
    free_proc(p);
}

static void test_refc(void)
{
    Proc *p = new_proc(32, 16);
    Binary *b[4];
    for (int i = 0; i < 4; i++) b[i] = bin_new(100);
    term_t x[2];
    x[0] = refc_obj(p, b[0], 100);
    refc_obj(p, b[1], 100);                       /* dies */
    heap_tuple(p, 40, NULL);                      /* forces a fragment */
    x[1] = heap_tuple2(p, refc_obj(p, b[2], 100), TERM_NIL);
    /* A fragment built elsewhere, with its own chain, then attached. */
    HeapFrag *f = heap_frag_new(5);
    term_t *hp = f->mem;
    f->used = 5;
    hp[0] = MAKE_HDR(HDR_REFC_BIN, 4);
    hp[REFC_SIZE] = 100;
    hp[REFC_BIN] = (term_t)(uintptr_t)b[3];
    hp[REFC_NEXT] = 0;
    hp[REFC_FLAGS] = 0;
    bin_incref(b[3]);
    f->offheap = hp;
    heap_attach(p, f);                            /* dies too */
    CHECK(f->offheap == NULL);
    CHECK(chain_length(p->offheap) == 4);
    gc_verify(p, x, 2);
    for (int i = 0; i < 4; i++) CHECK(b[i]->refc == 2);
    gc_collect(p, 0, x, 2);
    gc_verify(p, x, 2);
    CHECK(chain_length(p->offheap) == 2);
    CHECK(b[0]->refc == 2 && b[2]->refc == 2);
    CHECK(b[1]->refc == 1 && b[3]->refc == 1);
    CHECK((Binary *)(uintptr_t)term_ptr(x[0])[REFC_BIN] == b[0]);
    /* A second collection keeps them and releases nothing more. */
    gc_collect(p, 0, x, 2);
    CHECK(b[0]->refc == 2 && b[2]->refc == 2 && chain_length(p->old_offheap) == 2);
    CHECK(chain_length(p->offheap) == 0);
    /* Old now: only a full sweep finds that one died. */
    x[1] = TERM_NIL;
    gc_collect(p, 0, x, 2);
    CHECK(b[2]->refc == 2);
    p->fullsweep_after = 1;
    gc_collect(p, 0, x, 2);
    gc_verify(p, x, 2);
    CHECK(b[0]->refc == 2 && b[2]->refc == 1 && chain_length(p->old_offheap) == 1);
    free_proc(p);
    CHECK(b[0]->refc == 1);
    for (int i = 0; i < 4; i++) bin_decref(b[i]);
}

/* A million-element list built cons by cons, collecting whenever the heap
   is full as the interpreter would; then one built all in fragments. */
static void test_long_list(void)
{
    enum { N = 1000000 };
    Proc *p = new_proc(16, 16);
    term_t x[1] = {TERM_NIL};
    for (sint_t i = 0; i < N; i++) {
        if (heap_free_words(p) < 2) gc_collect(p, 2, x, 1);
        x[0] = heap_cons(p, make_small(i), x[0]);
    }
    CHECK(p->gc_count < 60);
    gc_collect(p, 0, x, 1);
    gc_verify(p, x, 1);
    CHECK(list_length(x[0]) == N);
    CHECK(small_val(list_head(x[0])) == N - 1);
    /* The reverse, allocated without collecting: fragments only. */
    term_t r = TERM_NIL;
    for (term_t l = x[0]; term_is_list(l); l = list_tail(l)) r = heap_cons(p, list_head(l), r);
    size_t nfrags = 0;
    for (HeapFrag *f = p->frags; f; f = f->next) nfrags++;
    CHECK(nfrags < 40);
    x[0] = r;
    gc_collect(p, 0, x, 1);
    gc_verify(p, x, 1);
    CHECK(list_length(x[0]) == N);
    sint_t i = 0;
    bool inorder = true;
    for (term_t l = x[0]; term_is_list(l); l = list_tail(l))
        inorder &= small_val(list_head(l)) == i++;
    CHECK(inorder);
    /* Garbage: the heap shrinks back. */
    x[0] = TERM_NIL;
    gc_collect(p, 0, x, 1);
    CHECK((size_t)(p->hend - p->heap) < 1000);
    free_proc(p);
}

/* A term a million levels deep, and a copy of it. */
static void test_deep(void)
{
    enum { N = 1000000 };
    Proc *p = new_proc(64, 16);
    term_t t = make_small(0);
    for (int i = 0; i < N; i++) {
        term_t e[1] = {t};
        t = heap_tuple(p, 1, e);
        if (i % 3 == 0) t = heap_cons(p, t, TERM_NIL);
    }
    term_t x[1] = {t};
    term_t *blk, *oh = NULL;
    term_t ref = snapshot(x[0], &blk, &oh);
    gc_collect(p, 0, x, 1);
    gc_verify(p, x, 1);
    CHECK(teq(x[0], ref));
    vm_free(blk);
    free_proc(p);
}

/* Frames with return addresses and catch markers among y registers. */
static void test_stack(void)
{
    static const Instr code[4] = {0};
    Proc *p = new_proc(32, 64);
    term_t ra0 = (term_t)(uintptr_t)&code[0], ra1 = (term_t)(uintptr_t)&code[2];
    term_t l = heap_cstr(p, "stack");
    term_t tup = heap_tuple3(p, l, heap_float(p, 2.5), l);
    heap_tuple(p, 50, NULL);
    /* Two frames: [cp, y0, y1, y2] [cp, y0]. */
    p->E -= 6;
    p->E[0] = ra0;
    p->E[1] = tup;
    p->E[2] = make_catch(7);
    p->E[3] = l;
    p->E[4] = ra1;
    p->E[5] = TERM_NIL;
    term_t *blk, *oh = NULL;
    term_t ref = snapshot(tup, &blk, &oh);
    gc_collect(p, 0, NULL, 0);
    gc_verify(p, NULL, 0);
    CHECK(p->E[0] == ra0 && p->E[4] == ra1);
    CHECK(p->E[2] == make_catch(7));
    CHECK(p->E[5] == TERM_NIL);
    CHECK(teq(p->E[1], ref));
    CHECK(tuple_elems(p->E[1])[0] == p->E[3]);
    CHECK(term_ptr(p->E[1]) >= p->heap && term_ptr(p->E[1]) < p->htop);
    vm_free(blk);
    free_proc(p);
}

/* Other roots: dictionary, exception fields, messages on the heap; a
   message still in its own fragment is left alone; literals stay. */
static void test_other_roots(void)
{
    Proc *p = new_proc(256, 16);
    term_t *lit = lit_alloc(3);
    lit[0] = MAKE_HDR(HDR_TUPLE, 2);
    lit[1] = make_small(1);
    lit[2] = make_small(2);
    term_t literal = make_boxed(lit);
    CHECK(lit_contains(lit) && !lit_contains(p->heap));
    p->dict = heap_cons(p, heap_tuple2(p, make_small(1), literal), TERM_NIL);
    p->freason = heap_tuple2(p, make_small(3), heap_float(p, 1.0));
    p->initial_call = heap_tuple3(p, make_small(1), make_small(2), make_small(3));
    Msg m1 = {NULL, make_small(42), NULL};   /* no fragment: an immediate */
    HeapFrag *f = heap_frag_new(4);
    f->used = 4;
    term_t fm = heap_list(p, (term_t[]){make_small(9)}, 1);   /* on the heap: built here */
    f->mem[0] = make_small(5);
    f->mem[1] = TERM_NIL;
    f->mem[2] = make_list(f->mem);
    f->mem[3] = TERM_NIL;
    Msg m2 = {NULL, make_list(f->mem + 2), f};
    m1.next = &m2;
    p->mq_first = &m1;
    p->mq_last = &m2.next;
    term_t x[1] = {fm};
    gc_collect(p, 0, x, 1);
    gc_verify(p, x, 1);
    term_t kv = list_head(p->dict);
    CHECK(tuple_elems(kv)[1] == literal);
    CHECK(float_val(tuple_elems(p->freason)[1]) == 1.0);
    CHECK(tuple_arity(p->initial_call) == 3);
    CHECK(m1.term == make_small(42));
    CHECK(m2.term == make_list(f->mem + 2) && f->mem[0] == make_small(5));
    CHECK(small_val(list_head(x[0])) == 9);
    p->mq_first = NULL;
    heap_frag_free_chain(f);
    free_proc(p);
}

/* copy_term: literals and shared subterms are copied; refc binaries
   gain a reference and join the chain. */
static void test_copy(void)
{
    Proc *p = new_proc(64, 16);
    Binary *b = bin_new(200);
    term_t r = refc_obj(p, b, 200);
    term_t s = heap_tuple(p, 10, NULL);
    term_t t = heap_tuple3(p, s, s, r);
    size_t n = copy_size(t);
    CHECK(n == 4 + 2 * 11 + 5);
    term_t *blk = vm_alloc(n * sizeof(term_t)), *hp = blk, *oh = NULL;
    term_t c = copy_term(t, &hp, &oh);
    CHECK(hp == blk + n);
    CHECK(teq(c, t));
    CHECK(tuple_elems(c)[0] != tuple_elems(c)[1]);
    CHECK(b->refc == 3 && chain_length(oh) == 1);
    CHECK(copy_term(make_small(3), &hp, &oh) == make_small(3) && hp == blk + n);
    release_chain(oh);
    vm_free(blk);
    /* lit_copy: into the literal area, no chain, an extra reference. */
    term_t l = lit_copy(t);
    CHECK(lit_contains(term_ptr(l)) && teq(l, t));
    CHECK(term_ptr(tuple_elems(l)[2])[REFC_NEXT] == 0 && b->refc == 3);
    /* Copies of literals are not literals. */
    CHECK(copy_size(l) == n);
    free_proc(p);
    CHECK(b->refc == 2);
    bin_decref(b);   /* the literal's reference stays for ever */
}

static void test_constructors(void)
{
    Proc *p = new_proc(64, 16);
    CHECK(heap_int(p, 5) == make_small(5));
    CHECK(heap_int(p, SMALL_MIN) == make_small(SMALL_MIN));
    term_t b = heap_int(p, INT64_MIN);
    CHECK(boxed_is(b, HDR_NEG_BIG) && term_ptr(b)[1] == (uint64_t)1 << 63);
    b = heap_int(p, SMALL_MAX + 1);
    CHECK(boxed_is(b, HDR_POS_BIG) && term_ptr(b)[1] == (uint64_t)SMALL_MAX + 1);
    b = heap_uint(p, UINT64_MAX);
    CHECK(boxed_is(b, HDR_POS_BIG) && HDR_ARITY(boxed_hdr(b)) == 1 && term_ptr(b)[1] == UINT64_MAX);
    CHECK(heap_uint(p, 7) == make_small(7));
    CHECK(heap_list(p, NULL, 0) == TERM_NIL && heap_cstr(p, "") == TERM_NIL);
    term_t l = heap_cstr(p, "hi");
    CHECK(list_length(l) == 2 && list_head(l) == make_small('h'));
    CHECK(list_length(heap_cons(p, TERM_NIL, make_small(1))) == -1);
    term_t t = heap_tuple4(p, make_small(1), make_small(2), make_small(3), make_small(4));
    CHECK(tuple_arity(t) == 4 && tuple_elems(t)[3] == make_small(4));
    CHECK(float_val(heap_float(p, -3.25)) == -3.25);
    free_proc(p);
}

static bool in_old(const Proc *p, term_t t)
{
    const term_t *a = term_ptr(t);
    return p->old_heap && a >= p->old_heap && a < p->old_htop;
}

static bool in_young(const Proc *p, term_t t)
{
    const term_t *a = term_ptr(t);
    return a >= p->heap && a < p->htop;
}

/* Data moves to the old heap at its second collection; minor collections
   leave it in place while young garbage comes and goes; a full sweep
   comes after fullsweep_after minor ones. */
static void test_generations(void)
{
    Proc *p = new_proc(64, 16);
    term_t x[2];
    x[0] = mixed(p, 3);
    term_t *blk, *oh = NULL;
    term_t ref = snapshot(x[0], &blk, &oh);
    x[1] = TERM_NIL;
    gc_collect(p, 0, x, 2);                 /* survives once: still young */
    gc_verify(p, x, 2);
    CHECK(in_young(p, x[0]) && p->old_heap == NULL);
    gc_collect(p, 0, x, 2);                 /* twice: old */
    gc_verify(p, x, 2);
    CHECK(in_old(p, x[0]) && teq(x[0], ref));
    term_t where = x[0];
    uint64_t full = p->gc_count - p->gc_minor;
    p->fullsweep_after = 1000;
    for (int i = 0; i < 200; i++) {
        /* young data referring to the old, and garbage */
        x[1] = heap_tuple2(p, x[0], make_small(i));
        heap_tuple(p, 30, NULL);
        if (i % 10 == 0) {
            gc_collect(p, 4, x, 2);
            gc_verify(p, x, 2);
        }
    }
    CHECK(x[0] == where && teq(x[0], ref));
    CHECK(tuple_elems(x[1])[0] == where && tuple_elems(x[1])[1] == make_small(199));
    CHECK(p->gc_count - p->gc_minor == full);   /* no full sweep */
    CHECK(p->gc_minor >= 19);
    /* fullsweep_after: the next collection after that many minors is full
       and moves the old data. */
    p->fullsweep_after = p->gc_minor;
    gc_collect(p, 0, x, 2);
    gc_verify(p, x, 2);
    CHECK(p->gc_minor == 0 && in_old(p, x[0]) && x[0] != where && teq(x[0], ref));
    CHECK(p->htop == p->heap);              /* a full sweep empties the young heap */
    vm_free(blk);
    free_proc(p);
}

/* A process's first heap is the memory of a fragment (proc.c): when it
   fills, it joins the fragments and a heap of the young size takes its
   place, with nothing copied and no collection counted. The collection
   after that copies it like any fragment; a process that ends first
   frees it as a fragment. */
static void test_first_heap(void)
{
    Proc *p = new_proc(1, 16);
    vm_free(p->heap);
    HeapFrag *f = heap_frag_new(8);
    p->heap = p->htop = f->mem;
    p->hend = p->heap + 8;
    p->heap_first = true;
    Binary *b = bin_new(100);
    term_t x[2];
    x[0] = heap_tuple2(p, refc_obj(p, b, 100), make_small(7)); /* 3 + 5 words: full */
    term_t *blk0, *blk1, *oh = NULL;
    term_t ref = snapshot(x[0], &blk0, &oh);
    x[1] = mixed(p, 4);                     /* into fragments */
    term_t ref1 = snapshot(x[1], &blk1, &oh);
    gc_collect(p, 20, x, 2);
    gc_verify(p, x, 2);
    CHECK(!p->heap_first && p->gc_count == 0 && heap_free_words(p) >= 20);
    CHECK(term_ptr(x[0]) == f->mem + 5 && teq(x[0], ref) && teq(x[1], ref1));
    bool found = false;
    for (HeapFrag *g = p->frags; g; g = g->next) found |= g == f;
    CHECK(found && f->used == 8);
    gc_collect(p, 0, x, 2);                 /* a real one: the fragment goes */
    gc_verify(p, x, 2);
    CHECK(p->gc_count == 1 && p->frags == NULL && in_young(p, x[0]));
    CHECK(teq(x[0], ref) && teq(x[1], ref1) && chain_length(p->offheap) == 1);
    free_proc(p);
    /* ended before it ever grew */
    p = new_proc(1, 16);
    vm_free(p->heap);
    p->heap = p->htop = heap_frag_new(8)->mem;
    p->hend = p->heap + 8;
    p->heap_first = true;
    refc_obj(p, b, 100);
    free_proc(p);
    bin_decref(b);
    release_chain(oh);
    vm_free(blk0);
    vm_free(blk1);
}

/* The dictionary's table and cells are written in place (erlang_misc.c's
   representation: {Count, B0 .. B7}, buckets lists of {K, V}): once they
   are old, new young terms written into them must survive minor
   collections. */
static void test_dict_writes(void)
{
    Proc *p = new_proc(256, 16);
    term_t e[9] = {make_small(0)};
    for (int i = 1; i < 9; i++) e[i] = TERM_NIL;
    p->dict = heap_tuple(p, 9, e);
    term_t *tab = term_ptr(p->dict);
    for (int k = 0; k < 16; k++) {
        term_t kv = heap_tuple2(p, make_small(k), make_small(k * 10));
        tab[2 + k % 8] = heap_cons(p, kv, tab[2 + k % 8]);
    }
    gc_collect(p, 0, NULL, 0);
    gc_collect(p, 0, NULL, 0);
    tab = term_ptr(p->dict);
    CHECK(in_old(p, p->dict) && in_old(p, tab[2]));
    for (int round = 0; round < 40; round++) {
        tab = term_ptr(p->dict);
        /* a new value in an old cell, a new cell in an old slot, and an
           old cell relinked behind a young one */
        term_t cell = tab[2 + round % 8];
        term_ptr(cell)[0] = heap_tuple2(p, make_small(round % 8), heap_float(p, round));
        tab[2 + (round + 3) % 8] =
            heap_cons(p, heap_tuple2(p, make_small(100 + round), heap_cstr(p, "new")),
                      tab[2 + (round + 3) % 8]);
        heap_tuple(p, 40, NULL);                   /* garbage */
        gc_collect(p, 0, NULL, 0);
        gc_verify(p, NULL, 0);
    }
    tab = term_ptr(p->dict);
    size_t cells = 0;
    bool ok = true;
    for (int b = 0; b < 8; b++) {
        for (term_t c = tab[2 + b]; term_is_list(c); c = list_tail(c)) {
            term_t kv = list_head(c);
            ok &= term_is_tuple(kv) && tuple_arity(kv) == 2;
            term_t v = tuple_elems(kv)[1];
            if (small_val(tuple_elems(kv)[0]) >= 100) ok &= list_length(v) == 3;
            cells++;
        }
    }
    CHECK(ok && cells == 16 + 40);
    /* Bucket 0 got its last new cell in round 37, and its first cell
       before that a float in round 32. */
    CHECK(small_val(tuple_elems(list_head(tab[2]))[0]) == 137);
    CHECK(float_val(tuple_elems(list_head(list_tail(tab[2])))[1]) == 32.0);
    free_proc(p);
}

/* A young object pointing into a queued message's fragment, promoted by
   two collections, then the message is received: the old heap must not
   be left pointing at the fragment's old place. */
static void test_queued_message(void)
{
    Proc *p = new_proc(64, 16);
    HeapFrag *f = heap_frag_new(3);
    f->used = 3;
    f->mem[0] = MAKE_HDR(HDR_TUPLE, 2);
    f->mem[1] = make_small(7);
    f->mem[2] = make_small(8);
    Msg *m = vm_alloc(sizeof *m);
    *m = (Msg){NULL, make_boxed(f->mem), f};
    p->mq_first = m;
    p->mq_last = &m->next;
    p->mq_len = 1;
    term_t x[1] = {heap_tuple2(p, m->term, TERM_NIL)};   /* as a match would */
    gc_collect(p, 0, x, 1);
    gc_collect(p, 0, x, 1);
    gc_verify(p, x, 1);
    CHECK(in_old(p, x[0]) && p->old_stray);
    /* receive: the fragment joins the heap */
    p->mq_first = NULL;
    p->mq_last = &p->mq_first;
    p->mq_len = 0;
    heap_attach(p, f);
    vm_free(m);
    gc_collect(p, 0, x, 1);
    gc_verify(p, x, 1);
    CHECK(p->frags == NULL && !p->old_stray);
    term_t msg = tuple_elems(x[0])[0];
    CHECK(in_old(p, msg) && tuple_elems(msg)[0] == make_small(7));
    free_proc(p);
}

/* gc_verify must stop the VM on a broken heap: run it in a child. */
static bool verify_rejects(int how)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) dup2(fd, STDERR_FILENO);
        Proc *p = new_proc(64, 16);
        static term_t outside[4];
        term_t x[1];
        x[0] = heap_tuple2(p, make_small(1), make_small(2));
        if (how == 0) tuple_elems(x[0])[1] = make_boxed(outside);  /* points nowhere */
        if (how == 1) term_ptr(x[0])[0] = MAKE_HDR(14, 2);         /* bad subtag */
        if (how == 2) term_ptr(x[0])[0] = MAKE_HDR(HDR_TUPLE, 90); /* overruns */
        if (how == 4) {                                 /* old points to young */
            gc_collect(p, 0, x, 1);
            gc_collect(p, 0, x, 1);
            tuple_elems(x[0])[1] = heap_tuple2(p, make_small(3), make_small(4));
        }
        gc_verify(p, x, 1);
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void test_verify(void)
{
    CHECK(verify_rejects(0));
    CHECK(verify_rejects(1));
    CHECK(verify_rejects(2));
    CHECK(!verify_rejects(3));
    CHECK(verify_rejects(4));
}

int main(void)
{
    test_constructors();
    test_basic();
    test_sharing();
    test_refc();
    test_long_list();
    test_deep();
    test_stack();
    test_other_roots();
    test_generations();
    test_first_heap();
    test_dict_writes();
    test_queued_message();
    test_copy();
    test_verify();
    if (failures) {
        printf("gc_test: %d failure(s)\n", failures);
        return 1;
    }
    printf("gc_test: ok\n");
    return 0;
}
