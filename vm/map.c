/*
** map.c: flat maps and hash-trie maps (layouts in map.h). Updates copy
** the path they change and share the rest. Maps made from many pairs at
** once (from_list, merge, growing past MAP_FLAT_MAX) are built in one pass
** from a sorted array, so the trie comes out in its canonical shape.
*/
#include "map.h"

#include "../bif/bif.h"
#include "compare.h"
#include "hash.h"
#include "heap.h"

/* ---- node access ---- */

static inline uint32_t node_word(const term_t *n) { return (uint32_t)small_val(n[1]); }
static inline bool node_is_head(const term_t *n) { return (node_word(n) & MAP_HAMT_HEAD) != 0; }
static inline uint32_t node_bitmap(const term_t *n) { return node_word(n) & 0xFFFFu; }
static inline size_t node_skip(const term_t *n) { return node_is_head(n) ? 3 : 2; }
static inline size_t node_count(const term_t *n) { return HDR_ARITY(n[0]) + 1 - node_skip(n); }
static inline unsigned popcount(uint32_t x) { return (unsigned)__builtin_popcount(x); }

size_t map_node_children(term_t node, const term_t **first) {
    const term_t *n = term_ptr(node);
    *first = n + node_skip(n);
    return node_count(n);
}

/* A node with room for 'count' children, its bitmap word (and size) set. */
static term_t *node_alloc(struct Proc *p, bool head, uint32_t bitmap, size_t count, size_t size) {
    size_t skip = head ? 3 : 2;
    term_t *n = heap_alloc(p, skip + count);
    n[0] = MAKE_HDR(HDR_HAMT, skip - 1 + count);
    n[1] = make_small(bitmap | (head ? MAP_HAMT_HEAD : 0));
    if (head) n[2] = make_small((sint_t)size);
    return n;
}

/* The slot nibble of 'k' at 'lvl', and the step to the next level. */
static uint32_t hash_at(term_t k, uint32_t lvl) {
    return hash_map_key(k, lvl) >> (4 * (lvl & 7));
}
static uint32_t hash_next(uint32_t h, term_t k, uint32_t lvl_new) {
    return (lvl_new & 7) ? h >> 4 : hash_map_key(k, lvl_new);
}

static term_t leaf(struct Proc *p, term_t k, term_t v) { return heap_cons(p, k, v); }

/* ---- flat maps ---- */

static term_t make_flat(struct Proc *p, size_t n, const term_t *ks, const term_t *vs) {
    term_t *w = heap_alloc(p, (n + 1) + (n + 2));
    w[0] = MAKE_HDR(HDR_TUPLE, n);
    term_t *m = w + n + 1;
    m[0] = MAKE_HDR(HDR_MAP, n + 1);
    m[1] = make_boxed(w);
    if (n) {
        memcpy(w + 1, ks, n * sizeof(term_t));
        memcpy(m + 2, vs, n * sizeof(term_t));
    }
    return make_boxed(m);
}

/* A flat map sharing the keys of 'm', with the values 'vs'. */
static term_t flat_with_values(struct Proc *p, term_t m, const term_t *vs) {
    size_t n = map_flat_size(m);
    term_t *w = heap_alloc(p, n + 2);
    w[0] = MAKE_HDR(HDR_MAP, n + 1);
    w[1] = term_ptr(m)[1];
    memcpy(w + 2, vs, n * sizeof(term_t));
    return make_boxed(w);
}

/* The index of 'k' among the sorted keys, or -(insertion point) - 1. */
static sint_t flat_find(term_t m, term_t k) {
    const term_t *ks = map_flat_keys(m);
    size_t n = map_flat_size(m);
    if (term_is_immed(k)) {
        for (size_t i = 0; i < n; i++) if (ks[i] == k) return (sint_t)i;
    }
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = compare_terms_exact(ks[mid], k);
        if (c == 0) return (sint_t)mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -(sint_t)lo - 1;
}

term_t map_new(struct Proc *p) { return make_flat(p, 0, NULL, NULL); }

size_t map_size(term_t m) {
    if (map_is_flat(m)) return map_flat_size(m);
    return (size_t)small_val(term_ptr(m)[2]);
}

/* ---- building from an array of pairs ---- */

typedef struct Pair {
    term_t k, v;
    uint32_t h;      /* hash_map_key(k, 0), nibbles reversed: the trie order */
    uint32_t ord;    /* position in the input: the later wins */
} Pair;

typedef int (*PairCmp)(const Pair *, const Pair *);

static void merge_sort(Pair *a, Pair *tmp, size_t n, PairCmp cmp) {
    if (n < 2) return;
    size_t h = n / 2;
    merge_sort(a, tmp, h, cmp);
    merge_sort(a + h, tmp, n - h, cmp);
    if (cmp(&a[h - 1], &a[h]) <= 0) return;
    memcpy(tmp, a, n * sizeof(Pair));
    size_t i = 0, j = h, o = 0;
    while (i < h && j < n) a[o++] = cmp(&tmp[j], &tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    while (i < h) a[o++] = tmp[i++];
    while (j < n) a[o++] = tmp[j++];
}

static void sort_pairs(Pair *a, size_t n, PairCmp cmp) {
    Pair *tmp = vm_alloc((n ? n : 1) * sizeof(Pair));
    merge_sort(a, tmp, n, cmp);
    vm_free(tmp);
}

static int by_key(const Pair *a, const Pair *b) {
    int c = compare_terms_exact(a->k, b->k);
    return c ? c : (a->ord > b->ord) - (a->ord < b->ord);
}

static uint32_t reverse_nibbles(uint32_t h) {
    h = ((h & 0x0F0F0F0Fu) << 4) | ((h >> 4) & 0x0F0F0F0Fu);
    return __builtin_bswap32(h);
}

/* Trie order: by hash nibbles from level 0 down; salted hashes break ties. */
static int by_hash(const Pair *a, const Pair *b) {
    if (a->h != b->h) return a->h < b->h ? -1 : 1;
    for (uint32_t lvl = 8; lvl < MAP_MAX_DEPTH; lvl += 8) {
        uint32_t x = reverse_nibbles(hash_map_key(a->k, lvl));
        uint32_t y = reverse_nibbles(hash_map_key(b->k, lvl));
        if (x != y) return x < y ? -1 : 1;
    }
    vm_panic("map: keys with identical hashes at every level");
}

static uint32_t pair_nibble(const Pair *e, uint32_t lvl) {
    if (lvl < 8) return (reverse_nibbles(e->h) >> (4 * lvl)) & 15;
    return hash_at(e->k, lvl) & 15;
}

/* The trie node (or leaf) of the pairs ps[0..n), sorted by_hash, which
   share their nibbles above 'lvl'. */
static term_t build_node(struct Proc *p, const Pair *ps, size_t n, uint32_t lvl, bool head) {
    if (n == 1 && !head) return leaf(p, ps[0].k, ps[0].v);
    if (lvl >= MAP_MAX_DEPTH) vm_panic("map: trie too deep");
    uint32_t bitmap = 0;
    for (size_t i = 0; i < n; i++) bitmap |= 1u << pair_nibble(&ps[i], lvl);
    size_t count = popcount(bitmap);
    term_t *node = node_alloc(p, head, bitmap, count, n);
    term_t *child = node + (head ? 3 : 2);
    size_t i = 0;
    while (i < n) {
        uint32_t nib = pair_nibble(&ps[i], lvl);
        size_t j = i + 1;
        while (j < n && pair_nibble(&ps[j], lvl) == nib) j++;
        *child++ = build_node(p, ps + i, j - i, lvl + 1, false);
        i = j;
    }
    return make_boxed(node);
}

/* The map of the pairs ps[0..n) (duplicates allowed, later 'ord' wins).
   Reorders 'ps'. */
static term_t build_map(struct Proc *p, Pair *ps, size_t n) {
    sort_pairs(ps, n, by_key);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m > 0 && compare_terms_exact(ps[m - 1].k, ps[i].k) == 0) ps[m - 1] = ps[i];
        else ps[m++] = ps[i];
    }
    if (m <= MAP_FLAT_MAX) {
        term_t ks[MAP_FLAT_MAX], vs[MAP_FLAT_MAX];
        for (size_t i = 0; i < m; i++) {
            ks[i] = ps[i].k;
            vs[i] = ps[i].v;
        }
        return make_flat(p, m, ks, vs);
    }
    for (size_t i = 0; i < m; i++) ps[i].h = reverse_nibbles(hash_map_key(ps[i].k, 0));
    sort_pairs(ps, m, by_hash);
    return build_node(p, ps, m, 0, true);
}

/* Appends the pairs of map 'm' to 'ps' from index '*n'. */
static void collect(term_t m, Pair *ps, size_t *n) {
    MapIter it;
    term_t k, v;
    map_iter_init(&it, m);
    while (map_iter_next(&it, &k, &v)) {
        ps[*n] = (Pair){k, v, 0, (uint32_t)*n};
        (*n)++;
    }
}

term_t map_from_pairs(struct Proc *p, const term_t *kv, size_t n) {
    Pair *ps = vm_alloc((n ? n : 1) * sizeof(Pair));
    for (size_t i = 0; i < n; i++) ps[i] = (Pair){kv[2 * i], kv[2 * i + 1], 0, (uint32_t)i};
    term_t r = build_map(p, ps, n);
    vm_free(ps);
    return r;
}

term_t map_from_list(struct Proc *p, term_t list) {
    sint_t len = list_length(list);
    if (len < 0) return TERM_NONE;
    Pair *ps = vm_alloc((len ? (size_t)len : 1) * sizeof(Pair));
    size_t n = 0;
    for (term_t l = list; term_is_list(l); l = list_tail(l)) {
        term_t t = list_head(l);
        if (!term_is_tuple(t) || tuple_arity(t) != 2) {
            vm_free(ps);
            return TERM_NONE;
        }
        ps[n] = (Pair){tuple_elems(t)[0], tuple_elems(t)[1], 0, (uint32_t)n};
        n++;
    }
    term_t r = build_map(p, ps, n);
    vm_free(ps);
    return r;
}

void map_sorted_pairs(term_t m, term_t *ks, term_t *vs) {
    size_t n = map_size(m);
    if (map_is_flat(m)) {
        memcpy(ks, map_flat_keys(m), n * sizeof(term_t));
        memcpy(vs, map_flat_vals(m), n * sizeof(term_t));
        return;
    }
    Pair *ps = vm_alloc(n * sizeof(Pair));
    size_t got = 0;
    collect(m, ps, &got);
    sort_pairs(ps, got, by_key);
    for (size_t i = 0; i < got; i++) {
        ks[i] = ps[i].k;
        vs[i] = ps[i].v;
    }
    vm_free(ps);
}

/* ---- lookups ---- */

term_t map_get(term_t m, term_t k) {
    if (map_is_flat(m)) {
        sint_t i = flat_find(m, k);
        return i >= 0 ? map_flat_vals(m)[i] : TERM_NONE;
    }
    const term_t *node = term_ptr(m);
    uint32_t lvl = 0, h = hash_map_key(k, 0);
    for (;;) {
        uint32_t bitmap = node_bitmap(node), bit = 1u << (h & 15);
        if (!(bitmap & bit)) return TERM_NONE;
        term_t c = node[node_skip(node) + popcount(bitmap & (bit - 1))];
        if (term_is_list(c)) return compare_exact(list_head(c), k) ? list_tail(c) : TERM_NONE;
        node = term_ptr(c);
        h = hash_next(h, k, ++lvl);
    }
}

/* ---- trie updates ---- */

/* A copy of 'node' with child 'idx' replaced by 'c'; 'grow' added to the size. */
static term_t node_replace(struct Proc *p, const term_t *node, size_t idx, term_t c, int grow) {
    size_t words = HDR_ARITY(node[0]) + 1;
    term_t *n = heap_alloc(p, words);
    memcpy(n, node, words * sizeof(term_t));
    n[node_skip(node) + idx] = c;
    if (node_is_head(node)) n[2] = make_small(small_val(node[2]) + grow);
    return make_boxed(n);
}

/* A copy of 'node' with 'c' inserted as child 'idx' in slot 'bit'. */
static term_t node_insert(struct Proc *p, const term_t *node, uint32_t bit, size_t idx, term_t c) {
    bool head = node_is_head(node);
    size_t cnt = node_count(node), skip = node_skip(node);
    size_t size = head ? (size_t)small_val(node[2]) + 1 : 0;
    term_t *n = node_alloc(p, head, node_bitmap(node) | bit, cnt + 1, size);
    memcpy(n + skip, node + skip, idx * sizeof(term_t));
    n[skip + idx] = c;
    memcpy(n + skip + idx + 1, node + skip + idx, (cnt - idx) * sizeof(term_t));
    return make_boxed(n);
}

/* A copy of 'node' without child 'idx' in slot 'bit'. */
static term_t node_delete(struct Proc *p, const term_t *node, uint32_t bit, size_t idx) {
    bool head = node_is_head(node);
    size_t cnt = node_count(node), skip = node_skip(node);
    size_t size = head ? (size_t)small_val(node[2]) - 1 : 0;
    term_t *n = node_alloc(p, head, node_bitmap(node) & ~bit, cnt - 1, size);
    memcpy(n + skip, node + skip, idx * sizeof(term_t));
    memcpy(n + skip + idx, node + skip + idx + 1, (cnt - idx - 1) * sizeof(term_t));
    return make_boxed(n);
}

/* The subtrie at 'lvl' holding two leaves whose keys differ. */
static term_t two_leaves(struct Proc *p, uint32_t lvl, term_t la, uint32_t ha, term_t lb,
                         uint32_t hb) {
    if (lvl >= MAP_MAX_DEPTH) vm_panic("map: trie too deep");
    uint32_t na = ha & 15, nb = hb & 15;
    if (na == nb) {
        term_t c = two_leaves(p, lvl + 1, la, hash_next(ha, list_head(la), lvl + 1), lb,
                              hash_next(hb, list_head(lb), lvl + 1));
        term_t *n = node_alloc(p, false, 1u << na, 1, 0);
        n[2] = c;
        return make_boxed(n);
    }
    term_t *n = node_alloc(p, false, (1u << na) | (1u << nb), 2, 0);
    n[2] = na < nb ? la : lb;
    n[3] = na < nb ? lb : la;
    return make_boxed(n);
}

/* 'node' with k => v. Returns the node itself if nothing changed; sets
   '*added' when the key is new. */
static term_t hamt_put(struct Proc *p, const term_t *node, uint32_t lvl, uint32_t h, term_t k,
                       term_t v, int *added) {
    uint32_t bitmap = node_bitmap(node), bit = 1u << (h & 15);
    size_t idx = popcount(bitmap & (bit - 1));
    if (!(bitmap & bit)) {
        *added = 1;
        return node_insert(p, node, bit, idx, leaf(p, k, v));
    }
    term_t c = node[node_skip(node) + idx];
    term_t nc;
    if (term_is_list(c)) {
        term_t ck = list_head(c);
        if (compare_exact(ck, k)) {
            if (list_tail(c) == v) return make_boxed(node);
            nc = leaf(p, ck, v);
        } else {
            *added = 1;
            nc = two_leaves(p, lvl + 1, c, hash_at(ck, lvl + 1), leaf(p, k, v),
                            hash_next(h, k, lvl + 1));
        }
    } else {
        nc = hamt_put(p, term_ptr(c), lvl + 1, hash_next(h, k, lvl + 1), k, v, added);
        if (nc == c) return make_boxed(node);
    }
    return node_replace(p, node, idx, nc, *added);
}

/* 'node' without 'k': the node itself if absent, a new node, or (for an
   inner node left with a single leaf) that leaf. */
static term_t hamt_remove(struct Proc *p, const term_t *node, uint32_t lvl, uint32_t h, term_t k) {
    uint32_t bitmap = node_bitmap(node), bit = 1u << (h & 15);
    term_t self = make_boxed(node);
    if (!(bitmap & bit)) return self;
    size_t idx = popcount(bitmap & (bit - 1)), skip = node_skip(node);
    bool head = node_is_head(node);
    term_t c = node[skip + idx];
    if (term_is_list(c)) {
        if (!compare_exact(list_head(c), k)) return self;
        if (!head && node_count(node) == 2 && term_is_list(node[skip + (idx ^ 1)]))
            return node[skip + (idx ^ 1)];
        return node_delete(p, node, bit, idx);
    }
    term_t nc = hamt_remove(p, term_ptr(c), lvl + 1, hash_next(h, k, lvl + 1), k);
    if (nc == c) return self;
    if (!head && node_count(node) == 1 && term_is_list(nc)) return nc;
    return node_replace(p, node, idx, nc, -1);
}

/* ---- public updates ---- */

static term_t flat_put(struct Proc *p, term_t m, term_t k, term_t v) {
    sint_t i = flat_find(m, k);
    size_t n = map_flat_size(m);
    const term_t *ks = map_flat_keys(m), *vs = map_flat_vals(m);
    if (i >= 0) {
        if (vs[i] == v) return m;
        term_t nv[MAP_FLAT_MAX];
        memcpy(nv, vs, n * sizeof(term_t));
        nv[i] = v;
        return flat_with_values(p, m, nv);
    }
    if (n < MAP_FLAT_MAX) {
        size_t at = (size_t)(-i - 1);
        term_t nk[MAP_FLAT_MAX], nv[MAP_FLAT_MAX];
        memcpy(nk, ks, at * sizeof(term_t));
        memcpy(nv, vs, at * sizeof(term_t));
        nk[at] = k;
        nv[at] = v;
        memcpy(nk + at + 1, ks + at, (n - at) * sizeof(term_t));
        memcpy(nv + at + 1, vs + at, (n - at) * sizeof(term_t));
        return make_flat(p, n + 1, nk, nv);
    }
    Pair ps[MAP_FLAT_MAX + 1];
    size_t cnt = 0;
    collect(m, ps, &cnt);
    ps[cnt] = (Pair){k, v, 0, (uint32_t)cnt};
    return build_map(p, ps, cnt + 1);
}

term_t map_put(struct Proc *p, term_t m, term_t k, term_t v) {
    if (map_is_flat(m)) return flat_put(p, m, k, v);
    int added = 0;
    return hamt_put(p, term_ptr(m), 0, hash_map_key(k, 0), k, v, &added);
}

term_t map_update(struct Proc *p, term_t m, term_t k, term_t v) {
    if (map_get(m, k) == TERM_NONE) return TERM_NONE;
    return map_put(p, m, k, v);
}

term_t map_remove(struct Proc *p, term_t m, term_t k) {
    if (map_is_flat(m)) {
        sint_t i = flat_find(m, k);
        if (i < 0) return m;
        size_t n = map_flat_size(m);
        term_t nk[MAP_FLAT_MAX], nv[MAP_FLAT_MAX];
        const term_t *ks = map_flat_keys(m), *vs = map_flat_vals(m);
        memcpy(nk, ks, (size_t)i * sizeof(term_t));
        memcpy(nv, vs, (size_t)i * sizeof(term_t));
        memcpy(nk + i, ks + i + 1, (n - (size_t)i - 1) * sizeof(term_t));
        memcpy(nv + i, vs + i + 1, (n - (size_t)i - 1) * sizeof(term_t));
        return make_flat(p, n - 1, nk, nv);
    }
    term_t r = hamt_remove(p, term_ptr(m), 0, hash_map_key(k, 0), k);
    if (r == m || map_size(r) > MAP_FLAT_MAX) return r;
    Pair ps[MAP_FLAT_MAX];
    size_t n = 0;
    collect(r, ps, &n);
    return build_map(p, ps, n);
}

term_t map_put_many(struct Proc *p, term_t m, const term_t *kv, size_t npairs, bool exact) {
    if (exact) {
        for (size_t i = 0; i < npairs; i++) {
            if (map_get(m, kv[2 * i]) == TERM_NONE)
                return bif_error(p, EXC_ERROR, heap_tuple2(p, ATOM_badkey, kv[2 * i]));
        }
        if (map_is_flat(m)) {   /* the keys stay: share them */
            term_t nv[MAP_FLAT_MAX];
            memcpy(nv, map_flat_vals(m), map_flat_size(m) * sizeof(term_t));
            for (size_t i = 0; i < npairs; i++) nv[flat_find(m, kv[2 * i])] = kv[2 * i + 1];
            return flat_with_values(p, m, nv);
        }
    }
    if (map_is_flat(m) && npairs > 1) {
        size_t n = map_flat_size(m);
        /* a small map and a few pairs, the common case (M#{K => V, ...}):
           the pairs sorted by insertion (of equal keys the later value
           wins; the compiler gives them sorted), then merged with the
           map's keys, with no allocation; a map that gains no key keeps
           its keys tuple */
        if (n + npairs <= MAP_FLAT_MAX) {
            term_t pk[MAP_FLAT_MAX], pv[MAP_FLAT_MAX];
            size_t np = 0;
            for (size_t i = 0; i < npairs; i++) {
                term_t k = kv[2 * i], v = kv[2 * i + 1];
                size_t j = np;
                int c = 1;
                while (j > 0 && (c = compare_terms_exact(pk[j - 1], k)) > 0) j--;
                if (j > 0 && c == 0) { /* a key given twice: the later value */
                    pv[j - 1] = v;
                    continue;
                }
                for (size_t t = np; t > j; t--) {
                    pk[t] = pk[t - 1];
                    pv[t] = pv[t - 1];
                }
                pk[j] = k;
                pv[j] = v;
                np++;
            }
            const term_t *mk = map_flat_keys(m), *mv = map_flat_vals(m);
            term_t ks[MAP_FLAT_MAX], vs[MAP_FLAT_MAX];
            size_t a = 0, b = 0, cnt = 0;
            while (a < n || b < np) {
                int c = a == n ? 1 : b == np ? -1 : compare_terms_exact(mk[a], pk[b]);
                ks[cnt] = c < 0 ? mk[a] : pk[b];
                vs[cnt++] = c < 0 ? mv[a] : pv[b];
                a += c <= 0;
                b += c >= 0;
            }
            return cnt == n ? flat_with_values(p, m, vs) : make_flat(p, cnt, ks, vs);
        }
        Pair *ps = vm_alloc((n + npairs) * sizeof(Pair));
        size_t cnt = 0;
        collect(m, ps, &cnt);
        for (size_t i = 0; i < npairs; i++, cnt++)
            ps[cnt] = (Pair){kv[2 * i], kv[2 * i + 1], 0, (uint32_t)cnt};
        term_t r = build_map(p, ps, cnt);
        vm_free(ps);
        return r;
    }
    for (size_t i = 0; i < npairs; i++) m = map_put(p, m, kv[2 * i], kv[2 * i + 1]);
    return m;
}

term_t map_merge(struct Proc *p, term_t a, term_t b) {
    size_t na = map_size(a), nb = map_size(b);
    if (nb == 0) return a;
    if (na == 0) return b;
    if (!map_is_flat(a) && nb * 8 < na) {
        MapIter it;
        term_t k, v;
        map_iter_init(&it, b);
        while (map_iter_next(&it, &k, &v)) a = map_put(p, a, k, v);
        return a;
    }
    Pair *ps = vm_alloc((na + nb) * sizeof(Pair));
    size_t cnt = 0;
    collect(a, ps, &cnt);
    collect(b, ps, &cnt);
    term_t r = build_map(p, ps, cnt);
    vm_free(ps);
    return r;
}

/* ---- iteration ---- */

void map_iter_init(MapIter *it, term_t m) {
    it->map = m;
    it->i = 0;
    it->sp = 0;
    if (map_is_flat(m)) {
        it->n = map_flat_size(m);
        return;
    }
    it->n = 0;
    const term_t *node = term_ptr(m);
    it->stack[0].child = node + node_skip(node);
    it->stack[0].idx = 0;
    it->stack[0].cnt = (uint32_t)node_count(node);
    it->sp = 1;
}

bool map_iter_next(MapIter *it, term_t *k, term_t *v) {
    if (it->sp == 0) {
        if (it->i >= it->n) return false;
        *k = map_flat_keys(it->map)[it->i];
        *v = map_flat_vals(it->map)[it->i];
        it->i++;
        return true;
    }
    while (it->sp > 0) {
        MapIterLevel *top = &it->stack[it->sp - 1];
        if (top->idx == top->cnt) {
            it->sp--;
            continue;
        }
        term_t c = top->child[top->idx++];
        if (term_is_list(c)) {
            *k = list_head(c);
            *v = list_tail(c);
            return true;
        }
        const term_t *node = term_ptr(c);
        if (it->sp == MAP_MAX_DEPTH) vm_panic("map: trie too deep");
        it->stack[it->sp].child = node + node_skip(node);
        it->stack[it->sp].idx = 0;
        it->stack[it->sp].cnt = (uint32_t)node_count(node);
        it->sp++;
    }
    return false;
}

/* A list of one item per pair: 0 key, 1 value, 2 {K, V}. */
static term_t pair_list(struct Proc *p, term_t m, int what) {
    size_t n = map_size(m), per = what == 2 ? 5 : 2;
    term_t *w = heap_alloc(p, n * per);
    term_t list = TERM_NIL;
    MapIter it;
    term_t k, v;
    bool flat = map_is_flat(m);
    size_t i = 0;
    map_iter_init(&it, m);
    while (map_iter_next(&it, &k, &v)) {
        term_t *cell = w + i * per;
        term_t item = what == 0 ? k : what == 1 ? v : TERM_NONE;
        if (what == 2) {
            cell[2] = MAKE_HDR(HDR_TUPLE, 2);
            cell[3] = k;
            cell[4] = v;
            item = make_boxed(cell + 2);
        }
        cell[0] = item;
        /* a flat map is listed in key order, a trie in reverse visiting order */
        cell[1] = flat ? (i + 1 < n ? make_list(cell + per) : TERM_NIL) : list;
        list = make_list(cell);
        i++;
    }
    return flat ? (n ? make_list(w) : TERM_NIL) : list;
}

term_t map_keys(struct Proc *p, term_t m) { return pair_list(p, m, 0); }
term_t map_values(struct Proc *p, term_t m) { return pair_list(p, m, 1); }
term_t map_to_list(struct Proc *p, term_t m) { return pair_list(p, m, 2); }
