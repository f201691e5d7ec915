/*
** ets.c: the BIFs of the ets module (the functions OTP's ets.erl leaves
** to the runtime): argument checks, access rights (public, protected,
** private), copying objects in and out of tables, and select's chunks
** and continuations. Storage is vm/ets.c; match specifications are
** vm/matchspec.c. ets.erl builds the rest (foldl, tab2list, all...) on
** these.
*/
#include "../sched/monitor.h"
#include "../sched/sched.h"
#include "../vm/arith.h"
#include "../vm/compare.h"
#include "../vm/copy.h"
#include "../vm/ets.h"
#include "../vm/matchspec.h"
#include "bif.h"

enum { A_INFO, A_READ, A_WRITE, A_OWNER };

/* The table 'tid' names, if 'p' may use it as 'mode' asks; else NULL. */
static EtsTable *tab_get(Proc *p, term_t tid, int mode)
{
    EtsTable *t = ets_table_find(tid);
    if (!t) return NULL;
    if (mode == A_INFO || t->owner == p->pid) return t;
    if (mode == A_OWNER || t->access == ETS_PRIVATE) return NULL;
    return t->access == ETS_PUBLIC || mode == A_READ ? t : NULL;
}

#define TAB(t, tid, mode)                                                                          \
    EtsTable *t = tab_get(p, (tid), (mode));                                                       \
    if (!t) BIF_BADARG(p)

static term_t copy_out(Proc *p, term_t t)
{
    if (term_is_immed(t)) return t;
    term_t *hp = heap_alloc(p, copy_size(t));
    return copy_term(t, &hp, &p->offheap);
}

static bool valid_obj(const EtsTable *t, term_t o)
{
    return term_is_tuple(o) && tuple_arity(o) >= t->keypos;
}

static bool small_in(term_t t, sint_t lo, sint_t hi)
{
    return term_is_small(t) && small_val(t) >= lo && small_val(t) <= hi;
}

/* A growable array of terms (results being collected). */
typedef struct Acc {
    term_t *v;
    size_t n, cap;
} Acc;

static void acc_push(Acc *a, term_t t)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 16;
        a->v = vm_realloc(a->v, a->cap * sizeof(term_t));
    }
    a->v[a->n++] = t;
}

/* The list of the collected terms (in reverse with 'rev'); frees 'a'. */
static term_t acc_list(Proc *p, Acc *a, bool rev)
{
    if (rev)
        for (size_t i = 0; i < a->n / 2; i++) {
            term_t x = a->v[i];
            a->v[i] = a->v[a->n - 1 - i];
            a->v[a->n - 1 - i] = x;
        }
    term_t l = heap_list(p, a->v, a->n);
    vm_free(a->v);
    return l;
}

/* Copies of the objects of the group starting at 'o'. */
static term_t group_list(Proc *p, EtsTable *t, EtsObj *o)
{
    Acc a = {NULL, 0, 0};
    for (; o; o = ets_same_next(t, o)) acc_push(&a, copy_out(p, o->term));
    return acc_list(p, &a, false);
}

/* ---- new ---- */

static bool is_bool(term_t t) { return t == ATOM_true || t == ATOM_false; }

typedef struct NewOpts {
    uint32_t type, access, keypos;
    bool named, read_conc, compressed;
    int decent;               /* -1: the default */
    term_t write_conc, heir, heir_data;
} NewOpts;

static bool new_opt(NewOpts *o, term_t x)
{
    if (x == ATOM_set) o->type = ETS_SET;
    else if (x == ATOM_ordered_set) o->type = ETS_ORDERED_SET;
    else if (x == ATOM_bag) o->type = ETS_BAG;
    else if (x == ATOM_duplicate_bag) o->type = ETS_DUPLICATE_BAG;
    else if (x == ATOM_public) o->access = ETS_PUBLIC;
    else if (x == ATOM_protected) o->access = ETS_PROTECTED;
    else if (x == ATOM_private) o->access = ETS_PRIVATE;
    else if (x == ATOM_named_table) o->named = true;
    else if (x == ATOM_compressed) o->compressed = true;
    else if (!term_is_tuple(x) || tuple_arity(x) < 2) return false;
    else {
        term_t *e = tuple_elems(x);
        size_t n = tuple_arity(x);
        if (n == 3 && e[0] == ATOM_heir && term_is_pid(e[1])) {
            o->heir = e[1];
            o->heir_data = e[2];
        } else if (n != 2) {
            return false;
        } else if (e[0] == ATOM_keypos && small_in(e[1], 1, 0xFFFFFF)) {
            o->keypos = (uint32_t)small_val(e[1]);
        } else if (e[0] == ATOM_heir && e[1] == ATOM_none) {
            o->heir = ATOM_none;
        } else if (e[0] == ATOM_read_concurrency && is_bool(e[1])) {
            o->read_conc = e[1] == ATOM_true;
        } else if (e[0] == ATOM_write_concurrency && (is_bool(e[1]) || e[1] == ATOM_auto)) {
            o->write_conc = e[1];
        } else if (e[0] == ATOM_decentralized_counters && is_bool(e[1])) {
            o->decent = e[1] == ATOM_true;
        } else {
            return false;
        }
    }
    return true;
}

BIF(bif_ets_new_2)
{
    NewOpts o = {ETS_SET, ETS_PROTECTED, 1, false, false, false, -1, ATOM_false, ATOM_none, 0};
    if (!term_is_atom(args[0]) || list_length(args[1]) < 0) BIF_BADARG(p);
    for (term_t l = args[1]; term_is_list(l); l = list_tail(l))
        if (!new_opt(&o, list_head(l))) BIF_BADARG(p);
    EtsTable *t = ets_table_new(args[0], o.named, o.type, o.keypos, p->pid);
    if (!t) BIF_BADARG(p);
    t->access = (uint8_t)o.access;
    t->read_conc = o.read_conc;
    t->compressed = o.compressed;
    t->write_conc = o.write_conc;
    t->decent = o.decent >= 0 ? o.decent == 1
                              : o.write_conc == ATOM_auto ||
                                    (o.type == ETS_ORDERED_SET && o.write_conc == ATOM_true);
    t->heir = o.heir;
    if (o.heir != ATOM_none) t->heir_data = ets_obj_new(o.heir_data);
    return ets_tid(p, t);
}

/* ---- insert ---- */

/* Whether 'objs' is an object or a proper list of objects for 't'. */
static bool valid_objs(const EtsTable *t, term_t objs)
{
    if (term_is_tuple(objs)) return valid_obj(t, objs);
    if (list_length(objs) < 0) return false;
    for (; term_is_list(objs); objs = list_tail(objs))
        if (!valid_obj(t, list_head(objs))) return false;
    return true;
}

static void insert_all(EtsTable *t, term_t objs)
{
    if (term_is_tuple(objs)) {
        ets_insert(t, objs);
        return;
    }
    if (t->type != ETS_BAG) {
        for (; term_is_list(objs); objs = list_tail(objs)) ets_insert(t, list_head(objs));
        return;
    }
    /* A bag takes a list last element first, as OTP's does. */
    Acc a = {NULL, 0, 0};
    for (; term_is_list(objs); objs = list_tail(objs)) acc_push(&a, list_head(objs));
    while (a.n > 0) ets_insert(t, a.v[--a.n]);
    vm_free(a.v);
}

BIF(bif_ets_insert_2)
{
    TAB(t, args[0], A_WRITE);
    if (!valid_objs(t, args[1])) BIF_BADARG(p);
    insert_all(t, args[1]);
    return ATOM_true;
}

BIF(bif_ets_insert_new_2)
{
    TAB(t, args[0], A_WRITE);
    term_t objs = args[1];
    if (!valid_objs(t, objs)) BIF_BADARG(p);
    if (term_is_tuple(objs)) {
        if (ets_lookup(t, ets_key(t, objs))) return ATOM_false;
    } else {
        for (term_t l = objs; term_is_list(l); l = list_tail(l))
            if (ets_lookup(t, ets_key(t, list_head(l)))) return ATOM_false;
    }
    insert_all(t, objs);
    return ATOM_true;
}

/* ---- lookups ---- */

BIF(bif_ets_lookup_2)
{
    TAB(t, args[0], A_READ);
    return group_list(p, t, ets_lookup(t, args[1]));
}

BIF(bif_ets_member_2)
{
    TAB(t, args[0], A_READ);
    return ets_lookup(t, args[1]) ? ATOM_true : ATOM_false;
}

BIF(bif_ets_lookup_element_3)
{
    TAB(t, args[0], A_READ);
    EtsObj *o = ets_lookup(t, args[1]);
    if (!o || !small_in(args[2], 1, SMALL_MAX)) BIF_BADARG(p);
    size_t pos = (size_t)small_val(args[2]);
    Acc a = {NULL, 0, 0};
    for (; o; o = ets_same_next(t, o)) {
        if (tuple_arity(o->term) < pos) {
            vm_free(a.v);
            BIF_BADARG(p);
        }
        acc_push(&a, copy_out(p, tuple_elems(o->term)[pos - 1]));
    }
    if (t->type == ETS_SET || t->type == ETS_ORDERED_SET) {
        term_t x = a.v[0];
        vm_free(a.v);
        return x;
    }
    return acc_list(p, &a, false);
}

BIF(bif_ets_take_2)
{
    TAB(t, args[0], A_WRITE);
    term_t l = group_list(p, t, ets_lookup(t, args[1]));
    ets_delete_key(t, args[1]);
    return l;
}

/* ---- deletes ---- */

BIF(bif_ets_delete_1)
{
    TAB(t, args[0], A_WRITE);
    ets_table_free(t);
    return ATOM_true;
}

BIF(bif_ets_delete_2)
{
    TAB(t, args[0], A_WRITE);
    ets_delete_key(t, args[1]);
    return ATOM_true;
}

BIF(bif_ets_delete_object_2)
{
    TAB(t, args[0], A_WRITE);
    if (!valid_obj(t, args[1])) BIF_BADARG(p);
    ets_delete_object(t, args[1]);
    return ATOM_true;
}

BIF(bif_ets_internal_delete_all_2)
{
    TAB(t, args[0], A_WRITE);
    size_t n = t->count;
    ets_clear(t);
    return heap_uint(p, n);
}

/* ---- updates in place ---- */

/* A copy of the tuple 'o' on p's heap whose elements are shared. */
static term_t tuple_dup(Proc *p, term_t o)
{
    size_t n = tuple_arity(o);
    term_t *hp = heap_alloc(p, n + 1);
    memcpy(hp, term_ptr(o), (n + 1) * sizeof(term_t));
    return make_boxed(hp);
}

/* Applies one update_counter operation to 'tup'; TERM_NONE if invalid. */
static term_t counter_op(Proc *p, const EtsTable *t, term_t tup, term_t op)
{
    term_t pos, incr, thr = TERM_NONE, setv = TERM_NONE;
    if (term_is_integer(op)) {
        pos = make_small((sint_t)t->keypos + 1);
        incr = op;
    } else if (term_is_tuple(op) && (tuple_arity(op) == 2 || tuple_arity(op) == 4)) {
        pos = tuple_elems(op)[0];
        incr = tuple_elems(op)[1];
        if (tuple_arity(op) == 4) {
            thr = tuple_elems(op)[2];
            setv = tuple_elems(op)[3];
            if (!term_is_integer(thr) || !term_is_integer(setv)) return TERM_NONE;
        }
    } else {
        return TERM_NONE;
    }
    if (!small_in(pos, 1, (sint_t)tuple_arity(tup)) || small_val(pos) == (sint_t)t->keypos ||
        !term_is_integer(incr))
        return TERM_NONE;
    term_t *slot = &tuple_elems(tup)[small_val(pos) - 1];
    if (!term_is_integer(*slot)) return TERM_NONE;
    term_t v = arith_add(p, *slot, incr);
    if (thr != TERM_NONE) {
        bool up = compare_terms(incr, make_small(0)) >= 0;
        int c = compare_terms(v, thr);
        if (up ? c > 0 : c < 0) v = setv;
    }
    *slot = v;
    return copy_out(p, v); /* 'v' may be the stored bignum itself, freed by the update */
}

static term_t update_counter(Proc *p, term_t *args, bool with_default)
{
    TAB(t, args[0], A_WRITE);
    if (t->type != ETS_SET && t->type != ETS_ORDERED_SET) BIF_BADARG(p);
    EtsObj *o = ets_lookup(t, args[1]);
    term_t tup;
    if (o) {
        tup = tuple_dup(p, o->term);
    } else {
        if (!with_default || !valid_obj(t, args[3])) BIF_BADARG(p);
        tup = tuple_dup(p, args[3]);
        tuple_elems(tup)[t->keypos - 1] = args[1];
    }
    term_t ops = args[2], out;
    if (term_is_list(ops) || ops == TERM_NIL) {
        if (list_length(ops) < 0) BIF_BADARG(p);
        Acc a = {NULL, 0, 0};
        for (; term_is_list(ops); ops = list_tail(ops)) {
            term_t v = counter_op(p, t, tup, list_head(ops));
            if (v == TERM_NONE) {
                vm_free(a.v);
                BIF_BADARG(p);
            }
            acc_push(&a, v);
        }
        out = acc_list(p, &a, false);
    } else if ((out = counter_op(p, t, tup, ops)) == TERM_NONE) {
        BIF_BADARG(p);
    }
    if (o) ets_replace(t, o, ets_obj_new(tup));
    else ets_insert(t, tup);
    return out;
}

BIF(bif_ets_update_counter_3) { return update_counter(p, args, false); }
BIF(bif_ets_update_counter_4) { return update_counter(p, args, true); }

static bool element_op_ok(const EtsTable *t, term_t op)
{
    return term_is_tuple(op) && tuple_arity(op) == 2 &&
           small_in(tuple_elems(op)[0], 1, SMALL_MAX) &&
           small_val(tuple_elems(op)[0]) != (sint_t)t->keypos;
}

static bool element_op(term_t tup, term_t op)
{
    sint_t pos = small_val(tuple_elems(op)[0]);
    if ((size_t)pos > tuple_arity(tup)) return false;
    tuple_elems(tup)[pos - 1] = tuple_elems(op)[1];
    return true;
}

BIF(bif_ets_update_element_3)
{
    TAB(t, args[0], A_WRITE);
    if (t->type != ETS_SET && t->type != ETS_ORDERED_SET) BIF_BADARG(p);
    term_t ops = args[2];
    bool one = term_is_tuple(ops);
    if (one ? !element_op_ok(t, ops) : list_length(ops) < 0) BIF_BADARG(p);
    for (term_t l = ops; !one && term_is_list(l); l = list_tail(l))
        if (!element_op_ok(t, list_head(l))) BIF_BADARG(p);
    EtsObj *o = ets_lookup(t, args[1]);
    if (!o) return ATOM_false;
    term_t tup = tuple_dup(p, o->term);
    if (one && !element_op(tup, ops)) BIF_BADARG(p);
    for (term_t l = ops; !one && term_is_list(l); l = list_tail(l))
        if (!element_op(tup, list_head(l))) BIF_BADARG(p);
    ets_replace(t, o, ets_obj_new(tup));
    return ATOM_true;
}

/* ---- walks ---- */

static term_t key_or_end(Proc *p, const EtsTable *t, const EtsObj *o)
{
    return o ? copy_out(p, ets_key(t, o->term)) : ATOM_dollar_end_of_table;
}

BIF(bif_ets_first_1)
{
    TAB(t, args[0], A_READ);
    return key_or_end(p, t, ets_first(t));
}

BIF(bif_ets_last_1)
{
    TAB(t, args[0], A_READ);
    return key_or_end(p, t, t->type == ETS_ORDERED_SET ? ets_last(t) : ets_first(t));
}

/* next/2, and prev/2 of a hash table (whose order has no reverse). A hash
   table that is not fixed must hold the key. */
static term_t step(Proc *p, term_t *args, bool back)
{
    TAB(t, args[0], A_READ);
    if (t->type == ETS_ORDERED_SET)
        return key_or_end(p, t, back ? ets_before(t, args[1]) : ets_after(t, args[1]));
    if (!t->fixed && !ets_lookup(t, args[1])) BIF_BADARG(p);
    return key_or_end(p, t, ets_after(t, args[1]));
}

BIF(bif_ets_next_2) { return step(p, args, false); }
BIF(bif_ets_prev_2) { return step(p, args, true); }

BIF(bif_ets_slot_2)
{
    TAB(t, args[0], A_READ);
    size_t slots = ets_slots(t);
    if (!small_in(args[1], 0, (sint_t)slots)) BIF_BADARG(p);
    size_t i = (size_t)small_val(args[1]), n;
    if (i == slots) return ATOM_dollar_end_of_table;
    Acc a = {NULL, 0, 0};
    EtsObj *o = ets_slot(t, i, &n);
    for (size_t k = 0; k < n; k++, o = ets_next(t, o)) acc_push(&a, copy_out(p, o->term));
    return acc_list(p, &a, false);
}

/* ---- the table itself ---- */

static term_t type_atom(const EtsTable *t)
{
    static const term_t types[] = {ATOM_set, ATOM_ordered_set, ATOM_bag, ATOM_duplicate_bag};
    return types[t->type];
}

static term_t bool_atom(bool b) { return b ? ATOM_true : ATOM_false; }

/* The value of info item 'item', or TERM_NONE if it is not one. */
static term_t info_item(Proc *p, const EtsTable *t, term_t item)
{
    static const term_t access[] = {ATOM_public, ATOM_protected, ATOM_private};
    if (item == ATOM_id) return ets_ref(p, t);
    if (item == ATOM_decentralized_counters) return bool_atom(t->decent);
    if (item == ATOM_read_concurrency) return bool_atom(t->read_conc);
    if (item == ATOM_write_concurrency) return t->write_conc;
    if (item == ATOM_compressed) return bool_atom(t->compressed);
    if (item == ATOM_memory) {
        size_t words = 40 + t->words + t->count * (sizeof(EtsObj) / sizeof(term_t) + 2);
        if (t->buckets) words += (size_t)1 << t->bits;
        return heap_uint(p, words);
    }
    if (item == ATOM_owner) return t->owner;
    if (item == ATOM_heir) return t->heir;
    if (item == ATOM_name) return t->name;
    if (item == ATOM_size) return heap_uint(p, t->count);
    if (item == ATOM_node) return ATOM_nonode_nohost;
    if (item == ATOM_named_table) return bool_atom(t->named);
    if (item == ATOM_type) return type_atom(t);
    if (item == ATOM_keypos) return make_small((sint_t)t->keypos);
    if (item == ATOM_protection) return access[t->access];
    if (item == ATOM_fixed) return bool_atom(t->fixed > 0);
    if (item == ATOM_safe_fixed || item == ATOM_safe_fixed_monotonic_time) {
        if (!t->fixed) return ATOM_false;
        term_t fix = heap_cons(p, heap_tuple2(p, t->owner, make_small(t->fixed)), TERM_NIL);
        return heap_tuple2(p, make_small(0), fix);
    }
    return TERM_NONE;
}

/* info/1,2 answer undefined for a table that no longer exists, but
   badarg for a reference that never named one. */
static bool info_tid(term_t t)
{
    return term_is_atom(t) || (term_is_ref(t) && ets_is_table_ref(t));
}

BIF(bif_ets_info_1)
{
    static const term_t items[] = {
        ATOM_id, ATOM_decentralized_counters, ATOM_read_concurrency, ATOM_write_concurrency,
        ATOM_compressed, ATOM_memory, ATOM_owner, ATOM_heir, ATOM_name, ATOM_size, ATOM_node,
        ATOM_named_table, ATOM_type, ATOM_keypos, ATOM_protection};
    if (!info_tid(args[0])) BIF_BADARG(p);
    EtsTable *t = tab_get(p, args[0], A_INFO);
    if (!t) return ATOM_undefined;
    size_t n = sizeof items / sizeof items[0];
    term_t l = TERM_NIL;
    for (size_t i = n; i-- > 0;)
        l = heap_cons(p, heap_tuple2(p, items[i], info_item(p, t, items[i])), l);
    return l;
}

BIF(bif_ets_info_2)
{
    if (!info_tid(args[0])) BIF_BADARG(p);
    EtsTable *t = tab_get(p, args[0], A_INFO);
    if (!t) return ATOM_undefined;
    term_t v = info_item(p, t, args[1]);
    if (v == TERM_NONE) BIF_BADARG(p);
    return v;
}

BIF(bif_ets_whereis_1)
{
    if (!term_is_atom(args[0])) BIF_BADARG(p);
    EtsTable *t = ets_table_find(args[0]);
    return t ? ets_ref(p, t) : ATOM_undefined;
}

BIF(bif_ets_rename_2)
{
    TAB(t, args[0], A_WRITE);
    if (!term_is_atom(args[1]) || !ets_table_rename(t, args[1])) BIF_BADARG(p);
    return ets_tid(p, t);
}

BIF(bif_ets_give_away_3)
{
    TAB(t, args[0], A_OWNER);
    Proc *to = term_is_pid(args[1]) ? proc_find(args[1]) : NULL;
    if (!to || to == p || to->status >= PROC_EXITING) BIF_BADARG(p);
    t->owner = to->pid;
    mbox_send(to, heap_tuple4(p, ATOM_ETS_TRANSFER, ets_tid(p, t), p->pid, args[2]));
    return ATOM_true;
}

/* One setopts option: checked only ('apply' false), or applied. */
static bool setopt(EtsTable *t, term_t o, bool apply)
{
    static const term_t access[] = {ATOM_public, ATOM_protected, ATOM_private};
    if (!term_is_tuple(o)) return false;
    term_t *e = tuple_elems(o);
    size_t n = tuple_arity(o);
    if (n == 2 && e[0] == ATOM_heir && e[1] == ATOM_none) {
        if (apply) {
            t->heir = ATOM_none;
            ets_obj_free(t->heir_data);
            t->heir_data = NULL;
        }
        return true;
    }
    if (n == 3 && e[0] == ATOM_heir && term_is_pid(e[1])) {
        if (apply) {
            t->heir = e[1];
            ets_obj_free(t->heir_data);
            t->heir_data = ets_obj_new(e[2]);
        }
        return true;
    }
    if (n == 2 && e[0] == ATOM_protection) {
        for (uint8_t i = 0; i < 3; i++)
            if (e[1] == access[i]) {
                if (apply) t->access = i;
                return true;
            }
    }
    return false;
}

BIF(bif_ets_setopts_2)
{
    TAB(t, args[0], A_OWNER);
    term_t opts = args[1];
    if (term_is_tuple(opts)) opts = heap_cons(p, opts, TERM_NIL);
    if (list_length(opts) < 0) BIF_BADARG(p);
    for (term_t l = opts; term_is_list(l); l = list_tail(l))
        if (!setopt(t, list_head(l), false)) BIF_BADARG(p);
    for (term_t l = opts; term_is_list(l); l = list_tail(l)) setopt(t, list_head(l), true);
    return ATOM_true;
}

BIF(bif_ets_safe_fixtable_2)
{
    TAB(t, args[0], A_READ);
    if (!is_bool(args[1])) BIF_BADARG(p);
    if (args[1] == ATOM_true) t->fixed++;
    else if (t->fixed > 0) t->fixed--;
    return ATOM_true;
}

/* ets:all/0 waits for {Ref, Tabs} from each scheduler: there is one. */
BIF(bif_ets_internal_request_all_0)
{
    term_t ref = monitor_ref_new(p), l = TERM_NIL;
    for (EtsTable *t = ets_tables(); t; t = t->all_next) l = heap_cons(p, ets_tid(p, t), l);
    mbox_send(p, heap_tuple2(p, ref, l));
    return ref;
}

/* ---- select, match and their continuations ---- */

/* A walk over the objects a select looks at: all of them, in table order
   or its reverse (ordered_set only), or those of one key. */
typedef struct Walk {
    EtsTable *t;
    EtsObj *o;
    bool rev, group;
} Walk;

static void walk_start(Walk *w, EtsTable *t, MatchSpec *ms, bool rev, bool by_key)
{
    w->t = t;
    w->rev = rev && t->type == ETS_ORDERED_SET;
    w->group = false;
    term_t k = by_key ? ms_bound_key(ms, t->keypos) : TERM_NONE;
    if (k != TERM_NONE) {
        w->o = ets_lookup(t, k);
        w->group = true;
    } else {
        w->o = w->rev ? ets_last(t) : ets_first(t);
    }
}

/* The next object; the walk has moved past it, so it may be removed. */
static EtsObj *walk_next(Walk *w)
{
    EtsObj *o = w->o;
    if (o)
        w->o = w->group ? ets_same_next(w->t, o)
               : w->rev ? ets_prev(w->t, o)
                        : ets_next(w->t, o);
    return o;
}

/* Runs 'ms' over the walk, collecting copies of the results, until the
   end or (limit > 0) until 'limit' results and the end of that key's
   objects; then '*last' is the key to continue after. */
static void collect(Proc *p, MatchSpec *ms, Walk *w, size_t limit, Acc *a, term_t *last)
{
    *last = TERM_NONE;
    EtsObj *o;
    while ((o = walk_next(w))) {
        term_t r = ms_run(p, ms, o->term);
        if (r != TERM_NONE) acc_push(a, copy_out(p, r));
        if (limit && a->n >= limit) {
            term_t k = ets_key(w->t, o->term);
            while (w->o && ets_same_next(w->t, o) == w->o) {
                o = walk_next(w);
                if ((r = ms_run(p, ms, o->term)) != TERM_NONE) acc_push(a, copy_out(p, r));
            }
            *last = copy_out(p, k);
            return;
        }
    }
}


static term_t select_all(Proc *p, term_t tid, term_t spec, bool rev)
{
    TAB(t, tid, A_READ);
    MatchSpec *ms = ms_compile(spec);
    if (!ms) BIF_BADARG(p);
    Walk w;
    walk_start(&w, t, ms, rev, true);
    Acc a = {NULL, 0, 0};
    term_t last;
    collect(p, ms, &w, 0, &a, &last);
    ms_free(ms);
    return acc_list(p, &a, rev && t->type != ETS_ORDERED_SET);
}

/* One chunk of select/3 and its continuation
   {ets, Tid, LastKey, Spec, Limit, Reverse}. */
static term_t select_chunk(Proc *p, term_t tid, term_t spec, size_t limit, bool rev,
                           term_t after)
{
    TAB(t, tid, A_READ);
    MatchSpec *ms = ms_compile(spec);
    if (!ms) BIF_BADARG(p);
    Walk w;
    walk_start(&w, t, ms, rev, false);
    if (after != TERM_NONE) w.o = w.rev ? ets_before(t, after) : ets_after(t, after);
    Acc a = {NULL, 0, 0};
    term_t last;
    collect(p, ms, &w, limit, &a, &last);
    ms_free(ms);
    if (a.n == 0 && last == TERM_NONE) {
        vm_free(a.v);
        return ATOM_dollar_end_of_table;
    }
    term_t l = acc_list(p, &a, rev && t->type != ETS_ORDERED_SET);
    if (last == TERM_NONE) return heap_tuple2(p, l, ATOM_dollar_end_of_table);
    term_t c[6] = {ATOM_ets, tid, last, spec, make_small((sint_t)limit), bool_atom(rev)};
    return heap_tuple2(p, l, heap_tuple(p, 6, c));
}

static term_t select_limit(Proc *p, term_t *args, bool rev)
{
    if (!small_in(args[2], 1, SMALL_MAX)) BIF_BADARG(p);
    return select_chunk(p, args[0], args[1], (size_t)small_val(args[2]), rev, TERM_NONE);
}

static term_t select_cont(Proc *p, term_t c)
{
    if (c == ATOM_dollar_end_of_table) return c;
    if (!term_is_tuple(c) || tuple_arity(c) != 6 || tuple_elems(c)[0] != ATOM_ets ||
        !small_in(tuple_elems(c)[4], 1, SMALL_MAX) || !is_bool(tuple_elems(c)[5]))
        BIF_BADARG(p);
    term_t *e = tuple_elems(c);
    return select_chunk(p, e[1], e[3], (size_t)small_val(e[4]), e[5] == ATOM_true, e[2]);
}

/* [{Pattern, [], [Body]}] for match ('$$') and match_object ('$_'). */
static term_t pattern_spec(Proc *p, term_t pattern, term_t body)
{
    term_t clause = heap_tuple3(p, pattern, TERM_NIL, heap_cons(p, body, TERM_NIL));
    return heap_cons(p, clause, TERM_NIL);
}

BIF(bif_ets_select_2) { return select_all(p, args[0], args[1], false); }
BIF(bif_ets_select_reverse_2) { return select_all(p, args[0], args[1], true); }
BIF(bif_ets_select_3) { return select_limit(p, args, false); }
BIF(bif_ets_select_reverse_3) { return select_limit(p, args, true); }
BIF(bif_ets_select_1) { return select_cont(p, args[0]); }

BIF(bif_ets_match_2)
{
    return select_all(p, args[0], pattern_spec(p, args[1], ATOM_dollar_dollar), false);
}

BIF(bif_ets_match_object_2)
{
    return select_all(p, args[0], pattern_spec(p, args[1], ATOM_dollar_underscore), false);
}

BIF(bif_ets_match_3)
{
    term_t a[3] = {args[0], pattern_spec(p, args[1], ATOM_dollar_dollar), args[2]};
    return select_limit(p, a, false);
}

BIF(bif_ets_match_object_3)
{
    term_t a[3] = {args[0], pattern_spec(p, args[1], ATOM_dollar_underscore), args[2]};
    return select_limit(p, a, false);
}

/* select_count (deleting false) and select_delete (true): the objects
   for which the spec returns true. */
static term_t select_true(Proc *p, term_t *args, bool deleting)
{
    TAB(t, args[0], deleting ? A_WRITE : A_READ);
    MatchSpec *ms = ms_compile(args[1]);
    if (!ms) BIF_BADARG(p);
    Walk w;
    walk_start(&w, t, ms, false, true);
    size_t n = 0;
    EtsObj *o;
    while ((o = walk_next(&w))) {
        if (ms_run(p, ms, o->term) != ATOM_true) continue;
        n++;
        if (deleting) ets_unlink(t, o);
    }
    ms_free(ms);
    return heap_uint(p, n);
}

BIF(bif_ets_select_count_2) { return select_true(p, args, false); }
BIF(bif_ets_internal_select_delete_2) { return select_true(p, args, true); }

/* The spec must keep keys (ms_keeps_key); each result is still checked
   before any replacement is made. A failing body replaces nothing. */
BIF(bif_ets_select_replace_2)
{
    TAB(t, args[0], A_WRITE);
    MatchSpec *ms = ms_compile(args[1]);
    if (!ms || t->type == ETS_BAG || !ms_keeps_key(ms, t->keypos)) {
        ms_free(ms);
        BIF_BADARG(p);
    }
    Walk w;
    walk_start(&w, t, ms, false, true);
    Acc olds = {NULL, 0, 0}, news = {NULL, 0, 0};
    EtsObj *o;
    bool ok = true;
    while (ok && (o = walk_next(&w))) {
        term_t r = ms_run(p, ms, o->term);
        if (r == TERM_NONE || r == ATOM_EXIT) continue;
        ok = valid_obj(t, r) && compare_exact(ets_key(t, r), ets_key(t, o->term));
        acc_push(&olds, (term_t)(uintptr_t)o);
        acc_push(&news, r);
    }
    ms_free(ms);
    size_t n = olds.n;
    for (size_t i = 0; ok && i < n; i++)
        ets_replace(t, (EtsObj *)(uintptr_t)olds.v[i], ets_obj_new(news.v[i]));
    vm_free(olds.v);
    vm_free(news.v);
    if (!ok) BIF_BADARG(p);
    return heap_uint(p, n);
}

/* ---- compiled match specifications ---- */

/* Compiled specs live as long as the VM: a reference number, the spec
   copied out of the heap, and its compiled form; sorted by number. */
typedef struct Compiled {
    uint64_t id;
    EtsObj *copy;
    MatchSpec *ms;
} Compiled;

static Compiled *compiled;
static size_t ncompiled, compiled_cap;

static MatchSpec *compiled_find(term_t t)
{
    if (!term_is_ref(t)) return NULL;
    uint64_t id = ref_number(t);
    size_t lo = 0, hi = ncompiled;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (compiled[mid].id == id) return compiled[mid].ms;
        if (compiled[mid].id < id) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

BIF(bif_ets_match_spec_compile_1)
{
    MatchSpec *check = ms_compile(args[0]);
    if (!check) BIF_BADARG(p);
    ms_free(check);
    if (ncompiled == compiled_cap) {
        compiled_cap = compiled_cap ? compiled_cap * 2 : 16;
        compiled = vm_realloc(compiled, compiled_cap * sizeof *compiled);
    }
    term_t ref = monitor_ref_new(p);
    Compiled *c = &compiled[ncompiled++];
    c->id = ref_number(ref);
    c->copy = ets_obj_new(args[0]);
    c->ms = ms_compile(c->copy->term);
    return ref;
}

BIF(bif_ets_is_compiled_ms_1) { return bool_atom(compiled_find(args[0]) != NULL); }

BIF(bif_ets_match_spec_run_r_3)
{
    MatchSpec *ms = compiled_find(args[1]);
    if (!ms || list_length(args[0]) < 0) BIF_BADARG(p);
    term_t acc = args[2];
    for (term_t l = args[0]; term_is_list(l); l = list_tail(l)) {
        term_t r = ms_run(p, ms, list_head(l));
        if (r != TERM_NONE) acc = heap_cons(p, copy_out(p, r), acc);
    }
    return acc;
}

#define T(name, arity, fn) {"ets", name, arity, fn, 0}

const BifDef bif_ets_table[] = {
    T("new", 2, bif_ets_new_2),
    T("insert", 2, bif_ets_insert_2),
    T("insert_new", 2, bif_ets_insert_new_2),
    T("lookup", 2, bif_ets_lookup_2),
    T("member", 2, bif_ets_member_2),
    T("lookup_element", 3, bif_ets_lookup_element_3),
    T("take", 2, bif_ets_take_2),
    T("delete", 1, bif_ets_delete_1),
    T("delete", 2, bif_ets_delete_2),
    T("delete_object", 2, bif_ets_delete_object_2),
    T("internal_delete_all", 2, bif_ets_internal_delete_all_2),
    T("update_counter", 3, bif_ets_update_counter_3),
    T("update_counter", 4, bif_ets_update_counter_4),
    T("update_element", 3, bif_ets_update_element_3),
    T("first", 1, bif_ets_first_1),
    T("last", 1, bif_ets_last_1),
    T("next", 2, bif_ets_next_2),
    T("prev", 2, bif_ets_prev_2),
    T("slot", 2, bif_ets_slot_2),
    T("info", 1, bif_ets_info_1),
    T("info", 2, bif_ets_info_2),
    T("whereis", 1, bif_ets_whereis_1),
    T("rename", 2, bif_ets_rename_2),
    T("give_away", 3, bif_ets_give_away_3),
    T("setopts", 2, bif_ets_setopts_2),
    T("safe_fixtable", 2, bif_ets_safe_fixtable_2),
    T("internal_request_all", 0, bif_ets_internal_request_all_0),
    T("select", 1, bif_ets_select_1),
    T("select", 2, bif_ets_select_2),
    T("select", 3, bif_ets_select_3),
    T("select_reverse", 1, bif_ets_select_1),
    T("select_reverse", 2, bif_ets_select_reverse_2),
    T("select_reverse", 3, bif_ets_select_reverse_3),
    T("match", 1, bif_ets_select_1),
    T("match", 2, bif_ets_match_2),
    T("match", 3, bif_ets_match_3),
    T("match_object", 1, bif_ets_select_1),
    T("match_object", 2, bif_ets_match_object_2),
    T("match_object", 3, bif_ets_match_object_3),
    T("select_count", 2, bif_ets_select_count_2),
    T("internal_select_delete", 2, bif_ets_internal_select_delete_2),
    T("select_replace", 2, bif_ets_select_replace_2),
    T("match_spec_compile", 1, bif_ets_match_spec_compile_1),
    T("is_compiled_ms", 1, bif_ets_is_compiled_ms_1),
    T("match_spec_run_r", 3, bif_ets_match_spec_run_r_3),
    {NULL, NULL, 0, NULL, 0},
};
