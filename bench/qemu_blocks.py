#!/usr/bin/env python3
"""qemu_blocks.py: where a boot's time goes under QEMU's emulation, block by
block, from the kernel's entry to its first Erlang instruction.

Under TCG a boot's time is mostly QEMU translating each block of guest code
the first time it runs. This puts uprobes (perf probe, as root) on the entry
and the return of QEMU's tb_gen_code, boots the kernel on QEMU microvm as
`spore bench boot` does, and gives, for every block translated from the
kernel's entry (pvh_start32) to interp_run, the function it is in and the
microseconds QEMU took to translate it ("translate") and then to run it
and find the next ("then"): medians over the runs. The probes add a few
microseconds to each block; compare kernels measured in one run.

What it showed: a block's translation costs about a microsecond per guest
instruction and a few more per block, but the first vector instruction
QEMU meets costs tens more (QEMU pages in the code that translates it),
and so does a loop whose body the code before it falls into (translated
twice).

    bench/qemu_blocks.py [-n RUNS] [--elf DEBUG_ELF] [--from FUNC] [--to FUNC]
                         [--all | --top N] KERNEL.xen...

KERNEL.xen is a kernel with its image (spore build's NAME.xen) built from
DEBUG_ELF's kernel (default build-xen/spore.debug.elf), whose symbols name
the blocks. --from and --to name the functions whose first block starts
and ends the count (default pvh_start32 and interp_run; --to "" counts to
the end of the boot). --all lists every block, --top N the N costliest,
rather than the functions' sums.
"""
import argparse
import bisect
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QEMU = "qemu-system-x86_64"


def symbols(elf):
    out = subprocess.run(["nm", "-n", elf], capture_output=True, text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3 and p[1] in "tTwW":
            syms.append((int(p[0], 16), p[2]))
    syms.sort()
    return [a for a, _ in syms], [n for _, n in syms]


def probes(qemu):
    """The two uprobes, added unless perf already has them."""
    have = subprocess.run(["perf", "probe", "-l"], capture_output=True, text=True).stdout
    for spec, name in (("spore_tb=tb_gen_code pc=%si:u64", "spore_tb"),
                       ("spore_tb_ret=tb_gen_code%return", "spore_tb_ret")):
        if name not in have:
            r = subprocess.run(["perf", "probe", "-q", "-x", qemu, "--add", spec],
                               capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("qemu_blocks.py: cannot probe %s (perf probe, as root, with "
                         "uprobes): %s" % (qemu, r.stderr.strip()))


def one_run(kernel, tmp):
    data = os.path.join(tmp, "perf.data")
    cmd = ["perf", "record", "-q", "-e", "probe_qemu:spore_tb",
           "-e", "probe_qemu:spore_tb_ret__return", "-o", data, "--",
           QEMU, "-M", "microvm", "-m", "64", "-nographic", "-no-reboot", "-nic", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-kernel", kernel]
    subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    out = subprocess.run(["perf", "script", "--ns", "-i", data, "-F", "time,event,trace"],
                         capture_output=True, text=True).stdout
    ev = []
    for line in out.splitlines():
        m = re.match(r"\s*([\d.]+):\s+(\S+):.*?(?:pc=(\d+))?\s*$", line)
        if m:
            ev.append((float(m.group(1)), m.group(2), int(m.group(3)) if m.group(3) else None))
    # each translation: its pc, its time, and the time to the next one
    blocks = []
    for i, (t, e, pc) in enumerate(ev):
        if pc is not None and i + 1 < len(ev):
            ret = ev[i + 1][0]
            nxt = ev[i + 2][0] if i + 2 < len(ev) else ret
            blocks.append((pc, (ret - t) * 1e6, (nxt - ret) * 1e6))
    return blocks


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("kernels", nargs="+")
    ap.add_argument("-n", type=int, default=5, help="boots per kernel (default 5)")
    ap.add_argument("--elf", default=os.path.join(ROOT, "build-xen", "spore.debug.elf"))
    ap.add_argument("--from", dest="start", default="pvh_start32",
                    help="the function whose first block starts the count")
    ap.add_argument("--to", dest="stop", default="interp_run",
                    help='the function whose first block ends it ("": the end)')
    ap.add_argument("--all", action="store_true", help="every block, not the sums per function")
    ap.add_argument("--top", type=int, default=0, help="the N costliest blocks")
    args = ap.parse_args()
    for tool in ("perf", QEMU, "nm"):
        if not shutil.which(tool):
            sys.exit("qemu_blocks.py: '%s' is missing" % tool)
    for path in [args.elf] + args.kernels:
        if not os.path.isfile(path):
            sys.exit("qemu_blocks.py: no file %s" % path)
    addrs, names = symbols(args.elf)

    def name(pc):
        i = bisect.bisect_right(addrs, pc) - 1
        return names[i] if i >= 0 else "?"

    probes(shutil.which(QEMU))
    # the kernels' boots in turn, so that a slow spell of the machine
    # weighs on each alike
    runs = {k: [] for k in args.kernels}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.n):
            for kernel in args.kernels:
                seq, on = [], False
                for pc, tr, then in one_run(kernel, tmp):
                    f = name(pc)
                    on = on or f == args.start
                    if on and f == args.stop:
                        break
                    if on:
                        seq.append((pc, f, tr, then))
                runs[kernel].append(seq)
    for kernel in args.kernels:
        runs_k = runs[kernel]
        # runs of one kernel translate the same blocks in the same order
        n = min(len(r) for r in runs_k)
        if n == 0:
            print("%s: no block of %s translated (a kernel of another build than %s?)" %
                  (kernel, args.start, args.elf))
            continue
        rows = [(runs_k[0][i][0], runs_k[0][i][1],
                 statistics.median(r[i][2] for r in runs_k),
                 statistics.median(r[i][3] for r in runs_k)) for i in range(n)]
        print("%s: %d blocks from %s to %s, %d boots" %
              (kernel, n, args.start, args.stop or "the end", args.n))
        if args.all or args.top:
            shown = sorted(rows, key=lambda r: -r[2])[:args.top] if args.top else rows
            for pc, f, tr, then in shown:
                print("  %-28s %#10x  translate %6.1f us  then %6.1f us" % (f[:28], pc, tr, then))
        else:
            sums = {}
            for pc, f, tr, then in rows:
                s = sums.setdefault(f, [0, 0.0, 0.0])
                s[0] += 1
                s[1] += tr
                s[2] += then
            for f, (k, tr, then) in sums.items():
                print("  %-28s %3d blocks  translate %6.1f us  then %6.1f us" % (f[:28], k, tr, then))
        print("  %-28s %3d blocks  translate %6.1f us  then %6.1f us" %
              ("total", n, sum(r[2] for r in rows), sum(r[3] for r in rows)))


if __name__ == "__main__":
    main()
