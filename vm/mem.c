/*
** mem.c: the VM's allocation from the platform heap, and the fatal-error
** paths (vm_panic, vm_assert_fail). Allocation failure is never an Erlang
** error: it stops the VM.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "plat.h"
#include "vm.h"

void *vm_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (VM_UNLIKELY(p == NULL)) vm_panic("out of memory allocating %zu bytes", n);
    return p;
}

void *vm_zalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (VM_UNLIKELY(p == NULL)) vm_panic("out of memory allocating %zu bytes", n);
    return p;
}

void *vm_realloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (VM_UNLIKELY(q == NULL)) vm_panic("out of memory reallocating %zu bytes", n);
    return q;
}

void vm_free(void *p)
{
    free(p);
}

_Noreturn void vm_panic(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int n = snprintf(buf, sizeof buf, "spore: panic: ");
    va_start(ap, fmt);
    int m = vsnprintf(buf + n, sizeof buf - (size_t)n, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
    if (len > sizeof buf - 2) len = sizeof buf - 2;
    buf[len++] = '\n';
    buf[len] = '\0';
    plat_console_write(buf, len);
    plat_abort("vm_panic");
}

_Noreturn void vm_assert_fail(const char *what, const char *file, int line)
{
    vm_panic("assertion failed: %s (%s:%d)", what, file, line);
}
