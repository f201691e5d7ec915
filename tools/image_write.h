/*
** image_write.h: encodes a program image (vm/image.h) for `spore build`.
*/
#ifndef SPORE_TOOLS_IMAGE_WRITE_H
#define SPORE_TOOLS_IMAGE_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ImageSpecFile {
    const char *name; /* base name: "lists.beam", "calc.app" */
    const uint8_t *data;
    size_t len;
    bool raw;         /* stored as it is even when the spec deflates */
} ImageSpecFile;

typedef struct ImageSpec {
    const char *service;
    const char *entry_module, *entry_function;
    const char *const *entry_args;
    size_t entry_argc;
    const char *const *boot_args;
    size_t boot_argc;
    uint32_t memory_mb;
    bool sealed;
    const char *const *channel_names; /* channel i: name and peer service */
    const char *const *channel_peers;
    size_t nchannels;
    const ImageSpecFile *files;
    size_t nfiles;
    bool deflate;       /* store each file deflated where that saves a tenth */
} ImageSpec;

/* Encodes 'spec' into a malloc'd buffer; 0, or -1 with a message. Files
   are sorted by name in the image; two with one name are an error. */
int image_encode(const ImageSpec *spec, uint8_t **out, size_t *len, char *err, size_t errlen);

/* Writes a kernel with the image sealed in: the kernel ELF at 'kernel'
   (build-xen/spore.elf), its last load segment (xen/seal.c's "SPORESEG"
   header) grown to hold 'image' and, when 'snap_len' is not 0, the VM
   snapshot 'snap' that xen/snap.c took of this kernel with this image: its
   header after the image, its heap at the heap's address, its state in
   place of the state segment's bytes. 0, or -1 with a message. */
int image_seal_kernel(const char *kernel, const uint8_t *image, size_t len, const uint8_t *snap,
                      size_t snap_len, const char *out, char *err, size_t errlen);

#endif
