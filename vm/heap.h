/*
** heap.h: allocation on a process heap.
**
** A process heap is one block [heap, hend) filled from 'htop' upward. When it
** is full, 'heap_alloc' takes space from a heap fragment (a separate block
** chained on the process) instead of collecting: allocation never moves a
** term, so C code may hold terms across any number of allocations. The
** collector runs only at safe points (the interpreter's test_heap and
** allocate, and between time slices), where the roots are known; it copies
** the live data of the heap and of every fragment into one new heap.
*/
#ifndef SPORE_HEAP_H
#define SPORE_HEAP_H

#include "term.h"

struct Proc;

typedef struct HeapFrag {
    struct HeapFrag *next;
    size_t size;  /* words in 'mem' */
    size_t used;  /* words handed out */
    term_t *offheap; /* refc binaries in this fragment while it belongs to no process */
    term_t mem[];
} HeapFrag;

/* 'n' words on the heap of 'p' (or in a fragment of it). Never fails, never
   GCs; the words are uninitialised. */
term_t *heap_alloc(struct Proc *p, size_t n);

/* A fragment with room for 'n' words, not yet attached to any process (for
   building a message off the receiver's heap); attach with heap_attach. */
HeapFrag *heap_frag_new(size_t n);
void heap_attach(struct Proc *p, HeapFrag *f);
void heap_frag_free_chain(HeapFrag *f);

/* Words free on the main heap of 'p' (not counting fragments). */
size_t heap_free_words(const struct Proc *p);

/* Conveniences built on heap_alloc. */
term_t heap_cons(struct Proc *p, term_t head, term_t tail);
term_t heap_float(struct Proc *p, double d);
term_t heap_tuple(struct Proc *p, size_t arity, const term_t *elems); /* elems may be NULL: fills with nil */
term_t heap_tuple2(struct Proc *p, term_t a, term_t b);
term_t heap_tuple3(struct Proc *p, term_t a, term_t b, term_t c);
term_t heap_tuple4(struct Proc *p, term_t a, term_t b, term_t c, term_t d);
/* An integer: small when it fits, else a bignum. */
term_t heap_int(struct Proc *p, sint_t v);
term_t heap_uint(struct Proc *p, uint64_t v);
/* A proper list of 'n' terms. */
term_t heap_list(struct Proc *p, const term_t *elems, size_t n);
/* A list of the bytes of 's' (a string as Erlang sees it). */
term_t heap_str(struct Proc *p, const char *s, size_t n);
term_t heap_cstr(struct Proc *p, const char *s);

#endif
