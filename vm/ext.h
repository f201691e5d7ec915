/*
** ext.h: the external term format (term_to_binary / binary_to_term), byte
** for byte as OTP 25 writes it. The decoder is safe on hostile input: any
** malformed, truncated or oversized data is rejected, never trusted.
*/
#ifndef SPORE_EXT_H
#define SPORE_EXT_H

#include "term.h"

struct Proc;

/* Where the decoder puts what it builds: 'alloc' returns 'n' words.
   'offheap' receives the refc binaries created (bin.h), or is NULL for the
   literal area (whose binaries are never released). */
typedef struct ExtAlloc {
    term_t *(*alloc)(void *ctx, size_t n);
    void *ctx;
    term_t **offheap;
} ExtAlloc;

/* Decodes one term (starting with the 131 version byte) from 'len' bytes.
   Returns the term and sets '*used' to the bytes consumed, or returns
   TERM_NONE on malformed input. 'safe': refuse to create new atoms.
   Handles compressed terms (tag 80) with zlib. */
term_t ext_decode(const uint8_t *buf, size_t len, size_t *used, const ExtAlloc *a, bool safe);

/* Decodes into the heap of 'p'. */
term_t ext_decode_proc(struct Proc *p, const uint8_t *buf, size_t len, size_t *used, bool safe);

/* Encodes 't' as term_to_binary(t, Opts) would: 'compressed' is the zlib
   level (0: none), 'minor' the minor_version (1 or 2). Returns a binary on
   the heap of 'p'. */
term_t ext_encode(struct Proc *p, term_t t, int compressed, int minor);

/* As ext_encode, with every map's keys in sorted order (the
   'deterministic' option). */
term_t ext_encode_det(struct Proc *p, term_t t, int compressed, int minor);

/* Size in bytes of the encoding (erlang:external_size). */
size_t ext_size(term_t t, int minor);

#endif
