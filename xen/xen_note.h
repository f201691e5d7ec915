/*
** xen_note.h: XEN_NOTE(type, desc...), for assembly: one "Xen" ELF note
** (name size, descriptor size, type, name, descriptor), kept 4-byte aligned
** (QEMU's PVH note reader rounds the name size up to the PT_NOTE segment's
** p_align). XEN_GUEST_NOTES: a guest's set. Used by xen/boot.S and
** bench/empty_xen.S.
*/
#ifndef SPORE_XEN_NOTE_H
#define SPORE_XEN_NOTE_H

#define XEN_NOTE(type, desc...)             \
        .pushsection .note.Xen, "a", @note; \
        .balign 4;                          \
        .long 2f - 1f;                      \
        .long 4f - 3f;                      \
        .long type;                         \
1:      .asciz "Xen";                       \
2:      .balign 4;                          \
3:      desc;                               \
4:      .balign 4;                          \
        .popsection

/* The notes of a guest with both entries (pvh_start32 and pv_start64) and
   a hypercall page, named 'os': the kernel's, and the empty kernel's that
   the boot benchmark measures it against. */
#define XEN_GUEST_NOTES(os)                                       \
        XEN_NOTE(XEN_ELFNOTE_PHYS32_ENTRY, .long pvh_start32);    \
        XEN_NOTE(XEN_ELFNOTE_ENTRY, .quad pv_start64);            \
        XEN_NOTE(XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page); \
        XEN_NOTE(XEN_ELFNOTE_VIRT_BASE, .quad 0);                 \
        XEN_NOTE(XEN_ELFNOTE_PADDR_OFFSET, .quad 0);              \
        XEN_NOTE(XEN_ELFNOTE_GUEST_OS, .asciz os);                \
        XEN_NOTE(XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0");      \
        XEN_NOTE(XEN_ELFNOTE_LOADER, .asciz "generic")

#endif
