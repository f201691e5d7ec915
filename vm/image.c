/*
** image.c: the reader of program images (the format is in image.h and
** image/manifest.proto). The bytes are untrusted. The header is checked by
** hand; nanopb decodes the manifest, and every string and message of it
** comes through a callback here (image/manifest.options) that checks it
** and copies it before the next is read, so a bad image stops at its first
** fault with a message that names it. Counts and lengths are bounded
** (image.h), and every allocation is also bounded by the manifest's size.
** Writing images is the job of tools/image_write.c.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <pb_decode.h>
#include <zlib.h>

#include "image.h"
#include "manifest.pb.h"
#include "strbuf.h"
#include "vm.h"

static uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The state of one image_open. The manifest is read through 'read_bytes'
   below, so that a callback can tell the manifest's own bytes from the
   copy nanopb makes of a value that was not length-delimited. */
typedef struct Reader {
    Image *im;
    const uint8_t *manifest;
    size_t manifest_len;
    size_t pos;          /* of the next byte 'read_bytes' hands out */
    const uint8_t *data; /* the bytes after the manifest */
    size_t data_len;
    size_t cap_files, cap_channels, cap_boot, cap_entry;
    uint32_t version;
    bool entry_seen;
    char *err;
    size_t errlen;
    bool failed; /* 'err' holds the reason */
} Reader;

/* Writes "image: " and the message into 'err'. Returns false. */
static bool fail(Reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(Reader *r, const char *fmt, ...)
{
    if (r->failed)
        return false; /* the first fault is the one reported */
    r->failed = true;
    va_list ap;
    va_start(ap, fmt);
    msg_vprintf(r->err, r->errlen, "image: ", fmt, ap);
    va_end(ap);
    return false;
}

static const char *shown(char out[48], const char *name) { return msg_name(out, name, strlen(name)); }

/* The manifest stream's reader: the manifest's bytes, in order (nanopb
   reads sequentially, substreams included). */
static bool read_bytes(pb_istream_t *s, pb_byte_t *buf, size_t n)
{
    Reader *r = s->state;
    /* nanopb has checked 'n' against what is left of the manifest */
    VM_ASSERT(n <= r->manifest_len - r->pos);
    memcpy(buf, r->manifest + r->pos, n);
    r->pos += n;
    return true;
}

/* Reads the string of the field being decoded into a fresh NUL-terminated
   copy in '*out', which must be empty: a field given twice is refused.
   'what' names the field in messages ("file 3: name"). */
static bool read_text(Reader *r, pb_istream_t *s, char **out, size_t max, const char *what)
{
    if (s->callback != read_bytes)
        return fail(r, "%s: not a string (wrong wire type)", what);
    if (*out)
        return fail(r, "%s given twice", what);
    size_t n = s->bytes_left;
    if (n > max)
        return fail(r, "%s of %zu bytes (at most %zu)", what, n, max);
    char *t = vm_alloc(n + 1);
    if (!pb_read(s, (pb_byte_t *)t, n)) {
        vm_free(t);
        return fail(r, "%s: %s", what, PB_GET_ERROR(s));
    }
    t[n] = 0;
    *out = t;
    if (memchr(t, 0, n))
        return fail(r, "%s contains a NUL byte", what);
    return true;
}

/* A name: 1..IMAGE_MAX_NAME bytes, no NUL. */
static bool read_name(Reader *r, pb_istream_t *s, char **out, const char *what)
{
    if (!read_text(r, s, out, IMAGE_MAX_NAME, what))
        return false;
    return **out ? true : fail(r, "%s is empty", what);
}

/* Makes room in '*v' (elements of 'size' bytes) for element 'n'. */
static void *grow(void *v, uint32_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? *cap * 2 : 8;
    return vm_realloc(v, *cap * size);
}

/* Appends one argument to 'args' (a list of 'what': "boot argument"). */
static bool read_arg(Reader *r, pb_istream_t *s, char ***args, uint32_t *argc, size_t *cap,
                     const char *what)
{
    if (*argc >= IMAGE_MAX_ARGS)
        return fail(r, "more than %d %ss", IMAGE_MAX_ARGS, what);
    char label[64];
    snprintf(label, sizeof label, "%s %u", what, (unsigned)*argc + 1);
    *args = grow(*args, *argc, cap, sizeof **args);
    (*args)[*argc] = NULL;
    bool ok = read_text(r, s, &(*args)[*argc], IMAGE_MAX_ARG, label);
    if ((*args)[*argc])
        (*argc)++; /* kept even when refused, so that it is freed */
    return ok;
}

/* Decodes the submessage the stream holds; 'what' names it in messages. */
static bool read_message(Reader *r, pb_istream_t *s, const pb_msgdesc_t *fields, void *msg,
                         const char *what)
{
    if (s->callback != read_bytes)
        return fail(r, "%s: not a message (wrong wire type)", what);
    if (pb_decode(s, fields, msg))
        return true;
    return fail(r, "%s: %s", what, PB_GET_ERROR(s)); /* unless a callback said why */
}

/* ---- the callbacks: 'arg' is the Reader, or the element being read ---- */

static bool on_service(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Reader *r = *arg;
    return read_text(r, s, &r->im->service, IMAGE_MAX_NAME, "service name");
}

static bool on_boot_arg(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Reader *r = *arg;
    return read_arg(r, s, &r->im->boot_args, &r->im->boot_argc, &r->cap_boot, "boot argument");
}

static bool on_entry_module(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Reader *r = *arg;
    return read_name(r, s, &r->im->entry_module, "entry: module");
}

static bool on_entry_function(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Reader *r = *arg;
    return read_name(r, s, &r->im->entry_function, "entry: function");
}

static bool on_entry_arg(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Reader *r = *arg;
    return read_arg(r, s, &r->im->entry_args, &r->im->entry_argc, &r->cap_entry, "entry argument");
}

static bool on_entry(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Reader *r = *arg;
    if (r->entry_seen)
        return fail(r, "entry given twice");
    r->entry_seen = true;
    spore_Entry e = spore_Entry_init_zero;
    e.module.funcs.decode = on_entry_module;
    e.function.funcs.decode = on_entry_function;
    e.args.funcs.decode = on_entry_arg;
    e.module.arg = e.function.arg = e.args.arg = r;
    if (!read_message(r, s, spore_Entry_fields, &e, "entry"))
        return false;
    if (!r->im->entry_module)
        return fail(r, "entry: no module");
    if (!r->im->entry_function)
        return fail(r, "entry: no function");
    return true;
}

/* A channel or a file being read: the Reader and the element's number. */
typedef struct Item {
    Reader *r;
    unsigned no; /* from 1, in the order of the manifest */
    char **name, **peer;
} Item;

static bool on_channel_name(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Item *it = *arg;
    char what[32];
    snprintf(what, sizeof what, "channel %u: name", it->no);
    return read_name(it->r, s, it->name, what);
}

static bool on_channel_peer(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Item *it = *arg;
    char what[32];
    snprintf(what, sizeof what, "channel %u: peer", it->no);
    return read_name(it->r, s, it->peer, what);
}

static bool on_channel(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Reader *r = *arg;
    Image *im = r->im;
    if (im->nchannels >= IMAGE_MAX_CHANNELS)
        return fail(r, "more than %d channels", IMAGE_MAX_CHANNELS);
    im->channels = grow(im->channels, im->nchannels, &r->cap_channels, sizeof *im->channels);
    ImageChannel *c = &im->channels[im->nchannels++];
    memset(c, 0, sizeof *c);
    /* the strings are the Image's as soon as they are read */
    Item it = {r, im->nchannels, (char **)&c->name, (char **)&c->peer};
    spore_Channel m = spore_Channel_init_zero;
    m.name.funcs.decode = on_channel_name;
    m.peer.funcs.decode = on_channel_peer;
    m.name.arg = m.peer.arg = &it;
    char what[32], buf[48];
    snprintf(what, sizeof what, "channel %u", it.no);
    if (!read_message(r, s, spore_Channel_fields, &m, what))
        return false;
    if (!c->name)
        return fail(r, "channel %u: no name", it.no);
    if (!c->peer)
        return fail(r, "channel %u (%s): no peer", it.no, shown(buf, c->name));
    for (uint32_t i = 0; i + 1 < im->nchannels; i++)
        if (strcmp(im->channels[i].name, c->name) == 0)
            return fail(r, "channel %u (%s): same name as channel %u", it.no, shown(buf, c->name),
                        (unsigned)i + 1);
    return true;
}

static bool on_file_name(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Item *it = *arg;
    char what[32], buf[48];
    snprintf(what, sizeof what, "file %u: name", it->no);
    if (!read_name(it->r, s, it->name, what))
        return false;
    if (strchr(*it->name, '/'))
        return fail(it->r, "file %u: name '%s' contains '/'", it->no, shown(buf, *it->name));
    return true;
}

static bool on_file(pb_istream_t *s, const pb_field_t *f, void **arg)
{
    VM_UNUSED(f);
    Reader *r = *arg;
    Image *im = r->im;
    if (im->nfiles >= IMAGE_MAX_FILES)
        return fail(r, "more than %d files", IMAGE_MAX_FILES);
    im->files = grow(im->files, im->nfiles, &r->cap_files, sizeof *im->files);
    ImageFile *file = &im->files[im->nfiles++];
    memset(file, 0, sizeof *file);
    Item it = {r, im->nfiles, (char **)&file->name, NULL};
    spore_File m = spore_File_init_zero;
    m.name.funcs.decode = on_file_name;
    m.name.arg = &it;
    char what[32], buf[48];
    snprintf(what, sizeof what, "file %u", it.no);
    if (!read_message(r, s, spore_File_fields, &m, what))
        return false;
    if (!file->name)
        return fail(r, "file %u: no name", it.no);
    uint64_t stored = m.stored ? m.stored : m.size;
    if (m.offset > r->data_len || stored > r->data_len - m.offset)
        return fail(r, "file %u (%s): data beyond the end of the image", it.no,
                    shown(buf, file->name));
    /* zlib cannot expand by more than about 1032:1 */
    if (m.stored && (r->version < 2 || m.size > IMAGE_MAX_FILE || m.size > m.stored * 1040 + 64))
        return fail(r, "file %u (%s): %s", it.no, shown(buf, file->name),
                    r->version < 2 ? "deflated in a version 1 image"
                                   : "its length is impossible for its deflated bytes");
    file->data = r->data + m.offset;
    file->len = (size_t)m.size;
    file->stored = (size_t)m.stored;
    return true;
}

/* ---- the file index: a heap sort by name, then a check for duplicates ---- */

typedef struct Sorted {
    ImageFile f;
    uint32_t no; /* its place in the manifest, from 1 */
} Sorted;

static void sift_down(Sorted *v, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        if (child >= n)
            return;
        if (child + 1 < n && strcmp(v[child].f.name, v[child + 1].f.name) < 0)
            child++;
        if (strcmp(v[root].f.name, v[child].f.name) >= 0)
            return;
        Sorted t = v[root];
        v[root] = v[child];
        v[child] = t;
        root = child;
    }
}

/* Sorts the files by name. Two with one name are refused; the message
   names the duplicate that comes first in the manifest, whatever the sort
   did. */
static bool index_files(Reader *r)
{
    Image *im = r->im;
    size_t n = im->nfiles;
    if (n < 2)
        return true;
    Sorted *v = vm_alloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (Sorted){im->files[i], (uint32_t)i + 1};
    for (size_t i = n / 2; i-- > 0;)
        sift_down(v, i, n);
    for (size_t end = n; end-- > 1;) {
        Sorted t = v[0];
        v[0] = v[end];
        v[end] = t;
        sift_down(v, 0, end);
    }
    uint32_t later = UINT32_MAX, first = 0;
    const char *name = NULL;
    for (size_t i = 1; i < n; i++) {
        if (strcmp(v[i - 1].f.name, v[i].f.name) != 0)
            continue;
        uint32_t a = v[i - 1].no, b = v[i].no;
        uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
        if (hi < later) {
            later = hi;
            first = lo;
            name = v[i].f.name;
        }
    }
    for (size_t i = 0; i < n; i++)
        im->files[i] = v[i].f;
    vm_free(v);
    if (later == UINT32_MAX)
        return true;
    char buf[48];
    return fail(r, "file %u (%s): same name as file %u", (unsigned)later, shown(buf, name),
                (unsigned)first);
}

/* ---- the API ---- */

bool image_is(const uint8_t *bytes, size_t len)
{
    return len >= 8 && memcmp(bytes, IMAGE_MAGIC, 8) == 0;
}

static bool check_header(Reader *r, const uint8_t *bytes, size_t len, uint32_t *mlen)
{
    size_t m = len < 8 ? len : 8;
    if (m > 0 && memcmp(bytes, IMAGE_MAGIC, m) != 0)
        return fail(r, "not a program image (no " IMAGE_MAGIC " magic)");
    if (len < IMAGE_HEADER_SIZE)
        return fail(r, "truncated header (%zu of %d bytes)", len, IMAGE_HEADER_SIZE);
    uint32_t version = get_u32(bytes + 8);
    if (version < IMAGE_VERSION_MIN || version > IMAGE_VERSION)
        return fail(r, "format version %u (this VM reads versions %d to %d)", (unsigned)version,
                    IMAGE_VERSION_MIN, IMAGE_VERSION);
    r->version = version;
    *mlen = get_u32(bytes + 12);
    if (*mlen > len - IMAGE_HEADER_SIZE)
        return fail(r, "truncated manifest (%u bytes, %zu left)", (unsigned)*mlen,
                    len - IMAGE_HEADER_SIZE);
    return true;
}

int image_open(Image *im, const uint8_t *bytes, size_t len, char *err, size_t errlen)
{
    memset(im, 0, sizeof *im);
    Reader r = {.im = im, .err = err, .errlen = errlen};
    uint32_t mlen = 0;
    if (!check_header(&r, bytes, len, &mlen))
        return -1;
    im->bytes = bytes;
    im->len = len;
    r.manifest = bytes + IMAGE_HEADER_SIZE;
    r.manifest_len = mlen;
    r.data = r.manifest + mlen;
    r.data_len = len - IMAGE_HEADER_SIZE - mlen;

    spore_Manifest m = spore_Manifest_init_zero;
    m.service.funcs.decode = on_service;
    m.entry.funcs.decode = on_entry;
    m.boot_args.funcs.decode = on_boot_arg;
    m.channels.funcs.decode = on_channel;
    m.files.funcs.decode = on_file;
    m.service.arg = m.entry.arg = m.boot_args.arg = m.channels.arg = m.files.arg = &r;
    pb_istream_t s = {.callback = read_bytes, .state = &r, .bytes_left = mlen};
    if (!pb_decode(&s, spore_Manifest_fields, &m) && !r.failed)
        fail(&r, "manifest: %s", PB_GET_ERROR(&s));
    if (!r.failed && index_files(&r)) {
        if (!im->service) {
            im->service = vm_alloc(1);
            im->service[0] = 0;
        }
        im->memory_mb = m.memory_mb;
        im->sealed = m.sealed;
        return 0;
    }
    image_close(im);
    return -1;
}

static void free_strings(char **v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        vm_free(v[i]);
    vm_free(v);
}

void image_close(Image *im)
{
    vm_free(im->service);
    vm_free(im->entry_module);
    vm_free(im->entry_function);
    free_strings(im->entry_args, im->entry_argc);
    free_strings(im->boot_args, im->boot_argc);
    for (uint32_t i = 0; i < im->nchannels; i++) {
        vm_free((char *)im->channels[i].name);
        vm_free((char *)im->channels[i].peer);
    }
    vm_free(im->channels);
    for (uint32_t i = 0; i < im->nfiles; i++)
        vm_free((char *)im->files[i].name);
    vm_free(im->files);
    memset(im, 0, sizeof *im);
}

const ImageFile *image_find(const Image *im, const char *name)
{
    size_t lo = 0, hi = im->nfiles;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, im->files[mid].name);
        if (c == 0)
            return &im->files[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const uint8_t *image_read(const ImageFile *f, uint8_t **owned)
{
    *owned = NULL;
    if (!f->stored)
        return f->data;
    uint8_t *b = vm_alloc(f->len ? f->len : 1);
    /* in one call, with the whole output in hand: zlib then needs no
       window of its own (uncompress would allocate 32 KiB for one) */
    z_stream z;
    memset(&z, 0, sizeof z);
    z.next_in = (Bytef *)f->data;
    z.avail_in = (uInt)f->stored;
    z.next_out = b;
    z.avail_out = (uInt)f->len;
    int zr = inflateInit(&z);
    if (zr == Z_OK) {
        zr = inflate(&z, Z_FINISH);
        inflateEnd(&z);
    }
    if (zr != Z_STREAM_END || z.total_out != f->len) {
        vm_free(b);
        return NULL;
    }
    *owned = b;
    return b;
}
