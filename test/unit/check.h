/*
** check.h: what C unit tests share: CHECK, which counts a failure and says
** where, and Buf, a growing byte buffer for building test inputs.
*/
#ifndef SPORE_TEST_CHECK_H
#define SPORE_TEST_CHECK_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                            \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
        }                                                                                          \
    } while (0)

/* Bytes, with room for a NUL after them. */
typedef struct Buf {
    uint8_t *b;
    size_t n, cap;
} Buf;

static inline void put(Buf *w, const void *p, size_t n)
{
    if (w->n + n + 1 > w->cap) {
        while (w->n + n + 1 > w->cap)
            w->cap = w->cap ? w->cap * 2 : 64;
        w->b = realloc(w->b, w->cap);
    }
    if (n)
        memcpy(w->b + w->n, p, n);
    w->n += n;
}

#endif
