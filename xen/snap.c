/*
** snap.c: warm starts from a snapshot of the VM's memory.
**
** `spore build` boots the kernel twice under QEMU. With "snapshot=trace"
** the program runs until its first idle moment (or its end, or
** spore:ready/0) and the kernel names the modules loaded by then. With
** "snapshot=take:M1,M2,..." the kernel runs vm_prepare, vm_preload,
** vm_boot (init spawned with the image's entry point) and vm_run until init
** reaches its warm point (spore:warm_point/0: the console io server and
** the kernel supervisor started, the program not yet), then names three
** ranges of memory on the console and waits while the build saves them
** through QEMU's monitor: this file's header, the VM's state segment
** (link.ld: the VM's data and bss, apart from the platform's) and its heap,
** from sbrk's floor to the break.
**
** The build then writes the snapshot where the loaders put it back: the
** state segment's bytes in place of the linked ones, and the heap in the
** image's segment at the very address it had (the heap's floor is the
** first page after the image and room for this file's header). A boot
** does no copying: snap_start checks the header and moves the break, and
** plat_boot calls vm_run, which goes on from init's warm point,
** with the VM's monotonic clock going on from the snapshot's. The platform's
** own state is never in a snapshot: each boot has its own clock, console
** and command line.
**
** Under PV, Xen's start info and page tables follow the image, so the heap
** grows from mm.c's floor after them: malloc takes memory that does not
** follow on from the snapshot's as a new chunk.
**
** The header (image/snapshot.h) is checked at boot; the sum of the state
** and the heap is not (as the code is not), unless the command line says
** snapshot=verify: `spore boot` checks it before it boots an image. The
** header keeps the state segment's bytes as linked. A boot that cannot
** use the snapshot (VM arguments on the command line, since init was
** spawned with the image's; "cold"; a header that does not match this
** kernel; a sum that does not, under snapshot=verify) puts them back, and
** starts cold.
*/
#include <string.h>

#include "../image/snapshot.h"
#include "../vm/plat.h"
#include "kernel.h"

extern char __vmstate_start[], __vmdata_end[], __vmstate_end[];
extern char __text_end[], __rodata_end[];

static void layout(uint64_t out[SNAP_NLAYOUT]) {
    out[0] = (uintptr_t)__text_end;
    out[1] = (uintptr_t)__rodata_end;
    out[2] = (uintptr_t)__vmstate_start;
    out[3] = (uintptr_t)__vmdata_end;
    out[4] = (uintptr_t)__vmstate_end;
}

static size_t state_len(void) { return (size_t)(__vmstate_end - __vmstate_start); }

/* ---- the command line ---- */

SnapMode snap_mode(const char *cmdline, const char **list) {
    static char buf[MAX_GUEST_CMDLINE + 1];
    *list = "";
    if (cmdline_get(cmdline, "cold", buf, sizeof buf)) return SNAP_COLD;
    if (!cmdline_get(cmdline, "snapshot", buf, sizeof buf)) return SNAP_NONE;
    if (strcmp(buf, "trace") == 0) return SNAP_TRACE;
    if (strcmp(buf, "verify") == 0) return SNAP_VERIFY;
    if (strcmp(buf, "take") == 0) { /* the list is the image's file spore.warm */
        *list = NULL;
        return SNAP_TAKE;
    }
    if (strncmp(buf, "take:", 5) == 0) {
        *list = buf + 5;
        return SNAP_TAKE;
    }
    kprintf("spore: snapshot=%s: expected snapshot=verify, snapshot=trace, snapshot=take or "
            "snapshot=take:M1,M2,...\n",
            buf);
    return SNAP_COLD;
}

/* ---- taking one ---- */

_Noreturn void snap_take(uint64_t clock) {
    static SnapHeader h; /* the platform's: read by the build through QEMU */
    /* free memory holds what the build's run left there: zeros instead */
    vm_freeze();
    libc_scrub();
    uintptr_t lo = mm_heap_lo(), brk = ALIGN_UP(mm_heap_brk(), 8);
    /* the heap's zero pages at the end are not stored */
    uintptr_t end = brk;
    while (end > lo) {
        uintptr_t page = (end - 1) & ~(PAGE_SIZE - 1);
        const uint64_t *w = (const uint64_t *)page;
        size_t n = (end - page) / 8, i = 0;
        while (i < n && w[i] == 0) i++;
        if (i < n) break;
        end = page;
    }
    memcpy(h.magic, SNAP_MAGIC, 8);
    h.version = SNAP_VERSION;
    h.header_size = sizeof h;
    h.heap_lo = lo;
    h.heap_brk = brk;
    h.heap_len = end - lo;
    h.clock = clock;
    h.size = sizeof h + state_len() + h.heap_len;
    layout(h.layout);
    SnapSum sum = {{0, 0, 0, 0}}; /* checked by the tools, not at boot */
    snap_sum_add(&sum, (const uint8_t *)__vmstate_start, state_len());
    snap_sum_add(&sum, (const uint8_t *)lo, (size_t)h.heap_len);
    h.data_sum = snap_sum_end(&sum);
    h.sum = snap_header_sum(&h);
    /* three ranges of guest-physical memory, saved by the build through
       QEMU's monitor (pmemsave); then the guest waits to be stopped */
    kprintf("spore: snapshot %lx %lx %lx %lx %lx %lx\n", (unsigned long)(uintptr_t)&h,
            (unsigned long)sizeof h, (unsigned long)(uintptr_t)__vmstate_start,
            (unsigned long)state_len(), (unsigned long)lo, (unsigned long)h.heap_len);
    console_drain();
    irq_disable();
    for (;;) __asm__ volatile("hlt");
}

/* ---- the trace run ---- */

void snap_trace_print(void) {
    static bool done;
    static char names[32768]; /* modules and their decoded functions: vm_loaded */
    if (done) return;
    done = true;
    size_t n = vm_loaded(names, sizeof names);
    console_flush();
    /* not through kprintf, whose line is shorter than the list can be */
    console_write("\nspore: loaded ", 15);
    console_write(names, n);
    console_write("\n", 1);
}

/* ---- starting from one ---- */

/* The header against this kernel: why it does not match, or NULL. A
   match is found with one test of or-ed differences, and the reason for a
   mismatch only then: under emulation each branch on the boot path ends a
   block of code that is translated before it runs. */
static const char *header_check(const SnapHeader *h, size_t len) {
    uint64_t magic, got, want[SNAP_NLAYOUT];
    __builtin_memcpy(&magic, SNAP_MAGIC, 8); /* inlined */
    __builtin_memcpy(&got, h->magic, 8);
    layout(want);
    uint64_t kind = (got ^ magic) | (h->version ^ SNAP_VERSION) |
                    (h->header_size ^ (uint32_t)sizeof *h);
    uint64_t other = (h->layout[0] ^ want[0]) | (h->layout[1] ^ want[1]) |
                     (h->layout[2] ^ want[2]) | (h->layout[3] ^ want[3]) |
                     (h->layout[4] ^ want[4]);
    uint64_t bad = (len ^ (sizeof *h + snap_data_len())) | kind | other |
                   (uint64_t)(h->heap_brk < h->heap_lo) |
                   (uint64_t)(h->heap_len > h->heap_brk - h->heap_lo);
    if (!bad && h->sum == snap_header_sum(h)) return NULL;
    if (len != sizeof *h + snap_data_len()) return "its header is cut short";
    if (kind || h->sum != snap_header_sum(h)) return "not a snapshot this kernel reads";
    if (other) return "taken of another kernel";
    return "malformed";
}

static const SnapHeader *good; /* the image's snapshot, when its header matches */

/* header_check of the image's snapshot, once (mm.c asks first) */
static const char *header_why(void) {
    static const char *why;
    static bool done;
    if (!done) {
        size_t len;
        const uint8_t *p = seal_snapshot(&len);
        why = p ? header_check((const SnapHeader *)p, len) : "none";
        good = why ? NULL : (const SnapHeader *)p;
        done = true;
    }
    return why;
}

bool snap_tables_ready(void) { return header_why() == NULL; }

/* snapshot=verify: the state and the heap against the header's sum, as
   `spore boot` checks them (which a boot does not do by default: it reads
   every byte: one to two milliseconds more under emulation). */
static bool sums_match(const SnapHeader *h) {
    SnapSum sum = {{0, 0, 0, 0}};
    snap_sum_add(&sum, (const uint8_t *)__vmstate_start, state_len());
    snap_sum_add(&sum, (const uint8_t *)(uintptr_t)h->heap_lo, (size_t)h->heap_len);
    return snap_sum_end(&sum) == h->data_sum;
}

static const char *check(const SnapHeader *h, bool verify) {
    const char *why = header_why();
    if (why) return why;
    /* Xen PV placed the heap with the image, up to its break, and the
       start info after them; the heap grows from mm.c's own floor (malloc
       takes memory that does not follow on) */
    if (boot.mode == BOOT_PV &&
        ((h->heap_lo != snap_heap_floor()) | (h->heap_brk > (uintptr_t)boot.pv_start)))
        return "its heap is not where Xen put it";
    /* the state and the heap are the image's own bytes, wherever the
       heap's break is to go */
    if (verify && !sums_match(h)) return "its sum does not match: the image is damaged";
    if (boot.mode == BOOT_PV) return NULL;
    if (!mm_heap_restore(h->heap_lo, h->heap_brk))
        return "its heap does not fit this boot's (another floor, or too little memory)";
    return NULL;
}

/* snap_start's general way, which also says why a snapshot is not used */
static __attribute__((noinline)) bool start_checked(SnapMode mode, bool vm_args, uint64_t *clock) {
    size_t len;
    const uint8_t *p = seal_snapshot(&len);
    if (!p) return false;
    const SnapHeader *h = (const SnapHeader *)p; /* 16-byte aligned (seal.c) */
    const char *why = NULL;
    if (mode == SNAP_NONE || mode == SNAP_VERIFY) {
        why = vm_args ? "the command line has VM arguments" : check(h, mode == SNAP_VERIFY);
        if (!why) {
            /* The heap's zeros up to the break are the segment's memory
               past its file bytes, which every ELF loader zeroes (QEMU's,
               Xen's; the boot data Xen and QEMU place go past the
               segment's end). Nothing of the heap relies on them anyway:
               malloc zeroes what it hands out, and what is free up there
               is free. */
            *clock = h->clock;
            return true;
        }
    }
    /* cold: the VM's state as linked (its data kept after the header) */
    if (len != sizeof *h + snap_data_len()) {
        kprintf("spore: the image's snapshot is cut short: the VM's state cannot be put back; "
                "rebuild the image\n");
        boot_shutdown(1, true);
    }
    memcpy(__vmstate_start, p + sizeof *h, snap_data_len());
    memset(__vmdata_end, 0, state_len() - snap_data_len());
    if (why) kprintf("spore: the image's snapshot is not used (%s): a cold start\n", why);
    return false;
}

bool snap_start(SnapMode mode, bool vm_args, uint64_t *clock) {
    /* The common case in a few branches (under emulation each ends a block
       of code to translate), inlined into plat_boot: a PVH or bare boot
       with no VM arguments, whose header mm.c found good, and whose heap
       fits. */
    const SnapHeader *g = good;
    if (opaque((g != NULL) & (mode == SNAP_NONE) & !vm_args & (boot.mode != BOOT_PV)) &&
        mm_heap_restore(g->heap_lo, g->heap_brk)) {
        *clock = g->clock;
        return true;
    }
    return start_checked(mode, vm_args, clock);
}
