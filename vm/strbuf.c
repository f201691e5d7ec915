/*
** strbuf.c: growable NUL-terminated byte buffers (strbuf.h). The buffer
** doubles when full, so appending n bytes in pieces costs O(n).
*/
#include <stdio.h>
#include <string.h>

#include "plat.h"
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

void vm_say(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0) plat_console_write(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

void msg_vprintf(char *err, size_t errlen, const char *prefix, const char *fmt, va_list ap)
{
    if (errlen == 0) return;
    int n = snprintf(err, errlen, "%s", prefix);
    if (n < 0 || (size_t)n >= errlen) return;
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
}

const char *msg_name(char out[48], const char *name, size_t n)
{
    size_t k = n < 40 ? n : 40;
    for (size_t i = 0; i < k; i++)
        out[i] = name[i] >= 0x20 && name[i] < 0x7f ? name[i] : '?';
    if (k < n) {
        memcpy(out + k, "...", 3);
        k += 3;
    }
    out[k] = 0;
    return out;
}
