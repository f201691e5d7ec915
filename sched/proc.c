/*
** proc.c: the life of a process: the pid table, spawning (heap, stack and
** the copied arguments), exit, the registry of names, and stack growth.
** The mailbox is mbox.c, timers timer.c, run queues sched.c.
**
** An idle process costs its Proc, a first heap just big enough for its
** spawn arguments, a two-word stack and its saved argument registers:
** about 540 bytes. Everything grows on demand. The first heap is a heap
** fragment's memory: when it fills, it becomes one of the process's
** fragments and the heap takes its minimum size (min_heap_size, 233 words
** by default) without a collection (gc.c).
*/
#include <stdlib.h>

#include "../vm/atom.h"
#include "../vm/copy.h"
#include "../vm/ets.h"
#include "../vm/gc.h"
#include "../vm/interp.h"
#include "link.h"
#include "monitor.h"
#include "sched_internal.h"

#define PROC_STACK_FIRST 2 /* words of a new stack: it grows at the first frame */
#define PROC_FIRST_HEAP 8  /* words: the smallest first heap */
#define PROC_STACK_MIN 32  /* words of slack when the stack grows */
#define PROC_FIRST_PID 0  /* <0.0.0> is the first process */

/* ---- the pid table: chained hash on the pid number ---- */

static Proc **pid_buckets;
static size_t pid_mask; /* buckets - 1 */
static size_t pid_live;
static uint64_t pid_next = PROC_FIRST_PID;
static term_t default_gl = ATOM_undefined;

static size_t pid_slot(uint64_t n)
{
    return (size_t)((n * 0x9E3779B97F4A7C15ull) >> 20) & pid_mask;
}

static void pid_grow(void)
{
    size_t old = pid_buckets ? pid_mask + 1 : 0;
    size_t n = old ? old * 2 : 64;
    Proc **nb = vm_zalloc(n * sizeof *nb);
    Proc **ob = pid_buckets;
    pid_buckets = nb;
    pid_mask = n - 1;
    for (size_t i = 0; i < old; i++) {
        Proc *q = ob[i];
        while (q) {
            Proc *next = q->hash_next;
            size_t s = pid_slot(pid_number(q->pid));
            q->hash_next = nb[s];
            nb[s] = q;
            q = next;
        }
    }
    vm_free(ob);
}

static void pid_insert(Proc *p)
{
    if (!pid_buckets || pid_live >= pid_mask + 1)
        pid_grow();
    size_t s = pid_slot(pid_number(p->pid));
    p->hash_next = pid_buckets[s];
    pid_buckets[s] = p;
    pid_live++;
}

static void pid_remove(Proc *p)
{
    if (!pid_buckets)
        return;
    Proc **link = &pid_buckets[pid_slot(pid_number(p->pid))];
    while (*link && *link != p)
        link = &(*link)->hash_next;
    if (*link) {
        *link = p->hash_next;
        p->hash_next = NULL;
        pid_live--;
    }
}

Proc *proc_find(term_t pid)
{
    if (!term_is_pid(pid) || !pid_buckets)
        return NULL;
    for (Proc *q = pid_buckets[pid_slot(pid_number(pid))]; q; q = q->hash_next)
        if (q->pid == pid)
            return q;
    return NULL;
}

size_t proc_count(void)
{
    return pid_live;
}

static int cmp_pid(const void *a, const void *b)
{
    term_t x = *(const term_t *)a, y = *(const term_t *)b;
    return x < y ? -1 : x > y;
}

term_t proc_all(Proc *p)
{
    /* processes/0 lists pids in ascending order, as BEAM does */
    term_t *v = vm_alloc((pid_live ? pid_live : 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; pid_buckets && i <= pid_mask; i++)
        for (Proc *q = pid_buckets[i]; q; q = q->hash_next)
            v[n++] = q->pid;
    qsort(v, n, sizeof *v, cmp_pid);
    term_t l = heap_list(p, v, n);
    vm_free(v);
    return l;
}

/* ---- the registry: chained hash from atom to process ---- */

typedef struct RegName {
    term_t name;
    Proc *proc;
    struct RegName *next;
} RegName;

static RegName **reg_buckets;
static size_t reg_mask, reg_count;

static size_t reg_slot(term_t name)
{
    return (size_t)((atom_index(name) * 0x9E3779B97F4A7C15ull) >> 24) & reg_mask;
}

static void reg_grow(void)
{
    size_t old = reg_buckets ? reg_mask + 1 : 0;
    size_t n = old ? old * 2 : 32;
    RegName **nb = vm_zalloc(n * sizeof *nb);
    RegName **ob = reg_buckets;
    reg_buckets = nb;
    reg_mask = n - 1;
    for (size_t i = 0; i < old; i++) {
        RegName *r = ob[i];
        while (r) {
            RegName *next = r->next;
            size_t s = reg_slot(r->name);
            r->next = nb[s];
            nb[s] = r;
            r = next;
        }
    }
    vm_free(ob);
}

static RegName **reg_link(term_t name)
{
    RegName **link = &reg_buckets[reg_slot(name)];
    while (*link && (*link)->name != name)
        link = &(*link)->next;
    return link;
}

Proc *proc_whereis(term_t name)
{
    if (!term_is_atom(name) || !reg_buckets)
        return NULL;
    RegName *r = *reg_link(name);
    return r ? r->proc : NULL;
}

bool proc_register(term_t name, Proc *p)
{
    if (!term_is_atom(name) || name == ATOM_undefined || !p)
        return false;
    if (p->status >= PROC_EXITING || p->registered_name != TERM_NIL)
        return false;
    if (!reg_buckets || reg_count >= reg_mask + 1)
        reg_grow();
    RegName **link = reg_link(name);
    if (*link)
        return false;
    RegName *r = vm_alloc(sizeof *r);
    r->name = name;
    r->proc = p;
    r->next = NULL;
    *link = r;
    reg_count++;
    p->registered_name = name;
    return true;
}

bool proc_unregister(term_t name)
{
    if (!term_is_atom(name) || !reg_buckets)
        return false;
    RegName **link = reg_link(name);
    RegName *r = *link;
    if (!r)
        return false;
    *link = r->next;
    r->proc->registered_name = TERM_NIL;
    vm_free(r);
    reg_count--;
    return true;
}

term_t proc_registered(Proc *p)
{
    term_t l = TERM_NIL;
    for (size_t i = 0; reg_buckets && i <= reg_mask; i++)
        for (RegName *r = reg_buckets[i]; r; r = r->next)
            l = heap_cons(p, r->name, l);
    return l;
}

/* ---- sizes ---- */

size_t proc_heap_size(size_t n)
{
    /* BEAM's heap sizes: 12, 38, then a(i) = a(i-1) + a(i-2) + 1 up to
       833026, then +20% a step */
    size_t a = 12, b = 38;
    while (a < n || a < PROC_MIN_HEAP) {
        size_t c = b < 833026 ? a + b + 1 : b + b / 5;
        a = b;
        b = c;
    }
    return a;
}

size_t proc_total_heap(const Proc *p)
{
    size_t n = (size_t)(p->hend - p->heap);
    if (p->old_heap)
        n += (size_t)(p->old_hend - p->old_heap);
    for (const HeapFrag *f = p->frags; f; f = f->next)
        n += f->size;
    return n;
}

size_t proc_memory(const Proc *p)
{
    size_t n = sizeof *p + proc_total_heap(p) * sizeof(term_t);
    if (p->heap_first) n += sizeof(HeapFrag);
    n += (size_t)(p->stack_hi - p->stack_lo) * sizeof(term_t);
    n += p->xsave_cap * sizeof(term_t);
    for (const Msg *m = p->mq_first; m; m = m->next) {
        n += sizeof *m;
        if (m->frag)
            n += sizeof *m->frag + m->frag->size * sizeof(term_t);
    }
    return n;
}

/* ---- spawn ---- */

void proc_set_default_gl(term_t gl)
{
    default_gl = gl;
}

/* A new process whose first heap holds 'first' words and whose saved
   registers hold 'arity'. The first heap is only as big as the spawn
   arguments need: an idle process stays small, and when it fills the heap
   grows to 'min_heap' (OTP's 233 words by default). */
static Proc *proc_new(Proc *parent, const SpawnOpts *o, size_t first, uint32_t arity)
{
    Proc *p = vm_zalloc(sizeof *p);
    p->pid = make_pid(pid_next++);
    p->status = PROC_WAITING;
    p->prio = o ? o->prio : PRIO_NORMAL;
    p->min_heap = proc_heap_size(o ? o->min_heap : PROC_MIN_HEAP);
    p->max_heap = o ? o->max_heap : 0;
    p->max_kill = o ? o->max_kill : true;
    p->max_report = o ? o->max_report : true;
    if (o && o->min_heap > PROC_MIN_HEAP) {
        first = p->min_heap; /* asked for with min_heap_size: given at once */
        p->heap = vm_alloc(first * sizeof(term_t));
    } else {
        /* a fragment's memory, so that the first growth copies nothing */
        if (first < PROC_FIRST_HEAP) first = PROC_FIRST_HEAP;
        p->heap = heap_frag_new(first)->mem;
        p->heap_first = true;
    }
    p->htop = p->heap;
    p->hend = p->heap + first;
    p->stack_lo = vm_alloc(PROC_STACK_FIRST * sizeof(term_t));
    p->stack_hi = p->stack_lo + PROC_STACK_FIRST;
    p->E = p->stack_hi;
    p->xsave_cap = arity;
    p->xsave = vm_alloc(arity * sizeof(term_t));
    p->freason = p->fvalue = TERM_NIL;
    p->ftrace = TERM_NONE;
    p->mq_last = p->mq_save = &p->mq_first;
    p->marker_ref = TERM_NIL;
    p->rm_ref = 0;
    p->timer_index = ~0u;
    p->registered_name = TERM_NIL;
    p->group_leader = parent ? parent->group_leader : default_gl;
    p->dict = TERM_NIL;
    p->initial_call = TERM_NIL;
    p->exit_reason = TERM_NIL;
    return p;
}

/* A copy of 't' on the heap of 'p'. */
static term_t copy_in(Proc *p, term_t t)
{
    size_t n = copy_size(t);
    if (n == 0)
        return t;
    term_t *hp = heap_alloc(p, n);
    return copy_term(t, &hp, &p->offheap);
}

Proc *proc_spawn_opts(Proc *parent, term_t m, term_t f, term_t args, term_t fun, const SpawnOpts *o,
                      term_t *err)
{
    sint_t arity = 0;
    if (fun == TERM_NONE) {
        arity = list_length(args);
        if (!term_is_atom(m) || !term_is_atom(f) || arity < 0) {
            *err = ATOM_badarg;
            return NULL;
        }
    } else if (!term_is_fun(fun)) {
        *err = ATOM_badarg;
        return NULL;
    }
    /* words of the first heap: the arguments and the initial_call tuple */
    size_t first = (fun == TERM_NONE ? copy_size(args) : copy_size(fun)) + 4;
    Proc *p = proc_new(parent, o, first, fun == TERM_NONE ? 3 : 1);
    if (fun == TERM_NONE) {
        p->ip = interp_apply_entry();
        p->xsave[0] = m;
        p->xsave[1] = f;
        p->xsave[2] = copy_in(p, args);
        p->arity = 3;
        p->initial_call = heap_tuple3(p, m, f, make_small(arity));
    } else {
        p->ip = interp_fun_entry();
        p->xsave[0] = copy_in(p, fun);
        p->arity = 1;
        p->initial_call = heap_tuple3(p, ATOM_erlang, ATOM_apply, make_small(2));
    }
    pid_insert(p);
    sched_wake(p);
    return p;
}

Proc *proc_spawn(Proc *parent, term_t m, term_t f, term_t args, term_t *err)
{
    return proc_spawn_opts(parent, m, f, args, TERM_NONE, NULL, err);
}

Proc *proc_spawn_fun(Proc *parent, term_t fun, term_t *err)
{
    return proc_spawn_opts(parent, TERM_NIL, TERM_NIL, TERM_NIL, fun, NULL, err);
}

/* ---- exit ---- */

void proc_exit_signals(Proc *p, term_t reason)
{
    monitor_exit(p, reason);
    link_exit(p, reason);
    ets_owner_exit(p, reason);
}

void proc_free(Proc *p)
{
    VM_ASSERT(p->status == PROC_FREE);
    vm_free(p);
}

void proc_exit(Proc *p, term_t reason)
{
    if (p->status >= PROC_EXITING)
        return;
    /* A process still in a run queue, or the one running, is unlinked from
       everything now and its struct freed by the scheduler later. */
    bool deferred = p->status == PROC_RUNNABLE || p->status == PROC_RUNNING;
    p->status = PROC_EXITING;
    p->exit_reason = reason;
    proc_exit_signals(p, reason);
    timer_cancel(p);
    if (p->registered_name != TERM_NIL)
        proc_unregister(p->registered_name);
    pid_remove(p);
    mbox_free_all(p);
    gc_free_heap(p);
    p->heap = p->htop = p->hend = NULL;
    p->frags = NULL;
    p->offheap = NULL;
    vm_free(p->stack_lo);
    p->stack_lo = p->stack_hi = p->E = NULL;
    vm_free(p->xsave);
    p->xsave = NULL;
    p->xsave_cap = p->arity = 0;
    p->exit_reason = p->dict = p->initial_call = TERM_NIL;
    p->freason = p->fvalue = p->marker_ref = TERM_NIL;
    p->ftrace = TERM_NONE;
    p->status = PROC_FREE;
    if (!deferred)
        proc_free(p);
}

/* ---- the stack ---- */

void proc_stack_reserve(Proc *p, size_t n)
{
    if ((size_t)(p->E - p->stack_lo) >= n)
        return;
    /* Frames hold no pointers into the stack, so moving the used part to
       the top of a bigger block only needs E rebased. */
    size_t used = (size_t)(p->stack_hi - p->E);
    size_t size = (size_t)(p->stack_hi - p->stack_lo);
    size_t want = size * 2;
    if (want < used + n + PROC_STACK_MIN)
        want = used + n + PROC_STACK_MIN;
    term_t *lo = vm_alloc(want * sizeof(term_t));
    term_t *hi = lo + want;
    memcpy(hi - used, p->E, used * sizeof(term_t));
    vm_free(p->stack_lo);
    p->stack_lo = lo;
    p->stack_hi = hi;
    p->E = hi - used;
}
