/*
** erlang_bin.c: the erlang module's BIFs on binaries, iolists, atoms as
** binaries, and the external term format (term_to_binary and friends).
** The binary module is binary.c; unicode conversions are unicode.c.
*/
#include "../vm/bin.h"
#include "../vm/ext.h"
#include "../vm/heap.h"
#include "bif.h"

extern const BifDef bif_erlang_bin_table[];

static term_t byte_list(Proc *p, const uint8_t *s, size_t n, term_t tail) {
    if (n == 0) return tail;
    term_t *hp = heap_alloc(p, 2 * n);
    for (size_t i = 0; i < n; i++) {
        hp[2 * i] = make_small(s[i]);
        hp[2 * i + 1] = i + 1 < n ? make_list(hp + 2 * i + 2) : tail;
    }
    return make_list(hp);
}

BIF(bif_erlang_binary_to_list_1) {
    size_t n;
    const uint8_t *s = bin_data(p, args[0], &n);
    if (!s) BIF_BADARG(p);
    return byte_list(p, s, n, TERM_NIL);
}

static bool get_index(term_t t, size_t *v) {
    if (!term_is_small(t) || small_val(t) < 0) return false;
    *v = (size_t)small_val(t);
    return true;
}

BIF(bif_erlang_binary_to_list_3) {
    size_t n, start, stop;
    const uint8_t *s = bin_data(p, args[0], &n);
    if (!s || !get_index(args[1], &start) || !get_index(args[2], &stop) || start < 1 ||
        start > stop || stop > n)
        BIF_BADARG(p);
    return byte_list(p, s + start - 1, stop - start + 1, TERM_NIL);
}

BIF(bif_erlang_bitstring_to_list_1) {
    term_t t = args[0];
    if (!term_is_bitstring(t)) BIF_BADARG(p);
    size_t bits = bin_bit_size(t), whole = bits / 8;
    const uint8_t *base;
    size_t off, nb;
    bin_view(t, &base, &off, &nb);
    term_t tail = TERM_NIL;
    if (bits & 7) tail = heap_cons(p, bin_sub(p, t, whole * 8, bits & 7), TERM_NIL);
    uint8_t *tmp = vm_alloc(whole + 1);
    bin_copy_bits(tmp, 0, base, off, whole * 8);
    term_t r = byte_list(p, tmp, whole, tail);
    vm_free(tmp);
    return r;
}

/* iolist_to_binary and friends: 'top_bin' accepts a bare binary. */
static term_t iolist_to(Proc *p, term_t t, bool bits, bool top_bin) {
    size_t n;
    if (term_is_bitstring(t)) {
        if (!top_bin || (!bits && (bin_bit_size(t) & 7))) BIF_BADARG(p);
        return t;
    }
    if (!(term_is_list(t) || term_is_nil(t)) || !bin_iolist_bits(t, bits, &n)) BIF_BADARG(p);
    uint8_t *d;
    term_t r = bin_make(p, (n + 7) / 8, &d);
    if (n & 7) d[n / 8] = 0;
    bin_iolist_write(t, d);
    return (n & 7) ? bin_sub(p, r, 0, n) : r;
}

BIF(bif_erlang_list_to_binary_1) { return iolist_to(p, args[0], false, false); }
BIF(bif_erlang_iolist_to_binary_1) { return iolist_to(p, args[0], false, true); }
BIF(bif_erlang_list_to_bitstring_1) { return iolist_to(p, args[0], true, false); }

BIF(bif_erlang_iolist_size_1) {
    size_t n;
    if (term_is_bitstring(args[0])) {
        if (bin_bit_size(args[0]) & 7) BIF_BADARG(p);
        return heap_uint(p, bin_bit_size(args[0]) / 8);
    }
    if (!(term_is_list(args[0]) || term_is_nil(args[0])) || !bin_iolist_bits(args[0], false, &n))
        BIF_BADARG(p);
    return heap_uint(p, n / 8);
}

/* binary_part with OTP's rules: Len may be negative. */
static term_t part(Proc *p, term_t bin, term_t start, term_t len) {
    if (!term_is_bitstring(bin) || (bin_bit_size(bin) & 7) || !term_is_small(start) ||
        !term_is_small(len))
        BIF_BADARG(p);
    sint_t size = (sint_t)(bin_bit_size(bin) / 8), s = small_val(start), l = small_val(len);
    if (l < 0) {
        s += l;
        l = -l;
    }
    if (s < 0 || s > size || l > size - s) BIF_BADARG(p);
    return bin_sub(p, bin, (size_t)s * 8, (size_t)l * 8);
}

BIF(bif_erlang_binary_part_2) {
    term_t pl = args[1];
    if (!term_is_tuple(pl) || tuple_arity(pl) != 2) BIF_BADARG(p);
    return part(p, args[0], tuple_elems(pl)[0], tuple_elems(pl)[1]);
}

BIF(bif_erlang_binary_part_3) { return part(p, args[0], args[1], args[2]); }

BIF(bif_erlang_split_binary_2) {
    term_t b = args[0];
    if (!term_is_bitstring(b) || (bin_bit_size(b) & 7) || !term_is_small(args[1])) BIF_BADARG(p);
    sint_t pos = small_val(args[1]), size = (sint_t)(bin_bit_size(b) / 8);
    if (pos < 0 || pos > size) BIF_BADARG(p);
    term_t a = bin_sub(p, b, 0, (size_t)pos * 8);
    term_t c = bin_sub(p, b, (size_t)pos * 8, (size_t)(size - pos) * 8);
    return heap_tuple2(p, a, c);
}

BIF(bif_erlang_byte_size_1) {
    if (!term_is_bitstring(args[0])) BIF_BADARG(p);
    return heap_uint(p, (bin_bit_size(args[0]) + 7) / 8);
}

BIF(bif_erlang_bit_size_1) {
    if (!term_is_bitstring(args[0])) BIF_BADARG(p);
    return heap_uint(p, bin_bit_size(args[0]));
}

BIF(bif_erlang_is_binary_1) {
    VM_UNUSED(p);
    return term_is_bitstring(args[0]) && !(bin_bit_size(args[0]) & 7) ? ATOM_true : ATOM_false;
}

BIF(bif_erlang_is_bitstring_1) {
    VM_UNUSED(p);
    return term_is_bitstring(args[0]) ? ATOM_true : ATOM_false;
}

/* ---- the external format ---- */

typedef struct EncOpts { int level, minor; bool det; } EncOpts;

static bool enc_opts(term_t l, EncOpts *o) {
    o->level = 0, o->minor = 1, o->det = false;
    for (; term_is_list(l); l = list_tail(l)) {
        term_t h = list_head(l);
        if (h == ATOM_compressed) {
            o->level = 6;
        } else if (h == ATOM_deterministic) {
            o->det = true;
        } else if (term_is_tuple(h) && tuple_arity(h) == 2 && term_is_small(tuple_elems(h)[1])) {
            term_t k = tuple_elems(h)[0];
            sint_t v = small_val(tuple_elems(h)[1]);
            if (k == ATOM_compressed && v >= 0 && v <= 9) o->level = (int)v;
            else if (k == ATOM_minor_version && v >= 0 && v <= 2) o->minor = (int)v;
            else return false;
        } else {
            return false;
        }
    }
    return term_is_nil(l);
}

BIF(bif_erlang_term_to_binary_1) { return ext_encode(p, args[0], 0, 1); }

BIF(bif_erlang_term_to_binary_2) {
    EncOpts o;
    if (!enc_opts(args[1], &o)) BIF_BADARG(p);
    return o.det ? ext_encode_det(p, args[0], o.level, o.minor)
                 : ext_encode(p, args[0], o.level, o.minor);
}

BIF(bif_erlang_external_size_1) { return heap_uint(p, ext_size(args[0], 1)); }

BIF(bif_erlang_external_size_2) {
    EncOpts o;
    if (!enc_opts(args[1], &o)) BIF_BADARG(p);
    return heap_uint(p, ext_size(args[0], o.minor));
}

static term_t to_term(Proc *p, term_t bin, term_t opts) {
    bool safe = false, used = false;
    for (; term_is_list(opts); opts = list_tail(opts)) {
        if (list_head(opts) == ATOM_safe) safe = true;
        else if (list_head(opts) == ATOM_used) used = true;
        else BIF_BADARG(p);
    }
    size_t n, u = 0;
    const uint8_t *s = term_is_nil(opts) ? bin_data(p, bin, &n) : NULL;
    if (!s) BIF_BADARG(p);
    term_t t = ext_decode_proc(p, s, n, &u, safe);
    if (t == TERM_NONE) BIF_BADARG(p);
    return used ? heap_tuple2(p, t, heap_uint(p, u)) : t;
}

BIF(bif_erlang_binary_to_term_1) { return to_term(p, args[0], TERM_NIL); }
BIF(bif_erlang_binary_to_term_2) { return to_term(p, args[0], args[1]); }

/* ---- atoms ---- */

static bool encoding(term_t e, bool *latin1) {
    if (e == ATOM_latin1) *latin1 = true;
    else if (e == ATOM_unicode || e == ATOM_utf8) *latin1 = false;
    else return false;
    return true;
}

static term_t atom_to_bin(Proc *p, term_t a, term_t enc) {
    bool latin1;
    if (!term_is_atom(a) || !encoding(enc, &latin1)) BIF_BADARG(p);
    size_t n;
    const uint8_t *s = (const uint8_t *)atom_name(a, &n);
    if (!latin1) return bin_from(p, s, n);
    uint8_t buf[VM_MAX_ATOM_CHARS];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80) buf[k++] = s[i];
        else if (s[i] >= 0xC4) BIF_BADARG(p); /* a character over 255 */
        else if ((s[i] & 0xC0) == 0xC0)
            buf[k++] = (uint8_t)(((s[i] & 3u) << 6) | (s[i + 1] & 0x3Fu));
    }
    return bin_from(p, buf, k);
}

BIF(bif_erlang_atom_to_binary_1) { return atom_to_bin(p, args[0], ATOM_utf8); }
BIF(bif_erlang_atom_to_binary_2) { return atom_to_bin(p, args[0], args[1]); }

/* Characters in valid UTF-8, or -1. */
static long utf8_count(const uint8_t *s, size_t n) {
    long chars = 0;
    for (size_t i = 0; i < n; chars++) {
        unsigned b = s[i], k;
        uint32_t c, min;
        if (b < 0x80) k = 1, c = b, min = 0;
        else if ((b & 0xE0) == 0xC0) k = 2, c = b & 0x1F, min = 0x80;
        else if ((b & 0xF0) == 0xE0) k = 3, c = b & 0x0F, min = 0x800;
        else if ((b & 0xF8) == 0xF0) k = 4, c = b & 0x07, min = 0x10000;
        else return -1;
        if (n - i < k) return -1;
        for (unsigned j = 1; j < k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return -1;
            c = (c << 6) | (s[i + j] & 0x3Fu);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return -1;
        i += k;
    }
    return chars;
}

static term_t bin_to_atom(Proc *p, term_t b, term_t enc, bool existing) {
    bool latin1;
    size_t n;
    const uint8_t *s = bin_data(p, b, &n);
    if (!s || !encoding(enc, &latin1)) BIF_BADARG(p);
    uint8_t buf[2 * VM_MAX_ATOM_CHARS];
    long chars = latin1 ? (long)n : utf8_count(s, n);
    if (chars < 0) BIF_BADARG(p);
    if (chars > VM_MAX_ATOM_CHARS) BIF_ERROR(p, ATOM_system_limit);
    if (latin1) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++) {
            if (s[i] < 0x80) {
                buf[k++] = s[i];
            } else {
                buf[k++] = (uint8_t)(0xC0 | (s[i] >> 6));
                buf[k++] = (uint8_t)(0x80 | (s[i] & 0x3F));
            }
        }
        s = buf;
        n = k;
    }
    term_t a = existing ? atom_lookup((const char *)s, n) : atom_intern((const char *)s, n);
    if (a == TERM_NONE) BIF_BADARG(p);
    return a;
}

BIF(bif_erlang_binary_to_atom_1) { return bin_to_atom(p, args[0], ATOM_utf8, false); }
BIF(bif_erlang_binary_to_atom_2) { return bin_to_atom(p, args[0], args[1], false); }
BIF(bif_erlang_binary_to_existing_atom_1) {
    return bin_to_atom(p, args[0], ATOM_utf8, true);
}
BIF(bif_erlang_binary_to_existing_atom_2) {
    return bin_to_atom(p, args[0], args[1], true);
}

const BifDef bif_erlang_bin_table[] = {
    {"erlang", "binary_to_list", 1, bif_erlang_binary_to_list_1, 0},
    {"erlang", "binary_to_list", 3, bif_erlang_binary_to_list_3, 0},
    {"erlang", "bitstring_to_list", 1, bif_erlang_bitstring_to_list_1, 0},
    {"erlang", "list_to_binary", 1, bif_erlang_list_to_binary_1, 0},
    {"erlang", "iolist_to_binary", 1, bif_erlang_iolist_to_binary_1, 0},
    {"erlang", "list_to_bitstring", 1, bif_erlang_list_to_bitstring_1, 0},
    {"erlang", "iolist_size", 1, bif_erlang_iolist_size_1, 0},
    {"erlang", "binary_part", 2, bif_erlang_binary_part_2, BIF_GUARD},
    {"erlang", "binary_part", 3, bif_erlang_binary_part_3, BIF_GUARD},
    {"erlang", "split_binary", 2, bif_erlang_split_binary_2, 0},
    {"erlang", "byte_size", 1, bif_erlang_byte_size_1, BIF_GUARD},
    {"erlang", "bit_size", 1, bif_erlang_bit_size_1, BIF_GUARD},
    {"erlang", "is_binary", 1, bif_erlang_is_binary_1, BIF_GUARD},
    {"erlang", "is_bitstring", 1, bif_erlang_is_bitstring_1, BIF_GUARD},
    {"erlang", "term_to_binary", 1, bif_erlang_term_to_binary_1, 0},
    {"erlang", "term_to_binary", 2, bif_erlang_term_to_binary_2, 0},
    {"erlang", "external_size", 1, bif_erlang_external_size_1, 0},
    {"erlang", "external_size", 2, bif_erlang_external_size_2, 0},
    {"erlang", "binary_to_term", 1, bif_erlang_binary_to_term_1, 0},
    {"erlang", "binary_to_term", 2, bif_erlang_binary_to_term_2, 0},
    {"erlang", "atom_to_binary", 1, bif_erlang_atom_to_binary_1, 0},
    {"erlang", "atom_to_binary", 2, bif_erlang_atom_to_binary_2, 0},
    {"erlang", "binary_to_atom", 1, bif_erlang_binary_to_atom_1, 0},
    {"erlang", "binary_to_atom", 2, bif_erlang_binary_to_atom_2, 0},
    {"erlang", "binary_to_existing_atom", 1, bif_erlang_binary_to_existing_atom_1, 0},
    {"erlang", "binary_to_existing_atom", 2, bif_erlang_binary_to_existing_atom_2, 0},
    {NULL, NULL, 0, NULL, 0},
};
