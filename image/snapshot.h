/*
** snapshot.h: the header of a snapshot of the VM (the warm start of
** docs/usage.md). The kernel writes it when it takes a snapshot
** (xen/snap.c) and checks it at boot; `spore build` seals it into the
** kernel (tools/image_write.c), and `spore boot` checks the sums of an
** image before booting it (tools/boot.c). Little-endian, x86-64.
**
** A snapshot is this header, then the VM's state segment (link.ld:
** layout[2] to layout[4]), then 'heap_len' bytes of heap from 'heap_lo'.
** Sealed into a kernel, the header and the state segment's data as linked
** (layout[2] to layout[3]) follow the image; the state goes in place of the
** state segment's bytes, and the heap at its own address.
*/
#ifndef SPORE_IMAGE_SNAPSHOT_H
#define SPORE_IMAGE_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#define SNAP_MAGIC "SPORESNP"
#define SNAP_VERSION 4
#define SNAP_NLAYOUT 5

typedef struct SnapHeader {
    char magic[8];               /* SNAP_MAGIC */
    uint32_t version, header_size;
    uint64_t size;               /* the snapshot, this header included */
    uint64_t layout[SNAP_NLAYOUT]; /* which kernel: the ends of its code and
                                      read-only data, its state segment's
                                      start, the end of its data, its end */
    uint64_t heap_lo, heap_brk;
    uint64_t heap_len;           /* heap bytes stored; zeros from there to the break */
    uint64_t clock;              /* the VM's monotonic clock then, in ns */
    uint64_t data_sum;           /* SnapSum of the state, then the heap */
    uint64_t sum;                /* snap_header_sum */
} SnapHeader;

/* Four lanes of 64-bit words, two added and two xor-ed, the tail bytes
   into the first: cheap, and order-sensitive enough to tell a damaged
   copy. Add the parts in order; each part's length counts. */
typedef struct SnapSum {
    uint64_t l[4];
} SnapSum;

static inline void snap_sum_add(SnapSum *s, const uint8_t *p, size_t n)
{
    uint64_t a = s->l[0], b = s->l[1], c = s->l[2], d = s->l[3], w[4];
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __builtin_memcpy(w, p + i, 32); /* inlined, even freestanding */
        a += w[0];
        b ^= w[1];
        c += w[2];
        d ^= w[3];
    }
    for (; i < n; i++)
        a = (a << 7 | a >> 57) + p[i];
    s->l[0] = a, s->l[1] = b, s->l[2] = c, s->l[3] = d;
}

static inline uint64_t snap_sum_end(const SnapSum *s)
{
    return s->l[0] ^ (s->l[1] << 13 | s->l[1] >> 51) ^ (s->l[2] << 29 | s->l[2] >> 35) ^
           (s->l[3] << 41 | s->l[3] >> 23);
}

/* FNV-1a of the header's bytes before 'sum'. */
static inline uint64_t snap_header_sum(const SnapHeader *h)
{
    const uint8_t *p = (const uint8_t *)h;
    uint64_t s = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < offsetof(SnapHeader, sum); i++)
        s = (s ^ p[i]) * 0x100000001b3ULL;
    return s;
}

/* The header's own checks: magic, version, size and sum (what it names
   is the reader's to check). */
static inline int snap_header_ok(const SnapHeader *h)
{
    return __builtin_memcmp(h->magic, SNAP_MAGIC, 8) == 0 && h->version == SNAP_VERSION &&
           h->header_size == sizeof *h && h->sum == snap_header_sum(h);
}

#endif
