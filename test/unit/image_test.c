/*
** image_test.c: program images, written by tools/image_write.c and read by
** vm/image.c. A full image round-trips; manifests built byte by byte here
** (with a small protobuf writer of the test's own) test each check of the
** reader and its message; every truncation, every flipped byte and seeded
** random damage get a message or a consistent Image, never a crash; counts
** at and over the limits; the code loader's lookups, sealed or not; and
** sealing into ELF files made here, good and bad.
*/
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../tools/image_write.h"
#include "../../vm/code.h"
#include "../../image/snapshot.h"
#include "../../vm/image.h"
#include "../../vm/vm.h"
#include "check.h"

/* ---- a protobuf writer, independent of nanopb ---- */

static void varint(Buf *w, uint64_t v)
{
    do {
        uint8_t c = (uint8_t)(v & 0x7f);
        v >>= 7;
        if (v)
            c |= 0x80;
        put(w, &c, 1);
    } while (v);
}

enum { VARINT = 0, I64 = 1, LEN = 2, I32 = 5 };

static void tag(Buf *w, unsigned field, unsigned wt)
{
    varint(w, (uint64_t)field << 3 | wt);
}

static void f_bytes(Buf *w, unsigned field, const void *p, size_t n)
{
    tag(w, field, LEN);
    varint(w, n);
    put(w, p, n);
}

static void f_str(Buf *w, unsigned field, const char *s)
{
    f_bytes(w, field, s, strlen(s));
}

static void f_int(Buf *w, unsigned field, uint64_t v)
{
    tag(w, field, VARINT);
    varint(w, v);
}

/* Appends 'm' as field 'field' and empties it. */
static void f_msg(Buf *w, unsigned field, Buf *m)
{
    f_bytes(w, field, m->b, m->n);
    free(m->b);
    *m = (Buf){0};
}

/* A File message. */
static void file(Buf *manifest, const char *name, uint64_t offset, uint64_t size)
{
    Buf m = {0};
    if (name)
        f_str(&m, 1, name);
    f_int(&m, 2, offset);
    f_int(&m, 3, size);
    f_msg(manifest, 7, &m);
}

/* An image: the header, 'manifest' (freed), then 'dlen' bytes of data. */
static Buf image_of(Buf *manifest, const char *data, size_t dlen)
{
    Buf w = {0};
    uint8_t h[8] = {1, 0, 0, 0};
    for (int i = 0; i < 4; i++)
        h[4 + i] = (uint8_t)(manifest->n >> (8 * i));
    put(&w, IMAGE_MAGIC, 8);
    put(&w, h, 8);
    put(&w, manifest->b, manifest->n);
    put(&w, data, dlen);
    free(manifest->b);
    *manifest = (Buf){0};
    return w;
}

/* ---- checks ---- */

/* What every Image image_open accepted must satisfy. */
static void consistent(const Image *im, const uint8_t *bytes, size_t len, int line)
{
    bool ok = im->service && im->nfiles <= IMAGE_MAX_FILES && im->nchannels <= IMAGE_MAX_CHANNELS;
    for (uint32_t i = 0; ok && i < im->nfiles; i++) {
        const ImageFile *f = &im->files[i];
        size_t nl = strlen(f->name);
        ok = nl >= 1 && nl <= IMAGE_MAX_NAME && !strchr(f->name, '/') && f->data >= bytes &&
             f->len <= len && f->data <= bytes + len - f->len &&
             (i == 0 || strcmp(im->files[i - 1].name, f->name) < 0) && image_find(im, f->name) == f;
    }
    if (!ok) {
        failures++;
        printf("FAIL %s:%d: an accepted image is inconsistent\n", __FILE__, line);
    }
}

static void refused(const Buf *w, const char *want, int line)
{
    Image im;
    char err[256] = "";
    if (image_open(&im, w->b, w->n, err, sizeof err) == 0) {
        failures++;
        printf("FAIL %s:%d: accepted, wanted \"%s\"\n", __FILE__, line, want);
        image_close(&im);
        return;
    }
    if (strncmp(err, "image: ", 7) != 0 || !strstr(err, want)) {
        failures++;
        printf("FAIL %s:%d: message \"%s\", wanted \"%s\"\n", __FILE__, line, err, want);
    }
    if (im.files || im.service || im.nfiles || im.boot_args || im.entry_module) {
        failures++;
        printf("FAIL %s:%d: a refused image is not left empty\n", __FILE__, line);
    }
}
#define REFUSED(w, want) refused(w, want, __LINE__)

/* Builds an image of one manifest field list and expects 'want'. */
#define REFUSED_MANIFEST(m, data, want)                                                            \
    do {                                                                                           \
        Buf img_ = image_of(m, data, strlen(data));                                                \
        refused(&img_, want, __LINE__);                                                            \
        free(img_.b);                                                                              \
    } while (0)

static int opens(const Buf *w, Image *im)
{
    char err[256] = "";
    int rc = image_open(im, w->b, w->n, err, sizeof err);
    if (rc < 0)
        printf("  (image_open: %s)\n", err);
    return rc;
}

/* ---- round trip through image_encode ---- */

static const char *const ARGS[] = {"8080", "", "-x"};
static const char *const BOOT[] = {"-pa", "/x", "-calc", "colour", "blue"};
static const char *const CHAN_NAMES[] = {"db", "log"};
static const char *const CHAN_PEERS[] = {"store", "logger"};

static void test_round_trip(void)
{
    ImageSpecFile files[] = {
        {"lists.beam", (const uint8_t *)"LISTS", 5, false},
        {"calc.app", (const uint8_t *)"{application,calc,[]}.", 22, false},
        {"empty.beam", NULL, 0, false},
        {"calc.beam", (const uint8_t *)"CALC", 4, false},
    };
    ImageSpec spec = {.service = "calc",
                      .entry_module = "calc",
                      .entry_function = "main",
                      .entry_args = ARGS,
                      .entry_argc = 3,
                      .boot_args = BOOT,
                      .boot_argc = 5,
                      .memory_mb = 64,
                      .sealed = true,
                      .channel_names = CHAN_NAMES,
                      .channel_peers = CHAN_PEERS,
                      .nchannels = 2,
                      .files = files,
                      .nfiles = 4};
    uint8_t *b;
    size_t len;
    char err[256];
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) == 0, "%s", err);
    if (failures)
        return;
    CHECK(image_is(b, len) && !image_is(b, 7), "image_is");
    Image im;
    CHECK(image_open(&im, b, len, err, sizeof err) == 0, "%s", err);
    CHECK(strcmp(im.service, "calc") == 0 && im.memory_mb == 64 && im.sealed, "scalars");
    CHECK(strcmp(im.entry_module, "calc") == 0 && strcmp(im.entry_function, "main") == 0 &&
              im.entry_argc == 3 && strcmp(im.entry_args[0], "8080") == 0 &&
              strcmp(im.entry_args[1], "") == 0 && strcmp(im.entry_args[2], "-x") == 0,
          "entry");
    CHECK(im.boot_argc == 5 && strcmp(im.boot_args[4], "blue") == 0, "boot args");
    CHECK(im.nchannels == 2 && strcmp(im.channels[1].name, "log") == 0 &&
              strcmp(im.channels[1].peer, "logger") == 0,
          "channels");
    CHECK(im.nfiles == 4 && strcmp(im.files[0].name, "calc.app") == 0 &&
              strcmp(im.files[3].name, "lists.beam") == 0,
          "files sorted by name");
    consistent(&im, b, len, __LINE__);
    const ImageFile *f = image_find(&im, "calc.app");
    CHECK(f && f->len == 22 && memcmp(f->data, files[1].data, 22) == 0, "calc.app");
    f = image_find(&im, "empty.beam");
    CHECK(f && f->len == 0, "empty.beam");
    CHECK(!image_find(&im, "calc") && !image_find(&im, "") && !image_find(&im, "zz.beam"),
          "a missing file was found");
    image_close(&im);
    CHECK(im.files == NULL && im.nfiles == 0, "image_close leaves an empty Image");
    free(b);

    /* The least image: no entry, no files; the service is "". */
    ImageSpec none = {0};
    CHECK(image_encode(&none, &b, &len, err, sizeof err) == 0, "%s", err);
    CHECK(len == IMAGE_HEADER_SIZE, "an empty manifest is %zu bytes", len - IMAGE_HEADER_SIZE);
    CHECK(image_open(&im, b, len, err, sizeof err) == 0, "%s", err);
    CHECK(im.entry_module == NULL && im.service && im.service[0] == 0 && im.nfiles == 0 &&
              !image_find(&im, "x"),
          "the empty image");
    image_close(&im);
    free(b);
}

/* The writer refuses what the reader would, with the reader's words. */
static void test_encode_refuses(void)
{
    uint8_t *b = (uint8_t *)1;
    size_t len;
    char err[256] = "";
    ImageSpecFile two[] = {{"a.beam", (const uint8_t *)"1", 1, false},
                           {"a.beam", (const uint8_t *)"2", 1, false}};
    ImageSpec spec = {.files = two, .nfiles = 2};
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) < 0 && b == NULL &&
              strcmp(err, "image: two files named a.beam") == 0,
          "duplicate: %s", err);
    ImageSpecFile slash[] = {{"a/b.beam", (const uint8_t *)"1", 1, false}};
    spec = (ImageSpec){.files = slash, .nfiles = 1};
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) < 0 &&
              strcmp(err, "image: file 1: name 'a/b.beam' contains '/'") == 0,
          "slash: %s", err);
    ImageSpecFile empty[] = {{"", (const uint8_t *)"1", 1, false}};
    spec = (ImageSpec){.files = empty, .nfiles = 1};
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) < 0 && strstr(err, "file 1"), "%s", err);
    spec = (ImageSpec){.entry_module = "m"};
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) < 0 &&
              strcmp(err, "image: entry: no function") == 0,
          "entry: %s", err);
    spec = (ImageSpec){.entry_module = "m", .entry_function = ""};
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) < 0 &&
              strcmp(err, "image: entry: no function") == 0,
          "empty function: %s", err);
    static const char *const dup[] = {"a", "a"}, *const peers[] = {"p", "q"};
    spec = (ImageSpec){.channel_names = dup, .channel_peers = peers, .nchannels = 2};
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) < 0 &&
              strcmp(err, "image: channel 2 (a): same name as channel 1") == 0,
          "channels: %s", err);
    char longname[300];
    memset(longname, 'x', 256);
    longname[256] = 0;
    spec = (ImageSpec){.service = longname};
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) < 0 &&
              strcmp(err, "image: service name of 256 bytes (at most 255)") == 0,
          "service: %s", err);
}

/* ---- the header ---- */

static void test_header(void)
{
    Buf m = {0};
    file(&m, "a.beam", 0, 3);
    Buf good = image_of(&m, "abc", 3);
    Image im;
    CHECK(opens(&good, &im) == 0, "the good image");
    image_close(&im);

    Buf w = {0};
    put(&w, good.b, good.n);
    w.b[0] = 'X';
    REFUSED(&w, "not a program image (no SPOREIMG magic)");
    w.b[0] = 'S';
    w.b[8] = 3;
    REFUSED(&w, "format version 3 (this VM reads versions 1 to 2)");
    w.b[8] = 0;
    REFUSED(&w, "format version 0 (this VM reads versions 1 to 2)");
    w.b[8] = IMAGE_VERSION;
    w.b[12] = 200;
    REFUSED(&w, "truncated manifest (200 bytes, ");
    w.b[12] = 0xff, w.b[13] = 0xff, w.b[14] = 0xff, w.b[15] = 0xff;
    REFUSED(&w, "truncated manifest (4294967295 bytes, ");
    free(w.b);
    for (size_t n = 0; n < IMAGE_HEADER_SIZE; n++) {
        Buf t = {good.b, n, n};
        char want[64];
        snprintf(want, sizeof want, "truncated header (%zu of 16 bytes)", n);
        REFUSED(&t, want);
    }
    free(good.b);
}

/* Every prefix of a good image is refused with a message, and the ones
   that cut into the data name the file. */
static void test_every_truncation(void)
{
    ImageSpecFile files[] = {{"a.beam", (const uint8_t *)"aaaa", 4, false},
                             {"b.app", (const uint8_t *)"bbbbbb", 6, false},
                             {"c.beam", (const uint8_t *)"cc", 2, false}};
    ImageSpec spec = {
        .service = "s", .entry_module = "a", .entry_function = "f", .files = files, .nfiles = 3};
    uint8_t *b;
    size_t len;
    char err[256];
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) == 0, "%s", err);
    for (size_t n = 0; n < len; n++) {
        Buf t = {b, n, n};
        if (n >= len - 2)
            REFUSED(&t, "file 3 (c.beam): data beyond the end of the image");
        else if (n >= len - 8)
            REFUSED(&t, "file 2 (b.app): data beyond the end of the image");
        else if (n >= IMAGE_HEADER_SIZE)
            REFUSED(&t, "");
    }
    free(b);
}

/* Each check of the manifest, with its message. */
static void test_manifest_checks(void)
{
    Buf m = {0};
    char big[5000];
    memset(big, 'n', sizeof big);

    file(&m, "", 0, 0);
    REFUSED_MANIFEST(&m, "", "image: file 1: name is empty");
    big[256] = 0;
    file(&m, "ok.beam", 0, 0);
    file(&m, big, 0, 0);
    REFUSED_MANIFEST(&m, "", "image: file 2: name of 256 bytes (at most 255)");
    big[255] = 0;
    file(&m, big, 0, 0);
    {
        Buf img = image_of(&m, "", 0);
        Image im;
        CHECK(opens(&img, &im) == 0, "a name of 255 bytes");
        image_close(&im);
        free(img.b);
    }
    file(&m, "a/b", 0, 0);
    REFUSED_MANIFEST(&m, "", "image: file 1: name 'a/b' contains '/'");
    Buf f = {0};
    f_bytes(&f, 1, "a\0b", 3);
    f_msg(&m, 7, &f);
    REFUSED_MANIFEST(&m, "", "image: file 1: name contains a NUL byte");
    file(&m, NULL, 0, 0);
    REFUSED_MANIFEST(&m, "", "image: file 1: no name");
    file(&m, "a.beam", 0, 1);
    file(&m, "b.beam", 1, 1);
    file(&m, "a.beam", 0, 2);
    REFUSED_MANIFEST(&m, "ab", "image: file 3 (a.beam): same name as file 1");
    file(&m, "a.beam", 3, 0);
    REFUSED_MANIFEST(&m, "ab", "image: file 1 (a.beam): data beyond the end of the image");
    file(&m, "a.beam", 1, UINT64_MAX);
    REFUSED_MANIFEST(&m, "ab", "image: file 1 (a.beam): data beyond the end of the image");
    file(&m, "a.beam", UINT64_MAX, 2);
    REFUSED_MANIFEST(&m, "ab", "image: file 1 (a.beam): data beyond the end of the image");
    f_str(&f, 1, "x");
    f_str(&f, 1, "y");
    f_msg(&m, 7, &f);
    REFUSED_MANIFEST(&m, "", "image: file 1: name given twice");
    /* the wrong wire types */
    f_int(&f, 1, 7);
    f_msg(&m, 7, &f);
    REFUSED_MANIFEST(&m, "", "image: file 1: name: not a string (wrong wire type)");
    f_int(&m, 7, 1);
    REFUSED_MANIFEST(&m, "", "image: file 1: not a message (wrong wire type)");
    f_str(&m, 4, "64");
    REFUSED_MANIFEST(&m, "", "image: manifest: ");
    tag(&m, 1, 7);
    REFUSED_MANIFEST(&m, "", "image: manifest: ");
    /* a truncated varint, a length beyond the manifest */
    put(&m, "\x08\xff", 2);
    REFUSED_MANIFEST(&m, "", "image: manifest: ");
    tag(&m, 1, LEN);
    varint(&m, (uint64_t)1 << 62);
    REFUSED_MANIFEST(&m, "", "image: manifest: ");
    tag(&f, 1, LEN);
    varint(&f, 100);
    f_msg(&m, 7, &f);
    REFUSED_MANIFEST(&m, "", "image: file 1: ");

    /* the service, the entry, the arguments, the channels */
    f_str(&m, 1, "a");
    f_str(&m, 1, "b");
    REFUSED_MANIFEST(&m, "", "image: service name given twice");
    f_str(&f, 1, "m");
    f_msg(&m, 2, &f);
    REFUSED_MANIFEST(&m, "", "image: entry: no function");
    f_str(&f, 2, "f");
    f_msg(&m, 2, &f);
    REFUSED_MANIFEST(&m, "", "image: entry: no module");
    f_str(&f, 1, "m");
    f_str(&f, 2, "");
    f_msg(&m, 2, &f);
    REFUSED_MANIFEST(&m, "", "image: entry: function is empty");
    f_str(&f, 1, "m");
    f_str(&f, 2, "f");
    f_msg(&m, 2, &f);
    f_str(&f, 1, "m");
    f_str(&f, 2, "f");
    f_msg(&m, 2, &f);
    REFUSED_MANIFEST(&m, "", "image: entry given twice");
    f_str(&f, 1, "m");
    f_str(&f, 2, "f");
    f_str(&f, 3, "a");
    f_bytes(&f, 3, big, 4097);
    f_msg(&m, 2, &f);
    REFUSED_MANIFEST(&m, "", "image: entry argument 2 of 4097 bytes (at most 4096)");
    f_str(&m, 3, "-x");
    f_bytes(&m, 3, "a\0", 2);
    REFUSED_MANIFEST(&m, "", "image: boot argument 2 contains a NUL byte");
    f_str(&f, 1, "c");
    f_msg(&m, 6, &f);
    REFUSED_MANIFEST(&m, "", "image: channel 1 (c): no peer");
    f_str(&f, 2, "p");
    f_msg(&m, 6, &f);
    REFUSED_MANIFEST(&m, "", "image: channel 1: no name");
    f_str(&f, 1, "c");
    f_str(&f, 2, "");
    f_msg(&m, 6, &f);
    REFUSED_MANIFEST(&m, "", "image: channel 1: peer is empty");
    for (int i = 0; i < 2; i++) {
        f_str(&f, 1, "c");
        f_str(&f, 2, "p");
        f_msg(&m, 6, &f);
    }
    REFUSED_MANIFEST(&m, "", "image: channel 2 (c): same name as channel 1");
    f_int(&m, 4, (uint64_t)1 << 40);
    REFUSED_MANIFEST(&m, "", "image: manifest: ");
    /* control characters in a name are not printed as they are */
    file(&m, "\x1b[2J", 0, 0);
    file(&m, "\x1b[2J", 0, 0);
    REFUSED_MANIFEST(&m, "", "image: file 2 (?[2J): same name as file 1");
}

/* Fields a newer writer may add are skipped, at each level. */
static void test_unknown_fields(void)
{
    Buf m = {0}, f = {0}, e = {0};
    f_int(&m, 99, 12345);
    f_str(&m, 100, "later");
    tag(&m, 101, I32);
    put(&m, "abcd", 4);
    tag(&m, 102, I64);
    put(&m, "abcdefgh", 8);
    f_str(&f, 1, "a.beam");
    f_int(&f, 2, 0);
    f_int(&f, 3, 2);
    f_str(&f, 9, "checksum");
    f_int(&f, 10, 1);
    f_msg(&m, 7, &f);
    f_str(&e, 1, "a");
    f_int(&e, 4, 3);
    f_str(&e, 2, "main");
    f_msg(&m, 2, &e);
    f_int(&m, 4, 128);
    f_int(&m, 5, 1);
    Buf img = image_of(&m, "xy", 2);
    Image im;
    CHECK(opens(&img, &im) == 0, "unknown fields were not skipped");
    CHECK(im.nfiles == 1 && im.files[0].len == 2 && im.memory_mb == 128 && im.sealed &&
              strcmp(im.entry_function, "main") == 0,
          "the known fields");
    image_close(&im);
    free(img.b);
}

/* Counts at the limits are accepted and one more is refused; a count no
   manifest could hold costs nothing. */
static void test_counts(void)
{
    Buf m = {0};
    char name[16];
    for (int i = 0; i < IMAGE_MAX_FILES; i++) {
        snprintf(name, sizeof name, "%05x", (unsigned)(i * 7919) % IMAGE_MAX_FILES);
        file(&m, name, 0, 0);
    }
    Buf w = image_of(&m, "", 0);
    Image im;
    CHECK(opens(&w, &im) == 0, "%d files", IMAGE_MAX_FILES);
    consistent(&im, w.b, w.n, __LINE__);
    CHECK(image_find(&im, "00000") && image_find(&im, "0ffff") && !image_find(&im, "10000"),
          "find among many");
    image_close(&im);
    free(w.b);

    for (int i = 0; i <= IMAGE_MAX_FILES; i++) {
        snprintf(name, sizeof name, "%d", i);
        file(&m, name, 0, 0);
    }
    REFUSED_MANIFEST(&m, "", "image: more than 65536 files");
    for (int i = 0; i <= IMAGE_MAX_ARGS; i++)
        f_str(&m, 3, "a");
    REFUSED_MANIFEST(&m, "", "image: more than 1024 boot arguments");
    Buf e = {0};
    f_str(&e, 1, "m");
    f_str(&e, 2, "f");
    for (int i = 0; i <= IMAGE_MAX_ARGS; i++)
        f_str(&e, 3, "");
    f_msg(&m, 2, &e);
    REFUSED_MANIFEST(&m, "", "image: more than 1024 entry arguments");
    for (int i = 0; i <= IMAGE_MAX_CHANNELS; i++) {
        Buf c = {0};
        snprintf(name, sizeof name, "c%d", i);
        f_str(&c, 1, name);
        f_str(&c, 2, "p");
        f_msg(&m, 6, &c);
    }
    REFUSED_MANIFEST(&m, "", "image: more than 1024 channels");
}

/* Every byte of a good image flipped, then seeded random damage: each
   result is refused with a message or opens consistently. */
static void test_damage(void)
{
    ImageSpecFile files[] = {{"a.beam", (const uint8_t *)"aaaa", 4, false},
                             {"b.app", (const uint8_t *)"bbbbbb", 6, false}};
    ImageSpec spec = {.service = "s",
                      .entry_module = "a",
                      .entry_function = "f",
                      .entry_args = ARGS,
                      .entry_argc = 3,
                      .boot_args = BOOT,
                      .boot_argc = 5,
                      .channel_names = CHAN_NAMES,
                      .channel_peers = CHAN_PEERS,
                      .nchannels = 2,
                      .files = files,
                      .nfiles = 2};
    uint8_t *b;
    size_t len;
    char err[256];
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) == 0, "%s", err);
    uint8_t *c = malloc(len);
    int accepted = 0, refused_n = 0;
    uint32_t seed = 12345;
    for (size_t round = 0; round < len + 20000; round++) {
        memcpy(c, b, len);
        if (round < len) {
            c[round] ^= 0xff;
        } else {
            for (int k = 0; k < 4; k++) {
                seed = seed * 1103515245u + 12345u;
                size_t at = IMAGE_HEADER_SIZE + (seed >> 8) % (len - IMAGE_HEADER_SIZE);
                seed = seed * 1103515245u + 12345u;
                c[at] = (uint8_t)(seed >> 16);
            }
        }
        Image im;
        err[0] = 0;
        if (image_open(&im, c, len, err, sizeof err) == 0) {
            consistent(&im, c, len, __LINE__);
            image_close(&im);
            accepted++;
        } else {
            CHECK(strncmp(err, "image: ", 7) == 0, "round %zu: message \"%s\"", round, err);
            refused_n++;
        }
    }
    CHECK(refused_n > 0 && accepted > 0, "damage: %d accepted, %d refused", accepted, refused_n);
    free(c);
    free(b);
}

/* A message cut to the size of the caller's buffer is still terminated. */
static void test_small_err(void)
{
    Buf m = {0};
    file(&m, "a.beam", 9, 9);
    Buf w = image_of(&m, "", 0);
    Image im;
    char err[12];
    memset(err, 'z', sizeof err);
    CHECK(image_open(&im, w.b, w.n, err, sizeof err) < 0 && memchr(err, 0, sizeof err),
          "an unterminated message");
    CHECK(image_open(&im, w.b, w.n, NULL, 0) < 0, "no room for a message");
    free(w.b);
}

/* The code loader reads from the image before the code path, and from the
   image only when it is sealed. The test runs in the source tree, where
   test/unit holds this file. */
static void test_code_path(void)
{
    ImageSpecFile files[] = {{"x.app", (const uint8_t *)"{application,x,[]}.", 19, false}};
    ImageSpec spec = {.files = files, .nfiles = 1};
    uint8_t *b;
    size_t len;
    char err[256];
    Image im;
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) == 0, "%s", err);
    CHECK(image_open(&im, b, len, err, sizeof err) == 0, "%s", err);
    code_path_add("test/unit", false);
    code_use_image(&im);
    const uint8_t *data = NULL;
    uint8_t *owned = (uint8_t *)1;
    size_t n = 0;
    CHECK(code_path_read("x.app", 5, &data, &n, &owned), "x.app not read from the image");
    CHECK(owned == NULL && n == 19 && data > b && data < b + len, "x.app not read in place");
    CHECK(!code_path_read("x.ap", 4, &data, &n, &owned), "a prefix was found");
    CHECK(code_path_read("image_test.c", 12, &data, &n, &owned) && owned,
          "an unsealed image hides the code path");
    vm_free(owned);
    im.sealed = true;
    CHECK(!code_path_read("image_test.c", 12, &data, &n, &owned),
          "a sealed image let the code path be read");
    CHECK(code_path_read("x.app", 5, &data, &n, &owned), "x.app not read from a sealed image");
    code_use_image(NULL);
    CHECK(!code_path_read("x.app", 5, &data, &n, &owned), "x.app read without the image");
    image_close(&im);
    free(b);
}

/* Deflated files: stored deflated where that pays, read back inflated,
   refused when their lengths cannot be, and not found when corrupt. */
static void test_deflate(void)
{
    static uint8_t text[4096], noise[4096];
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (uint8_t)"-module(x).\n"[i % 13];
    uint32_t r = 12345;
    for (size_t i = 0; i < sizeof noise; i++) {
        r = r * 1103515245u + 12345u;
        noise[i] = (uint8_t)(r >> 16);
    }
    ImageSpecFile files[] = {{"a.beam", text, sizeof text, false},
                             {"b.beam", text, sizeof text, true},
                             {"c.beam", noise, sizeof noise, false},
                             {"d.app", text, 40, false}};
    ImageSpec spec = {.files = files, .nfiles = 4, .deflate = true};
    uint8_t *b;
    size_t len;
    char err[256];
    Image im;
    CHECK(image_encode(&spec, &b, &len, err, sizeof err) == 0, "%s", err);
    CHECK(len < 3 * sizeof text + 1024, "a.beam was not deflated (%zu bytes)", len);
    CHECK(image_open(&im, b, len, err, sizeof err) == 0, "%s", err);
    if (failures)
        return;
    const ImageFile *a = image_find(&im, "a.beam"), *bf = image_find(&im, "b.beam"),
                    *c = image_find(&im, "c.beam"), *d = image_find(&im, "d.app");
    CHECK(a && a->stored && a->stored < 200 && a->len == sizeof text, "a.beam: stored %zu",
          a ? a->stored : 0);
    CHECK(bf && !bf->stored && c && !c->stored && d && !d->stored,
          "a raw, an incompressible or a small file was deflated");
    uint8_t *owned;
    const uint8_t *got = image_read(a, &owned);
    CHECK(got && owned == got && memcmp(got, text, sizeof text) == 0, "a.beam does not inflate");
    vm_free(owned);
    got = image_read(c, &owned);
    CHECK(got == c->data && owned == NULL, "c.beam is not read in place");

    code_use_image(&im);
    size_t n = 0;
    CHECK(code_path_read("a.beam", 6, &got, &n, &owned) && owned && n == sizeof text &&
              memcmp(got, text, n) == 0,
          "code_path_read of a deflated file");
    vm_free(owned);
    /* a corrupt stream: not found (with a message), no crash */
    uint8_t *z = (uint8_t *)a->data;
    z[a->stored / 2] ^= 0x55;
    CHECK(image_read(a, &owned) == NULL && owned == NULL, "a corrupt stream inflated");
    CHECK(!code_path_read("a.beam", 6, &got, &n, &owned), "a corrupt file was read");
    code_use_image(NULL);
    image_close(&im);
    free(b);

    /* lengths that cannot be, and deflated files in a version 1 image */
    Buf m = {0};
    Buf f = {0};
    f_str(&f, 1, "x.beam");
    f_int(&f, 2, 0);
    f_int(&f, 3, 100000);
    f_int(&f, 4, 10);
    f_msg(&m, 7, &f);
    Buf w = image_of(&m, "0123456789", 10);
    w.b[8] = 2;
    REFUSED(&w, "file 1 (x.beam): its length is impossible for its deflated bytes");
    w.b[8] = 1;
    REFUSED(&w, "file 1 (x.beam): deflated in a version 1 image");
    free(w.b);
    f_str(&f, 1, "x.beam");
    f_int(&f, 2, 4);
    f_int(&f, 3, 20);
    f_int(&f, 4, 10);
    f_msg(&m, 7, &f);
    w = image_of(&m, "0123456789", 10);
    w.b[8] = 2;
    REFUSED(&w, "file 1 (x.beam): data beyond the end of the image");
    free(w.b);
}

/* ---- sealing into an ELF file ---- */

#define EX_PHNUM 3
#define EX_SHNUM 3
#define EX_STATE 0x180000

/* A small kernel-like ELF: a code segment, the "SPORESEG" segment at
   'seal_vaddr', the VM's state segment at EX_STATE, and sections (null, .spore_image, .shstrtab). */
static Buf make_elf(uint64_t seal_vaddr, uint64_t text_vaddr)
{
    static const char strtab[] = "\0.spore_image\0.shstrtab";
    Buf w = {0};
    Elf64_Ehdr eh = {0};
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = EM_X86_64;
    eh.e_version = EV_CURRENT;
    eh.e_entry = text_vaddr;
    eh.e_phoff = sizeof eh;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = EX_PHNUM;
    eh.e_shentsize = sizeof(Elf64_Shdr);
    eh.e_shnum = EX_SHNUM;
    eh.e_shstrndx = 2;
    eh.e_shoff = 0x3000;
    Elf64_Phdr ph[EX_PHNUM] = {
        {PT_LOAD, PF_R | PF_X, 0x1000, text_vaddr, text_vaddr, 4, 4, 0x1000},
        {PT_LOAD, PF_R, 0x2000, seal_vaddr, seal_vaddr, 32, 32, 0x1000},
        /* the VM's state segment (xen/link.ld): 16 bytes of data, then bss */
        {PT_LOAD, PF_R | PF_W, 0x2400, EX_STATE, EX_STATE, 16, 0x800, 0x1000},
    };
    Elf64_Shdr sh[EX_SHNUM] = {
        {0},
        {1, SHT_PROGBITS, SHF_ALLOC, seal_vaddr, 0x2000, 32, 0, 0, 16, 0},
        {14, SHT_STRTAB, 0, 0, 0x2800, sizeof strtab, 0, 0, 1, 0},
    };
    size_t size = 0x3000 + sizeof sh;
    w.b = calloc(1, size + 1);
    w.n = w.cap = size;
    memcpy(w.b, &eh, sizeof eh);
    memcpy(w.b + sizeof eh, ph, sizeof ph);
    memcpy(w.b + 0x1000, "\xf4\xf4\xf4\xf4", 4);
    memcpy(w.b + 0x2000, "SPORESEG", 8);
    memcpy(w.b + 0x2400, "PRISTINE-DATA-16", 16);
    memcpy(w.b + 0x2800, strtab, sizeof strtab);
    memcpy(w.b + 0x3000, sh, sizeof sh);
    return w;
}

static void write_buf(const char *path, const Buf *w)
{
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(w->b, 1, w->n, f) == w->n, "cannot write %s", path);
    if (f)
        fclose(f);
}

static Buf read_buf(const char *path)
{
    Buf w = {0};
    FILE *f = fopen(path, "rb");
    char chunk[4096];
    size_t k;
    while (f && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
        put(&w, chunk, k);
    if (f)
        fclose(f);
    return w;
}

/* Sealing "img" (and 'snap_len' bytes of 'snap') into 'in' is refused
   with a message holding 'want', and no file is written. */
static void seal_refused(const char *in, const char *out, const uint8_t *snap, size_t snap_len,
                         const char *want, int line)
{
    char err[256] = "";
    remove(out);
    if (image_seal_kernel(in, (const uint8_t *)"img", 3, snap, snap_len, out, err, sizeof err) == 0 ||
        strncmp(err, "image: ", 7) != 0 || !strstr(err, want)) {
        failures++;
        printf("FAIL %s:%d: message \"%s\", wanted \"%s\"\n", __FILE__, line, err, want);
    }
    FILE *f = fopen(out, "rb");
    if (f) {
        failures++;
        printf("FAIL %s:%d: a refused seal wrote its output\n", __FILE__, line);
        fclose(f);
    }
}

static void sealed_refused(const char *in, const char *out, const char *want, int line)
{
    seal_refused(in, out, NULL, 0, want, line);
}

/* A snapshot of make_elf's kernel (image/snapshot.h): the header, the
   state segment's page, 0x20 bytes of heap at 'heap_lo'. */
static Buf snapshot_for(uint64_t heap_lo)
{
    Buf b = {0};
    SnapHeader h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SNAP_MAGIC, 8);
    h.version = SNAP_VERSION;
    h.header_size = sizeof h;
    h.size = sizeof h + 0x1000 + 0x20;
    uint64_t layout[SNAP_NLAYOUT] = {0x101000, 0x102000, EX_STATE, EX_STATE + 16,
                                     EX_STATE + 0x1000};
    memcpy(h.layout, layout, sizeof layout);
    h.heap_lo = heap_lo;
    h.heap_brk = heap_lo + 0x100;
    h.heap_len = 0x20;
    uint8_t body[0x1000 + 0x20];
    for (size_t i = 0; i < sizeof body; i++)
        body[i] = (uint8_t)(i < 0x1000 ? i * 7 + 1 : 0xa0 + i);
    SnapSum sum = {{0, 0, 0, 0}};
    snap_sum_add(&sum, body, sizeof body);
    h.data_sum = snap_sum_end(&sum);
    h.sum = snap_header_sum(&h);
    put(&b, &h, sizeof h);
    put(&b, body, sizeof body);
    return b;
}

/* Seals 'snap' with the u64 at byte 'at' set to 'v' (the header's sum made
   again) or, with 'at' 0, its byte 'v' flipped, and cut to 'n' bytes:
   refused with 'want', no file written. */
static void snapshot_refused(const char *in, const char *out, const Buf *snap, size_t at, uint64_t v,
                             size_t n, const char *want, int line)
{
    uint8_t *b = malloc(snap->n);
    memcpy(b, snap->b, snap->n);
    if (at) {
        SnapHeader h;
        memcpy(b + at, &v, 8);
        memcpy(&h, b, sizeof h);
        h.sum = snap_header_sum(&h);
        memcpy(b, &h, sizeof h);
    } else if (v) {
        b[v] ^= 0x40;
    }
    seal_refused(in, out, b, n, want, line);
    free(b);
}

static void test_seal(void)
{
    char in[64], out[64], again[64];
    snprintf(in, sizeof in, "/tmp/image_test.%d.elf", (int)getpid());
    snprintf(out, sizeof out, "/tmp/image_test.%d.xen", (int)getpid());
    snprintf(again, sizeof again, "/tmp/image_test.%d.2.xen", (int)getpid());
    /* the file ends at 0x30c0, within a page: the image starts at 0x4000 */
    Buf k = make_elf(0x1a2345000, 0x100000);
    write_buf(in, &k);
    static const uint8_t img[] = "SPOREIMG-not-really";
    char err[256];
    CHECK(image_seal_kernel(in, img, sizeof img, NULL, 0, out, err, sizeof err) == 0, "%s", err);
    Buf s = read_buf(out);
    Elf64_Phdr ph;
    Elf64_Shdr sh;
    memcpy(&ph, s.b + sizeof(Elf64_Ehdr) + sizeof ph, sizeof ph);
    memcpy(&sh, s.b + 0x3000 + sizeof sh, sizeof sh);
    uint64_t l, sl;
    CHECK(ph.p_offset >= k.n && ph.p_offset % 0x1000 == ph.p_vaddr % 0x1000 &&
              ph.p_filesz == 32 + sizeof img && ph.p_memsz == ph.p_filesz &&
              ph.p_offset + ph.p_filesz == s.n,
          "the segment: offset %#llx, size %#llx, file %#zx", (unsigned long long)ph.p_offset,
          (unsigned long long)ph.p_filesz, s.n);
    if (ph.p_offset + 32 + sizeof img <= s.n) {
        memcpy(&l, s.b + ph.p_offset + 8, 8);
        memcpy(&sl, s.b + ph.p_offset + 16, 8);
        CHECK(memcmp(s.b + ph.p_offset, "SPORESEG", 8) == 0 && l == sizeof img && sl == 0 &&
                  memcmp(s.b + ph.p_offset + 32, img, sizeof img) == 0,
              "the sealed bytes");
    }
    CHECK(sh.sh_offset == ph.p_offset && sh.sh_size == ph.p_filesz, "the section");
    CHECK(memcmp(s.b, k.b, 0x40) == 0 && memcmp(s.b + 0x1000, k.b + 0x1000, 0x2000) == 0,
          "the rest of the kernel changed");
    /* with a snapshot (xen/snap.c): its header and the linked data after
       the image, its heap at its address, its state in the state segment */
    uint64_t heap_lo = 0x1a2345000 + 0x2000;
    Buf snap = snapshot_for(heap_lo);
    CHECK(image_seal_kernel(in, img, sizeof img, snap.b, snap.n, again, err, sizeof err) == 0,
          "%s", err);
    Buf w = read_buf(again);
    if (w.n > 0x40 + 3 * sizeof(Elf64_Phdr)) {
        Elf64_Phdr wph, wst;
        memcpy(&wph, w.b + sizeof(Elf64_Ehdr) + sizeof wph, sizeof wph);
        memcpy(&wst, w.b + sizeof(Elf64_Ehdr) + 2 * sizeof wst, sizeof wst);
        CHECK(wph.p_offset == ph.p_offset && wph.p_filesz == 0x2000 + 0x20 &&
                  wph.p_memsz == 0x2000 + 0x100 && wst.p_filesz == 0x1000 && wst.p_memsz == 0x1000 &&
                  wst.p_offset % 0x1000 == 0 && wst.p_offset + 0x1000 == w.n,
              "the segments with a snapshot: sealed %#llx, state at %#llx size %#llx",
              (unsigned long long)wph.p_filesz, (unsigned long long)wst.p_offset,
              (unsigned long long)wst.p_filesz);
        if (wst.p_offset + 0x1000 == w.n && wph.p_offset + 0x2020 <= w.n) {
            uint64_t area = (32 + sizeof img + 15) & ~(uint64_t)15;
            memcpy(&sl, w.b + wph.p_offset + 16, 8);
            size_t hs = sizeof(SnapHeader);
        CHECK(sl == hs + 16 && memcmp(w.b + wph.p_offset + area, snap.b, hs) == 0 &&
                  memcmp(w.b + wph.p_offset + area + hs, "PRISTINE-DATA-16", 16) == 0 &&
                  memcmp(w.b + wph.p_offset + 0x2000, snap.b + hs + 0x1000, 0x20) == 0 &&
                  memcmp(w.b + wst.p_offset, snap.b + hs, 0x1000) == 0,
              "the sealed snapshot");
        }
    } else {
        CHECK(0, "no kernel written with a snapshot");
    }
    free(w.b);
    remove(again);
    /* a snapshot that does not fit this kernel or is cut */
    snapshot_refused(in, again, &snap, 0, 0, snap.n - 1, "the snapshot is malformed", __LINE__);
    snapshot_refused(in, again, &snap, 40, 0x170000, snap.n, "taken of another kernel", __LINE__);
    snapshot_refused(in, again, &snap, 48, EX_STATE + 32, snap.n, "taken of another kernel",
                     __LINE__);
    snapshot_refused(in, again, &snap, 64, 0x1a2345000, snap.n, "heap starts inside the image",
                     __LINE__);
    snapshot_refused(in, again, &snap, 64, heap_lo + 8, snap.n, "the snapshot is malformed",
                     __LINE__);
    snapshot_refused(in, again, &snap, 0, 1, snap.n, "the snapshot is malformed", __LINE__);
    snapshot_refused(in, again, &snap, 0, 88, snap.n, "the snapshot is malformed", __LINE__);
    snapshot_refused(in, again, &snap, 0, sizeof(SnapHeader) + 0x1000 + 3, snap.n,
                     "the snapshot is corrupt", __LINE__);
    snapshot_refused(in, again, &snap, 0, sizeof(SnapHeader) + 5, snap.n, "the snapshot is corrupt",
                     __LINE__);
    free(snap.b);
    /* sealed once, it is refused */
    sealed_refused(out, again, "already holds an image", __LINE__);
    free(s.b);

    sealed_refused("/nonexistent/kernel.elf", again, "cannot read /nonexistent/kernel.elf",
                   __LINE__);
    /* the SPORESEG segment below another */
    Buf low = make_elf(0x100000, 0x200000);
    write_buf(in, &low);
    sealed_refused(in, again, "not the last load segment", __LINE__);
    free(low.b);
    /* no SPORESEG */
    k.b[0x2000] = 'X';
    write_buf(in, &k);
    sealed_refused(in, again, "no load segment starts with SPORESEG", __LINE__);
    k.b[0x2000] = 'S';
    /* not x86-64, not ELF64, not ELF at all, truncated program headers */
    k.b[18] = EM_AARCH64;
    write_buf(in, &k);
    sealed_refused(in, again, "not an ELF64 x86-64 kernel", __LINE__);
    k.b[18] = EM_X86_64;
    k.b[EI_CLASS] = ELFCLASS32;
    write_buf(in, &k);
    sealed_refused(in, again, "not an ELF64 x86-64 kernel", __LINE__);
    k.b[EI_CLASS] = ELFCLASS64;
    Buf cut = {k.b, 100, 100};
    write_buf(in, &cut);
    sealed_refused(in, again, "not an ELF64 x86-64 kernel", __LINE__);
    cut.n = 10;
    write_buf(in, &cut);
    sealed_refused(in, again, "not an ELF64 x86-64 kernel", __LINE__);
    free(k.b);
    remove(in);
    remove(out);
}

int main(void)
{
    test_round_trip();
    test_encode_refuses();
    test_header();
    test_every_truncation();
    test_manifest_checks();
    test_unknown_fields();
    test_counts();
    test_damage();
    test_small_err();
    test_code_path();
    test_deflate();
    test_seal();
    if (failures)
        printf("image_test: %d failures\n", failures);
    else
        printf("image_test: ok\n");
    return failures != 0;
}
