/*
** mem.c: the VM's allocation from the platform heap, and the fatal-error
** paths (vm_panic, vm_assert_fail). Allocation failure is never an Erlang
** error: it stops the VM.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plat.h"
#include "vm.h"

/*
** Small blocks (up to SMALL_MAX bytes, the bulk of what the VM allocates:
** process heaps of idle processes, messages, ETS objects, map nodes) come
** from size classes: 16 KiB chunks from malloc, carved by a bump pointer,
** with one free list per class, so that allocating and freeing them costs
** O(1) whatever the C library's malloc does (a first-fit list, in some,
** whose free walks every free block). Each block has an 8-byte header: its
** class, or for a large block (straight from malloc) its size. Chunks are
** never returned. The checks build skips the classes, so that the address
** sanitizer sees every block.
*/
#define SMALL_MAX 2048
#define CHUNK (16 * 1024)
#define NCLASS 24

static const uint32_t class_size[NCLASS] = {16, 32, 48, 64, 80, 96, 112, 128, 160, 192, 224, 256,
                                            320, 384, 448, 512, 640, 768, 896, 1024, 1280, 1536, 1792, 2048};
static uint8_t size_class[SMALL_MAX / 16 + 1]; /* (bytes + 15) / 16 -> class */
static void *free_list[NCLASS];
static uint8_t *bump, *bump_end;
static bool classes_ready;

static __attribute__((unused)) void classes_init(void)
{
    int c = 0;
    for (size_t i = 0; i <= SMALL_MAX / 16; i++) {
        while (class_size[c] < i * 16) c++;
        size_class[i] = (uint8_t)c;
    }
    classes_ready = true;
}

static __attribute__((unused)) void *carve(uint32_t size)
{
    if ((size_t)(bump_end - bump) < size) {
        /* what is left of the old chunk (less than one block) is lost */
        bump = malloc(CHUNK);
        if (VM_UNLIKELY(bump == NULL)) return NULL;
        bump_end = bump + CHUNK;
    }
    void *p = bump;
    bump += size;
    return p;
}

static __attribute__((unused)) void *small_alloc(size_t total)
{
    if (VM_UNLIKELY(!classes_ready)) classes_init();
    unsigned c = size_class[(total + 15) / 16];
    uint64_t *b = free_list[c];
    if (b) free_list[c] = *(void **)(b + 1);
    else if ((b = carve(class_size[c])) == NULL) return NULL;
    b[0] = c;
    return b + 1;
}

static void *block_alloc(size_t n)
{
#ifndef VM_CHECKS
    if (n + 8 <= SMALL_MAX) return small_alloc(n + 8);
#endif
    uint64_t *b = malloc(n + 8);
    if (VM_UNLIKELY(b == NULL)) return NULL;
    b[0] = (uint64_t)n << 8 | 0xff;
    return b + 1;
}

/* The usable size of a block. */
static size_t block_size(const uint64_t *b)
{
    return (b[0] & 0xff) == 0xff ? (size_t)(b[0] >> 8) : class_size[b[0]] - 8;
}

void *vm_alloc(size_t n)
{
    void *p = block_alloc(n);
    if (VM_UNLIKELY(p == NULL)) vm_panic("out of memory allocating %zu bytes", n);
    return p;
}

void *vm_zalloc(size_t n)
{
#ifndef VM_CHECKS
    if (n + 8 <= SMALL_MAX) {
        void *p = vm_alloc(n);
        memset(p, 0, n);
        return p;
    }
#endif
    /* calloc: fresh pages from the system need no zeroing */
    uint64_t *b = calloc(1, n + 8);
    if (VM_UNLIKELY(b == NULL)) vm_panic("out of memory allocating %zu bytes", n);
    b[0] = (uint64_t)n << 8 | 0xff;
    return b + 1;
}

#define PERM_CHUNK 4096

void *vm_perm_alloc(size_t n)
{
    n = (n + 7) & ~(size_t)7;
#ifndef VM_CHECKS
    static uint8_t *cur, *end;
    if (n <= PERM_CHUNK / 4) {
        if ((size_t)(end - cur) < n) {
            cur = vm_alloc(PERM_CHUNK); /* the rest of the last one is lost */
            end = cur + PERM_CHUNK;
        }
        void *p = cur;
        cur += n;
        return p;
    }
#endif
    return vm_alloc(n);
}

void vm_scrub(void)
{
    for (unsigned c = 0; c < NCLASS; c++)
        for (uint64_t *b = free_list[c]; b; b = *(void **)(b + 1))
            memset(b + 2, 0, class_size[c] - 16); /* the class and the link stay */
}

void vm_free(void *p)
{
    if (!p) return;
    uint64_t *b = (uint64_t *)p - 1;
    if ((b[0] & 0xff) == 0xff) {
        free(b);
        return;
    }
    unsigned c = (unsigned)b[0];
    *(void **)p = free_list[c];
    free_list[c] = b;
}

void *vm_realloc(void *p, size_t n)
{
    if (!p) return vm_alloc(n);
    uint64_t *b = (uint64_t *)p - 1;
    size_t old = block_size(b);
    if ((b[0] & 0xff) == 0xff && n + 8 > SMALL_MAX) {
        uint64_t *q = realloc(b, n + 8);
        if (VM_UNLIKELY(q == NULL)) vm_panic("out of memory reallocating %zu bytes", n);
        q[0] = (uint64_t)n << 8 | 0xff;
        return q + 1;
    }
    if ((b[0] & 0xff) != 0xff && n <= old && n + 8 > old / 2) return p; /* still fits its class */
    void *q = vm_alloc(n);
    memcpy(q, p, old < n ? old : n);
    vm_free(p);
    return q;
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
