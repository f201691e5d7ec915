/*
** traps.c: interrupts and faults. PVH and bare PVH get an IDT, a TSS whose
** second stack takes page faults and double faults (so that running into
** the stack's guard page is reported, not a triple fault), and two
** interrupt vectors: the APIC timer and Xen's event upcall. PV registers a
** trap table and the event and failsafe callbacks with Xen instead.
** Interrupts (or upcalls) are enabled only while the kernel idles, so their
** handlers never run inside the VM.
*/
#include <string.h>

#include "kernel.h"

#define VEC_APIC_TIMER 0xf0
#define VEC_XEN_UPCALL 0xf3
#define VEC_SPURIOUS 0xff

extern char boot_stack_guard[];

/* boot.S holds the GDT with the TSS's descriptor (link.ld packs it), the
   TSS and its fault stack, and the IDT, a table of constants (the stubs
   sit at fixed addresses): nothing to build here, only to load. */
extern const struct __attribute__((packed)) { uint16_t lim; uint64_t base; } idt_ptr;

static void idt_init(void) {
    __asm__ volatile("ltr %w0; lidt %1" ::"r"(0x20), "m"(idt_ptr) : "memory");
}

/* The legacy PICs, on bare PVH: every line masked (OCW1), so that the
   PIT's IRQ 0, running since reset, never reaches a vector. Nothing
   unmasks them: the local APIC's timer is the clock's interrupt. Done
   before interrupts are first enabled rather than at boot, and with two
   port writes rather than the whole ICW sequence: an emulated boot pays
   for each port access with a wait for the emulator's lock. */
static void pic_mask(void) {
    static bool masked;
    if (masked || boot.mode != BOOT_BARE) return;
    masked = true;
    outb(0x21, 0xff);
    outb(0xa1, 0xff);
}

#define DECLARE_PVEXC(n) extern void pv_exc_entry_##n(void);
#define PV_EXC_LIST(X) X(0) X(1) X(3) X(4) X(5) X(6) X(7) X(8) X(10) X(11) X(12) X(13) X(14) X(16) X(17) X(19)
PV_EXC_LIST(DECLARE_PVEXC)

static void pv_traps_init(void) {
    static trap_info_t table[20];
    int i = 0;
#define PV_TRAP(n) table[i++] = (trap_info_t){.vector = n, .flags = 0, .cs = FLAT_KERNEL_CS, \
                                              .address = (unsigned long)pv_exc_entry_##n};
    PV_EXC_LIST(PV_TRAP)
    table[i] = (trap_info_t){0};
    HYPERVISOR_set_trap_table(table);
}

void traps_init(void) {
    if (boot.mode == BOOT_PV) pv_traps_init();
    else idt_init();
}

void irq_disable(void) {
    if (boot.mode == BOOT_PV) {
        if (boot.vcpu) boot.vcpu->evtchn_upcall_mask = 1;
        barrier();
    } else {
        __asm__ volatile("cli" ::: "memory");
    }
}

void irq_enable(void) {
    if (boot.mode == BOOT_PV) {
        if (!boot.vcpu) return;
        barrier();
        boot.vcpu->evtchn_upcall_mask = 0;
        barrier();
        /* an event that came while masked waits for the next entry to Xen */
        if (boot.vcpu->evtchn_upcall_pending) HYPERVISOR_xen_version(0, NULL);
    } else {
        pic_mask();
        __asm__ volatile("sti" ::: "memory");
    }
}

void irq_wait(void) {
    if (boot.mode == BOOT_PV) {
        /* blocks with events unmasked, atomically; a pending upcall is
           delivered as the hypercall returns */
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
        irq_disable();
    } else {
        /* sti holds interrupts off for one more instruction: none can slip
           in between the check our caller made and the hlt */
        pic_mask();
        __asm__ volatile("sti; hlt; cli" ::: "memory");
    }
}

void irq_dispatch(uint64_t vector, void *frame) {
    (void)frame;
    if (vector == VEC_APIC_TIMER) time_apic_irq();
    else if (vector == VEC_XEN_UPCALL) evtchn_upcall();
}

void pv_upcall(void) { evtchn_upcall(); }

static const char *trap_name(uint64_t v) {
    static const char *names[] = {"divide error", "debug", "NMI", "breakpoint", "overflow",
                                  "bound range", "invalid opcode", "no FPU", "double fault", "?",
                                  "invalid TSS", "segment not present", "stack fault",
                                  "general protection", "page fault", "?", "x87 error",
                                  "alignment check", "machine check", "SIMD error"};
    return v < sizeof names / sizeof names[0] ? names[v] : "?";
}

_Noreturn void trap_fatal(const uint64_t *f) {
    uint64_t cr2 = 0;
    if (boot.mode == BOOT_PV) {
        if (boot.vcpu) cr2 = boot.vcpu->arch.cr2;
    } else {
        __asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
    }
    const char *what = trap_name(f[0]);
    if (f[0] == 14 && cr2 >= (uintptr_t)boot_stack_guard && cr2 < (uintptr_t)boot_stack_guard + PAGE_SIZE)
        what = "stack overflow (guard page)";
    else if (f[0] == 14 && cr2 < PAGE_SIZE)
        what = "page fault (NULL pointer)";
    kprintf("\nspore: crash: %s (trap %lu, error %#lx) at rip %#lx, rsp %#lx, cr2 %#lx\n", what,
            (unsigned long)f[0], (unsigned long)f[1], (unsigned long)f[2], (unsigned long)f[5],
            (unsigned long)cr2);
    boot_shutdown(1, true);
}

_Noreturn void pv_failsafe(const uint64_t *f) {
    kprintf("\nspore: crash: Xen failsafe callback at rip %#lx\n", (unsigned long)f[2]);
    boot_shutdown(1, true);
}

/* "selftest=null|stack|ud2" on the command line: a fault of that kind, on
   purpose, for the tests of the handlers above (each is reported, and the
   guest stops as crashed). */
static __attribute__((noinline)) unsigned deeper(volatile unsigned n) {
    volatile uint8_t frame[512];
    frame[0] = (uint8_t)n;
    /* not a tail call: every frame stays, until the guard page */
    return (n < UINT32_MAX ? deeper(n + 1) : 0) + frame[0];
}

void traps_selftest(const char *what) {
    if (strcmp(what, "null") == 0) {
        volatile uint64_t *zero = (volatile uint64_t *)(uintptr_t)(boot.tsc_entry & 0);
        kprintf("spore: selftest: %lu\n", (unsigned long)*zero);
    } else if (strcmp(what, "stack") == 0) {
        kprintf("spore: selftest: %u\n", deeper(0));
    } else if (strcmp(what, "ud2") == 0) {
        __asm__ volatile("ud2");
    }
    kprintf("spore: selftest=%s: expected null, stack or ud2\n", what);
}
