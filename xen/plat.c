/*
** plat.c: vm/plat.h for the kernel, and plat_boot, the last step of the
** boot: the banner, the cross-domain checks the command line asks for, the
** VM's arguments and its module bundle, then vm_main, or vm_start after a
** warm start from the image's snapshot (snap.c).
**
** Boot markers: each phase's TSC is recorded when it is reached and
** printed ("spore: mark <phase> <ns since entry>") only when the guest
** first idles or stops, so that printing never delays a later phase.
*/
#include <string.h>

#include "../vm/plat.h"
#include "kernel.h"

enum { MARK_ENTRY, MARK_MEMORY, MARK_VM, MARK_FIRST, MARK_READY, MARK_EXIT, MARK_COUNT };
static const char *const mark_names[MARK_COUNT] = {"entry", "memory", "vm", "first", "ready", "exit"};
static uint64_t mark_tsc[MARK_COUNT];
static bool mark_printed[MARK_COUNT];
static bool quiet;
static SnapMode snap; /* snap.c: the command line's snapshot= or cold */
static bool warm;     /* started from the image's snapshot */

extern char __bundle_start[], __bundle_end[];

static void mark(int m) {
    if (!mark_tsc[m]) mark_tsc[m] = rdtsc();
}

static const char *mode_name(void);

/* Text and decimal numbers for the banner and the markers, with no printf:
   under emulation its code would be most of what a boot's end translates
   (and these are not inlined, for the same reason). */
static __attribute__((noinline)) void put_str(const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    console_write(s, n);
}

static __attribute__((noinline)) void put_dec(uint64_t v) {
    char b[20];
    size_t i = sizeof b;
    do b[--i] = (char)('0' + v % 10); while ((v /= 10) != 0);
    console_write(b + i, sizeof b - i);
}

/* The banner and the boot markers wait for the first idle moment (or the
   end): printing is slow on an emulated UART, and must not delay the boot. */
static void print_marks(void) {
    static bool banner_done;
    if (quiet) return;
    if (!banner_done) {
        banner_done = true;
        put_str("spore: ");
        put_str(mode_name());
        put_str(", ");
        put_dec((boot.mem_hi - boot.mem_lo) >> 10);
        put_str(" KiB of heap, ");
        put_str(warm ? "warm" : "cold");
        put_str(" start, command line \"");
        put_str(boot.cmdline);
        put_str("\"\n");
    }
    for (int m = 0; m < MARK_COUNT; m++) {
        if (!mark_tsc[m] || mark_printed[m]) continue;
        mark_printed[m] = true;
        put_str("spore: mark ");
        put_str(mark_names[m]);
        put_str(" ");
        put_dec(time_tsc_to_ns(mark_tsc[m] - boot.tsc_entry));
        put_str("\n");
    }
}

void plat_mark(PlatMark m) {
    switch (m) {
    case PLAT_MARK_VM: mark(MARK_VM); break;
    case PLAT_MARK_FIRST: /* once (sched.c) */
        mark_tsc[MARK_FIRST] = rdtsc();
        time_start();
        break;
    case PLAT_MARK_READY:
        mark(MARK_READY);
        if (snap == SNAP_TRACE) plat_exit(0);
        break;
    }
}

void plat_console_write(const char *s, size_t n) { console_write(s, n); }

/* After a warm start the VM's monotonic clock goes on from where the run
   that took the snapshot left it (its timers' deadlines are in that
   time): at its first reading it shows the snapshot's time, and moves
   with this boot's clock from there. */
static int64_t mono_offset;
static uint64_t mono_resume; /* the snapshot's time, until the first reading */
static bool mono_pending;

uint64_t plat_clock_monotonic(void) {
    uint64_t raw = time_monotonic_ns();
    if (mono_pending) {
        mono_pending = false;
        mono_offset = (int64_t)(mono_resume - raw);
    }
    return raw + (uint64_t)mono_offset;
}

bool plat_warm_point(void) { return snap == SNAP_TAKE; }

uint64_t plat_clock_wall(void) { return time_wall_ns(); }

void plat_yield(uint64_t deadline) {
    if (snap == SNAP_TRACE) plat_exit(0); /* the first idle moment */
    console_flush();
    print_marks();
    if (evtchn_dispatch() > 0) return;
    if (deadline != UINT64_MAX) {
        int64_t raw = (int64_t)deadline - mono_offset; /* this boot's clock */
        deadline = raw > 0 ? (uint64_t)raw : 0;
    }
    time_block(deadline);
    evtchn_dispatch();
}

void plat_random(void *buf, size_t n) {
    static uint64_t s0, s1;
    static bool rdrand_ok, seeded;
    if (!seeded) {
        uint32_t r[4];
        cpuid(1, 0, r);
        rdrand_ok = (r[2] >> 30) & 1;
        s0 = rdtsc() ^ 0x9e3779b97f4a7c15ULL;
        s1 = time_wall_ns() ^ (uint64_t)(uintptr_t)&r;
        seeded = true;
    }
    uint8_t *out = buf;
    while (n) {
        uint64_t v = 0;
        unsigned char ok = 0;
        if (rdrand_ok) __asm__ volatile("rdrand %0; setc %1" : "=r"(v), "=qm"(ok));
        if (!ok) { /* xorshift128+, mixed with the TSC */
            uint64_t a = s0, b = s1;
            s0 = b;
            a ^= a << 23;
            s1 = a ^ b ^ (a >> 17) ^ (b >> 26);
            v = (s1 + b) ^ rdtsc();
        }
        size_t k = n < 8 ? n : 8;
        memcpy(out, &v, k);
        out += k;
        n -= k;
    }
}

plat_result_t plat_file_read(const char *path, uint8_t **data, size_t *len) {
    /* no file system: every module comes in the bundle */
    (void)path;
    (void)data;
    (void)len;
    return PLAT_EINVAL;
}

_Noreturn void plat_exit(int status) {
    mark(MARK_EXIT);
    if (snap == SNAP_TRACE) snap_trace_print();
    console_flush();
    print_marks();
    put_str(status < 0 ? "spore: halt -" : "spore: halt ");
    put_dec(status < 0 ? -(uint64_t)status : (uint64_t)status);
    put_str("\n");
    boot_shutdown(status, false);
}

_Noreturn void plat_abort(const char *why) {
    console_flush();
    print_marks();
    kprintf("\nspore: crash: %s\n", why);
    boot_shutdown(1, true);
}

static const char *mode_name(void) {
    switch (boot.mode) {
    case BOOT_PVH: return boot.dom0 ? "Xen PVH dom0" : "Xen PVH domU";
    case BOOT_PV: return boot.dom0 ? "Xen PV dom0" : "Xen PV domU";
    default: return "bare PVH";
    }
}

/* A program image ("SPOREIMG") carries its entry point; a bundle does not.
   The VM checks the image itself. */
static bool image_has_entry(const uint8_t *p, size_t n) {
    return n >= 8 && __builtin_memcmp(p, "SPOREIMG", 8) == 0; /* inlined */
}

/* From the snapshot: the VM goes on from init's warm point. */
static _Noreturn void warm_start(void) {
    warm = true;
    mono_pending = true;
    mark_tsc[MARK_VM] = rdtsc(); /* once: no test (each is a block to translate) */
    plat_exit(vm_run());
}

void plat_boot(void) {
    char opt[64];
    mark_tsc[MARK_ENTRY] = boot.tsc_entry;
    mark_tsc[MARK_MEMORY] = rdtsc();
    /* An empty command line (a sealed image booted as it is) skips the
       parsing, and goes first to the warm start: less code to run on the
       way, and under emulation to translate. (A snapshot implies a
       program image with its entry point: spore build takes one of
       nothing else.) */
    bool empty = boot.cmdline[0] == 0, tried = false;
    if (empty) {
        if (snap_start(SNAP_NONE, false, &mono_resume)) warm_start();
        tried = true; /* none, or it said why not and put the VM's state back */
    }
    quiet = !empty && cmdline_get(boot.cmdline, "quiet", opt, sizeof opt) != NULL;
    if (!empty && cmdline_get(boot.cmdline, "selftest", opt, sizeof opt)) traps_selftest(opt);
    if (!empty && boot.mode != BOOT_BARE && !boot.dom0) {
        /* "xenstore-check": read our name, write a key, see its watch
           fire. xenstore itself connects at its first request: a boot
           that asks nothing of it waits for none of its round trips. */
        if (cmdline_get(boot.cmdline, "xenstore-check", opt, sizeof opt))
            xtest_xenstore_hello();
        if (xtest_run(boot.cmdline)) {
            console_flush();
        }
    }

    static char *argv[64];
    static char store[MAX_GUEST_CMDLINE + 64];
    int argc = 1;
    argv[0] = "spore";
    if (!empty) argc = cmdline_vm_args(boot.cmdline, argv, 63, store, sizeof store);
    PlatStart start = {.argc = argc, .argv = argv};
    if (sealed_image.len) {
        start.image = (const uint8_t *)sealed_image.data;
        start.image_len = (size_t)sealed_image.len;
    } else if ((uintptr_t)__bundle_end > (uintptr_t)__bundle_start) {
        start.image = (const uint8_t *)__bundle_start;
        start.image_len = (size_t)(__bundle_end - __bundle_start);
    } else if (boot.module) {
        start.image = boot.module;
        start.image_len = boot.module_len;
    }
    if (!start.image) {
        kprintf("spore: no modules: boot with a program image (sealed in by spore build, or a "
                "boot module) or a module bundle\n");
        plat_exit(1);
    }
    if (argc < 2 && !image_has_entry(start.image, start.image_len)) {
        kprintf("spore: nothing to run: the kernel command line names no -s, -run or -eval, "
                "and the image no entry point\n");
        plat_exit(1);
    }
    const char *preload = "";
    snap = empty ? SNAP_NONE : snap_mode(boot.cmdline, &preload);
    /* A snapshot holds init spawned with the image's entry point: a command
       line with VM arguments of its own starts cold. */
    if (!tried && snap_start(snap, argc > 1, &mono_resume)) warm_start();
    time_start();
    if (snap == SNAP_TAKE) { /* to init's warm point, then the snapshot */
        int rc = vm_prepare(&start);
        if (!rc) rc = vm_preload(preload);
        if (!rc) rc = vm_boot(&start);
        if (!rc) rc = vm_run();
        if (rc == VM_WARM) snap_take(plat_clock_monotonic());
        kprintf("spore: the snapshot run ended before init's warm point (status %d)\n", rc);
        plat_exit(rc ? rc : 1);
    }
    plat_exit(vm_main(&start));
}
