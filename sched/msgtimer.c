/*
** msgtimer.c: message timers (msgtimer.h). A binary min-heap ordered by
** deadline, plus a hash from reference number to timer for cancel and
** read: every operation is O(log n) or O(1).
*/
#include "msgtimer.h"

#include "../vm/atom.h"
#include "../vm/copy.h"
#include "../vm/heap.h"
#include "../vm/plat.h"
#include "monitor.h"
#include "sched.h"

typedef struct MsgTimer {
    uint64_t deadline, ref;
    term_t dest;              /* pid or atom */
    term_t msg;               /* in 'frag' (or immediate) */
    HeapFrag *frag;
    size_t index;             /* position in the heap */
    struct MsgTimer *hnext;
} MsgTimer;

static MsgTimer **heap;
static size_t cap;
size_t msgtimer_len; /* timers armed (msgtimer.h) */
static MsgTimer **table;
static size_t nbuckets, nhashed;


static size_t bucket(uint64_t ref) { return (size_t)(ref * 0x9E3779B97F4A7C15ull >> 17) & (nbuckets - 1); }

static void hash_grow(void) {
    size_t n = nbuckets ? nbuckets * 2 : 64;
    MsgTimer **t = vm_zalloc(n * sizeof *t);
    for (size_t i = 0; i < nbuckets; i++) {
        for (MsgTimer *m = table[i], *next; m; m = next) {
            next = m->hnext;
            size_t b = (size_t)(m->ref * 0x9E3779B97F4A7C15ull >> 17) & (n - 1);
            m->hnext = t[b];
            t[b] = m;
        }
    }
    vm_free(table);
    table = t;
    nbuckets = n;
}

static void unhash(MsgTimer *m) {
    for (MsgTimer **l = &table[bucket(m->ref)]; *l; l = &(*l)->hnext) {
        if (*l == m) {
            *l = m->hnext;
            nhashed--;
            return;
        }
    }
}

static MsgTimer *lookup(uint64_t ref) {
    if (!nbuckets) return NULL;
    for (MsgTimer *m = table[bucket(ref)]; m; m = m->hnext)
        if (m->ref == ref) return m;
    return NULL;
}

static void set(size_t i, MsgTimer *m) {
    heap[i] = m;
    m->index = i;
}

static void up(size_t i) {
    MsgTimer *m = heap[i];
    while (i > 0 && heap[(i - 1) / 2]->deadline > m->deadline) {
        set(i, heap[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
    set(i, m);
}

static void down(size_t i) {
    MsgTimer *m = heap[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= msgtimer_len) break;
        if (c + 1 < msgtimer_len && heap[c + 1]->deadline < heap[c]->deadline) c++;
        if (heap[c]->deadline >= m->deadline) break;
        set(i, heap[c]);
        i = c;
    }
    set(i, m);
}

static void take(MsgTimer *m) {
    size_t i = m->index;
    msgtimer_len--;
    if (i != msgtimer_len) {
        set(i, heap[msgtimer_len]);
        up(i);
        down(heap[i]->index);
    }
    unhash(m);
}

static void release(MsgTimer *m) {
    if (m->frag) heap_frag_free_chain(m->frag);
    vm_free(m);
}

term_t msgtimer_start(Proc *p, uint64_t deadline, term_t dest, term_t msg, bool wrap) {
    term_t ref = monitor_ref_new(p);
    if (wrap) msg = heap_tuple3(p, ATOM_timeout, ref, msg);
    MsgTimer *m = vm_zalloc(sizeof *m);
    m->deadline = deadline;
    m->ref = ref_number(ref);
    m->dest = dest;
    size_t n = copy_size(msg);
    if (n) {
        m->frag = heap_frag_new(n);
        term_t *hp = m->frag->mem;
        m->msg = copy_term(msg, &hp, &m->frag->offheap);
        m->frag->used = (size_t)(hp - m->frag->mem);
    } else {
        m->msg = msg;
    }
    if (msgtimer_len == cap) {
        cap = cap ? cap * 2 : 64;
        heap = vm_realloc(heap, cap * sizeof *heap);
    }
    set(msgtimer_len++, m);
    up(msgtimer_len - 1);
    if (nhashed >= nbuckets) hash_grow();
    size_t b = bucket(m->ref);
    m->hnext = table[b];
    table[b] = m;
    nhashed++;
    return ref;
}

int64_t msgtimer_cancel(term_t ref, bool read) {
    MsgTimer *m = lookup(ref_number(ref));
    if (!m) return -1;
    uint64_t now = plat_clock_monotonic();
    int64_t left = m->deadline > now ? (int64_t)(m->deadline - now) : 0;
    if (!read) {
        take(m);
        release(m);
    }
    return left;
}

uint64_t msgtimer_expire(uint64_t now) {
    while (msgtimer_len > 0 && heap[0]->deadline <= now) {
        MsgTimer *m = heap[0];
        take(m);
        Proc *to = term_is_pid(m->dest) ? proc_find(m->dest) : proc_whereis(m->dest);
        if (to) mbox_send(to, m->msg);
        release(m);
    }
    return msgtimer_len > 0 ? heap[0]->deadline : UINT64_MAX;
}
