/*
** fuzz_image.c: a libFuzzer target for the program image reader
** (vm/image.c). Each input is read twice: as it is, and as a manifest and
** data behind a good header (its first two bytes give the manifest's
** length), so that the runs reach the protobuf decoding without having to
** find the header first. A rejected input must carry a terminated message
** starting with "image: " and leave the Image empty. An accepted one must
** be consistent: names valid, sorted and unique, each file's bytes inside
** the input, image_find returning each file. A crash, hang, leak or
** sanitizer report is a bug in vm/image.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../vm/image.h"
#include "../../vm/vm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *why)
{
    fprintf(stderr, "fuzz_image: %s\n", why);
    abort();
}

static bool valid_text(const char *s, size_t max, bool empty_ok)
{
    size_t n = strnlen(s, max + 1);
    return n <= max && (empty_ok || n > 0);
}

static void check_accepted(const Image *im, const uint8_t *data, size_t size)
{
    if (!im->service || !valid_text(im->service, IMAGE_MAX_NAME, true))
        fail("a bad service name was accepted");
    if (!im->entry_module != !im->entry_function)
        fail("half an entry point was accepted");
    if (im->entry_module && (!valid_text(im->entry_module, IMAGE_MAX_NAME, false) ||
                             !valid_text(im->entry_function, IMAGE_MAX_NAME, false)))
        fail("a bad entry point was accepted");
    if (im->entry_argc > IMAGE_MAX_ARGS || im->boot_argc > IMAGE_MAX_ARGS)
        fail("too many arguments were accepted");
    for (uint32_t i = 0; i < im->entry_argc; i++)
        if (!valid_text(im->entry_args[i], IMAGE_MAX_ARG, true))
            fail("a bad entry argument was accepted");
    for (uint32_t i = 0; i < im->boot_argc; i++)
        if (!valid_text(im->boot_args[i], IMAGE_MAX_ARG, true))
            fail("a bad boot argument was accepted");
    if (im->nchannels > IMAGE_MAX_CHANNELS)
        fail("too many channels were accepted");
    for (uint32_t i = 0; i < im->nchannels; i++) {
        if (!valid_text(im->channels[i].name, IMAGE_MAX_NAME, false) ||
            !valid_text(im->channels[i].peer, IMAGE_MAX_NAME, false))
            fail("a bad channel was accepted");
        for (uint32_t j = 0; j < i; j++)
            if (strcmp(im->channels[i].name, im->channels[j].name) == 0)
                fail("two channels with one name were accepted");
    }
    if (im->nfiles > IMAGE_MAX_FILES)
        fail("too many files were accepted");
    for (uint32_t i = 0; i < im->nfiles; i++) {
        const ImageFile *f = &im->files[i];
        if (!valid_text(f->name, IMAGE_MAX_NAME, false) || strchr(f->name, '/'))
            fail("a bad file name was accepted");
        if (i > 0 && strcmp(im->files[i - 1].name, f->name) >= 0)
            fail("the files are not sorted, or two have one name");
        size_t stored = f->stored ? f->stored : f->len;
        if (f->data < data || stored > size || f->data > data + size - stored)
            fail("a file's bytes are outside the image");
        if (f->stored && f->len > f->stored * 1040 + 64)
            fail("a deflated file's length cannot be");
        uint8_t *owned;
        const uint8_t *got = image_read(f, &owned);
        if (got && !f->stored && got != f->data)
            fail("a stored file is not read in place");
        vm_free(owned);
        if (image_find(im, f->name) != f)
            fail("image_find does not return a file");
    }
}

static void one(const uint8_t *data, size_t size)
{
    Image im;
    char err[256] = "";
    if (image_open(&im, data, size, err, sizeof err) < 0) {
        size_t n = strnlen(err, sizeof err);
        if (n == 0 || n == sizeof err || strncmp(err, "image: ", 7) != 0)
            fail("rejected without a terminated \"image: \" message");
        if (im.files || im.nfiles || im.service || im.channels || im.boot_args || im.entry_args)
            fail("a rejected image is not left empty");
        return;
    }
    if (im.bytes != data || im.len != size)
        fail("the Image does not point at the input");
    check_accepted(&im, data, size);
    image_close(&im);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one(data, size);
    if (size < 2)
        return 0;
    /* The wrapped input: header, then the rest of the input. */
    size_t rest = size - 2, mlen = (size_t)data[0] | (size_t)data[1] << 8;
    if (mlen > rest)
        mlen = rest;
    uint8_t *w = malloc(IMAGE_HEADER_SIZE + rest);
    if (!w)
        return 0;
    memcpy(w, IMAGE_MAGIC, 8);
    uint8_t h[8] = {IMAGE_VERSION, 0, 0, 0, (uint8_t)mlen, (uint8_t)(mlen >> 8), 0, 0};
    memcpy(w + 8, h, 8);
    memcpy(w + IMAGE_HEADER_SIZE, data + 2, rest);
    one(w, IMAGE_HEADER_SIZE + rest);
    free(w);
    return 0;
}
