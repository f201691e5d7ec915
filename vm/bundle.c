/*
** bundle.c: the reader of module bundles (the format is in bundle.h). The
** bytes are untrusted: every length is checked against what is left before
** it is used, and nothing is allocated until a first pass has checked the
** whole layout, so a hostile count cannot ask for more memory than the
** bytes could describe. The name index is a heap sort, O(n log n) whatever
** the names are. Writing bundles is the job of tools/spore.c.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "bundle.h"
#include "strbuf.h"

static uint32_t get_u16(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Writes "bundle: " and the message into 'err'. Returns -1. */
static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    msg_vprintf(err, errlen, "bundle: ", fmt, ap);
    va_end(ap);
    return -1;
}

/* Walks the 'count' entries after the header. With 'out', records each;
   without, only checks. Returns 0 or -1 with the message. */
static int walk(const uint8_t *bytes, size_t size, uint32_t count, BundleEntry *out, char *err,
                size_t errlen)
{
    size_t pos = BUNDLE_HEADER_SIZE;
    char buf[48];
    for (uint32_t i = 0; i < count; i++) {
        unsigned no = (unsigned)i + 1;
        if (size - pos < 2)
            return fail(err, errlen, "entry %u: truncated name length", no);
        uint32_t nl = get_u16(bytes + pos);
        pos += 2;
        if (nl == 0)
            return fail(err, errlen, "entry %u: empty name", no);
        if (nl > BUNDLE_MAX_NAME)
            return fail(err, errlen, "entry %u: name of %u bytes (at most %u)", no, (unsigned)nl,
                        BUNDLE_MAX_NAME);
        if (size - pos < nl)
            return fail(err, errlen, "entry %u: truncated name", no);
        const char *name = (const char *)bytes + pos;
        pos += nl;
        if (memchr(name, '/', nl))
            return fail(err, errlen, "entry %u: name '%s' contains '/'", no, msg_name(buf, name, nl));
        if (memchr(name, 0, nl))
            return fail(err, errlen, "entry %u: name '%s' contains a NUL byte", no,
                        msg_name(buf, name, nl));
        if (size - pos < 4)
            return fail(err, errlen, "entry %u (%s): truncated data length", no,
                        msg_name(buf, name, nl));
        uint32_t dl = get_u32(bytes + pos);
        pos += 4;
        if (size - pos < dl)
            return fail(err, errlen, "entry %u (%s): truncated data (%u bytes, %zu left)", no,
                        msg_name(buf, name, nl), (unsigned)dl, size - pos);
        if (out)
            out[i] = (BundleEntry){.name = name, .name_len = nl, .data = bytes + pos, .len = dl};
        pos += dl;
    }
    if (pos != size)
        return fail(err, errlen, "%zu stray bytes after the last entry", size - pos);
    return 0;
}

static int name_cmp(const BundleEntry *a, const BundleEntry *b)
{
    size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
    int c = memcmp(a->name, b->name, n);
    if (c != 0)
        return c;
    return (a->name_len > b->name_len) - (a->name_len < b->name_len);
}

static void sift_down(const BundleEntry *e, uint32_t *idx, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && name_cmp(&e[idx[child]], &e[idx[child + 1]]) < 0)
            child++;
        if (name_cmp(&e[idx[root]], &e[idx[child]]) >= 0)
            return;
        uint32_t t = idx[root];
        idx[root] = idx[child];
        idx[child] = t;
        root = child;
    }
}

/* Heap sort of 'idx' by the names of the entries it points to. */
static void sort_by_name(const BundleEntry *e, uint32_t *idx, size_t n)
{
    for (size_t i = n / 2; i-- > 0;)
        sift_down(e, idx, i, n);
    for (size_t end = n; end-- > 1;) {
        uint32_t t = idx[0];
        idx[0] = idx[end];
        idx[end] = t;
        sift_down(e, idx, 0, end);
    }
}

/* Equal names sit next to each other once sorted. Reports the duplicate
   that comes first in the file, so that the message does not depend on
   the sort. */
static int check_unique(const Bundle *b, char *err, size_t errlen)
{
    uint32_t later = UINT32_MAX, first = 0;
    for (uint32_t i = 1; i < b->count; i++) {
        uint32_t x = b->by_name[i - 1], y = b->by_name[i];
        if (name_cmp(&b->entries[x], &b->entries[y]) != 0)
            continue;
        uint32_t lo = x < y ? x : y, hi = x < y ? y : x;
        if (hi < later) {
            later = hi;
            first = lo;
        }
    }
    if (later == UINT32_MAX)
        return 0;
    char buf[48];
    const BundleEntry *e = &b->entries[later];
    return fail(err, errlen, "entry %u (%s): same name as entry %u", (unsigned)later + 1,
                msg_name(buf, e->name, e->name_len), (unsigned)first + 1);
}

int bundle_open(Bundle *b, const uint8_t *bytes, size_t size, char *err, size_t errlen)
{
    memset(b, 0, sizeof *b);
    size_t m = size < 8 ? size : 8;
    if (m > 0 && memcmp(bytes, BUNDLE_MAGIC, m) != 0)
        return fail(err, errlen, "not a bundle (no " BUNDLE_MAGIC " magic)");
    if (size < BUNDLE_HEADER_SIZE)
        return fail(err, errlen, "truncated header (%zu of %d bytes)", size, BUNDLE_HEADER_SIZE);
    uint32_t count = get_u32(bytes + 8), reserved = get_u32(bytes + 12);
    if (reserved != 0)
        return fail(err, errlen, "reserved header field is %u, not 0", (unsigned)reserved);
    if (walk(bytes, size, count, NULL, err, errlen) < 0)
        return -1;
    /* The walk succeeded, so every entry took at least 7 bytes of the
       input: the allocations below are bounded by its size. */
    if (count == 0)
        return 0;
    b->count = count;
    b->entries = vm_alloc((size_t)count * sizeof *b->entries);
    b->by_name = vm_alloc((size_t)count * sizeof *b->by_name);
    (void)walk(bytes, size, count, b->entries, err, errlen);
    for (uint32_t i = 0; i < count; i++)
        b->by_name[i] = i;
    sort_by_name(b->entries, b->by_name, count);
    if (check_unique(b, err, errlen) < 0) {
        bundle_close(b);
        return -1;
    }
    return 0;
}

void bundle_close(Bundle *b)
{
    vm_free(b->entries);
    vm_free(b->by_name);
    memset(b, 0, sizeof *b);
}

bool bundle_find(const Bundle *b, const char *name, const uint8_t **data, size_t *len)
{
    BundleEntry key = {.name = name, .name_len = strlen(name)};
    size_t lo = 0, hi = b->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const BundleEntry *e = &b->entries[b->by_name[mid]];
        int c = name_cmp(&key, e);
        if (c == 0) {
            *data = e->data;
            *len = e->len;
            return true;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

uint32_t bundle_count(const Bundle *b)
{
    return b->count;
}

const BundleEntry *bundle_entry(const Bundle *b, uint32_t i)
{
    VM_ASSERT(i < b->count);
    return &b->entries[i];
}
