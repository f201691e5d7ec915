/*
** empty_xen.S: the smallest Xen guest, the floor of the boot benchmark on
** Xen (bench/boot.py builds it). Its first instructions ask Xen to shut the
** domain down (SCHEDOP_shutdown, reason reboot: a dom0's reboot resets
** Xen, so QEMU -no-reboot exits; a domU created with on_reboot="destroy"
** is destroyed). One ELF, both entries, like the spore kernel:
**   pvh_start32  PVH: 32-bit, paging off; the hypercall page is written
**                by Xen when we give its address to the MSR that CPUID
**                names. With no Xen there (QEMU alone), it leaves QEMU
**                through isa-debug-exit, as build-xen/empty.elf does.
**   pv_start64   PV: long mode on Xen's page tables; Xen filled the
**                hypercall page when it loaded us (XEN_ELFNOTE_HYPERCALL_PAGE).
** It prints nothing: what it costs is read from Xen's and xl's lines.
*/
/* the interface the kernel uses: older ones name the old sched_op */
#define __XEN_INTERFACE_VERSION__ 0x00040e00
#include <xen/elfnote.h>
#include <xen/xen.h>

/* From xen/sched.h, which is C only: the shutdown operation and reason. */
#define SCHEDOP_shutdown 2
#define SHUTDOWN_reboot 1

#include "../xen/xen_note.h"

XEN_GUEST_NOTES("empty")

        .section .text, "ax"

        .code32
        .globl pvh_start32
pvh_start32:
        cli
        mov     $stack_top, %esp
        /* Xen's CPUID leaves sit at 0x40000000 or, when it also offers
           Viridian, one or more 0x100 steps above; ebx:ecx:edx of the
           first leaf spell "XenVMMXenVMM". */
        mov     $0x40000000, %esi
1:      mov     %esi, %eax
        cpuid
        cmp     $0x566e6558, %ebx       /* "XenV" */
        jne     2f
        cmp     $0x65584d4d, %ecx       /* "MMXe" */
        jne     2f
        cmp     $0x4d4d566e, %edx       /* "nVMM" */
        je      3f
2:      add     $0x100, %esi
        cmp     $0x40010000, %esi
        jb      1b
        /* no Xen: leave QEMU (isa-debug-exit at port 0xf4, if it has one) */
        xor     %eax, %eax
        out     %eax, $0xf4
        jmp     halt32
3:      lea     2(%esi), %eax           /* leaf base + 2: ebx = the MSR */
        cpuid
        mov     %ebx, %ecx
        mov     $hypercall_page, %eax
        xor     %edx, %edx
        wrmsr
        /* the 32-bit hypercall ABI: eax = number (set by the page), ebx and
           ecx the first two arguments */
        mov     $SCHEDOP_shutdown, %ebx
        mov     $shutdown_reason, %ecx
        call    hypercall_page + __HYPERVISOR_sched_op * 32
halt32: hlt
        jmp     halt32

        .code64
        .globl pv_start64
pv_start64:
        lea     stack_top(%rip), %rsp
        mov     $SCHEDOP_shutdown, %edi
        lea     shutdown_reason(%rip), %rsi
        call    hypercall_page + __HYPERVISOR_sched_op * 32
        /* a PV guest may not hlt; the shutdown does not return anyway */
1:      pause
        jmp     1b

        .balign 8
shutdown_reason:                        /* struct sched_shutdown */
        .long   SHUTDOWN_reboot

/* Xen writes the hypercall page whatever our page rights: PV through its
   own mapping, PVH with paging still off. */
        .balign 4096
        .globl hypercall_page
hypercall_page:
        .fill   4096, 1, 0xcc

        .section .bss
        .balign 16
        .skip   1024
stack_top:

        .section .note.GNU-stack, "", @progbits
