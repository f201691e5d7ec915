/*
** boot.S: the entry points, the Xen ELF notes, the interrupt and callback
** stubs. One ELF image, two entries, chosen by the notes:
**
**  pvh_start32  XEN_ELFNOTE_PHYS32_ENTRY: the PVH boot ABI (Xen PVH, QEMU
**               -kernel, KVM microVM monitors). 32-bit protected mode,
**               paging off, %ebx = physical address of hvm_start_info.
**               We map the first 4 GiB with 2 MiB pages, enter long mode and
**               call pvh_main; mm.c then replaces those tables with W^X ones.
**  pv_start64   XEN_ELFNOTE_ENTRY: a classic 64-bit PV guest, started by Xen
**               in long mode on Xen's tables with %rsi = start_info.
**
** Both read the TSC first, for the boot markers.
*/
#include <xen/elfnote.h>
#include <xen/xen.h>

#define GDT_CS32 0x08
#define GDT_DS   0x10
#define GDT_CS64 0x18

#include "xen_note.h"

XEN_GUEST_NOTES("spore")
XEN_NOTE(XEN_ELFNOTE_GUEST_VERSION,  .asciz "0.1")

        .section .text.boot, "ax"

/* ------------------------------------------------------------------ PVH */
        .code32
        .globl pvh_start32
pvh_start32:
        cli
        cld
        rdtsc
        mov     %eax, %edi              /* TSC at entry, kept in edi:ebp */
        mov     %edx, %ebp
        mov     %ebx, %esi              /* hvm_start_info */

        /* The PVH ABI enters with flat 4 GiB code, data and stack
           segments: they stay until the jump to 64-bit code, which is the
           first selector our GDT has to give. Every segment load and
           conditional jump ends a block that an emulator translates
           before it runs, so this path has as few of them as it can. */
        lgdt    gdt_ptr32
        mov     %edi, boot_tsc
        mov     %ebp, boot_tsc + 4

        /* .bss comes zeroed: the ELF loaders of QEMU and Xen fill a
           segment's memory size past its file size with zeros (and under
           emulation a rep stos over it would cost a millisecond) */
        mov     $boot_stack_top, %esp

        /* PML4[0] -> PDPT, PDPT[0..3] -> the four PDs. Stores, not a
           loop: an emulator translates a loop's body twice when the code
           before it falls into it, in the block that runs its first pass
           and as the block its jump back starts (so the loops below are
           entered with a jump). */
        movl    $boot_pdpt + 3, boot_pml4
        movl    $boot_pd + 3, boot_pdpt
        movl    $boot_pd + 0x1003, boot_pdpt + 8
        movl    $boot_pd + 0x2003, boot_pdpt + 16
        movl    $boot_pd + 0x3003, boot_pdpt + 24
        /* 2048 entries of 2 MiB: the first 4 GiB, present, writable; past
           the first (the code's: link.ld keeps it under 2 MiB) not
           executable when the CPU has NX, and the last 20 MiB (the IOAPIC
           and the local APIC) uncached. mm.c replaces the entries under
           the image's end with 4 KiB tables, and keeps these. */
        mov     $0x80000001, %eax
        cpuid
        mov     %edx, %ebx              /* NX (bit 20 of edx) to bit 31: */
        shr     $20, %ebx               /* bit 63 of the entry */
        and     $1, %ebx
        shl     $31, %ebx
        mov     %ebx, boot_nx + 4       /* for mm.c's own tables */
        mov     $boot_pd, %edi
        mov     $0x83, %eax
        xor     %edx, %edx              /* no NX for the first entry */
        mov     $2038, %ecx             /* up to 0xfec00000 */
        jmp     3f
3:      mov     %eax, (%edi)
        mov     %edx, 4(%edi)
        mov     %ebx, %edx
        add     $0x200000, %eax
        add     $8, %edi
        loop    3b
        or      $0x18, %eax             /* the last ten: PCD, PWT */
        mov     $10, %ecx
        jmp     6f
6:      mov     %eax, (%edi)
        mov     %edx, 4(%edi)
        add     $0x200000, %eax
        add     $8, %edi
        loop    6b

        mov     %cr4, %eax
        or      $0x620, %eax            /* PAE, OSFXSR, OSXMMEXCPT */
        mov     %eax, %cr4
        mov     $boot_pml4, %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* EFER */
        rdmsr
        or      $0x100, %eax            /* LME */
        shr     $20, %ebx               /* entries' NX bit 31 -> NXE, bit 11 */
        or      %ebx, %eax
        wrmsr
        mov     %cr0, %eax
        and     $~0x4, %eax             /* no EM: SSE code runs */
        or      $0x80010023, %eax       /* PG, WP, NE, MP, PE */
        mov     %eax, %cr0
        ljmp    $GDT_CS64, $pvh_long

        .code64
pvh_long:
        /* ds and es keep the loader's flat descriptors (long mode ignores
           their bases and limits; nothing reloads them), and so do fs and
           gs, which no code here uses (and loading each ends a block that
           an emulator translates); ss is null, the selector an iret at
           ring 0 accepts whatever the loader's GDT was */
        xor     %eax, %eax
        mov     %eax, %ss
        lea     boot_stack_top(%rip), %rsp
        mov     %esi, %edi              /* arg 0: hvm_start_info */
        call    pvh_main
5:      cli
        hlt
        jmp     5b

/* ------------------------------------------------------------------- PV */
        .globl pv_start64
pv_start64:
        cld
        rdtsc
        shl     $32, %rdx
        or      %rax, %rdx
        mov     %rdx, boot_tsc(%rip)
        mov     %rsi, %rdi              /* start_info; .bss comes zeroed */
        lea     boot_stack_top(%rip), %rsp
        call    pv_main
6:      jmp     6b

/* ------------------------------------------------ interrupts (PVH, bare) */

/* Saves what the C ABI does not keep (and the SSE state, since the VM uses
   it), calls irq_dispatch(vector, frame), restores and returns. */
        .macro  SAVE_CALL fn
        push    %rax
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        mov     %rsp, %rbx
        and     $-16, %rsp
        sub     $512, %rsp
        fxsave  (%rsp)
        call    \fn
        fxrstor (%rsp)
        mov     %rbx, %rsp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rax
        .endm

irq_common:
        push    %rsi                    /* frame: rsi, rdi, then the iret frame */
        mov     %rsp, %rsi
        SAVE_CALL irq_dispatch
        pop     %rsi
        pop     %rdi
        iretq

/* Exceptions: every one is fatal; the handler prints the state and stops. */
exc_common:
        mov     %rsp, %rdi              /* vector, error, then the iret frame */
        and     $-16, %rsp
        call    trap_fatal
7:      hlt
        jmp     7b

/* The entry stubs, 16 bytes each at fixed addresses (link.ld puts this
   section first, at TRAP_BASE): slot N is vector N for the exceptions
   (0-19), then the interrupts. The IDT below is then a table of constants,
   with nothing to build at boot. */
#define TRAP_BASE 0x100000
#define SLOT_TIMER 20
#define SLOT_UPCALL 21
#define SLOT_SPURIOUS 22
        .section .text.traps, "ax"
        .macro  SLOT n                  /* "moving .org backwards": a stub too long */
        .org    trap_stubs + 16 * \n, 0xcc
        .endm

        .macro  EXC vec, has_err
        SLOT    \vec
        .globl  exc_entry_\vec
exc_entry_\vec:
        .if     \has_err == 0
        push    $0
        .endif
        push    $\vec
        jmp     exc_common
        .endm

        .macro  IRQ vec, slot
        SLOT    \slot
        .globl  irq_entry_\vec
irq_entry_\vec:
        push    %rdi
        mov     $\vec, %edi
        jmp     irq_common
        .endm

        .globl  trap_stubs
trap_stubs:
        EXC 0, 0
        EXC 1, 0
        EXC 2, 0
        EXC 3, 0
        EXC 4, 0
        EXC 5, 0
        EXC 6, 0
        EXC 7, 0
        EXC 8, 1
        SLOT 9
        int3                            /* 9: no gate */
        EXC 10, 1
        EXC 11, 1
        EXC 12, 1
        EXC 13, 1
        EXC 14, 1
        SLOT 15
        int3                            /* 15: no gate */
        EXC 16, 0
        EXC 17, 1
        EXC 18, 0
        EXC 19, 0
        IRQ 0xf0, SLOT_TIMER            /* local APIC timer (bare) */
        IRQ 0xf3, SLOT_UPCALL           /* Xen event channel upcall (PVH) */
        IRQ 0xff, SLOT_SPURIOUS         /* spurious */
        .previous

/* The IDT (PVH and bare): interrupt gates to the stubs' slots, in kernel
   code (0x18); page faults and double faults on the TSS's first extra
   stack (IST 1). */
#define GATE(slot, ist) .quad (((TRAP_BASE + 16 * (slot)) & 0xffff) | (0x18 << 16) | \
        ((ist) << 32) | (0x8e << 40) | ((((TRAP_BASE + 16 * (slot)) >> 16) & 0xffff) << 48)), 0
#define NO_GATE .quad 0, 0
        .section .rodata
        .balign 16
idt:
        GATE(0, 0)
        GATE(1, 0)
        GATE(2, 0)
        GATE(3, 0)
        GATE(4, 0)
        GATE(5, 0)
        GATE(6, 0)
        GATE(7, 0)
        GATE(8, 1)
        NO_GATE
        GATE(10, 0)
        GATE(11, 0)
        GATE(12, 0)
        GATE(13, 0)
        GATE(14, 1)
        NO_GATE
        GATE(16, 0)
        GATE(17, 0)
        GATE(18, 0)
        GATE(19, 0)
        .fill   (0xf0 - 20) * 2, 8, 0
        GATE(SLOT_TIMER, 0)             /* 0xf0 */
        .fill   2 * 2, 8, 0
        GATE(SLOT_UPCALL, 0)            /* 0xf3 */
        .fill   (0xff - 0xf4) * 2, 8, 0
        GATE(SLOT_SPURIOUS, 0)          /* 0xff */
idt_end:
        .balign 8
        .globl  idt_ptr
idt_ptr:
        .word   idt_end - idt - 1
        .quad   idt
        .previous

/* ------------------------------------------------------------ PV callbacks */

/* Xen enters the event callback with events masked and the stack holding
   rcx, r11, rip, cs, rflags, rsp, ss. We return through HYPERVISOR_iret,
   whose page entry pushes rcx, r11, rax itself and expects 'flags' (0) on
   top of the iret frame; it also restores the event mask. */
        .globl  pv_event_callback
pv_event_callback:
        push    %rdi
        push    %rsi
        xor     %edi, %edi
        xor     %esi, %esi
        SAVE_CALL pv_upcall
        pop     %rsi
        pop     %rdi
        mov     (%rsp), %rcx
        mov     8(%rsp), %r11
        add     $16, %rsp
        push    $0
        jmp     hypercall_page + __HYPERVISOR_iret * 32

        .globl  pv_failsafe_callback
pv_failsafe_callback:
        mov     %rsp, %rdi
        and     $-16, %rsp
        call    pv_failsafe
8:      jmp     8b

/* PV exceptions: Xen pushes rcx and r11 above the usual frame. */
        .macro  PVEXC vec, has_err
        .globl  pv_exc_entry_\vec
pv_exc_entry_\vec:
        pop     %rcx
        pop     %r11
        .if     \has_err == 0
        push    $0
        .endif
        push    $\vec
        mov     %rsp, %rdi
        and     $-16, %rsp
        call    trap_fatal
9:      jmp     9b
        .endm

        PVEXC 0, 0
        PVEXC 1, 0
        PVEXC 3, 0
        PVEXC 4, 0
        PVEXC 5, 0
        PVEXC 6, 0
        PVEXC 7, 0
        PVEXC 8, 1
        PVEXC 10, 1
        PVEXC 11, 1
        PVEXC 12, 1
        PVEXC 13, 1
        PVEXC 14, 1
        PVEXC 16, 0
        PVEXC 17, 1
        PVEXC 19, 0

/* ------------------------------------------------------- hypercall page */
/* PV: Xen fills it when it loads us. PVH: we ask Xen to, through the MSR
   that CPUID names. Bare: never called. */
        .section .text.hypercall_page, "ax"
        .balign 4096
        .globl hypercall_page
hypercall_page:
        .fill 4096, 1, 0xcc

/* ------------------------------------------------------------------ GDT */
        .section .data
        .balign 8
        .globl gdt
gdt:
        .quad 0
        .quad 0x00cf9a000000ffff        /* 0x08: 32-bit code */
        .quad 0x00cf92000000ffff        /* 0x10: data */
        .quad 0x00af9a000000ffff        /* 0x18: 64-bit code */
        .quad __tss_desc, 0             /* 0x20: the TSS (link.ld packs its address) */
gdt_end:
gdt_ptr32:
        .word gdt_end - gdt - 1
        .long gdt

        .section .data
        .balign 8
        .globl boot_tsc
boot_tsc:
        .quad 0

/* The TSS (PVH and bare PVH; 104 bytes, packed): its first interrupt stack
   takes page faults and double faults (traps.c's IDT), so that running
   into the boot stack's guard page is reported, not a triple fault. */
        .balign 16
        .globl boot_tss
boot_tss:
        .long 0
        .quad 0, 0, 0                   /* rsp0-2: no ring change here */
        .quad 0
        .quad fault_stack_top           /* ist1 */
        .quad 0, 0, 0, 0, 0, 0
        .quad 0
        .word 0, 104                    /* no I/O bitmap: it starts past the end */
boot_tss_end:
        .if boot_tss_end - boot_tss - 104
        .error "boot.S: the TSS is not 104 bytes"
        .endif

/* ------------------------------------------------------------------ BSS */
        .section .bss
        .balign 4096
        .globl boot_pml4, boot_pd, boot_stack_guard, boot_stack_top
boot_pml4:
        .skip 4096
boot_pdpt:
        .skip 4096
boot_pd:
        .skip 4 * 4096
/* The guard page under the stack is left unmapped by mm.c. */
boot_stack_guard:
        .skip 4096
        .skip 65536
boot_stack_top:
/* The TSS's interrupt stack for page faults and double faults */
        .skip 16384
fault_stack_top:

        .section .note.GNU-stack, "", @progbits
