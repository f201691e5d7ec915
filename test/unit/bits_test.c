/*
** bits_test.c: the bit syntax (vm/bits.c) and the binary objects
** (vm/bin.c): construction of every segment type, matching them back,
** bounds, and the linear cost of appending a million bytes one at a time.
*/
#include <stdio.h>
#include <time.h>

#include "../../sched/proc.h"
#include "../../vm/atom.h"
#include "../../vm/bin.h"
#include "../../vm/bits.h"
#include "../../vm/heap.h"

static int failures;

#define CHECK(c)                                                        \
    do {                                                                \
        if (!(c)) {                                                     \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);         \
            failures++;                                                 \
        }                                                               \
    } while (0)

static Proc proc;

static BitsSeg seg(uint32_t type, term_t value, term_t size, uint32_t unit, uint32_t flags) {
    BitsSeg s = {type, unit, flags, value, size, NULL, 0};
    return s;
}

static term_t sm(sint_t v) { return make_small(v); }

/* True if bitstring 't' has exactly 'bits' bits equal to those of 'want'. */
static bool bits_are(term_t t, const uint8_t *want, size_t bits) {
    if (t == TERM_NONE || !term_is_bitstring(t) || bin_bit_size(t) != bits) return false;
    uint8_t buf[64] = {0}, exp[64] = {0};
    const uint8_t *base;
    size_t off, n;
    bin_view(t, &base, &off, &n);
    bin_copy_bits(buf, 0, base, off, bits);
    bin_copy_bits(exp, 0, want, 0, bits);
    return memcmp(buf, exp, (bits + 7) / 8) == 0;
}

static void test_integers(void) {
    BitsSeg s[3];
    s[0] = seg(BITS_INTEGER, sm(0xABC), sm(12), 1, BITS_F_LITTLE);
    CHECK(bits_are(bits_create(&proc, s, 1), (const uint8_t[]){0xBC, 0xA0}, 12));
    s[0] = seg(BITS_INTEGER, sm(-1), sm(70), 1, 0);
    s[1] = seg(BITS_INTEGER, sm(1), sm(3), 1, 0);
    term_t b = bits_create(&proc, s, 2);
    CHECK(bits_are(b, (const uint8_t[]){0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFC,
                                        0x80}, 73));
    /* match them back */
    term_t ctx = bits_start_match(&proc, b);
    CHECK(bits_get_integer(&proc, ctx, 70, BITS_F_SIGNED) == sm(-1));
    CHECK(bits_get_integer(&proc, ctx, 3, 0) == sm(1));
    CHECK(bits_remaining(ctx) == 0);
    CHECK(bits_get_integer(&proc, ctx, 1, 0) == TERM_NONE);

    s[0] = seg(BITS_INTEGER, sm(0xABC), sm(12), 1, BITS_F_LITTLE);
    ctx = bits_start_match(&proc, bits_create(&proc, s, 1));
    CHECK(bits_get_integer(&proc, ctx, 12, BITS_F_LITTLE | BITS_F_SIGNED) == sm(-1348));
    bits_set_position(ctx, 0);
    CHECK(bits_get_integer(&proc, ctx, 12, BITS_F_LITTLE) == sm(0xABC));

    /* a bignum value: 2^65 as 67 little-endian bits, and back */
    term_t big = TERM_NONE;
    {
        uint8_t le[9] = {0, 0, 0, 0, 0, 0, 0, 0, 2};
        big = bin_int_from_le(le, 9, false, bin_proc_alloc, &proc);
    }
    CHECK(term_is_big(big));
    s[0] = seg(BITS_INTEGER, big, sm(67), 1, BITS_F_LITTLE);
    b = bits_create(&proc, s, 1);
    CHECK(bits_are(b, (const uint8_t[]){0, 0, 0, 0, 0, 0, 0, 0, 0x40}, 67));
    ctx = bits_start_match(&proc, b);
    term_t back = bits_get_integer(&proc, ctx, 67, BITS_F_LITTLE);
    CHECK(term_is_big(back) && term_ptr(back)[1] == 0 && term_ptr(back)[2] == 2);
    /* the most negative 64-bit value matches as a bignum */
    s[0] = seg(BITS_INTEGER, sm(1), sm(1), 1, 0);
    s[1] = seg(BITS_INTEGER, sm(0), sm(63), 1, 0);
    ctx = bits_start_match(&proc, bits_create(&proc, s, 2));
    back = bits_get_integer(&proc, ctx, 64, BITS_F_SIGNED);
    CHECK(term_is_big(back) && HDR_SUBTAG(boxed_hdr(back)) == HDR_NEG_BIG &&
          term_ptr(back)[1] == (uint64_t)1 << 63);
    /* errors */
    s[0] = seg(BITS_INTEGER, ATOM_ok, sm(8), 1, 0);
    CHECK(bits_create(&proc, s, 1) == TERM_NONE && proc.freason == ATOM_badarg);
    s[0] = seg(BITS_INTEGER, sm(1), sm(-3), 1, 0);
    CHECK(bits_create(&proc, s, 1) == TERM_NONE && proc.freason == ATOM_badarg);
    s[0] = seg(BITS_INTEGER, sm(1), sm((sint_t)1 << 50), 1, 0);
    CHECK(bits_create(&proc, s, 1) == TERM_NONE && proc.freason == ATOM_system_limit);
}

static void test_floats(void) {
    BitsSeg s[3];
    s[0] = seg(BITS_FLOAT, heap_float(&proc, 1.0e300), sm(32), 1, 0);
    CHECK(bits_are(bits_create(&proc, s, 1), (const uint8_t[]){127, 128, 0, 0}, 32));
    s[0] = seg(BITS_FLOAT, heap_float(&proc, 1.0e-10), sm(16), 1, 0);
    s[1] = seg(BITS_FLOAT, heap_float(&proc, 3.0e-5), sm(16), 1, 0);
    s[2] = seg(BITS_FLOAT, heap_float(&proc, 1.0e-7), sm(32), 1, 0);
    CHECK(bits_are(bits_create(&proc, s, 3), (const uint8_t[]){0, 0, 1, 247, 51, 214, 191, 149},
                   64));
    s[0] = seg(BITS_FLOAT, sm(3), sm(64), 1, BITS_F_LITTLE);
    term_t b = bits_create(&proc, s, 1);
    CHECK(bits_are(b, (const uint8_t[]){0, 0, 0, 0, 0, 0, 8, 64}, 64));
    term_t ctx = bits_start_match(&proc, b);
    term_t f = bits_get_float(&proc, ctx, 64, BITS_F_LITTLE);
    CHECK(f != TERM_NONE && term_is_float(f) && float_val(f) == 3.0);
    /* infinity does not match */
    s[0] = seg(BITS_INTEGER, sm(0x7F800000), sm(32), 1, 0);
    ctx = bits_start_match(&proc, bits_create(&proc, s, 1));
    CHECK(bits_get_float(&proc, ctx, 32, 0) == TERM_NONE && bits_position(ctx) == 0);
    s[0] = seg(BITS_INTEGER, sm(1), sm(16), 1, 0);
    ctx = bits_start_match(&proc, bits_create(&proc, s, 1));
    f = bits_get_float(&proc, ctx, 16, 0);
    CHECK(f != TERM_NONE && float_val(f) == 5.960464477539063e-8);
    s[0] = seg(BITS_FLOAT, heap_float(&proc, 1.5), sm(33), 1, 0);
    CHECK(bits_create(&proc, s, 1) == TERM_NONE);
}

static void test_binaries_and_utf(void) {
    BitsSeg s[4];
    term_t odd = bin_from(&proc, "\x01\x02", 2);
    s[0] = seg(BITS_BINARY, odd, ATOM_all, 8, 0);
    s[1] = seg(BITS_INTEGER, sm(5), sm(3), 1, 0);
    term_t b = bits_create(&proc, s, 2); /* 19 bits */
    CHECK(bits_are(b, (const uint8_t[]){1, 2, 0xA0}, 19));
    s[0] = seg(BITS_BINARY, b, ATOM_all, 8, 0); /* not a whole number of bytes */
    CHECK(bits_create(&proc, s, 1) == TERM_NONE);
    s[0] = seg(BITS_BINARY, b, ATOM_all, 1, 0);
    s[1] = seg(BITS_BINARY, b, sm(2), 8, 0);
    CHECK(bits_are(bits_create(&proc, s, 2), (const uint8_t[]){1, 2, 0xA0, 0x20, 0x40}, 35));
    s[1] = seg(BITS_BINARY, odd, sm(3), 8, 0);
    CHECK(bits_create(&proc, s, 2) == TERM_NONE);

    s[0] = seg(BITS_UTF8, sm(0x20AC), TERM_NIL, 1, 0);
    s[1] = seg(BITS_UTF16, sm(0x1F600), TERM_NIL, 1, BITS_F_LITTLE);
    s[2] = seg(BITS_UTF32, sm(0x41), TERM_NIL, 1, 0);
    s[3] = (BitsSeg){BITS_STRING, 8, 0, TERM_NIL, TERM_NIL, (const uint8_t *)"ok", 2};
    b = bits_create(&proc, s, 4);
    CHECK(bits_are(b, (const uint8_t[]){0xE2, 0x82, 0xAC, 0x3D, 0xD8, 0x00, 0xDE, 0, 0, 0,
                                        0x41, 'o', 'k'}, 104));
    term_t ctx = bits_start_match(&proc, b);
    CHECK(bits_get_utf8(ctx) == sm(0x20AC));
    size_t at = bits_position(ctx);
    CHECK(bits_get_utf16(ctx, 0) == sm(0x3DD8)); /* read big-endian, then again */
    bits_set_position(ctx, at);
    CHECK(bits_get_utf16(ctx, BITS_F_LITTLE) == sm(0x1F600));
    CHECK(bits_get_utf32(ctx, 0) == sm(0x41));
    CHECK(bits_match_string(ctx, (const uint8_t *)"ok", 16));
    CHECK(bits_remaining(ctx) == 0);
    s[0] = seg(BITS_UTF8, sm(0xD800), TERM_NIL, 1, 0);
    CHECK(bits_create(&proc, s, 1) == TERM_NONE);
    s[0] = seg(BITS_UTF32, sm(0x110000), TERM_NIL, 1, 0);
    CHECK(bits_create(&proc, s, 1) == TERM_NONE);
    /* overlong UTF-8 is refused */
    ctx = bits_start_match(&proc, bin_from(&proc, "\xC0\x80", 2));
    CHECK(bits_get_utf8(ctx) == TERM_NONE);

    /* sub binaries at odd offsets, tails */
    term_t big = bin_from(&proc, "abcdefghijklmnopqrstuvwxyz0123456789"
                                 "abcdefghijklmnopqrstuvwxyz0123456789", 72);
    CHECK(boxed_is(big, HDR_REFC_BIN));
    ctx = bits_start_match(&proc, big);
    CHECK(bits_skip(ctx, 3));
    term_t part = bits_get_binary(&proc, ctx, 20 * 8);
    CHECK(part != TERM_NONE && bin_bit_size(part) == 160);
    term_t tail = bits_get_tail(&proc, ctx);
    CHECK(bin_bit_size(tail) == 72 * 8 - 163);
    term_t c2 = bits_start_match(&proc, part);
    CHECK(bits_skip(c2, 5));
    CHECK(bits_get_integer(&proc, c2, 8, 0) == sm('b'));
    CHECK(bits_get_binary(&proc, c2, 1000) == TERM_NONE);
    size_t n;
    CHECK(bin_bytes(part, &n) == NULL);
}

static double seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* <<Acc/binary, (I band 255)>> 'n' times; returns the seconds taken. */
static double append_run(size_t n, term_t *out) {
    double t0 = seconds();
    term_t acc = bin_from(&proc, "", 0);
    for (size_t i = 0; i < n; i++) {
        BitsSeg s[2];
        s[0] = seg(BITS_APPEND, acc, ATOM_all, 8, 0);
        s[1] = seg(BITS_INTEGER, sm((sint_t)(i & 255)), sm(8), 1, 0);
        acc = bits_create(&proc, s, 2);
    }
    *out = acc;
    return seconds() - t0;
}

static void test_append(void) {
    term_t r;
    double small = append_run(100000, &r);
    double big = append_run(1000000, &r);
    size_t n;
    const uint8_t *d = bin_bytes(r, &n);
    CHECK(d && n == 1000000);
    bool same = true;
    for (size_t i = 0; d && i < n; i++) same = same && d[i] == (uint8_t)i;
    CHECK(same);
    printf("append: 100k %.3fs, 1M %.3fs\n", small, big);
    CHECK(big < 40 * small + 0.05); /* linear: about 10x */

    /* appending to an older value copies, and leaves the newer intact */
    BitsSeg s[2];
    term_t a = bin_from(&proc, "xy", 2);
    s[0] = seg(BITS_APPEND, a, ATOM_all, 8, 0);
    s[1] = seg(BITS_INTEGER, sm('1'), sm(8), 1, 0);
    term_t a1 = bits_create(&proc, s, 2);
    s[0] = seg(BITS_APPEND, a1, ATOM_all, 8, 0);
    s[1] = seg(BITS_INTEGER, sm('2'), sm(8), 1, 0);
    term_t a2 = bits_create(&proc, s, 2);
    s[0] = seg(BITS_APPEND, a1, ATOM_all, 8, 0);
    s[1] = seg(BITS_INTEGER, sm('3'), sm(8), 1, 0);
    term_t a3 = bits_create(&proc, s, 2);
    CHECK(bits_are(a2, (const uint8_t *)"xy12", 32));
    CHECK(bits_are(a3, (const uint8_t *)"xy13", 32));
    CHECK(bits_are(a1, (const uint8_t *)"xy1", 24));
    /* bit-level appends */
    s[0] = seg(BITS_APPEND, a1, ATOM_all, 1, 0);
    s[1] = seg(BITS_INTEGER, sm(1), sm(1), 1, 0);
    term_t a4 = bits_create(&proc, s, 2);
    s[0] = seg(BITS_APPEND, a4, ATOM_all, 1, 0);
    term_t a5 = bits_create(&proc, s, 2);
    CHECK(bits_are(a5, (const uint8_t[]){'x', 'y', '1', 0xC0}, 26));
    s[0] = seg(BITS_APPEND, a4, ATOM_all, 8, 0); /* unit 8 on 25 bits */
    CHECK(bits_create(&proc, s, 2) == TERM_NONE);
}

int main(void) {
    atom_init();
    test_integers();
    test_floats();
    test_binaries_and_utf();
    test_append();
    for (term_t *o = proc.offheap; o; o = (term_t *)(uintptr_t)o[REFC_NEXT])
        bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
    heap_frag_free_chain(proc.frags);
    printf("bits_test: %s (%d failures)\n", failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
