/*
** hash.h: term hashes. The portable ones give exactly OTP's values for
** erlang:phash/2 and erlang:phash2/1,2 (pids, ports and references aside);
** the internal one places keys in large maps (map.c). None allocates on a
** process heap, GCs or raises; deep terms are walked with an explicit stack.
*/
#ifndef SPORE_HASH_H
#define SPORE_HASH_H

#include "term.h"

#define HASH_PHASH2_RANGE (1u << 27)   /* the range of erlang:phash2/1 */

/* erlang:phash2(t, range): a value in [0, range). 'range' 0 stands for
   2^32 (the full 32-bit hash). erlang:phash2(t) is
   hash_phash2(t, HASH_PHASH2_RANGE). */
uint32_t hash_phash2(term_t t, uint32_t range);

/* erlang:phash(t, range): a value in [1, range] for range > 0. 'range' 0
   stands for 2^32: the result is then the raw hash, to which the caller
   adds 1 in 64 bits (the answer may be 2^32). */
uint32_t hash_phash(term_t t, uint32_t range);

/* The hash that places 'key' in a large map at trie level 'level': the
   32-bit hash of the group of eight levels holding 'level' (salted with
   level / 8), whose nibble (level % 8) picks the slot. It follows OTP 25's
   internal map hash, so maps keyed by numbers, binaries, lists and tuples
   of those iterate in OTP's order. */
uint32_t hash_map_key(term_t key, uint32_t level);

/* The hashpjw value of an atom's name, as OTP's atom table computes it. */
uint32_t hash_atom(term_t atom);

#endif
