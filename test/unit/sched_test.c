/*
** sched_test.c: the parts of sched/ that run without the interpreter: the
** pid table and registry, spawning (heap, stack, copied arguments), the
** mailbox (send order, selective removal, save pointer, markers), stack
** growth and the timer heap (a million timers, cancelled and fired in
** deadline order).
*/
#include <stdio.h>
#include <stdlib.h>

#include "../../sched/sched_internal.h"
#include "../../vm/atom.h"
#include "../../vm/gc.h"

static int failures;

#define CHECK(c)                                                                                   \
    do {                                                                                           \
        if (!(c)) {                                                                                \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);                                    \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

/* A process spawned as lists:seq(1, 3), never run. */
static Proc *spawn_one(Proc *parent)
{
    term_t err = TERM_NIL;
    term_t *hp = vm_alloc(4 * sizeof(term_t));
    term_t args = make_list(hp);
    hp[0] = make_small(1);
    hp[1] = make_list(hp + 2);
    hp[2] = make_small(3);
    hp[3] = TERM_NIL;
    Proc *p = proc_spawn(parent, ATOM_lists, atom_intern("seq", 3), args, &err);
    vm_free(hp);
    return p;
}

static void test_spawn(void)
{
    size_t before = proc_count();
    Proc *p = spawn_one(NULL);
    CHECK(p != NULL);
    CHECK(proc_count() == before + 1);
    CHECK(proc_find(p->pid) == p);
    CHECK(p->status == PROC_RUNNABLE);
    CHECK(p->arity == 3 && p->xsave[0] == ATOM_lists);
    /* the argument list now lives on the new heap */
    term_t a = p->xsave[2];
    CHECK(term_is_list(a) && term_ptr(a) >= p->heap && term_ptr(a) < p->hend);
    CHECK(list_length(a) == 2 && list_head(a) == make_small(1));
    CHECK(term_is_tuple(p->initial_call) && tuple_elems(p->initial_call)[2] == make_small(2));
    /* the first heap holds just the arguments and initial_call; the
       minimum applies from the first collection on */
    CHECK(p->htop <= p->hend && (size_t)(p->hend - p->heap) < PROC_MIN_HEAP);
    CHECK(p->min_heap == PROC_MIN_HEAP);
    CHECK(p->E == p->stack_hi);

    Proc *q = spawn_one(p);
    CHECK(pid_number(q->pid) > pid_number(p->pid));
    term_t err = TERM_NIL;
    CHECK(proc_spawn(p, make_small(1), ATOM_ok, TERM_NIL, &err) == NULL);
    CHECK(err == ATOM_badarg);
    CHECK(proc_spawn_fun(p, ATOM_ok, &err) == NULL);

    /* the stack grows and keeps its contents at the top */
    proc_stack_reserve(p, 3);
    p->E -= 3;
    p->E[0] = make_small(7);
    p->E[2] = make_small(9);
    proc_stack_reserve(p, 1000);
    CHECK(p->E - p->stack_lo >= 1000 && p->stack_hi - p->E == 3);
    CHECK(p->E[0] == make_small(7) && p->E[2] == make_small(9));

    /* registry */
    term_t foo = atom_intern("foo", 3), bar = atom_intern("bar", 3);
    CHECK(proc_register(foo, p));
    CHECK(!proc_register(foo, q));
    CHECK(!proc_register(bar, p));
    CHECK(!proc_register(ATOM_undefined, q));
    CHECK(proc_whereis(foo) == p);
    CHECK(proc_whereis(bar) == NULL);
    CHECK(p->registered_name == foo);
    term_t names = proc_registered(q);
    CHECK(list_length(names) == 1 && list_head(names) == foo);
    CHECK(proc_unregister(foo) && !proc_unregister(foo));
    CHECK(proc_register(foo, q));

    term_t all = proc_all(q);
    CHECK((size_t)list_length(all) == proc_count());
    for (term_t l = all; term_is_list(l) && term_is_list(list_tail(l)); l = list_tail(l))
        CHECK(list_head(l) < list_head(list_tail(l)));

    term_t qpid = q->pid, ppid = p->pid;
    proc_exit(q, ATOM_normal);
    CHECK(proc_find(qpid) == NULL);
    CHECK(proc_whereis(foo) == NULL);
    proc_exit(p, ATOM_normal);
    CHECK(proc_find(ppid) == NULL);
    CHECK(proc_count() == before);
}

/* Many processes: the pid table grows and finds every one of them. */
static void test_many(void)
{
    enum { N = 20000 };
    Proc **v = vm_alloc(N * sizeof *v);
    for (int i = 0; i < N; i++)
        v[i] = spawn_one(NULL);
    bool ok = true;
    for (int i = 0; i < N; i++)
        ok = ok && proc_find(v[i]->pid) == v[i];
    CHECK(ok);
    for (int i = 0; i < N; i += 2)
        proc_exit(v[i], ATOM_normal);
    ok = true;
    for (int i = 1; i < N; i += 2)
        ok = ok && proc_find(v[i]->pid) == v[i];
    CHECK(ok);
    for (int i = 1; i < N; i += 2)
        proc_exit(v[i], ATOM_normal);
    vm_free(v);
}

static term_t msg_int(const Msg *m)
{
    return m ? m->term : TERM_NONE;
}

static void test_mbox(void)
{
    Proc *p = spawn_one(NULL);
    Proc *s = spawn_one(NULL);
    for (int i = 0; i < 5; i++)
        mbox_send(p, make_small(i));
    term_t tup = heap_tuple2(s, ATOM_ok, heap_cons(s, make_small(42), TERM_NIL));
    mbox_send(p, tup);
    CHECK(p->mq_len == 6);

    /* the copy lives in a fragment of its own */
    Msg *m = p->mq_first;
    while (m->next)
        m = m->next;
    CHECK(m->frag != NULL && m->term != tup && term_is_tuple(m->term));

    /* selective receive: skip 0 and 1, take 2 */
    CHECK(msg_int(mbox_peek(p)) == make_small(0));
    mbox_next(p);
    CHECK(msg_int(mbox_peek(p)) == make_small(1));
    mbox_next(p);
    mbox_remove(p);
    CHECK(p->mq_len == 5);
    CHECK(msg_int(mbox_peek(p)) == make_small(0)); /* save pointer reset */

    /* remove the last one (the tuple): mq_last must follow */
    while (mbox_peek(p)->next)
        mbox_next(p);
    term_t got = mbox_peek(p)->term;
    mbox_remove(p);
    CHECK(term_is_tuple(got) && tuple_elems(got)[0] == ATOM_ok);
    CHECK(list_head(tuple_elems(got)[1]) == make_small(42));
    mbox_send(p, make_small(99));
    term_t order[5] = {make_small(0), make_small(1), make_small(3), make_small(4), make_small(99)};
    m = p->mq_first;
    for (int i = 0; i < 5; i++, m = m ? m->next : NULL)
        CHECK(msg_int(m) == order[i]);
    CHECK(m == NULL);

    /* exhausting the queue, then rewinding */
    for (int i = 0; i < 5; i++)
        mbox_next(p);
    CHECK(mbox_peek(p) == NULL);
    mbox_next(p);
    CHECK(mbox_peek(p) == NULL);
    mbox_rewind(p);
    CHECK(msg_int(mbox_peek(p)) == make_small(0));

    /* a marker on the link after message 1 survives removing message 1 */
    mbox_next(p);
    p->mq_marker = &mbox_peek(p)->next;
    mbox_remove(p); /* removes 1 */
    CHECK(msg_int(*p->mq_marker) == make_small(3));

    /* empty the queue from the front; then sending still works */
    while (mbox_peek(p))
        mbox_remove(p);
    CHECK(p->mq_len == 0 && p->mq_first == NULL && p->mq_last == &p->mq_first);
    mbox_send(p, make_small(5));
    CHECK(msg_int(mbox_peek(p)) == make_small(5) && p->mq_len == 1);

    /* a waiting receiver is woken by a message */
    Proc *w = spawn_one(NULL);
    w->status = PROC_WAITING; /* as if it had run and blocked */
    size_t q0 = sched_queued();
    mbox_send(w, ATOM_ok);
    CHECK(w->status == PROC_RUNNABLE && sched_queued() == q0 + 1);

    /* a dead receiver drops messages */
    mbox_send(NULL, ATOM_ok);
    proc_exit(w, ATOM_normal); /* freed later by the scheduler */
    proc_exit(p, ATOM_normal);
    proc_exit(s, ATOM_normal);
}

static uint64_t rnd_state = 88172645463325252ull;
static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

static void test_timers(void)
{
    enum { N = 1000000 };
    /* bare structs: the timer heap needs nothing else. RUNNING makes the
       wake-up of sched_wake a no-op. */
    Proc *v = vm_zalloc(N * sizeof *v);
    for (int i = 0; i < N; i++) {
        v[i].status = PROC_RUNNING;
        v[i].timer_index = ~0u;
        timer_start(&v[i], 1000 + rnd() % 1000000000);
    }
    CHECK(timer_count() == N);
    /* re-arm a tenth, cancel a quarter */
    for (int i = 0; i < N; i += 10)
        timer_start(&v[i], 1000 + rnd() % 1000000000);
    size_t cancelled = 0;
    for (int i = 0; i < N; i += 4) {
        timer_cancel(&v[i]);
        cancelled++;
    }
    CHECK(timer_count() == N - cancelled);
    CHECK(v[0].timer_deadline == 0 && v[0].timer_index == ~0u);

    /* fire in steps; every fired deadline is <= now and no armed one is */
    uint64_t now = 0, prev = 0, next;
    size_t fired = 0, steps = 0;
    bool ordered = true;
    while ((next = timer_expire(now)) != UINT64_MAX) {
        ordered = ordered && next >= prev && next > now;
        prev = next;
        now = next + rnd() % 2000;
        steps++;
    }
    for (int i = 0; i < N; i++)
        fired += v[i].timed_out;
    CHECK(ordered);
    CHECK(steps > 1000);
    CHECK(fired == N - cancelled);
    CHECK(timer_count() == 0);
    CHECK(!v[0].timed_out && v[1].timed_out && v[1].timer_deadline == 0);

    /* a fired timer wakes a waiting process */
    Proc *p = spawn_one(NULL);
    p->status = PROC_WAITING;
    timer_start(p, 5);
    CHECK(timer_expire(4) == 5 && !p->timed_out);
    CHECK(timer_expire(5) == UINT64_MAX && p->timed_out && p->status == PROC_RUNNABLE);
    /* removing a message cancels the timer */
    p->status = PROC_WAITING;
    timer_start(p, 50);
    mbox_send(p, ATOM_ok);
    mbox_remove(p);
    CHECK(timer_count() == 0 && p->timer_deadline == 0 && !p->timed_out);
    proc_exit(p, ATOM_normal);
    vm_free(v);
}

static void test_heap_sizes(void)
{
    CHECK(proc_heap_size(0) == 233);
    CHECK(proc_heap_size(233) == 233);
    CHECK(proc_heap_size(234) == 376);
    CHECK(proc_heap_size(1000) == 1598);
    CHECK(proc_heap_size(46000) == 46422);
    CHECK(proc_heap_size(2000000) == 2072833);
    CHECK(proc_heap_size(20000000) == 22177879);
}

int main(void)
{
    atom_init();
    sched_init();
    test_spawn();
    test_many();
    test_mbox();
    test_timers();
    test_heap_sizes();
    if (failures) {
        printf("sched_test: %d failures\n", failures);
        return 1;
    }
    printf("sched_test: ok\n");
    return 0;
}
