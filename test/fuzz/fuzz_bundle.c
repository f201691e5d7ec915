/*
** fuzz_bundle.c: a libFuzzer target for the module bundle reader
** (vm/bundle.c). A rejected input must carry a terminated message starting
** with "bundle: ". An accepted one must describe its bytes exactly: the
** entries written back in order give the input again, every name is valid
** and unique, and bundle_find returns each entry's own bytes. A crash,
** hang, leak or sanitizer report is a bug in vm/bundle.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../vm/bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *why)
{
    fprintf(stderr, "fuzz_bundle: %s\n", why);
    abort();
}

static void check_message(const char *err, size_t cap)
{
    size_t n = strnlen(err, cap);
    if (n == 0 || n == cap || strncmp(err, "bundle: ", 8) != 0)
        fail("rejected without a terminated \"bundle: \" message");
}

/* Compares 'n' bytes at 'p' with the input at '*pos' and moves on. */
static void expect(const uint8_t *data, size_t size, size_t *pos, const void *p, size_t n)
{
    if (size - *pos < n || memcmp(data + *pos, p, n) != 0)
        fail("the entries do not write back to the input");
    *pos += n;
}

static void check_accepted(const Bundle *b, const uint8_t *data, size_t size)
{
    uint32_t count = bundle_count(b);
    uint8_t hdr[BUNDLE_HEADER_SIZE] = "SPOREBN1";
    for (int i = 0; i < 4; i++)
        hdr[8 + i] = (uint8_t)(count >> (8 * i));
    size_t pos = 0;
    expect(data, size, &pos, hdr, sizeof hdr);
    char name[BUNDLE_MAX_NAME + 1];
    for (uint32_t i = 0; i < count; i++) {
        const BundleEntry *e = bundle_entry(b, i);
        if (e->name_len == 0 || e->name_len > BUNDLE_MAX_NAME ||
            memchr(e->name, '/', e->name_len) || memchr(e->name, 0, e->name_len))
            fail("an invalid name was accepted");
        uint8_t len[4];
        len[0] = (uint8_t)e->name_len;
        len[1] = (uint8_t)(e->name_len >> 8);
        expect(data, size, &pos, len, 2);
        if ((const uint8_t *)e->name != data + pos)
            fail("a name is not in place");
        expect(data, size, &pos, e->name, e->name_len);
        for (int k = 0; k < 4; k++)
            len[k] = (uint8_t)(e->len >> (8 * k));
        expect(data, size, &pos, len, 4);
        if (e->data != data + pos || e->len > size - pos)
            fail("data is not in place");
        pos += e->len;
        memcpy(name, e->name, e->name_len);
        name[e->name_len] = 0;
        const uint8_t *d;
        size_t n;
        if (!bundle_find(b, name, &d, &n) || d != e->data || n != e->len)
            fail("bundle_find does not return the entry (a duplicate name?)");
    }
    if (pos != size)
        fail("bytes after the last entry were accepted");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Bundle b;
    char err[256] = "";
    if (bundle_open(&b, data, size, err, sizeof err) < 0) {
        check_message(err, sizeof err);
        if (b.count != 0 || b.entries || b.by_name)
            fail("a rejected bundle is not left empty");
        return 0;
    }
    check_accepted(&b, data, size);
    bundle_close(&b);
    return 0;
}
