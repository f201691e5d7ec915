/*
** seal.c: the placeholder of the sealed image. `spore build` finds this
** section's segment in the kernel ELF, appends the image (a manifest and
** the modules) and makes the segment that much longer; the loaders (QEMU's
** PVH loader, Xen's) then place it right after the kernel, and mm.c maps it
** read-only like the code's literals. A snapshot of the VM (snap.c) may
** follow: its header, then, at the heap's floor, its heap. Read through a
** volatile: as compiled, the lengths are 0. (seal_end and seal_snapshot are
** inline, in kernel.h: they are on the boot's way.)
*/
#include "kernel.h"

__attribute__((section(".spore_image"), used, aligned(16)))
const volatile SealedImage sealed_image = {{'S', 'P', 'O', 'R', 'E', 'S', 'E', 'G'}, 0, 0, 0};

