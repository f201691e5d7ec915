/*
** xen_note.h: XEN_NOTE(type, desc...), for assembly: one "Xen" ELF note
** (name size, descriptor size, type, name, descriptor), kept 4-byte aligned
** (QEMU's PVH note reader rounds the name size up to the PT_NOTE segment's
** p_align). Used by xen/boot.S and bench/empty_xen.S.
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

#endif
