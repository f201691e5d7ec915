/*
** bin.h: binaries and bitstrings.
**
** Three boxed objects hold bitstrings (term.h):
**   heap binary  [hdr(HEAP_BIN, 1 + words)] byte_size, bytes...   (<= BIN_HEAP_MAX bytes)
**   refc binary  [hdr(REFC_BIN, 4)] byte_size, Binary*, next, flags
**                a reference to an off-heap Binary, counted; 'next' chains
**                every refc binary of a heap (Proc.offheap) so that the
**                collector can release the ones that died
**   sub binary   [hdr(SUB_BIN, 3)] bit_size, bit_offset, orig
**                a slice of 'orig' (a heap or refc binary, never another
**                sub binary), starting 'bit_offset' bits in
** Heap and refc binaries are always whole bytes; a sub binary may be any
** number of bits. The match state of the bit syntax is
**   match ctx    [hdr(MATCH_CTX, 3)] pos_bits, end_bits, orig
** with 'orig' as for a sub binary and positions counted from its start.
** In the refc, sub and ctx objects, only the last word ('orig', or for refc
** none) is a term; the others are raw data.
*/
#ifndef SPORE_BIN_H
#define SPORE_BIN_H

#include "term.h"

struct Proc;

#define BIN_HEAP_MAX 64

typedef struct Binary {
    uint64_t refc;
    size_t cap;   /* bytes allocated in 'data' */
    uint8_t data[];
} Binary;

#define PB_WRITABLE 1u /* the binary may grow in place (bs_append) */
#define PB_ACTIVE 2u   /* a match or append is using it */

enum { REFC_SIZE = 1, REFC_BIN = 2, REFC_NEXT = 3, REFC_FLAGS = 4 }; /* word offsets */
enum { SUB_BITS = 1, SUB_OFFS = 2, SUB_ORIG = 3 };
enum { CTX_POS = 1, CTX_END = 2, CTX_ORIG = 3 };

Binary *bin_new(size_t cap);           /* refc 1 */
void bin_incref(Binary *b);
void bin_decref(Binary *b);            /* frees at zero */

/* A new binary of 'n' bytes on the heap of 'p' (heap or refc by size); its
   bytes are returned in '*data' for the caller to fill. */
term_t bin_make(struct Proc *p, size_t n, uint8_t **data);
term_t bin_from(struct Proc *p, const void *bytes, size_t n);

/* The bits of any bitstring: its base pointer, the bit offset of its
   first bit from 'base', and its size in bits. */
void bin_view(term_t t, const uint8_t **base, size_t *bit_offset, size_t *bit_size);

/* For a bitstring that is a whole number of bytes and starts on a byte
   boundary, its bytes; otherwise NULL. */
const uint8_t *bin_bytes(term_t t, size_t *n);
size_t bin_bit_size(term_t t);

/* ---- helpers shared by bits.c, ext.c and the binary BIFs ---- */

/* Words of a heap binary of 'n' bytes, header included. */
static inline size_t bin_heap_words(size_t n) { return 2 + (n + 7) / 8; }

/* Writes a refc binary object (5 words) at 'hp' for 'size' bytes of 'b',
   taking over the caller's reference, and chains it on '*offheap' unless
   'offheap' is NULL (literal area: never released). Never allocates. */
term_t bin_refc_at(term_t *hp, Binary *b, size_t size, uint32_t flags, term_t **offheap);

/* A slice of 'bit_size' bits of the bitstring 'bin' starting 'bit_offset'
   bits into it (the caller checked the bounds). Allocates on 'p'. */
term_t bin_sub(struct Proc *p, term_t bin, size_t bit_offset, size_t bit_size);

/* Copies 'n' bits from bit 'soff' of 'src' to bit 'doff' of 'dst'; the
   other bits of 'dst' are kept. */
void bin_copy_bits(uint8_t *dst, size_t doff, const uint8_t *src, size_t soff, size_t n);

/* Writable binaries (bits.c's in-place append): the bits written so far,
   kept beside the Binary; and resizing, which may move the Binary. */
uint64_t *bin_used_bits(Binary *b);
Binary *bin_resize(Binary *b, size_t cap);

/* Integers as bytes (bits.c, ext.c, binary:encode/decode_unsigned). */
typedef term_t *(*BinAllocFn)(void *ctx, size_t n);
/* The integer whose magnitude is the 'n' little-endian bytes at 'le', negated
   if 'neg': a small when it fits, else a normalised bignum in words from
   'alloc'. */
term_t bin_int_from_le(const uint8_t *le, size_t n, bool neg, BinAllocFn alloc, void *ctx);
/* An allocator for bin_int_from_le on the heap of the process 'ctx'. */
term_t *bin_proc_alloc(void *ctx, size_t n);
/* Bytes in the magnitude of the integer 'v' (0 for zero). */
size_t bin_int_mag_bytes(term_t v);
/* The low 'n' bytes of the two's complement of 'v', little-endian. */
void bin_int_to_le(term_t v, uint8_t *out, size_t n);

/* iolists (and bitstring lists when 'bits'): the size in bits of the
   concatenation of 't' (a list of bytes, bitstrings and such lists, whose
   tails may be bitstrings), or false if 't' is not one (or, without
   'bits', holds a bitstring that is not a binary). A bare bitstring is
   accepted; the callers that refuse it check first. Iterative: any depth. */
bool bin_iolist_bits(term_t t, bool bits, size_t *nbits);
/* Writes the concatenation of the valid iolist 't' at 'out' (bit 0). */
void bin_iolist_write(term_t t, uint8_t *out);

/* The bytes of 't' if it is a binary (a whole number of bytes), copied
   onto the heap of 'p' when they do not start on a byte boundary; NULL if
   't' is not a binary. */
const uint8_t *bin_data(struct Proc *p, term_t t, size_t *n);

#endif
