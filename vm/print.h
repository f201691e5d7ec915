/*
** print.h: terms as text, exactly as OTP 25's erlang:display/1 writes them
** (also used for crash reports). Printing never allocates on a process
** heap and handles terms of any depth.
*/
#ifndef SPORE_PRINT_H
#define SPORE_PRINT_H

#include "strbuf.h"
#include "term.h"

/* Appends the text of 't' to 'b' (no newline): atoms quoted when needed,
   printable lists as "strings", floats as %.6e, <0.N.0> pids,
   #Ref<0.0.0.N> references, #Fun<m.i.u> and fun m:f/a, #{k=>v} maps (a
   large map in OTP's trie form), <<1,2>> and <<"ab">> binaries, <<1:3>>
   bitstrings. */
void print_term(StrBuf *b, term_t t);

/* Appends an atom's name, quoted as print_term quotes it. */
void print_atom(StrBuf *b, term_t atom);

#endif
