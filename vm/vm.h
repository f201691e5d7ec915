/*
** vm.h: the basic types, limits and checks every file of the VM shares.
** It is the one place for configuration; nothing here knows a platform.
*/
#ifndef SPORE_VM_H
#define SPORE_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t term_t;  /* a tagged Erlang term, see term.h */
typedef int64_t sint_t;   /* the signed view of a word */
typedef uint64_t uint_t;

/* Limits. */
#define VM_MAX_X 1024      /* x registers */
#define VM_MAX_F 256       /* float registers */
#define VM_MAX_ARITY 255   /* functions, funs, BIFs */
#define VM_MAX_ATOM_CHARS 255

/* The checks build (VM_CHECKS) turns assertions on and uses switch dispatch. */
#ifdef VM_CHECKS
#define VM_ASSERT(c) ((c) ? (void)0 : vm_assert_fail(#c, __FILE__, __LINE__))
#else
#define VM_ASSERT(c) ((void)0)
#endif

#define VM_LIKELY(x) __builtin_expect(!!(x), 1)
#define VM_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define VM_UNUSED(x) ((void)(x))

/* Prints a message on the console and stops the whole VM. Only for
   exhaustion of the platform heap and broken invariants, never for
   anything an Erlang program or an input file can cause. */
_Noreturn void vm_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void vm_assert_fail(const char *what, const char *file, int line);

/* Allocation from the platform heap: these never return NULL (they panic). */
void *vm_alloc(size_t n);
void *vm_zalloc(size_t n);
void *vm_realloc(void *p, size_t n);
void vm_free(void *p);
/* 'n' bytes (8-aligned, not zeroed) that are never freed: atom names,
   exports, code decoded after its module loaded. Small ones are carved
   from shared chunks, without the header and rounding of vm_alloc. */
void *vm_perm_alloc(size_t n);
/* Zeroes the blocks the allocator holds free (vm_freeze). */
void vm_scrub(void);

#endif
