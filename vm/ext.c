/*
** ext.c: the external term format (ext.h). The encoder writes what OTP 25's
** term_to_binary writes, byte for byte; one walk both measures and writes.
** The decoder reads every form OTP 25 reads (old ones included) and treats
** its input as hostile: every length is checked against the bytes left
** before anything is allocated, and nesting uses an explicit stack.
*/
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "ext.h"

#include "../sched/proc.h"
#include "atom.h"
#include "bin.h"
#include "code.h"
#include "copy.h"
#include "fmt_float.h"
#include "heap.h"
#include "map.h"

enum {
    NEW_FLOAT_EXT = 70, BIT_BINARY_EXT = 77, COMPRESSED = 80, NEW_PID_EXT = 88,
    NEW_PORT_EXT = 89, NEWER_REFERENCE_EXT = 90, SMALL_INTEGER_EXT = 97, INTEGER_EXT = 98,
    FLOAT_EXT = 99, ATOM_EXT = 100, REFERENCE_EXT = 101, PORT_EXT = 102, PID_EXT = 103,
    SMALL_TUPLE_EXT = 104, LARGE_TUPLE_EXT = 105, NIL_EXT = 106, STRING_EXT = 107,
    LIST_EXT = 108, BINARY_EXT = 109, SMALL_BIG_EXT = 110, LARGE_BIG_EXT = 111,
    NEW_FUN_EXT = 112, EXPORT_EXT = 113, NEW_REFERENCE_EXT = 114, SMALL_ATOM_EXT = 115,
    MAP_EXT = 116, FUN_EXT = 117, ATOM_UTF8_EXT = 118, SMALL_ATOM_UTF8_EXT = 119,
    V4_PORT_EXT = 120, VERSION_MAGIC = 131
};

static term_t node_atom(void) {
    static term_t a;
    if (!a) a = atom_intern("nonode@nohost", 13);
    return a;
}

/* ==== encoding ==== */

typedef struct Item { term_t t; size_t patch; } Item; /* patch: fun size position + 1 */

typedef struct Enc {
    uint8_t *out;   /* NULL: only count */
    size_t n;
    int minor;
    bool det;       /* deterministic: map keys sorted */
    term_t self;    /* the pid written as a fun's creator */
    Item *st;
    size_t sp, cap;
} Enc;

static void push(Enc *e, term_t t, size_t patch) {
    if (e->sp == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 64;
        e->st = vm_realloc(e->st, e->cap * sizeof(Item));
    }
    e->st[e->sp].t = t;
    e->st[e->sp++].patch = patch;
}

static void put1(Enc *e, unsigned v) {
    if (e->out) e->out[e->n] = (uint8_t)v;
    e->n++;
}

static void put_be(Enc *e, uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) put1(e, (unsigned)(v >> (8 * i)) & 0xFF);
}

static void put_bytes(Enc *e, const void *s, size_t n) {
    if (e->out && n) memcpy(e->out + e->n, s, n);
    e->n += n;
}

static void enc_atom(Enc *e, term_t a) {
    size_t len;
    const uint8_t *s = (const uint8_t *)atom_name(a, &len);
    bool latin1 = e->minor < 2;
    size_t chars = 0;
    for (size_t i = 0; i < len && latin1; i++) {
        if (s[i] >= 0xC4) latin1 = false; /* a code point over 255 */
        if ((s[i] & 0xC0) != 0x80) chars++;
    }
    if (latin1) {
        put1(e, ATOM_EXT);
        put_be(e, chars, 2);
        for (size_t i = 0; i < len; i++) {
            if (s[i] < 0x80) put1(e, s[i]);
            else if ((s[i] & 0xC0) == 0xC0) put1(e, ((s[i] & 3u) << 6) | (s[i + 1] & 0x3Fu));
        }
    } else if (len < 256) {
        put1(e, SMALL_ATOM_UTF8_EXT);
        put1(e, (unsigned)len);
        put_bytes(e, s, len);
    } else {
        put1(e, ATOM_UTF8_EXT);
        put_be(e, len, 2);
        put_bytes(e, s, len);
    }
}

static void enc_int(Enc *e, term_t t) {
    if (term_is_small(t)) {
        sint_t v = small_val(t);
        if (v >= 0 && v <= 255) {
            put1(e, SMALL_INTEGER_EXT);
            put1(e, (unsigned)v);
            return;
        }
        if (v >= INT32_MIN && v <= INT32_MAX) {
            put1(e, INTEGER_EXT);
            put_be(e, (uint32_t)(int32_t)v, 4);
            return;
        }
    }
    size_t n = bin_int_mag_bytes(t);
    bool neg = term_is_small(t) ? small_val(t) < 0 : HDR_SUBTAG(boxed_hdr(t)) == HDR_NEG_BIG;
    if (n < 256) {
        put1(e, SMALL_BIG_EXT);
        put1(e, (unsigned)n);
    } else {
        put1(e, LARGE_BIG_EXT);
        put_be(e, n, 4);
    }
    put1(e, neg);
    if (term_is_small(t)) {
        sint_t v = small_val(t);
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        for (size_t i = 0; i < n; i++) put1(e, (unsigned)(m >> (8 * i)) & 0xFF);
    } else {
        const term_t *l = term_ptr(t) + 1;
        for (size_t i = 0; i < n; i++) put1(e, (unsigned)(l[i / 8] >> (8 * (i & 7))) & 0xFF);
    }
}

static void enc_float(Enc *e, double d) {
    if (e->minor == 0) {
        /* "%.20e" with exact digits, padded with NULs to 31 bytes */
        char buf[40];
        memset(buf, 0, sizeof buf);
        fmt_float_classic(d, buf);
        put1(e, FLOAT_EXT);
        put_bytes(e, buf, 31);
        return;
    }
    uint64_t u;
    memcpy(&u, &d, 8);
    put1(e, NEW_FLOAT_EXT);
    put_be(e, u, 8);
}

static void enc_bits(Enc *e, term_t t) {
    const uint8_t *base;
    size_t off, bits;
    bin_view(t, &base, &off, &bits);
    size_t nb = (bits + 7) / 8;
    if (bits & 7) {
        put1(e, BIT_BINARY_EXT);
        put_be(e, nb, 4);
        put1(e, (unsigned)(bits & 7));
    } else {
        put1(e, BINARY_EXT);
        put_be(e, nb, 4);
    }
    if (e->out) {
        uint8_t *d = e->out + e->n;
        if (nb) d[nb - 1] = 0;
        bin_copy_bits(d, 0, base, off, bits);
    }
    e->n += nb;
}

static void enc_pid_like(Enc *e, term_t t) {
    uint64_t n;
    if (term_is_pid(t)) {
        n = pid_number(t);
        put1(e, NEW_PID_EXT);
        enc_atom(e, node_atom());
        put_be(e, n & 0x7FFF, 4);
        put_be(e, (n >> 15) & 0xFFFFFFFFu, 4);
        put_be(e, 0, 4);
    } else if (term_is_port(t)) {
        n = t >> 4;
        if (n > 0xFFFFFFFFu) {
            put1(e, V4_PORT_EXT);
            enc_atom(e, node_atom());
            put_be(e, n, 8);
        } else {
            put1(e, NEW_PORT_EXT);
            enc_atom(e, node_atom());
            put_be(e, n, 4);
        }
        put_be(e, 0, 4);
    } else { /* reference */
        n = ref_number(t);
        put1(e, NEWER_REFERENCE_EXT);
        put_be(e, 3, 2);
        enc_atom(e, node_atom());
        put_be(e, 0, 4);
        put_be(e, n & 0x3FFFF, 4);
        put_be(e, (n >> 18) & 0xFFFFFFFFu, 4);
        put_be(e, n >> 50, 4);
    }
}

/* The length of 'l' if it is a proper list of at most 65535 bytes. */
static size_t string_len(term_t l) {
    size_t n = 0;
    for (; term_is_list(l) && n < 65536; l = list_tail(l), n++) {
        term_t h = list_head(l);
        if (!term_is_small(h) || small_val(h) < 0 || small_val(h) > 255) return 0;
    }
    return term_is_nil(l) && n < 65536 ? n : 0;
}

static void enc_list(Enc *e, term_t t) {
    size_t n = string_len(t);
    if (n) {
        put1(e, STRING_EXT);
        put_be(e, n, 2);
        for (; term_is_list(t); t = list_tail(t)) put1(e, (unsigned)small_val(list_head(t)));
        return;
    }
    term_t l = t;
    for (; term_is_list(l); l = list_tail(l)) n++;
    put1(e, LIST_EXT);
    put_be(e, n, 4);
    push(e, l, 0); /* the tail, after the elements */
    size_t base = e->sp;
    for (l = t; term_is_list(l); l = list_tail(l)) push(e, list_head(l), 0);
    for (size_t i = base, j = e->sp - 1; i < j; i++, j--) {
        Item x = e->st[i];
        e->st[i] = e->st[j];
        e->st[j] = x;
    }
}

static void enc_map(Enc *e, term_t t) {
    size_t n = map_size(t);
    put1(e, MAP_EXT);
    put_be(e, n, 4);
    if (n == 0) return;
    size_t base = e->sp;
    if (e->det && !map_is_flat(t)) {
        term_t *ks = vm_alloc(2 * n * sizeof(term_t)), *vs = ks + n;
        map_sorted_pairs(t, ks, vs);
        for (size_t i = n; i-- > 0;) push(e, vs[i], 0), push(e, ks[i], 0);
        vm_free(ks);
        return;
    }
    MapIter it;
    term_t k, v;
    map_iter_init(&it, t);
    if (!map_is_flat(t)) {
        /* OTP writes a large map in maps:to_list order, the reverse of the
           iteration order: pushed as they come, they pop reversed. */
        while (map_iter_next(&it, &k, &v)) push(e, v, 0), push(e, k, 0);
        return;
    }
    while (map_iter_next(&it, &k, &v)) push(e, k, 0), push(e, v, 0);
    for (size_t i = base, j = e->sp - 1; i < j; i++, j--) {
        Item x = e->st[i];
        e->st[i] = e->st[j];
        e->st[j] = x;
    }
}

static void enc_fun(Enc *e, term_t t) {
    if (HDR_SUBTAG(boxed_hdr(t)) == HDR_EXPORT) {
        Export *x = fun_export(t);
        put1(e, EXPORT_EXT);
        enc_atom(e, x->module);
        enc_atom(e, x->function);
        put1(e, SMALL_INTEGER_EXT);
        put1(e, x->arity);
        return;
    }
    FunEntry *fe = fun_entry(t);
    size_t start = e->n;
    put1(e, NEW_FUN_EXT);
    put_be(e, 0, 4); /* size, patched when the free variables are written */
    put1(e, fe->arity - fe->num_free);
    static const uint8_t zero[16];
    put_bytes(e, fe->module ? code_module_md5(fe->module) : zero, 16);
    put_be(e, fe->index, 4);
    put_be(e, fe->num_free, 4);
    enc_atom(e, fe->module ? fe->module->name : ATOM_undefined);
    enc_int(e, make_small(fe->index));
    enc_int(e, make_small(fe->old_uniq));
    enc_pid_like(e, e->self);
    push(e, TERM_NONE, start + 1);
    for (size_t i = fe->num_free; i-- > 0;) push(e, fun_env(t)[i], 0);
}

static void enc_one(Enc *e, term_t t) {
    if (term_is_small(t) || term_is_big(t)) return enc_int(e, t);
    if (term_is_atom(t)) return enc_atom(e, t);
    if (term_is_nil(t)) return put1(e, NIL_EXT);
    if (term_is_list(t)) return enc_list(e, t);
    if (term_is_pid(t) || term_is_port(t)) return enc_pid_like(e, t);
    VM_ASSERT(term_is_boxed(t));
    switch (HDR_SUBTAG(boxed_hdr(t))) {
    case HDR_TUPLE: {
        size_t n = tuple_arity(t);
        if (n < 256) {
            put1(e, SMALL_TUPLE_EXT);
            put1(e, (unsigned)n);
        } else {
            put1(e, LARGE_TUPLE_EXT);
            put_be(e, n, 4);
        }
        for (size_t i = n; i-- > 0;) push(e, tuple_elems(t)[i], 0);
        return;
    }
    case HDR_FLOAT: return enc_float(e, float_val(t));
    case HDR_REF: return enc_pid_like(e, t);
    case HDR_MAP:
    case HDR_HAMT: return enc_map(e, t);
    case HDR_FUN:
    case HDR_EXPORT: return enc_fun(e, t);
    case HDR_HEAP_BIN:
    case HDR_REFC_BIN:
    case HDR_SUB_BIN: return enc_bits(e, t);
    default: vm_panic("ext: cannot encode subtag %u", (unsigned)HDR_SUBTAG(boxed_hdr(t)));
    }
}

/* Encodes 't' (without the version byte) into e->out (or only counts). */
static void enc_term(Enc *e, term_t t) {
    e->sp = 0;
    push(e, t, 0);
    while (e->sp > 0) {
        Item it = e->st[--e->sp];
        if (it.t != TERM_NONE) {
            enc_one(e, it.t);
        } else if (e->out) {
            size_t at = it.patch - 1, size = e->n - at - 1;
            for (int i = 0; i < 4; i++) e->out[at + 1 + i] = (uint8_t)(size >> (8 * (3 - i)));
        }
    }
}

size_t ext_size(term_t t, int minor) {
    Enc e = {.minor = minor, .self = make_pid(0)};
    enc_term(&e, t);
    vm_free(e.st);
    return e.n + 1;
}

static term_t encode(struct Proc *p, term_t t, int compressed, int minor, bool det) {
    Enc e = {.minor = minor, .self = p->pid, .det = det};
    enc_term(&e, t);
    size_t size = e.n;
    uint8_t *buf = vm_alloc(size + 1);
    e.out = buf + 1;
    e.n = 0;
    buf[0] = VERSION_MAGIC;
    enc_term(&e, t);
    vm_free(e.st);
    term_t r = TERM_NONE;
    if (compressed > 0 && size > 5) {
        /* As OTP: compressed only when zlib fits in 5 bytes less. */
        uLongf dlen = size - 5;
        uint8_t *z = vm_alloc(dlen + 6);
        if (compress2(z + 6, &dlen, buf + 1, size, compressed > 9 ? 9 : compressed) == Z_OK) {
            z[0] = VERSION_MAGIC;
            z[1] = COMPRESSED;
            for (int i = 0; i < 4; i++) z[2 + i] = (uint8_t)(size >> (8 * (3 - i)));
            r = bin_from(p, z, dlen + 6);
        }
        vm_free(z);
    }
    if (r == TERM_NONE) r = bin_from(p, buf, size + 1);
    vm_free(buf);
    return r;
}

term_t ext_encode(struct Proc *p, term_t t, int compressed, int minor) {
    return encode(p, t, compressed, minor, false);
}

term_t ext_encode_det(struct Proc *p, term_t t, int compressed, int minor) {
    return encode(p, t, compressed, minor, true);
}

/* ==== decoding ==== */

enum { FILL, MAP_DONE };

typedef struct Fill {
    int kind;
    term_t *slot;      /* FILL: where the next term goes; MAP_DONE: the pairs */
    size_t count;      /* FILL: terms still to read; MAP_DONE: pairs */
    size_t stride;     /* FILL: words between slots */
    term_t *dst;       /* MAP_DONE: where the map goes */
} Fill;

typedef struct Dec {
    const uint8_t *s, *end;
    Proc *p;
    bool safe;
    Fill *st;
    size_t sp, cap;
} Dec;

static bool need(const Dec *d, size_t n) { return (size_t)(d->end - d->s) >= n; }
static size_t left(const Dec *d) { return (size_t)(d->end - d->s); }

static uint64_t get_be(Dec *d, int bytes) {
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++) v = (v << 8) | *d->s++;
    return v;
}

static void dpush(Dec *d, Fill f) {
    if (d->sp == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 32;
        d->st = vm_realloc(d->st, d->cap * sizeof(Fill));
    }
    d->st[d->sp++] = f;
}

static void fill(Dec *d, term_t *slot, size_t count, size_t stride) {
    if (count) dpush(d, (Fill){FILL, slot, count, stride, NULL});
}

/* Checks 'n' bytes of UTF-8 and counts its characters; -1 if malformed. */
static long utf8_chars(const uint8_t *s, size_t n) {
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

static term_t make_atom_from(Dec *d, const char *s, size_t n) {
    return d->safe ? atom_lookup(s, n) : atom_intern(s, n);
}

/* An atom in any of the four atom forms. */
static term_t read_atom(Dec *d) {
    if (!need(d, 2)) return TERM_NONE;
    unsigned tag = *d->s++;
    size_t n;
    bool utf8 = tag == ATOM_UTF8_EXT || tag == SMALL_ATOM_UTF8_EXT;
    if (tag == ATOM_EXT || tag == ATOM_UTF8_EXT) {
        if (!need(d, 2)) return TERM_NONE;
        n = get_be(d, 2);
    } else if (tag == SMALL_ATOM_EXT || tag == SMALL_ATOM_UTF8_EXT) {
        n = *d->s++;
    } else {
        return TERM_NONE;
    }
    if (!need(d, n)) return TERM_NONE;
    const uint8_t *s = d->s;
    d->s += n;
    if (utf8) {
        long chars = utf8_chars(s, n);
        if (chars < 0 || chars > VM_MAX_ATOM_CHARS) return TERM_NONE;
        return make_atom_from(d, (const char *)s, n);
    }
    if (n > VM_MAX_ATOM_CHARS) return TERM_NONE;
    char buf[2 * VM_MAX_ATOM_CHARS];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x80) {
            buf[k++] = (char)s[i];
        } else {
            buf[k++] = (char)(0xC0 | (s[i] >> 6));
            buf[k++] = (char)(0x80 | (s[i] & 0x3F));
        }
    }
    return make_atom_from(d, buf, k);
}

static bool read_small(Dec *d, int64_t *v) {
    if (!need(d, 2)) return false;
    unsigned tag = *d->s++;
    if (tag == SMALL_INTEGER_EXT) {
        *v = *d->s++;
        return true;
    }
    if (tag != INTEGER_EXT || !need(d, 4)) return false;
    *v = (int32_t)(uint32_t)get_be(d, 4);
    return true;
}

/* A pid, port or reference of this node, after its tag. */
static term_t read_ident(Dec *d, unsigned tag) {
    if (read_atom(d) != node_atom()) return TERM_NONE;
    switch (tag) {
    case PID_EXT:
    case NEW_PID_EXT: {
        if (!need(d, tag == PID_EXT ? 9 : 12)) return TERM_NONE;
        uint64_t id = get_be(d, 4), serial = get_be(d, 4);
        uint64_t cr = get_be(d, tag == PID_EXT ? 1 : 4);
        if (cr != 0 || id > 0x7FFF || serial > 0x1FFF) return TERM_NONE;
        return make_pid(id | serial << 15);
    }
    case PORT_EXT:
    case NEW_PORT_EXT:
    case V4_PORT_EXT: {
        int w = tag == V4_PORT_EXT ? 8 : 4;
        if (!need(d, (size_t)w + (tag == PORT_EXT ? 1 : 4))) return TERM_NONE;
        uint64_t id = get_be(d, w), cr = get_be(d, tag == PORT_EXT ? 1 : 4);
        if (cr != 0 || id > ((uint64_t)1 << 59)) return TERM_NONE;
        return make_port(id);
    }
    default: /* REFERENCE_EXT: after the node; the others read their length first */
        if (!need(d, 5)) return TERM_NONE;
        uint64_t id = get_be(d, 4);
        if (get_be(d, 1) != 0) return TERM_NONE;
        term_t *hp = heap_alloc(d->p, REF_WORDS);
        hp[0] = MAKE_HDR(HDR_REF, 1);
        hp[1] = id & 0x3FFFF;
        return make_boxed(hp);
    }
}

static term_t read_new_ref(Dec *d, unsigned tag) {
    if (!need(d, 2)) return TERM_NONE;
    size_t n = get_be(d, 2);
    if (n < 1 || n > 5) return TERM_NONE;
    if (read_atom(d) != node_atom()) return TERM_NONE;
    int crw = tag == NEWER_REFERENCE_EXT ? 4 : 1;
    if (!need(d, (size_t)crw + 4 * n) || get_be(d, crw) != 0) return TERM_NONE;
    uint64_t ids[5] = {0};
    for (size_t i = 0; i < n; i++) ids[i] = get_be(d, 4);
    term_t *hp = heap_alloc(d->p, REF_WORDS);
    hp[0] = MAKE_HDR(HDR_REF, 1);
    hp[1] = (ids[0] & 0x3FFFF) | ids[1] << 18 | ids[2] << 50;
    return make_boxed(hp);
}

static term_t read_big(Dec *d, unsigned tag) {
    size_t w = tag == SMALL_BIG_EXT ? 1 : 4;
    if (!need(d, w + 1)) return TERM_NONE;
    size_t n = get_be(d, (int)w);
    unsigned sign = *d->s++; /* any non-zero sign byte means negative, as in OTP */
    if (!need(d, n)) return TERM_NONE;
    term_t r = bin_int_from_le(d->s, n, sign != 0, bin_proc_alloc, d->p);
    d->s += n;
    return r;
}

/* FLOAT_EXT: 31 bytes of text, ended early by a NUL, in the syntax of
   list_to_float (as OTP reads it: no blanks, no "1e5", no hex). */
static term_t read_float_str(Dec *d) {
    if (!need(d, 31)) return TERM_NONE;
    const uint8_t *nul = memchr(d->s, 0, 31);
    size_t n = nul != NULL ? (size_t)(nul - d->s) : 31;
    double v;
    bool ok = fmt_float_parse((const char *)d->s, n, &v);
    d->s += 31;
    return ok ? heap_float(d->p, v) : TERM_NONE;
}

static term_t read_bits(Dec *d, unsigned tag) {
    if (!need(d, tag == BIT_BINARY_EXT ? 5 : 4)) return TERM_NONE;
    size_t n = get_be(d, 4), last = 8;
    if (tag == BIT_BINARY_EXT) {
        last = *d->s++;
        if (last < 1 || last > 8 || n == 0) return TERM_NONE;
    }
    if (!need(d, n)) return TERM_NONE;
    term_t b = bin_from(d->p, d->s, n);
    d->s += n;
    if (last == 8) return b;
    return bin_sub(d->p, b, 0, (n - 1) * 8 + last);
}

/* The closure of module 'mod' fun number 'index', allocated with room for
   its free variables (filled by the caller's FILL); TERM_NONE if unknown. */
static term_t make_closure(Dec *d, term_t mod, int64_t index, uint64_t nfree, uint64_t arity,
                           bool check_arity, int64_t old_uniq) {
    Module *m = term_is_atom(mod) ? code_module(mod) : NULL;
    if (!m || index < 0 || (uint64_t)index >= m->num_funs) return TERM_NONE;
    FunEntry *fe = &m->funs[index];
    if (fe->num_free != nfree || (check_arity && fe->arity - fe->num_free != arity))
        return TERM_NONE;
    if (old_uniq >= 0 && (uint32_t)old_uniq != fe->old_uniq) return TERM_NONE;
    term_t *hp = heap_alloc(d->p, 2 + nfree);
    hp[0] = MAKE_HDR(HDR_FUN, 1 + nfree);
    hp[1] = (term_t)(uintptr_t)fe;
    for (size_t i = 0; i < nfree; i++) hp[2 + i] = TERM_NIL;
    fill(d, hp + 2, nfree, 1);
    return make_boxed(hp);
}

static term_t read_fun(Dec *d, unsigned tag) {
    int64_t index, uniq, old_index;
    if (tag == NEW_FUN_EXT) {
        if (!need(d, 4 + 1 + 16 + 4 + 4)) return TERM_NONE;
        size_t size = get_be(d, 4);
        if (size < 4 || size - 4 > left(d)) return TERM_NONE;
        uint64_t arity = *d->s++;
        d->s += 16;
        index = (int64_t)get_be(d, 4);
        uint64_t nfree = get_be(d, 4);
        term_t mod = read_atom(d);
        if (mod == TERM_NONE || !read_small(d, &old_index) || !read_small(d, &uniq) ||
            !need(d, 1) || nfree > left(d))
            return TERM_NONE;
        unsigned ptag = *d->s++;
        if ((ptag != PID_EXT && ptag != NEW_PID_EXT) || read_ident(d, ptag) == TERM_NONE)
            return TERM_NONE;
        return make_closure(d, mod, index, nfree, arity, true, uniq);
    }
    /* FUN_EXT: NumFree, Pid, Module, Index, Uniq, free variables */
    if (!need(d, 5)) return TERM_NONE;
    uint64_t nfree = get_be(d, 4);
    unsigned ptag = *d->s++;
    if ((ptag != PID_EXT && ptag != NEW_PID_EXT) || read_ident(d, ptag) == TERM_NONE)
        return TERM_NONE;
    term_t mod = read_atom(d);
    if (mod == TERM_NONE || !read_small(d, &index) || !read_small(d, &uniq) || nfree > left(d))
        return TERM_NONE;
    return make_closure(d, mod, index, nfree, 0, false, -1);
}

static term_t read_export(Dec *d) {
    term_t m = read_atom(d), f = read_atom(d);
    if (m == TERM_NONE || f == TERM_NONE || !need(d, 2) || *d->s++ != SMALL_INTEGER_EXT)
        return TERM_NONE;
    unsigned a = *d->s++;
    Export *x = d->safe ? code_export_find(m, f, a) : code_export(m, f, a);
    if (!x) return TERM_NONE;
    term_t *hp = heap_alloc(d->p, 2);
    hp[0] = MAKE_HDR(HDR_EXPORT, 1);
    hp[1] = (term_t)(uintptr_t)x;
    return make_boxed(hp);
}

/* Reads one term into '*slot': compound terms are allocated here and their
   elements queued on the fill stack. */
static bool read_one(Dec *d, term_t *slot) {
    if (!need(d, 1)) return false;
    unsigned tag = *d->s;
    term_t r = TERM_NONE;
    switch (tag) {
    case ATOM_EXT: case SMALL_ATOM_EXT: case ATOM_UTF8_EXT: case SMALL_ATOM_UTF8_EXT:
        r = read_atom(d);
        break;
    case SMALL_INTEGER_EXT: case INTEGER_EXT: {
        int64_t v;
        if (read_small(d, &v)) r = make_small(v);
        break;
    }
    default:
        d->s++;
        switch (tag) {
        case SMALL_BIG_EXT: case LARGE_BIG_EXT: r = read_big(d, tag); break;
        case NEW_FLOAT_EXT:
            if (need(d, 8)) {
                uint64_t u = get_be(d, 8);
                double v;
                memcpy(&v, &u, 8);
                if (v == v && v - v == 0) r = heap_float(d->p, v);
            }
            break;
        case FLOAT_EXT: r = read_float_str(d); break;
        case NIL_EXT: r = TERM_NIL; break;
        case SMALL_TUPLE_EXT: case LARGE_TUPLE_EXT: {
            int w = tag == SMALL_TUPLE_EXT ? 1 : 4;
            if (!need(d, (size_t)w)) break;
            size_t n = get_be(d, w);
            if (n > left(d)) break;
            term_t *hp = heap_alloc(d->p, 1 + n);
            hp[0] = MAKE_HDR(HDR_TUPLE, n);
            for (size_t i = 0; i < n; i++) hp[1 + i] = TERM_NIL;
            fill(d, hp + 1, n, 1);
            r = make_boxed(hp);
            break;
        }
        case STRING_EXT: {
            if (!need(d, 2)) break;
            size_t n = get_be(d, 2);
            if (!need(d, n)) break;
            if (n == 0) {
                r = TERM_NIL;
                break;
            }
            term_t *hp = heap_alloc(d->p, 2 * n);
            for (size_t i = 0; i < n; i++) {
                hp[2 * i] = make_small(d->s[i]);
                hp[2 * i + 1] = i + 1 < n ? make_list(hp + 2 * i + 2) : TERM_NIL;
            }
            d->s += n;
            r = make_list(hp);
            break;
        }
        case LIST_EXT: {
            if (!need(d, 4)) break;
            size_t n = get_be(d, 4);
            if (n >= left(d)) break; /* each element and the tail take a byte */
            if (n == 0) {
                fill(d, slot, 1, 1); /* no elements: the term is the tail */
                *slot = TERM_NIL;
                return true;
            }
            term_t *hp = heap_alloc(d->p, 2 * n);
            for (size_t i = 0; i < n; i++) {
                hp[2 * i] = TERM_NIL;
                hp[2 * i + 1] = i + 1 < n ? make_list(hp + 2 * i + 2) : TERM_NIL;
            }
            fill(d, hp + 2 * n - 1, 1, 1); /* the tail comes after the elements */
            fill(d, hp, n, 2);
            r = make_list(hp);
            break;
        }
        case BINARY_EXT: case BIT_BINARY_EXT: r = read_bits(d, tag); break;
        case MAP_EXT: {
            if (!need(d, 4)) break;
            size_t n = get_be(d, 4);
            if (n > left(d) / 2) break;
            if (n == 0) {
                r = map_new(d->p);
                break;
            }
            term_t *kv = heap_alloc(d->p, 2 * n);
            for (size_t i = 0; i < 2 * n; i++) kv[i] = TERM_NIL;
            dpush(d, (Fill){MAP_DONE, kv, n, 0, slot});
            fill(d, kv, 2 * n, 1);
            *slot = TERM_NIL;
            return true;
        }
        case PID_EXT: case NEW_PID_EXT: case PORT_EXT: case NEW_PORT_EXT: case V4_PORT_EXT:
        case REFERENCE_EXT:
            r = read_ident(d, tag);
            break;
        case NEW_REFERENCE_EXT: case NEWER_REFERENCE_EXT: r = read_new_ref(d, tag); break;
        case NEW_FUN_EXT: case FUN_EXT: r = read_fun(d, tag); break;
        case EXPORT_EXT: r = read_export(d); break;
        default: break;
        }
    }
    if (r == TERM_NONE) return false;
    *slot = r;
    return true;
}

/* Decodes one term (no version byte) from [s, end) onto 'p'. */
static term_t decode_body(Proc *p, const uint8_t *s, const uint8_t *end, size_t *used, bool safe) {
    Dec d = {.s = s, .end = end, .p = p, .safe = safe};
    term_t root = TERM_NIL;
    bool ok = true;
    fill(&d, &root, 1, 1);
    while (ok && d.sp > 0) {
        Fill *f = &d.st[d.sp - 1];
        if (f->kind == MAP_DONE) {
            term_t m = map_from_pairs(p, f->slot, f->count);
            ok = m != TERM_NONE && map_size(m) == f->count; /* duplicate keys: malformed */
            *f->dst = m;
            d.sp--;
            continue;
        }
        term_t *slot = f->slot;
        f->slot += f->stride;
        if (--f->count == 0) d.sp--;
        ok = read_one(&d, slot);
    }
    vm_free(d.st);
    if (!ok) return TERM_NONE;
    *used = (size_t)(d.s - s);
    return root;
}

term_t ext_decode_proc(struct Proc *p, const uint8_t *buf, size_t len, size_t *used, bool safe) {
    if (len < 2 || buf[0] != VERSION_MAGIC) return TERM_NONE;
    size_t n;
    if (buf[1] != COMPRESSED) {
        term_t t = decode_body(p, buf + 1, buf + len, &n, safe);
        if (t != TERM_NONE) *used = n + 1;
        return t;
    }
    if (len < 6) return TERM_NONE;
    uLong size = (uLong)buf[2] << 24 | (uLong)buf[3] << 16 | (uLong)buf[4] << 8 | buf[5];
    /* deflate expands by at most about 1032 to 1: refuse sizes beyond it */
    if (size == 0 || size / 1032 > len) return TERM_NONE;
    uint8_t *out = vm_alloc(size);
    uLongf dlen = size;
    uLong slen = len - 6;
    term_t t = TERM_NONE;
    if (uncompress2(out, &dlen, buf + 6, &slen) == Z_OK && dlen == size) {
        t = decode_body(p, out, out + size, &n, safe);
        if (t != TERM_NONE && n != size) t = TERM_NONE;
        if (t != TERM_NONE) *used = 6 + slen;
    }
    vm_free(out);
    return t;
}

term_t ext_decode(const uint8_t *buf, size_t len, size_t *used, const ExtAlloc *a, bool safe) {
    /* Decoded on a scratch process, then copied where 'a' says. */
    Proc scratch;
    memset(&scratch, 0, sizeof scratch);
    scratch.pid = make_pid(0);
    term_t t = ext_decode_proc(&scratch, buf, len, used, safe);
    if (t != TERM_NONE) {
        size_t n = copy_size(t);
        if (n > 0) {
            term_t *hp = a->alloc(a->ctx, n), *chain = NULL;
            t = copy_term(t, &hp, &chain);
            while (chain) {
                term_t *next = (term_t *)(uintptr_t)chain[REFC_NEXT];
                if (a->offheap) {
                    chain[REFC_NEXT] = (term_t)(uintptr_t)*a->offheap;
                    *a->offheap = chain;
                } else {
                    chain[REFC_NEXT] = 0;
                }
                chain = next;
            }
        }
    }
    for (term_t *o = scratch.offheap; o; o = (term_t *)(uintptr_t)o[REFC_NEXT])
        bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
    heap_frag_free_chain(scratch.frags);
    return t;
}
