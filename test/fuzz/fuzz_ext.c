/*
** fuzz_ext.c: a libFuzzer target for the external term format decoder
** (vm/ext.c, binary_to_term). Each input is decoded on a scratch process;
** an accepted term must survive term_to_binary and binary_to_term again
** unchanged, with ext_size agreeing with the encoding, and must decode the
** same through ext_decode (the literal path, which copies with copy.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../sched/proc.h"
#include "../../vm/atom.h"
#include "../../vm/bin.h"
#include "../../vm/compare.h"
#include "../../vm/ext.h"
#include "../../vm/heap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Proc proc;

/* ext_decode's destination: blocks chained through their first word. */
typedef struct Blocks { term_t *head; } Blocks;

static term_t *blocks_alloc(void *ctx, size_t n) {
    Blocks *b = ctx;
    term_t *blk = vm_alloc((n + 1) * sizeof *blk);
    blk[0] = (term_t)(uintptr_t)b->head;
    b->head = blk;
    return blk + 1;
}

static void release(term_t *offheap) {
    for (term_t *o = offheap; o; o = (term_t *)(uintptr_t)o[REFC_NEXT])
        bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
}

static void fail(const char *what) {
    fprintf(stderr, "fuzz_ext: %s\n", what);
    abort();
}

/* 't' (decoded from 'len' bytes) encoded and decoded again must be equal. */
static void check_round_trip(term_t t, int minor, int level) {
    term_t b = ext_encode(&proc, t, level, minor);
    size_t n = 0, used = 0;
    const uint8_t *bytes = bin_bytes(b, &n);
    if (!bytes) fail("term_to_binary did not give a binary");
    if (level == 0 && n != ext_size(t, minor)) fail("ext_size differs from the encoding");
    term_t back = ext_decode_proc(&proc, bytes, n, &used, false);
    if (back == TERM_NONE) fail("binary_to_term refused what term_to_binary wrote");
    if (used != n) fail("binary_to_term did not read the whole encoding");
    if (!compare_exact(t, back)) fail("round trip changed the term");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool booted;
    if (!booted) {
        atom_init();
        proc.pid = make_pid(0);
        booted = true;
    }
    size_t used = 0;
    /* safe (binary_to_term/2 with [safe]) may only refuse more */
    term_t safe = ext_decode_proc(&proc, data, size, &used, true);
    term_t t = ext_decode_proc(&proc, data, size, &used, false);
    if (safe != TERM_NONE && t == TERM_NONE) fail("accepted only when safe");
    if (t != TERM_NONE) {
        if (used == 0 || used > size) fail("bad byte count");
        if (safe != TERM_NONE && !compare_exact(safe, t)) fail("safe decoding differs");
        check_round_trip(t, 2, 0);
        check_round_trip(t, 1, 0);
        if (size & 1) check_round_trip(t, 2, 6);
        Blocks blocks = {NULL};
        term_t *chain = NULL;
        ExtAlloc a = {blocks_alloc, &blocks, &chain};
        size_t used2 = 0;
        term_t lit = ext_decode(data, size, &used2, &a, false);
        if (lit == TERM_NONE || used2 != used || !compare_exact(lit, t))
            fail("ext_decode differs from ext_decode_proc");
        release(chain);
        while (blocks.head) {
            term_t *next = (term_t *)(uintptr_t)blocks.head[0];
            vm_free(blocks.head);
            blocks.head = next;
        }
    }
    release(proc.offheap);
    proc.offheap = NULL;
    heap_frag_free_chain(proc.frags);
    proc.frags = NULL;
    return 0;
}
