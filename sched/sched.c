/*
** sched.c: the scheduler of one domain: run queues, time slices, and the
** idle wait.
**
** There is one FIFO run queue per priority. As in BEAM, a runnable max
** process always goes first, then high; normal and low share the rest,
** with a low process taking a turn after every 8 normal slices (or
** whenever no normal process is runnable).
**
** 'status' tells where a process is: RUNNABLE means "in a run queue" (so
** waking it again is a no-op), RUNNING is the one inside interp_run,
** WAITING sits in receive (perhaps on the timer heap), EXITING is being
** torn down, and FREE is an exited process whose struct stays in a run
** queue until the scheduler reaches it (the queues are singly linked, so
** an exit never searches them).
**
** Each turn of the loop fires the due timers, picks a process, runs it for
** INTERP_REDS reductions and acts on why it stopped. When no process is
** runnable the loop blocks in plat_yield until the next timer (or forever:
** processes waiting for messages that can never come hang, as on BEAM). It
** returns when every process has exited or halt/1 asked it to. A process
** that crashes only ends itself.
*/
#include "../vm/atom.h"
#include "../vm/gc.h"
#include "../vm/interp.h"
#include "../vm/plat.h"
#include "sched_internal.h"

#define SCHED_LOW_EVERY 8 /* normal slices per low slice */

typedef struct RunQueue {
    Proc *head, *tail;
} RunQueue;

static RunQueue queues[PRIO_COUNT];
static size_t queued;
static unsigned normal_streak; /* normal slices since the last low one */
static Proc *current;
static bool halting;
static int halt_status;
static bool first_run; /* the boot marker is set: once per VM, not per sched_init */
static bool warm_stop; /* sched_warm_stop */
static Proc *resumed;  /* sched_freeze's pick: a restored VM's first slice */

void sched_init(void)
{
    for (int i = 0; i < PRIO_COUNT; i++)
        queues[i].head = queues[i].tail = NULL;
    queued = 0;
    normal_streak = 0;
    current = NULL;
    halting = false;
    halt_status = 0;
}

size_t sched_queued(void)
{
    return queued;
}

Proc *sched_current(void)
{
    return current;
}

void sched_halt(int status)
{
    halting = true;
    halt_status = status;
}

static void enqueue(Proc *p)
{
    RunQueue *q = &queues[p->prio < PRIO_COUNT ? p->prio : PRIO_NORMAL];
    p->status = PROC_RUNNABLE;
    p->next_run = NULL;
    if (q->tail)
        q->tail->next_run = p;
    else
        q->head = p;
    q->tail = p;
    queued++;
}

static Proc *dequeue(RunQueue *q)
{
    Proc *p = q->head;
    q->head = p->next_run;
    if (!q->head)
        q->tail = NULL;
    p->next_run = NULL;
    queued--;
    return p;
}

void sched_wake(Proc *p)
{
    if (p->status == PROC_WAITING)
        enqueue(p);
}

/* The next process to run, or NULL. Exited processes left in the queues
   are freed on the way. */
static Proc *pick(void)
{
    for (;;) {
        RunQueue *q;
        if (queues[PRIO_MAX].head) {
            q = &queues[PRIO_MAX];
        } else if (queues[PRIO_HIGH].head) {
            q = &queues[PRIO_HIGH];
        } else if (queues[PRIO_LOW].head &&
                   (!queues[PRIO_NORMAL].head || normal_streak >= SCHED_LOW_EVERY)) {
            q = &queues[PRIO_LOW];
            normal_streak = 0;
        } else if (queues[PRIO_NORMAL].head) {
            q = &queues[PRIO_NORMAL];
            normal_streak++;
        } else {
            return NULL;
        }
        Proc *p = dequeue(q);
        if (p->status == PROC_FREE) {
            proc_free(p);
            continue;
        }
        return p;
    }
}

/* Collects 'p' between slices when its fragments (mostly received
   messages) outweigh half its heap: a process that only receives and
   forwards never reaches a test_heap, so without this its fragments would
   pile up forever. The threshold keeps the copying linear overall. */
static void collect_fragments(Proc *p)
{
    if (p->frag_words >= (size_t)(p->hend - p->heap) / 2)
        gc_collect(p, 0, p->xsave, p->arity);
}

/* Acts on the reason 'r' why 'p' stopped running. */
static void after_slice(Proc *p, int r)
{
    if (p->status == PROC_FREE) { /* ended by a BIF during its own slice */
        proc_free(p);
        return;
    }
    switch (r) {
    case RUN_YIELD:
        if (p->frags)
            collect_fragments(p);
        enqueue(p);
        break;
    case RUN_WAIT:
        if (p->frags)
            collect_fragments(p);
        /* a message sent to itself, or a timer that already fired */
        if (*p->mq_save || p->timed_out)
            enqueue(p);
        else
            p->status = PROC_WAITING;
        break;
    default:
        /* The first process is init: when it ends, the node ends, as in
           OTP ("Kernel pid terminated"). */
        if (p->pid == make_pid(0)) {
            static const char msg[] = "spore: init terminated\n";
            if (p->exit_reason != ATOM_normal) plat_console_write(msg, sizeof msg - 1);
            sched_halt(p->exit_reason == ATOM_normal ? 0 : 1);
        }
        /* neither queued nor running: proc_exit frees it at once */
        p->status = PROC_WAITING;
        proc_exit(p, p->exit_reason);
        break;
    }
}

void sched_warm_stop(void) { warm_stop = true; }

/* When no timer is armed, a restored VM's first turn only picks a process
   from queues that are the snapshot's: the pick is made here, once, so
   that a restored VM runs its first Erlang instruction straight after the
   restore, with no scheduler work on the way (under emulation, code to
   translate before it runs). */
void sched_freeze(void)
{
    first_run = false;
    resumed = timer_count() == 0 ? pick() : NULL;
}

int sched_run(void)
{
    Proc *p = resumed; /* what the first turn would pick: see sched_freeze */
    resumed = NULL;
    while (!halting) {
        if (!p) {
            if (warm_stop) {
                warm_stop = false; /* a restored VM goes on from here */
                return VM_WARM;
            }
            uint64_t next = UINT64_MAX;
            if (timer_count() > 0)
                next = timer_expire(plat_clock_monotonic());
            p = pick();
            if (!p) {
                if (proc_count() == 0)
                    return 0;
                plat_yield(next);
                continue;
            }
        }
        if (!first_run) {
            first_run = true;
            plat_mark(PLAT_MARK_FIRST);
        }
        current = p;
        p->status = PROC_RUNNING;
        p->reds = INTERP_REDS;
        int r = interp_run(p);
        current = NULL;
        after_slice(p, r);
        p = NULL;
    }
    return halt_status;
}
