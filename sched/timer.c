/*
** timer.c: receive timeouts (and, through msgtimer.c, message timers). A binary min-heap of processes ordered by
** 'timer_deadline'; each process knows its slot ('timer_index', ~0 when
** not armed), so arming, cancelling and firing are all O(log n).
*/
#include "msgtimer.h"
#include "sched_internal.h"

#define TIMER_NONE (~0u)

static Proc **heap;
static size_t cap;
size_t timer_heap_len; /* processes in the heap (sched_internal.h) */

static void place(size_t i, Proc *p)
{
    heap[i] = p;
    p->timer_index = (uint32_t)i;
}

static void sift_up(size_t i)
{
    Proc *p = heap[i];
    while (i > 0) {
        size_t up = (i - 1) / 2;
        if (heap[up]->timer_deadline <= p->timer_deadline)
            break;
        place(i, heap[up]);
        i = up;
    }
    place(i, p);
}

static void sift_down(size_t i)
{
    Proc *p = heap[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= timer_heap_len)
            break;
        if (c + 1 < timer_heap_len && heap[c + 1]->timer_deadline < heap[c]->timer_deadline)
            c++;
        if (p->timer_deadline <= heap[c]->timer_deadline)
            break;
        place(i, heap[c]);
        i = c;
    }
    place(i, p);
}

/* Takes the process at slot 'i' out of the heap. */
static void take(size_t i)
{
    Proc *p = heap[i];
    p->timer_index = TIMER_NONE;
    timer_heap_len--;
    if (i == timer_heap_len)
        return;
    Proc *last = heap[timer_heap_len];
    place(i, last);
    if (i > 0 && heap[(i - 1) / 2]->timer_deadline > last->timer_deadline)
        sift_up(i);
    else
        sift_down(i);
}

void timer_start(Proc *p, uint64_t deadline)
{
    if (deadline == 0)
        deadline = 1; /* 0 means "no timer" */
    p->timed_out = false;
    if (p->timer_index != TIMER_NONE)
        take(p->timer_index);
    if (timer_heap_len == cap) {
        cap = cap ? cap * 2 : 64;
        heap = vm_realloc(heap, cap * sizeof *heap);
    }
    p->timer_deadline = deadline;
    place(timer_heap_len++, p);
    sift_up(timer_heap_len - 1);
}

void timer_cancel(Proc *p)
{
    if (p->timer_index == TIMER_NONE)
        return;
    take(p->timer_index);
    p->timer_deadline = 0;
}

uint64_t timer_expire(uint64_t now)
{
    while (timer_heap_len > 0 && heap[0]->timer_deadline <= now) {
        Proc *p = heap[0];
        take(0);
        p->timer_deadline = 0;
        p->timed_out = true;
        sched_wake(p);
    }
    uint64_t next = msgtimer_expire(now);
    uint64_t mine = timer_heap_len > 0 ? heap[0]->timer_deadline : UINT64_MAX;
    return mine < next ? mine : next;
}
