/*
** bin.c: the bitstring objects of bin.h (heap, refc and sub binaries), the
** off-heap Binary with its reference count, and the bit copy every other
** binary file uses. The bit syntax itself is in bits.c.
**
** The off-heap chain. Every refc binary object on a process heap (or in a
** heap fragment) is on exactly one chain, whose head is 'Proc.offheap' (or
** 'HeapFrag.offheap' for a fragment that belongs to no process yet). A
** chain link is the address of the refc object's header word; the object's
** REFC_NEXT word holds the previous head as a raw uintptr_t (0 ends the
** chain). Creating a refc object pushes it on the front:
**     hp[REFC_NEXT] = (uintptr_t)*offheap;  *offheap = hp;
** Each object on a chain owns one reference to its Binary. After a
** collection copied the live refc objects (and re-chained the copies), the
** collector walks the old chain and calls bin_decref on each object that
** was not copied. Refc objects in the literal area are on no chain
** (REFC_NEXT is 0) and never release their Binary.
**
** A Binary is allocated with one hidden word in front of it: the number of
** bits written so far, used by bits.c to append in place to a writable
** binary (PB_WRITABLE).
*/
#include "bin.h"

#include "../sched/proc.h"
#include "heap.h"

#define BIN_PREFIX 16 /* the hidden word, padded to keep 'data' 16-aligned */

static uint8_t *block_of(Binary *b) { return (uint8_t *)b - BIN_PREFIX; }

Binary *bin_new(size_t cap) {
    uint8_t *m = vm_alloc(BIN_PREFIX + sizeof(Binary) + cap);
    Binary *b = (Binary *)(m + BIN_PREFIX);
    *(uint64_t *)m = 0;
    b->refc = 1;
    b->cap = cap;
    return b;
}

void bin_incref(Binary *b) { b->refc++; }

void bin_decref(Binary *b) {
    VM_ASSERT(b->refc > 0);
    if (--b->refc == 0) vm_free(block_of(b));
}

uint64_t *bin_used_bits(Binary *b) { return (uint64_t *)block_of(b); }

Binary *bin_resize(Binary *b, size_t cap) {
    uint8_t *m = vm_realloc(block_of(b), BIN_PREFIX + sizeof(Binary) + cap);
    b = (Binary *)(m + BIN_PREFIX);
    b->cap = cap;
    return b;
}

term_t bin_refc_at(term_t *hp, Binary *b, size_t size, uint32_t flags, term_t **offheap) {
    hp[0] = MAKE_HDR(HDR_REFC_BIN, 4);
    hp[REFC_SIZE] = size;
    hp[REFC_BIN] = (term_t)(uintptr_t)b;
    hp[REFC_FLAGS] = flags;
    if (offheap) {
        hp[REFC_NEXT] = (term_t)(uintptr_t)*offheap;
        *offheap = hp;
    } else {
        hp[REFC_NEXT] = 0;
    }
    return make_boxed(hp);
}

term_t bin_make(struct Proc *p, size_t n, uint8_t **data) {
    if (n <= BIN_HEAP_MAX) {
        size_t w = bin_heap_words(n);
        term_t *hp = heap_alloc(p, w);
        hp[0] = MAKE_HDR(HDR_HEAP_BIN, w - 1);
        hp[1] = n;
        hp[w - 1] = 0; /* the padding of the last word is zero */
        *data = (uint8_t *)(hp + 2);
        return make_boxed(hp);
    }
    Binary *b = bin_new(n);
    *data = b->data;
    return bin_refc_at(heap_alloc(p, 5), b, n, 0, &p->offheap);
}

term_t bin_from(struct Proc *p, const void *bytes, size_t n) {
    uint8_t *d;
    term_t t = bin_make(p, n, &d);
    if (n) memcpy(d, bytes, n);
    return t;
}

void bin_view(term_t t, const uint8_t **base, size_t *bit_offset, size_t *bit_size) {
    term_t *o = term_ptr(t);
    switch (HDR_SUBTAG(o[0])) {
    case HDR_HEAP_BIN:
        *base = (const uint8_t *)(o + 2);
        *bit_offset = 0;
        *bit_size = (size_t)o[1] * 8;
        return;
    case HDR_REFC_BIN:
        *base = ((Binary *)(uintptr_t)o[REFC_BIN])->data;
        *bit_offset = 0;
        *bit_size = (size_t)o[REFC_SIZE] * 8;
        return;
    case HDR_SUB_BIN: {
        size_t off, bits;
        bin_view(o[SUB_ORIG], base, &off, &bits);
        *bit_offset = off + (size_t)o[SUB_OFFS];
        *bit_size = (size_t)o[SUB_BITS];
        return;
    }
    case HDR_MATCH_CTX: {
        size_t off, bits;
        bin_view(o[CTX_ORIG], base, &off, &bits);
        *bit_offset = off + (size_t)o[CTX_POS];
        *bit_size = (size_t)(o[CTX_END] - o[CTX_POS]);
        return;
    }
    default:
        vm_panic("bin_view: not a bitstring");
    }
}

const uint8_t *bin_bytes(term_t t, size_t *n) {
    const uint8_t *base;
    size_t off, bits;
    bin_view(t, &base, &off, &bits);
    if ((off | bits) & 7) return NULL;
    *n = bits / 8;
    return base + off / 8;
}

size_t bin_bit_size(term_t t) {
    term_t *o = term_ptr(t);
    switch (HDR_SUBTAG(o[0])) {
    case HDR_HEAP_BIN: return (size_t)o[1] * 8;
    case HDR_REFC_BIN: return (size_t)o[REFC_SIZE] * 8;
    case HDR_SUB_BIN: return (size_t)o[SUB_BITS];
    case HDR_MATCH_CTX: return (size_t)(o[CTX_END] - o[CTX_POS]);
    default: vm_panic("bin_bit_size: not a bitstring");
    }
}

term_t bin_sub(struct Proc *p, term_t bin, size_t bit_offset, size_t bit_size) {
    term_t *o = term_ptr(bin);
    term_t orig = bin;
    if (HDR_SUBTAG(o[0]) == HDR_SUB_BIN) {
        bit_offset += (size_t)o[SUB_OFFS];
        orig = o[SUB_ORIG];
    } else if (HDR_SUBTAG(o[0]) == HDR_MATCH_CTX) {
        bit_offset += (size_t)o[CTX_POS];
        orig = o[CTX_ORIG];
    }
    /* Small byte-aligned slices are copied: they keep nothing alive. */
    if (((bit_offset | bit_size) & 7) == 0 && bit_size / 8 <= BIN_HEAP_MAX) {
        const uint8_t *base;
        size_t off, bits;
        bin_view(orig, &base, &off, &bits);
        return bin_from(p, base + (off + bit_offset) / 8, bit_size / 8);
    }
    term_t *hp = heap_alloc(p, 4);
    hp[0] = MAKE_HDR(HDR_SUB_BIN, 3);
    hp[SUB_BITS] = bit_size;
    hp[SUB_OFFS] = bit_offset;
    hp[SUB_ORIG] = orig;
    return make_boxed(hp);
}

/* The 'k' (1..8) bits at bit 'off' of 'src', left-aligned in a byte. Never
   reads a byte that holds none of those bits. */
static inline unsigned get_bits8(const uint8_t *src, size_t off, unsigned k) {
    size_t i = off >> 3;
    unsigned s = (unsigned)(off & 7);
    unsigned v = (unsigned)src[i] << s;
    if (s + k > 8) v |= (unsigned)src[i + 1] >> (8 - s);
    return v & (0xFFu << (8 - k)) & 0xFFu;
}

/* Stores the top 'k' (1..8) bits of 'v' at bit 'off' of 'dst'. */
static inline void put_bits8(uint8_t *dst, size_t off, unsigned v, unsigned k) {
    size_t i = off >> 3;
    unsigned s = (unsigned)(off & 7);
    unsigned mask = (0xFFu << (8 - k)) & 0xFFu;
    dst[i] = (uint8_t)((dst[i] & ~(mask >> s)) | (v >> s));
    if (s + k > 8) {
        unsigned m2 = (mask << (8 - s)) & 0xFFu;
        dst[i + 1] = (uint8_t)((dst[i + 1] & ~m2) | ((v << (8 - s)) & 0xFFu));
    }
}

void bin_copy_bits(uint8_t *dst, size_t doff, const uint8_t *src, size_t soff, size_t n) {
    if (n == 0) return;
    if (((doff | soff) & 7) == 0) {
        memmove(dst + doff / 8, src + soff / 8, n / 8);
        if (n & 7) {
            size_t k = n & ~(size_t)7;
            put_bits8(dst, doff + k, get_bits8(src, soff + k, n & 7), (unsigned)(n & 7));
        }
        return;
    }
    while (n >= 8) {
        put_bits8(dst, doff, get_bits8(src, soff, 8), 8);
        doff += 8, soff += 8, n -= 8;
    }
    if (n) put_bits8(dst, doff, get_bits8(src, soff, (unsigned)n), (unsigned)n);
}

/* ---- integers as bytes ---- */

term_t *bin_proc_alloc(void *ctx, size_t n) { return heap_alloc(ctx, n); }

term_t bin_int_from_le(const uint8_t *le, size_t n, bool neg, BinAllocFn alloc, void *ctx) {
    while (n > 0 && le[n - 1] == 0) n--;
    if (n <= 8) {
        uint64_t m = 0;
        for (size_t i = n; i-- > 0;) m = (m << 8) | le[i];
        if (!neg && m <= (uint64_t)SMALL_MAX) return make_small((sint_t)m);
        if (neg && m <= (uint64_t)SMALL_MAX + 1) return make_small(-(sint_t)(m - 1) - 1);
    }
    size_t limbs = (n + 7) / 8;
    term_t *hp = alloc(ctx, 1 + limbs);
    hp[0] = MAKE_HDR(neg ? HDR_NEG_BIG : HDR_POS_BIG, limbs);
    hp[limbs] = 0;
    for (size_t i = 0; i < n; i++) {
        if ((i & 7) == 0) hp[1 + i / 8] = 0;
        hp[1 + i / 8] |= (uint64_t)le[i] << (8 * (i & 7));
    }
    return make_boxed(hp);
}

size_t bin_int_mag_bytes(term_t v) {
    uint64_t top;
    size_t lower = 0;
    if (term_is_small(v)) {
        sint_t s = small_val(v);
        top = s < 0 ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
    } else {
        size_t limbs = HDR_ARITY(boxed_hdr(v));
        top = term_ptr(v)[limbs];
        lower = (limbs - 1) * 8;
    }
    size_t k = 0;
    while (top) k++, top >>= 8;
    return lower + k;
}

void bin_int_to_le(term_t v, uint8_t *out, size_t n) {
    if (term_is_small(v)) {
        uint64_t u = (uint64_t)small_val(v);
        uint8_t fill = small_val(v) < 0 ? 0xFF : 0;
        for (size_t i = 0; i < n; i++) out[i] = i < 8 ? (uint8_t)(u >> (8 * i)) : fill;
        return;
    }
    const term_t *o = term_ptr(v);
    size_t limbs = HDR_ARITY(o[0]);
    bool neg = HDR_SUBTAG(o[0]) == HDR_NEG_BIG;
    unsigned carry = 1; /* two's complement: invert, then add one */
    for (size_t i = 0; i < n; i++) {
        unsigned b = i / 8 < limbs ? (unsigned)(o[1 + i / 8] >> (8 * (i & 7))) & 0xFFu : 0;
        if (neg) {
            b = (~b & 0xFFu) + carry;
            carry = b >> 8;
            b &= 0xFFu;
        }
        out[i] = (uint8_t)b;
    }
}

/* ---- iolists ---- */

typedef struct Walk {
    term_t *s;
    size_t n, cap;
    term_t local[32];
} Walk;

static void walk_push(Walk *w, term_t t) {
    if (w->n == w->cap) {
        w->cap *= 2;
        if (w->s == w->local) {
            w->s = vm_alloc(w->cap * sizeof(term_t));
            memcpy(w->s, w->local, w->n * sizeof(term_t));
        } else {
            w->s = vm_realloc(w->s, w->cap * sizeof(term_t));
        }
    }
    w->s[w->n++] = t;
}

/* Visits the bytes and bitstrings of 't' in order; 'out' NULL: only
   measure and check. Returns false on a malformed list. */
static bool iolist_walk(term_t t, bool bits, size_t *nbits, uint8_t *out) {
    Walk w = {.n = 0, .cap = 32};
    w.s = w.local;
    size_t pos = 0;
    bool ok = true;
    walk_push(&w, t);
    while (ok && w.n > 0) {
        term_t x = w.s[--w.n];   /* in tail position: [], a bitstring or a cons */
        if (term_is_nil(x)) continue;
        if (term_is_bitstring(x)) goto bitstring;
        if (!term_is_list(x)) {
            ok = false;
            break;
        }
        walk_push(&w, list_tail(x));
        x = list_head(x);
        if (term_is_small(x) && small_val(x) >= 0 && small_val(x) <= 255) {
            if (out) {
                uint8_t b = (uint8_t)small_val(x);
                bin_copy_bits(out, pos, &b, 0, 8);
            }
            pos += 8;
            continue;
        }
        if (term_is_list(x) || term_is_nil(x)) {
            walk_push(&w, x);
            continue;
        }
        if (!term_is_bitstring(x)) {
            ok = false;
            break;
        }
    bitstring: {
        const uint8_t *base;
        size_t off, n;
        bin_view(x, &base, &off, &n);
        if (!bits && (n & 7)) {
            ok = false;
            break;
        }
        if (out) bin_copy_bits(out, pos, base, off, n);
        pos += n;
    }
    }
    if (w.s != w.local) vm_free(w.s);
    *nbits = pos;
    return ok;
}

bool bin_iolist_bits(term_t t, bool bits, size_t *nbits) {
    return iolist_walk(t, bits, nbits, NULL);
}

void bin_iolist_write(term_t t, uint8_t *out) {
    size_t n;
    iolist_walk(t, true, &n, out);
}

const uint8_t *bin_data(struct Proc *p, term_t t, size_t *n) {
    if (!term_is_bitstring(t) || (bin_bit_size(t) & 7)) return NULL;
    const uint8_t *b = bin_bytes(t, n);
    if (b) return b;
    const uint8_t *base;
    size_t off, bits;
    bin_view(t, &base, &off, &bits);
    uint8_t *d;
    term_t c = bin_make(p, bits / 8, &d);
    bin_copy_bits(d, 0, base, off, bits);
    return bin_bytes(c, n);
}
