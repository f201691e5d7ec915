/*
** erlang_proc.c: the process BIFs of module erlang: spawning, sending,
** names, flags, links, monitors, process_info and exit/2.
*/
#include "../sched/link.h"
#include "../vm/except.h"
#include "../vm/map.h"
#include "../sched/monitor.h"
#include "../sched/sched_internal.h"
#include "../vm/copy.h"
#include "bif.h"
#include "erlang.h"


static bool is_local_node(term_t n)
{
    return n == ATOM_nonode_nohost;
}

static term_t bool_atom(bool b)
{
    return b ? ATOM_true : ATOM_false;
}

static const term_t prio_atoms[PRIO_COUNT] = {
    [PRIO_MAX] = ATOM_max,
    [PRIO_HIGH] = ATOM_high,
    [PRIO_NORMAL] = ATOM_normal,
    [PRIO_LOW] = ATOM_low,
};

static int prio_of(term_t a)
{
    for (int i = 0; i < PRIO_COUNT; i++)
        if (prio_atoms[i] == a)
            return i;
    return -1;
}

/* A non-negative small integer, or -1. */
static sint_t non_neg(term_t t)
{
    return term_is_small(t) && small_val(t) >= 0 ? small_val(t) : -1;
}

/* A copy of 't' on the heap of 'p' (terms of another process). */
static term_t copy_in(Proc *p, term_t t)
{
    size_t n = copy_size(t);
    if (n == 0)
        return t;
    term_t *hp = heap_alloc(p, n);
    return copy_term(t, &hp, &p->offheap);
}

/* ---- spawn ---- */

typedef struct SpawnReq {
    SpawnOpts opts;
    bool monitor, link;
} SpawnReq;

/* max_heap_size: Size or #{size => Size, kill => Bool, error_logger => Bool}. */
static bool max_heap_of(term_t v, size_t *size, bool *kill, bool *report)
{
    *kill = *report = true;
    if (non_neg(v) >= 0) {
        *size = (size_t)non_neg(v);
        return true;
    }
    if (!term_is_map(v))
        return false;
    term_t s = map_get(v, ATOM_size), k = map_get(v, ATOM_kill);
    term_t e = map_get(v, atom_intern("error_logger", 12));
    if (e != TERM_NONE) {
        if (!term_is_boolean(e))
            return false;
        *report = e == ATOM_true;
    }
    if (s == TERM_NONE || non_neg(s) < 0)
        return false;
    *size = (size_t)non_neg(s);
    if (k != TERM_NONE) {
        if (!term_is_boolean(k))
            return false;
        *kill = k == ATOM_true;
    }
    return true;
}

/* The max_heap_size setting of 'p' as process_flag returns it. */
static term_t max_heap_map(Proc *p)
{
    term_t kv[6] = {atom_intern("error_logger", 12), p->max_report ? ATOM_true : ATOM_false, ATOM_kill,
                    p->max_kill ? ATOM_true : ATOM_false, ATOM_size,
                    make_small((sint_t)p->max_heap)};
    return map_put_many(p, map_new(p), kv, 3, false);
}

/* Reads a spawn_opt option list; false if it is malformed. */
static bool parse_opts(term_t l, SpawnReq *r)
{
    r->opts.prio = PRIO_NORMAL;
    r->opts.min_heap = PROC_MIN_HEAP;
    r->opts.max_heap = 0;
    r->opts.max_kill = true;
    r->opts.max_report = true;
    r->monitor = false;
    for (; term_is_list(l); l = list_tail(l)) {
        term_t o = list_head(l);
        if (o == ATOM_link) {
            r->link = true;
            continue;
        }
        if (o == ATOM_monitor) {
            r->monitor = true;
            continue;
        }
        if (!term_is_tuple(o) || tuple_arity(o) != 2)
            return false;
        term_t k = tuple_elems(o)[0], v = tuple_elems(o)[1];
        if (k == ATOM_priority) {
            int pr = prio_of(v);
            if (pr < 0)
                return false;
            r->opts.prio = (uint32_t)pr;
        } else if (k == ATOM_min_heap_size) {
            if (non_neg(v) < 0)
                return false;
            r->opts.min_heap = (size_t)non_neg(v);
        } else if (k == ATOM_fullsweep_after || k == ATOM_min_bin_vheap_size) {
            if (non_neg(v) < 0)
                return false;
        } else if (k == ATOM_max_heap_size) {
            if (!max_heap_of(v, &r->opts.max_heap, &r->opts.max_kill, &r->opts.max_report))
                return false;
        } else if (k == ATOM_message_queue_data) {
            if (v != ATOM_off_heap && v != ATOM_on_heap)
                return false;
        } else if (k == ATOM_monitor) {
            if (!term_is_list(v) && v != TERM_NIL)
                return false;
            r->monitor = true;
        } else if (k == ATOM_async_dist) {
            if (!term_is_boolean(v))
                return false;
        } else {
            return false;
        }
    }
    return l == TERM_NIL;
}

/* Spawns M:F(A) (fun == TERM_NONE) or the fun; 'opts' is an option list or
   TERM_NONE. Returns the pid, {Pid, Ref} with monitor, or a badarg. */
static term_t spawn_with(Proc *p, term_t m, term_t f, term_t a, term_t fun, term_t opts)
{
    SpawnReq r = {{PRIO_NORMAL, PROC_MIN_HEAP, 0, true, true}, false, false};
    if (opts != TERM_NONE && !parse_opts(opts, &r))
        BIF_BADARG(p);
    if (fun != TERM_NONE && !term_is_fun(fun))
        BIF_BADARG(p);
    term_t err = ATOM_badarg;
    Proc *c = proc_spawn_opts(p, m, f, a, fun, &r.opts, &err);
    if (!c)
        BIF_ERROR(p, err);
    if (r.link)
        link_add(p, c);
    if (r.monitor)
        return heap_tuple2(p, c->pid, monitor_process(p, c->pid, c->pid));
    return c->pid;
}

BIF(bif_erlang_spawn_1)
{
    return spawn_with(p, TERM_NIL, TERM_NIL, TERM_NIL, args[0], TERM_NONE);
}
BIF(bif_erlang_spawn_3)
{
    return spawn_with(p, args[0], args[1], args[2], TERM_NONE, TERM_NONE);
}

BIF(bif_erlang_spawn_2)
{
    if (!is_local_node(args[0]))
        BIF_BADARG(p);
    return spawn_with(p, TERM_NIL, TERM_NIL, TERM_NIL, args[1], TERM_NONE);
}

BIF(bif_erlang_spawn_4)
{
    if (!is_local_node(args[0]))
        BIF_BADARG(p);
    return spawn_with(p, args[1], args[2], args[3], TERM_NONE, TERM_NONE);
}

static term_t link_opt(Proc *p)
{
    return heap_cons(p, ATOM_link, TERM_NIL);
}

BIF(bif_erlang_spawn_link_1)
{
    return spawn_with(p, TERM_NIL, TERM_NIL, TERM_NIL, args[0], link_opt(p));
}
BIF(bif_erlang_spawn_link_2)
{
    if (!is_local_node(args[0]))
        BIF_BADARG(p);
    return spawn_with(p, TERM_NIL, TERM_NIL, TERM_NIL, args[1], link_opt(p));
}
BIF(bif_erlang_spawn_link_3)
{
    return spawn_with(p, args[0], args[1], args[2], TERM_NONE, link_opt(p));
}
BIF(bif_erlang_spawn_link_4)
{
    if (!is_local_node(args[0]))
        BIF_BADARG(p);
    return spawn_with(p, args[1], args[2], args[3], TERM_NONE, link_opt(p));
}

/* link(Pid): a dead process gives an exit signal noproc (or, when trapping,
   the message), as OTP does. */
BIF(bif_erlang_link_1)
{
    if (!term_is_pid(args[0]) && !term_is_port(args[0]))
        BIF_BADARG(p);
    Proc *t = proc_find(args[0]);
    if (t == p)
        return ATOM_true;
    if (!t) {
        term_t noproc = atom_intern("noproc", 6);
        if (p->trap_exit) {
            term_t m[3] = {ATOM_EXIT, args[0], noproc};
            mbox_send(p, heap_tuple(p, 3, m));
            return ATOM_true;
        }
        BIF_ERROR(p, noproc);
    }
    link_add(p, t);
    return ATOM_true;
}

BIF(bif_erlang_unlink_1)
{
    if (!term_is_pid(args[0]) && !term_is_port(args[0]))
        BIF_BADARG(p);
    link_remove(p, args[0]);
    return ATOM_true;
}

/* Monitors do not exist yet either: the reference never fires. */
BIF(bif_erlang_spawn_monitor_1)
{
    term_t pid = bif_erlang_spawn_1(p, args);
    return pid == TERM_NONE ? pid : heap_tuple2(p, pid, monitor_process(p, pid, pid));
}

BIF(bif_erlang_spawn_monitor_2)
{
    if (!is_local_node(args[0]))
        BIF_BADARG(p);
    return bif_erlang_spawn_monitor_1(p, args + 1);
}

BIF(bif_erlang_spawn_monitor_3)
{
    term_t pid = bif_erlang_spawn_3(p, args);
    return pid == TERM_NONE ? pid : heap_tuple2(p, pid, monitor_process(p, pid, pid));
}

BIF(bif_erlang_spawn_monitor_4)
{
    if (!is_local_node(args[0]))
        BIF_BADARG(p);
    return bif_erlang_spawn_monitor_3(p, args + 1);
}

BIF(bif_erlang_spawn_opt_2)
{
    return spawn_with(p, TERM_NIL, TERM_NIL, TERM_NIL, args[0], args[1]);
}

BIF(bif_erlang_spawn_opt_3)
{
    if (!is_local_node(args[0]))
        BIF_BADARG(p);
    return spawn_with(p, TERM_NIL, TERM_NIL, TERM_NIL, args[1], args[2]);
}

BIF(bif_erlang_spawn_opt_4)
{
    return spawn_with(p, args[0], args[1], args[2], TERM_NONE, args[3]);
}

BIF(bif_erlang_spawn_opt_5)
{
    if (!is_local_node(args[0]))
        BIF_BADARG(p);
    return spawn_with(p, args[1], args[2], args[3], TERM_NONE, args[4]);
}

/* ---- identity and sending ---- */

BIF(bif_erlang_self_0)
{
    VM_UNUSED(args);
    return p->pid;
}

/* Delivers 'msg' to 'to'; false if 'to' is not a valid destination. */
static bool send_to(term_t to, term_t msg)
{
    if (term_is_pid(to)) {
        mbox_send(proc_find(to), msg); /* a dead pid drops it */
        return true;
    }
    if (term_is_atom(to)) {
        Proc *t = proc_whereis(to);
        if (!t)
            return false;
        mbox_send(t, msg);
        return true;
    }
    if (term_is_tuple(to) && tuple_arity(to) == 2) {
        term_t name = tuple_elems(to)[0], node = tuple_elems(to)[1];
        if (!term_is_atom(name) || !term_is_atom(node))
            return false;
        /* an unknown name on this node, or another node: dropped */
        if (node == ATOM_nonode_nohost)
            mbox_send(proc_whereis(name), msg);
        return true;
    }
    if (term_is_ref(to)) {
        alias_send(to, msg);
        return true;
    }
    return term_is_port(to);
}

BIF(bif_erlang_send_2)
{
    if (!send_to(args[0], args[1]))
        BIF_BADARG(p);
    return args[1];
}

BIF(bif_erlang_bang_2)
{
    return bif_erlang_send_2(p, args);
}

BIF(bif_erlang_send_3)
{
    term_t l = args[2];
    for (; term_is_list(l); l = list_tail(l))
        if (list_head(l) != ATOM_noconnect && list_head(l) != ATOM_nosuspend)
            break;
    if (l != TERM_NIL || !send_to(args[0], args[1]))
        BIF_BADARG(p);
    return ATOM_ok;
}

/* ---- names ---- */

BIF(bif_erlang_register_2)
{
    if (!term_is_atom(args[0]) || !term_is_pid(args[1]))
        BIF_BADARG(p);
    if (!proc_register(args[0], proc_find(args[1])))
        BIF_BADARG(p);
    return ATOM_true;
}

BIF(bif_erlang_unregister_1)
{
    if (!proc_unregister(args[0]))
        BIF_BADARG(p);
    return ATOM_true;
}

BIF(bif_erlang_whereis_1)
{
    if (!term_is_atom(args[0]))
        BIF_BADARG(p);
    Proc *t = proc_whereis(args[0]);
    return t ? t->pid : ATOM_undefined;
}

BIF(bif_erlang_registered_0)
{
    VM_UNUSED(args);
    return proc_registered(p);
}

BIF(bif_erlang_is_process_alive_1)
{
    if (!term_is_pid(args[0]))
        BIF_BADARG(p);
    return bool_atom(proc_find(args[0]) != NULL);
}

BIF(bif_erlang_processes_0)
{
    VM_UNUSED(args);
    return proc_all(p);
}

/* ---- flags ---- */

BIF(bif_erlang_process_flag_2)
{
    term_t flag = args[0], v = args[1];
    if (flag == ATOM_trap_exit) {
        if (!term_is_boolean(v))
            BIF_BADARG(p);
        term_t old = bool_atom(p->trap_exit);
        p->trap_exit = v == ATOM_true;
        return old;
    }
    if (flag == ATOM_priority) {
        int pr = prio_of(v);
        if (pr < 0)
            BIF_BADARG(p);
        term_t old = prio_atoms[p->prio];
        p->prio = (uint32_t)pr;
        return old;
    }
    if (flag == ATOM_min_heap_size) {
        if (non_neg(v) < 0)
            BIF_BADARG(p);
        term_t old = make_small((sint_t)p->min_heap);
        p->min_heap = proc_heap_size((size_t)non_neg(v));
        return old;
    }
    /* accepted, not kept: the answer is BEAM's default */
    if (flag == ATOM_error_handler && term_is_atom(v))
        return ATOM_error_handler;
    if (flag == ATOM_sensitive && term_is_boolean(v))
        return ATOM_false;
    if (flag == ATOM_async_dist && term_is_boolean(v))
        return ATOM_false;
    if (flag == ATOM_save_calls && non_neg(v) >= 0 && non_neg(v) <= 10000)
        return make_small(0);
    if (flag == ATOM_min_bin_vheap_size && non_neg(v) >= 0)
        return make_small(46422);
    /* Messages always wait in their own storage (OTP's off_heap), and join
       the heap when received; the flag is kept for process_info. */
    if (flag == ATOM_message_queue_data && (v == ATOM_on_heap || v == ATOM_off_heap)) {
        term_t old = p->mq_off_heap ? ATOM_off_heap : ATOM_on_heap;
        p->mq_off_heap = v == ATOM_off_heap;
        return old;
    }
    if (flag == ATOM_max_heap_size) {
        size_t size;
        bool kill, report;
        if (!max_heap_of(v, &size, &kill, &report))
            BIF_BADARG(p);
        term_t old = max_heap_map(p);
        p->max_heap = size;
        p->max_kill = kill;
        p->max_report = report;
        return old;
    }
    BIF_BADARG(p);
}

BIF(bif_erlang_group_leader_0)
{
    VM_UNUSED(args);
    return p->group_leader;
}

BIF(bif_erlang_group_leader_2)
{
    if (!term_is_pid(args[0]) || !term_is_pid(args[1]))
        BIF_BADARG(p);
    Proc *t = proc_find(args[1]);
    if (!t)
        BIF_BADARG(p);
    t->group_leader = args[0];
    return ATOM_true;
}

/* The interpreter ends the slice when it sees the budget spent. */
BIF(bif_erlang_yield_0)
{
    VM_UNUSED(args);
    p->reds = 0;
    return ATOM_true;
}

/* ---- exit/2 ---- */

BIF(bif_erlang_exit_2)
{
    term_t to = args[0], reason = args[1];
    if (!term_is_pid(to) && !term_is_port(to))
        BIF_BADARG(p);
    Proc *t = proc_find(to);
    if (!t)
        return ATOM_true;
    if (reason == ATOM_kill && t == p) {
        return bif_error(p, EXC_KILL, ATOM_killed);
    } else if (t == p) {
        if (t->trap_exit) {
            term_t msg[3] = {ATOM_EXIT, p->pid, reason};
            mbox_send(t, heap_tuple(p, 3, msg));
            return ATOM_true;
        }
        return bif_error(p, EXC_EXIT, reason); /* exit(self(), normal) too */
    } else {
        link_signal(p->pid, t, reason, true);
    }
    return ATOM_true;
}

/* ---- process_info ---- */

static const term_t info_all_keys[] = {
    ATOM_current_function,  ATOM_initial_call,    ATOM_status,
    ATOM_message_queue_len, ATOM_links,           ATOM_dictionary,
    ATOM_trap_exit,         ATOM_error_handler,   ATOM_priority,
    ATOM_group_leader,      ATOM_total_heap_size, ATOM_heap_size,
    ATOM_stack_size,        ATOM_reductions,      ATOM_garbage_collection,
    ATOM_suspending,
};

static term_t status_atom(const Proc *t)
{
    switch (t->status) {
    case PROC_RUNNING:
        return ATOM_running;
    case PROC_RUNNABLE:
        return ATOM_runnable;
    case PROC_WAITING:
        return ATOM_waiting;
    default:
        return ATOM_exiting;
    }
}

static term_t info_current_function(Proc *p, const Proc *t)
{
    Module *mod;
    const struct FuncInfo *fi;
    LineRef where;
    if (!t->ip || !code_locate(t->ip, &mod, &fi, &where))
        return ATOM_undefined;
    return heap_tuple3(p, mod->name, make_atom(fi->name), make_small(fi->arity));
}

static term_t info_messages(Proc *p, const Proc *t)
{
    term_t head = TERM_NIL, *tailp = &head;
    for (const Msg *m = t->mq_first; m; m = m->next) {
        term_t v = copy_in(p, m->term);
        term_t *cell = heap_alloc(p, 2);
        cell[0] = v;
        cell[1] = TERM_NIL;
        *tailp = make_list(cell);
        tailp = &cell[1];
    }
    return head;
}

static term_t info_gc(Proc *p, const Proc *t)
{
    term_t items[4] = {
        heap_tuple2(p, ATOM_min_bin_vheap_size, make_small(46422)),
        heap_tuple2(p, ATOM_min_heap_size, make_small((sint_t)t->min_heap)),
        heap_tuple2(p, ATOM_fullsweep_after, make_small(65535)),
        heap_tuple2(p, ATOM_minor_gcs, heap_uint(p, t->gc_count)),
    };
    return heap_list(p, items, 4);
}

/* The value of 'key' for process 't', built on the heap of 'p'; TERM_NONE
   for an unknown key. */
static term_t info_value(Proc *p, Proc *t, term_t key)
{
    if (key == ATOM_registered_name)
        return t->registered_name;
    if (key == ATOM_current_function)
        return info_current_function(p, t);
    if (key == ATOM_initial_call)
        return t == p ? t->initial_call : copy_in(p, t->initial_call);
    if (key == ATOM_status)
        return status_atom(t);
    if (key == ATOM_message_queue_data)
        return t->mq_off_heap ? ATOM_off_heap : ATOM_on_heap;
    if (key == ATOM_message_queue_len)
        return make_small(t->mq_len);
    if (key == ATOM_messages)
        return info_messages(p, t);
    if (key == ATOM_links)
        return link_list(t, p);
    if (key == ATOM_monitors)
        return monitor_held(t, p);
    if (key == ATOM_monitored_by)
        return monitor_watchers(t, p);
    if (key == ATOM_suspending)
        return TERM_NIL;
    /* The interpreter saves ip, cp and E before it calls a BIF through an
       export, and when a process stops running. */
    if (key == ATOM_current_stacktrace) {
        if (!t->ip)
            return TERM_NIL;
        term_t tr = except_trace(t, t->ip, t->cp, t->E, NULL, NULL, 0);
        return t == p ? tr : copy_in(p, tr);
    }
    if (key == ATOM_dictionary)
        return t == p ? erlang_dict_list(p, p) : copy_in(p, erlang_dict_list(t, t));
    if (key == ATOM_trap_exit)
        return bool_atom(t->trap_exit);
    if (key == ATOM_error_handler)
        return ATOM_error_handler;
    if (key == ATOM_priority)
        return prio_atoms[t->prio];
    if (key == ATOM_group_leader)
        return t->group_leader;
    if (key == ATOM_total_heap_size)
        return heap_uint(p, proc_total_heap(t));
    if (key == ATOM_heap_size)
        return heap_uint(p, (uint64_t)(t->hend - t->heap));
    if (key == ATOM_stack_size)
        return heap_uint(p, (uint64_t)(t->stack_hi - t->E));
    if (key == ATOM_memory)
        return heap_uint(p, proc_memory(t));
    if (key == ATOM_reductions)
        return heap_uint(p, t->total_reds);
    if (key == ATOM_garbage_collection)
        return info_gc(p, t);
    return TERM_NONE;
}

static bool info_key_ok(term_t key)
{
    static const term_t more[] = {ATOM_registered_name, ATOM_messages, ATOM_memory, ATOM_monitors,
                                  ATOM_monitored_by, ATOM_current_stacktrace, ATOM_message_queue_data};
    for (size_t i = 0; i < sizeof info_all_keys / sizeof info_all_keys[0]; i++)
        if (info_all_keys[i] == key)
            return true;
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        if (more[i] == key)
            return true;
    return false;
}

BIF(bif_erlang_process_info_1)
{
    if (!term_is_pid(args[0]))
        BIF_BADARG(p);
    Proc *t = proc_find(args[0]);
    if (!t)
        return ATOM_undefined;
    size_t n = sizeof info_all_keys / sizeof info_all_keys[0];
    term_t items[1 + sizeof info_all_keys / sizeof info_all_keys[0]];
    size_t k = 0;
    if (t->registered_name != TERM_NIL)
        items[k++] = heap_tuple2(p, ATOM_registered_name, t->registered_name);
    for (size_t i = 0; i < n; i++)
        items[k++] = heap_tuple2(p, info_all_keys[i], info_value(p, t, info_all_keys[i]));
    return heap_list(p, items, k);
}

BIF(bif_erlang_process_info_2)
{
    term_t key = args[1];
    if (!term_is_pid(args[0]))
        BIF_BADARG(p);
    if (term_is_atom(key)) {
        if (!info_key_ok(key))
            BIF_BADARG(p);
        Proc *t = proc_find(args[0]);
        if (!t)
            return ATOM_undefined;
        if (key == ATOM_registered_name && t->registered_name == TERM_NIL)
            return TERM_NIL;
        return heap_tuple2(p, key, info_value(p, t, key));
    }
    sint_t n = list_length(key);
    if (n < 0)
        BIF_BADARG(p);
    for (term_t l = key; l != TERM_NIL; l = list_tail(l))
        if (!term_is_atom(list_head(l)) || !info_key_ok(list_head(l)))
            BIF_BADARG(p);
    Proc *t = proc_find(args[0]);
    if (!t)
        return ATOM_undefined;
    term_t head = TERM_NIL, *tailp = &head;
    for (term_t l = key; l != TERM_NIL; l = list_tail(l)) {
        term_t v = heap_tuple2(p, list_head(l), info_value(p, t, list_head(l)));
        term_t *cell = heap_alloc(p, 2);
        cell[0] = v;
        cell[1] = TERM_NIL;
        *tailp = make_list(cell);
        tailp = &cell[1];
    }
    return head;
}

/* The alias mode of a monitor/3 or alias/1 option list, -1 for none, or
   -2 when the list is malformed. */
static int alias_mode(term_t l, bool alias_bif)
{
    int mode = alias_bif ? ALIAS_EXPLICIT : -1;
    for (; term_is_list(l); l = list_tail(l)) {
        term_t o = list_head(l);
        if (alias_bif && o == atom_intern("explicit_unalias", 16)) {
            mode = ALIAS_EXPLICIT;
        } else if (alias_bif && o == atom_intern("reply", 5)) {
            mode = ALIAS_REPLY_DEMONITOR;
        } else if (!alias_bif && term_is_tuple(o) && tuple_arity(o) == 2 &&
                   tuple_elems(o)[0] == ATOM_alias) {
            term_t m = tuple_elems(o)[1];
            if (m == atom_intern("explicit_unalias", 16)) mode = ALIAS_EXPLICIT;
            else if (m == ATOM_demonitor) mode = ALIAS_DEMONITOR;
            else if (m == atom_intern("reply_demonitor", 15)) mode = ALIAS_REPLY_DEMONITOR;
            else return -2;
        } else if (!alias_bif && term_is_tuple(o) && tuple_arity(o) == 2 &&
                   tuple_elems(o)[0] == ATOM_tag) {
            continue;
        } else {
            return -2;
        }
    }
    return l == TERM_NIL ? mode : -2;
}

/* A monitor of the process named by 't' (Pid | Name | {Name, Node}), its
   reference an alias in 'mode' (-1: none); TERM_NONE if 't' is malformed. */
static term_t monitor_target(Proc *p, term_t t, int mode)
{
    if (term_is_pid(t))
        return monitor_process_alias(p, t, t, mode);
    if (term_is_atom(t))
        return monitor_process_alias(p, t, heap_tuple2(p, t, ATOM_nonode_nohost), mode);
    if (term_is_tuple(t) && tuple_arity(t) == 2 && term_is_atom(tuple_elems(t)[0]) &&
        is_local_node(tuple_elems(t)[1]))
        return monitor_process_alias(p, tuple_elems(t)[0], t, mode);
    return TERM_NONE;
}

/* monitor(process, Pid | Name | {Name, Node}) */
BIF(bif_erlang_monitor_2)
{
    term_t r = args[0] == ATOM_process ? monitor_target(p, args[1], -1) : TERM_NONE;
    if (r == TERM_NONE)
        BIF_BADARG(p);
    return r;
}

BIF(bif_erlang_monitor_3)
{
    int mode = alias_mode(args[2], false);
    term_t r = mode != -2 && args[0] == ATOM_process ? monitor_target(p, args[1], mode) : TERM_NONE;
    if (r == TERM_NONE)
        BIF_BADARG(p);
    return r;
}

BIF(bif_erlang_alias_0)
{
    term_t ref = monitor_ref_new(p);
    alias_add(p, ref, ALIAS_EXPLICIT);
    return ref;
}

BIF(bif_erlang_alias_1)
{
    int mode = alias_mode(args[0], true);
    if (mode == -2)
        BIF_BADARG(p);
    term_t ref = monitor_ref_new(p);
    alias_add(p, ref, mode);
    return ref;
}

BIF(bif_erlang_unalias_1)
{
    if (!term_is_ref(args[0]))
        BIF_BADARG(p);
    return bool_atom(alias_remove(p, args[0]));
}

BIF(bif_erlang_demonitor_1)
{
    if (!term_is_ref(args[0]))
        BIF_BADARG(p);
    monitor_demonitor(p, args[0], false);
    return ATOM_true;
}

/* demonitor(Ref, [flush, info]) */
BIF(bif_erlang_demonitor_2)
{
    bool flush = false, info = false;
    if (!term_is_ref(args[0]))
        BIF_BADARG(p);
    term_t l = args[1];
    for (; term_is_list(l); l = list_tail(l)) {
        if (list_head(l) == ATOM_flush) flush = true;
        else if (list_head(l) == ATOM_info) info = true;
        else BIF_BADARG(p);
    }
    if (l != TERM_NIL)
        BIF_BADARG(p);
    bool active = monitor_demonitor(p, args[0], flush);
    return info ? bool_atom(active) : ATOM_true;
}

const BifDef bif_erlang_proc_table[] = {
    { "erlang", "monitor", 2, bif_erlang_monitor_2, 0 },
    { "erlang", "monitor", 3, bif_erlang_monitor_3, 0 },
    { "erlang", "demonitor", 1, bif_erlang_demonitor_1, 0 },
    { "erlang", "alias", 0, bif_erlang_alias_0, 0 },
    { "erlang", "alias", 1, bif_erlang_alias_1, 0 },
    { "erlang", "unalias", 1, bif_erlang_unalias_1, 0 },
    { "erlang", "demonitor", 2, bif_erlang_demonitor_2, 0 },
    {"erlang", "spawn", 1, bif_erlang_spawn_1, 0},
    {"erlang", "spawn", 2, bif_erlang_spawn_2, 0},
    {"erlang", "spawn", 3, bif_erlang_spawn_3, 0},
    {"erlang", "spawn", 4, bif_erlang_spawn_4, 0},
    {"erlang", "link", 1, bif_erlang_link_1, 0},
    {"erlang", "unlink", 1, bif_erlang_unlink_1, 0},
    {"erlang", "spawn_link", 1, bif_erlang_spawn_link_1, 0},
    {"erlang", "spawn_link", 2, bif_erlang_spawn_link_2, 0},
    {"erlang", "spawn_link", 3, bif_erlang_spawn_link_3, 0},
    {"erlang", "spawn_link", 4, bif_erlang_spawn_link_4, 0},
    {"erlang", "spawn_monitor", 1, bif_erlang_spawn_monitor_1, 0},
    {"erlang", "spawn_monitor", 2, bif_erlang_spawn_monitor_2, 0},
    {"erlang", "spawn_monitor", 3, bif_erlang_spawn_monitor_3, 0},
    {"erlang", "spawn_monitor", 4, bif_erlang_spawn_monitor_4, 0},
    {"erlang", "spawn_opt", 2, bif_erlang_spawn_opt_2, 0},
    {"erlang", "spawn_opt", 3, bif_erlang_spawn_opt_3, 0},
    {"erlang", "spawn_opt", 4, bif_erlang_spawn_opt_4, 0},
    {"erlang", "spawn_opt", 5, bif_erlang_spawn_opt_5, 0},
    {"erlang", "self", 0, bif_erlang_self_0, BIF_GUARD},
    {"erlang", "send", 2, bif_erlang_send_2, 0},
    {"erlang", "send", 3, bif_erlang_send_3, 0},
    {"erlang", "!", 2, bif_erlang_bang_2, 0},
    {"erlang", "register", 2, bif_erlang_register_2, 0},
    {"erlang", "unregister", 1, bif_erlang_unregister_1, 0},
    {"erlang", "whereis", 1, bif_erlang_whereis_1, 0},
    {"erlang", "registered", 0, bif_erlang_registered_0, 0},
    {"erlang", "is_process_alive", 1, bif_erlang_is_process_alive_1, 0},
    {"erlang", "processes", 0, bif_erlang_processes_0, 0},
    {"erlang", "process_flag", 2, bif_erlang_process_flag_2, 0},
    {"erlang", "group_leader", 0, bif_erlang_group_leader_0, 0},
    {"erlang", "group_leader", 2, bif_erlang_group_leader_2, 0},
    {"erlang", "yield", 0, bif_erlang_yield_0, 0},
    {"erlang", "exit", 2, bif_erlang_exit_2, 0},
    {"erlang", "process_info", 1, bif_erlang_process_info_1, 0},
    {"erlang", "process_info", 2, bif_erlang_process_info_2, 0},
    {NULL},
};
