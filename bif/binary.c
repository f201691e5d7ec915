/*
** binary.c: the BIFs of OTP 25's binary module (binary.erl implements
** replace/3,4 and the hex functions in Erlang on top of these). A compiled
** pattern is the tuple {bm, Pattern} or {ac, Pattern}.
*/
#define _GNU_SOURCE
#include <string.h>

#include "../vm/bin.h"
#include "../vm/heap.h"
#include "bif.h"

/* ---- patterns ---- */

#define PAT_MAX 256

typedef struct Pats {
    const uint8_t *s[PAT_MAX];
    size_t n[PAT_MAX];
    size_t k;
    bool first[256];      /* a pattern starts with this byte */
} Pats;

static bool add_pat(Proc *p, Pats *ps, term_t b) {
    size_t n;
    const uint8_t *s = bin_data(p, b, &n);
    if (!s || n == 0 || ps->k == PAT_MAX) return false;
    ps->s[ps->k] = s;
    ps->n[ps->k++] = n;
    ps->first[s[0]] = true;
    return true;
}

static bool get_pats(Proc *p, term_t pat, Pats *ps) {
    ps->k = 0;
    memset(ps->first, 0, sizeof ps->first);
    if (term_is_tuple(pat) && tuple_arity(pat) == 2 &&
        (tuple_elems(pat)[0] == ATOM_bm || tuple_elems(pat)[0] == ATOM_ac))
        pat = tuple_elems(pat)[1];
    if (term_is_bitstring(pat)) return add_pat(p, ps, pat);
    if (!term_is_list(pat)) return false;
    for (; term_is_list(pat); pat = list_tail(pat))
        if (!add_pat(p, ps, list_head(pat))) return false;
    return term_is_nil(pat);
}

/* The leftmost, then longest, match in s[from, to): its position and length. */
static bool find(const Pats *ps, const uint8_t *s, size_t from, size_t to, size_t *at,
                 size_t *len) {
    if (ps->k == 1) {
        if (to - from < ps->n[0]) return false;
        const uint8_t *m = memmem(s + from, to - from, ps->s[0], ps->n[0]);
        if (!m) return false;
        *at = (size_t)(m - s);
        *len = ps->n[0];
        return true;
    }
    for (size_t i = from; i < to; i++) {
        if (!ps->first[s[i]]) continue;
        size_t best = 0;
        for (size_t j = 0; j < ps->k; j++)
            if (ps->n[j] > best && ps->n[j] <= to - i && memcmp(s + i, ps->s[j], ps->n[j]) == 0)
                best = ps->n[j];
        if (best) {
            *at = i;
            *len = best;
            return true;
        }
    }
    return false;
}

/* A {Start, Length} part of a binary of 'size' bytes: [*from, *to). */
static bool get_part(term_t pl, size_t size, size_t *from, size_t *to) {
    if (!term_is_tuple(pl) || tuple_arity(pl) != 2) return false;
    term_t s = tuple_elems(pl)[0], l = tuple_elems(pl)[1];
    if (!term_is_small(s) || !term_is_small(l)) return false;
    sint_t a = small_val(s), n = small_val(l);
    if (n < 0) a += n, n = -n;
    if (a < 0 || a > (sint_t)size || n > (sint_t)size - a) return false;
    *from = (size_t)a;
    *to = (size_t)(a + n);
    return true;
}

typedef struct Opts { size_t from, to; bool global, trim, trim_all; } Opts;

static bool get_opts(term_t l, size_t size, Opts *o, bool split) {
    o->from = 0, o->to = size;
    o->global = o->trim = o->trim_all = false;
    for (; term_is_list(l); l = list_tail(l)) {
        term_t h = list_head(l);
        if (split && h == ATOM_global) o->global = true;
        else if (split && h == ATOM_trim) o->trim = true;
        else if (split && h == ATOM_trim_all) o->trim_all = true;
        else if (term_is_tuple(h) && tuple_arity(h) == 2 && tuple_elems(h)[0] == ATOM_scope) {
            if (!get_part(tuple_elems(h)[1], size, &o->from, &o->to)) return false;
        } else {
            return false;
        }
    }
    return term_is_nil(l);
}

static term_t pos_len(Proc *p, size_t at, size_t len) {
    return heap_tuple2(p, make_small((sint_t)at), make_small((sint_t)len));
}

static term_t do_match(Proc *p, term_t bin, term_t pat, term_t opts, bool all) {
    size_t n, at, len;
    Pats ps;
    Opts o;
    const uint8_t *s = bin_data(p, bin, &n);
    if (!s || !get_pats(p, pat, &ps) || !get_opts(opts, n, &o, false)) BIF_BADARG(p);
    if (!all) return find(&ps, s, o.from, o.to, &at, &len) ? pos_len(p, at, len) : ATOM_nomatch;
    term_t r = TERM_NIL, *last = &r;
    for (size_t i = o.from; find(&ps, s, i, o.to, &at, &len); i = at + len) {
        term_t c = heap_cons(p, pos_len(p, at, len), TERM_NIL);
        *last = c;
        last = term_ptr(c) + 1;
    }
    return r;
}

BIF(bif_binary_match_2) { return do_match(p, args[0], args[1], TERM_NIL, false); }
BIF(bif_binary_match_3) { return do_match(p, args[0], args[1], args[2], false); }
BIF(bif_binary_matches_2) { return do_match(p, args[0], args[1], TERM_NIL, true); }
BIF(bif_binary_matches_3) { return do_match(p, args[0], args[1], args[2], true); }

static term_t do_split(Proc *p, term_t bin, term_t pat, term_t opts) {
    size_t n, at, len;
    Pats ps;
    Opts o;
    const uint8_t *s = bin_data(p, bin, &n);
    if (!s || !get_pats(p, pat, &ps) || !get_opts(opts, n, &o, true)) BIF_BADARG(p);
    /* cut points: parts are [start, at) between matches */
    size_t cap = 16, k = 0, *cuts = vm_alloc(cap * 2 * sizeof(size_t));
    size_t start = 0;
    for (size_t i = o.from; find(&ps, s, i, o.to, &at, &len); i = at + len) {
        if (k == cap) cap *= 2, cuts = vm_realloc(cuts, cap * 2 * sizeof(size_t));
        cuts[2 * k] = start, cuts[2 * k + 1] = at, k++;
        start = at + len;
        if (!o.global) break;
    }
    if (k == cap) cap += 1, cuts = vm_realloc(cuts, cap * 2 * sizeof(size_t));
    cuts[2 * k] = start, cuts[2 * k + 1] = n, k++;
    size_t keep = k;
    if (o.trim || o.trim_all)
        while (keep > 0 && cuts[2 * keep - 2] == cuts[2 * keep - 1]) keep--;
    term_t r = TERM_NIL;
    for (size_t i = keep; i-- > 0;) {
        size_t a = cuts[2 * i], b = cuts[2 * i + 1];
        if (o.trim_all && a == b) continue;
        r = heap_cons(p, bin_sub(p, bin, a * 8, (b - a) * 8), r);
    }
    vm_free(cuts);
    return r;
}

BIF(bif_binary_split_2) { return do_split(p, args[0], args[1], TERM_NIL); }
BIF(bif_binary_split_3) { return do_split(p, args[0], args[1], args[2]); }

BIF(bif_binary_compile_pattern_1) {
    Pats ps;
    if (!get_pats(p, args[0], &ps)) BIF_BADARG(p);
    return heap_tuple2(p, ps.k == 1 ? ATOM_bm : ATOM_ac, args[0]);
}

/* ---- bytes and parts ---- */

BIF(bif_binary_at_2) {
    size_t n;
    const uint8_t *s = bin_data(p, args[0], &n);
    if (!s || !term_is_small(args[1]) || small_val(args[1]) < 0 ||
        (size_t)small_val(args[1]) >= n)
        BIF_BADARG(p);
    return make_small(s[small_val(args[1])]);
}

BIF(bif_binary_first_1) {
    size_t n;
    const uint8_t *s = bin_data(p, args[0], &n);
    if (!s || n == 0) BIF_BADARG(p);
    return make_small(s[0]);
}

BIF(bif_binary_last_1) {
    size_t n;
    const uint8_t *s = bin_data(p, args[0], &n);
    if (!s || n == 0) BIF_BADARG(p);
    return make_small(s[n - 1]);
}

static term_t part_of(Proc *p, term_t bin, term_t pl, bool list) {
    size_t n, from, to;
    const uint8_t *s = bin_data(p, bin, &n);
    if (!s || !get_part(pl, n, &from, &to)) BIF_BADARG(p);
    if (!list) return bin_sub(p, bin, from * 8, (to - from) * 8);
    term_t r = TERM_NIL;
    for (size_t i = to; i-- > from;) r = heap_cons(p, make_small(s[i]), r);
    return r;
}

BIF(bif_binary_part_2) { return part_of(p, args[0], args[1], false); }
BIF(bif_binary_part_3) {
    return part_of(p, args[0], heap_tuple2(p, args[1], args[2]), false);
}
BIF(bif_binary_bin_to_list_1) {
    size_t n;
    if (!bin_data(p, args[0], &n)) BIF_BADARG(p);
    return part_of(p, args[0], heap_tuple2(p, make_small(0), make_small((sint_t)n)), true);
}
BIF(bif_binary_bin_to_list_2) { return part_of(p, args[0], args[1], true); }
BIF(bif_binary_bin_to_list_3) {
    return part_of(p, args[0], heap_tuple2(p, args[1], args[2]), true);
}

BIF(bif_binary_list_to_bin_1) {
    size_t bits;
    term_t l = args[0];
    if (!(term_is_list(l) || term_is_nil(l)) || !bin_iolist_bits(l, false, &bits)) BIF_BADARG(p);
    uint8_t *d;
    term_t r = bin_make(p, bits / 8, &d);
    bin_iolist_write(l, d);
    return r;
}

static term_t copy_n(Proc *p, term_t bin, term_t times) {
    size_t n;
    const uint8_t *s = bin_data(p, bin, &n);
    if (!s || !term_is_small(times) || small_val(times) < 0) BIF_BADARG(p);
    size_t k = (size_t)small_val(times);
    if (n && k > ((size_t)1 << 40) / n) BIF_ERROR(p, ATOM_system_limit);
    uint8_t *d;
    term_t r = bin_make(p, n * k, &d);
    for (size_t i = 0; i < k; i++) memcpy(d + i * n, s, n);
    return r;
}

BIF(bif_binary_copy_1) { return copy_n(p, args[0], make_small(1)); }
BIF(bif_binary_copy_2) { return copy_n(p, args[0], args[1]); }

BIF(bif_binary_referenced_byte_size_1) {
    term_t t = args[0];
    if (!term_is_bitstring(t) || (bin_bit_size(t) & 7)) BIF_BADARG(p);
    if (boxed_is(t, HDR_SUB_BIN)) t = term_ptr(t)[SUB_ORIG];
    return heap_uint(p, bin_bit_size(t) / 8);
}

/* ---- unsigned integers ---- */

static bool endian(term_t e, bool *little) {
    if (e == ATOM_big) *little = false;
    else if (e == ATOM_little) *little = true;
    else return false;
    return true;
}

static term_t decode_unsigned(Proc *p, term_t bin, term_t e) {
    size_t n;
    bool little;
    const uint8_t *s = bin_data(p, bin, &n);
    if (!s || !endian(e, &little)) BIF_BADARG(p);
    if (little) return bin_int_from_le(s, n, false, bin_proc_alloc, p);
    uint8_t *le = vm_alloc(n + 1);
    for (size_t i = 0; i < n; i++) le[i] = s[n - 1 - i];
    term_t r = bin_int_from_le(le, n, false, bin_proc_alloc, p);
    vm_free(le);
    return r;
}

BIF(bif_binary_decode_unsigned_1) { return decode_unsigned(p, args[0], ATOM_big); }
BIF(bif_binary_decode_unsigned_2) { return decode_unsigned(p, args[0], args[1]); }

static term_t encode_unsigned(Proc *p, term_t v, term_t e) {
    bool little;
    if (!term_is_integer(v) || !endian(e, &little)) BIF_BADARG(p);
    if (term_is_small(v) ? small_val(v) < 0 : HDR_SUBTAG(boxed_hdr(v)) == HDR_NEG_BIG)
        BIF_BADARG(p);
    size_t n = bin_int_mag_bytes(v);
    if (n == 0) n = 1;
    uint8_t *d;
    term_t r = bin_make(p, n, &d);
    bin_int_to_le(v, d, n);
    if (!little)
        for (size_t i = 0, j = n - 1; i < j; i++, j--) {
            uint8_t t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
    return r;
}

BIF(bif_binary_encode_unsigned_1) { return encode_unsigned(p, args[0], ATOM_big); }
BIF(bif_binary_encode_unsigned_2) { return encode_unsigned(p, args[0], args[1]); }

/* ---- common prefix and suffix ---- */

static term_t common(Proc *p, term_t l, bool suffix) {
    if (!term_is_list(l)) BIF_BADARG(p);
    size_t n0 = 0, best = 0;
    const uint8_t *s0 = NULL;
    for (; term_is_list(l); l = list_tail(l)) {
        size_t n, k = 0;
        const uint8_t *s = bin_data(p, list_head(l), &n);
        if (!s) BIF_BADARG(p);
        if (!s0) {
            s0 = s, n0 = n, best = n;
            continue;
        }
        size_t lim = n < best ? n : best;
        if (suffix) while (k < lim && s[n - 1 - k] == s0[n0 - 1 - k]) k++;
        else while (k < lim && s[k] == s0[k]) k++;
        best = k;
    }
    if (!term_is_nil(l)) BIF_BADARG(p);
    return make_small((sint_t)best);
}

BIF(bif_binary_longest_common_prefix_1) { return common(p, args[0], false); }
BIF(bif_binary_longest_common_suffix_1) { return common(p, args[0], true); }

const BifDef bif_binary_table[] = {
    {"binary", "at", 2, bif_binary_at_2, 0},
    {"binary", "first", 1, bif_binary_first_1, 0},
    {"binary", "last", 1, bif_binary_last_1, 0},
    {"binary", "part", 2, bif_binary_part_2, 0},
    {"binary", "part", 3, bif_binary_part_3, 0},
    {"binary", "bin_to_list", 1, bif_binary_bin_to_list_1, 0},
    {"binary", "bin_to_list", 2, bif_binary_bin_to_list_2, 0},
    {"binary", "bin_to_list", 3, bif_binary_bin_to_list_3, 0},
    {"binary", "list_to_bin", 1, bif_binary_list_to_bin_1, 0},
    {"binary", "copy", 1, bif_binary_copy_1, 0},
    {"binary", "copy", 2, bif_binary_copy_2, 0},
    {"binary", "decode_unsigned", 1, bif_binary_decode_unsigned_1, 0},
    {"binary", "decode_unsigned", 2, bif_binary_decode_unsigned_2, 0},
    {"binary", "encode_unsigned", 1, bif_binary_encode_unsigned_1, 0},
    {"binary", "encode_unsigned", 2, bif_binary_encode_unsigned_2, 0},
    {"binary", "longest_common_prefix", 1, bif_binary_longest_common_prefix_1, 0},
    {"binary", "longest_common_suffix", 1, bif_binary_longest_common_suffix_1, 0},
    {"binary", "match", 2, bif_binary_match_2, 0},
    {"binary", "match", 3, bif_binary_match_3, 0},
    {"binary", "matches", 2, bif_binary_matches_2, 0},
    {"binary", "matches", 3, bif_binary_matches_3, 0},
    {"binary", "split", 2, bif_binary_split_2, 0},
    {"binary", "split", 3, bif_binary_split_3, 0},
    {"binary", "compile_pattern", 1, bif_binary_compile_pattern_1, 0},
    {"binary", "referenced_byte_size", 1, bif_binary_referenced_byte_size_1, 0},
    {NULL, NULL, 0, NULL, 0},
};
