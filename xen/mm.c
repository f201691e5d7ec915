/*
** mm.c: memory. mm_init seals the image (W^X): code is read-only and
** executable, read-only data (literals, a linked-in module bundle) is
** read-only, data is never executable, page 0 and the page under the boot
** stack are not mapped. Then it picks the heap: the largest piece of RAM
** that holds neither the image nor the boot module. sbrk hands the heap to
** the C library from the bottom; platform pages come from the top.
**
** PVH and bare PVH: the page tables are ours (boot.S left 2 MiB identity
** pages; mm_init builds 4 KiB tables under the image). PV: Xen's tables,
** changed through mmu_update; memory past Xen's initial mapping is mapped
** here, one new L1 table per 2 MiB.
*/
#include <string.h>

#include "kernel.h"

#define PTE_P 0x001ULL
#define PTE_RW 0x002ULL
#define PTE_US 0x004ULL
#define PTE_PWT 0x008ULL
#define PTE_PCD 0x010ULL
#define PTE_A 0x020ULL
#define PTE_D 0x040ULL
#define PTE_PS 0x080ULL
#define PTE_NX (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL
#define MB2 0x200000ULL

extern char __image_start[], __image_end[], __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[], boot_stack_guard[];
extern uint64_t boot_pml4[], boot_pd[];

static uintptr_t heap_lo, heap_brk, heap_hi; /* sbrk grows brk up; pages come off hi */
static uintptr_t hole_next;                  /* PVH: guest-physical space above RAM */
static uint64_t nx_bit;

/* The largest free piece of RAM: RAM above 'floor' minus the boot module.
   Also the top of RAM, above which mm_hole hands out guest-physical
   space. Selects rather than branches where it can: boot code is
   translated before it runs, a block per branch. */
static void find_heap(uintptr_t floor) {
    uintptr_t best_lo = 0, best_hi = 0, top = 0;
    uintptr_t mod_lo = (uintptr_t)boot.module, mod_hi = ALIGN_UP(mod_lo + boot.module_len, PAGE_SIZE);
    for (uint32_t i = 0; i < boot_ram_count; i++) {
        uint64_t end = boot_ram[i].addr + boot_ram[i].size;
        end = end > 0x100000000ULL ? 0x100000000ULL : end; /* our tables map 4 GiB */
        bool ram = boot_ram[i].type == XEN_HVM_MEMMAP_TYPE_RAM;
        uintptr_t lo = ALIGN_UP(boot_ram[i].addr, PAGE_SIZE), hi = end & ~(PAGE_SIZE - 1);
        top = opaque(ram & (end > top)) ? end : top;
        lo = lo < floor ? floor : lo;
        /* cut out the module (with none, mod_hi is 0, under any lo): keep
           the larger side */
        if (opaque((mod_lo < hi) & (mod_hi > lo))) {
            if (mod_lo - lo >= hi - mod_hi) hi = mod_lo & ~(PAGE_SIZE - 1);
            else lo = mod_hi;
        }
        bool better = opaque(ram & (hi > lo) & (hi - lo > best_hi - best_lo));
        best_lo = better ? lo : best_lo;
        best_hi = better ? hi : best_hi;
    }
    heap_lo = heap_brk = best_lo;
    heap_hi = best_hi;
    hole_next = ALIGN_UP(top, MB2) + MB2;
}

void *sbrk(ptrdiff_t incr) {
    uintptr_t old = heap_brk;
    if (incr < 0 ? (uintptr_t)-incr > heap_brk - heap_lo : (uintptr_t)incr > heap_hi - heap_brk)
        return (void *)-1;
    heap_brk += (uintptr_t)incr;
    return (void *)old;
}

uintptr_t mm_heap_lo(void) { return heap_lo; }
uintptr_t mm_heap_brk(void) { return heap_brk; }

bool mm_heap_restore(uintptr_t lo, uintptr_t brk) {
    if ((lo != heap_lo) | (brk < heap_brk) | (brk > heap_hi)) return false;
    heap_brk = brk;
    return true;
}

void *mm_page_alloc(void) {
    if (heap_hi - heap_brk < PAGE_SIZE) return NULL;
    heap_hi -= PAGE_SIZE;
    zero_words((void *)heap_hi, PAGE_SIZE);
    return (void *)heap_hi;
}

/* Sets the entries of 'pt' (the 4 KiB table of the 2 MiB at 'base') for
   the pages of [lo, hi) to 'rights' (0: not mapped). Accessed and dirty
   are set from the start: the processor never writes the tables, which
   stay as a snapshot recorded them. */
static __attribute__((noinline)) void fill(uint64_t *pt, uintptr_t base, uintptr_t lo, uintptr_t hi,
                                          uint64_t rights) {
    if (lo < base) lo = base;
    if (hi > base + MB2) hi = base + MB2;
    for (uintptr_t a = lo & ~(PAGE_SIZE - 1); a < hi; a += PAGE_SIZE)
        pt[(a - base) / PAGE_SIZE] = rights ? (a | rights) : 0;
}

/* 4 KiB tables under the image, each range with its rights, the later
   ranges over the earlier: data, then code, read-only data, the sealed
   image, and the unmapped page 0 and stack guard. Ranges rather than a
   test per page: boot code runs once, and under emulation each
   instruction is translated before it runs.

   The tables are the heap's first pages (sbrk's floor), so a snapshot's
   heap holds them as the run that took it built them: a warm start
   (snap_tables_ready) finds them in place and only hooks them in. */
static void seal_own_tables(void) {
    uintptr_t top = ALIGN_UP(seal_end(), MB2);
    size_t n = top / MB2;
    uint64_t *pts = (uint64_t *)heap_lo;
    if (heap_hi - heap_lo < n * PAGE_SIZE) return; /* no RAM left: the image stays writable */
    heap_brk = heap_lo + n * PAGE_SIZE;
    /* the snapshot's tables, unless this CPU disagrees on NX (page 1 is
       plain data in every kernel: link.ld starts the code at 1 MiB) */
    const uint64_t r = PTE_P | PTE_A | PTE_D, rw = r | PTE_RW | nx_bit;
    bool ready = heap_lo == snap_heap_floor() && snap_tables_ready() && pts[1] == (PAGE_SIZE | rw);
    if (!ready) {
        const struct { uintptr_t lo, hi; uint64_t rights; } ranges[] = {
            {0, top, rw},
            {(uintptr_t)__text_start, (uintptr_t)__text_end, r},
            {(uintptr_t)__rodata_start, (uintptr_t)__rodata_end, r | nx_bit},
            {(uintptr_t)&sealed_image, seal_end(), r | nx_bit},
            {0, PAGE_SIZE, 0},
            {(uintptr_t)boot_stack_guard, (uintptr_t)boot_stack_guard + PAGE_SIZE, 0},
        };
        for (size_t t = 0; t < n; t++) /* the first range sets every entry */
            for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
                fill(pts + t * 512, t * MB2, ranges[i].lo, ranges[i].hi, ranges[i].rights);
    }
    for (size_t t = 0; t < n; t++) boot_pd[t] = (uintptr_t)(pts + t * 512) | PTE_P | PTE_RW;
    /* above 'top', boot.S's 2 MiB entries stay: writable, not executable,
       the APICs uncached */
    uint64_t cr3 = (uintptr_t)boot_pml4;
    __asm__ volatile("mov %0, %%cr3" ::"r"(cr3) : "memory");
}

/* ---- PV ------------------------------------------------------------------ */

static uint64_t *p2m; /* pfn -> mfn, from start_info */

uint64_t mm_mfn_to_pfn(uint64_t mfn) { return ((const uint64_t *)MACH2PHYS_VIRT_START)[mfn]; }

uint64_t mm_pfn(const void *va) { return (uintptr_t)va >> PAGE_SHIFT; }

uint64_t mm_mfn(const void *va) {
    uint64_t pfn = mm_pfn(va);
    return boot.mode == BOOT_PV ? p2m[pfn] : pfn;
}

/* The table one level down from entry 'e', through its pseudo-physical
   address (the initial mapping covers every table Xen built). */
static uint64_t *pv_next(uint64_t e) { return (uint64_t *)(uintptr_t)(mm_mfn_to_pfn((e & PTE_ADDR) >> PAGE_SHIFT) << PAGE_SHIFT); }

/* The L1 table covering 'va', or NULL when there is none yet. */
static uint64_t *pv_l1(uintptr_t va, uint64_t **l2_out) {
    uint64_t *l4 = (uint64_t *)boot.pv_start->pt_base;
    uint64_t e = l4[(va >> 39) & 511];
    if (!(e & PTE_P)) return NULL;
    uint64_t *l3 = pv_next(e);
    e = l3[(va >> 30) & 511];
    if (!(e & PTE_P)) return NULL;
    uint64_t *l2 = pv_next(e);
    if (l2_out) *l2_out = l2;
    e = l2[(va >> 21) & 511];
    if (!(e & PTE_P) || (e & PTE_PS)) return NULL;
    return pv_next(e);
}

static mmu_update_t batch[128];
static unsigned batch_n;

static void pv_flush(void) {
    unsigned done = 0;
    if (batch_n && HYPERVISOR_mmu_update(batch, batch_n, &done, DOMID_SELF) != 0)
        kprintf("spore: mmu_update failed after %u of %u\n", done, batch_n);
    batch_n = 0;
}

/* Queues a change of the entry at 'entry' (a table we can read) to 'val'. */
static void pv_set(uint64_t *entry, uint64_t val) {
    uint64_t mfn = mm_mfn(entry);
    batch[batch_n].ptr = (mfn << PAGE_SHIFT) | ((uintptr_t)entry & (PAGE_SIZE - 1)) | MMU_NORMAL_PT_UPDATE;
    batch[batch_n].val = val;
    if (++batch_n == sizeof batch / sizeof batch[0]) pv_flush();
}

static void pv_seal(void) {
    const uint64_t k = PTE_P | PTE_US | PTE_A;
    for (uintptr_t a = (uintptr_t)__image_start; a < (uintptr_t)__rodata_end; a += PAGE_SIZE) {
        uint64_t *l1 = pv_l1(a, NULL);
        if (!l1) continue;
        uint64_t r = a >= (uintptr_t)__text_start && a < (uintptr_t)__text_end ? k : k | nx_bit;
        pv_set(&l1[(a >> PAGE_SHIFT) & 511], (p2m[a >> PAGE_SHIFT] << PAGE_SHIFT) | r);
    }
    for (uintptr_t a = (uintptr_t)&sealed_image; a < seal_end(); a += PAGE_SIZE) {
        uint64_t *l1 = pv_l1(a, NULL);
        if (l1) pv_set(&l1[(a >> PAGE_SHIFT) & 511], (p2m[a >> PAGE_SHIFT] << PAGE_SHIFT) | k | nx_bit);
    }
    uint64_t *g = pv_l1((uintptr_t)boot_stack_guard, NULL);
    if (g) pv_set(&g[((uintptr_t)boot_stack_guard >> PAGE_SHIFT) & 511], 0);
    pv_flush();
}

/* Maps every page of the domain that Xen's initial mapping left out. */
static void pv_map_rest(uintptr_t first_free) {
    uintptr_t end = (uintptr_t)boot.pv_start->nr_pages << PAGE_SHIFT;
    if (end > (1UL << 30)) end = 1UL << 30; /* one L2 table: the first GiB */
    const uint64_t rw = PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D | nx_bit;
    uintptr_t va = first_free;
    while (va < end) {
        uint64_t *l2 = NULL, *l1 = pv_l1(va, &l2);
        if (!l2) break;
        if (!l1) {
            /* a new L1 from the heap's bottom: filled, made read-only, hooked */
            if (heap_lo + PAGE_SIZE > heap_hi) break;
            uint64_t *t = (uint64_t *)heap_lo;
            heap_lo = heap_brk = heap_lo + PAGE_SIZE;
            uintptr_t base = va & ~(MB2 - 1);
            for (int j = 0; j < 512; j++) {
                uintptr_t p = base + (uintptr_t)j * PAGE_SIZE;
                t[j] = p < end && p >= va ? (p2m[p >> PAGE_SHIFT] << PAGE_SHIFT) | rw : 0;
            }
            uint64_t tmfn = mm_mfn(t);
            uint64_t *tl1 = pv_l1((uintptr_t)t, NULL);
            pv_set(&tl1[((uintptr_t)t >> PAGE_SHIFT) & 511], (tmfn << PAGE_SHIFT) | (rw & ~PTE_RW));
            pv_flush();
            pv_set(&l2[(va >> 21) & 511], (tmfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_US | PTE_A);
            pv_flush();
            va = base + MB2;
            continue;
        }
        uint64_t *e = &l1[(va >> PAGE_SHIFT) & 511];
        if (!(*e & PTE_P)) pv_set(e, (p2m[va >> PAGE_SHIFT] << PAGE_SHIFT) | rw);
        va += PAGE_SIZE;
    }
    pv_flush();
    heap_hi = va;
}

static void pv_init(void) {
    start_info_t *si = boot.pv_start;
    p2m = (uint64_t *)si->mfn_list;
    /* Past the bootstrap tables and the one-page boot stack Xen left. */
    uintptr_t first_free = ALIGN_UP(si->pt_base, PAGE_SIZE) + ((uintptr_t)si->nr_pt_frames + 1) * PAGE_SIZE;
    uintptr_t mapped = first_free;
    for (uint64_t *l1; (l1 = pv_l1(mapped, NULL)) && (l1[(mapped >> PAGE_SHIFT) & 511] & PTE_P);)
        mapped += PAGE_SIZE;
    heap_lo = heap_brk = first_free;
    heap_hi = mapped;
    pv_seal();
    pv_map_rest(mapped);
    /* shared_info: a machine frame Xen names, mapped over a heap page */
    void *sh = mm_page_alloc();
    HYPERVISOR_update_va_mapping((uintptr_t)sh, si->shared_info | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D | nx_bit,
                                 UVMF_INVLPG);
    boot.shared = sh;
    boot.vcpu = &boot.shared->vcpu_info[0];
    irq_disable();
}

/* ---- holes and foreign frames -------------------------------------------- */

uintptr_t mm_hole(size_t pages) {
    if (boot.mode == BOOT_PV) {
        /* virtual space with an L1 under it: taken from the heap's top */
        uintptr_t first = 0;
        for (size_t i = 0; i < pages; i++) {
            void *p = mm_page_alloc();
            if (!p) return 0;
            first = (uintptr_t)p; /* pages come off the top: the last is the lowest */
        }
        return first;
    }
    uintptr_t a = hole_next;
    if (a + pages * PAGE_SIZE > 0xf0000000ULL) return 0;
    hole_next += pages * PAGE_SIZE;
    return a;
}

int mm_map_mfn(uintptr_t va, uint64_t mfn) {
    return (int)HYPERVISOR_update_va_mapping(va, (mfn << PAGE_SHIFT) | PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D | nx_bit,
                                             UVMF_INVLPG);
}

/* PVH: shared_info mapped in a hole of guest-physical space. */
static void pvh_shared_info(void) {
    uintptr_t gpa = mm_hole(1);
    struct xen_add_to_physmap x = {.domid = DOMID_SELF, .space = XENMAPSPACE_shared_info,
                                   .idx = 0, .gpfn = gpa >> PAGE_SHIFT};
    if (!gpa || HYPERVISOR_memory_op(XENMEM_add_to_physmap, &x) != 0) {
        kprintf("spore: cannot map shared_info\n");
        boot_shutdown(1, true);
    }
    boot.shared = (shared_info_t *)gpa;
    boot.vcpu = &boot.shared->vcpu_info[0];
}

/* PVH: boot.S's finding, the NX bit of the entries it wrote, or 0 */
uint64_t boot_nx;

void mm_init(void) {
    if (boot.mode == BOOT_PV) {
        uint32_t r[4];
        cpuid(0x80000001, 0, r); /* every x86-64 CPU has the leaf */
        if (r[3] & (1u << 20)) nx_bit = PTE_NX;
        pv_init();
    } else {
        nx_bit = boot_nx;
        find_heap(snap_heap_floor()); /* where a snapshot's heap is placed */
        seal_own_tables();
        if (boot.mode == BOOT_PVH) pvh_shared_info();
    }
    boot.mem_lo = heap_lo;
    boot.mem_hi = heap_hi;
}
