/*
** erlang_hash.c: the checksum BIFs of module erlang: md5 (with its
** incremental form, whose context is a binary holding the MD5 state) and
** crc32/adler32, which come from zlib.
*/
#include <string.h>
#include <zlib.h>

#include "bif.h"

#include "../vm/bin.h"
#include "../vm/md5.h"

/* The bytes of the iodata 't' in a buffer from vm_alloc; NULL if 't' is
   not iodata of whole bytes. */
static uint8_t *iodata(term_t t, size_t *n) {
    size_t bits;
    if (!bin_iolist_bits(t, false, &bits) || bits % 8) return NULL;
    *n = bits / 8;
    uint8_t *b = vm_alloc(*n ? *n : 1);
    bin_iolist_write(t, b);
    return b;
}

static BIF(bif_erlang_md5_1) {
    size_t n;
    uint8_t *b = iodata(args[0], &n), out[16];
    if (!b) BIF_BADARG(p);
    Md5 m;
    md5_init(&m);
    md5_update(&m, b, n);
    md5_final(&m, out);
    vm_free(b);
    return bin_from(p, out, sizeof out);
}

static BIF(bif_erlang_md5_init_0) {
    Md5 m;
    md5_init(&m);
    return bin_from(p, &m, sizeof m);
}

static bool md5_context(term_t t, Md5 *m) {
    size_t n;
    const uint8_t *b = term_is_bitstring(t) ? bin_bytes(t, &n) : NULL;
    if (!b || n != sizeof *m) return false;
    memcpy(m, b, sizeof *m);
    return true;
}

static BIF(bif_erlang_md5_update_2) {
    Md5 m;
    size_t n;
    if (!md5_context(args[0], &m)) BIF_BADARG(p);
    uint8_t *b = iodata(args[1], &n);
    if (!b) BIF_BADARG(p);
    md5_update(&m, b, n);
    vm_free(b);
    return bin_from(p, &m, sizeof m);
}

static BIF(bif_erlang_md5_final_1) {
    Md5 m;
    uint8_t out[16];
    if (!md5_context(args[0], &m)) BIF_BADARG(p);
    md5_final(&m, out);
    return bin_from(p, out, sizeof out);
}

typedef uLong (*Sum)(uLong, const Bytef *, uInt);

static term_t checksum(Proc *p, Sum f, uLong start, term_t data) {
    size_t n;
    uint8_t *b = iodata(data, &n);
    if (!b) BIF_BADARG(p);
    uLong v = start;
    for (size_t off = 0; off < n;) {
        uInt k = n - off > 0x40000000u ? 0x40000000u : (uInt)(n - off);
        v = f(v, b + off, k);
        off += k;
    }
    vm_free(b);
    return make_small((sint_t)v);
}

static bool u32(term_t t, uLong *v) {
    if (!term_is_small(t) || small_val(t) < 0 || small_val(t) > 0xFFFFFFFFll) return false;
    *v = (uLong)small_val(t);
    return true;
}

static BIF(bif_erlang_crc32_1) { return checksum(p, crc32, crc32(0, NULL, 0), args[0]); }
static BIF(bif_erlang_crc32_2) {
    uLong v;
    if (!u32(args[0], &v)) BIF_BADARG(p);
    return checksum(p, crc32, v, args[1]);
}
static BIF(bif_erlang_adler32_1) { return checksum(p, adler32, adler32(0, NULL, 0), args[0]); }
static BIF(bif_erlang_adler32_2) {
    uLong v;
    if (!u32(args[0], &v)) BIF_BADARG(p);
    return checksum(p, adler32, v, args[1]);
}

static BIF(bif_erlang_crc32_combine_3) {
    uLong a, b, n;
    if (!u32(args[0], &a) || !u32(args[1], &b) || !u32(args[2], &n)) BIF_BADARG(p);
    return make_small((sint_t)crc32_combine(a, b, (z_off_t)n));
}

static BIF(bif_erlang_adler32_combine_3) {
    uLong a, b, n;
    if (!u32(args[0], &a) || !u32(args[1], &b) || !u32(args[2], &n)) BIF_BADARG(p);
    return make_small((sint_t)adler32_combine(a, b, (z_off_t)n));
}

const BifDef bif_erlang_hash_table[] = {
    {"erlang", "md5", 1, bif_erlang_md5_1, 0},
    {"erlang", "md5_init", 0, bif_erlang_md5_init_0, 0},
    {"erlang", "md5_update", 2, bif_erlang_md5_update_2, 0},
    {"erlang", "md5_final", 1, bif_erlang_md5_final_1, 0},
    {"erlang", "crc32", 1, bif_erlang_crc32_1, 0},
    {"erlang", "crc32", 2, bif_erlang_crc32_2, 0},
    {"erlang", "crc32_combine", 3, bif_erlang_crc32_combine_3, 0},
    {"erlang", "adler32", 1, bif_erlang_adler32_1, 0},
    {"erlang", "adler32", 2, bif_erlang_adler32_2, 0},
    {"erlang", "adler32_combine", 3, bif_erlang_adler32_combine_3, 0},
    {NULL, NULL, 0, NULL, 0},
};
