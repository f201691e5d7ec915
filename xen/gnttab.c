/*
** gnttab.c: grant tables, version 1 entries. A grant lets another domain
** map one of our pages: we fill an entry of our table, which Xen reads, and
** hand the peer the entry's index (the reference). Mapping is the other
** direction: Xen maps a page some domain granted us into a hole of ours.
**
** The table's frames belong to Xen. Under PVH we ask Xen to place them in
** a hole of our guest-physical space (XENMEM_add_to_physmap), which the
** identity map makes visible at the same virtual address. Under PV Xen
** names their machine frames (GNTTABOP_setup_table) and we map them at
** virtual addresses of a hole. For the same reason an entry names a guest
** frame under PVH and a machine frame under PV.
**
** Foreign mappings use GNTMAP_host_map with an address from mm_hole(1):
** under PVH a guest-physical address (Xen edits the p2m); under PV a
** virtual address, whose PTE Xen writes itself. Xen finds that PTE by
** walking our page tables and fails if there is no L1 table for the
** address, so under PV mm_hole must hand out addresses whose L1 tables
** exist; a present PTE is simply replaced (the page it pointed to is given
** up). Unmapping leaves the address empty; such holes are kept for reuse.
*/
#include "kernel.h"

#include <xen/errno.h>

#define GNTTAB_FRAMES 4 /* 2048 references: plenty for a console, a net and a disk */
#define GNTTAB_PER_FRAME (PAGE_SIZE / sizeof(grant_entry_v1_t))
#define GNTTAB_MAX (GNTTAB_FRAMES * GNTTAB_PER_FRAME)
#define GNTTAB_SPARE_HOLES 16

static volatile grant_entry_v1_t *table; /* NULL until gnttab_init succeeds */
static uint32_t nr_entries;
static uint16_t free_refs[GNTTAB_MAX]; /* a stack of unused references */
static uint32_t nr_free;
static uint8_t live[GNTTAB_MAX / 8];        /* references granted and not yet ended */
static uintptr_t spare[GNTTAB_SPARE_HOLES]; /* holes freed by gnttab_unmap */
static unsigned nr_spare;

/* PVH: asks Xen to place table frames 0..n-1 at the pages of 'base'. */
static long map_frames_pvh(uintptr_t base, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        struct xen_add_to_physmap xatp = {
            .domid = DOMID_SELF,
            .space = XENMAPSPACE_grant_table,
            .idx = i,
            .gpfn = (base >> PAGE_SHIFT) + i,
        };
        long rc = HYPERVISOR_memory_op(XENMEM_add_to_physmap, &xatp);
        if (rc)
            return rc;
    }
    return 0;
}

/* PV: sets the table up with n frames and maps their machine frames at the
   pages of 'base'. */
static long map_frames_pv(uintptr_t base, uint32_t n)
{
    xen_pfn_t frames[GNTTAB_FRAMES];
    struct gnttab_setup_table setup = {.dom = DOMID_SELF, .nr_frames = n};
    set_xen_guest_handle(setup.frame_list, frames);
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &setup, 1);
    if (rc)
        return rc;
    if (setup.status != GNTST_okay)
        return -XEN_EIO;
    for (uint32_t i = 0; i < n; i++) {
        rc = mm_map_mfn(base + i * PAGE_SIZE, frames[i]);
        if (rc)
            return rc;
    }
    return 0;
}

/* Maps the table and fills the free list; 0 or a negative Xen errno. Safe
   to call again once it has succeeded. */
int gnttab_init(void)
{
    if (table)
        return 0;
    if (boot.mode == BOOT_BARE)
        return -XEN_ENODEV;
    struct gnttab_query_size query = {.dom = DOMID_SELF};
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_query_size, &query, 1);
    if (rc)
        return (int)rc;
    if (query.status != GNTST_okay || query.max_nr_frames == 0)
        return -XEN_EIO;
    uint32_t n = query.max_nr_frames < GNTTAB_FRAMES ? query.max_nr_frames : GNTTAB_FRAMES;
    uintptr_t base = mm_hole(n);
    if (!base)
        return -XEN_ENOMEM;
    rc = boot.mode == BOOT_PVH ? map_frames_pvh(base, n) : map_frames_pv(base, n);
    if (rc)
        return (int)rc;
    table = (volatile grant_entry_v1_t *)base;
    nr_entries = n * (uint32_t)GNTTAB_PER_FRAME;
    /* Pushed from the top down, so the lowest free reference goes first. */
    for (uint32_t ref = nr_entries; ref-- > GNTTAB_NR_RESERVED_ENTRIES;)
        free_refs[nr_free++] = (uint16_t)ref;
    return 0;
}

/* Grants 'domid' access to the page at 'va'; returns the reference, or -1
   (no table, no free reference, or a frame a v1 entry cannot hold). */
int gnttab_grant(domid_t domid, const void *va, bool readonly)
{
    if (!table || nr_free == 0)
        return -1;
    uint64_t frame = boot.mode == BOOT_PV ? mm_mfn(va) : mm_pfn(va);
    if (frame > UINT32_MAX)
        return -1;
    grant_ref_t ref = free_refs[--nr_free];
    live[ref / 8] |= (uint8_t)(1u << (ref % 8));
    table[ref].domid = domid;
    table[ref].frame = (uint32_t)frame;
    /* Xen may use the entry as soon as the flags say so: fill it first. */
    wmb();
    table[ref].flags = (uint16_t)(GTF_permit_access | (readonly ? GTF_readonly : 0));
    return (int)ref;
}

/* Ends a grant; false while the peer still has the page mapped (try
   again later; the page must not be reused meanwhile), and false for a
   reference that is not a live grant. The exchange keeps Xen from taking
   a new mapping between our check of the flags and our clearing them. */
bool gnttab_end(grant_ref_t ref)
{
    if (!table || ref >= nr_entries || !(live[ref / 8] & (1u << (ref % 8))))
        return false;
    volatile uint16_t *flags = &table[ref].flags;
    uint16_t old = *flags;
    do {
        if (old & (GTF_reading | GTF_writing))
            return false;
    } while (
        !__atomic_compare_exchange_n(flags, &old, 0, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    live[ref / 8] &= (uint8_t) ~(1u << (ref % 8));
    free_refs[nr_free++] = (uint16_t)ref;
    return true;
}

/* Maps (read-write) the page 'domid' granted us as 'ref'; returns its
   address and sets '*handle', or returns NULL (Xen's status is printed). */
void *gnttab_map(domid_t domid, grant_ref_t ref, grant_handle_t *handle)
{
    if (boot.mode == BOOT_BARE)
        return NULL;
    uintptr_t addr = nr_spare ? spare[--nr_spare] : mm_hole(1);
    if (!addr)
        return NULL;
    struct gnttab_map_grant_ref map = {
        .host_addr = addr,
        .flags = GNTMAP_host_map,
        .ref = ref,
        .dom = domid,
    };
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_map_grant_ref, &map, 1);
    if (rc || map.status != GNTST_okay) {
        kprintf("gnttab: map of ref %u from dom%u failed: rc %ld status %d\n", ref, domid, rc,
                map.status);
        spare[nr_spare++] = addr; /* it was taken from there or is new: fits */
        return NULL;
    }
    *handle = map.handle;
    return (void *)addr;
}

/* Undoes gnttab_map; 0 or a negative Xen errno. */
int gnttab_unmap(void *va, grant_handle_t handle)
{
    struct gnttab_unmap_grant_ref unmap = {.host_addr = (uintptr_t)va, .handle = handle};
    long rc = HYPERVISOR_grant_table_op(GNTTABOP_unmap_grant_ref, &unmap, 1);
    if (rc)
        return (int)rc;
    if (unmap.status != GNTST_okay) {
        kprintf("gnttab: unmap of handle %u failed: status %d\n", handle, unmap.status);
        return -XEN_EINVAL;
    }
    if (nr_spare < GNTTAB_SPARE_HOLES)
        spare[nr_spare++] = (uintptr_t)va;
    return 0;
}
