/*
** lit.c: the literal area (lit.h): zeroed words bumped out of large chunks
** that are never freed. The chunk ranges are kept sorted so that
** lit_contains, which the collector and the checks ask often, is a bounds
** test and a binary search over a handful of chunks.
*/
#include "copy.h"
#include "bin.h"
#include "lit.h"

#define LIT_CHUNK_WORDS ((size_t)1 << 9)    /* 4 KiB */

typedef struct LitChunk {
    uintptr_t lo, hi;
} LitChunk;

static LitChunk *chunks;            /* sorted by address */
static size_t nchunks, chunks_cap;
static uintptr_t lit_lo = UINTPTR_MAX, lit_hi;
static term_t *cur, *cur_end;       /* the chunk being filled */

static term_t *new_chunk(size_t words)
{
    term_t *mem = vm_zalloc(words * sizeof(term_t));
    uintptr_t lo = (uintptr_t)mem, hi = (uintptr_t)(mem + words);
    if (nchunks == chunks_cap) {
        chunks_cap = chunks_cap ? chunks_cap * 2 : 16;
        chunks = vm_realloc(chunks, chunks_cap * sizeof *chunks);
    }
    size_t i = nchunks;
    while (i > 0 && chunks[i - 1].lo > lo) {
        chunks[i] = chunks[i - 1];
        i--;
    }
    chunks[i].lo = lo;
    chunks[i].hi = hi;
    nchunks++;
    if (lo < lit_lo) lit_lo = lo;
    if (hi > lit_hi) lit_hi = hi;
    return mem;
}

term_t *lit_alloc(size_t n)
{
    if (n == 0) n = 1;
    if (n <= (size_t)(cur_end - cur)) {
        term_t *hp = cur;
        cur += n;
        return hp;
    }
    if (n > LIT_CHUNK_WORDS / 4) return new_chunk(n);  /* its own chunk */
    cur = new_chunk(LIT_CHUNK_WORDS);
    cur_end = cur + LIT_CHUNK_WORDS;
    term_t *hp = cur;
    cur += n;
    return hp;
}

bool lit_contains(const void *p)
{
    uintptr_t a = (uintptr_t)p;
    if (a < lit_lo || a >= lit_hi) return false;
    size_t lo = 0, hi = nchunks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a < chunks[mid].lo) hi = mid;
        else if (a >= chunks[mid].hi) lo = mid + 1;
        else return true;
    }
    return false;
}

term_t lit_copy(term_t t)
{
    size_t n = copy_size(t);
    if (n == 0) return t;
    term_t *hp = lit_alloc(n);
    term_t *offheap = NULL;
    term_t r = copy_term(t, &hp, &offheap);
    /* The references copy_term took stay with the literal forever; the
       literal area has no off-heap chain. */
    while (offheap) {
        term_t *next = (term_t *)(uintptr_t)offheap[REFC_NEXT];
        offheap[REFC_NEXT] = 0;
        offheap = next;
    }
    return r;
}
