/*
** strbuf.h: a growable byte buffer, for printing terms and messages.
*/
#ifndef SPORE_STRBUF_H
#define SPORE_STRBUF_H

#include <stdarg.h>

#include "vm.h"

typedef struct StrBuf {
    char *s;        /* NUL-terminated; owned */
    size_t len, cap;
} StrBuf;

void strbuf_init(StrBuf *b);
void strbuf_free(StrBuf *b);
void strbuf_add(StrBuf *b, const char *s, size_t n);
void strbuf_puts(StrBuf *b, const char *s);
void strbuf_putc(StrBuf *b, char c);
void strbuf_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
