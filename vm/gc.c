/*
** gc.c: the per-process copying collector (gc.h).
**
** A collection copies everything reachable from the roots out of the
** from-space (the heap block up to 'htop' and every attached fragment)
** into one new block, Cheney style: the roots are evacuated first, then
** the new block is scanned from its start, evacuating what each copied
** object refers to, until the scan meets the allocation pointer. No C
** recursion: a list of ten million cells costs no stack.
**
** Invariants and encodings:
**  - a pointer is moved only if it points into the from-space; anything
**    else (the literal area, a fragment of a message still queued) stays;
**  - a moved boxed object's header is overwritten with a boxed pointer to
**    its copy (a real header never has the boxed tag);
**  - a moved cons cell's head becomes CONS_MOVED (a header word, which no
**    term can be) and its tail the list pointer to the copy;
**  - a heap, new or old, parses linearly: a header word starts a boxed
**    object of 1 + arity words, any other word starts a cons cell;
**  - refc binaries are chained through their REFC_NEXT word (bin.h); after
**    copying, the old chain says which ones died, and those are released.
**
** Sizing: the to-space is as big as the from-space in use plus 'need', so
** the live data always fits. The heap then takes the first size of a
** Fibonacci sequence at or above twice the live data plus 'need'; a heap
** that must grow, or that is far too big, is copied once more into a block
** of that size. Either way a collection frees at least as many words as it
** copies, so building any structure costs linear time overall.
*/
#include <stdlib.h>

#include "bin.h"
#include "gc.h"
#include "lit.h"

#define GC_MIN_WORDS 233
#define GC_SHRINK_MIN 8192          /* never bother shrinking below this */
#define CONS_MOVED MAKE_HDR(15, 0)

typedef struct Range {
    uintptr_t lo, hi;
} Range;

typedef struct Gc {
    uintptr_t lo, hi;   /* the main from-space block, live part */
    Range *frags;       /* attached fragments, sorted by address */
    size_t nfrags;
    term_t *htop;       /* to-space allocation pointer */
} Gc;

typedef void (*RootFn)(void *ctx, term_t *slot);

/* ---- roots ---- */

/* Calls 'fn' on every root slot of 'p' that may hold a pointer. */
static void each_root(Proc *p, term_t *xregs, unsigned live, RootFn fn, void *ctx)
{
    for (unsigned i = 0; i < live; i++) fn(ctx, &xregs[i]);
    if (p->E) {
        for (term_t *s = p->E; s < p->stack_hi; s++) {
            /* Return addresses look like headers; catch markers are
               immediates. Only pointers matter. */
            if (term_is_list(*s) || term_is_boxed(*s)) fn(ctx, s);
        }
    }
    term_t *fields[] = {&p->dict, &p->freason, &p->fvalue, &p->ftrace, &p->initial_call,
                        &p->exit_reason, &p->marker_ref, &p->registered_name,
                        &p->group_leader};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) fn(ctx, fields[i]);
    for (Msg *m = p->mq_first; m; m = m->next) {
        if (m->frag == NULL) fn(ctx, &m->term);
    }
}

/* ---- from-space ---- */

static int range_cmp(const void *a, const void *b)
{
    const Range *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The index of the range holding 'a', or -1. 'r' is sorted. */
static ptrdiff_t range_find(const Range *r, size_t n, uintptr_t a)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a < r[mid].lo) hi = mid;
        else if (a >= r[mid].hi) lo = mid + 1;
        else return (ptrdiff_t)mid;
    }
    return -1;
}

/* The ranges of the fragments of 'p', sorted, and their total words. */
static Range *frag_ranges(const Proc *p, size_t *n, size_t *words)
{
    size_t k = 0, w = 0;
    for (HeapFrag *f = p->frags; f; f = f->next) k++;
    *n = k;
    *words = 0;
    if (k == 0) return NULL;
    Range *r = vm_alloc(k * sizeof *r);
    k = 0;
    for (HeapFrag *f = p->frags; f; f = f->next) {
        r[k].lo = (uintptr_t)f->mem;
        r[k].hi = (uintptr_t)(f->mem + f->used);
        w += f->used;
        k++;
    }
    qsort(r, k, sizeof *r, range_cmp);
    *words = w;
    return r;
}

static inline bool in_from(const Gc *g, const term_t *ptr)
{
    uintptr_t a = (uintptr_t)ptr;
    if (a >= g->lo && a < g->hi) return true;
    return g->nfrags != 0 && range_find(g->frags, g->nfrags, a) >= 0;
}

/* ---- copying ---- */

/* Moves the object '*slot' points to into to-space, unless it is outside
   the from-space or already moved, and updates '*slot'. */
static void evacuate(Gc *g, term_t *slot)
{
    term_t t = *slot;
    unsigned tag = term_tag(t);
    if (tag != TAG_LIST && tag != TAG_BOXED) return;
    term_t *from = term_ptr(t);
    if (!in_from(g, from)) return;
    if (tag == TAG_LIST) {
        if (from[0] == CONS_MOVED) {
            *slot = from[1];
            return;
        }
        term_t *to = g->htop;
        g->htop += 2;
        to[0] = from[0];
        to[1] = from[1];
        from[0] = CONS_MOVED;
        from[1] = make_list(to);
        *slot = from[1];
        return;
    }
    term_t h = from[0];
    if (term_is_boxed(h)) {
        *slot = h;
        return;
    }
    size_t n = 1 + (size_t)HDR_ARITY(h);
    term_t *to = g->htop;
    g->htop += n;
    memcpy(to, from, n * sizeof(term_t));
    from[0] = make_boxed(to);
    *slot = from[0];
}

static void evacuate_root(void *ctx, term_t *slot)
{
    evacuate(ctx, slot);
}

/* Scans to-space from 'scan' until it meets the allocation pointer. */
static void scavenge(Gc *g, term_t *scan)
{
    while (scan < g->htop) {
        term_t w = *scan;
        if (term_tag(w) != TAG_HEADER) {
            evacuate(g, scan);
            evacuate(g, scan + 1);
            scan += 2;
            continue;
        }
        size_t n = (size_t)HDR_ARITY(w);
        switch (HDR_SUBTAG(w)) {
        case HDR_TUPLE:
        case HDR_MAP:
        case HDR_HAMT:
            for (size_t i = 1; i <= n; i++) evacuate(g, scan + i);
            break;
        case HDR_FUN:
            for (size_t i = 2; i <= n; i++) evacuate(g, scan + i);
            break;
        case HDR_SUB_BIN:
        case HDR_MATCH_CTX:
            evacuate(g, scan + n);
            break;
        default: /* raw data, refc binaries, exports */
            break;
        }
        scan += 1 + n;
    }
}

/* After copying: refc binaries that were copied form the new chain, the
   others are released. Returns the new chain. */
static term_t *sweep_offheap(const Gc *g, term_t *o)
{
    term_t *chain = NULL;
    while (o) {
        term_t *next = (term_t *)(uintptr_t)o[REFC_NEXT];
        term_t *keep = NULL;
        if (term_is_boxed(o[0])) keep = term_ptr(o[0]);
        else if (!in_from(g, o)) keep = o;
        else bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
        if (keep) {
            keep[REFC_NEXT] = (term_t)(uintptr_t)chain;
            chain = keep;
        }
        o = next;
    }
    return chain;
}

/* Copies the live data of 'p' out of 'g's from-space into 'to'. Returns
   the number of words copied. */
static size_t copy_live(Proc *p, Gc *g, term_t *to, term_t *xregs, unsigned live)
{
    g->htop = to;
    each_root(p, xregs, live, evacuate_root, g);
    scavenge(g, to);
    p->offheap = sweep_offheap(g, p->offheap);
    return (size_t)(g->htop - to);
}

/* The first size of the sequence 233, 377, 610, ... (each the sum of the
   two before) at or above 'want', and at least 'min'. */
static size_t next_size(size_t want, size_t min)
{
    size_t a = GC_MIN_WORDS, b = 377;
    while (a < want) {
        size_t c = a + b;
        a = b;
        b = c;
    }
    return a < min ? min : a;
}

void gc_collect(Proc *p, size_t need, term_t *xregs, unsigned live)
{
    size_t min = p->min_heap ? p->min_heap : GC_MIN_WORDS;
    size_t used = (size_t)(p->htop - p->heap), frag_words;
    Gc g;
    g.lo = (uintptr_t)p->heap;
    g.hi = (uintptr_t)p->htop;
    g.frags = frag_ranges(p, &g.nfrags, &frag_words);
    size_t cap = used + frag_words + need;
    if (cap < min) cap = min;

    term_t *to = vm_alloc(cap * sizeof(term_t));
    size_t words = copy_live(p, &g, to, xregs, live);
    vm_free(g.frags);
    heap_frag_free_chain(p->frags);
    vm_free(p->heap);
    p->frags = NULL;

    size_t target = next_size(2 * words + need, min);
    if (target > cap || (cap / 4 >= target && cap > GC_SHRINK_MIN)) {
        /* Grow or shrink: one more copy, of the live data only. */
        Gc g2 = {(uintptr_t)to, (uintptr_t)(to + words), NULL, 0, NULL};
        term_t *to2 = vm_alloc(target * sizeof(term_t));
        words = copy_live(p, &g2, to2, xregs, live);
        vm_free(to);
        to = to2;
    }
    p->heap = to;
    p->htop = to + words;
    p->hend = to + target;
    p->gc_count++;
}

void gc_free_heap(Proc *p)
{
    for (term_t *o = p->offheap; o;) {
        term_t *next = (term_t *)(uintptr_t)o[REFC_NEXT];
        bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
        o = next;
    }
    p->offheap = NULL;
    heap_frag_free_chain(p->frags);
    p->frags = NULL;
    vm_free(p->heap);
    p->heap = p->htop = p->hend = NULL;
}

/* ---- verification (checks build and tests) ---- */

typedef struct Verify {
    Range *ranges;          /* the heap and every fragment, sorted */
    size_t nranges;
    uintptr_t *seen;        /* open-addressing set of visited objects */
    size_t seen_cap, seen_count;
    term_t *stack;          /* terms still to look at */
    size_t sp, stack_cap;
} Verify;

static bool seen_add(Verify *v, uintptr_t a)
{
    if (2 * (v->seen_count + 1) > v->seen_cap) {
        size_t old_cap = v->seen_cap;
        uintptr_t *old = v->seen;
        v->seen_cap = old_cap ? old_cap * 2 : 1024;
        v->seen = vm_zalloc(v->seen_cap * sizeof *v->seen);
        v->seen_count = 0;
        for (size_t i = 0; i < old_cap; i++) {
            if (old[i]) seen_add(v, old[i]);
        }
        vm_free(old);
    }
    size_t mask = v->seen_cap - 1;
    size_t i = (size_t)((a >> 3) * 0x9E3779B97F4A7C15u) & mask;
    while (v->seen[i]) {
        if (v->seen[i] == a) return false;
        i = (i + 1) & mask;
    }
    v->seen[i] = a;
    v->seen_count++;
    return true;
}

static void verify_push(Verify *v, term_t t)
{
    if (!term_is_list(t) && !term_is_boxed(t)) return;
    if (v->sp == v->stack_cap) {
        v->stack_cap = v->stack_cap ? v->stack_cap * 2 : 256;
        v->stack = vm_realloc(v->stack, v->stack_cap * sizeof(term_t));
    }
    v->stack[v->sp++] = t;
}

static void verify_root(void *ctx, term_t *slot)
{
    verify_push(ctx, *slot);
}

/* True if 'ptr' is in the heap, a fragment or the literal area. */
static bool known(const Verify *v, const term_t *ptr)
{
    return range_find(v->ranges, v->nranges, (uintptr_t)ptr) >= 0 || lit_contains(ptr);
}

/* Checks that header 'h' is well formed for an object with 'room' words
   after its header available in its block. */
static void verify_header(term_t h, const term_t *obj, size_t room)
{
    size_t n = (size_t)HDR_ARITY(h);
    unsigned sub = HDR_SUBTAG(h);
    if (term_tag(h) != TAG_HEADER || sub > HDR_MATCH_CTX)
        vm_panic("gc_verify: bad header %#llx at %p", (unsigned long long)h, (void *)obj);
    if (n > room) vm_panic("gc_verify: object at %p overruns its block", (void *)obj);
    bool ok = true;
    switch (sub) {
    case HDR_FLOAT: case HDR_REF: case HDR_EXPORT: ok = n == 1; break;
    case HDR_REFC_BIN: ok = n == 4; break;
    case HDR_SUB_BIN: case HDR_MATCH_CTX: ok = n == 3; break;
    case HDR_FUN: ok = n >= 1; break;
    case HDR_POS_BIG: case HDR_NEG_BIG: ok = n >= 1; break;
    case HDR_HEAP_BIN: ok = n >= 1 && obj[1] <= 8 * (n - 1); break;
    default: break;
    }
    if (!ok) vm_panic("gc_verify: malformed object (subtag %u, arity %zu) at %p", sub, n,
                      (void *)obj);
}

/* Looks at one reachable term: its pointer must be in the heap, a
   fragment or the literal area; objects on the heap are checked once and
   their terms queued. Literals are not descended into. */
static void verify_term(Verify *v, term_t t)
{
    const term_t *ptr = term_ptr(t);
    ptrdiff_t r = range_find(v->ranges, v->nranges, (uintptr_t)ptr);
    if (r < 0) {
        if (lit_contains(ptr)) return;
        vm_panic("gc_verify: term %#llx points outside the heap", (unsigned long long)t);
    }
    size_t room = (size_t)((v->ranges[r].hi - (uintptr_t)ptr) / sizeof(term_t));
    if (!seen_add(v, (uintptr_t)ptr)) return;
    if (term_is_list(t)) {
        if (room < 2 || term_tag(ptr[0]) == TAG_HEADER)
            vm_panic("gc_verify: bad cons cell at %p", (void *)ptr);
        verify_push(v, ptr[0]);
        verify_push(v, ptr[1]);
        return;
    }
    term_t h = ptr[0];
    verify_header(h, ptr, room - 1);
    size_t n = (size_t)HDR_ARITY(h);
    switch (HDR_SUBTAG(h)) {
    case HDR_MAP:
        if (n < 1 || !term_is_boxed(ptr[1]) || !known(v, term_ptr(ptr[1])) ||
            !term_is_tuple(ptr[1]) || tuple_arity(ptr[1]) != n - 1)
            vm_panic("gc_verify: flat map at %p has bad keys", (void *)ptr);
        /* fall through */
    case HDR_TUPLE: case HDR_HAMT:
        for (size_t i = 1; i <= n; i++) verify_push(v, ptr[i]);
        break;
    case HDR_FUN:
        for (size_t i = 2; i <= n; i++) verify_push(v, ptr[i]);
        break;
    case HDR_SUB_BIN: case HDR_MATCH_CTX: {
        term_t orig = ptr[n];
        if (!term_is_boxed(orig) || !known(v, term_ptr(orig)) ||
            (!boxed_is(orig, HDR_HEAP_BIN) && !boxed_is(orig, HDR_REFC_BIN)))
            vm_panic("gc_verify: sub binary at %p has a bad orig", (void *)ptr);
        verify_push(v, orig);
        break;
    }
    default:
        break;
    }
}

void gc_verify(Proc *p, term_t *xregs, unsigned live)
{
    Verify v = {0};
    size_t frag_words;
    Range *fr = frag_ranges(p, &v.nranges, &frag_words);
    v.ranges = vm_alloc((v.nranges + 1) * sizeof(Range));
    for (size_t i = 0; i < v.nranges; i++) v.ranges[i] = fr[i];
    vm_free(fr);
    if (p->htop < p->heap || p->htop > p->hend) vm_panic("gc_verify: htop outside the heap");
    if (p->E && (p->E > p->stack_hi || (p->stack_lo && p->E < p->stack_lo)))
        vm_panic("gc_verify: E outside the stack");
    v.ranges[v.nranges].lo = (uintptr_t)p->heap;
    v.ranges[v.nranges].hi = (uintptr_t)p->htop;
    v.nranges++;
    qsort(v.ranges, v.nranges, sizeof(Range), range_cmp);

    each_root(p, xregs, live, verify_root, &v);
    while (v.sp) verify_term(&v, v.stack[--v.sp]);

    /* The refc chain: only refc binaries of this heap, and no cycle. */
    size_t limit = ((size_t)(p->htop - p->heap) + frag_words) / 5 + 1;
    for (term_t *o = p->offheap; o; o = (term_t *)(uintptr_t)o[REFC_NEXT]) {
        if (range_find(v.ranges, v.nranges, (uintptr_t)o) < 0 || o[0] != MAKE_HDR(HDR_REFC_BIN, 4))
            vm_panic("gc_verify: bad entry %p on the off-heap chain", (void *)o);
        if (limit-- == 0) vm_panic("gc_verify: the off-heap chain has a cycle");
    }
    vm_free(v.ranges);
    vm_free(v.seen);
    vm_free(v.stack);
}
