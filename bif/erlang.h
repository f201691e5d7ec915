/*
** erlang.h: what the general BIF files (erlang*.c, lists.c,
** persistent_term.c, os.c) share: string conversions, the hash used by
** their tables, and the process dictionary's interface for process_info
** and the collector (erlang_misc.c documents its representation).
*/
#ifndef SPORE_BIF_ERLANG_H
#define SPORE_BIF_ERLANG_H

#include "../vm/compare.h"
#include "../vm/strbuf.h"
#include "bif.h"

/* ---- erlang_tuple.c: strings ---- */

/* Appends the UTF-8 encoding of the string 's' (a proper list of Unicode
   code points) to 'b'. Returns false, leaving 'b' partly filled, if 's'
   is not one (an improper list, a non-integer, a surrogate, a value over
   0x10FFFF). '*nchars' (if not NULL) is set to the number of code points.
   Allocates only in 'b'. */
bool erlang_string_utf8(term_t s, StrBuf *b, size_t *nchars);

/* Appends the UTF-8 of one code point 'c' to 'b'; false if 'c' is not a
   Unicode scalar value. */
bool erlang_char_utf8(term_t c, StrBuf *b);

/* The list of code points of 'n' bytes of UTF-8 at 's' (malformed bytes
   become code points of their own value). Allocates on 'p'; never GCs. */
term_t erlang_utf8_list(Proc *p, const char *s, size_t n);

/* ---- erlang_time.c ---- */

/* bif_freeze: a restored copy takes the time offset from its boot's wall
   clock. */
void erlang_time_freeze(void);

/* ---- erlang_misc.c: a hash, and the process dictionary ---- */

/* A hash of 't' for hash tables keyed by exact equality: terms that are
   =:= hash the same. Never allocates. */
uint32_t erlang_term_hash(term_t t);

/* The dictionary of 'p' as a list of {Key, Value} tuples, built on the heap
   of 'on' (which may be 'p'; if not, the tuples are shared with 'p' and the
   caller copies the result before 'p' runs again). Never GCs. */
term_t erlang_dict_list(Proc *p, Proc *on);

/* The number of keys in the dictionary of 'p'. */
size_t erlang_dict_size(Proc *p);

#endif
