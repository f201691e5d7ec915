#!/bin/bash
# qemu_work.sh: the work QEMU does to boot a kernel under TCG, counted
# exactly. Under emulation a boot's time is mostly QEMU translating guest
# code the first time it runs, and wall-clock figures on a shared machine
# move by tens of percent; this runs QEMU (microvm, as `spore bench boot`
# does) under valgrind's callgrind and prints the instructions QEMU's vCPU
# thread executed: translating, then running, the guest's code. The count
# repeats to a fraction of a percent, so it shows what a change to the boot
# path is worth. The empty kernel (build-xen/empty.elf, which exits at its
# first instruction) is counted too: its figure is the firmware's and
# QEMU's own.
#
#   bench/qemu_work.sh [--mem MIB] KERNEL.xen...
#
# Each run takes a few seconds. Needs valgrind and qemu-system-x86.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MEM=64
if [ "${1:-}" = "--mem" ]; then
    MEM=$2
    shift 2
fi
[ $# -ge 1 ] || { echo "usage: bench/qemu_work.sh [--mem MIB] KERNEL.xen..." >&2; exit 2; }
for p in valgrind qemu-system-x86_64; do
    command -v "$p" >/dev/null || { echo "qemu_work.sh: '$p' is missing" >&2; exit 2; }
done
EMPTY=$ROOT/build-xen/empty.elf
[ -f "$EMPTY" ] || { echo "qemu_work.sh: $EMPTY is missing (./spore.sh kernel)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# work KERNEL: the vCPU thread's instructions. callgrind writes one file per
# thread; the main thread is part 1 (QEMU's start), the vCPU thread the
# busiest of the others.
work() {
    rm -f "$TMP"/cg.out*
    valgrind --tool=callgrind --smc-check=all-non-file --separate-threads=yes \
        --callgrind-out-file="$TMP/cg.out" \
        qemu-system-x86_64 -M microvm -m "$MEM" -nographic -no-reboot -nic none \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$1" >/dev/null 2>&1
    local best=0 v f
    for f in "$TMP"/cg.out-*; do
        [ "$f" = "$TMP/cg.out-01" ] && continue
        v=$(awk '/^summary:/ {print $2; exit}' "$f")
        [ -n "$v" ] && [ "$v" -gt "$best" ] && best=$v
    done
    echo "$best"
}

floor=$(work "$EMPTY")
printf '%-40s %14s\n' "kernel" "vCPU instr"
printf '%-40s %14d\n' "empty kernel" "$floor"
for k in "$@"; do
    [ -f "$k" ] || { echo "qemu_work.sh: no file $k" >&2; exit 2; }
    n=$(work "$k")
    printf '%-40s %14d  (%d more than the empty kernel)\n' "$(basename "$k")" "$n" \
        $((n - floor))
done
