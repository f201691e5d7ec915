/*
** md5.h: the MD5 message digest.
*/
#ifndef SPORE_MD5_H
#define SPORE_MD5_H

#include <stddef.h>
#include <stdint.h>

typedef struct Md5 {
    uint32_t h[4];
    uint8_t buf[64];
    uint64_t len;
} Md5;

void md5_init(Md5 *m);
void md5_update(Md5 *m, const uint8_t *p, size_t n);
void md5_final(Md5 *m, uint8_t out[16]);

#endif
