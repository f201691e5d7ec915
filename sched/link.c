/*
** link.c: links and exit signals (link.h). Ending a process may end the
** processes linked to it, and so on: the ones to end are queued and ended
** by one loop at the outermost call, so that the depth of a chain of links
** costs no C stack.
*/
#include "link.h"

#include "../vm/atom.h"
#include "../vm/copy.h"
#include "../vm/heap.h"
#include "sched.h"

static bool has_link(const Proc *p, term_t pid) {
    for (uint32_t i = 0; i < p->nlinks; i++)
        if (p->links[i] == pid) return true;
    return false;
}

static void add_one(Proc *p, term_t pid) {
    if (p->nlinks == p->links_cap) {
        p->links_cap = p->links_cap ? p->links_cap * 2 : 4;
        p->links = vm_realloc(p->links, p->links_cap * sizeof(term_t));
    }
    p->links[p->nlinks++] = pid;
}

static void remove_one(Proc *p, term_t pid) {
    for (uint32_t i = 0; i < p->nlinks; i++) {
        if (p->links[i] == pid) {
            p->links[i] = p->links[--p->nlinks];
            return;
        }
    }
}

void link_add(Proc *a, Proc *b) {
    if (a == b || has_link(a, b->pid)) return;
    add_one(a, b->pid);
    add_one(b, a->pid);
}

void link_remove(Proc *a, term_t b) {
    remove_one(a, a->pid == b ? TERM_NIL : b);
    Proc *q = proc_find(b);
    if (q) remove_one(q, a->pid);
}

/* Processes waiting to be ended, with their reasons. */
typedef struct Doomed { term_t pid, reason; } Doomed;
static Doomed *doomed;
static size_t ndoomed, doomed_cap;
static bool draining;

static void doom(Proc *p, term_t reason) {
    if (ndoomed == doomed_cap) {
        doomed_cap = doomed_cap ? doomed_cap * 2 : 16;
        doomed = vm_realloc(doomed, doomed_cap * sizeof *doomed);
    }
    /* 'reason' is immediate or already on the victim's heap */
    doomed[ndoomed].pid = p->pid;
    doomed[ndoomed].reason = reason;
    ndoomed++;
}

static void drain(void) {
    if (draining) return;
    draining = true;
    while (ndoomed > 0) {
        Doomed d = doomed[--ndoomed];
        Proc *q = proc_find(d.pid);
        if (q && q->status < PROC_EXITING && q != sched_current()) proc_exit(q, d.reason);
    }
    draining = false;
}

void link_signal(term_t from, Proc *to, term_t reason, bool direct) {
    if (!to || to->status >= PROC_EXITING) return;
    bool kill = direct && reason == ATOM_kill;
    if (to->trap_exit && !kill) {
        Proc *src = proc_find(from);
        term_t t[3] = {ATOM_EXIT, from, reason};
        /* the message is built on the sender's heap when it has one */
        Proc *on = src ? src : to;
        mbox_send(to, heap_tuple(on, 3, t));
        return;
    }
    if (reason == ATOM_normal) return;
    /* 'reason' lives on the sender's heap: give the victim its own copy */
    term_t r = kill ? ATOM_killed : reason;
    if (!term_is_immed(r)) {
        HeapFrag *f = heap_frag_new(copy_size(r));
        term_t *hp = f->mem;
        r = copy_term(r, &hp, &f->offheap);
        f->used = (size_t)(hp - f->mem);
        heap_attach(to, f);
    }
    doom(to, r);
    drain();
}

void link_exit(Proc *p, term_t reason) {
    term_t *links = p->links;
    uint32_t n = p->nlinks;
    p->links = NULL;
    p->nlinks = p->links_cap = 0;
    for (uint32_t i = 0; i < n; i++) {
        Proc *q = proc_find(links[i]);
        if (!q) continue;
        remove_one(q, p->pid);
        link_signal(p->pid, q, reason, false);
    }
    vm_free(links);
}

term_t link_list(Proc *p, Proc *on) {
    return heap_list(on, p->links, p->nlinks);
}
