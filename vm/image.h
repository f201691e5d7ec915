/*
** image.h: the program image (app.spore), what `spore build` writes and the
** VM boots from: "SPOREIMG", a format version, the length of a manifest
** encoded with protocol buffers (image/manifest.proto, through nanopb), the
** manifest, then the files' bytes. The manifest names the entry point, the
** files (modules and .app files, with their offsets and sizes in the data
** that follows it), the memory the service wants, its boot arguments, its
** name and the channels it may open.
**
** image_open checks everything before it returns: a truncated or corrupt
** image gets a message naming what is wrong, never a crash. The image's
** bytes stay where they are (read-only in a sealed kernel); files are
** pointers into them, and a deflated file is inflated as it is read
** (image_read).
*/
#ifndef SPORE_IMAGE_H
#define SPORE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define IMAGE_MAGIC "SPOREIMG"
#define IMAGE_VERSION 2     /* written; 2 added deflated files */
#define IMAGE_VERSION_MIN 1 /* the oldest read */
/* The header: the magic, then the version and the manifest's length, each
   a u32 in little endian. The files' offsets count from the first byte
   after the manifest. */
#define IMAGE_HEADER_SIZE 16

/* Limits the reader enforces, and the writer (tools/image_write.c). */
#define IMAGE_MAX_NAME 255      /* bytes of a name: file, channel, peer, service, entry */
#define IMAGE_MAX_FILES 65536
#define IMAGE_MAX_ARGS 1024     /* entry arguments; boot arguments */
#define IMAGE_MAX_ARG 4096      /* bytes of one argument */
#define IMAGE_MAX_CHANNELS 1024
#define IMAGE_MAX_FILE (256u << 20) /* bytes of a file, inflated */

typedef struct ImageFile {
    const char *name; /* NUL-terminated copy, owned by the Image */
    const uint8_t *data;
    size_t len;       /* the file's length */
    size_t stored;    /* 0: 'data' is the file; else 'data' is 'stored' bytes
                         of zlib stream, which image_read inflates */
} ImageFile;

typedef struct ImageChannel {
    const char *name; /* the channel's name; the peer service */
    const char *peer;
} ImageChannel;

typedef struct Image {
    const uint8_t *bytes;
    size_t len;
    /* the manifest, decoded */
    char *service;
    char *entry_module, *entry_function; /* the entry point Mod:Fun(Args) */
    char **entry_args;                   /* strings, as -run passes them */
    uint32_t entry_argc;
    char **boot_args;                    /* erl-style VM arguments */
    uint32_t boot_argc;
    uint32_t memory_mb;
    bool sealed;                         /* no code loading from outside */
    ImageChannel *channels;
    uint32_t nchannels;
    ImageFile *files;                    /* sorted by name */
    uint32_t nfiles;
} Image;

/* True when 'bytes' starts with IMAGE_MAGIC (the image may still be bad). */
bool image_is(const uint8_t *bytes, size_t len);
/* Decodes and checks the image; 0, or -1 with a message in 'err'. */
int image_open(Image *im, const uint8_t *bytes, size_t len, char *err, size_t errlen);
void image_close(Image *im);
/* The file called 'name' (a base name such as "lists.beam"), or NULL. */
const ImageFile *image_find(const Image *im, const char *name);
/* The bytes of 'f': its data in place, or inflated into a buffer of the
   VM's (vm_alloc) handed back in '*owned' for the caller to free. NULL
   when a deflated file does not inflate to its length. */
const uint8_t *image_read(const ImageFile *f, uint8_t **owned);

#endif
