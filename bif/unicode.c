/*
** unicode.c: the unicode module's conversions between chardata (nested
** lists of code points and binaries) and binaries or lists in latin1,
** UTF-8, UTF-16 and UTF-32, with OTP's {error, ...} and {incomplete, ...}
** results. The input is walked with an explicit stack.
*/
#include "../vm/bignum.h"
#include "../vm/bin.h"
#include "../vm/heap.h"
#include "bif.h"

enum { ENC_LATIN1, ENC_UTF8, ENC_UTF16, ENC_UTF32 };

typedef struct Enc { int kind; bool little; } Enc;

static bool get_enc(term_t t, Enc *e) {
    e->little = false;
    if (term_is_tuple(t) && tuple_arity(t) == 2) {
        term_t en = tuple_elems(t)[1];
        if (en != ATOM_big && en != ATOM_little) return false;
        e->little = en == ATOM_little;
        t = tuple_elems(t)[0];
        if (t != ATOM_utf16 && t != ATOM_utf32) return false;
    }
    if (t == ATOM_latin1) e->kind = ENC_LATIN1;
    else if (t == ATOM_unicode || t == ATOM_utf8) e->kind = ENC_UTF8;
    else if (t == ATOM_utf16) e->kind = ENC_UTF16;
    else if (t == ATOM_utf32) e->kind = ENC_UTF32;
    else return false;
    return true;
}

typedef struct Conv {
    Enc in, out;
    uint32_t limit;       /* the largest code point accepted */
    uint32_t *cp;         /* code points converted */
    size_t n, cap;
    term_t *st;           /* frames: the current cell of each open list */
    size_t sp, scap;
} Conv;

static void emit(Conv *c, uint32_t v) {
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->cp = vm_realloc(c->cp, c->cap * sizeof(uint32_t));
    }
    c->cp[c->n++] = v;
}

static void frame_push(Conv *c, term_t t) {
    if (c->sp == c->scap) {
        c->scap = c->scap ? c->scap * 2 : 16;
        c->st = vm_realloc(c->st, c->scap * sizeof(term_t));
    }
    c->st[c->sp++] = t;
}

enum { DEC_OK, DEC_ERROR, DEC_INCOMPLETE, DEC_BADARG };

/* Decodes the bytes of a binary in the input encoding; '*stop' is the
   offset of the first byte not converted. */
static int decode(Conv *c, const uint8_t *s, size_t n, size_t *stop) {
    size_t i = 0;
    while (i < n) {
        uint32_t v;
        size_t k;
        if (c->in.kind == ENC_LATIN1) {
            v = s[i], k = 1;
        } else if (c->in.kind == ENC_UTF8) {
            unsigned b = s[i];
            uint32_t min;
            if (b < 0x80) k = 1, v = b, min = 0;
            else if ((b & 0xE0) == 0xC0) k = 2, v = b & 0x1F, min = 0x80;
            else if ((b & 0xF0) == 0xE0) k = 3, v = b & 0x0F, min = 0x800;
            else if ((b & 0xF8) == 0xF0) k = 4, v = b & 0x07, min = 0x10000;
            else break;
            size_t j = 1;
            for (; j < k && i + j < n; j++) {
                if ((s[i + j] & 0xC0) != 0x80) break;
                v = (v << 6) | (s[i + j] & 0x3Fu);
            }
            if (j < k) {
                *stop = i;
                return i + j == n ? DEC_INCOMPLETE : DEC_ERROR;
            }
            if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) break;
        } else {
            size_t w = c->in.kind == ENC_UTF16 ? 2 : 4;
            if (n - i < w) {
                *stop = i;
                return DEC_INCOMPLETE;
            }
            v = 0;
            for (size_t j = 0; j < w; j++)
                v |= (uint32_t)s[i + j] << (8 * (c->in.little ? j : w - 1 - j));
            k = w;
            if (w == 2 && v >= 0xD800 && v <= 0xDBFF) {
                if (n - i < 4) {
                    *stop = i;
                    return DEC_INCOMPLETE;
                }
                uint32_t lo = c->in.little ? (uint32_t)s[i + 2] | (uint32_t)s[i + 3] << 8
                                           : (uint32_t)s[i + 2] << 8 | s[i + 3];
                if (lo < 0xDC00 || lo > 0xDFFF) break;
                v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                k = 4;
            } else if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
                break;
            }
        }
        if (v > c->limit) break;
        emit(c, v);
        i += k;
    }
    *stop = i;
    return i == n ? DEC_OK : DEC_ERROR;
}

static bool valid_cp(const Conv *c, term_t h) {
    if (!term_is_small(h)) return false;
    sint_t v = small_val(h);
    return v >= 0 && (uint64_t)v <= c->limit && !(v >= 0xD800 && v <= 0xDFFF);
}

/* The shape check OTP makes first: anything but integers, binaries and
   lists (with [] or binary tails) is badarg. */
static bool well_formed(Conv *c, term_t t) {
    c->sp = 0;
    frame_push(c, t);
    while (c->sp > 0) {
        term_t x = c->st[--c->sp];
        if (term_is_nil(x) || term_is_bitstring(x)) {
            if (term_is_bitstring(x) && (bin_bit_size(x) & 7)) return false;
            continue;
        }
        if (!term_is_list(x)) return false;
        term_t h = list_head(x);
        frame_push(c, list_tail(x));
        if (term_is_list(h) || term_is_nil(h)) frame_push(c, h);
        else if (term_is_bitstring(h)) frame_push(c, h);
        else if (!term_is_integer(h)) return false;
    }
    return true;
}

/* Wraps 'rest' in the frames below 'top': [rest | cell of frame i]... */
static term_t wrap(Proc *p, Conv *c, size_t top, term_t rest) {
    for (size_t i = top; i-- > 0;) rest = heap_cons(p, rest, c->st[i]);
    return rest;
}

/* Converts 't'; returns DEC_*, with '*rest' set on error or incomplete. */
static int convert(Proc *p, Conv *c, term_t t, term_t *rest) {
    size_t n, stop;
    const uint8_t *s;
    if (term_is_bitstring(t)) {
        s = bin_data(p, t, &n);
        int r = decode(c, s, n, &stop);
        if (r != DEC_OK) *rest = bin_sub(p, t, stop * 8, (n - stop) * 8);
        return r;
    }
    c->sp = 0;
    frame_push(c, t);
    while (c->sp > 0) {
        term_t x = c->st[c->sp - 1];
        if (term_is_nil(x)) {
            c->sp--;
            continue;
        }
        if (term_is_bitstring(x)) { /* a binary tail */
            s = bin_data(p, x, &n);
            int r = decode(c, s, n, &stop);
            c->sp--;
            if (r != DEC_OK) {
                *rest = wrap(p, c, c->sp, bin_sub(p, x, stop * 8, (n - stop) * 8));
                return r;
            }
            continue;
        }
        term_t h = list_head(x);
        if (term_is_list(h) || term_is_nil(h)) {
            c->st[c->sp - 1] = list_tail(x);
            frame_push(c, h);
        } else if (!term_is_bitstring(h)) { /* a number: well_formed let nothing else by */
            if (!term_is_small(h) || !valid_cp(c, h)) {
                /* OTP: a latin1 output refuses a negative number; the
                   outputs it converts in Erlang (latin1, UTF-16, UTF-32)
                   give the bad character back in a list of its own */
                if (c->out.kind == ENC_LATIN1 &&
                    (term_is_small(h) ? small_val(h) < 0 : bignum_is_neg(h)))
                    return DEC_BADARG;
                if (c->out.kind != ENC_UTF8)
                    x = heap_cons(p, heap_cons(p, h, TERM_NIL), list_tail(x));
                *rest = wrap(p, c, c->sp - 1, x);
                return DEC_ERROR;
            }
            emit(c, (uint32_t)small_val(h));
            c->st[c->sp - 1] = list_tail(x);
        } else {
            s = bin_data(p, h, &n);
            int r = decode(c, s, n, &stop);
            if (r != DEC_OK) {
                bool last = c->sp == 1 && term_is_nil(list_tail(x));
                term_t sub = bin_sub(p, h, stop * 8, (n - stop) * 8);
                if (r == DEC_INCOMPLETE && last) {
                    *rest = sub;
                    return r;
                }
                *rest = wrap(p, c, c->sp - 1, heap_cons(p, sub, list_tail(x)));
                return DEC_ERROR;
            }
            c->st[c->sp - 1] = list_tail(x);
        }
    }
    return DEC_OK;
}

/* The code points c->cp[0..n) in the output form: a list, or a binary. */
static term_t output(Proc *p, Conv *c, bool list) {
    if (list) {
        term_t r = TERM_NIL;
        for (size_t i = c->n; i-- > 0;) r = heap_cons(p, make_small(c->cp[i]), r);
        return r;
    }
    size_t bytes = 0;
    for (size_t i = 0; i < c->n; i++) {
        uint32_t v = c->cp[i];
        switch (c->out.kind) {
        case ENC_LATIN1: bytes += 1; break;
        case ENC_UTF8: bytes += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4; break;
        case ENC_UTF16: bytes += v < 0x10000 ? 2 : 4; break;
        default: bytes += 4; break;
        }
    }
    uint8_t *d;
    term_t r = bin_make(p, bytes, &d);
    for (size_t i = 0; i < c->n; i++) {
        uint32_t v = c->cp[i], u[2];
        size_t k = 1, w = c->out.kind == ENC_UTF16 ? 2 : 4;
        switch (c->out.kind) {
        case ENC_LATIN1: *d++ = (uint8_t)v; continue;
        case ENC_UTF8:
            if (v < 0x80) {
                *d++ = (uint8_t)v;
            } else if (v < 0x800) {
                *d++ = (uint8_t)(0xC0 | v >> 6);
                *d++ = (uint8_t)(0x80 | (v & 0x3F));
            } else if (v < 0x10000) {
                *d++ = (uint8_t)(0xE0 | v >> 12);
                *d++ = (uint8_t)(0x80 | ((v >> 6) & 0x3F));
                *d++ = (uint8_t)(0x80 | (v & 0x3F));
            } else {
                *d++ = (uint8_t)(0xF0 | v >> 18);
                *d++ = (uint8_t)(0x80 | ((v >> 12) & 0x3F));
                *d++ = (uint8_t)(0x80 | ((v >> 6) & 0x3F));
                *d++ = (uint8_t)(0x80 | (v & 0x3F));
            }
            continue;
        case ENC_UTF16:
            u[0] = v;
            if (v >= 0x10000) {
                u[0] = 0xD800 | ((v - 0x10000) >> 10);
                u[1] = 0xDC00 | ((v - 0x10000) & 0x3FF);
                k = 2;
            }
            break;
        default: u[0] = v; break;
        }
        for (size_t j = 0; j < k; j++)
            for (size_t b = 0; b < w; b++)
                *d++ = (uint8_t)(u[j] >> (8 * (c->out.little ? b : w - 1 - b)));
    }
    return r;
}

/* The common case first: a list of code points up to 'limit' (127, or 255
   for a latin1 output), nested at most FAST_DEPTH deep, with no binary and
   no tail but []: what io_lib formats. Such a code point is one byte, the
   same in latin1 and UTF-8. Returns the number of bytes, written to 'd'
   unless it is NULL, or -1 for anything else (the general way then
   decides). */
#define FAST_DEPTH 16
static ptrdiff_t plain_bytes(term_t t, sint_t limit, uint8_t *d) {
    term_t st[FAST_DEPTH];
    size_t sp = 0;
    ptrdiff_t n = 0;
    for (;;) {
        while (term_is_list(t)) {
            term_t h = list_head(t);
            t = list_tail(t);
            if (term_is_small(h) && small_val(h) >= 0 && small_val(h) <= limit) {
                if (d) d[n] = (uint8_t)small_val(h);
                n++;
            } else if (term_is_list(h) && sp < FAST_DEPTH) {
                st[sp++] = t;
                t = h;
            } else if (!term_is_nil(h)) {
                return -1;
            }
        }
        if (!term_is_nil(t)) return -1;
        if (sp == 0) return n;
        t = st[--sp];
    }
}

static term_t characters(Proc *p, term_t data, term_t in, term_t out, bool list) {
    Conv c = {0};
    if (!get_enc(in, &c.in)) BIF_BADARG(p);
    if (list) c.out.kind = ENC_UTF8;
    else if (!get_enc(out, &c.out)) BIF_BADARG(p);
    if (!list && c.out.kind <= ENC_UTF8) {
        sint_t limit = c.out.kind == ENC_LATIN1 ? 255 : 127;
        ptrdiff_t n = plain_bytes(data, limit, NULL);
        if (n >= 0) {
            uint8_t *d;
            term_t r = bin_make(p, (size_t)n, &d);
            plain_bytes(data, limit, d);
            return r;
        }
    }
    c.limit = c.in.kind == ENC_LATIN1 || c.out.kind == ENC_LATIN1 ? 255 : 0x10FFFF;
    if (!well_formed(&c, data)) {
        vm_free(c.st);
        BIF_BADARG(p);
    }
    term_t rest = TERM_NIL;
    int r = convert(p, &c, data, &rest);
    term_t conv = r == DEC_BADARG ? TERM_NIL : output(p, &c, list);
    vm_free(c.st);
    vm_free(c.cp);
    if (r == DEC_BADARG) BIF_BADARG(p);
    if (r == DEC_OK) return conv;
    return heap_tuple3(p, r == DEC_ERROR ? ATOM_error : ATOM_incomplete, conv, rest);
}

BIF(bif_unicode_characters_to_binary_1) {
    return characters(p, args[0], ATOM_unicode, ATOM_unicode, false);
}
BIF(bif_unicode_characters_to_binary_2) {
    return characters(p, args[0], args[1], ATOM_unicode, false);
}
BIF(bif_unicode_characters_to_binary_3) {
    return characters(p, args[0], args[1], args[2], false);
}
BIF(bif_unicode_characters_to_list_1) {
    return characters(p, args[0], ATOM_unicode, TERM_NIL, true);
}
BIF(bif_unicode_characters_to_list_2) {
    return characters(p, args[0], args[1], TERM_NIL, true);
}

BIF(bif_unicode_bin_is_7bit_1) {
    size_t n;
    const uint8_t *s = bin_data(p, args[0], &n);
    if (!s) BIF_BADARG(p);
    for (size_t i = 0; i < n; i++)
        if (s[i] & 0x80) return ATOM_false;
    return ATOM_true;
}

const BifDef bif_unicode_table[] = {
    {"unicode", "characters_to_binary", 1, bif_unicode_characters_to_binary_1, 0},
    {"unicode", "characters_to_binary", 2, bif_unicode_characters_to_binary_2, 0},
    {"unicode", "characters_to_binary", 3, bif_unicode_characters_to_binary_3, 0},
    {"unicode", "characters_to_list", 1, bif_unicode_characters_to_list_1, 0},
    {"unicode", "characters_to_list", 2, bif_unicode_characters_to_list_2, 0},
    {"unicode", "bin_is_7bit", 1, bif_unicode_bin_is_7bit_1, 0},
    {NULL, NULL, 0, NULL, 0},
};
