/*
** bundle_test.c: the module bundle reader (vm/bundle.c). Good bundles open
** and every entry is found in place; each kind of malformed bundle is
** refused with its own message; every truncation and extension of a good
** bundle is refused; a large bundle indexes and looks up quickly. Also the
** code loader's use of a bundle before the code path (vm/code.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../vm/bundle.h"
#include "../../vm/code.h"
#include "check.h"

/* ---- a small writer, independent of the one in tools/spore.c ---- */

static void put_u16(Buf *w, uint32_t v)
{
    uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
    put(w, b, 2);
}

static void put_u32(Buf *w, uint32_t v)
{
    uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
    put(w, b, 4);
}

static void header(Buf *w, uint32_t count, uint32_t reserved)
{
    w->b = NULL;
    w->n = w->cap = 0;
    put(w, BUNDLE_MAGIC, 8);
    put_u32(w, count);
    put_u32(w, reserved);
}

static void entry(Buf *w, const char *name, size_t nl, const char *data, size_t dl)
{
    put_u16(w, (uint32_t)nl);
    put(w, name, nl);
    put_u32(w, (uint32_t)dl);
    put(w, data, dl);
}

static void entry_s(Buf *w, const char *name, const char *data)
{
    entry(w, name, strlen(name), data, strlen(data));
}

/* Opens the bytes expecting failure with 'want' in the message. */
static void refused(const Buf *w, const char *want, int line)
{
    Bundle b;
    char err[256] = "";
    int rc = bundle_open(&b, w->b, w->n, err, sizeof err);
    if (rc == 0) {
        printf("FAIL %s:%d: accepted, wanted \"%s\"\n", __FILE__, line, want);
        failures++;
        bundle_close(&b);
        return;
    }
    if (strncmp(err, "bundle: ", 8) != 0 || !strstr(err, want)) {
        printf("FAIL %s:%d: message \"%s\", wanted \"%s\"\n", __FILE__, line, err, want);
        failures++;
    }
    if (b.count != 0 || b.entries || b.by_name) {
        printf("FAIL %s:%d: a refused bundle is not left empty\n", __FILE__, line);
        failures++;
    }
}

#define REFUSED(w, want) refused(w, want, __LINE__)

static bool has(const Bundle *b, const char *name, const char *data)
{
    const uint8_t *d = NULL;
    size_t len = 0;
    return bundle_find(b, name, &d, &len) && len == strlen(data) && memcmp(d, data, len) == 0;
}

/* ---- good bundles ---- */

static void test_good(void)
{
    Buf w;
    Bundle b;
    char err[256];

    header(&w, 0, 0);
    CHECK(bundle_open(&b, w.b, w.n, err, sizeof err) == 0, "empty bundle: %s", err);
    CHECK(bundle_count(&b) == 0, "empty bundle count");
    const uint8_t *d;
    size_t len;
    CHECK(!bundle_find(&b, "lists.beam", &d, &len), "found in an empty bundle");
    bundle_close(&b);
    free(w.b);

    char longname[BUNDLE_MAX_NAME + 1];
    memset(longname, 'x', BUNDLE_MAX_NAME);
    longname[BUNDLE_MAX_NAME] = 0;
    header(&w, 5, 0);
    entry_s(&w, "lists.beam", "LISTS");
    entry_s(&w, "myapp.app", "{application, myapp, []}.");
    entry_s(&w, "empty.beam", "");
    entry_s(&w, longname, "long");
    entry_s(&w, "a", "A");
    CHECK(bundle_open(&b, w.b, w.n, err, sizeof err) == 0, "good bundle: %s", err);
    CHECK(bundle_count(&b) == 5, "count %u", bundle_count(&b));
    CHECK(has(&b, "lists.beam", "LISTS"), "lists.beam");
    CHECK(has(&b, "myapp.app", "{application, myapp, []}."), "myapp.app");
    CHECK(has(&b, "empty.beam", ""), "empty.beam");
    CHECK(has(&b, longname, "long"), "a name of 255 bytes");
    CHECK(has(&b, "a", "A"), "a");
    CHECK(!bundle_find(&b, "lists", &d, &len), "a prefix of a name");
    CHECK(!bundle_find(&b, "lists.beamx", &d, &len), "a name with more after it");
    CHECK(!bundle_find(&b, "", &d, &len), "the empty name");
    CHECK(!bundle_find(&b, "b", &d, &len), "a missing name");
    /* Iteration is in file order, and the data is in place. */
    const char *order[] = {"lists.beam", "myapp.app", "empty.beam", longname, "a"};
    for (uint32_t i = 0; i < bundle_count(&b); i++) {
        const BundleEntry *e = bundle_entry(&b, i);
        CHECK(e->name_len == strlen(order[i]) && memcmp(e->name, order[i], e->name_len) == 0,
              "entry %u out of order", i);
        CHECK(e->data > w.b && e->data + e->len <= w.b + w.n, "entry %u is not in place", i);
    }
    CHECK(bundle_find(&b, "lists.beam", &d, &len) && d == w.b + 16 + 2 + 10 + 4,
          "lists.beam's data is not where the file has it");
    bundle_close(&b);
    CHECK(bundle_count(&b) == 0, "closed bundle count");
    free(w.b);
}

/* ---- bad bundles, one kind each ---- */

static void test_bad_header(void)
{
    Buf w = {NULL, 0, 0};
    REFUSED(&w, "truncated header (0 of 16 bytes)");
    put(&w, "SPORE", 5);
    REFUSED(&w, "truncated header (5 of 16 bytes)");
    free(w.b);
    header(&w, 0, 0);
    w.n = 15;
    REFUSED(&w, "truncated header (15 of 16 bytes)");
    w.b[1] = 'X';
    w.n = 16;
    REFUSED(&w, "not a bundle");
    w.n = 3;
    REFUSED(&w, "not a bundle");
    free(w.b);
    header(&w, 0, 7);
    REFUSED(&w, "reserved header field is 7, not 0");
    free(w.b);
    header(&w, 0, 0);
    put(&w, "z", 1);
    REFUSED(&w, "1 stray bytes after the last entry");
    free(w.b);
}

static void test_bad_entries(void)
{
    Buf w;
    header(&w, 1, 0);
    REFUSED(&w, "entry 1: truncated name length");
    free(w.b);

    header(&w, 2, 0);
    entry_s(&w, "a.beam", "x");
    entry(&w, "", 0, "x", 1);
    REFUSED(&w, "entry 2: empty name");
    free(w.b);

    char big[300];
    memset(big, 'n', sizeof big);
    header(&w, 1, 0);
    entry(&w, big, 256, "x", 1);
    REFUSED(&w, "entry 1: name of 256 bytes (at most 255)");
    free(w.b);

    header(&w, 1, 0);
    put_u16(&w, 10);
    put(&w, "abc", 3);
    REFUSED(&w, "entry 1: truncated name");
    free(w.b);

    header(&w, 1, 0);
    entry_s(&w, "lib/lists.beam", "x");
    REFUSED(&w, "entry 1: name 'lib/lists.beam' contains '/'");
    free(w.b);

    header(&w, 1, 0);
    entry(&w, "a\0b", 3, "x", 1);
    REFUSED(&w, "entry 1: name 'a?b' contains a NUL byte");
    free(w.b);

    header(&w, 1, 0);
    put_u16(&w, 6);
    put(&w, "a.beam", 6);
    put(&w, "\1\0", 2);
    REFUSED(&w, "entry 1 (a.beam): truncated data length");
    free(w.b);

    header(&w, 3, 0);
    entry_s(&w, "a.beam", "aaaa");
    entry_s(&w, "b.beam", "bbbb");
    entry_s(&w, "c.beam", "cccc");
    w.n -= 2;
    REFUSED(&w, "entry 3 (c.beam): truncated data (4 bytes, 2 left)");
    free(w.b);
}

/* Lengths at the limits, stray bytes, names in messages. */
static void test_bad_lengths(void)
{
    Buf w;
    char big[300];

    /* A data length near 4 GiB must not wrap the position around. */
    header(&w, 2, 0);
    entry_s(&w, "a.beam", "aaaa");
    put_u16(&w, 1);
    put(&w, "b", 1);
    put_u32(&w, 0xFFFFFFFFu);
    put(&w, "bb", 2);
    REFUSED(&w, "entry 2 (b): truncated data (4294967295 bytes, 2 left)");
    free(w.b);

    /* A count no input could hold: refused before anything is allocated. */
    header(&w, 0xFFFFFFFFu, 0);
    entry_s(&w, "a.beam", "aaaa");
    REFUSED(&w, "entry 2: truncated name length");
    free(w.b);

    header(&w, 1, 0);
    entry_s(&w, "a.beam", "aaaa");
    put(&w, "\0\0", 2);
    REFUSED(&w, "2 stray bytes after the last entry");
    free(w.b);

    /* Non-printable bytes are shown as '?', long names are cut. */
    header(&w, 1, 0);
    entry(&w, "\n/\x7f", 3, "", 0);
    REFUSED(&w, "entry 1: name '?/?' contains '/'");
    free(w.b);
    memset(big, 'q', 60);
    big[59] = '/';
    header(&w, 1, 0);
    entry(&w, big, 60, "", 0);
    REFUSED(&w, "entry 1: name 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq...' contains '/'");
    free(w.b);
}

static void test_duplicates(void)
{
    Buf w;
    header(&w, 5, 0);
    entry_s(&w, "a.beam", "1");
    entry_s(&w, "b.beam", "2");
    entry_s(&w, "c.beam", "3");
    entry_s(&w, "b.beam", "4");
    entry_s(&w, "a.beam", "5");
    REFUSED(&w, "entry 4 (b.beam): same name as entry 2");
    free(w.b);

    header(&w, 2, 0);
    entry_s(&w, "x", "1");
    entry_s(&w, "x", "1");
    REFUSED(&w, "entry 2 (x): same name as entry 1");
    free(w.b);
}

/* Every proper prefix and every one-byte extension of a good bundle is
   refused with a message. */
static void test_every_truncation(void)
{
    Buf w;
    header(&w, 3, 0);
    entry_s(&w, "lists.beam", "some bytes");
    entry_s(&w, "e", "");
    entry_s(&w, "x.app", "{application,x,[]}.");
    size_t full = w.n;
    Bundle b;
    char err[256];
    for (size_t n = 0; n < full; n++) {
        err[0] = 0;
        int rc = bundle_open(&b, w.b, n, err, sizeof err);
        CHECK(rc < 0 && strncmp(err, "bundle: ", 8) == 0, "prefix of %zu bytes: rc %d, \"%s\"", n,
              rc, err);
        if (rc == 0)
            bundle_close(&b);
    }
    put(&w, "!", 1);
    CHECK(bundle_open(&b, w.b, w.n, err, sizeof err) < 0, "extension accepted");
    CHECK(bundle_open(&b, w.b, full, err, sizeof err) == 0, "full bundle: %s", err);
    bundle_close(&b);
    free(w.b);
}

/* The message fits whatever room it is given, always terminated. */
static void test_small_err(void)
{
    Buf w;
    header(&w, 1, 0);
    Bundle b;
    char err[12];
    memset(err, '#', sizeof err);
    CHECK(bundle_open(&b, w.b, w.n, err, 5) < 0, "accepted");
    CHECK(strlen(err) == 4, "message not cut to the room: \"%s\"", err);
    memset(err, '#', sizeof err);
    CHECK(bundle_open(&b, w.b, w.n, err, 11) < 0, "accepted");
    CHECK(strcmp(err, "bundle: en") == 0, "message not cut to the room: \"%s\"", err);
    memset(err, '#', sizeof err);
    CHECK(bundle_open(&b, w.b, w.n, err, 0) < 0 && err[0] == '#', "wrote into no room");
    free(w.b);
}

/* Many entries, written in reverse order: the index is built and every
   name found without quadratic work. */
static void test_large(void)
{
    enum { N = 50000 };
    Buf w;
    header(&w, N, 0);
    char name[32], data[32];
    for (int i = N - 1; i >= 0; i--) {
        snprintf(name, sizeof name, "mod%06d.beam", i * 7919 % N);
        snprintf(data, sizeof data, "data %d", i * 7919 % N);
        entry_s(&w, name, data);
    }
    Bundle b;
    char err[256];
    CHECK(bundle_open(&b, w.b, w.n, err, sizeof err) == 0, "large bundle: %s", err);
    int missing = 0;
    for (int i = 0; i < N; i++) {
        snprintf(name, sizeof name, "mod%06d.beam", i);
        snprintf(data, sizeof data, "data %d", i);
        if (!has(&b, name, data))
            missing++;
    }
    CHECK(missing == 0, "%d of %d entries not found", missing, N);
    const uint8_t *d;
    size_t len;
    CHECK(!bundle_find(&b, "mod050000.beam", &d, &len), "found a name past the end");
    bundle_close(&b);
    /* The same with one duplicate in the middle. */
    w.b[16 + 2 + 5] = '0';
    w.b[16 + 2 + 6] = '0';
    w.b[16 + 2 + 7] = '0';
    w.b[16 + 2 + 8] = '0';
    CHECK(bundle_open(&b, w.b, w.n, err, sizeof err) < 0 && strstr(err, "same name as entry 1"),
          "duplicate in a large bundle: \"%s\"", err);
    free(w.b);
}

/* The code loader reads a file from the bundle before the code path, in
   place: the caller has nothing to free. */
static void test_code_path(void)
{
    Buf w;
    header(&w, 2, 0);
    entry_s(&w, "x.app", "{application,x,[]}.");
    entry_s(&w, "y.beam", "not a beam");
    Bundle b;
    char err[256];
    CHECK(bundle_open(&b, w.b, w.n, err, sizeof err) == 0, "%s", err);
    code_use_bundle(&b);
    const uint8_t *data = NULL;
    uint8_t *owned = (uint8_t *)1;
    size_t len = 0;
    CHECK(code_path_read("x.app", 5, &data, &len, &owned), "x.app not read from the bundle");
    CHECK(owned == NULL && len == 19 && data > w.b && data < w.b + w.n, "x.app not read in place");
    CHECK(!code_path_read("z.app", 5, &data, &len, &owned), "z.app read from nowhere");
    code_use_bundle(NULL);
    CHECK(!code_path_read("x.app", 5, &data, &len, &owned), "x.app read without the bundle");
    bundle_close(&b);
    free(w.b);
}

int main(void)
{
    test_good();
    test_bad_header();
    test_bad_entries();
    test_bad_lengths();
    test_duplicates();
    test_every_truncation();
    test_small_err();
    test_large();
    test_code_path();
    if (failures)
        printf("bundle_test: %d failures\n", failures);
    else
        printf("bundle_test: ok\n");
    return failures != 0;
}
