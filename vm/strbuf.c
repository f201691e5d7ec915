/*
** strbuf.c: growable NUL-terminated byte buffers (strbuf.h). The buffer
** doubles when full, so appending n bytes in pieces costs O(n).
*/
#include <stdio.h>
#include <string.h>

#include "strbuf.h"

void strbuf_init(StrBuf *b)
{
    b->cap = 64;
    b->len = 0;
    b->s = vm_alloc(b->cap);
    b->s[0] = '\0';
}

void strbuf_free(StrBuf *b)
{
    vm_free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

/* Room for 'n' more bytes and the terminating NUL. */
static void reserve(StrBuf *b, size_t n)
{
    if (b->s == NULL) strbuf_init(b);
    if (b->len + n + 1 <= b->cap) return;
    size_t cap = b->cap * 2;
    while (cap < b->len + n + 1) cap *= 2;
    b->s = vm_realloc(b->s, cap);
    b->cap = cap;
}

void strbuf_add(StrBuf *b, const char *s, size_t n)
{
    reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void strbuf_puts(StrBuf *b, const char *s)
{
    strbuf_add(b, s, strlen(s));
}

void strbuf_putc(StrBuf *b, char c)
{
    reserve(b, 1);
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
}

void strbuf_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}
