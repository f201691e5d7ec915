/*
** term.h: the representation of Erlang terms, as 64-bit tagged words.
**
** The low two bits of a word are its primary tag:
**   00 header: the first word of a boxed object (never a term by itself)
**   01 list:   a pointer to a cons cell, two words [head, tail]
**   10 boxed:  a pointer to a header word and the object after it
**   11 immediate: the low four bits say which
**        0011 pid (local process number << 4)
**        0111 port
**        1111 small integer (60-bit signed, value << 4)
**        1011 second-level immediate: the low six bits say which
**              001011 atom (atom index << 6)
**              011011 catch (catch-table index << 6; only on stacks)
**              111011 special: [] (value 0) and the non-value (value 1)
**
** A header word is: arity << 6 | subtag << 2 | 00, where arity is the number
** of words that follow the header, so any boxed object can be skipped
** without knowing its type. The subtags (HDR_*) list every boxed object.
**
** Invariants the collector relies on:
**  - a term on a process heap points only into that heap, its heap
**    fragments, or the literal area (lit.c), never into another process;
**  - every word of a boxed object after the header is a term, except for
**    the objects whose subtag is "raw" (hdr_is_raw): their words are data;
**  - code pointers on the stack are 8-aligned and so look like headers; the
**    collector skips them.
*/
#ifndef SPORE_TERM_H
#define SPORE_TERM_H

#include <string.h>

#include "vm.h"

#define TAG_MASK 0x3u
#define TAG_HEADER 0x0u
#define TAG_LIST 0x1u
#define TAG_BOXED 0x2u
#define TAG_IMMED 0x3u

#define IMM1_MASK 0xFu
#define IMM1_PID 0x3u
#define IMM1_PORT 0x7u
#define IMM1_IMM2 0xBu
#define IMM1_SMALL 0xFu
#define IMM2_MASK 0x3Fu
#define IMM2_ATOM 0x0Bu
#define IMM2_CATCH 0x1Bu
#define IMM2_SPECIAL 0x3Bu

#define TERM_NIL ((term_t)IMM2_SPECIAL)
#define TERM_NONE ((term_t)((1u << 6) | IMM2_SPECIAL)) /* "no value": a failed BIF */

/* Subtags of header words. */
#define HDR_TUPLE 0u
#define HDR_FUN 1u        /* closure: FunEntry*, then the free variables */
#define HDR_POS_BIG 2u    /* raw: limbs, least significant first */
#define HDR_NEG_BIG 3u    /* raw */
#define HDR_REF 4u        /* raw: one word, the reference number */
#define HDR_FLOAT 5u      /* raw: one double */
#define HDR_EXPORT 6u     /* raw: Export*  (fun M:F/A) */
#define HDR_MAP 7u        /* flat map: keys tuple, then values (see map.h) */
#define HDR_HAMT 8u       /* hash-trie map node (see map.h) */
#define HDR_HEAP_BIN 9u   /* raw: byte size, then the bytes */
#define HDR_REFC_BIN 10u  /* off-heap binary reference, see bin.h */
#define HDR_SUB_BIN 11u   /* bitstring slice of a heap or refc binary */
#define HDR_MATCH_CTX 12u /* bit-syntax match state */

#define HDR_SUBTAG(h) (((h) >> 2) & 0xFu)
#define HDR_ARITY(h) ((h) >> 6)
#define MAKE_HDR(sub, arity) (((term_t)(arity) << 6) | ((term_t)(sub) << 2))

/* ---- primary tags ---- */
static inline unsigned term_tag(term_t t) { return (unsigned)(t & TAG_MASK); }
static inline bool term_is_list(term_t t) { return (t & TAG_MASK) == TAG_LIST; } /* non-empty */
static inline bool term_is_boxed(term_t t) { return (t & TAG_MASK) == TAG_BOXED; }
static inline bool term_is_immed(term_t t) { return (t & TAG_MASK) == TAG_IMMED; }
static inline term_t *term_ptr(term_t t) { return (term_t *)(uintptr_t)(t & ~(term_t)TAG_MASK); }
static inline term_t make_list(const term_t *p) { return (term_t)(uintptr_t)p | TAG_LIST; }
static inline term_t make_boxed(const term_t *p) { return (term_t)(uintptr_t)p | TAG_BOXED; }

static inline bool term_is_nil(term_t t) { return t == TERM_NIL; }
static inline bool term_is_none(term_t t) { return t == TERM_NONE; }

/* ---- small integers ---- */
#define SMALL_BITS 60
#define SMALL_MAX (((sint_t)1 << (SMALL_BITS - 1)) - 1)
#define SMALL_MIN (-((sint_t)1 << (SMALL_BITS - 1)))
static inline bool term_is_small(term_t t) { return (t & IMM1_MASK) == IMM1_SMALL; }
static inline sint_t small_val(term_t t) { return (sint_t)t >> 4; }
static inline term_t make_small(sint_t v) { return ((term_t)v << 4) | IMM1_SMALL; }
static inline bool small_fits(sint_t v) { return v >= SMALL_MIN && v <= SMALL_MAX; }

/* ---- atoms (table in atom.c) ---- */
static inline bool term_is_atom(term_t t) { return (t & IMM2_MASK) == IMM2_ATOM; }
static inline uint32_t atom_index(term_t t) { return (uint32_t)(t >> 6); }
static inline term_t make_atom(uint32_t i) { return ((term_t)i << 6) | IMM2_ATOM; }

/* ---- pids and ports ---- */
static inline bool term_is_pid(term_t t) { return (t & IMM1_MASK) == IMM1_PID; }
static inline uint64_t pid_number(term_t t) { return t >> 4; }
static inline term_t make_pid(uint64_t n) { return (n << 4) | IMM1_PID; }
static inline bool term_is_port(term_t t) { return (t & IMM1_MASK) == IMM1_PORT; }
static inline term_t make_port(uint64_t n) { return (n << 4) | IMM1_PORT; }

/* ---- catch markers (stack only) ---- */
static inline bool term_is_catch(term_t t) { return (t & IMM2_MASK) == IMM2_CATCH; }
static inline uint32_t catch_index(term_t t) { return (uint32_t)(t >> 6); }
static inline term_t make_catch(uint32_t i) { return ((term_t)i << 6) | IMM2_CATCH; }

/* ---- boxed objects ---- */
static inline term_t boxed_hdr(term_t t) { return *term_ptr(t); }
static inline bool boxed_is(term_t t, unsigned sub) {
    return term_is_boxed(t) && HDR_SUBTAG(boxed_hdr(t)) == sub;
}
static inline bool hdr_is_raw(term_t h) {
    unsigned s = HDR_SUBTAG(h);
    return s == HDR_POS_BIG || s == HDR_NEG_BIG || s == HDR_REF || s == HDR_FLOAT ||
           s == HDR_EXPORT || s == HDR_HEAP_BIN;
}

/* tuples: [hdr(n)] e1 .. en */
static inline bool term_is_tuple(term_t t) { return boxed_is(t, HDR_TUPLE); }
static inline size_t tuple_arity(term_t t) { return (size_t)HDR_ARITY(boxed_hdr(t)); }
static inline term_t *tuple_elems(term_t t) { return term_ptr(t) + 1; } /* 0-based */

/* cons cells */
static inline term_t list_head(term_t t) { return term_ptr(t)[0]; }
static inline term_t list_tail(term_t t) { return term_ptr(t)[1]; }

/* floats: [hdr(1)] double */
#define FLOAT_WORDS 2
static inline bool term_is_float(term_t t) { return boxed_is(t, HDR_FLOAT); }
static inline double float_val(term_t t) {
    double d;
    memcpy(&d, term_ptr(t) + 1, sizeof d);
    return d;
}
static inline term_t make_float_at(term_t *hp, double d) {
    hp[0] = MAKE_HDR(HDR_FLOAT, 1);
    memcpy(hp + 1, &d, sizeof d);
    return make_boxed(hp);
}

/* bignums: [hdr(n)] limb0 .. limb(n-1), magnitude, sign in the subtag */
static inline bool term_is_big(term_t t) {
    return term_is_boxed(t) &&
           (HDR_SUBTAG(boxed_hdr(t)) == HDR_POS_BIG || HDR_SUBTAG(boxed_hdr(t)) == HDR_NEG_BIG);
}
static inline bool term_is_integer(term_t t) { return term_is_small(t) || term_is_big(t); }
static inline bool term_is_number(term_t t) { return term_is_integer(t) || term_is_float(t); }

/* references: [hdr(1)] number */
#define REF_WORDS 2
static inline bool term_is_ref(term_t t) { return boxed_is(t, HDR_REF); }
static inline uint64_t ref_number(term_t t) { return term_ptr(t)[1]; }

/* funs: closures [hdr(1+nfree)] FunEntry* env..., and exports [hdr(1)] Export* */
static inline bool term_is_fun(term_t t) {
    return term_is_boxed(t) &&
           (HDR_SUBTAG(boxed_hdr(t)) == HDR_FUN || HDR_SUBTAG(boxed_hdr(t)) == HDR_EXPORT);
}

/* maps: flat (HDR_MAP) or hash trie (HDR_HAMT); see map.h */
static inline bool term_is_map(term_t t) {
    return term_is_boxed(t) &&
           (HDR_SUBTAG(boxed_hdr(t)) == HDR_MAP || HDR_SUBTAG(boxed_hdr(t)) == HDR_HAMT);
}

/* bitstrings: heap, refc or sub binaries; see bin.h */
static inline bool term_is_bitstring(term_t t) {
    if (!term_is_boxed(t)) return false;
    unsigned s = HDR_SUBTAG(boxed_hdr(t));
    return s == HDR_HEAP_BIN || s == HDR_REFC_BIN || s == HDR_SUB_BIN;
}

/* booleans */
bool term_is_boolean(term_t t);

/* Length of a proper list, or -1 if 't' is not one. O(n). */
sint_t list_length(term_t t);

#endif
