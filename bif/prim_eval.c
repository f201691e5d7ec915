/*
** prim_eval.c: the mailbox primitives under stdlib/prim_eval.erl, whose
** 'receive'/2 scans the queue with a fun. They keep a cursor in the
** process's receive marker (mq_marker, a link into the queue that removals
** keep valid): scan_begin/0 puts it at the head, scan_peek/0 returns a copy
** of the message there ({Msg} or none), scan_skip/0 steps over it,
** scan_take/0 drops it (the scan is over), scan_seek/0 moves the save
** pointer of the next receive to the cursor (so that it sees only messages
** not yet scanned), scan_put_back/1 queues a message at the cursor and
** steps over it, scan_end/0 releases the cursor.
*/
#include "../sched/sched.h"
#include "../vm/copy.h"
#include "bif.h"

static term_t copy_in(Proc *p, term_t t)
{
    size_t n = copy_size(t);
    if (n == 0)
        return t;
    term_t *hp = heap_alloc(p, n);
    return copy_term(t, &hp, &p->offheap);
}

BIF(bif_prim_eval_scan_begin_0)
{
    p->mq_marker = &p->mq_first;
    p->marker_ref = TERM_NIL;
    return ATOM_ok;
}

BIF(bif_prim_eval_scan_peek_0)
{
    if (!p->mq_marker)
        BIF_BADARG(p);
    Msg *m = *p->mq_marker;
    if (!m)
        return ATOM_none;
    term_t v = copy_in(p, m->term);
    term_t *hp = heap_alloc(p, 2);
    hp[0] = MAKE_HDR(HDR_TUPLE, 1);
    hp[1] = v;
    return make_boxed(hp);
}

BIF(bif_prim_eval_scan_skip_0)
{
    if (!p->mq_marker || !*p->mq_marker)
        BIF_BADARG(p);
    p->mq_marker = &(*p->mq_marker)->next;
    return ATOM_ok;
}

BIF(bif_prim_eval_scan_take_0)
{
    if (!p->mq_marker || !*p->mq_marker)
        BIF_BADARG(p);
    mbox_unlink(p, p->mq_marker);
    p->mq_marker = NULL;
    mbox_rewind(p);
    return ATOM_ok;
}

BIF(bif_prim_eval_scan_seek_0)
{
    if (!p->mq_marker)
        BIF_BADARG(p);
    p->mq_save = p->mq_marker;
    return ATOM_ok;
}

BIF(bif_prim_eval_scan_put_back_1)
{
    Msg **at = p->mq_marker;
    if (!at)
        BIF_BADARG(p);
    Msg *m = vm_alloc(sizeof *m);
    size_t n = copy_size(args[0]);
    if (n == 0) {
        m->term = args[0];
        m->frag = NULL;
    } else {
        HeapFrag *f = heap_frag_new(n);
        f->next = NULL;
        f->offheap = NULL;
        term_t *hp = f->mem;
        m->term = copy_term(args[0], &hp, &f->offheap);
        f->used = (size_t)(hp - f->mem);
        m->frag = f;
    }
    m->next = *at;
    *at = m;
    if (p->mq_last == at)
        p->mq_last = &m->next;
    p->mq_marker = &m->next;
    p->mq_len++;
    return ATOM_ok;
}

BIF(bif_prim_eval_scan_end_0)
{
    p->mq_marker = NULL;
    return ATOM_ok;
}

#define P(name, arity, fn) {"prim_eval", name, arity, fn, 0}

const BifDef bif_prim_eval_table[] = {
    P("scan_begin", 0, bif_prim_eval_scan_begin_0),
    P("scan_peek", 0, bif_prim_eval_scan_peek_0),
    P("scan_skip", 0, bif_prim_eval_scan_skip_0),
    P("scan_take", 0, bif_prim_eval_scan_take_0),
    P("scan_seek", 0, bif_prim_eval_scan_seek_0),
    P("scan_put_back", 1, bif_prim_eval_scan_put_back_1),
    P("scan_end", 0, bif_prim_eval_scan_end_0),
    {NULL, NULL, 0, NULL, 0},
};
