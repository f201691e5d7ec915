/*
** persistent_term.c: the persistent_term module: put/2, get/0,1,2,
** erase/1, info/0. Keys and values are copied once into the literal area
** (lit_copy), so get/1 returns the stored term without copying it. The
** table is a chained hash table in C memory, doubled as it fills. Literal
** memory is never reclaimed, so an erased or replaced term stays allocated.
*/
#include "erlang.h"

#include "../vm/copy.h"
#include "../vm/lit.h"
#include "../vm/map.h"

typedef struct PtEntry {
    struct PtEntry *next;
    term_t key, value;      /* in the literal area */
    uint32_t hash;
    size_t words;           /* literal words of key and value */
} PtEntry;

static PtEntry **table;
static size_t nslots, count, total_words;

static PtEntry **pt_link(term_t k, uint32_t h)
{
    if (nslots == 0) return NULL;
    PtEntry **link = &table[h & (nslots - 1)];
    while (*link && !((*link)->hash == h && compare_exact((*link)->key, k)))
        link = &(*link)->next;
    return link;
}

static void pt_grow(void)
{
    size_t n = nslots ? nslots * 2 : 64;
    PtEntry **t = vm_zalloc(n * sizeof *t);
    for (size_t i = 0; i < nslots; i++) {
        PtEntry *e = table[i];
        while (e) {
            PtEntry *next = e->next;
            e->next = t[e->hash & (n - 1)];
            t[e->hash & (n - 1)] = e;
            e = next;
        }
    }
    vm_free(table);
    table = t;
    nslots = n;
}

static PtEntry *pt_find(term_t k)
{
    PtEntry **link = pt_link(k, erlang_term_hash(k));
    return link ? *link : NULL;
}

BIF(bif_persistent_term_put_2)
{
    VM_UNUSED(p);
    term_t k = args[0], v = args[1];
    uint32_t h = erlang_term_hash(k);
    PtEntry *e = pt_find(k);
    if (e) {
        if (compare_exact(e->value, v)) return ATOM_ok;
        size_t words = copy_size(e->key) + copy_size(v);
        total_words = total_words - e->words + words;
        e->words = words;
        e->value = lit_copy(v);
        return ATOM_ok;
    }
    if (count >= nslots) pt_grow();
    e = vm_alloc(sizeof *e);
    e->key = lit_copy(k);
    e->value = lit_copy(v);
    e->hash = h;
    e->words = copy_size(k) + copy_size(v);
    total_words += e->words;
    e->next = table[h & (nslots - 1)];
    table[h & (nslots - 1)] = e;
    count++;
    return ATOM_ok;
}

BIF(bif_persistent_term_get_1)
{
    PtEntry *e = pt_find(args[0]);
    if (!e) BIF_BADARG(p);
    return e->value;
}

BIF(bif_persistent_term_get_2)
{
    VM_UNUSED(p);
    PtEntry *e = pt_find(args[0]);
    return e ? e->value : args[1];
}

BIF(bif_persistent_term_get_0)
{
    VM_UNUSED(args);
    term_t out = TERM_NIL;
    for (size_t i = 0; i < nslots; i++)
        for (PtEntry *e = table[i]; e; e = e->next)
            out = heap_cons(p, heap_tuple2(p, e->key, e->value), out);
    return out;
}

BIF(bif_persistent_term_erase_1)
{
    VM_UNUSED(p);
    PtEntry **link = pt_link(args[0], erlang_term_hash(args[0]));
    if (!link || !*link) return ATOM_false;
    PtEntry *e = *link;
    *link = e->next;
    total_words -= e->words;
    count--;
    vm_free(e);
    return ATOM_true;
}

/* #{count => N, memory => Bytes}: the bytes count the stored terms and the
   table. */
BIF(bif_persistent_term_info_0)
{
    VM_UNUSED(args);
    size_t bytes = total_words * sizeof(term_t) + count * sizeof(PtEntry) +
                   nslots * sizeof(PtEntry *);
    term_t kv[4] = {ATOM_count, heap_uint(p, count), ATOM_memory, heap_uint(p, bytes)};
    return map_from_pairs(p, kv, 2);
}

#define T(name, arity, fn) {"persistent_term", name, arity, fn, 0}

const BifDef bif_persistent_term_table[] = {
    T("put", 2, bif_persistent_term_put_2),
    T("get", 0, bif_persistent_term_get_0),
    T("get", 1, bif_persistent_term_get_1),
    T("get", 2, bif_persistent_term_get_2),
    T("erase", 1, bif_persistent_term_erase_1),
    T("info", 0, bif_persistent_term_info_0),
    {NULL, NULL, 0, NULL, 0},
};
