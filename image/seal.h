/*
** seal.h: the header of the kernel's last load segment (xen/seal.c), where
** `spore build` seals the program image and a snapshot of the VM
** (tools/image_write.c), and which `spore boot` reads (tools/boot.c).
** Little-endian, x86-64.
**
** The segment is this header, then the image ('len' bytes) and, at the
** next 16-byte boundary, the snapshot's header (image/snapshot.h) and the
** VM's state as linked ('snap_len' bytes). As linked, both lengths are 0;
** `spore build` appends them to the file and grows the segment (p_filesz,
** p_memsz) to hold them and the snapshot's heap, which starts at the
** heap's floor.
*/
#ifndef SPORE_IMAGE_SEAL_H
#define SPORE_IMAGE_SEAL_H

#include <stdint.h>

#define SEAL_MAGIC "SPORESEG"

typedef struct SealedImage {
    char magic[8];               /* SEAL_MAGIC */
    uint64_t len;                /* the image's */
    uint64_t snap_len;           /* the snapshot's header and linked data: 0 for none */
    uint64_t reserved;
    uint8_t data[];
} SealedImage;

/* Where the snapshot's header starts, from the segment's start, after an
   image of 'len' bytes. */
static inline uint64_t seal_snap_offset(uint64_t len)
{
    return (sizeof(SealedImage) + len + 15) & ~(uint64_t)15;
}

#endif
