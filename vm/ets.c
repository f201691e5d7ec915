/*
** ets.c: ETS tables (ets.h): the registry of tables, object copies, the
** hash-table and skip-list storage, table-order walks, and what happens
** to a process's tables when it exits. Argument checks, access rights and
** the conversion of results to terms are bif/ets.c's.
*/
#include "../sched/sched.h"
#include "atom.h"
#include "bin.h"
#include "compare.h"
#include "copy.h"
#include "ets.h"
#include "hash.h"

#define ETS_MIN_BITS 4
#define SKIP_MAX 32

typedef struct EtsSkip {
    EtsObj *obj;              /* NULL in the head */
    struct EtsSkip *back;     /* the previous node at level 0 (NULL: first) */
    uint32_t level;
    struct EtsSkip *fwd[];
} EtsSkip;

/* ---- objects ---- */

EtsObj *ets_obj_new(term_t t)
{
    size_t n = copy_size(t);
    EtsObj *o = vm_alloc(sizeof(EtsObj) + n * sizeof(term_t));
    o->next = NULL;
    o->node = NULL;
    o->offheap = NULL;
    o->hash = 0;
    o->words = n;
    term_t *hp = o->mem;
    o->term = copy_term(t, &hp, &o->offheap);
    return o;
}

void ets_obj_free(EtsObj *o)
{
    if (!o) return;
    term_t *b = o->offheap;
    while (b) {
        term_t *after = (term_t *)(uintptr_t)b[REFC_NEXT];
        bin_decref((Binary *)(uintptr_t)b[REFC_BIN]);
        b = after;
    }
    vm_free(o);
}

/* ---- the registry: chained hashes by id and by name, and a list ---- */

static EtsTable **by_id, **by_name;
static size_t reg_size, reg_count; /* both hashes have 'reg_size' buckets */
static EtsTable *all_first;

static size_t reg_slot(uint64_t x)
{
    return (size_t)((x * 0x9E3779B97F4A7C15ull) >> 17) & (reg_size - 1);
}
static size_t id_slot(uint64_t id) { return reg_slot(id); }
static size_t name_slot(term_t a) { return reg_slot(a); }

static void reg_grow(void)
{
    size_t n = reg_size ? reg_size * 2 : 64;
    vm_free(by_id);
    vm_free(by_name);
    by_id = vm_zalloc(n * sizeof *by_id);
    by_name = vm_zalloc(n * sizeof *by_name);
    reg_size = n;
    for (EtsTable *t = all_first; t; t = t->all_next) {
        size_t i = id_slot(t->id);
        t->id_next = by_id[i];
        by_id[i] = t;
        if (t->named) {
            i = name_slot(t->name);
            t->name_next = by_name[i];
            by_name[i] = t;
        }
    }
}

static EtsTable *find_name(term_t name)
{
    if (!reg_size) return NULL;
    for (EtsTable *t = by_name[name_slot(name)]; t; t = t->name_next)
        if (t->name == name) return t;
    return NULL;
}

static void name_unlink(EtsTable *t)
{
    EtsTable **l = &by_name[name_slot(t->name)];
    while (*l != t) l = &(*l)->name_next;
    *l = t->name_next;
}

static void name_link(EtsTable *t)
{
    size_t i = name_slot(t->name);
    t->name_next = by_name[i];
    by_name[i] = t;
}

EtsTable *ets_table_new(term_t name, bool named, uint32_t type, uint32_t keypos, term_t owner)
{
    static uint64_t next_id;
    uint64_t id = ETS_REF_FLAG | ++next_id;
    if (named && find_name(name)) return NULL;
    if (reg_count >= reg_size) reg_grow();
    EtsTable *t = vm_zalloc(sizeof *t);
    t->id = id;
    t->name = name;
    t->named = named;
    t->type = (uint8_t)type;
    t->access = ETS_PROTECTED;
    t->keypos = keypos;
    t->owner = owner;
    t->heir = ATOM_none;
    t->write_conc = ATOM_false;
    t->rng = 0x9E3779B97F4A7C15ull ^ id;
    if (type == ETS_ORDERED_SET) {
        t->head = vm_zalloc(sizeof(EtsSkip) + SKIP_MAX * sizeof(EtsSkip *));
        t->head->level = SKIP_MAX;
        t->levels = 1;
    } else {
        t->bits = ETS_MIN_BITS;
        t->buckets = vm_zalloc(((size_t)1 << t->bits) * sizeof(EtsObj *));
    }
    size_t i = id_slot(id);
    t->id_next = by_id[i];
    by_id[i] = t;
    if (named) name_link(t);
    t->all_next = all_first;
    if (all_first) all_first->all_prev = t;
    all_first = t;
    reg_count++;
    return t;
}

void ets_table_free(EtsTable *t)
{
    EtsTable **l = &by_id[id_slot(t->id)];
    while (*l != t) l = &(*l)->id_next;
    *l = t->id_next;
    if (t->named) name_unlink(t);
    if (t->all_prev) t->all_prev->all_next = t->all_next;
    else all_first = t->all_next;
    if (t->all_next) t->all_next->all_prev = t->all_prev;
    reg_count--;
    ets_clear(t);
    ets_obj_free(t->heir_data);
    vm_free(t->buckets);
    vm_free(t->head);
    vm_free(t);
}

EtsTable *ets_table_find(term_t tid)
{
    if (term_is_atom(tid)) return find_name(tid);
    if (!term_is_ref(tid) || !reg_size) return NULL;
    uint64_t id = ref_number(tid);
    for (EtsTable *t = by_id[id_slot(id)]; t; t = t->id_next)
        if (t->id == id) return t;
    return NULL;
}

bool ets_table_rename(EtsTable *t, term_t name)
{
    if (!t->named) {
        t->name = name;
        return true;
    }
    EtsTable *other = find_name(name);
    if (other) return other == t;
    name_unlink(t);
    t->name = name;
    name_link(t);
    return true;
}

EtsTable *ets_tables(void) { return all_first; }

term_t ets_ref(Proc *p, const EtsTable *t)
{
    term_t *hp = heap_alloc(p, REF_WORDS);
    hp[0] = MAKE_HDR(HDR_REF, 1);
    hp[1] = t->id;
    return make_boxed(hp);
}

term_t ets_tid(Proc *p, const EtsTable *t)
{
    return t->named ? t->name : ets_ref(p, t);
}

void ets_owner_exit(Proc *p, term_t reason)
{
    VM_UNUSED(reason);
    EtsTable *t = all_first;
    while (t) {
        EtsTable *next = t->all_next;
        if (t->owner == p->pid) {
            Proc *heir = term_is_pid(t->heir) ? proc_find(t->heir) : NULL;
            if (heir && heir != p && heir->status < PROC_EXITING) {
                term_t data = t->heir_data ? t->heir_data->term : ATOM_undefined;
                term_t msg = heap_tuple4(p, ATOM_ETS_TRANSFER, ets_tid(p, t), p->pid, data);
                t->owner = heir->pid;
                mbox_send(heir, msg);
            } else {
                ets_table_free(t);
            }
        }
        t = next;
    }
}

/* ---- hash tables ---- */

static uint32_t key_hash(term_t key)
{
    uint32_t h = hash_phash2(key, 0);
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

static inline size_t bucket_of(const EtsTable *t, uint32_t h)
{
    return (size_t)(h >> (32 - t->bits));
}

/* <0, 0, >0: the order of (h, k) against the object 'o'. */
static int hcmp(const EtsTable *t, uint32_t h, term_t k, const EtsObj *o)
{
    if (h != o->hash) return h < o->hash ? -1 : 1;
    return compare_terms_exact(k, ets_key(t, o->term));
}

/* The link in the chain of (h, k) where an object of that key is, or
   would be inserted: the first object not before (h, k). */
static EtsObj **hash_link(const EtsTable *t, uint32_t h, term_t k)
{
    EtsObj **l = &t->buckets[bucket_of(t, h)];
    while (*l && hcmp(t, h, k, *l) > 0) l = &(*l)->next;
    return l;
}

static void hash_grow(EtsTable *t)
{
    size_t old = (size_t)1 << t->bits;
    EtsObj **nb = vm_zalloc(old * 2 * sizeof *nb);
    /* Bucket i splits into 2i and 2i+1 (one more high bit); appending keeps
       each chain sorted. */
    for (size_t i = 0; i < old; i++) {
        EtsObj **tail0 = &nb[2 * i], **tail1 = &nb[2 * i + 1];
        for (EtsObj *o = t->buckets[i]; o;) {
            EtsObj *next = o->next;
            o->next = NULL;
            bool hi = (o->hash >> (31 - t->bits)) & 1;
            EtsObj ***tail = hi ? &tail1 : &tail0;
            **tail = o;
            *tail = &o->next;
            o = next;
        }
    }
    vm_free(t->buckets);
    t->buckets = nb;
    t->bits++;
}

static void hash_insert(EtsTable *t, term_t tuple)
{
    term_t k = ets_key(t, tuple);
    uint32_t h = key_hash(k);
    EtsObj **l = hash_link(t, h, k);
    if (*l && hcmp(t, h, k, *l) == 0) {
        if (t->type == ETS_SET) {
            EtsObj *n = ets_obj_new(tuple);
            ets_replace(t, *l, n);
            return;
        }
        /* Bags: append at the end of the key's group. */
        for (;;) {
            if (t->type == ETS_BAG && compare_exact((*l)->term, tuple)) return;
            EtsObj *nx = (*l)->next;
            l = &(*l)->next;
            if (!nx || hcmp(t, h, k, nx) != 0) break;
        }
    }
    EtsObj *o = ets_obj_new(tuple);
    o->hash = h;
    o->next = *l;
    *l = o;
    t->count++;
    t->words += o->words;
    if (t->count > ((size_t)1 << t->bits) && t->bits < 30) hash_grow(t);
}

/* ---- the skip list ---- */

static uint32_t skip_level(EtsTable *t)
{
    uint64_t x = t->rng;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    t->rng = x;
    uint32_t lvl = 1;
    while (lvl < SKIP_MAX && (x & 3) == 0) {
        lvl++;
        x >>= 2;
    }
    return lvl;
}

static int node_cmp(const EtsTable *t, const EtsSkip *n, term_t key)
{
    term_t k = ets_key(t, n->obj->term);
    if (term_is_small(k) && term_is_small(key)) /* the common case, without the general walk */
        return small_val(k) < small_val(key) ? -1 : small_val(k) > small_val(key);
    return compare_terms(k, key);
}

/* Fills 'upd' with the last node at each level whose key is before 'key'
   (strict) or not after it ('inclusive'); returns the level-0 one. */
static EtsSkip *skip_search(const EtsTable *t, term_t key, bool inclusive, EtsSkip **upd)
{
    EtsSkip *x = t->head;
    for (uint32_t i = t->levels; i-- > 0;) {
        for (EtsSkip *n = x->fwd[i]; n; n = x->fwd[i]) {
            int c = node_cmp(t, n, key);
            if (c > 0 || (c == 0 && !inclusive)) break;
            x = n;
        }
        if (upd) upd[i] = x;
    }
    return x;
}

static void skip_insert(EtsTable *t, term_t tuple)
{
    term_t key = ets_key(t, tuple);
    EtsSkip *upd[SKIP_MAX];
    EtsSkip *x = skip_search(t, key, false, upd);
    EtsSkip *n = x->fwd[0];
    if (n && node_cmp(t, n, key) == 0) {
        ets_replace(t, n->obj, ets_obj_new(tuple));
        return;
    }
    uint32_t lvl = skip_level(t);
    for (uint32_t i = t->levels; i < lvl; i++) upd[i] = t->head;
    if (lvl > t->levels) t->levels = lvl;
    n = vm_alloc(sizeof(EtsSkip) + lvl * sizeof(EtsSkip *));
    n->level = lvl;
    n->obj = ets_obj_new(tuple);
    n->obj->node = n;
    for (uint32_t i = 0; i < lvl; i++) {
        n->fwd[i] = upd[i]->fwd[i];
        upd[i]->fwd[i] = n;
    }
    n->back = x == t->head ? NULL : x;
    if (n->fwd[0]) n->fwd[0]->back = n;
    else t->tail = n;
    t->count++;
    t->words += n->obj->words;
}

static void skip_remove(EtsTable *t, EtsSkip *n)
{
    EtsSkip *upd[SKIP_MAX];
    skip_search(t, ets_key(t, n->obj->term), false, upd);
    for (uint32_t i = 0; i < n->level; i++) upd[i]->fwd[i] = n->fwd[i];
    if (n->fwd[0]) n->fwd[0]->back = n->back;
    else t->tail = n->back;
    while (t->levels > 1 && !t->head->fwd[t->levels - 1]) t->levels--;
    vm_free(n);
}

/* ---- storage ---- */

EtsObj *ets_lookup(EtsTable *t, term_t key)
{
    if (t->type == ETS_ORDERED_SET) {
        EtsSkip *n = skip_search(t, key, false, NULL)->fwd[0];
        return n && node_cmp(t, n, key) == 0 ? n->obj : NULL;
    }
    uint32_t h = key_hash(key);
    EtsObj *o = *hash_link(t, h, key);
    return o && hcmp(t, h, key, o) == 0 ? o : NULL;
}

EtsObj *ets_same_next(const EtsTable *t, const EtsObj *o)
{
    if (t->type == ETS_ORDERED_SET) return NULL;
    EtsObj *n = o->next;
    return n && n->hash == o->hash && compare_exact(ets_key(t, n->term), ets_key(t, o->term))
               ? n
               : NULL;
}

void ets_insert(EtsTable *t, term_t tuple)
{
    if (t->type == ETS_ORDERED_SET) skip_insert(t, tuple);
    else hash_insert(t, tuple);
}

void ets_replace(EtsTable *t, EtsObj *o, EtsObj *n)
{
    t->words = t->words - o->words + n->words;
    if (t->type == ETS_ORDERED_SET) {
        n->node = o->node;
        n->node->obj = n;
    } else {
        n->hash = o->hash;
        EtsObj **l = &t->buckets[bucket_of(t, o->hash)];
        while (*l != o) l = &(*l)->next;
        n->next = o->next;
        *l = n;
    }
    ets_obj_free(o);
}

void ets_unlink(EtsTable *t, EtsObj *o)
{
    if (t->type == ETS_ORDERED_SET) {
        skip_remove(t, o->node);
    } else {
        EtsObj **l = &t->buckets[bucket_of(t, o->hash)];
        while (*l != o) l = &(*l)->next;
        *l = o->next;
    }
    t->count--;
    t->words -= o->words;
    ets_obj_free(o);
}

size_t ets_delete_key(EtsTable *t, term_t key)
{
    size_t n = 0;
    EtsObj *o = ets_lookup(t, key);
    while (o) {
        EtsObj *next = ets_same_next(t, o);
        ets_unlink(t, o);
        n++;
        o = next;
    }
    return n;
}

void ets_delete_object(EtsTable *t, term_t tuple)
{
    EtsObj *o = ets_lookup(t, ets_key(t, tuple));
    while (o) {
        EtsObj *next = ets_same_next(t, o);
        if (compare_exact(o->term, tuple)) ets_unlink(t, o);
        o = next;
    }
}

void ets_clear(EtsTable *t)
{
    if (t->type == ETS_ORDERED_SET) {
        EtsSkip *n = t->head->fwd[0];
        while (n) {
            EtsSkip *next = n->fwd[0];
            ets_obj_free(n->obj);
            vm_free(n);
            n = next;
        }
        memset(t->head->fwd, 0, SKIP_MAX * sizeof(EtsSkip *));
        t->levels = 1;
        t->tail = NULL;
    } else {
        for (size_t i = 0; i < ((size_t)1 << t->bits); i++) {
            for (EtsObj *o = t->buckets[i]; o;) {
                EtsObj *next = o->next;
                ets_obj_free(o);
                o = next;
            }
        }
        vm_free(t->buckets);
        t->bits = ETS_MIN_BITS;
        t->buckets = vm_zalloc(((size_t)1 << t->bits) * sizeof(EtsObj *));
    }
    t->count = 0;
    t->words = 0;
}

/* ---- walks ---- */

static EtsObj *bucket_from(const EtsTable *t, size_t i)
{
    for (size_t n = (size_t)1 << t->bits; i < n; i++)
        if (t->buckets[i]) return t->buckets[i];
    return NULL;
}

EtsObj *ets_first(const EtsTable *t)
{
    if (t->type == ETS_ORDERED_SET) return t->head->fwd[0] ? t->head->fwd[0]->obj : NULL;
    return bucket_from(t, 0);
}

EtsObj *ets_last(const EtsTable *t)
{
    if (t->type == ETS_ORDERED_SET) return t->tail ? t->tail->obj : NULL;
    for (size_t i = (size_t)1 << t->bits; i-- > 0;) {
        EtsObj *o = t->buckets[i];
        while (o && o->next) o = o->next;
        if (o) return o;
    }
    return NULL;
}

EtsObj *ets_next(const EtsTable *t, const EtsObj *o)
{
    if (t->type == ETS_ORDERED_SET) return o->node->fwd[0] ? o->node->fwd[0]->obj : NULL;
    return o->next ? o->next : bucket_from(t, bucket_of(t, o->hash) + 1);
}

EtsObj *ets_prev(const EtsTable *t, const EtsObj *o)
{
    if (t->type == ETS_ORDERED_SET) return o->node->back ? o->node->back->obj : NULL;
    return NULL;
}

EtsObj *ets_after(const EtsTable *t, term_t key)
{
    if (t->type == ETS_ORDERED_SET) {
        EtsSkip *n = skip_search(t, key, true, NULL)->fwd[0];
        return n ? n->obj : NULL;
    }
    uint32_t h = key_hash(key);
    EtsObj *o = *hash_link(t, h, key);
    while (o && hcmp(t, h, key, o) == 0) o = o->next;
    return o ? o : bucket_from(t, bucket_of(t, h) + 1);
}

EtsObj *ets_before(const EtsTable *t, term_t key)
{
    if (t->type != ETS_ORDERED_SET) return NULL;
    EtsSkip *x = skip_search(t, key, false, NULL);
    return x == t->head ? NULL : x->obj;
}

size_t ets_slots(const EtsTable *t)
{
    return t->type == ETS_ORDERED_SET ? t->count : (size_t)1 << t->bits;
}

EtsObj *ets_slot(const EtsTable *t, size_t i, size_t *n)
{
    if (t->type == ETS_ORDERED_SET) {
        EtsSkip *x = t->head->fwd[0];
        while (i-- > 0) x = x->fwd[0];
        *n = 1;
        return x->obj;
    }
    *n = 0;
    for (EtsObj *o = t->buckets[i]; o; o = o->next) (*n)++;
    return t->buckets[i];
}
