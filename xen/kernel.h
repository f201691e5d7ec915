/*
** kernel.h: what the files of xen/ share. The platform layer implements
** vm/plat.h over three boot paths of one x86_64 image: a Xen PVH guest, a
** Xen PV guest, and a bare PVH guest (QEMU microvm, KVM microVM hosts).
** Nothing here knows Erlang. Declarations are grouped by the file that owns
** them; each file's names carry its prefix.
**
** Addresses: the image is linked at 1 MiB with virtual == pseudo-physical.
** On PVH and bare PVH the page tables are ours and identity-map RAM; on PV
** Xen maps the image at the same virtual addresses, and a guest frame
** number (gfn) is a pfn that the p2m table turns into a machine frame.
*/
#ifndef SPORE_XEN_KERNEL_H
#define SPORE_XEN_KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/vcpu.h>
#include <xen/version.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/arch-x86/hvm/start_info.h>

#include "../image/seal.h"
#include "../image/snapshot.h"

#define PAGE_SIZE 4096UL
#define PAGE_SHIFT 12
#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~((uintptr_t)(a) - 1))

/* 'c' as a value GCC cannot see into, so that it tests it once rather than
   a branch per term of it: on the boot's way, under emulation, each branch
   ends a block of code that is translated before it runs. */
static inline bool opaque(bool c) {
    __asm__("" : "+r"(c));
    return c;
}

#define barrier() __asm__ volatile("" ::: "memory")
#define mb() __asm__ volatile("mfence" ::: "memory")
#define rmb() barrier()
#define wmb() barrier()

/* ---- cpu.h-like helpers: port I/O, CPUID, MSRs, TSC -------------------- */

/* Zeroes 'n' bytes (a multiple of 8) at 'p' with rep stosq: small code for
   the boot path, where the C library's memset is a large routine. */
static inline void zero_words(void *p, size_t n) {
    size_t words = n / 8;
    __asm__ volatile("cld; rep stosq" : "+D"(p), "+c"(words) : "a"(0UL) : "memory");
}
static inline void outb(uint16_t port, uint8_t v) { __asm__ volatile("outb %0, %1" ::"a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { __asm__ volatile("outl %0, %1" ::"a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) {
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4]) {
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}
static inline void wrmsr(uint32_t msr, uint64_t v) {
    __asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}
static inline uint64_t rdmsr(uint32_t msr) {
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}
static inline uint64_t rdtsc(void) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* ---- hypercall.c: the 64-bit hypercall ABI (rdi rsi rdx r10 r8) -------- */

extern char hypercall_page[4096];

static inline long hypercall(unsigned nr, unsigned long a1, unsigned long a2, unsigned long a3,
                             unsigned long a4) {
    register unsigned long r1 __asm__("rdi") = a1;
    register unsigned long r2 __asm__("rsi") = a2;
    register unsigned long r3 __asm__("rdx") = a3;
    register unsigned long r4 __asm__("r10") = a4;
    long ret;
    __asm__ volatile("call *%[fn]"
                     : "=a"(ret), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4)
                     : [fn] "r"(hypercall_page + nr * 32)
                     : "memory", "rcx", "r8", "r9", "r11");
    return ret;
}
#define HYPERVISOR_console_io(cmd, n, s) hypercall(__HYPERVISOR_console_io, (cmd), (n), (unsigned long)(s), 0)
#define HYPERVISOR_sched_op(cmd, arg) hypercall(__HYPERVISOR_sched_op, (cmd), (unsigned long)(arg), 0, 0)
#define HYPERVISOR_event_channel_op(cmd, arg) \
    hypercall(__HYPERVISOR_event_channel_op, (cmd), (unsigned long)(arg), 0, 0)
#define HYPERVISOR_hvm_op(cmd, arg) hypercall(__HYPERVISOR_hvm_op, (cmd), (unsigned long)(arg), 0, 0)
#define HYPERVISOR_xen_version(cmd, arg) hypercall(__HYPERVISOR_xen_version, (cmd), (unsigned long)(arg), 0, 0)
#define HYPERVISOR_memory_op(cmd, arg) hypercall(__HYPERVISOR_memory_op, (cmd), (unsigned long)(arg), 0, 0)
#define HYPERVISOR_grant_table_op(cmd, arg, n) \
    hypercall(__HYPERVISOR_grant_table_op, (cmd), (unsigned long)(arg), (n), 0)
#define HYPERVISOR_vcpu_op(cmd, vcpu, arg) hypercall(__HYPERVISOR_vcpu_op, (cmd), (vcpu), (unsigned long)(arg), 0)
#define HYPERVISOR_update_va_mapping(va, pte, flags) \
    hypercall(__HYPERVISOR_update_va_mapping, (va), (pte), (flags), 0)
#define HYPERVISOR_mmu_update(req, n, done, dom) \
    hypercall(__HYPERVISOR_mmu_update, (unsigned long)(req), (n), (unsigned long)(done), (dom))
#define HYPERVISOR_set_callbacks(ev, fs, sc) hypercall(__HYPERVISOR_set_callbacks, (ev), (fs), (sc), 0)
#define HYPERVISOR_set_trap_table(t) hypercall(__HYPERVISOR_set_trap_table, (unsigned long)(t), 0, 0, 0)

/* ---- boot.c: what the boot path found -------------------------------------- */

typedef enum { BOOT_BARE, BOOT_PVH, BOOT_PV } BootMode;

typedef struct Boot {
    BootMode mode;
    bool dom0;                      /* Xen's initial domain */
    uint16_t domid;                 /* DOMID_SELF until xenstore says */
    const char *cmdline;            /* the kernel command line, never NULL */
    const uint8_t *module;          /* the first boot module, or NULL */
    size_t module_len;
    uintptr_t mem_lo, mem_hi;       /* the free RAM the heap may take */
    uint64_t tsc_entry;             /* TSC at the first instruction */
    start_info_t *pv_start;         /* PV only */
    shared_info_t *shared;          /* Xen only: mapped shared_info */
    struct vcpu_info *vcpu;         /* Xen only: vcpu 0's vcpu_info */
} Boot;

extern Boot boot;

/* The memory map as the boot path reported it, in the PVH start info's
   format (type XEN_HVM_MEMMAP_TYPE_RAM is RAM): PVH's own table, read
   where the loader put it (mm_init reads it before anything is allocated),
   or one boot.c made for PV and for a PVH dom0. The image, the boot module
   and the start info are inside its RAM: mm.c keeps out of them. */
extern const struct hvm_memmap_table_entry *boot_ram;
extern uint32_t boot_ram_count;

/* Finds the Xen CPUID leaves; 0 when there is no Xen. */
uint32_t boot_xen_cpuid_base(void);
/* Stops the guest: Xen shutdown (poweroff or crash), or QEMU's debug exit. */
_Noreturn void boot_shutdown(int status, bool crash);

/* ---- seal.c: the image `spore build` seals into the kernel ---------------- */

/* The last load segment of the kernel ELF (image/seal.h). */
extern const volatile SealedImage sealed_image;
/* The end of the kernel and the image (not of a snapshot's header or heap). */
static inline uintptr_t seal_end(void) {
    extern char __image_end[];
    uintptr_t end = (uintptr_t)&sealed_image + sizeof sealed_image + sealed_image.len;
    return end > (uintptr_t)__image_end ? end : (uintptr_t)__image_end;
}
/* The snapshot's header after the image, or NULL. */
static inline const uint8_t *seal_snapshot(size_t *len) {
    if (!sealed_image.snap_len) return NULL;
    *len = (size_t)sealed_image.snap_len;
    return (const uint8_t *)&sealed_image + seal_snap_offset(sealed_image.len);
}

/* ---- libc.c ---------------------------------------------------------------- */

/* Zeroes the C library's free heap chunks (before a snapshot is taken). */
void libc_scrub(void);

/* ---- mm.c: page tables, the heap, pages for the platform ---------------- */

/* Seals the image (code read-only and executable, read-only data, data not
   executable, a guard page under the stack) and finds the heap's RAM. */
void mm_init(void);
/* The C library's heap: grows by 'incr' bytes, (void *)-1 when full. */
void *sbrk(ptrdiff_t incr);

/* The heap's bounds: sbrk's floor and its current break. */
uintptr_t mm_heap_lo(void);
uintptr_t mm_heap_brk(void);
/* Restores a snapshot's heap (snap.c): true, with the break moved up to
   'brk', when the heap starts at 'lo' in this boot and has room. */
bool mm_heap_restore(uintptr_t lo, uintptr_t brk);

/* One zeroed, mapped, page-aligned page, or NULL. */
void *mm_page_alloc(void);
/* The guest frame (pfn) and the machine frame of a mapped page. Under PVH
   and bare PVH the two are the same. */
uint64_t mm_pfn(const void *va);
uint64_t mm_mfn(const void *va);
/* A page-aligned hole of 'pages' pages of guest-physical space above RAM,
   for frames Xen maps in (shared_info, grant tables, foreign grants). Under
   PV: virtual space, mapped later with mm_map_mfn. */
uintptr_t mm_hole(size_t pages);
/* PV: maps machine frame 'mfn' at 'va' (read-write, not executable). */
int mm_map_mfn(uintptr_t va, uint64_t mfn);
/* Machine frame to pfn through Xen's read-only M2P table (PV). */
uint64_t mm_mfn_to_pfn(uint64_t mfn);

/* ---- snap.c: warm starts from a snapshot of the VM's memory ------------- */

/* What the command line asks: "snapshot=trace" runs the program and names
   the modules it loaded by its first idle moment; "snapshot=take:M1,M2"
   prepares the VM, loads those modules, runs init to its warm point and
   names the snapshot's memory on the console for the build to save;
   "cold" ignores a snapshot in the image. */
typedef enum { SNAP_NONE, SNAP_TRACE, SNAP_TAKE, SNAP_COLD, SNAP_VERIFY } SnapMode;
SnapMode snap_mode(const char *cmdline, const char **list);
/* The heap's floor under PVH and bare PVH: the first page past the image
   and room for a snapshot's header, where a snapshot's heap goes. */
/* The VM's data as linked (link.ld's state segment, less its bss): what a
   sealed kernel keeps after a snapshot's header. */
static inline size_t snap_data_len(void) {
    extern char __vmstate_start[], __vmdata_end[];
    return (size_t)(__vmdata_end - __vmstate_start);
}
static inline uintptr_t snap_heap_floor(void) {
    return ALIGN_UP(ALIGN_UP(seal_end(), 16) + sizeof(SnapHeader) + snap_data_len(), PAGE_SIZE);
}
/* True when the image has a snapshot whose header matches this kernel:
   then the heap's floor holds the page tables mm.c built in the run that
   took it (PVH and bare PVH). */
bool snap_tables_ready(void);
/* With a snapshot in the image: true when this boot runs from it (SNAP_NONE
   or SNAP_VERIFY, no VM arguments on the command line: 'vm_args' false,
   the header matches this kernel, its heap is where the loader put it and,
   for SNAP_VERIFY, the state and heap add up to its sum), with '*clock' the
   VM's monotonic clock when the snapshot was taken; otherwise puts the
   VM's state back as linked, says why on the console, and returns false. */
bool snap_start(SnapMode mode, bool vm_args, uint64_t *clock);
/* Prints "spore: snapshot" and the address and length in hex of the
   snapshot's header, the VM's state segment and its heap, then waits
   forever, interrupts off, for QEMU's monitor to save them and quit. */
_Noreturn void snap_take(uint64_t clock);
/* SNAP_TRACE: prints "spore: loaded M1,M2,..." once. */
void snap_trace_print(void);

/* ---- traps.c: the IDT (PVH, bare), Xen's trap table (PV), fatal traps --- */

void traps_init(void);
/* "selftest=null|stack|ud2": faults on purpose (a test of the handlers). */
void traps_selftest(const char *what);
/* Interrupts or event upcalls on (only while idle) and off. */
void irq_enable(void);
void irq_disable(void);
/* Enables, waits for the next interrupt or event, disables again. */
void irq_wait(void);
/* Called from the stubs in boot.S. */
void irq_dispatch(uint64_t vector, void *frame);
void pv_upcall(void);
_Noreturn void trap_fatal(const uint64_t *frame);
_Noreturn void pv_failsafe(const uint64_t *frame);
/* Handlers that irq_dispatch calls: the APIC timer (time.c) and the Xen
   upcall (evtchn.c). Both run with interrupts off and touch no SSE state. */
void time_apic_irq(void);
void evtchn_upcall(void);

/* ---- console.c --------------------------------------------------------- */

void console_init(void);            /* after boot.mode and the hypercall page */
void console_write(const char *s, size_t n);
void console_flush(void);
/* Flushes, then waits (bounded) until the console's reader has it all. */
void console_drain(void);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- evtchn.c: event channels and the upcall --------------------------- */

typedef void (*EvtchnHandler)(evtchn_port_t port, void *arg);

void evtchn_init(void);
/* Calls 'h' (from the idle loop, never inside the upcall) each time 'port'
   fires; unmasks the port. */
void evtchn_bind(evtchn_port_t port, EvtchnHandler h, void *arg);
void evtchn_unbind(evtchn_port_t port);
void evtchn_notify(evtchn_port_t port);
int evtchn_alloc_unbound(domid_t remote, evtchn_port_t *port);
int evtchn_bind_interdomain(domid_t remote, evtchn_port_t remote_port, evtchn_port_t *local);
int evtchn_bind_virq(uint32_t virq, evtchn_port_t *port);
/* Runs the handlers of every port that fired since the last call; returns
   how many ran. */
int evtchn_dispatch(void);
/* True when a port fired and evtchn_dispatch has not yet run it. */
bool evtchn_pending(void);

/* ---- time.c: clocks, the one-shot timer, the idle block ------------------ */

void time_init(void);
/* Bare PVH: opens, once, the window in which the TSC's rate is measured
   against the PIT (port accesses, slow when emulated: not on the way to a
   warm start's first instruction); the first clock read takes the rate,
   opening the window itself if need be. Elsewhere nothing. */
void time_start(void);
uint64_t time_monotonic_ns(void);
uint64_t time_wall_ns(void);
uint64_t time_tsc_to_ns(uint64_t tsc_delta);
/* Blocks until 'deadline' (monotonic ns; UINT64_MAX: none) or an event. */
void time_block(uint64_t deadline);

/* ---- gnttab.c: grant tables -------------------------------------------- */

int gnttab_init(void);
/* Grants 'domid' access to the page at 'va'; returns the reference or -1. */
int gnttab_grant(domid_t domid, const void *va, bool readonly);
/* Ends a grant; false if the peer still has it mapped or 'ref' is not live. */
bool gnttab_end(grant_ref_t ref);
/* Maps a page another domain granted us; returns its address or NULL, and
   the handle to unmap it with. */
void *gnttab_map(domid_t domid, grant_ref_t ref, grant_handle_t *handle);
int gnttab_unmap(void *va, grant_handle_t handle);

/* ---- xenstore.c: the xenstore client ------------------------------------ */

/* Connects to xenstore and learns our domid (boot.domid); the first
   request does it when nobody has. 0, or a negative error. */
int xenstore_init(void);
/* Reads 'path' (relative paths are under /local/domain/<domid>/) into
   'buf' (NUL-terminated); returns the length or a negative error. */
int xenstore_read(const char *path, char *buf, size_t size);
int xenstore_write(const char *path, const char *value);
/* Sets a watch; 'token' comes back with each event. */
int xenstore_watch(const char *path, const char *token);
int xenstore_unwatch(const char *path, const char *token);
/* The next watch event, if one arrived: its path and token. Never blocks. */
bool xenstore_watch_event(char *path, size_t psize, char *token, size_t tsize);

/* ---- xtest.c: the cross-domain self test (xtest= on the command line) --- */

/* Runs the role named by 'xtest=server|client' on the command line, if any;
   prints its result on the console. Returns 0 when none was asked for. */
int xtest_run(const char *cmdline);
/* Prints "xenstore: name=<this domain's name>" (or why it cannot). */
void xtest_xenstore_hello(void);

/* ---- cmdline.c ------------------------------------------------------------- */

/* The value of 'key=' on the command line ("" when bare key), or NULL. The
   result is copied into 'buf'. */
const char *cmdline_get(const char *cmdline, const char *key, char *buf, size_t size);
/* Splits the VM's arguments into 'argv' (argv[0] = "spore", NULL-ended,
   strings kept in 'store'); returns argc. */
int cmdline_vm_args(const char *cmdline, char **argv, int max, char *store, size_t size);

#endif
