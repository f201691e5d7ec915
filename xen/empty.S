/*
** empty.S: the smallest PVH kernel, which exits QEMU (isa-debug-exit, port
** 0xf4) at its first instruction. Booting it measures what the hypervisor
** alone costs: the floor the boot benchmark compares spore against.
*/
#include <xen/elfnote.h>
        .pushsection .note.Xen, "a", @note
        .balign 4
        .long 4, 4, XEN_ELFNOTE_PHYS32_ENTRY
        .asciz "Xen"
        .long pvh_start32
        .popsection
        .section .text, "ax"
        .code32
        .globl pvh_start32
pvh_start32:
        mov     $0, %eax
        out     %eax, $0xf4
1:      hlt
        jmp     1b
        .section .note.GNU-stack, "", @progbits
