/*
** bundle.h: the module bundle, every file a program needs (.beam, .app) in
** one image, for platforms without a file system. The code loader looks in
** the bundle before the code path (code.c). This header owns the format and
** its reader; `spore bundle` (tools/spore.c) writes it.
**
** Format v1, little endian:
**
**   "SPOREBN1"                 8 bytes of magic
**   u32 count, u32 reserved    reserved is 0
**   count entries, each:
**     u16 name length          1..255
**     name bytes               a plain file name: no '/', no NUL
**     u32 data length
**     data bytes
**
** Names are unique, and nothing follows the last entry. The reader checks
** all of this when the bundle is opened; after that, lookups cannot fail on
** the bytes. The API is kept to open, find, count and iterate so that the
** container can change without touching its users.
*/
#ifndef SPORE_BUNDLE_H
#define SPORE_BUNDLE_H

#include "vm.h"

#define BUNDLE_MAGIC "SPOREBN1"
#define BUNDLE_HEADER_SIZE 16
#define BUNDLE_MAX_NAME 255

typedef struct BundleEntry {
    const char *name; /* points into the bundle: 'name_len' bytes, no NUL after */
    size_t name_len;
    const uint8_t *data; /* points into the bundle */
    size_t len;
} BundleEntry;

typedef struct Bundle {
    uint32_t count;
    BundleEntry *entries; /* in the order of the file */
    uint32_t *by_name;    /* indices into 'entries', sorted by name */
} Bundle;

/* Checks the 'size' bytes at 'bytes' as a whole and indexes them. The
   entries point into 'bytes', which must outlive the Bundle and not change.
   Allocates the index (vm_alloc), in O(n log n) for n entries. Returns 0,
   or -1 with a message in 'err' such as "bundle: entry 3: truncated data"
   (entries are numbered from 1 in messages); on failure nothing is left to
   free. */
int bundle_open(Bundle *b, const uint8_t *bytes, size_t size, char *err, size_t errlen);

/* Frees the index; the bytes are the caller's. The Bundle is then empty. */
void bundle_close(Bundle *b);

/* Looks up the entry named 'name' (a C string) by binary search. On a hit
   sets '*data' (pointing into the bundle's bytes, not to be freed) and
   '*len' and returns true. Never allocates. */
bool bundle_find(const Bundle *b, const char *name, const uint8_t **data, size_t *len);

/* The number of entries, and entry 'i' (0 <= i < count) in file order. */
uint32_t bundle_count(const Bundle *b);
const BundleEntry *bundle_entry(const Bundle *b, uint32_t i);

#endif
