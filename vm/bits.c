/*
** bits.c: the bit syntax at run time (bits.h): building bitstrings from
** segments, appending in place to writable binaries, and the match
** primitives over match contexts. The objects themselves are in bin.c.
*/
#include "bits.h"

#include "../bif/bif.h"
#include "bin.h"
#include "heap.h"
#include "../sched/proc.h"

/* Bitstrings larger than this are refused with system_limit. */
#define BITS_MAX ((size_t)1 << 35)
/* The first capacity of a writable binary. */
#define WRITABLE_MIN 256

bool bits_seg_size(term_t size, uint32_t unit, size_t *bits) {
    if (!term_is_small(size) || small_val(size) < 0) return false;
    uint64_t s = (uint64_t)small_val(size);
    if (unit && s > BITS_MAX / unit) {
        *bits = BITS_MAX + 1;   /* over the limit: the caller says system_limit */
        return true;
    }
    *bits = (size_t)(s * unit);
    return true;
}

static bool is_little(uint32_t flags) { return (flags & (BITS_F_LITTLE | BITS_F_NATIVE)) != 0; }

static bool valid_code_point(term_t v) {
    if (!term_is_small(v)) return false;
    sint_t c = small_val(v);
    return c >= 0 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

static bool float_value(term_t v, double *d) {
    if (term_is_float(v)) {
        *d = float_val(v);
        return true;
    }
    if (term_is_small(v)) {
        *d = (double)small_val(v);
        return true;
    }
    if (!term_is_big(v)) return false;
    const term_t *o = term_ptr(v);
    size_t n = HDR_ARITY(o[0]);
    double r = 0;
    for (size_t i = n; i-- > 0;) r = r * 18446744073709551616.0 + (double)o[1 + i];
    if (r > 1.7976931348623157e308) return false;
    *d = HDR_SUBTAG(o[0]) == HDR_NEG_BIG ? -r : r;
    return true;
}

/* The size in bits of segment 's', checking its value. 0 on success, else
   the error reason. */
static term_t seg_bits(const BitsSeg *s, size_t *bits) {
    term_t v = s->value;
    switch (s->type) {
    case BITS_INTEGER:
        if (term_is_nil(s->size)) {
            *bits = 8;
        } else if (!bits_seg_size(s->size, s->unit, bits)) {
            return term_is_big(s->size) && HDR_SUBTAG(boxed_hdr(s->size)) == HDR_POS_BIG
                       ? ATOM_system_limit : ATOM_badarg;
        }
        return term_is_integer(v) ? 0 : ATOM_badarg;
    case BITS_FLOAT: {
        double d;
        if (term_is_nil(s->size)) *bits = 64;
        else if (!bits_seg_size(s->size, s->unit, bits)) return ATOM_badarg;
        if (*bits != 16 && *bits != 32 && *bits != 64) return ATOM_badarg;
        return float_value(v, &d) ? 0 : ATOM_badarg;
    }
    case BITS_BINARY:
    case BITS_APPEND:
    case BITS_PRIVATE_APPEND: {
        if (!term_is_bitstring(v)) return ATOM_badarg;
        size_t have = bin_bit_size(v);
        if (term_is_nil(s->size) || s->size == ATOM_all) {
            if (s->unit > 1 && have % s->unit) return ATOM_badarg;
            *bits = have;
            return 0;
        }
        if (!bits_seg_size(s->size, s->unit, bits)) return ATOM_badarg;
        return *bits <= have ? 0 : ATOM_badarg;
    }
    case BITS_STRING:
        *bits = s->str_len * 8;
        return 0;
    case BITS_UTF8: {
        if (!valid_code_point(v)) return ATOM_badarg;
        sint_t c = small_val(v);
        *bits = c < 0x80 ? 8 : c < 0x800 ? 16 : c < 0x10000 ? 24 : 32;
        return 0;
    }
    case BITS_UTF16:
        if (!valid_code_point(v)) return ATOM_badarg;
        *bits = small_val(v) < 0x10000 ? 16 : 32;
        return 0;
    case BITS_UTF32:
        if (!valid_code_point(v)) return ATOM_badarg;
        *bits = 32;
        return 0;
    default:
        return ATOM_badarg;
    }
}

/* Writes the integer 'v' as 'bits' bits at bit 'pos' of 'dst'. */
static void put_integer(uint8_t *dst, size_t pos, term_t v, size_t bits, uint32_t flags) {
    if (bits == 0) return;
    if (term_is_small(v) && bits <= 64 && (pos | bits) % 8 == 0) {
        /* whole bytes of a small: the common case, written directly */
        uint64_t u = (uint64_t)small_val(v);
        size_t nb = bits / 8;
        uint8_t *d = dst + pos / 8;
        if (is_little(flags))
            for (size_t i = 0; i < nb; i++) d[i] = (uint8_t)(u >> (8 * i));
        else
            for (size_t i = 0; i < nb; i++) d[i] = (uint8_t)(u >> (8 * (nb - 1 - i)));
        return;
    }
    size_t nb = (bits + 7) / 8;
    uint8_t small[64], *le = nb <= sizeof small ? small : vm_alloc(nb);
    bin_int_to_le(v, le, nb);
    unsigned part = (unsigned)(bits & 7);
    if (is_little(flags)) {
        /* Whole bytes least significant first; the last, partial one
           holds the top 'part' bits, written as a 'part'-bit field. */
        if (part) le[nb - 1] = (uint8_t)(le[nb - 1] << (8 - part));
        bin_copy_bits(dst, pos, le, 0, bits);
    } else {
        for (size_t i = 0, j = nb - 1; i < j; i++, j--) {
            uint8_t t = le[i];
            le[i] = le[j];
            le[j] = t;
        }
        bin_copy_bits(dst, pos, le, nb * 8 - bits, bits);
    }
    if (le != small) vm_free(le);
}

/* The IEEE half-precision bits nearest to the finite 'd' (ties to even),
   infinity when out of range, as a direct conversion rounds. */
static uint16_t double_to_half(double d) {
    uint64_t u;
    memcpy(&u, &d, 8);
    uint16_t sign = (uint16_t)(u >> 48) & 0x8000;
    int e = (int)((u >> 52) & 0x7FF);
    uint64_t m = u & (((uint64_t)1 << 52) - 1);
    if (e == 0) return sign;                        /* zero or a double subnormal */
    if (e == 0x7FF) return sign | 0x7C00 | (m ? 0x200 : 0);
    e -= 1023;
    if (e > 15) return sign | 0x7C00;
    m |= (uint64_t)1 << 52;
    /* normal halves keep 10 bits after the leading one; subnormals fewer */
    unsigned shift = e >= -14 ? 42 : (unsigned)(28 - e);
    if (shift > 63) return sign;
    uint64_t r = m >> shift, rem = m & (((uint64_t)1 << shift) - 1);
    uint64_t half = (uint64_t)1 << (shift - 1);
    if (rem > half || (rem == half && (r & 1))) r++;
    if (e < -14) return sign | (uint16_t)r;         /* may round up to the least normal */
    /* r is 1.mmmmmmmmmm (11 bits), or 2.0 after rounding up */
    unsigned he = (unsigned)(e + 15);
    if (r >> 11) {
        r >>= 1;
        he++;
    }
    if (he >= 31) return sign | 0x7C00;
    return sign | (uint16_t)(he << 10) | (uint16_t)(r & 0x3FF);
}

static void put_float(uint8_t *dst, size_t pos, term_t v, size_t bits, uint32_t flags) {
    double d = 0;
    float_value(v, &d);
    uint8_t b[8];
    uint64_t u = 0;
    if (bits == 64) {
        memcpy(&u, &d, 8);
    } else if (bits == 32) {
        float f = (float)d;
        uint32_t w;
        memcpy(&w, &f, 4);
        u = w;
    } else {
        u = double_to_half(d);
    }
    size_t nb = bits / 8;
    for (size_t i = 0; i < nb; i++) {
        uint8_t byte = (uint8_t)(u >> (8 * i));
        b[is_little(flags) ? i : nb - 1 - i] = byte;
    }
    bin_copy_bits(dst, pos, b, 0, bits);
}

static size_t put_utf(uint8_t *dst, size_t pos, const BitsSeg *s) {
    uint32_t c = (uint32_t)small_val(s->value);
    uint8_t b[4];
    size_t n = 0;
    if (s->type == BITS_UTF8) {
        if (c < 0x80) {
            b[n++] = (uint8_t)c;
        } else if (c < 0x800) {
            b[n++] = (uint8_t)(0xC0 | c >> 6);
            b[n++] = (uint8_t)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            b[n++] = (uint8_t)(0xE0 | c >> 12);
            b[n++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            b[n++] = (uint8_t)(0x80 | (c & 0x3F));
        } else {
            b[n++] = (uint8_t)(0xF0 | c >> 18);
            b[n++] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
            b[n++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            b[n++] = (uint8_t)(0x80 | (c & 0x3F));
        }
    } else {
        uint32_t units[2];
        size_t k = 0, w = s->type == BITS_UTF16 ? 2 : 4;
        if (s->type == BITS_UTF16 && c >= 0x10000) {
            units[k++] = 0xD800 | ((c - 0x10000) >> 10);
            units[k++] = 0xDC00 | ((c - 0x10000) & 0x3FF);
        } else {
            units[k++] = c;
        }
        for (size_t i = 0; i < k; i++)
            for (size_t j = 0; j < w; j++) {
                size_t sh = is_little(s->flags) ? j : w - 1 - j;
                b[n++] = (uint8_t)(units[i] >> (8 * sh));
            }
    }
    bin_copy_bits(dst, pos, b, 0, n * 8);
    return n * 8;
}

/* Writes segments [from, n) at bit 'pos' of 'dst'; 'bits' holds their sizes. */
static void put_segs(uint8_t *dst, size_t pos, const BitsSeg *segs, size_t from, size_t n,
                     const size_t *bits) {
    for (size_t i = from; i < n; i++) {
        const BitsSeg *s = &segs[i];
        const uint8_t *base;
        size_t off, have;
        switch (s->type) {
        case BITS_INTEGER: put_integer(dst, pos, s->value, bits[i], s->flags); break;
        case BITS_FLOAT: put_float(dst, pos, s->value, bits[i], s->flags); break;
        case BITS_STRING: bin_copy_bits(dst, pos, s->str, 0, bits[i]); break;
        case BITS_UTF8:
        case BITS_UTF16:
        case BITS_UTF32: put_utf(dst, pos, s); break;
        default: /* binary, append */
            bin_view(s->value, &base, &off, &have);
            bin_copy_bits(dst, pos, base, off, bits[i]);
            break;
        }
        pos += bits[i];
    }
}

static term_t make_sub(struct Proc *p, term_t orig, size_t bits) {
    term_t *hp = heap_alloc(p, 4);
    hp[0] = MAKE_HDR(HDR_SUB_BIN, 3);
    hp[SUB_BITS] = bits;
    hp[SUB_OFFS] = 0;
    hp[SUB_ORIG] = orig;
    return make_boxed(hp);
}

/* The refc object under 'v' if 'v' is the latest value of a writable
   binary that only this heap references (so it may grow in place). */
static term_t *writable_tip(term_t v) {
    if (!boxed_is(v, HDR_SUB_BIN)) return NULL;
    term_t *sb = term_ptr(v);
    if (sb[SUB_OFFS] != 0 || !boxed_is(sb[SUB_ORIG], HDR_REFC_BIN)) return NULL;
    term_t *rc = term_ptr(sb[SUB_ORIG]);
    if (!(rc[REFC_FLAGS] & PB_WRITABLE)) return NULL;
    Binary *b = (Binary *)(uintptr_t)rc[REFC_BIN];
    if (b->refc != 1 || *bin_used_bits(b) != sb[SUB_BITS]) return NULL;
    return rc;
}

static term_t append(struct Proc *p, const BitsSeg *segs, size_t n, const size_t *bits,
                     size_t total) {
    term_t acc = segs[0].value;
    size_t have = bits[0];
    term_t *rc = have == bin_bit_size(acc) ? writable_tip(acc) : NULL;
    size_t need = (total + 7) / 8;
    if (rc) {
        Binary *b = (Binary *)(uintptr_t)rc[REFC_BIN];
        if (need > b->cap) {
            size_t cap = b->cap * 2 > need ? b->cap * 2 : need;
            b = bin_resize(b, cap);
            rc[REFC_BIN] = (term_t)(uintptr_t)b;
        }
        put_segs(b->data, have, segs, 1, n, bits);
        *bin_used_bits(b) = total;
        rc[REFC_SIZE] = need;
        return make_sub(p, make_boxed(rc), total);
    }
    size_t cap = need * 2 < WRITABLE_MIN ? WRITABLE_MIN : need * 2;
    Binary *b = bin_new(cap);
    put_segs(b->data, 0, segs, 0, n, bits);
    *bin_used_bits(b) = total;
    term_t refc = bin_refc_at(heap_alloc(p, 5), b, need, PB_WRITABLE, &p->offheap);
    return make_sub(p, refc, total);
}

term_t bits_create(struct Proc *p, const BitsSeg *segs, size_t n) {
    size_t stack_bits[16], *bits = n <= 16 ? stack_bits : vm_alloc(n * sizeof(size_t));
    size_t total = 0;
    term_t err = 0, r;
    for (size_t i = 0; i < n && !err; i++) {
        err = seg_bits(&segs[i], &bits[i]);
        if (!err && (bits[i] > BITS_MAX || (total += bits[i]) > BITS_MAX)) err = ATOM_system_limit;
    }
    if (err) {
        r = bif_error(p, EXC_ERROR, err);
    } else if (n > 0 && (segs[0].type == BITS_APPEND || segs[0].type == BITS_PRIVATE_APPEND)) {
        r = append(p, segs, n, bits, total);
    } else {
        uint8_t *data;
        r = bin_make(p, (total + 7) / 8, &data);
        if (total & 7) data[total / 8] = 0;
        put_segs(data, 0, segs, 0, n, bits);
        if (total & 7) r = make_sub(p, r, total);
    }
    if (bits != stack_bits) vm_free(bits);
    return r;
}

/* ---- matching ---- */

term_t bits_start_match(struct Proc *p, term_t bin) {
    if (boxed_is(bin, HDR_MATCH_CTX)) return bin;
    if (!term_is_bitstring(bin)) return TERM_NONE;
    term_t *o = term_ptr(bin), *hp = heap_alloc(p, 4);
    hp[0] = MAKE_HDR(HDR_MATCH_CTX, 3);
    if (HDR_SUBTAG(o[0]) == HDR_SUB_BIN) {
        hp[CTX_POS] = o[SUB_OFFS];
        hp[CTX_END] = o[SUB_OFFS] + o[SUB_BITS];
        hp[CTX_ORIG] = o[SUB_ORIG];
    } else {
        hp[CTX_POS] = 0;
        hp[CTX_END] = bin_bit_size(bin);
        hp[CTX_ORIG] = bin;
    }
    return make_boxed(hp);
}

size_t bits_remaining(term_t ctx) {
    term_t *c = term_ptr(ctx);
    return (size_t)(c[CTX_END] - c[CTX_POS]);
}

size_t bits_position(term_t ctx) { return (size_t)term_ptr(ctx)[CTX_POS]; }

void bits_set_position(term_t ctx, size_t pos) { term_ptr(ctx)[CTX_POS] = pos; }

/* The base of the context's bits and the absolute bit position of 'pos'. */
static const uint8_t *ctx_base(term_t ctx, size_t *abs_pos) {
    term_t *c = term_ptr(ctx);
    const uint8_t *base;
    size_t off, bits;
    bin_view(c[CTX_ORIG], &base, &off, &bits);
    *abs_pos = off + (size_t)c[CTX_POS];
    return base;
}

bool bits_skip(term_t ctx, size_t bits) {
    if (bits_remaining(ctx) < bits) return false;
    term_ptr(ctx)[CTX_POS] += bits;
    return true;
}

/* Reads 'bits' bits into 'le' (ceil(bits/8) bytes) as a little-endian
   magnitude, without advancing. */
static void read_uint_le(term_t ctx, size_t bits, uint32_t flags, uint8_t *le) {
    size_t pos, nb = (bits + 7) / 8;
    const uint8_t *base = ctx_base(ctx, &pos);
    unsigned part = (unsigned)(bits & 7);
    memset(le, 0, nb);
    if (is_little(flags)) {
        bin_copy_bits(le, 0, base, pos, bits);
        if (part) le[nb - 1] = (uint8_t)(le[nb - 1] >> (8 - part));
    } else {
        bin_copy_bits(le, nb * 8 - bits, base, pos, bits);
        for (size_t i = 0, j = nb - 1; i < j; i++, j--) {
            uint8_t t = le[i];
            le[i] = le[j];
            le[j] = t;
        }
    }
}

term_t bits_get_integer(struct Proc *p, term_t ctx, size_t bits, uint32_t flags) {
    if (bits_remaining(ctx) < bits) return TERM_NONE;
    if (bits == 0) return make_small(0);
    if (bits <= 56 && !is_little(flags)) {
        /* big-endian and small: gather the bytes that hold the field */
        const uint8_t *base;
        size_t off, size;
        bin_view(term_ptr(ctx)[CTX_ORIG], &base, &off, &size);
        size_t pos = off + term_ptr(ctx)[CTX_POS];
        const uint8_t *b = base + pos / 8;
        unsigned sh = (unsigned)(pos % 8);
        size_t nbytes = (sh + bits + 7) / 8;
        uint64_t acc = 0;
        for (size_t i = 0; i < nbytes; i++) acc = acc << 8 | b[i];
        uint64_t v = (acc >> (nbytes * 8 - sh - bits)) & (((uint64_t)1 << bits) - 1);
        sint_t r = (sint_t)v;
        if ((flags & BITS_F_SIGNED) && (v >> (bits - 1)) & 1) r -= (sint_t)1 << bits;
        term_ptr(ctx)[CTX_POS] += bits;
        return make_small(r);
    }
    size_t nb = (bits + 7) / 8;
    uint8_t small[64], *le = nb <= sizeof small ? small : vm_alloc(nb);
    read_uint_le(ctx, bits, flags, le);
    bool neg = false;
    unsigned top = (unsigned)((bits - 1) & 7);
    if ((flags & BITS_F_SIGNED) && ((le[nb - 1] >> top) & 1)) {
        /* Negative: the magnitude is the two's complement within 'bits'. */
        neg = true;
        unsigned carry = 1;
        for (size_t i = 0; i < nb; i++) {
            unsigned b = (~(unsigned)le[i] & 0xFFu) + carry;
            carry = b >> 8;
            le[i] = (uint8_t)b;
        }
        le[nb - 1] &= (uint8_t)(0xFFu >> (7 - top));
    }
    term_t r = bin_int_from_le(le, nb, neg, bin_proc_alloc, p);
    if (le != small) vm_free(le);
    term_ptr(ctx)[CTX_POS] += bits;
    return r;
}

static double half_to_double(uint16_t h) {
    unsigned e = (h >> 10) & 0x1F, m = h & 0x3FF;
    double d;
    if (e == 0) {
        d = (double)m * 0x1p-24;             /* subnormal (or zero) */
    } else if (e == 31) {
        d = m ? __builtin_nan("") : __builtin_inf();
    } else {
        uint64_t u = (uint64_t)(e - 15 + 1023) << 52 | (uint64_t)m << 42;
        memcpy(&d, &u, 8);
    }
    return h & 0x8000 ? -d : d;
}

term_t bits_get_float(struct Proc *p, term_t ctx, size_t bits, uint32_t flags) {
    if ((bits != 16 && bits != 32 && bits != 64) || bits_remaining(ctx) < bits) return TERM_NONE;
    uint8_t le[8];
    read_uint_le(ctx, bits, flags & ~BITS_F_SIGNED, le);
    uint64_t u = 0;
    for (size_t i = bits / 8; i-- > 0;) u = (u << 8) | le[i];
    double d;
    if (bits == 64) {
        memcpy(&d, &u, 8);
    } else if (bits == 32) {
        uint32_t w = (uint32_t)u;
        float f;
        memcpy(&f, &w, 4);
        d = f;
    } else {
        d = half_to_double((uint16_t)u);
    }
    if (d != d || d - d != 0) return TERM_NONE; /* NaN or infinity */
    term_ptr(ctx)[CTX_POS] += bits;
    return heap_float(p, d);
}

term_t bits_get_binary(struct Proc *p, term_t ctx, size_t bits) {
    if (bits_remaining(ctx) < bits) return TERM_NONE;
    term_t *c = term_ptr(ctx);
    term_t r = bin_sub(p, c[CTX_ORIG], (size_t)c[CTX_POS], bits);
    c[CTX_POS] += bits;
    return r;
}

term_t bits_get_tail(struct Proc *p, term_t ctx) {
    term_t *c = term_ptr(ctx);
    return bin_sub(p, c[CTX_ORIG], (size_t)c[CTX_POS], bits_remaining(ctx));
}

/* The byte at bit 'k' bytes past the context position. */
static unsigned peek_byte(term_t ctx, size_t k) {
    size_t pos;
    const uint8_t *base = ctx_base(ctx, &pos);
    uint8_t b;
    bin_copy_bits(&b, 0, base, pos + 8 * k, 8);
    return b;
}

term_t bits_get_utf8(term_t ctx) {
    size_t avail = bits_remaining(ctx) / 8;
    if (avail == 0) return TERM_NONE;
    unsigned b0 = peek_byte(ctx, 0), n;
    uint32_t c, min;
    if (b0 < 0x80) n = 1, c = b0, min = 0;
    else if ((b0 & 0xE0) == 0xC0) n = 2, c = b0 & 0x1F, min = 0x80;
    else if ((b0 & 0xF0) == 0xE0) n = 3, c = b0 & 0x0F, min = 0x800;
    else if ((b0 & 0xF8) == 0xF0) n = 4, c = b0 & 0x07, min = 0x10000;
    else return TERM_NONE;
    if (avail < n) return TERM_NONE;
    for (unsigned i = 1; i < n; i++) {
        unsigned b = peek_byte(ctx, i);
        if ((b & 0xC0) != 0x80) return TERM_NONE;
        c = (c << 6) | (b & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return TERM_NONE;
    term_ptr(ctx)[CTX_POS] += 8 * n;
    return make_small(c);
}

static uint32_t peek_unit(term_t ctx, size_t k, size_t w, uint32_t flags) {
    uint32_t u = 0;
    for (size_t j = 0; j < w; j++) {
        unsigned b = peek_byte(ctx, k + j);
        u |= (uint32_t)b << (8 * (is_little(flags) ? j : w - 1 - j));
    }
    return u;
}

term_t bits_get_utf16(term_t ctx, uint32_t flags) {
    size_t avail = bits_remaining(ctx) / 8;
    if (avail < 2) return TERM_NONE;
    uint32_t u = peek_unit(ctx, 0, 2, flags), n = 2;
    if (u >= 0xDC00 && u <= 0xDFFF) return TERM_NONE;
    if (u >= 0xD800 && u <= 0xDBFF) {
        if (avail < 4) return TERM_NONE;
        uint32_t l = peek_unit(ctx, 2, 2, flags);
        if (l < 0xDC00 || l > 0xDFFF) return TERM_NONE;
        u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
        n = 4;
    }
    term_ptr(ctx)[CTX_POS] += 8 * n;
    return make_small(u);
}

term_t bits_get_utf32(term_t ctx, uint32_t flags) {
    if (bits_remaining(ctx) < 32) return TERM_NONE;
    uint32_t u = peek_unit(ctx, 0, 4, flags);
    if (u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) return TERM_NONE;
    term_ptr(ctx)[CTX_POS] += 32;
    return make_small(u);
}

bool bits_match_string(term_t ctx, const uint8_t *s, size_t bits) {
    if (bits_remaining(ctx) < bits) return false;
    size_t pos;
    const uint8_t *base = ctx_base(ctx, &pos);
    size_t i = 0;
    for (; i + 8 <= bits; i += 8) {
        uint8_t b;
        bin_copy_bits(&b, 0, base, pos + i, 8);
        if (b != s[i / 8]) return false;
    }
    if (i < bits) {
        uint8_t b = 0, t = 0;
        bin_copy_bits(&b, 0, base, pos + i, bits - i);
        bin_copy_bits(&t, 0, s, i, bits - i);
        if (b != t) return false;
    }
    term_ptr(ctx)[CTX_POS] += bits;
    return true;
}
