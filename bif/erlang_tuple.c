/*
** erlang_tuple.c: the tuple, list and atom BIFs of the erlang module:
** element/2, setelement/3, tuple_size/1, size/1, make_tuple/2,3,
** append_element/2, tuple_to_list/1, list_to_tuple/1, length/1, hd/1, tl/1,
** '++'/2, '--'/2, atom_to_list/1, list_to_atom/1, list_to_existing_atom/1,
** and the conversions between Erlang strings and UTF-8 the BIF files share.
*/
#include "erlang.h"

#include "../vm/bin.h"

/* ---- tuples ---- */

#define TUPLE_MAX_ARITY 16777215  /* OTP's limit */

/* A 1-based index into a tuple of 'arity' elements, or 0. */
static size_t tuple_index(term_t i, size_t arity)
{
    if (!term_is_small(i) || small_val(i) < 1 || (uint64_t)small_val(i) > arity) return 0;
    return (size_t)small_val(i);
}

BIF(bif_erlang_element_2)
{
    term_t t = args[1];
    if (!term_is_tuple(t)) BIF_BADARG(p);
    size_t i = tuple_index(args[0], tuple_arity(t));
    if (i == 0) BIF_BADARG(p);
    return tuple_elems(t)[i - 1];
}

BIF(bif_erlang_setelement_3)
{
    term_t t = args[1];
    if (!term_is_tuple(t)) BIF_BADARG(p);
    size_t n = tuple_arity(t);
    size_t i = tuple_index(args[0], n);
    if (i == 0) BIF_BADARG(p);
    term_t *hp = heap_alloc(p, n + 1);
    hp[0] = MAKE_HDR(HDR_TUPLE, n);
    memcpy(hp + 1, tuple_elems(t), n * sizeof(term_t));
    hp[i] = args[2];
    return make_boxed(hp);
}

BIF(bif_erlang_tuple_size_1)
{
    if (!term_is_tuple(args[0])) BIF_BADARG(p);
    return make_small((sint_t)tuple_arity(args[0]));
}

/* size/1: the arity of a tuple or the whole bytes of a bitstring. */
BIF(bif_erlang_size_1)
{
    term_t t = args[0];
    if (term_is_tuple(t)) return make_small((sint_t)tuple_arity(t));
    if (term_is_bitstring(t)) return make_small((sint_t)(bin_bit_size(t) / 8));
    BIF_BADARG(p);
}

static term_t filled_tuple(Proc *p, size_t n, term_t v)
{
    term_t *hp = heap_alloc(p, n + 1);
    hp[0] = MAKE_HDR(HDR_TUPLE, n);
    for (size_t i = 1; i <= n; i++) hp[i] = v;
    return make_boxed(hp);
}

static bool tuple_size_arg(term_t t, size_t *n)
{
    if (!term_is_small(t) || small_val(t) < 0 || small_val(t) > TUPLE_MAX_ARITY) return false;
    *n = (size_t)small_val(t);
    return true;
}

BIF(bif_erlang_make_tuple_2)
{
    size_t n;
    if (!tuple_size_arg(args[0], &n)) BIF_BADARG(p);
    return filled_tuple(p, n, args[1]);
}

/* make_tuple(N, Default, [{Pos, Value}]): later positions win. */
BIF(bif_erlang_make_tuple_3)
{
    size_t n;
    if (!tuple_size_arg(args[0], &n)) BIF_BADARG(p);
    term_t l = args[2];
    for (; term_is_list(l); l = list_tail(l)) {
        term_t e = list_head(l);
        if (!term_is_tuple(e) || tuple_arity(e) != 2 || tuple_index(tuple_elems(e)[0], n) == 0)
            BIF_BADARG(p);
    }
    if (!term_is_nil(l)) BIF_BADARG(p);
    term_t t = filled_tuple(p, n, args[1]);
    for (l = args[2]; term_is_list(l); l = list_tail(l)) {
        const term_t *e = tuple_elems(list_head(l));
        tuple_elems(t)[small_val(e[0]) - 1] = e[1];
    }
    return t;
}

BIF(bif_erlang_append_element_2)
{
    term_t t = args[0];
    if (!term_is_tuple(t)) BIF_BADARG(p);
    size_t n = tuple_arity(t);
    if (n >= TUPLE_MAX_ARITY) BIF_ERROR(p, ATOM_system_limit);
    term_t *hp = heap_alloc(p, n + 2);
    hp[0] = MAKE_HDR(HDR_TUPLE, n + 1);
    memcpy(hp + 1, tuple_elems(t), n * sizeof(term_t));
    hp[n + 1] = args[1];
    return make_boxed(hp);
}

BIF(bif_erlang_tuple_to_list_1)
{
    term_t t = args[0];
    if (!term_is_tuple(t)) BIF_BADARG(p);
    return heap_list(p, tuple_elems(t), tuple_arity(t));
}

BIF(bif_erlang_list_to_tuple_1)
{
    sint_t n = list_length(args[0]);
    if (n < 0) BIF_BADARG(p);
    if (n > TUPLE_MAX_ARITY) BIF_ERROR(p, ATOM_system_limit);
    term_t *hp = heap_alloc(p, (size_t)n + 1);
    hp[0] = MAKE_HDR(HDR_TUPLE, n);
    term_t l = args[0];
    for (sint_t i = 1; i <= n; i++, l = list_tail(l)) hp[i] = list_head(l);
    return make_boxed(hp);
}

/* ---- strings ---- */

static void put_utf8(StrBuf *b, uint32_t c)
{
    char u[4];
    size_t n;
    if (c < 0x80) {
        u[0] = (char)c;
        n = 1;
    } else if (c < 0x800) {
        u[0] = (char)(0xC0 | (c >> 6));
        u[1] = (char)(0x80 | (c & 0x3F));
        n = 2;
    } else if (c < 0x10000) {
        u[0] = (char)(0xE0 | (c >> 12));
        u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[2] = (char)(0x80 | (c & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (c >> 18));
        u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
        u[3] = (char)(0x80 | (c & 0x3F));
        n = 4;
    }
    strbuf_add(b, u, n);
}

bool erlang_char_utf8(term_t c, StrBuf *b)
{
    if (!term_is_small(c)) return false;
    sint_t v = small_val(c);
    if (v < 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
    put_utf8(b, (uint32_t)v);
    return true;
}

bool erlang_string_utf8(term_t s, StrBuf *b, size_t *nchars)
{
    size_t n = 0;
    for (; term_is_list(s); s = list_tail(s), n++)
        if (!erlang_char_utf8(list_head(s), b)) return false;
    if (nchars) *nchars = n;
    return term_is_nil(s);
}

/* The code point at s[*i], advancing '*i'. A byte that does not start a
   well-formed sequence stands for itself. */
static uint32_t next_cp(const uint8_t *s, size_t n, size_t *i)
{
    uint8_t c = s[*i];
    size_t len;
    uint32_t v;
    if (c < 0x80) { *i += 1; return c; }
    if (c >= 0xC2 && c < 0xE0) { len = 2; v = c & 0x1F; }
    else if (c >= 0xE0 && c < 0xF0) { len = 3; v = c & 0x0F; }
    else if (c >= 0xF0 && c < 0xF5) { len = 4; v = c & 0x07; }
    else { *i += 1; return c; }
    if (*i + len > n) { *i += 1; return c; }
    for (size_t k = 1; k < len; k++) {
        uint8_t d = s[*i + k];
        if ((d & 0xC0) != 0x80) { *i += 1; return c; }
        v = (v << 6) | (d & 0x3F);
    }
    *i += len;
    return v;
}

term_t erlang_utf8_list(Proc *p, const char *str, size_t n)
{
    const uint8_t *s = (const uint8_t *)str;
    size_t count = 0;
    for (size_t i = 0; i < n; count++) next_cp(s, n, &i);
    if (count == 0) return TERM_NIL;
    term_t *hp = heap_alloc(p, 2 * count);
    size_t i = 0;
    for (size_t k = 0; k < count; k++) {
        hp[2 * k] = make_small(next_cp(s, n, &i));
        hp[2 * k + 1] = k + 1 < count ? make_list(hp + 2 * k + 2) : TERM_NIL;
    }
    return make_list(hp);
}

/* ---- atoms ---- */

BIF(bif_erlang_atom_to_list_1)
{
    if (!term_is_atom(args[0])) BIF_BADARG(p);
    size_t len;
    const char *s = atom_name(args[0], &len);
    return erlang_utf8_list(p, s, len);
}

BIF(bif_erlang_list_to_atom_1)
{
    StrBuf b;
    size_t nchars;
    strbuf_init(&b);
    bool ok = erlang_string_utf8(args[0], &b, &nchars);
    term_t a = ok && nchars <= VM_MAX_ATOM_CHARS ? atom_intern(b.s ? b.s : "", b.len) : TERM_NONE;
    strbuf_free(&b);
    if (!ok) BIF_BADARG(p);
    if (term_is_none(a)) BIF_ERROR(p, ATOM_system_limit);
    return a;
}

BIF(bif_erlang_list_to_existing_atom_1)
{
    StrBuf b;
    size_t nchars;
    strbuf_init(&b);
    bool ok = erlang_string_utf8(args[0], &b, &nchars);
    term_t a = ok && nchars <= VM_MAX_ATOM_CHARS ? atom_lookup(b.s ? b.s : "", b.len) : TERM_NONE;
    strbuf_free(&b);
    if (term_is_none(a)) BIF_BADARG(p);
    return a;
}

/* ---- lists ---- */

BIF(bif_erlang_length_1)
{
    sint_t n = list_length(args[0]);
    if (n < 0) BIF_BADARG(p);
    return make_small(n);
}

BIF(bif_erlang_hd_1)
{
    if (!term_is_list(args[0])) BIF_BADARG(p);
    return list_head(args[0]);
}

BIF(bif_erlang_tl_1)
{
    if (!term_is_list(args[0])) BIF_BADARG(p);
    return list_tail(args[0]);
}

/* A ++ B: copies A (a proper list) in front of B (anything). */
BIF(bif_erlang_pp_2)
{
    term_t a = args[0];
    sint_t n = list_length(a);
    if (n < 0) BIF_BADARG(p);
    if (n == 0) return args[1];
    term_t *hp = heap_alloc(p, 2 * (size_t)n);
    for (sint_t i = 0; i < n; i++, a = list_tail(a)) {
        hp[2 * i] = list_head(a);
        hp[2 * i + 1] = make_list(hp + 2 * i + 2);
    }
    hp[2 * n - 1] = args[1];
    return make_list(hp);
}

/*
** A -- B removes, for each element of B, the first element of A that is
** exactly equal to it. That is the same as walking A once with the
** multiset of B's elements, dropping each element of A that the multiset
** still holds (and taking one copy out of it). The multiset is a plain
** array for a short B and an open-addressing hash table otherwise, so the
** cost is O(|A| + |B|) hashing rather than O(|A| * |B|) comparisons.
*/
#define SMALL_SET 16

typedef struct Multiset {
    size_t cap;          /* slots; a power of two (hash) or |B| (array) */
    bool hashed;
    term_t *keys;        /* TERM_NONE marks an empty slot */
    uint32_t *hashes;
    size_t *counts;
} Multiset;

static void ms_add(Multiset *ms, term_t t)
{
    if (!ms->hashed) {
        size_t i = 0;
        while (!term_is_none(ms->keys[i])) i++;
        ms->keys[i] = t;
        ms->counts[i] = 1;
        return;
    }
    uint32_t h = erlang_term_hash(t);
    size_t mask = ms->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        if (term_is_none(ms->keys[i])) {
            ms->keys[i] = t;
            ms->hashes[i] = h;
            ms->counts[i] = 1;
            return;
        }
        if (ms->hashes[i] == h && compare_exact(ms->keys[i], t)) {
            ms->counts[i]++;
            return;
        }
    }
}

/* Takes one copy of 't' out of the set; false if it holds none. */
static bool ms_take(Multiset *ms, term_t t)
{
    if (!ms->hashed) {
        for (size_t i = 0; i < ms->cap; i++) {
            if (ms->counts[i] && compare_exact(ms->keys[i], t)) {
                ms->counts[i] = 0;
                return true;
            }
        }
        return false;
    }
    uint32_t h = erlang_term_hash(t);
    size_t mask = ms->cap - 1;
    for (size_t i = h & mask; !term_is_none(ms->keys[i]); i = (i + 1) & mask) {
        if (ms->hashes[i] == h && compare_exact(ms->keys[i], t)) {
            if (ms->counts[i] == 0) return false;
            ms->counts[i]--;
            return true;
        }
    }
    return false;
}

static void ms_init(Multiset *ms, term_t b, size_t m)
{
    ms->hashed = m > SMALL_SET;
    ms->cap = m;
    if (ms->hashed) {
        ms->cap = 1;
        while (ms->cap < 2 * m) ms->cap *= 2;
    }
    ms->keys = vm_alloc(ms->cap * sizeof *ms->keys);
    ms->hashes = ms->hashed ? vm_alloc(ms->cap * sizeof *ms->hashes) : NULL;
    ms->counts = vm_alloc(ms->cap * sizeof *ms->counts);
    for (size_t i = 0; i < ms->cap; i++) ms->keys[i] = TERM_NONE;
    for (; term_is_list(b); b = list_tail(b)) ms_add(ms, list_head(b));
}

static void ms_free(Multiset *ms)
{
    vm_free(ms->keys);
    vm_free(ms->hashes);
    vm_free(ms->counts);
}

BIF(bif_erlang_mm_2)
{
    term_t a = args[0];
    sint_t n = list_length(a), m = list_length(args[1]);
    if (n < 0 || m < 0) BIF_BADARG(p);
    if (n == 0 || m == 0) return a;

    Multiset ms;
    ms_init(&ms, args[1], (size_t)m);
    bool *drop = vm_zalloc((size_t)n);
    size_t left = (size_t)m, kept = 0, last = 0;
    bool any = false;
    term_t rest = a;   /* the part of A after the last dropped element */
    size_t i = 0;
    for (term_t l = a; term_is_list(l) && left > 0; l = list_tail(l), i++) {
        if (ms_take(&ms, list_head(l))) {
            drop[i] = true;
            any = true;
            last = i;
            rest = list_tail(l);
            left--;
        }
    }
    ms_free(&ms);
    if (!any) {
        vm_free(drop);
        return a;
    }
    for (i = 0; i < last; i++) kept += !drop[i];
    term_t result = rest;
    if (kept > 0) {
        term_t *hp = heap_alloc(p, 2 * kept);
        size_t k = 0;
        term_t l = a;
        for (i = 0; i < last; i++, l = list_tail(l)) {
            if (drop[i]) continue;
            hp[2 * k] = list_head(l);
            hp[2 * k + 1] = make_list(hp + 2 * k + 2);
            k++;
        }
        hp[2 * kept - 1] = rest;
        result = make_list(hp);
    }
    vm_free(drop);
    return result;
}

#define E(name, arity, fn) {"erlang", name, arity, fn, 0}
#define G(name, arity, fn) {"erlang", name, arity, fn, BIF_GUARD}

const BifDef bif_erlang_tuple_table[] = {
    G("element", 2, bif_erlang_element_2),
    E("setelement", 3, bif_erlang_setelement_3),
    G("tuple_size", 1, bif_erlang_tuple_size_1),
    G("size", 1, bif_erlang_size_1),
    E("make_tuple", 2, bif_erlang_make_tuple_2),
    E("make_tuple", 3, bif_erlang_make_tuple_3),
    E("append_element", 2, bif_erlang_append_element_2),
    E("tuple_to_list", 1, bif_erlang_tuple_to_list_1),
    E("list_to_tuple", 1, bif_erlang_list_to_tuple_1),
    G("length", 1, bif_erlang_length_1),
    G("hd", 1, bif_erlang_hd_1),
    G("tl", 1, bif_erlang_tl_1),
    E("++", 2, bif_erlang_pp_2),
    E("--", 2, bif_erlang_mm_2),
    E("append", 2, bif_erlang_pp_2),
    E("subtract", 2, bif_erlang_mm_2),
    E("atom_to_list", 1, bif_erlang_atom_to_list_1),
    E("list_to_atom", 1, bif_erlang_list_to_atom_1),
    E("list_to_existing_atom", 1, bif_erlang_list_to_existing_atom_1),
    {NULL, NULL, 0, NULL, 0},
};
