/*
** mbox.c: the message queue of a process and the receive primitives.
**
** A message is copied into a fragment of its own when it is sent; the
** fragment joins the receiver's heap only when receive removes it, so a
** queued message never lives on the heap (frag == NULL only for
** immediates). 'mq_last' is the link where the next message goes, 'mq_save'
** the link to the next message receive looks at, 'mq_marker' a receive
** marker: all three are links into the queue and are kept valid on removal.
*/
#include "../vm/copy.h"
#include "sched_internal.h"

void mbox_send(Proc *to, term_t msg)
{
    if (!to || to->status >= PROC_EXITING)
        return;
    Msg *m = vm_alloc(sizeof *m);
    m->next = NULL;
    size_t n = copy_size(msg);
    if (n == 0) {
        m->term = msg;
        m->frag = NULL;
    } else {
        HeapFrag *f = heap_frag_new(n);
        f->next = NULL;
        f->offheap = NULL;
        term_t *hp = f->mem;
        m->term = copy_term(msg, &hp, &f->offheap);
        f->used = (size_t)(hp - f->mem);
        m->frag = f;
    }
    *to->mq_last = m;
    to->mq_last = &m->next;
    to->mq_len++;
    if (to->status == PROC_WAITING)
        sched_wake(to);
}

void mbox_remove(Proc *p)
{
    Msg **link = p->mq_save;
    Msg *m = *link;
    if (m) {
        *link = m->next;
        if (p->mq_last == &m->next)
            p->mq_last = link;
        if (p->mq_marker == &m->next)
            p->mq_marker = link;
        if (p->rm_pos == &m->next)
            p->rm_pos = link;
        if (m->frag)
            heap_attach(p, m->frag);
        vm_free(m);
        p->mq_len--;
    }
    p->mq_save = &p->mq_first;
    timer_cancel(p);
    p->timed_out = false;
}

void mbox_unlink(Proc *p, Msg **link)
{
    Msg *m = *link;
    *link = m->next;
    if (p->mq_last == &m->next)
        p->mq_last = link;
    if (p->mq_save == &m->next)
        p->mq_save = link;
    if (p->mq_marker == &m->next)
        p->mq_marker = link;
    if (p->rm_pos == &m->next)
        p->rm_pos = link;
    if (m->frag)
        heap_frag_free_chain(m->frag);
    vm_free(m);
    p->mq_len--;
}

void mbox_rewind(Proc *p)
{
    p->mq_save = &p->mq_first;
    p->timed_out = false;
}

void mbox_free_all(Proc *p)
{
    Msg *m = p->mq_first;
    while (m) {
        Msg *next = m->next;
        if (m->frag)
            heap_frag_free_chain(m->frag);
        vm_free(m);
        m = next;
    }
    p->mq_first = NULL;
    p->mq_last = p->mq_save = &p->mq_first;
    p->mq_marker = NULL;
    p->rm_pos = NULL;
    p->rm_ref = 0;
    p->mq_len = 0;
}
