/*
** print.c: erlang:display/1's text for any term. A term is walked with an
** explicit stack of pending work (elements still to print, closing
** brackets), so lists and nesting of any depth are safe.
*/
#include "print.h"

#include <stdio.h>

#include "atom.h"
#include "bin.h"
#include "code.h"
#include "map.h"

/* ---- atoms ---- */

static bool is_lower(int c) { return (c >= 'a' && c <= 'z') || (c >= 223 && c <= 255 && c != 247); }
static bool is_upper(int c) { return (c >= 'A' && c <= 'Z') || (c >= 192 && c <= 222 && c != 215); }
static bool is_alnum(int c) { return (c >= '0' && c <= '9') || is_lower(c) || is_upper(c); }

/* The Latin-1 character a UTF-8 sequence starts with: continuation bytes
   pass as letters, and sequences of three or four bytes as 0 (quoted). */
static int latin1_char(int c1, int c2) {
    if ((c1 & 0x80) == 0) return c1;
    if ((c1 & 0xE0) == 0xC0) return ((c1 & 0x1F) << 6) | (c2 & 0x3F);
    if ((c1 & 0xC0) == 0x80) return 'a';
    return 0;
}

void print_atom(StrBuf *b, term_t atom) {
    size_t n;
    const uint8_t *s = (const uint8_t *)atom_name(atom, &n);
    if (n == 0) {
        strbuf_puts(b, "''");
        return;
    }
    bool quote = false;
    int lc = latin1_char(s[0], n > 1 ? s[1] : 0);
    if (!is_lower(lc)) {
        quote = true;
    } else {
        for (size_t i = 1; i < n && !quote; i++) {
            lc = latin1_char(s[i], i + 1 < n ? s[i + 1] : 0);
            if (!is_alnum(lc) && lc != '_') quote = true;
        }
    }
    if (quote) strbuf_putc(b, '\'');
    for (size_t i = 0; i < n; i++) {
        int c = s[i];
        switch (c) {
        case '\'': strbuf_puts(b, "\\'"); break;
        case '\\': strbuf_puts(b, "\\\\"); break;
        case '\n': strbuf_puts(b, "\\n"); break;
        case '\f': strbuf_puts(b, "\\f"); break;
        case '\t': strbuf_puts(b, "\\t"); break;
        case '\r': strbuf_puts(b, "\\r"); break;
        case '\b': strbuf_puts(b, "\\b"); break;
        case '\v': strbuf_puts(b, "\\v"); break;
        default:
            if (c < ' ') {
                strbuf_printf(b, "\\%03o", c);
            } else if (c == 0xC2 && i + 1 < n && s[i + 1] < 0xA0) {
                strbuf_printf(b, "\\%03o", s[i + 1]);   /* control characters 128-159 */
                i++;
            } else {
                strbuf_putc(b, (char)c);
            }
        }
    }
    if (quote) strbuf_putc(b, '\'');
}

/* ---- numbers ---- */

static void print_big(StrBuf *b, term_t t) {
    const term_t *w = term_ptr(t);
    size_t n = HDR_ARITY(w[0]);
    uint64_t *mag = vm_alloc(n * sizeof(uint64_t));
    memcpy(mag, w + 1, n * sizeof(uint64_t));
    /* Chunks of 19 decimal digits, least significant first. */
    size_t cap = n * 2 + 1, nchunks = 0;
    uint64_t *chunks = vm_alloc(cap * sizeof(uint64_t));
    const uint64_t base = 10000000000000000000ull;
    while (n > 0) {
        unsigned __int128 rem = 0;
        for (size_t i = n; i-- > 0;) {
            unsigned __int128 cur = (rem << 64) | mag[i];
            mag[i] = (uint64_t)(cur / base);
            rem = cur % base;
        }
        chunks[nchunks++] = (uint64_t)rem;
        while (n > 0 && mag[n - 1] == 0) n--;
    }
    if (HDR_SUBTAG(w[0]) == HDR_NEG_BIG) strbuf_putc(b, '-');
    strbuf_printf(b, "%llu", (unsigned long long)chunks[nchunks - 1]);
    for (size_t i = nchunks - 1; i-- > 0;)
        strbuf_printf(b, "%019llu", (unsigned long long)chunks[i]);
    vm_free(chunks);
    vm_free(mag);
}

/* ---- lists and bitstrings ---- */

static bool printable_char(term_t t) {
    if (!term_is_small(t)) return false;
    sint_t c = small_val(t);
    if (c < 0 || c > 255) return false;
    bool cntrl = c < ' ' || c == 127 || (c >= 128 && c < 160);
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    return !cntrl || space;
}

static bool is_printable_list(term_t t) {
    for (; term_is_list(t); t = list_tail(t))
        if (!printable_char(list_head(t))) return false;
    return term_is_nil(t);
}

static void print_string(StrBuf *b, term_t t) {
    strbuf_putc(b, '"');
    for (; term_is_list(t); t = list_tail(t)) {
        int c = (int)small_val(list_head(t));
        if (c == '\n') {
            strbuf_puts(b, "\\n");
        } else {
            if (c == '"') strbuf_putc(b, '\\');
            strbuf_putc(b, (char)c);
        }
    }
    strbuf_putc(b, '"');
}

static unsigned byte_at(const uint8_t *base, size_t bitpos, unsigned count) {
    size_t i = bitpos >> 3;
    unsigned sh = (unsigned)(bitpos & 7);
    unsigned w = (unsigned)base[i] << 8;
    if (sh + count > 8) w |= base[i + 1];
    return (w >> (16 - sh - count)) & ((1u << count) - 1);
}

static void print_bits(StrBuf *b, term_t t) {
    const uint8_t *base;
    size_t off, bits;
    bin_view(t, &base, &off, &bits);
    size_t n = bits >> 3;
    unsigned rest = (unsigned)(bits & 7);
    bool text = rest == 0 && n > 0;
    for (size_t i = 0; i < n && text; i++) {
        unsigned c = byte_at(base, off + 8 * i, 8);
        text = c >= ' ' && c < 127;
    }
    if (text) {
        strbuf_puts(b, "<<\"");
        for (size_t i = 0; i < n; i++) {
            unsigned c = byte_at(base, off + 8 * i, 8);
            if (c == '"') strbuf_putc(b, '\\');
            strbuf_putc(b, (char)c);
        }
        strbuf_puts(b, "\">>");
        return;
    }
    strbuf_puts(b, "<<");
    for (size_t i = 0; i < n; i++)
        strbuf_printf(b, i ? ",%u" : "%u", byte_at(base, off + 8 * i, 8));
    if (rest) strbuf_printf(b, n ? ",%u:%u" : "%u:%u", byte_at(base, off + 8 * n, rest), rest);
    strbuf_puts(b, ">>");
}

/* ---- the walk ---- */

enum { W_STR, W_ELEMS, W_TAIL, W_PAIRS };

typedef struct Work {
    int kind;
    const char *s;       /* W_STR */
    const term_t *p, *q; /* W_ELEMS: p[0..n); W_PAIRS: keys p, values q */
    size_t n;
    term_t t;            /* W_TAIL: the rest of a list */
} Work;

typedef struct WorkStack {
    Work *w;
    size_t sp, cap;
} WorkStack;

static void push(WorkStack *s, Work w) {
    if (s->sp == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->w = vm_realloc(s->w, s->cap * sizeof(Work));
    }
    s->w[s->sp++] = w;
}

static void push_str(WorkStack *s, const char *str) { push(s, (Work){.kind = W_STR, .s = str}); }

static void print_fun(StrBuf *b, term_t t) {
    if (HDR_SUBTAG(boxed_hdr(t)) == HDR_EXPORT) {
        const Export *e = fun_export(t);
        strbuf_puts(b, "fun ");
        print_atom(b, e->module);
        strbuf_putc(b, ':');
        print_atom(b, e->function);
        strbuf_printf(b, "/%u", e->arity);
        return;
    }
    const FunEntry *fe = fun_entry(t);
    size_t len;
    const char *m = atom_name(fe->module->name, &len);
    strbuf_puts(b, "#Fun<");
    strbuf_add(b, m, len);
    strbuf_printf(b, ".%u.%d>", fe->index, (int32_t)fe->old_uniq);
}

/* Prints one term, or starts it and leaves the rest on the stack. */
static void print_one(StrBuf *b, WorkStack *s, term_t t) {
    switch (term_tag(t)) {
    case TAG_LIST:
        if (is_printable_list(t)) {
            print_string(b, t);
            return;
        }
        strbuf_putc(b, '[');
        push_str(s, "]");
        push(s, (Work){.kind = W_TAIL, .t = list_tail(t)});
        print_one(b, s, list_head(t));
        return;
    case TAG_BOXED: {
        term_t hdr = boxed_hdr(t);
        switch (HDR_SUBTAG(hdr)) {
        case HDR_TUPLE:
            strbuf_putc(b, '{');
            push_str(s, "}");
            push(s, (Work){.kind = W_ELEMS, .p = tuple_elems(t), .n = HDR_ARITY(hdr)});
            return;
        case HDR_MAP:
            strbuf_puts(b, "#{");
            push_str(s, "}");
            push(s, (Work){.kind = W_PAIRS, .p = map_flat_keys(t), .q = map_flat_vals(t),
                           .n = map_flat_size(t)});
            return;
        case HDR_HAMT: {
            const term_t *first;
            size_t n = map_node_children(t, &first);
            uint32_t word = (uint32_t)small_val(term_ptr(t)[1]);
            strbuf_printf(b, (word & MAP_HAMT_HEAD) ? "#<%x>{" : "<%x>{", word & 0xFFFFu);
            push_str(s, "}");
            push(s, (Work){.kind = W_ELEMS, .p = first, .n = n});
            return;
        }
        case HDR_FLOAT: strbuf_printf(b, "%.6e", float_val(t)); return;
        case HDR_POS_BIG: case HDR_NEG_BIG: print_big(b, t); return;
        case HDR_REF: {
            uint64_t r = ref_number(t);
            strbuf_printf(b, "#Ref<0.0.%u.%u>", (unsigned)(r >> 32), (unsigned)r);
            return;
        }
        case HDR_FUN: case HDR_EXPORT: print_fun(b, t); return;
        case HDR_MATCH_CTX: strbuf_puts(b, "#MatchState"); return;
        default: print_bits(b, t); return;
        }
    }
    default:
        if (term_is_small(t)) strbuf_printf(b, "%lld", (long long)small_val(t));
        else if (term_is_atom(t)) print_atom(b, t);
        else if (term_is_nil(t)) strbuf_puts(b, "[]");
        else if (term_is_pid(t)) strbuf_printf(b, "<0.%llu.0>", (unsigned long long)pid_number(t));
        else if (term_is_port(t)) strbuf_printf(b, "#Port<0.%llu>", (unsigned long long)(t >> 4));
        else if (t == TERM_NONE) strbuf_puts(b, "THE_NON_VALUE");
        else strbuf_printf(b, "<unknown:%#llx>", (unsigned long long)t);
    }
}

void print_term(StrBuf *b, term_t t) {
    WorkStack s = {NULL, 0, 0};
    print_one(b, &s, t);
    while (s.sp > 0) {
        Work w = s.w[--s.sp];
        switch (w.kind) {
        case W_STR: strbuf_puts(b, w.s); break;
        case W_ELEMS:
            if (w.n == 0) break;
            if (w.n > 1) push(&s, (Work){.kind = W_ELEMS, .p = w.p + 1, .n = w.n - 1});
            if (w.n > 1) push_str(&s, ",");
            print_one(b, &s, w.p[0]);
            break;
        case W_PAIRS:
            if (w.n == 0) break;
            if (w.n > 1) {
                push(&s, (Work){.kind = W_PAIRS, .p = w.p + 1, .q = w.q + 1, .n = w.n - 1});
                push_str(&s, ",");
            }
            push(&s, (Work){.kind = W_ELEMS, .p = w.q, .n = 1});
            push_str(&s, "=>");
            print_one(b, &s, w.p[0]);
            break;
        case W_TAIL:
            if (term_is_nil(w.t)) break;
            if (term_is_list(w.t)) {
                strbuf_putc(b, ',');
                push(&s, (Work){.kind = W_TAIL, .t = list_tail(w.t)});
                print_one(b, &s, list_head(w.t));
            } else {
                strbuf_putc(b, '|');
                print_one(b, &s, w.t);
            }
            break;
        }
    }
    if (s.w) vm_free(s.w);
}
