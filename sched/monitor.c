/*
** monitor.c: monitors. Each active monitor is a Monitor, found by its
** reference number in a hash table (demonitor) and chained on the watched
** process (exit). A watcher that dies leaves its monitors in place; the
** DOWN message to a dead watcher is simply dropped.
*/
#include "monitor.h"

#include "../vm/atom.h"
#include "../vm/heap.h"
#include "sched.h"

typedef struct Monitor {
    uint64_t ref;
    term_t watcher;            /* pid */
    term_t item;               /* pid, or {Name, Node}: a literal-free copy */
    HeapFrag *item_frag;       /* storage of 'item' when it is boxed */
    struct Monitor *next, **pprev;   /* on the watched process */
    struct Monitor *hnext;     /* hash chain */
} Monitor;

static Monitor **table;
static size_t nbuckets, count;
static uint64_t ref_next = 1;

static Monitor *unhash(uint64_t ref);

/* Takes an unhashed monitor off its watched process and frees it. */
static void drop(Monitor *m) {
    *m->pprev = m->next;
    if (m->next) m->next->pprev = m->pprev;
    if (m->item_frag) heap_frag_free_chain(m->item_frag);
    vm_free(m);
}

/* ---- aliases: a hash from reference number to owner ---- */

typedef struct Alias {
    uint64_t ref;
    term_t owner;
    int mode;
    struct Alias *next;
} Alias;

static Alias **aliases;
static size_t nalias_buckets, nalias;

static size_t abucket(uint64_t ref) {
    return (size_t)(ref * 0x9E3779B97F4A7C15ull >> 21) & (nalias_buckets - 1);
}

static Alias **alias_link(uint64_t ref) {
    if (!nalias_buckets) return NULL;
    for (Alias **l = &aliases[abucket(ref)]; *l; l = &(*l)->next)
        if ((*l)->ref == ref) return l;
    return NULL;
}

void alias_add(Proc *owner, term_t ref, int mode) {
    if (nalias >= nalias_buckets) {
        size_t n = nalias_buckets ? nalias_buckets * 2 : 64;
        Alias **t = vm_zalloc(n * sizeof *t);
        size_t old = nalias_buckets;
        Alias **ot = aliases;
        aliases = t;
        nalias_buckets = n;
        for (size_t i = 0; i < old; i++) {
            for (Alias *a = ot[i], *next; a; a = next) {
                next = a->next;
                size_t b = abucket(a->ref);
                a->next = aliases[b];
                aliases[b] = a;
            }
        }
        vm_free(ot);
    }
    Alias *a = vm_alloc(sizeof *a);
    a->ref = ref_number(ref);
    a->owner = owner->pid;
    a->mode = mode;
    size_t b = abucket(a->ref);
    a->next = aliases[b];
    aliases[b] = a;
    nalias++;
}

static void alias_drop(Alias **l) {
    Alias *a = *l;
    *l = a->next;
    vm_free(a);
    nalias--;
}

bool alias_remove(Proc *owner, term_t ref) {
    Alias **l = alias_link(ref_number(ref));
    if (!l || (*l)->owner != owner->pid) return false;
    alias_drop(l);
    return true;
}

/* A monitor whose reference is also a demonitor-mode alias ends both. */
static void alias_end_with_monitor(uint64_t ref) {
    Alias **l = alias_link(ref);
    if (l && (*l)->mode != ALIAS_EXPLICIT) alias_drop(l);
}

void alias_send(term_t ref, term_t msg) {
    uint64_t n = ref_number(ref);
    Alias **l = alias_link(n);
    if (!l) return;
    Proc *to = proc_find((*l)->owner);
    if (!to) {
        alias_drop(l);
        return;
    }
    if ((*l)->mode == ALIAS_REPLY_DEMONITOR) {
        alias_drop(l);
        Monitor *m = unhash(n);
        if (m) drop(m);
    }
    mbox_send(to, msg);
}

term_t monitor_ref_new(Proc *p) {
    term_t *hp = heap_alloc(p, REF_WORDS);
    hp[0] = MAKE_HDR(HDR_REF, 1);
    hp[1] = ref_next++;
    return make_boxed(hp);
}

static size_t bucket(uint64_t ref) { return (size_t)(ref * 0x9E3779B97F4A7C15ull >> 20) & (nbuckets - 1); }

/* The first table (1 KiB) comes from the small blocks, not the C heap. */
static void grow(void) {
    size_t n = nbuckets ? nbuckets * 2 : 128;
    Monitor **t = vm_zalloc(n * sizeof *t);
    size_t old = nbuckets;
    Monitor **ot = table;
    table = t;
    nbuckets = n;
    for (size_t i = 0; i < old; i++) {
        for (Monitor *m = ot[i], *next; m; m = next) {
            next = m->hnext;
            size_t b = bucket(m->ref);
            m->hnext = table[b];
            table[b] = m;
        }
    }
    vm_free(ot);
}

static Monitor *unhash(uint64_t ref) {
    if (!nbuckets) return NULL;
    for (Monitor **link = &table[bucket(ref)]; *link; link = &(*link)->hnext) {
        if ((*link)->ref == ref) {
            Monitor *m = *link;
            *link = m->hnext;
            count--;
            return m;
        }
    }
    return NULL;
}

static void down(Proc *from, Monitor *m, term_t reason) {
    alias_end_with_monitor(m->ref);
    Proc *w = proc_find(m->watcher);
    if (w) {
        term_t *hp = heap_alloc(from, REF_WORDS);
        hp[0] = MAKE_HDR(HDR_REF, 1);
        hp[1] = m->ref;
        term_t t[5] = {ATOM_DOWN, make_boxed(hp), ATOM_process, m->item, reason};
        mbox_send(w, heap_tuple(from, 5, t));
    }
    if (m->item_frag) heap_frag_free_chain(m->item_frag);
    vm_free(m);
}

term_t monitor_process(Proc *watcher, term_t target, term_t item) {
    return monitor_process_alias(watcher, target, item, -1);
}

term_t monitor_process_alias(Proc *watcher, term_t target, term_t item, int alias_mode) {
    term_t ref = monitor_ref_new(watcher);
    if (alias_mode >= 0) alias_add(watcher, ref, alias_mode);
    Proc *t = term_is_pid(target) ? proc_find(target) : proc_whereis(target);
    Monitor *m = vm_zalloc(sizeof *m);
    m->ref = ref_number(ref);
    m->watcher = watcher->pid;
    m->item = item;
    if (!term_is_immed(item)) {
        /* {Name, Node}: two atoms in a tuple of its own */
        m->item_frag = heap_frag_new(3);
        m->item_frag->mem[0] = MAKE_HDR(HDR_TUPLE, 2);
        m->item_frag->mem[1] = tuple_elems(item)[0];
        m->item_frag->mem[2] = tuple_elems(item)[1];
        m->item_frag->used = 3;
        m->item = make_boxed(m->item_frag->mem);
    }
    if (!t || t->status >= PROC_EXITING) {
        down(watcher, m, atom_intern("noproc", 6));
        return ref;
    }
    if (count >= nbuckets) grow();
    size_t b = bucket(m->ref);
    m->hnext = table[b];
    table[b] = m;
    count++;
    m->next = t->watchers;
    if (m->next) m->next->pprev = &m->next;
    m->pprev = &t->watchers;
    t->watchers = m;
    return ref;
}

bool monitor_demonitor(Proc *watcher, term_t ref, bool flush) {
    alias_end_with_monitor(ref_number(ref));
    Monitor *m = unhash(ref_number(ref));
    bool active = m != NULL;
    if (m) drop(m);
    if (flush) {
        uint64_t n = ref_number(ref);
        for (Msg **link = &watcher->mq_first; *link;) {
            term_t t = (*link)->term;
            if (term_is_tuple(t) && tuple_arity(t) == 5 && tuple_elems(t)[0] == ATOM_DOWN &&
                term_is_ref(tuple_elems(t)[1]) && ref_number(tuple_elems(t)[1]) == n) {
                mbox_unlink(watcher, link);
                break;
            }
            link = &(*link)->next;
        }
    }
    return active;
}

void monitor_exit(Proc *p, term_t reason) {
    Monitor *m = p->watchers;
    p->watchers = NULL;
    while (m) {
        Monitor *next = m->next;
        unhash(m->ref);
        down(p, m, reason);
        m = next;
    }
}

term_t monitor_watchers(Proc *t, Proc *on) {
    term_t l = TERM_NIL;
    for (Monitor *m = t->watchers; m; m = m->next) l = heap_cons(on, m->watcher, l);
    return l;
}

term_t monitor_held(Proc *t, Proc *on) {
    term_t l = TERM_NIL;
    for (size_t i = 0; i < nbuckets; i++) {
        for (Monitor *m = table[i]; m; m = m->hnext) {
            if (m->watcher != t->pid) continue;
            term_t item = m->item;
            if (!term_is_immed(item))   /* {Name, Node}: two atoms, copied */
                item = heap_tuple2(on, tuple_elems(item)[0], tuple_elems(item)[1]);
            l = heap_cons(on, heap_tuple2(on, ATOM_process, item), l);
        }
    }
    return l;
}
