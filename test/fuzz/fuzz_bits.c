/*
** fuzz_bits.c: a libFuzzer target for bit-syntax matching (vm/bits.c over
** vm/bin.c's objects). An input is a header, a program of match steps and
** the bytes to match: each step runs on a match context; a failed step must
** leave the position alone, a step that succeeds must advance by what it
** took, and what it took, built back with bits_create, must equal the bits
** it was taken from.
**   byte 0: bit offset of the subject (low 3 bits), bits cut from its end
**           (next 3 bits)
**   byte 1: number of steps (at most 32); then 2 bytes a step (kind, n);
**   the rest: the bytes of the subject.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../sched/proc.h"
#include "../../vm/atom.h"
#include "../../vm/bin.h"
#include "../../vm/bits.h"
#include "../../vm/heap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Proc proc;

static void fail(const char *what, unsigned step) {
    fprintf(stderr, "fuzz_bits: step %u: %s\n", step, what);
    abort();
}

static unsigned bit_at(const uint8_t *base, size_t i) { return (base[i / 8] >> (7 - i % 8)) & 1u; }

/* True if bitstring 't' holds exactly the 'n' bits at bit 'at' of 'base'. */
static bool same_bits(term_t t, const uint8_t *base, size_t at, size_t n) {
    if (t == TERM_NONE || !term_is_bitstring(t) || bin_bit_size(t) != n) return false;
    const uint8_t *tb;
    size_t toff, tn;
    bin_view(t, &tb, &toff, &tn);
    for (size_t i = 0; i < n; i++)
        if (bit_at(tb, toff + i) != bit_at(base, at + i)) return false;
    return true;
}

/* Builds the one segment back; it must equal the 'n' bits at 'at'. */
static void check_built(uint32_t type, term_t v, term_t seg_size, uint32_t flags,
                        const uint8_t *base, size_t at, size_t n, unsigned step) {
    BitsSeg s = {type, 1, flags, v, seg_size, NULL, 0};
    term_t b = bits_create(&proc, &s, 1);
    if (!same_bits(b, base, at, n)) fail("built back, the value gives other bits", step);
}

static uint32_t flags_of(unsigned kind) {
    uint32_t f = 0;
    if (kind & 0x10) f |= BITS_F_LITTLE;
    if (kind & 0x20) f |= BITS_F_SIGNED;
    if (kind & 0x40) f |= BITS_F_NATIVE;
    return f;
}

/* Runs the steps on a context for 'bin', whose bits are those of 'orig'
   (a heap or refc binary: bit 0 at its first byte) from bit 'start'. */
static void run(const uint8_t *prog, unsigned nsteps, term_t bin, term_t orig) {
    term_t ctx = bits_start_match(&proc, bin);
    if (ctx == TERM_NONE) fail("no match context for a bitstring", 0);
    const uint8_t *base;
    size_t zero, obits;
    bin_view(orig, &base, &zero, &obits);
    size_t mark = bits_position(ctx);
    for (unsigned i = 0; i < nsteps; i++) {
        unsigned kind = prog[2 * i], n = prog[2 * i + 1];
        uint32_t flags = flags_of(kind);
        size_t pos = bits_position(ctx), left = bits_remaining(ctx);
        if (pos + left > obits) fail("context past the end of its binary", i);
        term_t v = TERM_NONE;
        size_t took = 0;
        switch (kind & 0x0F) {
        case 0: case 1: { /* integer of n bits, or n bytes */
            size_t bits = (kind & 0x0F) == 1 ? 8u * n : n;
            v = bits_get_integer(&proc, ctx, bits, flags);
            if (v == TERM_NONE) break;
            took = bits;
            if (!(flags & (BITS_F_LITTLE | BITS_F_NATIVE | BITS_F_SIGNED)) && bits <= 48) {
                sint_t want = 0;
                for (size_t b = 0; b < bits; b++) want = want << 1 | bit_at(base, pos + b);
                if (v != make_small(want)) fail("unsigned integer differs", i);
            }
            check_built(BITS_INTEGER, v, make_small((sint_t)bits), flags, base, pos, bits, i);
            break;
        }
        case 2: { /* float */
            static const size_t sizes[] = {16, 32, 64, 8 * 3};
            size_t bits = sizes[n & 3];
            v = bits_get_float(&proc, ctx, bits, flags);
            if (v == TERM_NONE) break;
            took = bits;
            if (!term_is_float(v)) fail("float segment gave no float", i);
            check_built(BITS_FLOAT, v, make_small((sint_t)bits), flags & ~BITS_F_SIGNED, base,
                        pos, bits, i);
            break;
        }
        case 3: case 4: { /* binary of n bits or n bytes */
            size_t bits = (kind & 0x0F) == 4 ? 8u * n : n;
            v = bits_get_binary(&proc, ctx, bits);
            if (v == TERM_NONE) break;
            took = bits;
            if (!same_bits(v, base, pos, bits)) fail("binary segment differs", i);
            break;
        }
        case 5: /* tail: does not advance */
            v = bits_get_tail(&proc, ctx);
            if (!same_bits(v, base, pos, left)) fail("tail differs", i);
            if (!same_bits(bits_get_tail(&proc, ctx), base, pos, left))
                fail("tail differs", i);
            check_built(BITS_BINARY, v, ATOM_all, 0, base, pos, left, i);
            v = TERM_NONE;
            break;
        case 6: case 7: case 8: { /* utf8, utf16, utf32 */
            unsigned k = kind & 0x0F;
            v = k == 6 ? bits_get_utf8(ctx) : k == 7 ? bits_get_utf16(ctx, flags)
                                                   : bits_get_utf32(ctx, flags);
            if (v == TERM_NONE) break;
            took = bits_position(ctx) - pos;
            if (!term_is_small(v)) fail("utf segment gave no integer", i);
            check_built(k == 6 ? BITS_UTF8 : k == 7 ? BITS_UTF16 : BITS_UTF32, v, TERM_NIL,
                        flags, base, pos, took, i);
            break;
        }
        case 9: /* skip n bits */
            if (bits_skip(ctx, n)) took = n;
            else if (n <= left) fail("skip refused", i);
            v = took == n && n <= left ? make_small(0) : TERM_NONE;
            break;
        case 10: { /* match the bits n bits further on */
            size_t bits = left >= (size_t)n ? left - n : 0;
            size_t bytes = (bits + 7) / 8;
            uint8_t *want = vm_zalloc(bytes ? bytes : 1);
            bin_copy_bits(want, 0, base, pos + (left - bits), bits);
            bool same = true;
            for (size_t b = 0; b < bits && same; b++)
                same = bit_at(base, pos + b) == bit_at(base, pos + left - bits + b);
            bool got = bits_match_string(ctx, want, bits);
            vm_free(want);
            if (got != same) fail("match_string disagrees", i);
            if (got) took = bits, v = make_small(0);
            break;
        }
        case 11: /* remember the position */
            mark = pos;
            break;
        case 12: /* go back to it */
            bits_set_position(ctx, mark);
            if (bits_position(ctx) != mark) fail("set_position did not stick", i);
            continue;
        case 13: { /* a nested match on what is left */
            term_t sub = bits_get_tail(&proc, ctx);
            term_t c2 = bits_start_match(&proc, sub);
            if (c2 == TERM_NONE || bits_remaining(c2) != left) fail("nested context", i);
            if (bits_start_match(&proc, c2) != c2) fail("a context is not its own context", i);
            break;
        }
        default: {
            size_t bits = 0;
            if (!bits_seg_size(make_small(n), kind >> 4, &bits) || bits != (size_t)n * (kind >> 4))
                fail("bits_seg_size", i);
            if (bits_seg_size(make_small(-1), 1, &bits)) fail("bits_seg_size of -1", i);
            break;
        }
        }
        if (v == TERM_NONE && bits_position(ctx) != pos) fail("a failed step moved", i);
        if (v != TERM_NONE && bits_position(ctx) != pos + took) fail("a step moved wrongly", i);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool booted;
    if (!booted) {
        atom_init();
        booted = true;
    }
    if (size < 2) return 0;
    unsigned off = data[0] & 7, cut = (data[0] >> 3) & 7;
    unsigned nsteps = data[1] % 33;
    if (size < 2 + 2 * (size_t)nsteps) return 0;
    const uint8_t *prog = data + 2, *bytes = prog + 2 * nsteps;
    size_t nbytes = size - 2 - 2 * (size_t)nsteps;
    term_t orig = bin_from(&proc, bytes, nbytes);
    term_t bin = orig;
    if (nbytes * 8 >= off + cut && (off || cut))
        bin = bin_sub(&proc, orig, off, nbytes * 8 - off - cut);
    run(prog, nsteps, bin, orig);
    for (term_t *o = proc.offheap; o; o = (term_t *)(uintptr_t)o[REFC_NEXT])
        bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
    proc.offheap = NULL;
    heap_frag_free_chain(proc.frags);
    proc.frags = NULL;
    return 0;
}
