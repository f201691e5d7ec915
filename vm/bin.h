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

#endif
