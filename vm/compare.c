/*
** compare.c: the term order (compare_terms), the map-key order
** (compare_terms_exact) and the equality tests. One loop walks both terms
** with an explicit stack of pending element runs; numbers go to
** arith_compare, maps to map.c for their sorted pairs.
*/
#include "compare.h"

#include "arith.h"
#include "atom.h"
#include "bin.h"
#include "code.h"
#include "map.h"

/* A run of 'n' pairs still to compare: pa[i] against pb[i]. */
typedef struct Run {
    const term_t *pa, *pb;
    size_t n;
    bool exact;
} Run;

typedef struct CmpStack {
    Run *runs;
    size_t sp, cap;
    Run local[32];
    term_t **temps;   /* vm_alloc'd pair arrays of large maps, freed at the end */
    size_t ntemps, captemps;
} CmpStack;

static void push(CmpStack *s, const term_t *pa, const term_t *pb, size_t n, bool exact) {
    if (n == 0) return;
    if (s->sp == s->cap) {
        size_t cap = s->cap * 2;
        if (s->runs == s->local) {
            s->runs = vm_alloc(cap * sizeof(Run));
            memcpy(s->runs, s->local, s->sp * sizeof(Run));
        } else {
            s->runs = vm_realloc(s->runs, cap * sizeof(Run));
        }
        s->cap = cap;
    }
    s->runs[s->sp++] = (Run){pa, pb, n, exact};
}

static term_t *temp_words(CmpStack *s, size_t n) {
    if (s->ntemps == s->captemps) {
        s->captemps = s->captemps ? s->captemps * 2 : 8;
        s->temps = vm_realloc(s->temps, s->captemps * sizeof(term_t *));
    }
    term_t *w = vm_alloc(n * sizeof(term_t));
    s->temps[s->ntemps++] = w;
    return w;
}

/* The rank of a term's type in the standard order. */
static int type_rank(term_t t) {
    switch (term_tag(t)) {
    case TAG_LIST: return 9;
    case TAG_BOXED:
        switch (HDR_SUBTAG(boxed_hdr(t))) {
        case HDR_TUPLE: return 6;
        case HDR_FUN: case HDR_EXPORT: return 3;
        case HDR_POS_BIG: case HDR_NEG_BIG: case HDR_FLOAT: return 0;
        case HDR_REF: return 2;
        case HDR_MAP: case HDR_HAMT: return 7;
        default: return 10;   /* bitstrings */
        }
    default:
        if (term_is_small(t)) return 0;
        if (term_is_atom(t)) return 1;
        if (term_is_pid(t)) return 5;
        if (term_is_port(t)) return 4;
        return 8;             /* [] */
    }
}

static int sign_of(sint_t d) { return (d > 0) - (d < 0); }
static int cmp_u64(uint64_t a, uint64_t b) { return (a > b) - (a < b); }

/* By name, byte by byte: names are short, and this is the comparison of
   map keys and records' tags. */
static int cmp_atoms(term_t a, term_t b) {
    size_t la, lb;
    const uint8_t *na = (const uint8_t *)atom_name(a, &la);
    const uint8_t *nb = (const uint8_t *)atom_name(b, &lb);
    size_t n = la < lb ? la : lb;
    for (size_t i = 0; i < n; i++)
        if (na[i] != nb[i]) return na[i] < nb[i] ? -1 : 1;
    return cmp_u64(la, lb);
}

/* Up to 8 bits starting 'pos' bits into 'b', as an unsigned number. */
static unsigned bits_at(const uint8_t *b, size_t pos, unsigned count) {
    size_t i = pos >> 3;
    unsigned sh = (unsigned)(pos & 7);
    unsigned w = (unsigned)b[i] << 8;
    if (sh + count > 8) w |= b[i + 1];
    return (w >> (16 - sh - count)) & ((1u << count) - 1);
}

static int cmp_bits(term_t a, term_t b) {
    const uint8_t *ba, *bb;
    size_t oa, ob, sa, sb;
    bin_view(a, &ba, &oa, &sa);
    bin_view(b, &bb, &ob, &sb);
    size_t common = sa < sb ? sa : sb;
    size_t bytes = common >> 3;
    if (((oa | ob) & 7) == 0) {
        int c = memcmp(ba + (oa >> 3), bb + (ob >> 3), bytes);
        if (c) return c < 0 ? -1 : 1;
    } else {
        for (size_t i = 0; i < bytes; i++) {
            unsigned x = bits_at(ba, oa + 8 * i, 8), y = bits_at(bb, ob + 8 * i, 8);
            if (x != y) return x < y ? -1 : 1;
        }
    }
    unsigned rest = (unsigned)(common & 7);
    if (rest) {
        unsigned x = bits_at(ba, oa + 8 * bytes, rest), y = bits_at(bb, ob + 8 * bytes, rest);
        if (x != y) return x < y ? -1 : 1;
    }
    return cmp_u64(sa, sb);
}

/* Funs: local funs before export funs; local funs by module, index,
   unique number, then free variables (pushed on 's'). */
static int cmp_funs(CmpStack *s, term_t a, term_t b, bool exact) {
    bool ea = HDR_SUBTAG(boxed_hdr(a)) == HDR_EXPORT, eb = HDR_SUBTAG(boxed_hdr(b)) == HDR_EXPORT;
    if (ea != eb) return ea ? 1 : -1;
    if (ea) {
        const Export *x = fun_export(a), *y = fun_export(b);
        if (x == y) return 0;
        int c = cmp_atoms(x->module, y->module);
        if (!c) c = cmp_atoms(x->function, y->function);
        return c ? c : cmp_u64(x->arity, y->arity);
    }
    const FunEntry *x = fun_entry(a), *y = fun_entry(b);
    if (x != y) {
        int c = cmp_atoms(x->module->name, y->module->name);
        if (!c) c = cmp_u64(x->index, y->index);
        if (!c) c = cmp_u64(x->old_uniq, y->old_uniq);
        if (c) return c;
    }
    size_t na = HDR_ARITY(boxed_hdr(a)) - 1, nb = HDR_ARITY(boxed_hdr(b)) - 1;
    if (na != nb) return cmp_u64(na, nb);
    push(s, fun_env(a), fun_env(b), na, exact);
    return 0;
}

static int cmp_numbers(term_t a, term_t b, bool exact) {
    if (term_is_small(a) && term_is_small(b)) return sign_of(small_val(a) - small_val(b));
    bool fa = term_is_float(a), fb = term_is_float(b);
    if (fa && fb) {
        double x = float_val(a), y = float_val(b);
        return (x > y) - (x < y);
    }
    if (exact && fa != fb) return fa ? 1 : -1;
    return arith_compare(a, b);
}

/* Pushes the work of comparing two maps of equal size: keys first (exactly),
   then values in key order. */
static void push_maps(CmpStack *s, term_t a, term_t b, size_t n, bool exact) {
    if (map_is_flat(a) && map_is_flat(b)) {
        push(s, map_flat_vals(a), map_flat_vals(b), n, exact);
        push(s, map_flat_keys(a), map_flat_keys(b), n, true);
        return;
    }
    term_t *w = temp_words(s, 4 * n);
    map_sorted_pairs(a, w, w + n);
    map_sorted_pairs(b, w + 2 * n, w + 3 * n);
    push(s, w + n, w + 3 * n, n, exact);
    push(s, w, w + 2 * n, n, true);
}

/* Compares two terms that are not the same word and not both lists; may
   push further runs. */
static int cmp_one(CmpStack *s, term_t a, term_t b, bool exact) {
    int ra = type_rank(a), rb = type_rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (ra) {
    case 0: return cmp_numbers(a, b, exact);
    case 1: return cmp_atoms(a, b);
    case 2: return cmp_u64(ref_number(a), ref_number(b));
    case 3: return cmp_funs(s, a, b, exact);
    case 4: case 5: return cmp_u64(a >> 4, b >> 4);
    case 6: {
        size_t na = tuple_arity(a), nb = tuple_arity(b);
        if (na != nb) return cmp_u64(na, nb);
        push(s, tuple_elems(a), tuple_elems(b), na, exact);
        return 0;
    }
    case 7: {
        size_t na = map_size(a), nb = map_size(b);
        if (na != nb) return cmp_u64(na, nb);
        push_maps(s, a, b, na, exact);
        return 0;
    }
    case 8: return 0;
    default: return cmp_bits(a, b);
    }
}

static int compare(term_t a, term_t b, bool exact) {
    if (a == b) return 0;
    /* two atoms or two small integers (map keys, sort keys): no stack */
    if (term_is_atom(a) && term_is_atom(b)) return cmp_atoms(a, b);
    if (term_is_small(a) && term_is_small(b)) return small_val(a) < small_val(b) ? -1 : 1;
    /* numbers sort first: a small against anything else but a number */
    if (term_is_small(b) && !term_is_number(a)) return 1;
    if (term_is_small(a) && !term_is_number(b)) return -1;
    CmpStack s;
    s.runs = s.local;
    s.sp = 0;
    s.cap = sizeof s.local / sizeof s.local[0];
    s.temps = NULL;
    s.ntemps = s.captemps = 0;
    push(&s, &a, &b, 1, exact);
    int res = 0;
    while (res == 0 && s.sp > 0) {
        Run *r = &s.runs[s.sp - 1];
        term_t x = *r->pa, y = *r->pb;
        bool ex = r->exact;
        if (--r->n == 0) s.sp--;
        else r->pa++, r->pb++;
        /* Lists loop here so that a long list needs no stack. */
        while (x != y) {
            if (term_is_list(x) && term_is_list(y)) {
                const term_t *cx = term_ptr(x), *cy = term_ptr(y);
                if (cx[1] != cy[1]) push(&s, cx + 1, cy + 1, 1, ex);
                x = cx[0];
                y = cy[0];
                continue;
            }
            res = cmp_one(&s, x, y, ex);
            break;
        }
    }
    if (s.runs != s.local) vm_free(s.runs);
    for (size_t i = 0; i < s.ntemps; i++) vm_free(s.temps[i]);
    if (s.temps) vm_free(s.temps);
    return res;
}

int compare_terms(term_t a, term_t b) { return compare(a, b, false); }

int compare_terms_exact(term_t a, term_t b) { return compare(a, b, true); }

/* One pair for 'equal_exact' to decide: equal (1), different (0), or
   -1 to leave it to the full comparison (bitstrings of different kinds,
   large maps, numbers of different kinds). Pushes the elements of lists,
   tuples, flat maps and closures as further pairs. */
static bool equal_exact(term_t a, term_t b);

/* Bitstrings of any kind: equal bits. */
static int equal_bits(term_t x, term_t y) {
    const uint8_t *bx, *by;
    size_t ox, oy, nx, ny;
    bin_view(x, &bx, &ox, &nx);
    bin_view(y, &by, &oy, &ny);
    if (nx != ny) return 0;
    if (ox % 8 || oy % 8 || nx % 8) return -1;
    return memcmp(bx + ox / 8, by + oy / 8, nx / 8) == 0;
}

static int equal_one(CmpStack *s, term_t x, term_t y) {
    if (term_tag(x) != term_tag(y) || term_is_immed(x)) return 0;
    if (term_is_bitstring(x)) return term_is_bitstring(y) ? equal_bits(x, y) : 0;
    const term_t *px = term_ptr(x), *py = term_ptr(y);
    if (term_is_list(x)) {
        push(s, px, py, 2, true);
        return 1;
    }
    term_t hx = px[0], hy = py[0];
    unsigned sub = HDR_SUBTAG(hx);
    if (hx != hy) {
        /* these are equal only with equal headers (integers are normalised) */
        return sub == HDR_POS_BIG || sub == HDR_NEG_BIG || sub == HDR_TUPLE ||
                       sub == HDR_FLOAT || sub == HDR_REF || sub == HDR_FUN
                   ? 0 : -1;
    }
    size_t n = HDR_ARITY(hx);
    switch (sub) {
    case HDR_TUPLE: push(s, px + 1, py + 1, n, true); return 1;
    case HDR_POS_BIG:
    case HDR_NEG_BIG:
    case HDR_REF: return memcmp(px + 1, py + 1, n * sizeof(term_t)) == 0;
    case HDR_FLOAT: return float_val(x) == float_val(y);
    case HDR_EXPORT: return px[1] == py[1];
    case HDR_FUN:
        if (px[1] != py[1]) return 0;
        push(s, px + 2, py + 2, n - 1, true);
        return 1;
    case HDR_MAP: push(s, px + 1, py + 1, n, true); return 1;
    case HDR_HAMT: {
        /* Equal key sets give equal tries, so equal tries are a quick yes;
           anything else is left to the full comparison. */
        for (size_t i = 1; i <= n; i++)
            if (px[i] != py[i] && !equal_exact(px[i], py[i])) return -1;
        return 1;
    }
    default: return -1;
    }
}

/* =:= without ordering: a structural walk, much cheaper than 'compare'
   on the large equal terms that matching produces. */
static bool equal_exact(term_t a, term_t b) {
    CmpStack s;
    s.runs = s.local;
    s.sp = 0;
    s.cap = sizeof s.local / sizeof s.local[0];
    s.temps = NULL;
    s.ntemps = s.captemps = 0;
    push(&s, &a, &b, 1, true);
    int res = 1;
    while (res == 1 && s.sp > 0) {
        Run *r = &s.runs[s.sp - 1];
        term_t x = *r->pa, y = *r->pb;
        if (--r->n == 0) s.sp--;
        else r->pa++, r->pb++;
        if (x == y) continue;
        res = equal_one(&s, x, y);
        if (res < 0) res = compare(x, y, true) == 0;
    }
    if (s.runs != s.local) vm_free(s.runs);
    return res == 1;
}

bool compare_exact(term_t a, term_t b) {
    if (a == b) return true;
    /* Immediates are equal only when identical. */
    if (term_is_immed(a) || term_is_immed(b)) return false;
    /* two references (a reply matched against its monitor's): their words */
    if (term_is_boxed(a) && term_is_boxed(b) && boxed_is(a, HDR_REF)) {
        const term_t *x = term_ptr(a), *y = term_ptr(b);
        if (x[0] != y[0]) return false;
        for (size_t i = 1; i <= HDR_ARITY(x[0]); i++)
            if (x[i] != y[i]) return false;
        return true;
    }
    return equal_exact(a, b);
}

bool compare_eq(term_t a, term_t b) {
    if (a == b) return true;
    if (term_is_immed(a) && term_is_immed(b)) return false;
    return compare(a, b, false) == 0;
}
