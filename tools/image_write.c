/*
** image_write.c: writes program images (vm/image.h) for `spore build` and
** `spore image`. image_encode lays out the header, the manifest (encoded by
** nanopb from image/manifest.proto) and the files' bytes, and reads the
** result back with the VM's own reader before handing it out.
** image_seal_kernel copies a kernel ELF with an image sealed into its last
** load segment (the "SPORESEG" header of xen/seal.c).
*/
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pb_encode.h>
#include <zlib.h>

#include "../image/seal.h"
#include "../image/snapshot.h"
#include "../vm/image.h"
#include "../vm/strbuf.h"
#include "cli.h"
#include "image_write.h"
#include "manifest.pb.h"

/* Writes "image: " and the message into 'err'. Returns -1. */
static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    msg_vprintf(err, errlen, "image: ", fmt, ap);
    va_end(ap);
    return -1;
}

static void put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

/* ---- the manifest's encoders: each gets what it writes in 'arg' ---- */

typedef struct Strings {
    const char *const *v;
    size_t n;
} Strings;

/* A file in the order of the image, and where its bytes go. */
typedef struct Placed {
    const ImageSpecFile *f;
    uint64_t offset;
    uint8_t *packed;    /* the file deflated (malloc'd), or NULL: as it is */
    uint64_t stored;    /* its bytes in the image */
} Placed;

typedef struct Files {
    const Placed *v;
    size_t n;
} Files;

/* A string; empty, it is left out (a proto3 reader sees it as empty). */
static bool put_text(pb_ostream_t *s, const pb_field_t *f, void *const *arg)
{
    const char *t = *arg;
    if (!t || !*t)
        return true;
    return pb_encode_tag_for_field(s, f) && pb_encode_string(s, (const pb_byte_t *)t, strlen(t));
}

static bool put_texts(pb_ostream_t *s, const pb_field_t *f, void *const *arg)
{
    const Strings *l = *arg;
    for (size_t i = 0; i < l->n; i++)
        if (!pb_encode_tag_for_field(s, f) ||
            !pb_encode_string(s, (const pb_byte_t *)l->v[i], strlen(l->v[i])))
            return false;
    return true;
}

static bool put_entry(pb_ostream_t *s, const pb_field_t *f, void *const *arg)
{
    const ImageSpec *sp = *arg;
    if (!sp->entry_module)
        return true;
    Strings args = {sp->entry_args, sp->entry_argc};
    spore_Entry e = spore_Entry_init_zero;
    e.module.funcs.encode = e.function.funcs.encode = put_text;
    e.args.funcs.encode = put_texts;
    e.module.arg = (void *)sp->entry_module;
    e.function.arg = (void *)sp->entry_function;
    e.args.arg = &args;
    return pb_encode_tag_for_field(s, f) && pb_encode_submessage(s, spore_Entry_fields, &e);
}

static bool put_channels(pb_ostream_t *s, const pb_field_t *f, void *const *arg)
{
    const ImageSpec *sp = *arg;
    for (size_t i = 0; i < sp->nchannels; i++) {
        spore_Channel c = spore_Channel_init_zero;
        c.name.funcs.encode = c.peer.funcs.encode = put_text;
        c.name.arg = (void *)sp->channel_names[i];
        c.peer.arg = (void *)sp->channel_peers[i];
        if (!pb_encode_tag_for_field(s, f) || !pb_encode_submessage(s, spore_Channel_fields, &c))
            return false;
    }
    return true;
}

static bool put_files(pb_ostream_t *s, const pb_field_t *f, void *const *arg)
{
    const Files *l = *arg;
    for (size_t i = 0; i < l->n; i++) {
        spore_File m = spore_File_init_zero;
        m.name.funcs.encode = put_text;
        m.name.arg = (void *)l->v[i].f->name;
        m.offset = l->v[i].offset;
        m.size = l->v[i].f->len;
        m.stored = l->v[i].packed ? l->v[i].stored : 0;
        if (!pb_encode_tag_for_field(s, f) || !pb_encode_submessage(s, spore_File_fields, &m))
            return false;
    }
    return true;
}

/* ---- image_encode ---- */

static int placed_cmp(const void *a, const void *b)
{
    return strcmp(((const Placed *)a)->f->name, ((const Placed *)b)->f->name);
}

/* What the encoders would trip on; everything else is left to the read
   back, whose messages are the VM's. */
static int check_spec(const ImageSpec *sp, char *err, size_t errlen)
{
    if (sp->entry_module && !sp->entry_function)
        return fail(err, errlen, "entry: no function");
    if (!sp->entry_module && (sp->entry_function || sp->entry_argc))
        return fail(err, errlen, "entry: no module");
    for (size_t i = 0; i < sp->entry_argc; i++)
        if (!sp->entry_args[i])
            return fail(err, errlen, "entry argument %zu is NULL", i + 1);
    for (size_t i = 0; i < sp->boot_argc; i++)
        if (!sp->boot_args[i])
            return fail(err, errlen, "boot argument %zu is NULL", i + 1);
    for (size_t i = 0; i < sp->nchannels; i++)
        if (!sp->channel_names[i] || !sp->channel_peers[i])
            return fail(err, errlen, "channel %zu: no name or no peer", i + 1);
    if (sp->nfiles > IMAGE_MAX_FILES)
        return fail(err, errlen, "%zu files (at most %d)", sp->nfiles, IMAGE_MAX_FILES);
    for (size_t i = 0; i < sp->nfiles; i++)
        if (!sp->files[i].name || (!sp->files[i].data && sp->files[i].len))
            return fail(err, errlen, "file %zu: no name or no data", i + 1);
    return 0;
}

static void free_placed(Placed *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].packed);
    free(v);
}

/* 'p' deflated (zlib's default level: the best saves under 1 % more of a
   module, at twice the time), kept when it saves at least a tenth of the
   file. */
static void deflate_file(Placed *p)
{
    const ImageSpecFile *f = p->f;
    p->packed = NULL;
    p->stored = f->len;
    if (f->raw || f->len < 64)
        return;
    uLongf n = compressBound((uLong)f->len);
    uint8_t *b = malloc(n);
    if (!b)
        return; /* stored as it is */
    if (compress2(b, &n, f->data, (uLong)f->len, Z_DEFAULT_COMPRESSION) != Z_OK ||
        n > f->len - f->len / 10) {
        free(b);
        return;
    }
    p->packed = b;
    p->stored = n;
}

/* Sorts the files by name, deflates them if asked, and gives each its
   offset; 'data' is the sum of their stored sizes. NULL after a message
   when two have one name. */
static Placed *place_files(const ImageSpec *sp, uint64_t *data, char *err, size_t errlen)
{
    Placed *v = calloc(sp->nfiles ? sp->nfiles : 1, sizeof *v);
    if (!v) {
        fail(err, errlen, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < sp->nfiles; i++)
        v[i].f = &sp->files[i];
    qsort(v, sp->nfiles, sizeof *v, placed_cmp);
    *data = 0;
    for (size_t i = 0; i < sp->nfiles; i++) {
        if (i > 0 && strcmp(v[i - 1].f->name, v[i].f->name) == 0) {
            fail(err, errlen, "two files named %s", v[i].f->name);
            free_placed(v, sp->nfiles);
            return NULL;
        }
        if (sp->deflate)
            deflate_file(&v[i]);
        else
            v[i].stored = v[i].f->len;
        v[i].offset = *data;
        *data += v[i].stored;
    }
    return v;
}

/* The manifest of 'sp', its encoders pointing at 'boot' and 'files'. */
static void manifest_of(spore_Manifest *m, const ImageSpec *sp, Strings *boot, Files *files)
{
    *m = (spore_Manifest)spore_Manifest_init_zero;
    m->service.funcs.encode = put_text;
    m->service.arg = (void *)sp->service;
    m->entry.funcs.encode = put_entry;
    m->entry.arg = (void *)sp;
    m->boot_args.funcs.encode = put_texts;
    m->boot_args.arg = boot;
    m->memory_mb = sp->memory_mb;
    m->sealed = sp->sealed;
    m->channels.funcs.encode = put_channels;
    m->channels.arg = (void *)sp;
    m->files.funcs.encode = put_files;
    m->files.arg = files;
}

int image_encode(const ImageSpec *sp, uint8_t **out, size_t *len, char *err, size_t errlen)
{
    *out = NULL;
    *len = 0;
    uint64_t data_len;
    Placed *placed;
    if (check_spec(sp, err, errlen) < 0 || !(placed = place_files(sp, &data_len, err, errlen)))
        return -1;
    Strings boot = {sp->boot_args, sp->boot_argc};
    Files files = {placed, sp->nfiles};
    spore_Manifest m;
    manifest_of(&m, sp, &boot, &files);

    size_t mlen;
    if (!pb_get_encoded_size(&mlen, spore_Manifest_fields, &m)) {
        free_placed(placed, sp->nfiles);
        return fail(err, errlen, "cannot encode the manifest");
    }
    if (mlen > UINT32_MAX || data_len > SIZE_MAX - IMAGE_HEADER_SIZE - mlen) {
        free_placed(placed, sp->nfiles);
        return fail(err, errlen, "too large to encode");
    }
    size_t total = IMAGE_HEADER_SIZE + mlen + (size_t)data_len;
    uint8_t *b = malloc(total);
    if (!b) {
        free_placed(placed, sp->nfiles);
        return fail(err, errlen, "out of memory (%zu bytes)", total);
    }
    memcpy(b, IMAGE_MAGIC, 8);
    put_u32(b + 8, IMAGE_VERSION);
    put_u32(b + 12, (uint32_t)mlen);
    pb_ostream_t s = pb_ostream_from_buffer(b + IMAGE_HEADER_SIZE, mlen);
    bool ok = pb_encode(&s, spore_Manifest_fields, &m) && s.bytes_written == mlen;
    for (size_t i = 0; ok && i < sp->nfiles; i++)
        if (placed[i].stored)
            memcpy(b + IMAGE_HEADER_SIZE + mlen + placed[i].offset,
                   placed[i].packed ? placed[i].packed : placed[i].f->data, placed[i].stored);
    free_placed(placed, sp->nfiles);
    if (!ok) {
        free(b);
        return fail(err, errlen, "cannot encode the manifest: %s", PB_GET_ERROR(&s));
    }
    /* What is written must be what the VM reads: names, limits and all. */
    Image check;
    if (image_open(&check, b, total, err, errlen) < 0) {
        free(b);
        return -1;
    }
    image_close(&check);
    *out = b;
    *len = total;
    return 0;
}

/* ---- image_seal_kernel ---- */


/* Reads the whole file at 'path' into a malloc'd buffer; NULL with errno. */
static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *b = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (b = malloc((size_t)n + 1)) != NULL && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
        errno = EIO;
    }
    fclose(f);
    if (b)
        *len = (size_t)n;
    return b;
}

/* The ELF header's checks: a little-endian ELF64 x86-64 executable whose
   program headers lie inside the file. */
static bool elf_ok(const uint8_t *k, size_t size, Elf64_Ehdr *eh)
{
    if (size < sizeof *eh)
        return false;
    memcpy(eh, k, sizeof *eh);
    return memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 && eh->e_ident[EI_CLASS] == ELFCLASS64 &&
           eh->e_ident[EI_DATA] == ELFDATA2LSB && eh->e_machine == EM_X86_64 &&
           eh->e_type == ET_EXEC && eh->e_phentsize == sizeof(Elf64_Phdr) && eh->e_phoff <= size &&
           eh->e_phnum <= (size - eh->e_phoff) / sizeof(Elf64_Phdr);
}

/* The index of the load segment that starts with "SPORESEG", or a
   negative number after a message: none, two, or not the last by address. */
static int find_seal(const uint8_t *k, size_t size, const Elf64_Ehdr *eh, const char *name,
                     char *err, size_t errlen)
{
    int found = -1;
    Elf64_Phdr ph, seal = {0};
    for (int i = 0; i < eh->e_phnum; i++) {
        memcpy(&ph, k + eh->e_phoff + (size_t)i * sizeof ph, sizeof ph);
        if (ph.p_type != PT_LOAD || ph.p_filesz < sizeof(SealedImage) ||
            ph.p_offset > size - sizeof(SealedImage) ||
            memcmp(k + ph.p_offset, SEAL_MAGIC, 8) != 0)
            continue;
        if (found >= 0)
            return fail(err, errlen, "%s: two load segments start with SPORESEG", name);
        found = i;
        seal = ph;
    }
    if (found < 0)
        return fail(err, errlen, "%s: no load segment starts with SPORESEG (not a spore kernel)",
                    name);
    for (int i = 0; i < eh->e_phnum; i++) {
        memcpy(&ph, k + eh->e_phoff + (size_t)i * sizeof ph, sizeof ph);
        if (i != found && ph.p_type == PT_LOAD && ph.p_vaddr >= seal.p_vaddr)
            return fail(err, errlen, "%s: the SPORESEG segment is not the last load segment", name);
    }
    uint64_t sealed_len;
    memcpy(&sealed_len, k + seal.p_offset + offsetof(SealedImage, len), 8);
    if (sealed_len != 0)
        return fail(err, errlen, "%s: already holds an image (%llu bytes)", name,
                    (unsigned long long)sealed_len);
    if (seal.p_align > 1 && (seal.p_align & (seal.p_align - 1)) != 0)
        return fail(err, errlen, "%s: the SPORESEG segment's alignment is not a power of 2", name);
    return found;
}

/* Points the section ".spore_image", if the kernel has section headers,
   at the segment's new place, so that tools that read sections agree. */
static void move_section(uint8_t *k, size_t size, const Elf64_Ehdr *eh, uint64_t off, uint64_t len)
{
    if (!eh->e_shoff || eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > size ||
        eh->e_shnum > (size - eh->e_shoff) / sizeof(Elf64_Shdr) || eh->e_shstrndx >= eh->e_shnum)
        return;
    Elf64_Shdr sh, strs;
    memcpy(&strs, k + eh->e_shoff + (size_t)eh->e_shstrndx * sizeof sh, sizeof sh);
    if (strs.sh_offset > size || strs.sh_size > size - strs.sh_offset)
        return;
    static const char want[] = ".spore_image";
    for (int i = 0; i < eh->e_shnum; i++) {
        uint8_t *at = k + eh->e_shoff + (size_t)i * sizeof sh;
        memcpy(&sh, at, sizeof sh);
        if (sh.sh_name >= strs.sh_size || strs.sh_size - sh.sh_name < sizeof want ||
            memcmp(k + strs.sh_offset + sh.sh_name, want, sizeof want) != 0)
            continue;
        sh.sh_offset = off;
        sh.sh_size = len;
        memcpy(at, &sh, sizeof sh);
    }
}

/* Where a snapshot goes: its state in place of the state segment's bytes
   (index 'state'), its header and the state segment's linked data after
   the image, its heap at its own address in the sealed segment. */
typedef struct SnapPlan {
    int state;
    uint64_t state_len, data_len, heap_lo, heap_len, heap_brk;
} SnapPlan;

static int plan_snapshot(const uint8_t *k, const Elf64_Ehdr *eh, const uint8_t *snap,
                         size_t snap_len, SnapPlan *sp, char *err, size_t errlen)
{
    SnapHeader h;
    if (snap_len >= sizeof h)
        memcpy(&h, snap, sizeof h);
    if (snap_len < sizeof h || !snap_header_ok(&h) || h.size != snap_len)
        return fail(err, errlen, "the snapshot is malformed");
    uint64_t lo = h.layout[2], data_end = h.layout[3], end = h.layout[4];
    sp->heap_lo = h.heap_lo;
    sp->heap_len = h.heap_len;
    sp->heap_brk = h.heap_brk;
    sp->state = -1;
    for (int i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, k + eh->e_phoff + (size_t)i * sizeof ph, sizeof ph);
        if (ph.p_type != PT_LOAD || ph.p_vaddr != lo)
            continue;
        if (data_end < lo || end < data_end || ph.p_filesz != data_end - lo ||
            ph.p_memsz > end - lo)
            return fail(err, errlen, "the snapshot was taken of another kernel");
        sp->state = i, sp->data_len = ph.p_filesz;
    }
    if (sp->state < 0)
        return fail(err, errlen, "the snapshot was taken of another kernel (no state segment)");
    sp->state_len = end - lo;
    if (sp->state_len > snap_len - sizeof h ||
        sp->heap_len != snap_len - sizeof h - sp->state_len || (sp->heap_lo & 4095) != 0 ||
        h.heap_brk < h.heap_lo || h.heap_brk - h.heap_lo < h.heap_len)
        return fail(err, errlen, "the snapshot is malformed");
    SnapSum sum = {{0, 0, 0, 0}};
    snap_sum_add(&sum, snap + sizeof h, (size_t)(sp->state_len + sp->heap_len));
    if (snap_sum_end(&sum) != h.data_sum)
        return fail(err, errlen, "the snapshot is corrupt (its sum differs)");
    return 0;
}

/* The snapshot's heap has runs of zero pages (free blocks, the tails of
   chunks): they leave the file. The sealed segment (program header
   'seal', its heap from 'heap_va') becomes one load segment per stretch
   of bytes, each one's memsz reaching the next (the loaders zero what
   lies between), in as many program headers as fit before the first
   segment's bytes, the longest runs first. The bytes after the sealed
   segment move up: whole pages, so every offset stays congruent to its
   address. Returns the file's new length. */
#define PAGE 4096u
static bool zero_page(const uint8_t *b)
{
    for (size_t i = 0; i < PAGE; i++)
        if (b[i])
            return false;
    return true;
}

static size_t punch_holes(uint8_t *k, size_t total, Elf64_Ehdr *eh, int seal, uint64_t heap_va)
{
    Elf64_Phdr ph[64], s;
    if (eh->e_phnum > 64)
        return total;
    memcpy(ph, k + eh->e_phoff, (size_t)eh->e_phnum * sizeof *ph);
    s = ph[seal];
    uint64_t first = UINT64_MAX;
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_filesz && ph[i].p_offset < first)
            first = ph[i].p_offset;
    size_t room = 0;
    if (first > eh->e_phoff && (!eh->e_shoff || eh->e_shoff >= first || eh->e_shoff < eh->e_phoff))
        room = (size_t)((first - eh->e_phoff) / sizeof *ph) - eh->e_phnum;
    if (room > 64 - (size_t)eh->e_phnum)
        room = 64 - (size_t)eh->e_phnum;
    if (s.p_vaddr & (PAGE - 1) || s.p_offset & (PAGE - 1))
        return total;
    /* the runs, longest first up to 'room', then in address order */
    typedef struct { uint64_t lo, hi; } Run;
    Run run[64];
    size_t nrun = 0;
    uint64_t end = s.p_vaddr + s.p_filesz;
    const uint8_t *seg = k + s.p_offset; /* the segment's bytes, from its address */
    for (uint64_t p = (heap_va + PAGE - 1) & ~(uint64_t)(PAGE - 1); p + PAGE <= end;) {
        if (!zero_page(seg + (p - s.p_vaddr))) {
            p += PAGE;
            continue;
        }
        uint64_t lo = p;
        while (p + PAGE <= end && zero_page(seg + (p - s.p_vaddr)))
            p += PAGE;
        if (nrun < room) {
            run[nrun].lo = lo, run[nrun].hi = p, nrun++;
        } else if (room) { /* replaces the shortest if longer */
            size_t m = 0;
            for (size_t i = 1; i < nrun; i++)
                if (run[i].hi - run[i].lo < run[m].hi - run[m].lo)
                    m = i;
            if (p - lo > run[m].hi - run[m].lo)
                run[m].lo = lo, run[m].hi = p;
        }
    }
    if (!nrun)
        return total;
    for (size_t i = 1; i < nrun; i++) /* by address */
        for (size_t j = i; j > 0 && run[j].lo < run[j - 1].lo; j--) {
            Run t = run[j];
            run[j] = run[j - 1];
            run[j - 1] = t;
        }
    /* the pieces, moved down over the runs' bytes */
    Elf64_Phdr piece[65];
    uint64_t at = s.p_offset, from = s.p_vaddr, removed = 0;
    for (size_t i = 0; i <= nrun; i++) {
        uint64_t to = i < nrun ? run[i].lo : end;
        memmove(k + at, k + s.p_offset + (from - s.p_vaddr), (size_t)(to - from));
        piece[i] = s;
        piece[i].p_offset = at;
        piece[i].p_vaddr = piece[i].p_paddr = from;
        piece[i].p_filesz = to - from;
        piece[i].p_memsz = i < nrun ? run[i].hi - from : s.p_vaddr + s.p_memsz - from;
        at += to - from;
        if (i < nrun) {
            removed += run[i].hi - run[i].lo;
            from = run[i].hi;
        }
    }
    /* what followed the sealed segment (the state segment) moves up too */
    uint64_t after = s.p_offset + s.p_filesz;
    memmove(k + after - removed, k + after, (size_t)(total - after));
    for (int i = 0; i < eh->e_phnum; i++)
        if (i != seal && ph[i].p_offset >= after)
            ph[i].p_offset -= removed;
    /* the program headers: the pieces in the sealed segment's place */
    Elf64_Phdr out[64];
    size_t n = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (i != seal) {
            out[n++] = ph[i];
            continue;
        }
        for (size_t j = 0; j <= nrun; j++)
            out[n++] = piece[j];
    }
    memcpy(k + eh->e_phoff, out, n * sizeof *out);
    eh->e_phnum = (Elf64_Half)n;
    memcpy(k, eh, sizeof *eh);
    return (size_t)(total - removed);
}

int image_seal_kernel(const char *kernel, const uint8_t *image, size_t len, const uint8_t *snap,
                      size_t snap_len, const char *out, char *err, size_t errlen)
{
    size_t size;
    uint8_t *k = read_file(kernel, &size);
    if (!k)
        return fail(err, errlen, "cannot read %s: %s", kernel, strerror(errno));
    Elf64_Ehdr eh;
    int i = -1;
    SnapPlan sp = {0};
    if (!elf_ok(k, size, &eh))
        fail(err, errlen, "%s: not an ELF64 x86-64 kernel", kernel);
    else
        i = find_seal(k, size, &eh, kernel, err, errlen);
    if (i >= 0 && snap_len && plan_snapshot(k, &eh, snap, snap_len, &sp, err, errlen) < 0)
        i = -1;
    if (i < 0 || len > SIZE_MAX / 4) {
        free(k);
        return i < 0 ? -1 : fail(err, errlen, "the image is too large");
    }
    Elf64_Phdr ph;
    memcpy(&ph, k + eh.e_phoff + (size_t)i * sizeof ph, sizeof ph);
    /* The sealed segment: the header, the image, then with a snapshot its
       header and the state segment's linked data at the next 16-byte
       boundary, and its heap at the heap's floor. */
    uint64_t seg = sizeof(SealedImage) + (uint64_t)len, area = 0, area_len = 0, mem = 0;
    if (snap_len) {
        area = seal_snap_offset(len);
        area_len = sizeof(SnapHeader) + sp.data_len;
        if (sp.heap_lo < ph.p_vaddr + area + area_len) {
            free(k);
            return fail(err, errlen, "the snapshot's heap starts inside the image");
        }
        seg = sp.heap_lo - ph.p_vaddr + sp.heap_len;
        /* the zeros up to the break are the loader's to make (memsz):
           under PV, Xen's start info and page tables come after them */
        mem = sp.heap_brk - ph.p_vaddr;
    }
    /* The loaders map file offsets to addresses page by page: a moved
       segment's offset must be congruent to its address modulo its
       alignment. Both go at the end of the file, after the section headers. */
    uint64_t align = ph.p_align > 1 ? ph.p_align : 1;
    uint64_t off = size + ((ph.p_vaddr - size) & (align - 1));
    uint64_t state_off = off + seg, total64 = off + seg;
    Elf64_Phdr st = {0};
    if (snap_len) {
        memcpy(&st, k + eh.e_phoff + (size_t)sp.state * sizeof st, sizeof st);
        uint64_t a = st.p_align > 1 ? st.p_align : 1;
        state_off += (st.p_vaddr - state_off) & (a - 1);
        total64 = state_off + sp.state_len;
    }
    size_t total = (size_t)total64;
    uint8_t *b = realloc(k, total);
    if (!b) {
        free(k);
        return fail(err, errlen, "out of memory (%zu bytes)", total);
    }
    k = b;
    memset(k + size, 0, total - size);
    SealedImage head = {.len = len, .snap_len = area_len};
    memcpy(head.magic, k + ph.p_offset, 8);
    memcpy(k + off, &head, sizeof head);
    memcpy(k + off + sizeof head, image, len);
    if (snap_len) {
        memcpy(k + off + area, snap, sizeof(SnapHeader));
        memcpy(k + off + area + sizeof(SnapHeader), k + st.p_offset, (size_t)sp.data_len);
        memcpy(k + off + (sp.heap_lo - ph.p_vaddr), snap + sizeof(SnapHeader) + sp.state_len,
               (size_t)sp.heap_len);
        memcpy(k + state_off, snap + sizeof(SnapHeader), (size_t)sp.state_len);
        st.p_offset = state_off;
        st.p_filesz = st.p_memsz = sp.state_len;
        memcpy(k + eh.e_phoff + (size_t)sp.state * sizeof st, &st, sizeof st);
    }
    ph.p_offset = off;
    ph.p_filesz = seg;
    ph.p_memsz = mem > seg ? mem : seg;
    memcpy(k + eh.e_phoff + (size_t)i * sizeof ph, &ph, sizeof ph);
    move_section(k, size, &eh, off, seg);
    if (snap_len)
        total = punch_holes(k, total, &eh, i, sp.heap_lo);

    int rc = cli_write_file(out, k, total);
    int e = errno;
    free(k);
    if (rc < 0)
        return fail(err, errlen, "cannot write %s: %s", out, strerror(e));
    return 0;
}
