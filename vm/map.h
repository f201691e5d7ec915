/*
** map.h: Erlang maps, in the two shapes OTP 25 uses.
**
** A flat map holds at most MAP_FLAT_MAX keys:
**   [hdr(HDR_MAP, 1 + n)] keys, v1 .. vn
** where 'keys' is a tuple of the n keys sorted by compare_terms_exact, and
** v(i) belongs to key i. The empty map is a flat map whose keys are {}.
**
** A larger map is a hash array mapped trie of HDR_HAMT nodes. Each level
** consumes four bits of the key's hash (hash_map_key), lowest bits first:
**   head:  [hdr(HDR_HAMT, 2 + c)] small(bitmap | MAP_HAMT_HEAD), small(size), child...
**   inner: [hdr(HDR_HAMT, 1 + c)] small(bitmap), child...
** 'bitmap' has bit i set when slot i (a hash nibble) is in use; the c
** children follow in increasing slot order. A child is a leaf, the cons
** cell [Key | Value], or a boxed inner node. Every word after the header
** is a term (the bitmap and size are small integers), so the collector and
** the copier scan HAMT nodes like tuples. The trie is canonical: a leaf
** sits at the shallowest level where its hash is unique among the keys, so
** equal maps have the same shape whichever way they were built. The head is
** the only node an Erlang term points to; 'term_is_map' is never asked
** about an inner node.
**
** Every function here allocates with heap_alloc only (never GCs), leaves
** its arguments unchanged, and returns TERM_NONE without raising unless it
** says otherwise.
*/
#ifndef SPORE_MAP_H
#define SPORE_MAP_H

#include "term.h"

struct Proc;

#define MAP_FLAT_MAX 32
#define MAP_HAMT_HEAD 0x10000u  /* flag in the bitmap word of a head node */
#define MAP_MAX_DEPTH 48        /* levels of the trie (six 32-bit hashes) */

static inline bool map_is_flat(term_t m) { return boxed_is(m, HDR_MAP); }
static inline size_t map_flat_size(term_t m) { return (size_t)HDR_ARITY(boxed_hdr(m)) - 1; }
static inline term_t *map_flat_keys(term_t m) { return tuple_elems(term_ptr(m)[1]); }
static inline term_t *map_flat_vals(term_t m) { return term_ptr(m) + 2; }

/* The empty map. */
term_t map_new(struct Proc *p);

/* The number of keys of map 'm'. */
size_t map_size(term_t m);

/* The value of key 'k' (matched with =:=), or TERM_NONE if absent. */
term_t map_get(term_t m, term_t k);

/* 'm' with k => v (added or replaced). Returns 'm' itself if it already
   holds exactly that pair. */
term_t map_put(struct Proc *p, term_t m, term_t k, term_t v);

/* 'm' with the value of existing key 'k' replaced by 'v'; TERM_NONE (no
   error set) if 'k' is absent. */
term_t map_update(struct Proc *p, term_t m, term_t k, term_t v);

/* 'm' without key 'k' ('m' itself if absent). A map that shrinks to
   MAP_FLAT_MAX keys becomes flat again. */
term_t map_remove(struct Proc *p, term_t m, term_t k);

/* The map of a list of {K, V} tuples, later keys winning. TERM_NONE (no
   error set) if 'list' is not a proper list of 2-tuples. */
term_t map_from_list(struct Proc *p, term_t list);

/* The map of 'n' pairs kv[2i] => kv[2i+1], later keys winning. */
term_t map_from_pairs(struct Proc *p, const term_t *kv, size_t n);

/* put_map_assoc (exact false) and put_map_exact (exact true): 'm' with
   'npairs' pairs kv[2i] => kv[2i+1] put in order. With 'exact', every key
   must already be present: otherwise returns TERM_NONE after raising
   {badkey, K}. */
term_t map_put_many(struct Proc *p, term_t m, const term_t *kv, size_t npairs, bool exact);

/* maps:merge(a, b): the keys of both, the values of 'b' winning. */
term_t map_merge(struct Proc *p, term_t a, term_t b);

/* Iteration in OTP's order: the key order for a flat map, the trie order
   for a large one (maps:next and maps:fold see this order). The map must
   not be collected while an iterator is live. */
typedef struct MapIterLevel {
    const term_t *child;               /* the children of a node */
    uint32_t idx, cnt;                 /* the next one to visit, and how many */
} MapIterLevel;
typedef struct MapIter {
    term_t map;
    size_t i, n;                       /* flat maps */
    int sp;                            /* HAMT: depth of 'stack' */
    MapIterLevel stack[MAP_MAX_DEPTH];
} MapIter;
void map_iter_init(MapIter *it, term_t m);
/* The next pair in '*k', '*v'; false when there is none. */
bool map_iter_next(MapIter *it, term_t *k, term_t *v);

/* Lists in maps:keys/values/to_list order: the iteration order for a flat
   map, its reverse for a large one (as OTP builds them). */
term_t map_keys(struct Proc *p, term_t m);
term_t map_values(struct Proc *p, term_t m);
term_t map_to_list(struct Proc *p, term_t m);   /* [{K, V}] */

/* Fills ks[0..n) and vs[0..n) (n = map_size(m)) with the pairs of 'm' in
   map-key order (compare_terms_exact). Uses no process heap. */
void map_sorted_pairs(term_t m, term_t *ks, term_t *vs);

/* erts_internal:map_next/3 support: the children of HAMT node 'node' (an
   inner node or the head): their count, and a pointer to the first. */
size_t map_node_children(term_t node, const term_t **first);

#endif
