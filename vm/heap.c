/*
** heap.c: allocation on a process heap (heap.h): bumping 'htop', heap
** fragments when the heap is full, and the small constructors everyone uses.
** Collection (merging the fragments back into one heap) is gc.c's.
*/
#include "../sched/proc.h"
#include "bin.h"
#include "heap.h"

#define FRAG_MIN_WORDS 64
#define FRAG_FIRST_MAX 65536

HeapFrag *heap_frag_new(size_t n)
{
    HeapFrag *f = vm_alloc(sizeof(HeapFrag) + n * sizeof(term_t));
    f->next = NULL;
    f->size = n;
    f->used = 0;
    f->offheap = NULL;
    return f;
}

/* A new fragment for an allocation of 'n' words that did not fit. The
   first is a fraction of the heap; each next one is twice the previous, so
   a long run of small allocations (a BIF building a huge list) makes
   O(log n) fragments and wastes at most half of what it holds. */
static term_t *alloc_in_new_frag(Proc *p, size_t n)
{
    size_t size = (size_t)(p->hend - p->heap) / 8;
    if (size > FRAG_FIRST_MAX) size = FRAG_FIRST_MAX;
    if (p->frags && p->frags->size * 2 > size) size = p->frags->size * 2;
    if (size < FRAG_MIN_WORDS) size = FRAG_MIN_WORDS;
    if (size < n) size = n;
    HeapFrag *f = heap_frag_new(size);
    f->next = p->frags;
    p->frags = f;
    f->used = n;
    p->frag_words += size;
    return f->mem;
}

term_t *heap_alloc(Proc *p, size_t n)
{
    if (VM_LIKELY(n <= (size_t)(p->hend - p->htop))) {
        term_t *hp = p->htop;
        p->htop += n;
        return hp;
    }
    HeapFrag *f = p->frags;
    if (f && n <= f->size - f->used) {
        term_t *hp = f->mem + f->used;
        f->used += n;
        return hp;
    }
    return alloc_in_new_frag(p, n);
}

void heap_attach(Proc *p, HeapFrag *f)
{
    /* Behind the head, which stays the fragment heap_alloc fills. */
    p->frag_words += f->size;
    if (p->frags) {
        f->next = p->frags->next;
        p->frags->next = f;
    } else {
        f->next = NULL;
        p->frags = f;
    }
    if (f->offheap) {
        term_t *last = f->offheap;
        while (last[REFC_NEXT] != 0) last = (term_t *)(uintptr_t)last[REFC_NEXT];
        last[REFC_NEXT] = (term_t)(uintptr_t)p->offheap;
        p->offheap = f->offheap;
        f->offheap = NULL;
    }
}

void heap_frag_free_chain(HeapFrag *f)
{
    while (f) {
        HeapFrag *next = f->next;
        term_t *o = f->offheap;
        while (o) {
            term_t *after = (term_t *)(uintptr_t)o[REFC_NEXT];
            bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
            o = after;
        }
        vm_free(f);
        f = next;
    }
}

size_t heap_free_words(const Proc *p)
{
    return (size_t)(p->hend - p->htop);
}

term_t heap_cons(Proc *p, term_t head, term_t tail)
{
    term_t *hp = heap_alloc(p, 2);
    hp[0] = head;
    hp[1] = tail;
    return make_list(hp);
}

term_t heap_float(Proc *p, double d)
{
    return make_float_at(heap_alloc(p, FLOAT_WORDS), d);
}

term_t heap_tuple(Proc *p, size_t arity, const term_t *elems)
{
    term_t *hp = heap_alloc(p, 1 + arity);
    hp[0] = MAKE_HDR(HDR_TUPLE, arity);
    for (size_t i = 0; i < arity; i++) hp[1 + i] = elems ? elems[i] : TERM_NIL;
    return make_boxed(hp);
}

term_t heap_tuple2(Proc *p, term_t a, term_t b)
{
    term_t e[2] = {a, b};
    return heap_tuple(p, 2, e);
}

term_t heap_tuple3(Proc *p, term_t a, term_t b, term_t c)
{
    term_t e[3] = {a, b, c};
    return heap_tuple(p, 3, e);
}

term_t heap_tuple4(Proc *p, term_t a, term_t b, term_t c, term_t d)
{
    term_t e[4] = {a, b, c, d};
    return heap_tuple(p, 4, e);
}

/* A one-limb bignum of magnitude 'mag'. */
static term_t make_big1(Proc *p, bool neg, uint64_t mag)
{
    term_t *hp = heap_alloc(p, 2);
    hp[0] = MAKE_HDR(neg ? HDR_NEG_BIG : HDR_POS_BIG, 1);
    hp[1] = mag;
    return make_boxed(hp);
}

term_t heap_int(Proc *p, sint_t v)
{
    if (small_fits(v)) return make_small(v);
    if (v < 0) return make_big1(p, true, (uint64_t)0 - (uint64_t)v);
    return make_big1(p, false, (uint64_t)v);
}

term_t heap_uint(Proc *p, uint64_t v)
{
    if (v <= (uint64_t)SMALL_MAX) return make_small((sint_t)v);
    return make_big1(p, false, v);
}

term_t heap_list(Proc *p, const term_t *elems, size_t n)
{
    if (n == 0) return TERM_NIL;
    term_t *hp = heap_alloc(p, 2 * n);
    for (size_t i = 0; i < n; i++) {
        hp[2 * i] = elems[i];
        hp[2 * i + 1] = i + 1 < n ? make_list(hp + 2 * i + 2) : TERM_NIL;
    }
    return make_list(hp);
}

term_t heap_str(Proc *p, const char *s, size_t n)
{
    if (n == 0) return TERM_NIL;
    term_t *hp = heap_alloc(p, 2 * n);
    for (size_t i = 0; i < n; i++) {
        hp[2 * i] = make_small((uint8_t)s[i]);
        hp[2 * i + 1] = i + 1 < n ? make_list(hp + 2 * i + 2) : TERM_NIL;
    }
    return make_list(hp);
}

term_t heap_cstr(Proc *p, const char *s)
{
    return heap_str(p, s, strlen(s));
}
