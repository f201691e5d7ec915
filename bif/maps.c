/*
** maps.c: the map BIFs of the erlang module (map_size, map_get,
** is_map_key, is_map), of the maps module, and erts_internal:map_next/3,
** on which OTP 25's maps:iterator/next and maps:to_list are built. The map
** data structure itself is vm/map.c.
*/
#include "bif.h"

#include "../vm/compare.h"
#include "../vm/map.h"

static term_t badmap(Proc *p, term_t m) {
    return bif_error(p, EXC_ERROR, heap_tuple2(p, ATOM_badmap, m));
}

static term_t badkey(Proc *p, term_t k) {
    return bif_error(p, EXC_ERROR, heap_tuple2(p, ATOM_badkey, k));
}

/* ---- erlang ---- */

BIF(bif_erlang_map_size_1) {
    if (!term_is_map(args[0])) return badmap(p, args[0]);
    return heap_uint(p, map_size(args[0]));
}

BIF(bif_erlang_map_get_2) {
    if (!term_is_map(args[1])) return badmap(p, args[1]);
    term_t v = map_get(args[1], args[0]);
    return v == TERM_NONE ? badkey(p, args[0]) : v;
}

BIF(bif_erlang_is_map_key_2) {
    if (!term_is_map(args[1])) return badmap(p, args[1]);
    return map_get(args[1], args[0]) == TERM_NONE ? ATOM_false : ATOM_true;
}

BIF(bif_erlang_is_map_1) {
    VM_UNUSED(p);
    return term_is_map(args[0]) ? ATOM_true : ATOM_false;
}

/* ---- maps ---- */

BIF(bif_maps_get_2) { return bif_erlang_map_get_2(p, args); }

BIF(bif_maps_get_3) {
    if (!term_is_map(args[1])) return badmap(p, args[1]);
    term_t v = map_get(args[1], args[0]);
    return v == TERM_NONE ? args[2] : v;
}

BIF(bif_maps_find_2) {
    if (!term_is_map(args[1])) return badmap(p, args[1]);
    term_t v = map_get(args[1], args[0]);
    return v == TERM_NONE ? ATOM_error : heap_tuple2(p, ATOM_ok, v);
}

BIF(bif_maps_put_3) {
    if (!term_is_map(args[2])) return badmap(p, args[2]);
    return map_put(p, args[2], args[0], args[1]);
}

BIF(bif_maps_remove_2) {
    if (!term_is_map(args[1])) return badmap(p, args[1]);
    return map_remove(p, args[1], args[0]);
}

BIF(bif_maps_update_3) {
    if (!term_is_map(args[2])) return badmap(p, args[2]);
    term_t m = map_update(p, args[2], args[0], args[1]);
    return m == TERM_NONE ? badkey(p, args[0]) : m;
}

BIF(bif_maps_is_key_2) { return bif_erlang_is_map_key_2(p, args); }

BIF(bif_maps_keys_1) {
    if (!term_is_map(args[0])) return badmap(p, args[0]);
    return map_keys(p, args[0]);
}

BIF(bif_maps_values_1) {
    if (!term_is_map(args[0])) return badmap(p, args[0]);
    return map_values(p, args[0]);
}

BIF(bif_maps_to_list_1) {
    if (!term_is_map(args[0])) return badmap(p, args[0]);
    return map_to_list(p, args[0]);
}

BIF(bif_maps_from_list_1) {
    term_t m = map_from_list(p, args[0]);
    if (m == TERM_NONE) BIF_BADARG(p);
    return m;
}

BIF(bif_maps_from_keys_2) {
    sint_t n = list_length(args[0]);
    if (n < 0) BIF_BADARG(p);
    term_t *kv = vm_alloc(2 * (size_t)(n ? n : 1) * sizeof(term_t));
    size_t i = 0;
    for (term_t l = args[0]; term_is_list(l); l = list_tail(l), i++) {
        kv[2 * i] = list_head(l);
        kv[2 * i + 1] = args[1];
    }
    term_t m = map_from_pairs(p, kv, (size_t)n);
    vm_free(kv);
    return m;
}

BIF(bif_maps_merge_2) {
    if (!term_is_map(args[0])) return badmap(p, args[0]);
    if (!term_is_map(args[1])) return badmap(p, args[1]);
    return map_merge(p, args[0], args[1]);
}

BIF(bif_maps_take_2) {
    if (!term_is_map(args[1])) return badmap(p, args[1]);
    term_t v = map_get(args[1], args[0]);
    if (v == TERM_NONE) return ATOM_error;
    return heap_tuple2(p, v, map_remove(p, args[1], args[0]));
}

/* ---- erts_internal:map_next(Path, Map, iterator | Acc) ----
** A flat map answers all its pairs at once. In a large map, Path names the
** next leaf: four bits per level, the root's child index lowest; past a
** node that is not a leaf, the path goes on through child 0. The answer is
** {K1, V1, {K2, V2, ... [NextPath | Map] or none}} for 'iterator', and
** [NextPath, Map, {Kn, Vn}, ..., {K1, V1} | Acc] (without the first two when
** the map is done) for a list Acc, as maps:to_list expects. */

#define NEXT_FIRST_BATCH MAP_FLAT_MAX   /* pairs answered for path 0 */
#define NEXT_BATCH 1000                 /* pairs answered for later paths */

static term_t next_flat(Proc *p, term_t path, term_t m, bool iter, term_t acc) {
    size_t n = map_flat_size(m);
    if (!term_is_small(path) || small_val(path) < 0 || (size_t)small_val(path) > n)
        BIF_BADARG(p);
    const term_t *ks = map_flat_keys(m), *vs = map_flat_vals(m);
    term_t res = iter ? ATOM_none : acc;
    for (size_t i = n; i-- > 0;) {
        term_t t = iter ? heap_tuple3(p, ks[i], vs[i], res) : heap_tuple2(p, ks[i], vs[i]);
        res = iter ? t : heap_cons(p, t, res);
    }
    return res;
}

/* The child indices a path names: 16 per 64-bit word. */
static bool path_digits(term_t path, uint64_t *d, size_t *nd) {
    if (term_is_small(path)) {
        if (small_val(path) < 0) return false;
        d[0] = (uint64_t)small_val(path);
        *nd = 1;
        return true;
    }
    if (!boxed_is(path, HDR_POS_BIG) || HDR_ARITY(boxed_hdr(path)) > MAP_MAX_DEPTH / 16)
        return false;
    *nd = HDR_ARITY(boxed_hdr(path));
    memcpy(d, term_ptr(path) + 1, *nd * sizeof(uint64_t));
    return true;
}

static term_t make_path(Proc *p, const MapIterLevel *st, int sp) {
    uint64_t d[MAP_MAX_DEPTH / 16 + 1] = {0};
    for (int i = 0; i < sp; i++) d[i / 16] |= (uint64_t)(st[i].idx - 1) << (4 * (i % 16));
    size_t nd = (size_t)(sp + 15) / 16;
    if (nd <= 1) return heap_uint(p, d[0]);
    term_t *w = heap_alloc(p, 1 + nd);
    w[0] = MAKE_HDR(HDR_POS_BIG, nd);
    memcpy(w + 1, d, nd * sizeof(uint64_t));
    return make_boxed(w);
}

static term_t next_hamt(Proc *p, term_t path, term_t m, bool iter, term_t acc) {
    uint64_t d[MAP_MAX_DEPTH / 16 + 1];
    size_t nd;
    if (!path_digits(path, d, &nd)) BIF_BADARG(p);
    size_t want = (path == make_small(0)) ? NEXT_FIRST_BATCH : NEXT_BATCH;
    MapIterLevel st[MAP_MAX_DEPTH];
    int sp = 0;
    term_t node = m, res = iter ? TERM_NONE : acc, *patch = &res;
    /* Descend along the path to its leaf; 'idx' is one past the child taken. */
    for (int lvl = 0;; lvl++) {
        if (lvl >= MAP_MAX_DEPTH) BIF_BADARG(p);
        const term_t *first;
        size_t cnt = map_node_children(node, &first);
        size_t e = (size_t)(lvl / 16 < (int)nd ? (d[lvl / 16] >> (4 * (lvl % 16))) & 15 : 0);
        if (e >= cnt) BIF_BADARG(p);
        st[sp++] = (MapIterLevel){first, (uint32_t)e + 1, (uint32_t)cnt};
        if (term_is_list(first[e])) break;
        node = first[e];
    }
    size_t got = 0;
    term_t leaf = st[sp - 1].child[st[sp - 1].idx - 1];
    for (;;) {
        if (leaf != TERM_NONE) {
            if (iter) {
                term_t t = heap_tuple3(p, list_head(leaf), list_tail(leaf), TERM_NIL);
                *patch = t;
                patch = &tuple_elems(t)[2];
            } else {
                res = heap_cons(p, heap_tuple2(p, list_head(leaf), list_tail(leaf)), res);
            }
            got++;
            leaf = TERM_NONE;
        }
        while (sp > 0 && st[sp - 1].idx == st[sp - 1].cnt) sp--;
        if (sp == 0 || got == want) break;
        term_t c = st[sp - 1].child[st[sp - 1].idx++];
        if (term_is_list(c)) {
            leaf = c;
        } else {
            const term_t *first;
            size_t cnt = map_node_children(c, &first);
            st[sp++] = (MapIterLevel){first, 0, (uint32_t)cnt};
        }
    }
    if (sp == 0) {
        if (iter) *patch = ATOM_none;
        return res;
    }
    /* The next leaf to answer is child 'idx' of the deepest level. */
    st[sp - 1].idx++;
    term_t next = make_path(p, st, sp);
    if (iter) {
        *patch = heap_cons(p, next, m);
        return res;
    }
    return heap_cons(p, next, heap_cons(p, m, res));
}

BIF(bif_erts_internal_map_next_3) {
    term_t path = args[0], m = args[1], mode = args[2];
    if (!term_is_map(m)) BIF_BADARG(p);
    bool iter = mode == ATOM_iterator;
    if (!iter && !term_is_nil(mode) && !term_is_list(mode)) BIF_BADARG(p);
    if (map_is_flat(m)) return next_flat(p, path, m, iter, mode);
    return next_hamt(p, path, m, iter, mode);
}

const BifDef bif_maps_table[] = {
    {"erlang", "map_size", 1, bif_erlang_map_size_1, BIF_GUARD},
    {"erlang", "map_get", 2, bif_erlang_map_get_2, BIF_GUARD},
    {"erlang", "is_map_key", 2, bif_erlang_is_map_key_2, BIF_GUARD},
    {"erlang", "is_map", 1, bif_erlang_is_map_1, BIF_GUARD},
    {"maps", "get", 2, bif_maps_get_2, 0},
    {"maps", "get", 3, bif_maps_get_3, 0},
    {"maps", "find", 2, bif_maps_find_2, 0},
    {"maps", "put", 3, bif_maps_put_3, 0},
    {"maps", "remove", 2, bif_maps_remove_2, 0},
    {"maps", "update", 3, bif_maps_update_3, 0},
    {"maps", "is_key", 2, bif_maps_is_key_2, 0},
    {"maps", "keys", 1, bif_maps_keys_1, 0},
    {"maps", "values", 1, bif_maps_values_1, 0},
    {"maps", "to_list", 1, bif_maps_to_list_1, 0},
    {"maps", "from_list", 1, bif_maps_from_list_1, 0},
    {"maps", "from_keys", 2, bif_maps_from_keys_2, 0},
    {"maps", "merge", 2, bif_maps_merge_2, 0},
    {"maps", "take", 2, bif_maps_take_2, 0},
    {"erts_internal", "map_next", 3, bif_erts_internal_map_next_3, 0},
    {NULL, NULL, 0, NULL, 0},
};
