/*
** libc.c: what the C library (picolibc) asks of its platform: the standard
** streams, which write to the console, and _exit. The heap comes through
** sbrk (mm.c).
*/
#include <stdio.h>
#include <stdlib.h>

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
