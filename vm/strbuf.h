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
/* Writes the formatted text to the console (plat_console_write). */
void vm_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Error messages of the readers of untrusted bytes (bundles, images):
   'prefix' then the message, into 'err' ('errlen' bytes, cut to fit). */
void msg_vprintf(char *err, size_t errlen, const char *prefix, const char *fmt, va_list ap);
/* A name fit for a message: its first 40 of 'n' bytes, each outside
   printable ASCII shown as '?', and "..." when it was cut. */
const char *msg_name(char out[48], const char *name, size_t n);

#endif
