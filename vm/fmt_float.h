/*
** fmt_float.h: floats as text exactly as OTP 25 writes them
** (float_to_list/1,2, the shortest form io_lib uses), and Erlang's float
** syntax for list_to_float/binary_to_float. Digits come from the C library
** (snprintf, strtod); only the layout is OTP's. The functions here never
** allocate on a process heap and raise nothing.
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

/* float_to_list(D): "%.20e", as "1.00000000000000000000e+00". At most 31
   bytes plus a NUL; returns the length. */
size_t fmt_float_classic(double d, char *buf);

/* float_to_list(D, [{scientific, N}]): "%.*e" with N taken as a C int.
   Returns the length, or -1 if the text needs FMT_FLOAT_BUF bytes or more. */
int fmt_float_scientific(double d, sint_t decimals, char *buf);

/* float_to_list(D, [{decimals, N}]) and with compact (trailing zeros of
   the fraction removed, one kept after the point). Returns the length, or
   -1 for a negative N or a text that needs FMT_FLOAT_BUF bytes or more. */
int fmt_float_decimals(double d, sint_t decimals, bool compact, char *buf);

/* The float written in s[0..n) in Erlang's syntax: an optional sign,
   digits, '.', digits, then optionally e or E, an optional sign and digits.
   False for any other text or a value too large for a double (a value too
   small reads as 0.0 or a subnormal). */
bool fmt_float_parse(const char *s, size_t n, double *out);

#endif
