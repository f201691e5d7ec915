/*
** copy.c: deep copies of terms into a block of words (copy.h), for
** messages, spawn arguments, ETS and the literal area. Neither pass uses C
** recursion: the size is counted with an explicit stack, and the copy scans
** its own output (objects are copied shallowly, then the words of the copy
** that still refer to the source are filled in order), so a list of a
** million elements costs no C stack. The source is never written to.
*/
#include "bin.h"
#include "copy.h"

/* A growable stack of terms, starting in a local buffer. */
typedef struct TermStack {
    term_t *s;
    size_t n, cap;
    term_t local[64];
} TermStack;

static void ts_init(TermStack *ts)
{
    ts->s = ts->local;
    ts->n = 0;
    ts->cap = sizeof ts->local / sizeof ts->local[0];
}

static void ts_push(TermStack *ts, term_t t)
{
    if (ts->n == ts->cap) {
        size_t cap = ts->cap * 2;
        if (ts->s == ts->local) {
            ts->s = vm_alloc(cap * sizeof(term_t));
            memcpy(ts->s, ts->local, ts->n * sizeof(term_t));
        } else {
            ts->s = vm_realloc(ts->s, cap * sizeof(term_t));
        }
        ts->cap = cap;
    }
    ts->s[ts->n++] = t;
}

static void ts_free(TermStack *ts)
{
    if (ts->s != ts->local) vm_free(ts->s);
}

static inline bool is_ptr(term_t t)
{
    return term_is_list(t) || term_is_boxed(t);
}

/* The first and one-past-last word of a boxed object that hold terms. */
static void term_words(term_t h, size_t *first, size_t *end)
{
    size_t n = (size_t)HDR_ARITY(h);
    switch (HDR_SUBTAG(h)) {
    case HDR_TUPLE: case HDR_MAP: case HDR_HAMT:
        *first = 1;
        *end = n + 1;
        return;
    case HDR_FUN:
        *first = 2;
        *end = n + 1;
        return;
    case HDR_SUB_BIN: case HDR_MATCH_CTX:
        *first = n;
        *end = n + 1;
        return;
    default:
        *first = *end = 0;
        return;
    }
}

size_t copy_size(term_t t)
{
    if (!is_ptr(t)) return 0;
    TermStack ts;
    ts_init(&ts);
    size_t words = 0;
    ts_push(&ts, t);
    while (ts.n) {
        t = ts.s[--ts.n];
        /* Follow first children (list heads, first elements) in this loop,
           so that the stack holds pending siblings, not a list's spine. */
        while (is_ptr(t)) {
            const term_t *o = term_ptr(t);
            if (term_is_list(t)) {
                words += 2;
                if (is_ptr(o[1])) ts_push(&ts, o[1]);
                t = o[0];
                continue;
            }
            words += 1 + (size_t)HDR_ARITY(o[0]);
            size_t first, end;
            term_words(o[0], &first, &end);
            if (first == end) break;
            for (size_t i = end - 1; i > first; i--) {
                if (is_ptr(o[i])) ts_push(&ts, o[i]);
            }
            t = o[first];
        }
    }
    ts_free(&ts);
    return words;
}

/* Copies the object 't' points to, shallowly, at '*hp'; returns the term
   for the copy. Its words still refer to the source until scanned. */
static term_t copy_shallow(term_t t, term_t **hp, term_t **offheap)
{
    const term_t *o = term_ptr(t);
    term_t *to = *hp;
    if (term_is_list(t)) {
        to[0] = o[0];
        to[1] = o[1];
        *hp = to + 2;
        return make_list(to);
    }
    size_t n = 1 + (size_t)HDR_ARITY(o[0]);
    memcpy(to, o, n * sizeof(term_t));
    *hp = to + n;
    if (HDR_SUBTAG(o[0]) == HDR_REFC_BIN) {
        bin_incref((Binary *)(uintptr_t)to[REFC_BIN]);
        to[REFC_NEXT] = (term_t)(uintptr_t)*offheap;
        *offheap = to;
    }
    return make_boxed(to);
}

term_t copy_term(term_t t, term_t **hp, term_t **offheap)
{
    if (!is_ptr(t)) return t;
    term_t *scan = *hp;
    term_t root = copy_shallow(t, hp, offheap);
    /* Every pointer word of the output refers to the source until the scan
       reaches it; each is replaced by a copy exactly once. */
    while (scan < *hp) {
        term_t w = *scan;
        if (term_tag(w) != TAG_HEADER) {
            if (is_ptr(scan[0])) scan[0] = copy_shallow(scan[0], hp, offheap);
            if (is_ptr(scan[1])) scan[1] = copy_shallow(scan[1], hp, offheap);
            scan += 2;
            continue;
        }
        size_t first, end;
        term_words(w, &first, &end);
        for (size_t i = first; i < end; i++) {
            if (is_ptr(scan[i])) scan[i] = copy_shallow(scan[i], hp, offheap);
        }
        scan += 1 + (size_t)HDR_ARITY(w);
    }
    return root;
}
