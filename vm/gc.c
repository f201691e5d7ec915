/*
** gc.c: the per-process generational collector (gc.h).
**
** Two generations. The young heap [heap, hend) is where everything is
** allocated; the old heap [old_heap, old_hend) holds what survived two
** collections. A minor collection copies, Cheney style, what is reachable
** in the young heap and the fragments: an object below the high-water mark
** 'hwm' (it was copied by the previous collection, so it survived it) goes
** to the end of the old heap; any other goes to a new young block, and the
** end of what was copied there is the next 'hwm'. The old heap is neither
** scanned nor moved by a minor collection. A full sweep copies everything
** reachable (young, fragments, old) into a new old block and empties the
** young heap. Both scan what they copied until the scan pointers meet the
** allocation pointers; there is no C recursion.
**
** When a full sweep runs: when the old heap cannot take the worst case of
** what would be promoted (the whole area below 'hwm'): it never grows in
** place; and after fullsweep_after minor collections (OTP's 65535 unless
** the process says otherwise). A process's first promotion makes its old
** heap (twice what is promoted) and stays a minor collection.
**
** Why a minor collection may ignore the old heap: terms are immutable and
** an object is built after what it refers to, so an object alive at the
** last collection (below 'hwm', or already old) refers only to objects
** alive then too (below 'hwm', old, or literals): promotion never leaves an
** old object pointing into the young heap. The exceptions are the objects
** that are written to after they are built:
**  - set_tuple_element writes only into a tuple the code has just built,
**    with no collection in between, so the tuple is young: nothing to do;
**  - a writable binary's refc object changes only its raw words (size and
**    Binary pointer), never a term: nothing to do;
**  - the process dictionary (bif/erlang_misc.c) is a hash table tuple
**    whose bucket slots, and the cons cells of the bucket lists (heads and
**    tails), are updated in place by put/erase. An old table or cell may
**    thus point to a young {Key, Value} tuple or cell. A minor collection
**    therefore walks the whole dictionary from p->dict (the table, every
**    cell of every bucket list), following forwarding pointers where an
**    object was already moved, and treats every word of a table or cell
**    that was old before this collection as a root. The walk costs one
**    visit per key; the young heap is sized to at least twice the roots
**    (stack, dictionary, x registers, messages), so that cost stays linear
**    in what is allocated between collections. A dictionary cell promoted
**    with a pointer to a young object is old at the next collection, so the
**    walk finds it again: no remembered set is needed.
** process_info(dictionary) must never hand the table itself to Erlang
** code (a stale table would escape the walk).
**
** Queued messages: a message stays in its own fragment until receive
** removes it, and while a receive matches it, the x registers (and sub
** binaries or match contexts built then) may point into that fragment,
** which is not from-space: such pointers are left alone. Should an object
** holding one be promoted (two collections during one match), the old heap
** would point into the fragment, which becomes young when the message is
** removed: a minor collection would then move its objects under the old
** one. So whenever a copy made into the old heap keeps a pointer that is
** neither old, young nor literal, p->old_stray is set and every collection
** is a full sweep (which moves everything and recomputes the flag) until
** no such pointer is left.
**
** Encodings while copying:
**  - a moved boxed object's header is overwritten with a boxed pointer to
**    its copy (a real header never has the boxed tag);
**  - a moved cons cell's head becomes CONS_MOVED (a header word, which no
**    term can be) and its tail the list pointer to the copy;
**  - every heap parses linearly: a header word starts a boxed object of
**    1 + arity words, any other word starts a cons cell;
**  - refc binaries are chained through their REFC_NEXT word (bin.h), one
**    chain per generation (p->offheap for the young heap and fragments,
**    p->old_offheap for the old heap), so that a minor collection walks
**    only the young one; after copying, each entry of a swept chain moves
**    to the chain of where its copy is, or is released if it died.
**
** Sizing: to-space always has room for the worst case (everything in
** from-space alive), so copying never fails. The young heap takes the
** first size of a Fibonacci sequence at or above twice its survivors plus
** 'need', at least twice the roots and at least an eighth of the old heap
** (as BEAM does); when it is more than four times too big it is shrunk at
** once by copying the (few) survivors once more, when too small it grows
** at the next collection. After a full sweep the old heap is
** sized to twice the live data, copying once more if needed, so the next
** full sweep comes only after as much again was promoted: every word is
** copied a bounded number of times per word allocated.
**
** A process's first heap is the memory of a fragment (proc.c), and its
** first collection only hands that fragment to the process and gives it a
** heap of the young size, copying nothing (grow_first).
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
    uintptr_t ylo, ymid, yhi;   /* young from-space; [ylo, ymid) is promoted */
    uintptr_t olo, ohi;         /* old from-space: a full sweep's, else empty */
    Range *frags;               /* attached fragments, sorted by address */
    size_t nfrags;
    bool frags_old;             /* fragments are promoted (a full sweep) */
    term_t *ytop, *otop;        /* to-space allocation pointers */
    uintptr_t oblk_lo, oblk_hi; /* the block 'otop' fills */
    uintptr_t yblk_lo, yblk_hi; /* the block 'ytop' fills */
    bool stray;                 /* an old copy points into a queued message */
    uintptr_t prior_lo, prior_hi; /* old objects this pass does not copy */
    size_t dict_words;          /* dictionary words the walk visited */
} Gc;

typedef void (*RootFn)(void *ctx, term_t *slot);

static inline bool in_range(uintptr_t a, uintptr_t lo, uintptr_t hi)
{
    return a - lo < hi - lo;    /* an empty range (lo == hi) holds nothing */
}

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
    /* Queued messages are not roots: each lives in its own fragment, and
       one without a fragment is an immediate (mbox.c), so a long queue
       costs a collection nothing. */
}

/* Words a minor collection scans whatever is allocated: the yardstick for
   the young heap's size. */
static size_t root_words(const Proc *p, unsigned live, size_t dict_words)
{
    size_t n = live + 16 + p->mq_len + dict_words;
    if (p->E) n += (size_t)(p->stack_hi - p->E);
    return n;
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
    if (k <= 16) { /* the usual few: by insertion, with no qsort call */
        for (size_t i = 1; i < k; i++) {
            Range x = r[i];
            size_t j = i;
            for (; j > 0 && r[j - 1].lo > x.lo; j--) r[j] = r[j - 1];
            r[j] = x;
        }
    } else {
        qsort(r, k, sizeof *r, range_cmp);
    }
    *words = w;
    return r;
}

/* The allocation pointer an object at 'a' is copied with, or NULL if 'a'
   is not in from-space (old heap in a minor collection, literals, a
   queued message's fragment): such objects stay where they are. */
static inline term_t **dest_of(Gc *g, uintptr_t a)
{
    if (in_range(a, g->ylo, g->yhi)) return a < g->ymid ? &g->otop : &g->ytop;
    if (in_range(a, g->olo, g->ohi)) return &g->otop;
    if (g->nfrags && range_find(g->frags, g->nfrags, a) >= 0)
        return g->frags_old ? &g->otop : &g->ytop;
    return NULL;
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
    term_t **top = dest_of(g, (uintptr_t)from);
    if (!top) return;
    if (tag == TAG_LIST) {
        if (from[0] == CONS_MOVED) {
            *slot = from[1];
            return;
        }
        term_t *to = *top;
        *top += 2;
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
    term_t *to = *top;
    *top += n;
    memcpy(to, from, n * sizeof(term_t));
    from[0] = make_boxed(to);
    *slot = from[0];
}

static void evacuate_root(void *ctx, term_t *slot)
{
    evacuate(ctx, slot);
}

/* Evacuates a word of an object copied to the old heap, and notes when
   it is left pointing into a queued message (see the top of this file). */
static void evacuate_old(Gc *g, term_t *slot)
{
    evacuate(g, slot);
    term_t t = *slot;
    if (!term_is_list(t) && !term_is_boxed(t)) return;
    uintptr_t a = (uintptr_t)term_ptr(t);
    if (!in_range(a, g->oblk_lo, g->oblk_hi) && !in_range(a, g->yblk_lo, g->yblk_hi) &&
        !lit_contains(term_ptr(t)))
        g->stray = true;
}

/* Evacuates what the object at 'scan' (in to-space) refers to, with 'ev';
   returns the next object. */
static inline term_t *scan_object(Gc *g, term_t *scan, void (*ev)(Gc *, term_t *))
{
    term_t w = *scan;
    if (term_tag(w) != TAG_HEADER) {
        ev(g, scan);
        ev(g, scan + 1);
        return scan + 2;
    }
    size_t n = (size_t)HDR_ARITY(w);
    switch (HDR_SUBTAG(w)) {
    case HDR_TUPLE:
    case HDR_MAP:
    case HDR_HAMT:
        for (size_t i = 1; i <= n; i++) ev(g, scan + i);
        break;
    case HDR_FUN:
        for (size_t i = 2; i <= n; i++) ev(g, scan + i);
        break;
    case HDR_SUB_BIN:
    case HDR_MATCH_CTX:
        ev(g, scan + n);
        break;
    default: /* raw data, refc binaries, exports */
        break;
    }
    return scan + 1 + n;
}

/* Scans both to-spaces, from 'ys' and 'os', until neither grows. */
static void scavenge(Gc *g, term_t *ys, term_t *os)
{
    while (ys != g->ytop || os != g->otop) {
        while (ys != g->ytop) ys = scan_object(g, ys, evacuate);
        while (os != g->otop) os = scan_object(g, os, evacuate_old);
    }
}

/* Where the object at 'ptr' is now: its copy if it was moved. */
static term_t *resolve(Gc *g, term_t *ptr, bool cons)
{
    if (!dest_of(g, (uintptr_t)ptr)) return ptr;
    if (cons) return ptr[0] == CONS_MOVED ? term_ptr(ptr[1]) : ptr;
    return term_is_boxed(ptr[0]) ? term_ptr(ptr[0]) : ptr;
}

/* The dictionary's table and cells are written to in place (see the top
   of this file): every word of one that is old, and so not scanned by this
   pass, is a root. Works whatever has been moved already. */
static void walk_dict(Proc *p, Gc *g)
{
    if (!term_is_boxed(p->dict)) return;
    term_t *tab = resolve(g, term_ptr(p->dict), false);
    if (term_tag(tab[0]) != TAG_HEADER || HDR_SUBTAG(tab[0]) != HDR_TUPLE) return;
    bool old = in_range((uintptr_t)tab, g->prior_lo, g->prior_hi);
    size_t n = (size_t)HDR_ARITY(tab[0]), words = n + 1;
    for (size_t i = 1; i <= n; i++) {
        if (old) evacuate(g, &tab[i]);
        term_t c = tab[i];
        while (term_is_list(c)) {
            term_t *cell = resolve(g, term_ptr(c), true);
            if (in_range((uintptr_t)cell, g->prior_lo, g->prior_hi)) {
                evacuate(g, &cell[0]);
                evacuate(g, &cell[1]);
            }
            c = cell[1];
            words += 2;
        }
    }
    g->dict_words = words;
}

/* One copying pass: the roots (and, in a minor pass, the dictionary's old
   words), then everything the copies refer to. */
static void copy_pass(Proc *p, Gc *g, term_t *xregs, unsigned live, bool minor)
{
    term_t *ys = g->ytop, *os = g->otop;
    each_root(p, xregs, live, evacuate_root, g);
    if (minor) walk_dict(p, g);
    scavenge(g, ys, os);
}

/* After a pass, sorts the refc binaries of chain 'o': one that was copied
   goes on '*old' if its copy is in the old to-space block, else on
   '*young'; one left in from-space died and is released; one outside
   from-space stays, on the chain of the block it is in. */
static void sweep_offheap(Gc *g, term_t *o, term_t **young, term_t **old)
{
    while (o) {
        term_t *next = (term_t *)(uintptr_t)o[REFC_NEXT];
        term_t *keep = NULL;
        if (term_is_boxed(o[0])) keep = term_ptr(o[0]);
        else if (!dest_of(g, (uintptr_t)o)) keep = o;
        else bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
        if (keep) {
            term_t **chain = in_range((uintptr_t)keep, g->oblk_lo, g->oblk_hi) ? old : young;
            keep[REFC_NEXT] = (term_t)(uintptr_t)*chain;
            *chain = keep;
        }
        o = next;
    }
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

static size_t max2(size_t a, size_t b) { return a > b ? a : b; }

/* The young size for 'survivors' words that stay young, 'need' free
   words, and the roots; never below an eighth of the old heap, so that a
   process with much old data does not collect after every few words (the
   survivors of one collection are promoted by the next, so they alone
   would keep the young heap small). */
static size_t young_size(const Proc *p, size_t survivors, size_t need, size_t roots)
{
    size_t min = p->min_heap ? p->min_heap : GC_MIN_WORDS;
    size_t old = p->old_heap ? (size_t)(p->old_hend - p->old_heap) : 0;
    return next_size(max2(max2(2 * survivors + need, 2 * roots), old / 8), min);
}

/* The high-water mark, or the heap's start if it is not in the heap. */
static term_t *hwm_of(const Proc *p)
{
    uintptr_t m = (uintptr_t)p->hwm;
    if (m < (uintptr_t)p->heap || m > (uintptr_t)p->htop) return p->heap;
    return p->hwm;
}

/* ---- full sweep ---- */

/* Copies the old block [from, from + words) of 'p' into a new block of
   'size' words (no young data exists: it was all just promoted). */
static void resize_old(Proc *p, term_t *from, size_t words, size_t size, term_t *xregs,
                       unsigned live)
{
    term_t *to = vm_alloc(size * sizeof(term_t));
    Gc g = {0};
    g.olo = (uintptr_t)from;
    g.ohi = (uintptr_t)(from + words);
    g.ytop = p->heap;
    g.otop = to;
    g.oblk_lo = (uintptr_t)to;
    g.oblk_hi = (uintptr_t)(to + size);
    copy_pass(p, &g, xregs, live, false);
    term_t *young = NULL, *old = NULL;
    sweep_offheap(&g, p->old_offheap, &young, &old);
    p->old_offheap = old;
    p->old_stray = g.stray;
    vm_free(from);
    p->old_heap = to;
    p->old_htop = g.otop;
    p->old_hend = to + size;
}

static void major(Proc *p, size_t need, term_t *xregs, unsigned live, Range *frags,
                  size_t nfrags, size_t frag_words)
{
    size_t old_used = p->old_heap ? (size_t)(p->old_htop - p->old_heap) : 0;
    size_t cap = (size_t)(p->htop - p->heap) + frag_words + old_used;
    if (cap < GC_MIN_WORDS) cap = GC_MIN_WORDS;
    term_t *to = vm_alloc(cap * sizeof(term_t));
    Gc g = {0};
    g.ylo = (uintptr_t)p->heap;
    g.ymid = g.yhi = (uintptr_t)p->htop;
    if (p->old_heap) {
        g.olo = (uintptr_t)p->old_heap;
        g.ohi = (uintptr_t)p->old_htop;
    }
    g.frags = frags;
    g.nfrags = nfrags;
    g.frags_old = true;
    g.ytop = p->heap;           /* unused: everything goes to 'to' */
    g.otop = to;
    g.oblk_lo = (uintptr_t)to;
    g.oblk_hi = (uintptr_t)(to + cap);
    copy_pass(p, &g, xregs, live, false);
    term_t *young = NULL, *old = NULL;
    sweep_offheap(&g, p->offheap, &young, &old);
    sweep_offheap(&g, p->old_offheap, &young, &old);
    p->offheap = young;         /* empty: nothing went to the young heap */
    p->old_offheap = old;
    heap_frag_free_chain(p->frags);
    p->frags = NULL;
    p->frag_words = 0;
    vm_free(p->old_heap);
    p->old_heap = to;
    p->old_htop = g.otop;
    p->old_hend = to + cap;
    p->old_stray = g.stray;

    size_t words = (size_t)(g.otop - to);
    size_t target = next_size(2 * words, GC_MIN_WORDS);
    if (target > cap || (cap / 4 >= target && cap > GC_SHRINK_MIN))
        resize_old(p, to, words, target, xregs, live);

    /* The young heap is empty now: keep its block unless its size is
       wrong. */
    size_t want = young_size(p, 0, need, root_words(p, live, 0));
    size_t have = (size_t)(p->hend - p->heap);
    if (have < want || (have > 4 * want && have > GC_SHRINK_MIN)) {
        vm_free(p->heap);
        p->heap = vm_alloc(want * sizeof(term_t));
        p->hend = p->heap + want;
    }
    p->htop = p->hwm = p->heap;
    p->young_want = 0;
    p->gc_minor = 0;
}

/* ---- minor collection ---- */

/* Copies the young data of 'p' into a new block of 'size' words, and, if
   'promote', what lies below the high-water mark to the old heap. Returns
   the dictionary words visited. */
static size_t minor_pass(Proc *p, size_t size, bool promote, term_t *xregs, unsigned live,
                         Range *frags, size_t nfrags)
{
    term_t *to = vm_alloc(size * sizeof(term_t));
    Gc g = {0};
    g.ylo = (uintptr_t)p->heap;
    g.ymid = (uintptr_t)(promote ? hwm_of(p) : p->heap);
    g.yhi = (uintptr_t)p->htop;
    g.frags = frags;
    g.nfrags = nfrags;
    g.ytop = to;
    g.yblk_lo = (uintptr_t)to;
    g.yblk_hi = (uintptr_t)(to + size);
    g.otop = p->old_htop;
    if (p->old_heap) {
        g.oblk_lo = g.prior_lo = (uintptr_t)p->old_heap;
        g.oblk_hi = (uintptr_t)p->old_hend;
        g.prior_hi = (uintptr_t)p->old_htop;
    }
    copy_pass(p, &g, xregs, live, true);
    term_t *young = NULL;
    sweep_offheap(&g, p->offheap, &young, &p->old_offheap);
    p->offheap = young;
    heap_frag_free_chain(p->frags);
    p->frags = NULL;
    p->frag_words = 0;
    vm_free(p->heap);
    p->heap = to;
    p->htop = p->hwm = g.ytop;
    p->hend = to + size;
    p->old_htop = g.otop;
    p->old_stray |= g.stray;
    return g.dict_words;
}

static void minor(Proc *p, size_t need, term_t *xregs, unsigned live, Range *frags,
                  size_t nfrags, size_t frag_words)
{
    size_t have = (size_t)(p->hend - p->heap);
    size_t bound = (size_t)(p->htop - hwm_of(p)) + frag_words + need;
    /* never under the minimum: a process's first collection (its first
       heap is only as big as its spawn arguments) gives it that at once */
    size_t min = p->min_heap ? p->min_heap : GC_MIN_WORDS;
    size_t cap = max2(max2(have, p->young_want), max2(bound, min));
    size_t dict_words = minor_pass(p, cap, true, xregs, live, frags, nfrags);
    size_t survivors = (size_t)(p->htop - p->heap);
    size_t want = young_size(p, survivors, need, root_words(p, live, dict_words));
    p->young_want = want;
    if (cap > 4 * want && cap > GC_SHRINK_MIN)
        minor_pass(p, want, false, xregs, live, NULL, 0);
    p->gc_minor++;
}

/* ---- entry points ---- */

#ifdef VM_CHECKS
static void verify_after(Proc *p, term_t *xregs, unsigned live, const term_t *promoted);
#endif

/* A process's first heap, only as big as its spawn arguments, is the
   memory of a fragment (proc.c). At the first collection it joins the
   process's fragments, and a heap of the young size for no survivors
   (min_heap_size, unless 'need' or the roots ask for more: the size the
   first minor collection would give) takes its place. When the fragments
   are not due then, nothing is copied: a short-lived process (a request's
   worker) need never collect, and the collector's own code never runs.
   Otherwise the collection goes on, with the first heap as one more
   fragment. */
static HeapFrag *first_frag(const Proc *p)
{
    return (HeapFrag *)(void *)((char *)p->heap - offsetof(HeapFrag, mem));
}

static bool grow_first(Proc *p, size_t need, unsigned live)
{
    HeapFrag *f = first_frag(p);
    p->heap_first = false;
    f->used = (size_t)(p->htop - p->heap);
    heap_attach(p, f);
    size_t size = young_size(p, 0, need, root_words(p, live, 0));
    p->heap = p->htop = p->hwm = vm_alloc(size * sizeof(term_t));
    p->hend = p->heap + size;
    return p->frag_words <= size;
}

void gc_collect(Proc *p, size_t need, term_t *xregs, unsigned live)
{
    if (p->heap_first && grow_first(p, need, live)) return;
    size_t frag_words, nfrags;
    Range *frags = frag_ranges(p, &nfrags, &frag_words);
    size_t promote = (size_t)(hwm_of(p) - p->heap);
    size_t old_free = p->old_heap ? (size_t)(p->old_hend - p->old_htop) : 0;
    uint32_t every = p->fullsweep_after ? p->fullsweep_after : GC_FULLSWEEP_AFTER;
    bool full = (p->old_heap && promote > old_free) || p->gc_minor >= every || p->old_stray;
    if (!full && promote > old_free) {
        /* the first promotion: an old heap for it, as a minor collection
           (not a full sweep of what was just collected) */
        size_t size = next_size(2 * promote, GC_MIN_WORDS);
        p->old_heap = p->old_htop = vm_alloc(size * sizeof(term_t));
        p->old_hend = p->old_heap + size;
    }
    term_t *old_top = p->old_htop;
    if (full) major(p, need, xregs, live, frags, nfrags, frag_words);
    else minor(p, need, xregs, live, frags, nfrags, frag_words);
    vm_free(frags);
    p->gc_count++;
#ifdef VM_CHECKS
    verify_after(p, xregs, live, full ? NULL : old_top);
#else
    (void)old_top;
#endif
}

static void release_chain(term_t *o)
{
    while (o) {
        term_t *next = (term_t *)(uintptr_t)o[REFC_NEXT];
        bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
        o = next;
    }
}

void gc_free_heap(Proc *p)
{
    release_chain(p->offheap);
    release_chain(p->old_offheap);
    p->offheap = p->old_offheap = NULL;
    heap_frag_free_chain(p->frags);
    p->frags = NULL;
    p->frag_words = 0;
    if (p->heap_first) vm_free(first_frag(p));
    else vm_free(p->heap);
    p->heap_first = false;
    vm_free(p->old_heap);
    p->heap = p->htop = p->hend = p->hwm = NULL;
    p->old_heap = p->old_htop = p->old_hend = NULL;
    p->young_want = 0;
    p->old_stray = false;
}

/* ---- verification (checks build and tests) ---- */

typedef struct AddrSet {
    uintptr_t *a;           /* open addressing; 0 is free */
    size_t cap, count;
} AddrSet;

typedef struct Verify {
    Range *ranges;          /* young heap, fragments, old heap: sorted */
    size_t nranges;
    uintptr_t olo, ohi;     /* the old heap's used part */
    Range *queued;          /* fragments of queued messages: sorted */
    size_t nqueued;
    bool stray_ok;          /* old objects may point into queued messages */
    bool young_only;        /* do not descend into old objects */
    AddrSet seen;           /* objects already checked */
    AddrSet dict;           /* the dictionary's table and cells */
    term_t *stack;          /* terms still to look at */
    size_t sp, stack_cap;
} Verify;

static bool set_add(AddrSet *s, uintptr_t a)
{
    if (2 * (s->count + 1) > s->cap) {
        size_t old_cap = s->cap;
        uintptr_t *old = s->a;
        s->cap = old_cap ? old_cap * 2 : 1024;
        s->a = vm_zalloc(s->cap * sizeof *s->a);
        s->count = 0;
        for (size_t i = 0; i < old_cap; i++) {
            if (old[i]) set_add(s, old[i]);
        }
        vm_free(old);
    }
    size_t mask = s->cap - 1;
    size_t i = (size_t)((a >> 3) * 0x9E3779B97F4A7C15u) & mask;
    while (s->a[i]) {
        if (s->a[i] == a) return false;
        i = (i + 1) & mask;
    }
    s->a[i] = a;
    s->count++;
    return true;
}

static bool set_has(const AddrSet *s, uintptr_t a)
{
    if (s->count == 0) return false;
    size_t mask = s->cap - 1;
    size_t i = (size_t)((a >> 3) * 0x9E3779B97F4A7C15u) & mask;
    while (s->a[i]) {
        if (s->a[i] == a) return true;
        i = (i + 1) & mask;
    }
    return false;
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

static bool in_queued(const Verify *v, const term_t *ptr)
{
    return range_find(v->queued, v->nqueued, (uintptr_t)ptr) >= 0;
}

/* True if 'ptr' is in the heap, a fragment, the old heap, a queued
   message or the literal area. */
static bool known(const Verify *v, const term_t *ptr)
{
    return range_find(v->ranges, v->nranges, (uintptr_t)ptr) >= 0 || lit_contains(ptr) ||
           in_queued(v, ptr);
}

static bool in_old(const Verify *v, const term_t *ptr)
{
    return in_range((uintptr_t)ptr, v->olo, v->ohi);
}

/* True if 't' points into the young heap or a fragment. */
static bool points_young(const Verify *v, term_t t)
{
    if (!term_is_list(t) && !term_is_boxed(t)) return false;
    const term_t *ptr = term_ptr(t);
    return !in_old(v, ptr) && range_find(v->ranges, v->nranges, (uintptr_t)ptr) >= 0;
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

/* The words of the object at 'ptr' (header 'h') that hold terms. */
static void term_words(term_t h, size_t *first, size_t *end)
{
    size_t n = (size_t)HDR_ARITY(h);
    *first = *end = 0;
    switch (HDR_SUBTAG(h)) {
    case HDR_MAP: case HDR_TUPLE: case HDR_HAMT: *first = 1; *end = n + 1; break;
    case HDR_FUN: *first = 2; *end = n + 1; break;
    case HDR_SUB_BIN: case HDR_MATCH_CTX: *first = n; *end = n + 1; break;
    default: break;
    }
}

/* An old object other than the dictionary's must not refer to the young
   heap or a fragment. */
static void verify_old_word(const Verify *v, const term_t *obj, term_t w)
{
    if (points_young(v, w) && !set_has(&v->dict, (uintptr_t)obj))
        vm_panic("gc_verify: old object at %p points into the young heap", (void *)obj);
    if ((term_is_list(w) || term_is_boxed(w)) && !v->stray_ok && in_queued(v, term_ptr(w)))
        vm_panic("gc_verify: old object at %p points into a queued message", (void *)obj);
}

/* Looks at one reachable term: its pointer must be in a heap block, a
   fragment or the literal area; objects on a heap are checked once and
   their terms queued. Literals are not descended into, nor (young_only)
   old objects other than the dictionary's. */
static void verify_term(Verify *v, term_t t)
{
    const term_t *ptr = term_ptr(t);
    ptrdiff_t r = range_find(v->ranges, v->nranges, (uintptr_t)ptr);
    if (r < 0) {
        if (lit_contains(ptr) || in_queued(v, ptr)) return;
        vm_panic("gc_verify: term %#llx points outside the heap", (unsigned long long)t);
    }
    bool old = in_old(v, ptr);
    if (old && v->young_only && !set_has(&v->dict, (uintptr_t)ptr)) return;
    size_t room = (size_t)((v->ranges[r].hi - (uintptr_t)ptr) / sizeof(term_t));
    if (!set_add(&v->seen, (uintptr_t)ptr)) return;
    if (term_is_list(t)) {
        if (room < 2 || term_tag(ptr[0]) == TAG_HEADER)
            vm_panic("gc_verify: bad cons cell at %p", (void *)ptr);
        if (old) {
            verify_old_word(v, ptr, ptr[0]);
            verify_old_word(v, ptr, ptr[1]);
        }
        verify_push(v, ptr[0]);
        verify_push(v, ptr[1]);
        return;
    }
    term_t h = ptr[0];
    verify_header(h, ptr, room - 1);
    size_t n = (size_t)HDR_ARITY(h);
    if (HDR_SUBTAG(h) == HDR_MAP &&
        (n < 1 || !term_is_boxed(ptr[1]) || !known(v, term_ptr(ptr[1])) ||
         !term_is_tuple(ptr[1]) || tuple_arity(ptr[1]) != n - 1))
        vm_panic("gc_verify: flat map at %p has bad keys", (void *)ptr);
    if (HDR_SUBTAG(h) == HDR_SUB_BIN || HDR_SUBTAG(h) == HDR_MATCH_CTX) {
        term_t orig = ptr[n];
        if (!term_is_boxed(orig) || !known(v, term_ptr(orig)) ||
            (!boxed_is(orig, HDR_HEAP_BIN) && !boxed_is(orig, HDR_REFC_BIN)))
            vm_panic("gc_verify: sub binary at %p has a bad orig", (void *)ptr);
    }
    size_t first, end;
    term_words(h, &first, &end);
    for (size_t i = first; i < end; i++) {
        if (old) verify_old_word(v, ptr, ptr[i]);
        verify_push(v, ptr[i]);
    }
}

/* Records the dictionary's table and cells (they may point from the old
   heap into the young one). */
static void verify_dict(Verify *v, term_t d)
{
    if (!term_is_boxed(d)) return;
    const term_t *tab = term_ptr(d);
    if (!known(v, tab)) vm_panic("gc_verify: the dictionary points outside the heap");
    if (!term_is_tuple(d)) return;
    set_add(&v->dict, (uintptr_t)tab);
    size_t n = tuple_arity(d);
    for (size_t i = 1; i <= n; i++) {
        for (term_t c = tab[i]; term_is_list(c); c = term_ptr(c)[1]) {
            if (!known(v, term_ptr(c)) || !set_add(&v->dict, (uintptr_t)term_ptr(c)))
                vm_panic("gc_verify: bad dictionary cell at %p", (void *)term_ptr(c));
        }
    }
}

/* Each entry of a refc chain must be a refc binary of the given ranges,
   and the chain must end. */
static void verify_chain(const Verify *v, const term_t *o, bool old, size_t limit)
{
    for (; o; o = (const term_t *)(uintptr_t)o[REFC_NEXT]) {
        if (range_find(v->ranges, v->nranges, (uintptr_t)o) < 0 || in_old(v, o) != old ||
            o[0] != MAKE_HDR(HDR_REFC_BIN, 4))
            vm_panic("gc_verify: bad entry %p on the off-heap chain", (void *)o);
        if (limit-- == 0) vm_panic("gc_verify: the off-heap chain has a cycle");
    }
}

/* Checks the objects of [lo, hi) on the old heap (parsing it) like
   reachable ones, whether they are reachable or not. */
static void verify_old_area(Verify *v, const term_t *lo, const term_t *hi)
{
    while (lo < hi) {
        term_t w = *lo;
        size_t n = 2, first = 0, end = 2;
        if (term_tag(w) == TAG_HEADER) {
            verify_header(w, lo, (size_t)(hi - lo) - 1);
            n = 1 + (size_t)HDR_ARITY(w);
            term_words(w, &first, &end);
        } else if (hi - lo < 2) {
            vm_panic("gc_verify: bad cons cell at %p", (void *)lo);
        }
        for (size_t i = first; i < end; i++) {
            term_t t = lo[i];
            if ((term_is_list(t) || term_is_boxed(t)) && !known(v, term_ptr(t)))
                vm_panic("gc_verify: term %#llx points outside the heap",
                         (unsigned long long)t);
            verify_old_word(v, lo, t);
        }
        lo += n;
    }
}

/* The checks of gc_verify; 'promoted' (not NULL) says that the last
   collection was minor and promoted what lies from there to old_htop: then
   old objects are not descended into, but the promoted ones are parsed. */
static void verify_run(Proc *p, term_t *xregs, unsigned live, const term_t *promoted)
{
    Verify v = {0};
    size_t frag_words, nfrags;
    Range *fr = frag_ranges(p, &nfrags, &frag_words);
    v.ranges = vm_alloc((nfrags + 2) * sizeof(Range));
    for (size_t i = 0; i < nfrags; i++) v.ranges[i] = fr[i];
    v.nranges = nfrags;
    vm_free(fr);
    if (p->htop < p->heap || p->htop > p->hend) vm_panic("gc_verify: htop outside the heap");
    if (p->E && (p->E > p->stack_hi || (p->stack_lo && p->E < p->stack_lo)))
        vm_panic("gc_verify: E outside the stack");
    v.ranges[v.nranges].lo = (uintptr_t)p->heap;
    v.ranges[v.nranges].hi = (uintptr_t)p->htop;
    v.nranges++;
    size_t old_used = 0;
    if (p->old_heap) {
        if (p->old_htop < p->old_heap || p->old_htop > p->old_hend)
            vm_panic("gc_verify: old_htop outside the old heap");
        old_used = (size_t)(p->old_htop - p->old_heap);
        v.olo = v.ranges[v.nranges].lo = (uintptr_t)p->old_heap;
        v.ohi = v.ranges[v.nranges].hi = (uintptr_t)p->old_htop;
        v.nranges++;
    }
    qsort(v.ranges, v.nranges, sizeof(Range), range_cmp);
    v.young_only = promoted != NULL;
    v.stray_ok = p->old_stray;
    for (Msg *m = p->mq_first; m; m = m->next) v.nqueued += m->frag != NULL;
    v.queued = vm_alloc((v.nqueued + 1) * sizeof(Range));
    v.nqueued = 0;
    for (Msg *m = p->mq_first; m; m = m->next) {
        if (!m->frag) continue;
        v.queued[v.nqueued].lo = (uintptr_t)m->frag->mem;
        v.queued[v.nqueued].hi = (uintptr_t)(m->frag->mem + m->frag->used);
        v.nqueued++;
    }
    qsort(v.queued, v.nqueued, sizeof(Range), range_cmp);

    verify_dict(&v, p->dict);
    each_root(p, xregs, live, verify_root, &v);
    while (v.sp) verify_term(&v, v.stack[--v.sp]);
    if (promoted) verify_old_area(&v, promoted, p->old_htop);

    size_t young = (size_t)(p->htop - p->heap) + frag_words;
    verify_chain(&v, p->offheap, false, young / 5 + 1);
    if (!promoted) verify_chain(&v, p->old_offheap, true, old_used / 5 + 1);
    vm_free(v.ranges);
    vm_free(v.queued);
    vm_free(v.seen.a);
    vm_free(v.dict.a);
    vm_free(v.stack);
}

void gc_verify(Proc *p, term_t *xregs, unsigned live)
{
    verify_run(p, xregs, live, NULL);
}

#ifdef VM_CHECKS
/* After every collection: all of it after a full sweep; after a minor
   one, the young data and what was just promoted (the rest of the old heap
   did not change but for the dictionary, which is checked in full). */
static void verify_after(Proc *p, term_t *xregs, unsigned live, const term_t *promoted)
{
    verify_run(p, xregs, live, promoted);
}
#endif
