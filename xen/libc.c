/*
** libc.c: what the C library (picolibc) asks of its platform: the standard
** streams, which write to the console, and _exit. The heap comes through
** sbrk (mm.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel.h"

static int console_putc(char c, FILE *f) {
    (void)f;
    console_write(&c, 1);
    return (unsigned char)c;
}

static FILE console_stream = FDEV_SETUP_STREAM(console_putc, NULL, NULL, _FDEV_SETUP_WRITE);
FILE *const stdin = &console_stream;
FILE *const stdout = &console_stream;
FILE *const stderr = &console_stream;

/* abort(), assert() and a failed mini-gmp allocation end here. */
_Noreturn void _exit(int status) {
    kprintf("\nspore: crash: the C library stopped the kernel (status %d)\n", status);
    boot_shutdown(status ? status : 1, true);
}

/* picolibc 1.8's malloc (nano-malloc.h): a free chunk is its size (the
   word before it), then its link; the list is the library's own. */
typedef struct FreeChunk {
    struct FreeChunk *next;
} FreeChunk;
extern FreeChunk *__malloc_free_list;

void libc_scrub(void) {
    for (FreeChunk *c = __malloc_free_list; c; c = c->next) {
        size_t size = ((const size_t *)c)[-1]; /* the size word included */
        if (size > 2 * sizeof(size_t)) memset(c + 1, 0, size - 2 * sizeof(size_t));
    }
}
