/*
** boot.c: from the entry stubs of boot.S to vm_main. pvh_main and pv_main
** read what their boot path hands over (start info, command line, the
** module, the RAM map) into 'boot'; kernel_main then brings the platform up
** in order, one step per line, and runs the VM.
*/
#include <string.h>

#include "../vm/plat.h"
#include "kernel.h"

#define DEBUG_EXIT_PORT 0xf4

Boot boot;
const struct hvm_memmap_table_entry *boot_ram;
uint32_t boot_ram_count;

extern uint64_t boot_tsc;
void pvh_main(uint32_t si_paddr);
void pv_main(start_info_t *si);
void plat_boot(void);

static char cmdline_copy[MAX_GUEST_CMDLINE + 1];

/* A byte loop, not memcpy: under emulation the boot's time goes to
   translating code, and this is less of it. cmdline_copy is bss: zeroed. */
static void copy_cmdline(const char *s, size_t max) {
    if (max > MAX_GUEST_CMDLINE) max = MAX_GUEST_CMDLINE;
    for (size_t n = 0; s && n < max && s[n]; n++) cmdline_copy[n] = s[n];
    boot.cmdline = cmdline_copy;
}

/* The memory map of a PV boot or a PVH dom0, in PVH's format. */
#define RAM_MAP_MAX 64
static struct hvm_memmap_table_entry ram_map[RAM_MAP_MAX];

uint32_t boot_xen_cpuid_base(void) {
    /* Every CPUID is a VM exit under a hypervisor: look only where Xen puts
       its leaves (0x40000000, or 0x40000100 and up when it also offers
       Viridian's), and only when CPUID says a hypervisor is there. */
    uint32_t r1[4];
    cpuid(1, 0, r1);
    if (!(r1[2] & (1u << 31))) return 0;
    for (uint32_t base = 0x40000000; base < 0x40000400; base += 0x100) {
        uint32_t r[4];
        cpuid(base, 0, r);
        /* "XenVMMXenVMM", and room for the leaves we read: one test (on
           the boot's way, each branch is a block to translate) */
        uint32_t d = (r[1] ^ 0x566e6558) | (r[2] ^ 0x65584d4d) | (r[3] ^ 0x4d4d566e);
        if ((d == 0) & (r[0] - base >= 2)) return base;
    }
    return 0;
}

/* PVH dom0 has no memory map in its start info: Xen gives it on request. */
static void ram_from_xen(void) {
    static struct e820entry {
        uint64_t addr, size;
        uint32_t type;
    } __attribute__((packed)) map[64];
    struct xen_memory_map mm = {.nr_entries = 64};
    set_xen_guest_handle(mm.buffer, (void *)map);
    if (HYPERVISOR_memory_op(XENMEM_memory_map, &mm) != 0) return;
    for (unsigned i = 0; i < mm.nr_entries && i < RAM_MAP_MAX; i++)
        ram_map[i] = (struct hvm_memmap_table_entry){.addr = map[i].addr, .size = map[i].size,
                                                     .type = map[i].type};
    boot_ram = ram_map;
    boot_ram_count = mm.nr_entries < RAM_MAP_MAX ? mm.nr_entries : RAM_MAP_MAX;
}

static _Noreturn void kernel_main(void);

void pvh_main(uint32_t si_paddr) {
    const struct hvm_start_info *si = (const void *)(uintptr_t)si_paddr;
    boot.tsc_entry = boot_tsc;
    boot.domid = DOMID_SELF;
    uint32_t base = boot_xen_cpuid_base();
    if (base) {
        uint32_t r[4];
        cpuid(base + 2, 0, r);
        wrmsr(r[1], (uint64_t)(uintptr_t)hypercall_page);
        boot.mode = BOOT_PVH;
        boot.dom0 = (si->flags & SIF_INITDOMAIN) != 0;
    } else {
        boot.mode = BOOT_BARE;
    }
    copy_cmdline((const char *)(uintptr_t)si->cmdline_paddr, MAX_GUEST_CMDLINE);
    if ((si->nr_modules > 0) & (si->modlist_paddr != 0)) {
        const struct hvm_modlist_entry *m = (const void *)(uintptr_t)si->modlist_paddr;
        boot.module = (const uint8_t *)(uintptr_t)m[0].paddr;
        boot.module_len = m[0].size;
    }
    if ((si->version >= 1) & (si->memmap_entries != 0) & (si->memmap_paddr != 0)) {
        boot_ram = (const void *)(uintptr_t)si->memmap_paddr;
        boot_ram_count = si->memmap_entries;
    } else if (base) {
        ram_from_xen();
    }
    kernel_main();
}

void pv_main(start_info_t *si) {
    boot.tsc_entry = boot_tsc;
    boot.domid = DOMID_SELF;
    boot.mode = BOOT_PV;
    boot.pv_start = si;
    boot.dom0 = (si->flags & SIF_INITDOMAIN) != 0;
    copy_cmdline((const char *)si->cmd_line, MAX_GUEST_CMDLINE);
    if (si->mod_start && si->mod_len) {
        uintptr_t start = si->mod_start;
        if (si->flags & SIF_MOD_START_PFN) start <<= PAGE_SHIFT;
        boot.module = (const uint8_t *)start;
        boot.module_len = si->mod_len;
    }
    /* pseudo-physical memory is contiguous from pfn 0 */
    ram_map[0] = (struct hvm_memmap_table_entry){.size = (uint64_t)si->nr_pages << PAGE_SHIFT,
                                                 .type = XEN_HVM_MEMMAP_TYPE_RAM};
    boot_ram = ram_map;
    boot_ram_count = 1;
    kernel_main();
}

static _Noreturn void kernel_main(void) {
    console_init();
    traps_init();
    mm_init();
    if (boot.mode != BOOT_BARE) { /* on bare PVH neither has anything to do: */
        evtchn_init();          /* two calls fewer to translate */
        time_init();
    }
    plat_boot();
    for (;;) /* plat_boot ends with plat_exit */
        ;
}

_Noreturn void boot_shutdown(int status, bool crash) {
    console_flush();
    if (boot.mode == BOOT_BARE) {
        /* QEMU's isa-debug-exit: the process exits with (status << 1) | 1 */
        outl(DEBUG_EXIT_PORT, crash && !status ? 0x7f : (uint32_t)status & 0x7f);
        for (;;) __asm__ volatile("cli; hlt");
    }
    char how[16];
    unsigned reason = crash || status ? SHUTDOWN_crash : SHUTDOWN_poweroff;
    if (cmdline_get(boot.cmdline, "exit", how, sizeof how)) {
        if (strcmp(how, "reboot") == 0) reason = SHUTDOWN_reboot;
        else if (strcmp(how, "crash") == 0) reason = SHUTDOWN_crash;
    }
    console_drain();
    struct sched_shutdown sd = {.reason = reason};
    for (;;) HYPERVISOR_sched_op(SCHEDOP_shutdown, &sd);
}
