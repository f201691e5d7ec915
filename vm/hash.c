/*
** hash.c: the portable term hashes of erlang:phash2 and erlang:phash, and
** the internal hash that shapes large maps. Each hash is defined by how it
** folds the parts of a term, in a fixed order, into a 32-bit state; the
** definitions follow OTP's so that the values are the same. Terms are
** walked with a work stack ('WStack') of terms and markers.
*/
#include "hash.h"

#include "atom.h"
#include "bin.h"
#include "code.h"
#include "map.h"

/* ---- a growable stack of words ---- */

typedef struct WStack {
    uint64_t *w;
    size_t sp, cap;
    uint64_t local[64];
} WStack;

static void ws_init(WStack *s) {
    s->w = s->local;
    s->sp = 0;
    s->cap = sizeof s->local / sizeof s->local[0];
}

static void ws_push(WStack *s, uint64_t x) {
    if (s->sp == s->cap) {
        s->cap *= 2;
        if (s->w == s->local) {
            s->w = vm_alloc(s->cap * sizeof(uint64_t));
            memcpy(s->w, s->local, s->sp * sizeof(uint64_t));
        } else {
            s->w = vm_realloc(s->w, s->cap * sizeof(uint64_t));
        }
    }
    s->w[s->sp++] = x;
}

static uint64_t ws_pop(WStack *s) { return s->w[--s->sp]; }

static void ws_free(WStack *s) {
    if (s->w != s->local) vm_free(s->w);
}

/* Markers: header words, which no term is. */
#define MARK_MAP_TAIL MAKE_HDR(15, 1)
#define MARK_MAP_PAIR MAKE_HDR(15, 2)
#define MARK_CDR MAKE_HDR(15, 3)
#define MARK_TUPLE_END MAKE_HDR(15, 4)
#define MARK_CDR_PRE MAKE_HDR(15, 5)
#define MARK_CDR_POST MAKE_HDR(15, 6)

/* ---- shared helpers ---- */

uint32_t hash_atom(term_t atom) {
    size_t len;
    const uint8_t *p = (const uint8_t *)atom_name(atom, &len);
    uint32_t h = 0;
    while (len--) {
        uint32_t v = *p++;
        /* A two-byte UTF-8 sequence of a Latin-1 character counts as that character. */
        if (len && (v & 0xFE) == 0xC2 && (*p & 0xC0) == 0x80) {
            v = ((v << 6) | (*p & 0x3F)) & 0xFF;
            p++;
            len--;
        }
        h = (h << 4) + v;
        uint32_t g = h & 0xF0000000u;
        if (g) h ^= (g >> 24) ^ g;
    }
    return h;
}

static bool is_byte(term_t t) { return term_is_small(t) && (uint64_t)small_val(t) < 256; }

static double positive_zero(double d) { return d == 0.0 ? 0.0 : d; }

static void float_words(term_t t, uint32_t *lo, uint32_t *hi) {
    double d = positive_zero(float_val(t));
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    *lo = (uint32_t)u;
    *hi = (uint32_t)(u >> 32);
}

/* The bits of a bitstring as whole bytes: 'n' full bytes and 'rest' bits
   (left-aligned in buf[n] or base[n]). Returns a pointer to the bytes;
   '*tmp' is set when a copy had to be made (free it). */
static const uint8_t *bit_bytes(term_t t, size_t *n, unsigned *rest, uint8_t **tmp) {
    const uint8_t *base;
    size_t off, bits;
    bin_view(t, &base, &off, &bits);
    *n = bits >> 3;
    *rest = (unsigned)(bits & 7);
    *tmp = NULL;
    if ((off & 7) == 0) return base + (off >> 3);
    size_t nb = *n + (*rest != 0);
    uint8_t *buf = vm_alloc(nb ? nb : 1);
    const uint8_t *src = base + (off >> 3);
    unsigned sh = (unsigned)(off & 7);
    for (size_t i = 0; i < nb; i++) {
        size_t left = bits - 8 * i;
        unsigned take = left < 8 ? (unsigned)left : 8;
        unsigned w = (unsigned)src[i] << 8;
        if (sh + take > 8) w |= src[i + 1];   /* only bits of the bitstring are read */
        buf[i] = (uint8_t)(w >> (8 - sh));
    }
    *tmp = buf;
    return buf;
}

/* ---- phash2 (OTP's make_hash2) ---- */

#define HC(i) ((uint32_t)(0x9e3779b9u * (uint32_t)(i)))

/* Bob Jenkins' 96-bit mix of (a, b, c). */
static inline void mix3(uint32_t *pa, uint32_t *pb, uint32_t *pc) {
    uint32_t a = *pa, b = *pb, c = *pc;
    a -= b; a -= c; a ^= (c >> 13);
    b -= c; b -= a; b ^= (a << 8);
    c -= a; c -= b; c ^= (b >> 13);
    a -= b; a -= c; a ^= (c >> 12);
    b -= c; b -= a; b ^= (a << 16);
    c -= a; c -= b; c ^= (b >> 5);
    a -= b; a -= c; a ^= (c >> 3);
    b -= c; b -= a; b ^= (a << 10);
    c -= a; c -= b; c ^= (b >> 15);
    *pa = a;
    *pb = b;
    *pc = c;
}

static inline uint32_t mix(uint32_t a, uint32_t b, uint32_t c) {
    mix3(&a, &b, &c);
    return c;
}

static inline uint32_t h2(uint32_t h, uint32_t x, uint32_t y, uint32_t k) {
    return mix(k + x, k + y, h);
}
static inline uint32_t h1(uint32_t h, uint32_t x, uint32_t k) { return mix(k + x, k, h); }

/* Jenkins' lookup2 hash of a byte block, chained on 'init'. */
static uint32_t block_hash(const uint8_t *k, size_t length, uint32_t init) {
    uint32_t a = HC(1), b = HC(1), c = init;
    size_t len = length;
#define LE32(p) ((uint32_t)(p)[0] | (uint32_t)(p)[1] << 8 | (uint32_t)(p)[2] << 16 | \
                 (uint32_t)(p)[3] << 24)
    while (len >= 12) {
        a += LE32(k);
        b += LE32(k + 4);
        c += LE32(k + 8);
        mix3(&a, &b, &c);
        k += 12;
        len -= 12;
    }
#undef LE32
    c += (uint32_t)length;
    switch (len) {
    case 11: c += (uint32_t)k[10] << 24; /* fall through */
    case 10: c += (uint32_t)k[9] << 16;  /* fall through */
    case 9: c += (uint32_t)k[8] << 8;    /* fall through */
    case 8: b += (uint32_t)k[7] << 24;   /* fall through */
    case 7: b += (uint32_t)k[6] << 16;   /* fall through */
    case 6: b += (uint32_t)k[5] << 8;    /* fall through */
    case 5: b += k[4];                   /* fall through */
    case 4: a += (uint32_t)k[3] << 24;   /* fall through */
    case 3: a += (uint32_t)k[2] << 16;   /* fall through */
    case 2: a += (uint32_t)k[1] << 8;    /* fall through */
    case 1: a += k[0];                   /* fall through */
    default: break;
    }
    return mix(a, b, c);
}

static uint32_t hash_bits(term_t t, uint32_t h) {
    size_t n;
    unsigned rest;
    uint8_t *tmp;
    const uint8_t *p = bit_bytes(t, &n, &rest, &tmp);
    uint32_t con = HC(13) + h;
    if (n == 0 && rest == 0) {
        h = con;
    } else {
        h = block_hash(p, n, con);
        if (rest) h = h2(h, rest, p[n] >> (8 - rest), HC(15));
    }
    if (tmp) vm_free(tmp);
    return h;
}

static uint32_t hash_big(term_t t, uint32_t h) {
    const term_t *w = term_ptr(t);
    size_t n = HDR_ARITY(w[0]);
    uint32_t con = HDR_SUBTAG(w[0]) == HDR_NEG_BIG ? HC(10) : HC(11);
    for (size_t i = 1; i <= n; i++) h = h2(h, (uint32_t)w[i], (uint32_t)(w[i] >> 32), con);
    return h;
}

static uint32_t hash_small2(sint_t x, uint32_t h) {
    if (x >= -(1 << 27) && x < (1 << 27)) {
        int32_t y = (int32_t)x;
        if (y < 0) h = h1(h, (uint32_t)-y, HC(1));
        return h1(h, (uint32_t)y, HC(1));
    }
    uint64_t u = x < 0 ? -(uint64_t)x : (uint64_t)x;
    return h2(h, (uint32_t)u, (uint32_t)(u >> 32), x < 0 ? HC(10) : HC(11));
}

static void push_map_pairs(WStack *s, term_t m) {
    MapIter it;
    term_t k, v;
    map_iter_init(&it, m);
    while (map_iter_next(&it, &k, &v)) {
        ws_push(s, MARK_MAP_PAIR);
        ws_push(s, v);
        ws_push(s, k);
    }
}

static uint32_t make_hash2(term_t t) {
    WStack s;
    ws_init(&s);
    uint32_t h = 0, xor_pairs = 0;
    for (;;) {
        switch (term_tag(t)) {
        case TAG_LIST: {
            unsigned c = 0;
            uint32_t sh = 0;
            const term_t *cell = term_ptr(t);
            while (is_byte(cell[0])) {
                sh = (sh << 8) + (uint32_t)small_val(cell[0]);
                if (c == 3) {
                    h = h1(h, sh, HC(4));
                    c = 0;
                    sh = 0;
                } else {
                    c++;
                }
                t = cell[1];
                if (!term_is_list(t)) break;
                cell = term_ptr(t);
            }
            if (c > 0) h = h1(h, sh, HC(4));
            if (term_is_list(t)) {
                ws_push(&s, cell[1]);
                t = cell[0];
            }
            continue;
        }
        case TAG_BOXED: {
            term_t hdr = boxed_hdr(t);
            switch (HDR_SUBTAG(hdr)) {
            case HDR_TUPLE: {
                size_t n = HDR_ARITY(hdr);
                h = h1(h, (uint32_t)n, HC(9));
                if (n == 0) break;
                const term_t *e = tuple_elems(t);
                for (size_t i = n - 1; i > 0; i--) ws_push(&s, e[i]);
                t = e[0];
                continue;
            }
            case HDR_MAP: case HDR_HAMT: {
                size_t n = map_size(t);
                h = h1(h, (uint32_t)n, HC(16));
                if (n == 0) break;
                ws_push(&s, xor_pairs);
                ws_push(&s, h);
                ws_push(&s, MARK_MAP_TAIL);
                h = 0;
                xor_pairs = 0;
                push_map_pairs(&s, t);
                break;
            }
            case HDR_EXPORT: {
                const Export *e = fun_export(t);
                h = h2(h, e->arity, hash_atom(e->module), HC(1));
                h = h1(h, hash_atom(e->function), HC(14));
                break;
            }
            case HDR_FUN: {
                const FunEntry *fe = fun_entry(t);
                size_t nfree = HDR_ARITY(hdr) - 1;
                h = h2(h, (uint32_t)nfree, hash_atom(fe->module->name), HC(1));
                h = h2(h, fe->index, fe->old_uniq, HC(1));
                if (nfree == 0) break;
                const term_t *env = fun_env(t);
                for (size_t i = nfree - 1; i > 0; i--) ws_push(&s, env[i]);
                t = env[0];
                continue;
            }
            case HDR_POS_BIG: case HDR_NEG_BIG: h = hash_big(t, h); break;
            case HDR_REF: h = h1(h, (uint32_t)ref_number(t), HC(7)); break;
            case HDR_FLOAT: {
                uint32_t lo, hi;
                float_words(t, &lo, &hi);
                h = h2(h, hi, lo, HC(12));
                break;
            }
            default: h = hash_bits(t, h); break;
            }
            break;
        }
        default:
            if (term_is_small(t)) h = hash_small2(small_val(t), h);
            else if (term_is_atom(t)) h = h ? h1(h, hash_atom(t), HC(3)) : hash_atom(t);
            else if (term_is_nil(t)) h = h ? h1(h, 2, HC(2)) : 3468870702u;
            else if (term_is_pid(t)) h = h1(h, (uint32_t)pid_number(t), HC(5));
            else h = h1(h, (uint32_t)(t >> 4), HC(6));
            break;
        }
        /* The term is done: take the next one, running markers on the way. */
        for (;;) {
            if (s.sp == 0) {
                ws_free(&s);
                return h;
            }
            t = ws_pop(&s);
            if (t == MARK_MAP_TAIL) {
                uint32_t saved = (uint32_t)ws_pop(&s);
                uint32_t pairs = xor_pairs;
                h = h1(saved, pairs, HC(19));
                xor_pairs = (uint32_t)ws_pop(&s);
            } else if (t == MARK_MAP_PAIR) {
                xor_pairs ^= h;
                h = 0;
            } else {
                break;
            }
        }
    }
}

uint32_t hash_phash2(term_t t, uint32_t range) {
    uint32_t h = make_hash2(t);
    if (range == 0) return h;
    if ((range & (range - 1)) == 0) return h & (range - 1);
    return h % range;
}

/* ---- phash (OTP's make_hash) ---- */

enum {
    FN1 = 268440163u, FN2 = 268439161u, FN3 = 268435459u, FN4 = 268436141u,
    FN5 = 268438633u, FN6 = 268437017u, FN7 = 268438039u, FN8 = 268437511u,
    FN9 = 268439627u, FN10 = 268440479u, FN11 = 268440577u, FN12 = 268440581u,
    FN13 = 268440593u, FN14 = 268440611u
};

static uint32_t bytes_step(uint32_t h, uint32_t x, uint32_t prime) {
    h = h * prime + (x & 0xFF);
    h = h * prime + ((x >> 8) & 0xFF);
    h = h * prime + ((x >> 16) & 0xFF);
    return h * prime + (x >> 24);
}

static uint32_t hash1_bits(term_t t, uint32_t h) {
    size_t n;
    unsigned rest;
    uint8_t *tmp;
    const uint8_t *p = bit_bytes(t, &n, &rest, &tmp);
    for (size_t i = 0; i < n; i++) h = h * FN1 + p[i];
    if (rest) h = (h * FN1 + (p[n] >> (8 - rest))) * FN12 + rest;
    if (tmp) vm_free(tmp);
    return h * FN4 + (uint32_t)n;
}

static uint32_t hash1_int(term_t t, uint32_t h) {
    bool neg;
    if (term_is_small(t)) {
        sint_t v = small_val(t);
        uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
        neg = v < 0;
        h = bytes_step(h, (uint32_t)u, FN2);
        if (u >> 32) h = bytes_step(h, (uint32_t)(u >> 32), FN2);
    } else {
        const term_t *w = term_ptr(t);
        size_t n = HDR_ARITY(w[0]);
        neg = HDR_SUBTAG(w[0]) == HDR_NEG_BIG;
        for (size_t i = 1; i <= n; i++) {
            uint64_t d = w[i];
            int bytes = (i < n || (d >> 32)) ? 8 : 4;
            for (int j = 0; j < bytes; j++, d >>= 8) h = h * FN2 + (uint32_t)(d & 0xFF);
        }
    }
    return h * (neg ? FN4 : FN3);
}

static uint32_t make_hash(term_t t) {
    WStack s;
    ws_init(&s);
    uint32_t h = 0;
    for (;;) {
        switch (term_tag(t)) {
        case TAG_LIST: {
            const term_t *cell = term_ptr(t);
            while (is_byte(cell[0])) {
                h = h * FN2 + (uint32_t)small_val(cell[0]);
                if (!term_is_list(cell[1])) break;
                cell = term_ptr(cell[1]);
            }
            if (is_byte(cell[0])) {
                ws_push(&s, MARK_CDR_POST);
                t = cell[1];
            } else {
                ws_push(&s, cell[1]);
                ws_push(&s, MARK_CDR_PRE);
                t = cell[0];
            }
            continue;
        }
        case TAG_BOXED: {
            term_t hdr = boxed_hdr(t);
            switch (HDR_SUBTAG(hdr)) {
            case HDR_TUPLE: {
                size_t n = HDR_ARITY(hdr);
                const term_t *e = tuple_elems(t);
                ws_push(&s, n);
                ws_push(&s, MARK_TUPLE_END);
                for (size_t i = n; i > 0; i--) ws_push(&s, e[i - 1]);
                break;
            }
            case HDR_MAP: case HDR_HAMT: h = h * FN13 + FN14 + make_hash2(t); break;
            case HDR_EXPORT: {
                const Export *e = fun_export(t);
                h = h * FN11 + e->arity;
                h = h * FN1 + hash_atom(e->module);
                h = h * FN1 + hash_atom(e->function);
                break;
            }
            case HDR_FUN: {
                const FunEntry *fe = fun_entry(t);
                size_t nfree = HDR_ARITY(hdr) - 1;
                h = h * FN10 + (uint32_t)nfree;
                h = h * FN1 + hash_atom(fe->module->name);
                h = h * FN2 + fe->index;
                h = h * FN2 + fe->old_uniq;
                for (size_t i = nfree; i > 0; i--) ws_push(&s, fun_env(t)[i - 1]);
                break;
            }
            case HDR_POS_BIG: case HDR_NEG_BIG: h = hash1_int(t, h); break;
            case HDR_REF: h = bytes_step(h, (uint32_t)ref_number(t), FN9) * FN10; break;
            case HDR_FLOAT: {
                uint32_t lo, hi;
                float_words(t, &lo, &hi);
                h = h * FN6 + (lo ^ hi);
                break;
            }
            default: h = hash1_bits(t, h); break;
            }
            break;
        }
        default:
            if (term_is_small(t)) h = hash1_int(t, h);
            else if (term_is_atom(t)) h = h * FN1 + hash_atom(t);
            else if (term_is_nil(t)) h = h * FN3 + 1;
            else if (term_is_pid(t)) h = bytes_step(h, (uint32_t)pid_number(t), FN5) * FN6;
            else h = bytes_step(h, (uint32_t)(t >> 4), FN9) * FN10;
            break;
        }
        for (;;) {
            if (s.sp == 0) {
                ws_free(&s);
                return h;
            }
            t = ws_pop(&s);
            if (t == MARK_TUPLE_END) {
                h = h * FN9 + (uint32_t)ws_pop(&s);
            } else if (t == MARK_CDR_POST) {
                h *= FN8;
            } else if (t == MARK_CDR_PRE) {
                t = ws_pop(&s);
                if (!term_is_list(t)) ws_push(&s, MARK_CDR_POST);
                break;
            } else {
                break;
            }
        }
    }
}

uint32_t hash_phash(term_t t, uint32_t range) {
    uint32_t h = make_hash(t);
    return range ? 1 + h % range : h;
}

/* ---- the internal hash of map keys (OTP's make_internal_hash) ---- */

/* OTP's word for [], whose hash the map order depends on. */
#define OTP_NIL_WORD 0xFFFFFFFFFFFFFFFBull
/* Mixed into the salt so that map hashes differ from phash2's. */
#define INTERNAL_SALT 3432918353u

static inline uint32_t const_hash(uint32_t h, uint32_t k) {
    h ^= k;
    return (h << 17) ^ (h >> 15);
}

static uint32_t internal_hash(term_t t, uint32_t salt) {
    WStack s;
    ws_init(&s);
    uint32_t h = salt ^ INTERNAL_SALT;
    for (;;) {
        switch (term_tag(t)) {
        case TAG_LIST: {
            unsigned c = 0;
            uint32_t sh = 0;
            const term_t *cell = term_ptr(t);
            while (is_byte(cell[0])) {
                sh = (sh << 8) + (uint32_t)small_val(cell[0]);
                if (c == 3) {
                    h = h1(h, sh, HC(4));
                    c = 0;
                    sh = 0;
                } else {
                    c++;
                }
                t = cell[1];
                if (!term_is_list(t)) break;
                cell = term_ptr(t);
            }
            if (c > 0) h = h2(h, sh, c, HC(22));
            if (term_is_list(t)) {
                h = const_hash(h, HC(17));
                ws_push(&s, cell[1]);
                if (!term_is_list(cell[1])) ws_push(&s, MARK_CDR);
                t = cell[0];
            }
            continue;
        }
        case TAG_BOXED: {
            term_t hdr = boxed_hdr(t);
            switch (HDR_SUBTAG(hdr)) {
            case HDR_TUPLE: {
                size_t n = HDR_ARITY(hdr);
                h = h1(h, (uint32_t)n, HC(9));
                const term_t *e = tuple_elems(t);
                for (size_t i = n; i > 0; i--) ws_push(&s, e[i - 1]);
                break;
            }
            case HDR_MAP: case HDR_HAMT: {
                h = h1(h, (uint32_t)map_size(t), HC(16));
                size_t base = s.sp;
                MapIter it;
                term_t k, v;
                map_iter_init(&it, t);
                while (map_iter_next(&it, &k, &v)) {
                    ws_push(&s, v);
                    ws_push(&s, k);
                }
                /* pairs are taken first to last */
                for (size_t i = base, j = s.sp - 2; i < j; i += 2, j -= 2) {
                    uint64_t a0 = s.w[i], a1 = s.w[i + 1];
                    s.w[i] = s.w[j];
                    s.w[i + 1] = s.w[j + 1];
                    s.w[j] = a0;
                    s.w[j + 1] = a1;
                }
                break;
            }
            case HDR_EXPORT: {
                uint64_t ptr = (uint64_t)(uintptr_t)fun_export(t);
                h = h2(h, (uint32_t)ptr, (uint32_t)(ptr >> 32), HC(14));
                break;
            }
            case HDR_FUN: {
                const FunEntry *fe = fun_entry(t);
                size_t nfree = HDR_ARITY(hdr) - 1;
                h = h2(h, (uint32_t)nfree, (uint32_t)fe->module->name, HC(20));
                h = h2(h, fe->index, fe->old_uniq, HC(21));
                for (size_t i = nfree; i > 0; i--) ws_push(&s, fun_env(t)[i - 1]);
                break;
            }
            case HDR_POS_BIG: case HDR_NEG_BIG: h = hash_big(t, h); break;
            case HDR_REF: {
                uint64_t r = ref_number(t);
                h = h1(h, (uint32_t)r, HC(7));
                h = h2(h, (uint32_t)(r >> 32), 0, HC(8));
                break;
            }
            case HDR_FLOAT: {
                uint32_t lo, hi;
                float_words(t, &lo, &hi);
                h = h2(h, lo, hi, HC(12));
                break;
            }
            default: h = hash_bits(t, h); break;
            }
            break;
        }
        default: {
            uint64_t w = term_is_nil(t) ? OTP_NIL_WORD : t;
            h = h2(h, (uint32_t)w, (uint32_t)(w >> 32), HC(1));
            break;
        }
        }
        for (;;) {
            if (s.sp == 0) {
                ws_free(&s);
                return h;
            }
            t = ws_pop(&s);
            if (t != MARK_CDR) break;
            h = const_hash(h, HC(18));
        }
    }
}

uint32_t hash_map_key(term_t key, uint32_t level) {
    return internal_hash(key, level >> 3);
}
