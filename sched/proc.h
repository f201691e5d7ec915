/*
** proc.h: the process: its heap, stack, mailbox and exception state.
**
** The stack is a separate block that grows down from 'stack_hi'. A frame
** made by allocate N is [cp, y0 .. yN-1] with 'E' pointing at cp; y(i) is
** E[1 + i]. 'cp' is a raw code address (8-aligned, so it reads as a header
** word and the collector skips it). y slots always hold terms: allocate
** fills them with [] so the collector can scan a frame at any time.
**
** While a process is not running, its live x registers are saved in
** 'xsave' ('arity' of them).
*/
#ifndef SPORE_PROC_H
#define SPORE_PROC_H

#include "../vm/code.h"
#include "../vm/heap.h"

typedef struct Msg {
    struct Msg *next;
    term_t term;
    HeapFrag *frag;   /* the message's own storage, or NULL if on the heap */
} Msg;

enum { EXC_ERROR = 1, EXC_EXIT = 2, EXC_THROW = 3, EXC_KILL = 4 }; /* p->fclass; KILL: untrappable */
enum { PROC_RUNNABLE, PROC_RUNNING, PROC_WAITING, PROC_EXITING, PROC_FREE };
enum { PRIO_MAX, PRIO_HIGH, PRIO_NORMAL, PRIO_LOW, PRIO_COUNT };

typedef struct Proc {
    term_t pid;
    uint32_t status, prio;

    /* heap (heap.h, gc.c). The young generation is [heap, hend), filled
       up to htop; what lies below hwm survived the last collection and
       moves to the old generation at the next one. The old generation is
       [old_heap, old_hend), filled up to old_htop; only a full sweep
       collects it. old_heap is NULL until something is promoted. */
    term_t *heap, *htop, *hend;
    term_t *hwm;
    HeapFrag *frags;
    size_t frag_words;        /* words in 'frags' (the collector's trigger) */
    size_t min_heap;          /* words */
    size_t max_heap;          /* words (max_heap_size), 0: no limit */
    term_t *offheap;          /* refc binaries of the young heap and fragments (bin.h) */
    term_t *old_heap, *old_htop, *old_hend;
    term_t *old_offheap;      /* refc binaries of the old heap */
    size_t young_want;        /* words: the young size the next minor collection takes */
    uint64_t gc_count;        /* collections, minor and full */
    uint32_t gc_minor;        /* minor collections since the last full sweep */
    uint32_t fullsweep_after; /* minor collections between full sweeps; 0: the default */

    /* stack */
    term_t *stack_lo, *stack_hi, *E;

    /* registers while not running */
    const Instr *ip, *cp;
    term_t *xsave;
    uint32_t arity, xsave_cap;
    uint64_t total_reds;

    /* exceptions: class, reason, and the raw stack trace being built */
    uint32_t fclass;
    int32_t reds;
    term_t freason, fvalue, ftrace;

    /* mailbox: 'save' points at the link to the next message to look at */
    Msg *mq_first, **mq_last, **mq_save;
    Msg **mq_marker;          /* a cursor of prim_eval's receive */
    Msg **rm_pos;             /* receive marker: where messages after it start */
    uint64_t rm_ref;          /* number of the reference bound to it, or 0 */
    term_t marker_ref;
    uint64_t timer_deadline;  /* receive ... after; 0 when none */
    uint32_t timer_index;     /* position in the timer heap, or ~0 */
    uint32_t mq_len;
    bool timed_out;
    bool trap_exit;
    bool old_stray;           /* the old heap may point into a queued message (gc.c) */
    bool max_kill;            /* passing max_heap kills the process */
    bool max_report;          /* ... and reports it (max_heap_size's error_logger) */
    bool mq_off_heap;         /* message_queue_data: off_heap was asked for */
    bool gc_asked;            /* garbage_collect/0: collect when the BIF returns */
    bool heap_first;          /* 'heap' is the memory of a detached fragment (gc.c) */

    /* identity */
    term_t registered_name;
    term_t group_leader;
    term_t dict;              /* process dictionary: a list of {K, V} */
    term_t initial_call;      /* {M, F, A} */
    term_t exit_reason;

    struct Monitor *watchers; /* monitors on this process (monitor.c) */
    term_t *links;            /* pids of linked processes (link.c) */
    uint32_t nlinks, links_cap;

    struct Proc *next_run;    /* run queue link */
    struct Proc *hash_next;   /* pid table chain */
} Proc;

/* A new process that will run M:F(Args) (Args a proper list), with group
   leader 'gl'. Returns NULL and sets '*err' (badarg, system_limit). The
   arguments are copied into the new heap. */
Proc *proc_spawn(Proc *parent, term_t m, term_t f, term_t args, term_t *err);

/* A new process that will call the fun 'fun' with no arguments. */
Proc *proc_spawn_fun(Proc *parent, term_t fun, term_t *err);

/* The live process with pid 't', or NULL. */
Proc *proc_find(term_t pid);

/* Ends 'p' with 'reason': frees its memory and forgets its name. Links
   and monitors are the next issue. */
void proc_exit(Proc *p, term_t reason);

/* Registered names. */
bool proc_register(term_t name, Proc *p);
bool proc_unregister(term_t name);
Proc *proc_whereis(term_t name);
term_t proc_registered(Proc *p);   /* list of names (allocates on p) */

/* Ensures the stack has room for 'n' more words below E. */
void proc_stack_reserve(Proc *p, size_t n);

/* The number of live processes; all processes' pids as a list on 'p'. */
size_t proc_count(void);
term_t proc_all(Proc *p);

#endif
