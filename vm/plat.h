/*
** plat.h: the platform interface, the only door between the VM and what it
** runs on (hosted/ for a Linux process, xen/ for a Xen or KVM guest).
** Everything here either succeeds or stops the VM, except the calls that
** return a plat_result_t.
*/
#ifndef SPORE_PLAT_H
#define SPORE_PLAT_H

#include <stddef.h>
#include <stdint.h>

typedef enum { PLAT_OK = 0, PLAT_AGAIN, PLAT_EINVAL, PLAT_EUNSPEC } plat_result_t;

/* What the platform hands the VM at boot. */
typedef struct PlatStart {
    int argc;
    char **argv;          /* the command line, erl -noshell style */
    const uint8_t *image; /* a program image (vm/image.h) or a module bundle
                             (vm/bundle.h) the code loader looks in before
                             plat_file_read, or NULL */
    size_t image_len;
} PlatStart;

/* Boot phases the VM reports, for the platform's boot markers. */
typedef enum {
    PLAT_MARK_VM = 0,     /* the VM is initialised, init not yet spawned */
    PLAT_MARK_FIRST,      /* the first Erlang instruction is about to run */
    PLAT_MARK_READY       /* the application said it is ready (spore:ready/0) */
} PlatMark;

/* Implemented by the VM; the platform calls it once. Returns the exit status. */
int vm_main(const PlatStart *start);

/* Writes 'n' bytes to the console. Never fails; may block briefly. */
void plat_console_write(const char *s, size_t n);

/* Nanoseconds: monotonic since an arbitrary origin, and wall-clock since
   1970-01-01 UTC. */
uint64_t plat_clock_monotonic(void);
uint64_t plat_clock_wall(void);

/* The scheduler's only blocking point: waits until plat_clock_monotonic()
   reaches 'deadline' (UINT64_MAX: no deadline) or an external event
   arrives. May return early. */
void plat_yield(uint64_t deadline);

/* Fills 'buf' with 'n' random bytes. */
void plat_random(void *buf, size_t n);

/* Reads a whole file (hosted: the file system; a guest: the boot image).
   The bytes come from vm_alloc; the caller frees them with vm_free. */
plat_result_t plat_file_read(const char *path, uint8_t **data, size_t *len);

/* Records that boot phase 'm' was reached, now. Cheap; may print later. */
void plat_mark(PlatMark m);

/* Stops the VM: exit status 'status', or a crash with a message. */
_Noreturn void plat_exit(int status);
_Noreturn void plat_abort(const char *why);

#endif
