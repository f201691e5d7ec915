/*
** bits.h: the bit syntax at run time: building bitstrings (bs_create_bin)
** and matching them (the bs_* match instructions). The interpreter decodes
** the operands and calls these; all the bit arithmetic lives here.
*/
#ifndef SPORE_BITS_H
#define SPORE_BITS_H

#include "term.h"

struct Proc;

/* Segment flags, as the compiler's flag field has them. */
#define BITS_F_ALIGNED 1u
#define BITS_F_LITTLE 2u
#define BITS_F_SIGNED 4u
#define BITS_F_EXACT 8u
#define BITS_F_NATIVE 16u

enum { BITS_INTEGER, BITS_FLOAT, BITS_BINARY, BITS_STRING, BITS_UTF8, BITS_UTF16,
       BITS_UTF32, BITS_APPEND, BITS_PRIVATE_APPEND };

typedef struct BitsSeg {
    uint32_t type;     /* BITS_* */
    uint32_t unit;
    uint32_t flags;    /* BITS_F_* */
    term_t value;      /* the value to put; for BITS_STRING unused */
    term_t size;       /* a small integer, the atom 'all', or [] (no size: utf, or the type's default) */
    const uint8_t *str; /* BITS_STRING: the bytes (from the module's string table) */
    size_t str_len;
} BitsSeg;

/* Builds the bitstring of 'n' segments (bs_create_bin). On failure returns
   TERM_NONE with the error set on 'p' (badarg; system_limit). A first
   segment of type BITS_APPEND or BITS_PRIVATE_APPEND appends the others to
   its value in place when possible, so that building a binary by repeated
   appending is amortised linear. */
term_t bits_create(struct Proc *p, const BitsSeg *segs, size_t n);

/* ---- matching: 'ctx' is a match context (bin.h) ---- */
/* A context for 'bin' (bs_start_match3/4); a context is returned as is.
   TERM_NONE if 'bin' is not a bitstring (no error set). */
term_t bits_start_match(struct Proc *p, term_t bin);
/* Each of these returns TERM_NONE when the match fails (no error set), and
   advances the context on success. 'bits' is the segment size in bits. */
term_t bits_get_integer(struct Proc *p, term_t ctx, size_t bits, uint32_t flags);
term_t bits_get_float(struct Proc *p, term_t ctx, size_t bits, uint32_t flags);
term_t bits_get_binary(struct Proc *p, term_t ctx, size_t bits);   /* a sub binary */
term_t bits_get_tail(struct Proc *p, term_t ctx);                  /* the rest, not advancing */
term_t bits_get_utf8(term_t ctx);
term_t bits_get_utf16(term_t ctx, uint32_t flags);
term_t bits_get_utf32(term_t ctx, uint32_t flags);
bool bits_skip(term_t ctx, size_t bits);
bool bits_match_string(term_t ctx, const uint8_t *s, size_t bits);
/* Bits left in the context. */
size_t bits_remaining(term_t ctx);
size_t bits_position(term_t ctx);
void bits_set_position(term_t ctx, size_t pos);

/* The size in bits of a segment from its size operand and unit: returns
   false (badarg) for a negative or non-integer size. */
bool bits_seg_size(term_t size, uint32_t unit, size_t *bits);

#endif
