/*
** fmt_float.h: floats as text exactly as OTP 25 writes them
** (float_to_list/1,2, the shortest form io_lib uses), and Erlang's float
** syntax for list_to_float/binary_to_float. Digits are exact and reading is
** correctly rounded whatever the C library's printf and strtod do (they
** are asked only what every library gets right). The functions here never
** allocate on a process heap, never GC and raise nothing; they may use
** GMP's temporary memory. Every double given must be finite.
*/
#ifndef SPORE_FMT_FLOAT_H
#define SPORE_FMT_FLOAT_H

#include "vm.h"

/* Room for any result of the functions below, terminating NUL included
   (float_to_list/2 is badarg when its text would not fit). */
#define FMT_FLOAT_BUF 256

/* float_to_list(D, [short]): the shortest digits that read back as 'd',
   laid out as OTP does ("0.1", "1.0e10", "1.2345678901234568e17", "-0.0").
   'd' must be finite. Writes at most 32 bytes plus a NUL; returns the length. */
size_t fmt_float_shortest(double d, char *buf);

/* float_to_list(D) and FLOAT_EXT: "%.20e", as "1.00000000000000000000e+00",
   the digits of the exact value rounded half to even. At most 31 bytes
   plus a NUL; returns the length. */
size_t fmt_float_classic(double d, char *buf);

/* float_to_list(D, [{scientific, N}]): "%.*e" with N taken as a C int (a
   negative one means 6, as in C), digits exact as above. Returns the
   length, or -1 if the text needs FMT_FLOAT_BUF bytes or more. */
int fmt_float_scientific(double d, sint_t decimals, char *buf);

/* "%.*f" of 'd' with 'prec' decimals, digits exact as above. Returns the
   length, or -1 for a negative 'prec' or a text that needs FMT_FLOAT_BUF
   bytes or more. */
int fmt_float_fixed(double d, int prec, char *buf);

/* float_to_list(D, [{decimals, N}]) and with compact (trailing zeros of
   the fraction removed, one kept after the point): OTP's own rounding
   below 19 decimals and 2^53, fmt_float_fixed beyond. Returns the length, or
   -1 for a negative N or a text that needs FMT_FLOAT_BUF bytes or more. */
int fmt_float_decimals(double d, sint_t decimals, bool compact, char *buf);

/* The float written in s[0..n) in Erlang's syntax: an optional sign,
   digits, '.', digits, then optionally e or E, an optional sign and digits.
   The result is the nearest double, ties to even. False for any other
   text or a value too large for a double (a value too small reads as 0.0
   or a subnormal). May allocate temporary memory (never on a process
   heap). */
bool fmt_float_parse(const char *s, size_t n, double *out);

#endif
