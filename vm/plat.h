/*
** plat.h: the platform interface, the only door between the VM and what it
** runs on (hosted/ for a Linux process, xen/ for a Xen or KVM guest).
** Everything here either succeeds or stops the VM, except the calls that
** return a plat_result_t.
*/
#ifndef SPORE_PLAT_H
#define SPORE_PLAT_H

#include <stdbool.h>
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

/* Implemented by the VM. A platform calls vm_main once: vm_prepare (the
   VM's tables and the program image), vm_boot (the command line, init
   spawned) and vm_run (the scheduler, until the VM stops). None of the
   first two reads the clock or leaves anything of the platform's in the
   VM's memory. A platform that starts warm calls vm_prepare, vm_preload,
   vm_boot and vm_run once, at build time, until vm_run returns VM_WARM at
   the warm point, calls vm_freeze and keeps a copy of the VM's memory
   then; each boot that restores that copy calls vm_run.
   vm_run and vm_main return the exit status; the others 0, or 1 after
   saying why on the console. vm_loaded writes the loaded modules, oldest
   first and comma-separated, into 'buf' (NUL-terminated, cut at 'len')
   and returns their length: each as its name, then "/" and the functions
   decoded so far as hex digits (digit i: functions 4i..4i+3, lowest bit
   first) if any are. vm_preload takes that list (NULL: the image's file
   VM_WARM_FILE holds it): it loads the modules and decodes those
   functions. */
int vm_main(const PlatStart *start);
int vm_prepare(const PlatStart *start);
int vm_preload(const char *modules);
/* The image's file that holds vm_loaded's list for vm_preload(NULL). */
#define VM_WARM_FILE "spore.warm"
int vm_boot(const PlatStart *start);
int vm_run(void);
/* What vm_run returns when it stopped at the warm point (below). */
#define VM_WARM (-1)
size_t vm_loaded(char *buf, size_t len);
/* Called by a platform about to copy the VM's memory at the warm point,
   after which this run goes no further: forgets what the VM derived from
   this run's clocks, as each restored copy must take it from its own (the
   first instruction's marker, the wall clock's offset), and zeroes the
   blocks the VM's allocator holds free, so that no stale bytes go into the
   copy. A restored copy needs nothing more than vm_run. */
void vm_freeze(void);

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

/* Init calls it (spore:warm_point/0) when it is about to run the program:
   everything before is the same at every boot. True when the platform is
   taking a snapshot of the VM there: vm_run then returns VM_WARM, every
   process as it is, and a restored VM goes on from this point. */
bool plat_warm_point(void);

/* Records that boot phase 'm' was reached, now. Cheap; may print later. */
void plat_mark(PlatMark m);

/* Stops the VM: exit status 'status', or a crash with a message. */
_Noreturn void plat_exit(int status);
_Noreturn void plat_abort(const char *why);

#endif
