/*
** ext_test.c: the external term format (vm/ext.c). Encodings made by OTP
** 25's term_to_binary are decoded and encoded again, and must come back
** byte for byte; then random and mutated inputs are fed to the decoder,
** which must reject or accept them without crashing (run under ASan).
*/
#include <stdio.h>
#include <stdlib.h>

#include "../../sched/proc.h"
#include "../../vm/atom.h"
#include "../../vm/bin.h"
#include "../../vm/compare.h"
#include "../../vm/ext.h"
#include "../../vm/heap.h"
#include "../../vm/lit.h"

static int failures;

#define CHECK(c)                                                        \
    do {                                                                \
        if (!(c)) {                                                     \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c);         \
            failures++;                                                 \
        }                                                               \
    } while (0)

enum { M0 = 1, M2 = 2, Z = 3 };

typedef struct Case {
    const char *name;
    int opts;
    const uint8_t *bytes;
    size_t len;
} Case;

/* Generated with term_to_binary/2 of OTP 25. */
static const Case cases[] = {
    {"0", 0, (const uint8_t[]){131,97,0}, 3},
    {"255", 0, (const uint8_t[]){131,97,255}, 3},
    {"256", 0, (const uint8_t[]){131,98,0,0,1,0}, 6},
    {"-1", 0, (const uint8_t[]){131,98,255,255,255,255}, 6},
    {"2^31-1", 0, (const uint8_t[]){131,98,127,255,255,255}, 6},
    {"2^31", 0, (const uint8_t[]){131,110,4,0,0,0,0,128}, 8},
    {"-2^31-1", 0, (const uint8_t[]){131,110,4,1,1,0,0,128}, 8},
    {"2^64", 0, (const uint8_t[]){131,110,9,0,0,0,0,0,0,0,0,0,1}, 13},
    {"-2^70", 0, (const uint8_t[]){131,110,9,1,0,0,0,0,0,0,0,0,64}, 13},
    {"1.5", 0, (const uint8_t[]){131,70,63,248,0,0,0,0,0,0}, 10},
    {"1.5 minor0", M0, (const uint8_t[]){131,99,49,46,53,48,48,48,48,48,48,48,48,48,48,48,48,48,48,48,48,48,48,48,101,43,48,48,0,0,0,0,0}, 33},
    {"abc", 0, (const uint8_t[]){131,100,0,3,97,98,99}, 7},
    {"abc minor2", M2, (const uint8_t[]){131,119,3,97,98,99}, 6},
    {"a-umlaut", 0, (const uint8_t[]){131,100,0,1,228}, 5},
    {"euro atom", 0, (const uint8_t[]){131,119,3,226,130,172}, 6},
    {"nil", 0, (const uint8_t[]){131,106}, 2},
    {"abc str", 0, (const uint8_t[]){131,107,0,3,97,98,99}, 7},
    {"improper", 0, (const uint8_t[]){131,108,0,0,0,2,97,1,97,2,97,3}, 12},
    {"list 300", 0, (const uint8_t[]){131,108,0,0,0,3,97,1,97,2,98,0,0,1,44,106}, 16},
    {"tuple", 0, (const uint8_t[]){131,104,2,100,0,1,97,104,0}, 9},
    {"bin", 0, (const uint8_t[]){131,109,0,0,0,3,1,2,3}, 9},
    {"bits", 0, (const uint8_t[]){131,77,0,0,0,3,4,1,2,48}, 10},
    {"map", 0, (const uint8_t[]){131,116,0,0,0,2,100,0,1,97,97,2,100,0,1,98,97,1}, 18},
    {"compressed", Z, (const uint8_t[]){131,80,0,0,0,103,120,156,203,102,72,97,164,3,0,0,102,162,1,52}, 20},
    {"compressed small", Z, (const uint8_t[]){131,100,0,3,97,98,99}, 7},
    {"big tuple", 0, (const uint8_t[]){131,105,0,0,1,0,97,1,97,2,97,3,97,4,97,5,97,6,97,7,97,8,97,9,97,10,97,11,97,12,97,13,97,14,97,15,97,16,97,17,97,18,97,19,97,20,97,21,97,22,97,23,97,24,97,25,97,26,97,27,97,28,97,29,97,30,97,31,97,32,97,33,97,34,97,35,97,36,97,37,97,38,97,39,97,40,97,41,97,42,97,43,97,44,97,45,97,46,97,47,97,48,97,49,97,50,97,51,97,52,97,53,97,54,97,55,97,56,97,57,97,58,97,59,97,60,97,61,97,62,97,63,97,64,97,65,97,66,97,67,97,68,97,69,97,70,97,71,97,72,97,73,97,74,97,75,97,76,97,77,97,78,97,79,97,80,97,81,97,82,97,83,97,84,97,85,97,86,97,87,97,88,97,89,97,90,97,91,97,92,97,93,97,94,97,95,97,96,97,97,97,98,97,99,97,100,97,101,97,102,97,103,97,104,97,105,97,106,97,107,97,108,97,109,97,110,97,111,97,112,97,113,97,114,97,115,97,116,97,117,97,118,97,119,97,120,97,121,97,122,97,123,97,124,97,125,97,126,97,127,97,128,97,129,97,130,97,131,97,132,97,133,97,134,97,135,97,136,97,137,97,138,97,139,97,140,97,141,97,142,97,143,97,144,97,145,97,146,97,147,97,148,97,149,97,150,97,151,97,152,97,153,97,154,97,155,97,156,97,157,97,158,97,159,97,160,97,161,97,162,97,163,97,164,97,165,97,166,97,167,97,168,97,169,97,170,97,171,97,172,97,173,97,174,97,175,97,176,97,177,97,178,97,179,97,180,97,181,97,182,97,183,97,184,97,185,97,186,97,187,97,188,97,189,97,190,97,191,97,192,97,193,97,194,97,195,97,196,97,197,97,198,97,199,97,200,97,201,97,202,97,203,97,204,97,205,97,206,97,207,97,208,97,209,97,210,97,211,97,212,97,213,97,214,97,215,97,216,97,217,97,218,97,219,97,220,97,221,97,222,97,223,97,224,97,225,97,226,97,227,97,228,97,229,97,230,97,231,97,232,97,233,97,234,97,235,97,236,97,237,97,238,97,239,97,240,97,241,97,242,97,243,97,244,97,245,97,246,97,247,97,248,97,249,97,250,97,251,97,252,97,253,97,254,97,255,98,0,0,1,0}, 521},
    {"neg float", 0, (const uint8_t[]){131,70,128,0,0,0,0,0,0,0}, 10},
    {"1 bsl 59", 0, (const uint8_t[]){131,110,8,0,0,0,0,0,0,0,0,8}, 12},
};

static Proc proc;

static bool bin_is(term_t b, const uint8_t *bytes, size_t len) {
    size_t n;
    const uint8_t *d = bin_bytes(b, &n);
    return d && n == len && memcmp(d, bytes, len) == 0;
}

static void test_cases(void) {
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const Case *c = &cases[i];
        size_t used = 0;
        term_t t = ext_decode_proc(&proc, c->bytes, c->len, &used, false);
        if (t == TERM_NONE || used != c->len) {
            printf("FAIL decode %s\n", c->name);
            failures++;
            continue;
        }
        int minor = c->opts == M0 ? 0 : c->opts == M2 ? 2 : 1;
        term_t b = ext_encode(&proc, t, c->opts == Z ? 6 : 0, minor);
        if (!bin_is(b, c->bytes, c->len)) {
            printf("FAIL encode %s\n", c->name);
            failures++;
        }
        if (c->opts != Z && ext_size(t, minor) != c->len) {
            printf("FAIL size %s\n", c->name);
            failures++;
        }
    }
}

static term_t *lit_words(void *ctx, size_t n) {
    (void)ctx;
    return lit_alloc(n);
}

static void test_values(void) {
    static const uint8_t two31[] = {131, 110, 4, 0, 0, 0, 0, 128};
    size_t used;
    term_t t = ext_decode_proc(&proc, two31, sizeof two31, &used, false);
    CHECK(t == make_small(2147483648));
    /* a non-normalised big (leading zero bytes) is normalised */
    static const uint8_t padded[] = {131, 110, 9, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0};
    CHECK(ext_decode_proc(&proc, padded, sizeof padded, &used, false) == make_small(-5));
    /* trailing bytes are left: 'used' says how many were read */
    static const uint8_t hello[] = {131, 100, 0, 5, 'h', 'e', 'l', 'l', 'o', 'w', 'o', 'r'};
    t = ext_decode_proc(&proc, hello, sizeof hello, &used, false);
    CHECK(t == atom_intern("hello", 5) && used == 9);
    /* safe refuses new atoms */
    static const uint8_t fresh[] = {131, 119, 6, 'z', 'q', 'x', 'j', 'v', 'w'};
    CHECK(ext_decode_proc(&proc, fresh, sizeof fresh, &used, true) == TERM_NONE);
    CHECK(ext_decode_proc(&proc, fresh, sizeof fresh, &used, false) != TERM_NONE);
    /* the literal area, through an ExtAlloc */
    static const uint8_t tup[] = {131, 104, 2, 97, 1, 109, 0, 0, 0, 70,
        1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,
        1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10,1,2,3,4,5,6,7,8,9,10};
    ExtAlloc la = {lit_words, NULL, NULL};
    t = ext_decode(tup, sizeof tup, &used, &la, false);
    CHECK(t != TERM_NONE && term_is_tuple(t) && lit_contains(term_ptr(t)));
    if (t != TERM_NONE) {
        term_t b = tuple_elems(t)[1];
        size_t n;
        CHECK(boxed_is(b, HDR_REFC_BIN) && bin_bytes(b, &n) && n == 70);
    }
    /* a deep list of nested one-element lists: no C recursion */
    size_t depth = 200000, len = 1 + depth * 5 + 1;
    uint8_t *deep = malloc(len);
    deep[0] = 131;
    for (size_t i = 0; i < depth; i++) memcpy(deep + 1 + 5 * i, "\x6c\x00\x00\x00\x01", 5);
    deep[len - 1] = 106;
    t = ext_decode_proc(&proc, deep, len, &used, false);
    CHECK(t == TERM_NONE); /* each level lacks its tail */
    uint8_t *deep2 = malloc(1 + depth * 6 + 1);
    deep2[0] = 131;
    for (size_t i = 0; i < depth; i++) memcpy(deep2 + 1 + 5 * i, "\x6c\x00\x00\x00\x01", 5);
    memset(deep2 + 1 + 5 * depth, 106, depth + 1);
    t = ext_decode_proc(&proc, deep2, 1 + depth * 6 + 1, &used, false);
    CHECK(t != TERM_NONE && used == 1 + depth * 6 + 1);
    if (t != TERM_NONE) {
        term_t b = ext_encode(&proc, t, 0, 1);
        CHECK(bin_is(b, deep2, used));
    }
    free(deep);
    free(deep2);
}

static uint64_t rng = 88172645463325252ull;
static uint64_t next_rand(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Random bytes, and every case mutated many ways: decode must not crash. */
static void test_hostile(void) {
    uint8_t buf[2048];
    size_t used, accepted = 0;
    for (int round = 0; round < 20000; round++) {
        size_t len = 1 + next_rand() % 64;
        buf[0] = 131;
        for (size_t i = 1; i < len; i++) {
            uint64_t r = next_rand();
            buf[i] = (r & 3) == 0 ? (uint8_t)(97 + (r >> 8) % 24) : (uint8_t)(r >> 16);
        }
        if (ext_decode_proc(&proc, buf, len, &used, true) != TERM_NONE) accepted++;
    }
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (int round = 0; round < 3000; round++) {
            size_t len = cases[c].len;
            memcpy(buf, cases[c].bytes, len);
            int muts = 1 + (int)(next_rand() % 4);
            for (int m = 0; m < muts && len > 1; m++) {
                uint64_t r = next_rand();
                size_t at = 1 + (r >> 8) % (len - 1);
                switch (r % 4) {
                case 0: buf[at] = (uint8_t)(r >> 32); break;
                case 1: buf[at] ^= (uint8_t)(1u << ((r >> 32) % 8)); break;
                case 2: buf[at] = (r >> 32) & 1 ? 0xFF : 0; break;
                default: len = at; break; /* truncate */
                }
            }
            if (ext_decode_proc(&proc, buf, len, &used, true) != TERM_NONE) {
                accepted++;
                CHECK(used <= len);
            }
        }
    }
    /* hostile sizes: huge counts with no bytes behind them */
    static const uint8_t huge[][12] = {
        {131, 108, 0xFF, 0xFF, 0xFF, 0xFF, 106},
        {131, 105, 0x7F, 0xFF, 0xFF, 0xFF, 106},
        {131, 116, 0xFF, 0xFF, 0xFF, 0xFF},
        {131, 109, 0xFF, 0xFF, 0xFF, 0xF0, 1},
        {131, 111, 0xFF, 0xFF, 0xFF, 0xF0, 0, 1},
        {131, 80, 0xFF, 0xFF, 0xFF, 0xFF, 120, 156, 1},
        {131, 107, 0xFF, 0xFF, 1},
    };
    for (size_t i = 0; i < sizeof huge / sizeof huge[0]; i++)
        CHECK(ext_decode_proc(&proc, huge[i], sizeof huge[i], &used, false) == TERM_NONE);
    printf("hostile: %zu inputs accepted\n", accepted);
}

int main(void) {
    atom_init();
    test_cases();
    test_values();
    test_hostile();
    for (term_t *o = proc.offheap; o; o = (term_t *)(uintptr_t)o[REFC_NEXT])
        bin_decref((Binary *)(uintptr_t)o[REFC_BIN]);
    heap_frag_free_chain(proc.frags);
    printf("ext_test: %s (%d failures)\n", failures ? "FAILED" : "ok", failures);
    return failures != 0;
}
