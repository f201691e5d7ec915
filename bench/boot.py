#!/usr/bin/env python3
"""boot.py: the boot-time benchmark, `spore bench boot`.

    spore bench boot [options] [APP.xen]
    python3 bench/boot.py --spore build/spore [options] [APP.xen]

Boots a program N times on each target (a hosted process, QEMU microvm, Xen
PV and PVH dom0, Xen PV and PVH domU created by xl) and, in the same run and
interleaved with it, an empty kernel that shuts down at its first
instruction. For each phase (launch to entry, entry to memory, VM, first
Erlang instruction, application ready, shutdown) it reports the median,
min and max, and spore's time over the empty kernel's. Writes results.md,
boot.json (every boot's raw numbers), boot.svg and the boot logs into a
results folder. docs/boot.md says exactly what each number means.

Python 3 standard library only. Times lines with test/xen/bootlat.py and
boots Xen with the rig of test/xen (run_xen.sh, mkdom0.sh, dom0-pack.sh);
the domU targets are in boot_domu.py, the report in boot_report.py.
"""
import argparse
import os
import platform
import re
import shlex
import shutil
import statistics
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.realpath(__file__))
ROOT = os.path.dirname(HERE)
RIG = os.path.join(ROOT, "test", "xen")
# no __pycache__ folders in the source tree
sys.dont_write_bytecode = True
sys.path.insert(0, RIG)
sys.path.insert(0, HERE)
import bootlat  # noqa: E402  (test/xen/bootlat.py)
import boot_domu  # noqa: E402
import boot_report  # noqa: E402

# Target name -> label. The order is the order they run in.
TARGETS = {
    "hosted": "hosted process",
    "qemu": "QEMU microvm (bare PVH)",
    "dom0-pv": "Xen PV dom0",
    "dom0-pvh": "Xen PVH dom0",
    "domu-pv": "Xen PV domU (xl)",
    "domu-pvh": "Xen PVH domU (xl)",
}
QUICK = ["hosted", "qemu"]

# The phases, in display order: the key of each sample's "phases" and its
# heading. docs/boot.md defines each one.
PHASES = [
    ("launch", "launch → entry"),
    ("create", "creation → entry"),
    ("memory", "entry → memory"),
    ("vm", "entry → VM"),
    ("first", "entry → first instruction"),
    ("ready", "entry → app ready"),
    ("line", "launch → app ready"),
    ("exit", "entry → shutdown"),
    ("gone", "creation → gone"),
    ("total", "launch → end"),
]
# Phases counted on the guest's clock: instructions under --icount.
GUEST_PHASES = ("memory", "vm", "first", "ready", "exit")

MARK = re.compile(r"^spore: mark (\w+) (\d+)\s*$")
HALT = re.compile(r"^spore: halt (-?\d+)")
# lines the platform prints, not the program
PLATFORM_LINE = re.compile(r"^(spore|xenstore|xtest): ")
XEN_LINE = re.compile(r"^\(XEN\)")
DOMAIN_PREFIX = re.compile(r"^\(d\d+\) ")


def say(text):
    print(text, flush=True)


def die(text):
    """Stops on misuse or a missing tool: status 2, as for a bad option."""
    print("spore bench boot: " + text, file=sys.stderr)
    sys.exit(2)


# --- the program's image ------------------------------------------------------

SEAL_MAGIC = b"SPORESEG"
SEAL_HEADER = 32  # "SPORESEG", the image's length, the snapshot's, a reserved word


def elf_load_segments(elf):
    """(index, header offset, type, offset, filesz, memsz, vaddr) of every
    program header of a 64-bit little-endian ELF."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF")
    phoff, = struct.unpack_from("<Q", elf, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", elf, 0x36)
    out = []
    for i in range(phnum):
        at = phoff + i * phentsize
        ptype, _flags, off, vaddr, _paddr, filesz, memsz, _align = \
            struct.unpack_from("<IIQQQQQQ", elf, at)
        out.append((i, at, ptype, off, filesz, memsz, vaddr))
    return out


def sealed_segment(elf):
    """The program header of xen/seal.c's segment: the load segment whose
    bytes start with "SPORESEG" and a u64 length. None when there is none."""
    for seg in elf_load_segments(elf):
        _, _, ptype, off, filesz, _, _ = seg
        if ptype == 1 and filesz >= SEAL_HEADER and elf[off:off + 8] == SEAL_MAGIC:
            return seg
    return None


def sealed_payload(path):
    """The bytes sealed into the kernel at 'path' (b"" when none)."""
    with open(path, "rb") as f:
        elf = f.read()
    seg = sealed_segment(elf)
    if seg is None:
        raise ValueError("%s is not a spore kernel (no SPORESEG segment)" % path)
    off = seg[3]
    length, = struct.unpack_from("<Q", elf, off + 8)
    return elf[off + SEAL_HEADER:off + SEAL_HEADER + length]


def seal(kernel, payload, out):
    """Writes 'kernel' with 'payload' sealed in, as `spore build` does: the
    SPORESEG segment moves to the end of the file, at an offset congruent
    to its address modulo the page size (the loaders map it page by page),
    and grows to hold its header and the payload."""
    with open(kernel, "rb") as f:
        elf = bytearray(f.read())
    seg = sealed_segment(elf)
    if seg is None:
        raise ValueError("%s is not a spore kernel (no SPORESEG segment)" % kernel)
    _, at, _, off, _, _, vaddr = seg
    header = bytearray(elf[off:off + SEAL_HEADER])
    struct.pack_into("<QQ", header, 8, len(payload), 0)
    new_off = (len(elf) + 4095) // 4096 * 4096 + vaddr % 4096
    elf += bytes(new_off - len(elf)) + header + payload
    size = SEAL_HEADER + len(payload)
    struct.pack_into("<Q", elf, at + 8, new_off)      # p_offset
    struct.pack_into("<QQ", elf, at + 32, size, size)  # p_filesz, p_memsz
    with open(out, "wb") as f:
        f.write(elf)


def split_cmdline(line):
    """The kernel command line's platform options and the VM's arguments:
    the VM's start at the first word beginning with '-' or '+', or after
    '--' (docs/platforms.md)."""
    words = shlex.split(line)
    for i, w in enumerate(words):
        if w == "--":
            return words[:i], words[i + 1:]
        if w[:1] in ("-", "+"):
            return words[:i], words[i:]
    return words, []


def make_hello(opts, appdir):
    """The default program, examples/hello, built by `spore build` into
    hello.xen (the kernel with its image sealed in, entry point hello:start).
    Returns the image's path and the kernel command line (none needed)."""
    os.makedirs(appdir, exist_ok=True)
    src = os.path.join(ROOT, "examples", "hello", "hello.erl")
    subprocess.run([opts.spore, "build", "-o", appdir, "--kernel", opts.kernel, src],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(appdir, "hello.xen"), ""


class App:
    """The program under test: its kernel image, the kernel command line, and
    for the hosted target the sealed bytes written out as a file that
    `spore run` takes (a .bundle, or a .spore image)."""

    def __init__(self, opts, out):
        if opts.app:
            self.image = os.path.abspath(opts.app)
            cmdline = opts.cmdline
        else:
            say("building the default program, examples/hello ...")
            self.image, cmdline = make_hello(opts, os.path.join(out, "app"))
            if opts.cmdline is not None:
                cmdline = opts.cmdline
        payload = sealed_payload(self.image)
        kind = payload[:8]
        if kind == b"SPOREBN1":
            self.hosted_file = os.path.join(out, "app", "app.bundle")
        elif kind == b"SPOREIMG":
            self.hosted_file = os.path.join(out, "app", "app.spore")
        else:
            raise ValueError("%s has no program sealed in" % self.image)
        if cmdline is None:
            if kind == b"SPOREBN1":
                raise ValueError("%s holds a module bundle, which names no entry point: "
                                 "give --cmdline '-run MOD FUN'" % self.image)
            cmdline = ""  # an image carries its entry point
        os.makedirs(os.path.dirname(self.hosted_file), exist_ok=True)
        with open(self.hosted_file, "wb") as f:
            f.write(payload)
        platform_opts, self.vm_args = split_cmdline(cmdline)
        if "quiet" in platform_opts:
            raise ValueError("'quiet' turns the boot markers off: leave it out of --cmdline")
        self.cmdline = cmdline
        self.name = os.path.basename(self.image)


# --- one timed boot -------------------------------------------------------------

def timed(cmd, limit, on_line=None):
    """Runs 'cmd' once under bootlat.py's timer. Returns the bootlat Run:
    .lines [(seconds since launch, text)], .times["exit"], .rc, .stopped."""
    ropts, marks = bootlat.parse_args(["--limit", str(limit), "--"] + cmd)

    class Watched(bootlat.Run):
        def line(self, rel, text):
            if on_line:
                on_line(rel, text)
            return super().line(rel, text)

    run = Watched(ropts, marks)
    run.execute(cmd)
    return run


def guest_view(lines, xen):
    """What the guest printed, from the stamped lines of a boot: its marks
    (ns, or instructions under --icount), the time of its first line, of the
    program's first line, its halt status and crash. Under Xen the lines
    before Xen's first are the firmware's, and Xen's own are left out."""
    g = {"marks": {}, "mark_seen": {}, "t_first": None, "t_app": None, "app_line": None,
         "halt": None, "crash": None}
    started = not xen
    for t, text in lines:
        if XEN_LINE.match(text):
            started = True
            continue
        if not started or text.startswith("qemu-system-") or not text.strip():
            continue
        text = DOMAIN_PREFIX.sub("", text)
        if g["t_first"] is None:
            g["t_first"] = t
        m = MARK.match(text)
        if m:
            g["marks"].setdefault(m.group(1), int(m.group(2)))
            g["mark_seen"].setdefault(m.group(1), t)
            continue
        m = HALT.match(text)
        if m:
            g["halt"] = int(m.group(1))
            continue
        if text.startswith("spore: crash"):
            g["crash"] = text
        if g["t_app"] is None and not PLATFORM_LINE.match(text):
            g["t_app"], g["app_line"] = t, text
    return g


def kernel_phases(g, icount):
    """The phases a spore kernel reports itself, since its entry: ms, or
    thousands of instructions under --icount. Also returns the host time
    of the entry. A marker's line reaches the host after the phase it
    names (the kernel prints them when it first idles, and 'exit' as it
    stops), so every marker bounds the entry from above: its line's time
    less the guest's time to the phase; the smallest bound is the
    estimate (usually from 'exit', printed the moment it happens)."""
    m = g["marks"]
    scale = 1e3 if icount else 1e6
    p = {k: m[k] / scale for k in GUEST_PHASES if k in m}
    entry = None
    seen = [t - m[k] / 1e9 for k, t in g["mark_seen"].items() if t is not None]
    if not icount and seen:  # a domU's console comes after it ends: no times
        entry = min(seen)
        ready_from_line(p, g, entry)
    return p, entry


def launch_to_ready(p):
    """Launch → app ready, the figure the empty kernel's launch → end is
    the floor of (it is ready, and gone, at its first instruction). The
    entry's estimate cancels out: this is the host's time of the ready
    marker's line, or of the program's first line."""
    if "ready" in p and "launch" in p:
        p["line"] = p["launch"] + p["ready"]


def ready_from_line(p, g, entry):
    """With no 'ready' marker, the program is ready at its first line, as
    the host saw it. The host's stamps come late by its reading latency,
    and so may the estimated entry: a result before the first instruction
    is read as the first instruction."""
    if "ready" not in p and g["t_app"] is not None and entry is not None:
        p["ready"] = max((g["t_app"] - entry) * 1e3, p.get("first", 0.0))


def sample(kind, ok, why, phases, log, raw):
    return {"kind": kind, "ok": ok, "why": why, "phases": phases, "log": log, "raw": raw}


def boot_hosted(opts, app, kind, log):
    """The VM as a Linux process. The entry is the process's first
    constructor (hosted/plat_posix.c), estimated from the marker lines on
    stderr less the markers' own times; the end is the process's exit. The
    empty run is `spore version`: the same executable, loaded, linked and
    gone."""
    if kind == "spore":
        cmd = [opts.spore, "run", app.hosted_file] + app.vm_args
    else:
        cmd = [opts.spore, "version"]
    run = timed(cmd, 60)
    run.write_log(log, cmd)
    end = run.times["exit"]
    raw = {"rc": run.rc, "exit_s": end}
    if kind == "empty":
        ok = run.rc == 0 and run.stopped is None
        # the empty run is ready, and gone, at its first instruction
        return sample(kind, ok, "" if ok else "exit status %s" % run.rc,
                      {"total": end * 1e3, "line": end * 1e3}, log, raw)
    g = guest_view(run.lines, False)
    m = g["marks"]
    raw.update(marks=m, t_first_line=g["t_first"], t_app=g["t_app"])
    if run.rc != 0 or "vm" not in m:
        return sample(kind, False, "exit status %s%s" % (
            run.rc, "" if "vm" in m else ", no 'spore: mark vm' line"), {}, log, raw)
    # each marker line is written when its phase is reached, and seen by
    # the host a little later: the tightest estimate of the entry is the
    # earliest of (seen - the marker's time since the entry)
    entry = min(t - int(mm.group(2)) / 1e9 for t, mm in
                ((t, MARK.match(text)) for t, text in run.lines) if mm)
    p = {k: m[k] / 1e6 for k in ("vm", "first", "ready") if k in m}
    ready_from_line(p, g, entry)
    p.update(launch=entry * 1e3, exit=(end - entry) * 1e3, total=end * 1e3)
    launch_to_ready(p)
    return sample(kind, True, "", p, log, raw)


def qemu_cmd(opts, kernel, cmdline):
    """QEMU microvm as docs/platforms.md boots the kernel: memfd-backed RAM
    (no transparent huge page stalls), isa-debug-exit, no reboot."""
    mem = opts.mem + 16
    cmd = ["qemu-system-x86_64", "-M", "microvm,memory-backend=mem",
           "-object", "memory-backend-memfd,id=mem,size=%dM" % mem, "-m", str(mem),
           "-nographic", "-no-reboot", "-nic", "none",
           "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-kernel", kernel]
    if cmdline:
        cmd += ["-append", cmdline]
    if opts.icount:
        cmd += ["-icount", "shift=0,sleep=off"]
    return cmd


def boot_qemu(opts, app, kind, log):
    """QEMU microvm, bare PVH. The empty kernel leaves QEMU at its first
    instruction: its launch to QEMU's exit is the floor."""
    if kind == "spore":
        cmd = qemu_cmd(opts, app.image, app.cmdline)
    else:
        cmd = qemu_cmd(opts, opts.empty, "")
    run = timed(cmd, 60)
    run.write_log(log, cmd)
    end = run.times["exit"]
    raw = {"rc": run.rc, "exit_s": end}
    # isa-debug-exit: QEMU's status is (S << 1) | 1 for the guest's S
    if kind == "empty":
        ok = run.rc == 1
        return sample(kind, ok, "" if ok else "QEMU exit status %s" % run.rc,
                      {"total": end * 1e3, "line": end * 1e3}, log, raw)
    g = guest_view(run.lines, False)
    raw.update(marks=g["marks"], t_first_line=g["t_first"], t_app=g["t_app"])
    why = judge(g)
    if not why and run.rc != 1:
        why = "QEMU exit status %s" % run.rc
    if why:
        return sample(kind, False, why, {}, log, raw)
    p, entry = kernel_phases(g, opts.icount)
    # under --icount the guest's clock is not the host's: launch is then
    # measured to the first line, without subtracting the guest's time
    p["launch"] = (entry if entry is not None else g["t_first"]) * 1e3
    p["total"] = end * 1e3
    if not opts.icount:
        launch_to_ready(p)
    return sample(kind, True, "", p, log, raw)


def judge(g):
    """Why a boot of the program does not count, or ""."""
    if g["crash"]:
        return g["crash"]
    if g["halt"] is None:
        return "no 'spore: halt' line"
    if g["halt"] != 0:
        return "halt status %d" % g["halt"]
    if "memory" not in g["marks"]:
        return "no boot markers"
    return ""


def read_stamped(path):
    """The lines of a bootlat log: [(seconds, text)]."""
    out = []
    with open(path, encoding="latin-1") as f:
        for raw in f:
            m = re.match(r"^\[ *([0-9.]+)\] (.*)$", raw.rstrip("\n"))
            if m:
                out.append((float(m.group(1)), m.group(2)))
    return out


DOM0_BUILD = re.compile(r"^\(XEN\) \*\*\* Building a PVH? Dom0")
DOM0_END = re.compile(r"^\(XEN\) Hardware Dom0 (shutdown|halted|crashed)")


def boot_dom0(opts, app, kind, log, pvh):
    """Xen with the image as its dom0, through test/xen/run_xen.sh (which
    adds exit=reboot: Xen resets and QEMU exits). Creation starts at Xen's
    "Building a PV(H) Dom0" line and the domain is gone at Xen's "Hardware
    Dom0 shutdown" line; the entry is estimated from the banner as for
    QEMU. The serial log's stamps are in milliseconds."""
    scen = "dom0-pvh" if pvh else "dom0-pv"
    work = log + ".d"
    cmd = ["bash", os.path.join(RIG, "run_xen.sh"), "--cache", opts.cache, "--work", work,
           "--mem", str(opts.mem), "--timeout", "60"]
    if kind == "spore":
        cmd += ["--kernel", app.image, "--cmdline", app.cmdline]
    else:
        cmd += ["--kernel", opts.empty_xen, "--no-halt"]
    res = subprocess.run(cmd + [scen], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    serial = os.path.join(work, scen, "serial.log")
    if not os.path.exists(serial):
        return sample(kind, False, "run_xen.sh: " + (res.stdout + res.stderr).strip()[-300:],
                      {}, serial, {})
    shutil.copy(serial, log)
    lines = read_stamped(serial)
    t_build = next((t for t, x in lines if DOM0_BUILD.match(x)), None)
    t_end = next((t for t, x in lines if DOM0_END.match(x)), None)
    end_line = next((x for t, x in lines if DOM0_END.match(x)), "")
    exit_s = None
    with open(serial, encoding="latin-1") as f:
        last = f.read().rstrip("\n").rsplit("\n", 1)[-1]
    m = re.search(r'"exit": ([0-9.]+)', last)
    if m:
        exit_s = float(m.group(1))
    raw = {"t_build": t_build, "t_end": t_end, "exit_s": exit_s, "verdict": res.stdout.strip()}
    p = {}
    if t_build is not None and t_end is not None:
        p["gone"] = (t_end - t_build) * 1e3
    if exit_s is not None:
        p["total"] = exit_s * 1e3
    if kind == "empty":
        ok = "shutdown" in end_line and "gone" in p
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        return sample(kind, ok, "" if ok else "no dom0 shutdown: " + end_line, p, log, raw)
    g = guest_view(lines, True)
    raw.update(marks=g["marks"], t_first_line=g["t_first"], t_app=g["t_app"])
    why = judge(g)
    if not why and not res.stdout.startswith("PASS"):
        why = res.stdout.strip().splitlines()[0] if res.stdout.strip() else "run_xen.sh failed"
    if why:
        return sample(kind, False, why, p, log, raw)
    # the serial log is kept as 'log'; run_xen.sh's copies of the image and
    # its derived files go, unless the boot failed
    shutil.rmtree(work, ignore_errors=True)
    gp, entry = kernel_phases(g, False)
    p.update(gp)
    p["launch"] = entry * 1e3
    if t_build is not None:
        p["create"] = (entry - t_build) * 1e3
    return sample(kind, True, "", p, log, raw)


# --- statistics -----------------------------------------------------------------

def summarize(samples):
    """For each kind and phase, the median, min and max over the boots
    that counted."""
    out = {}
    for kind in ("spore", "empty"):
        good = [s for s in samples if s["kind"] == kind and s["ok"]]
        out[kind] = {}
        for key, _ in PHASES:
            vals = [s["phases"][key] for s in good if s["phases"].get(key) is not None]
            if vals:
                out[kind][key] = {"n": len(vals), "median": statistics.median(vals),
                                  "min": min(vals), "max": max(vals)}
    return out


def brief(s, unit):
    if not s["ok"]:
        return "FAILED (%s)" % s["why"]
    p = s["phases"]
    parts = []
    for key, head in (("first", "first"), ("exit", "shutdown"), ("gone", "gone"),
                      ("total", "end")):
        if key in p:
            u = unit if key in GUEST_PHASES else "ms"
            parts.append("%s %s" % (head, boot_report.fmt(p[key], u)))
    return ", ".join(parts)


# --- the run ---------------------------------------------------------------------

def run_target(opts, app, target, n, out):
    label = TARGETS[target]
    logs = os.path.join(out, "logs", target)
    os.makedirs(logs, exist_ok=True)
    unit = "kinstr" if (opts.icount and target == "qemu") else "ms"
    boot = {"hosted": boot_hosted, "qemu": boot_qemu,
            "dom0-pv": lambda o, a, k, l: boot_dom0(o, a, k, l, False),
            "dom0-pvh": lambda o, a, k, l: boot_dom0(o, a, k, l, True)}[target]
    samples = []
    for i in range(n):
        say("[%d/%d] %s ..." % (i + 1, n, label))
        pair = []
        for kind in ("spore", "empty"):
            s = boot(opts, app, kind, os.path.join(logs, "%s-%d.log" % (kind, i)))
            s["i"] = i
            samples.append(s)
            pair.append(s)
        say("      spore: %s; empty: %s" % (brief(pair[0], unit), brief(pair[1], "ms")))
    return {"target": target, "label": label, "n": n, "unit": unit, "samples": samples}


def machine():
    info = {"cores": os.cpu_count(), "cpu": "", "kvm": os.path.exists("/dev/kvm"),
            "load": " ".join("%.2f" % x for x in os.getloadavg()), "os": platform.platform()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        v = subprocess.run(["qemu-system-x86_64", "--version"], capture_output=True, text=True)
        info["qemu"] = v.stdout.splitlines()[0] if v.stdout else ""
    except OSError:
        info["qemu"] = ""
    return info


def build_empty_xen(out):
    """bench/empty_xen.S, assembled and linked with the host's compiler; the
    Xen public headers come from libxen-dev."""
    elf = os.path.join(out, "app", "empty_xen.elf")
    os.makedirs(os.path.dirname(elf), exist_ok=True)
    cc = os.environ.get("CC", "cc")
    subprocess.run([cc, "-D__ASSEMBLY__", "-nostdlib", "-static", "-no-pie",
                    "-Wl,--build-id=none", "-Wl,-e,pvh_start32", "-Wl,-Ttext-segment=0x100000",
                    "-Wl,-z,noseparate-code", "-Wl,-z,noexecstack",
                    "-o", elf, os.path.join(HERE, "empty_xen.S")], check=True)
    return elf


def parse_args(argv):
    ap = argparse.ArgumentParser(
        prog="spore bench boot",
        description="Boot a program N times on each target, beside an empty kernel, and "
        "report each boot phase (median, min, max). What each number means: docs/boot.md.")
    ap.add_argument("app", nargs="?", metavar="APP.xen",
                    help="a kernel with the program sealed in (default: examples/hello, "
                    "built into the results folder)")
    ap.add_argument("--targets", default=None,
                    help="comma-separated, from: %s (default: all)" % ",".join(TARGETS))
    ap.add_argument("-n", type=int, default=None,
                    help="boots per target (default 10; Xen domU 5)")
    ap.add_argument("--quick", action="store_true",
                    help="3 boots, QEMU and hosted only (unless --targets or -n say otherwise)")
    ap.add_argument("--icount", action="store_true",
                    help="QEMU counts instructions (-icount shift=0,sleep=off): the QEMU "
                    "target's guest phases in thousands of instructions, repeatable")
    ap.add_argument("--cmdline", default=None,
                    help="the kernel command line: platform options, then the VM's "
                    "arguments (default for hello: '-run hello start'; an image from "
                    "spore build carries its entry point)")
    ap.add_argument("--out", default=None,
                    help="results folder (default: bench/results/boot-DATE-TIME)")
    ap.add_argument("--mem", type=int, default=64, help="MiB of guest memory (default 64)")
    ap.add_argument("--spore", default=None,
                    help="the spore executable, for the hosted target (spore bench passes itself)")
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build-xen", "spore.elf"),
                    help="the kernel the default program is sealed into")
    ap.add_argument("--empty", default=os.path.join(ROOT, "build-xen", "empty.elf"),
                    help="the empty kernel for QEMU (default build-xen/empty.elf)")
    ap.add_argument("--cache", default=os.path.join(ROOT, ".cache", "xen"),
                    help="the Xen rig's downloads and dom0 (default .cache/xen)")
    ap.add_argument("--domu-cpus", type=int, default=1,
                    help="CPUs of the machine the domU targets boot (default 1: dom0 and "
                    "the domU share it; 2: dom0 on one, the domUs on the other)")
    ap.add_argument("--no-plot", action="store_true", help="no SVG plot")
    o = ap.parse_args(argv)
    if o.targets:
        o.targets = [t.strip() for t in o.targets.split(",") if t.strip()]
        bad = [t for t in o.targets if t not in TARGETS]
        if bad:
            ap.error("unknown target %s; the targets are %s" % (", ".join(bad), ", ".join(TARGETS)))
    else:
        o.targets = list(QUICK if o.quick else TARGETS)
    o.targets = [t for t in TARGETS if t in o.targets]
    if o.n is not None and o.n < 1:
        ap.error("-n takes a positive number")
    if o.spore is None:
        o.spore = shutil.which("spore") or os.path.join(ROOT, "build", "spore")
    o.spore = os.path.abspath(o.spore)
    o.cache = os.path.abspath(o.cache)
    o.kernel = os.path.abspath(o.kernel)
    o.empty = os.path.abspath(o.empty)
    return o


def runs_for(o, target):
    if o.n is not None:
        return o.n
    if o.quick:
        return 3
    return 5 if target.startswith("domu") else 10


def main(argv):
    opts = parse_args(argv)
    out = opts.out or os.path.join(HERE, "results", time.strftime("boot-%Y%m%d-%H%M%S"))
    out = os.path.abspath(out)
    os.makedirs(out, exist_ok=True)
    os.environ["SPORE_MARKS"] = "1"  # the hosted target's markers
    needs = {"hosted": [opts.spore], "qemu": [opts.empty]}
    for t in opts.targets:
        for path in needs.get(t, []):
            if not os.path.exists(path):
                die("%s is missing (target %s)" % (path, t))
    if not opts.app and not os.path.exists(opts.kernel):
        die("no kernel at %s: build it (docs/platforms.md)" % opts.kernel)
    try:
        app = App(opts, out)
    except (ValueError, RuntimeError, OSError, struct.error, subprocess.CalledProcessError) as e:
        die(str(e))
    if any(t.startswith("dom") for t in opts.targets):
        try:
            opts.empty_xen = build_empty_xen(out)
        except (OSError, subprocess.CalledProcessError) as e:
            die("cannot build bench/empty_xen.S (a C compiler and libxen-dev are needed): %s" % e)
    meta = {"date": time.strftime("%Y-%m-%d %H:%M %Z"), "app": app.name, "image": app.image,
            "cmdline": app.cmdline, "icount": opts.icount, "mem": opts.mem,
            "machine": machine(), "targets": opts.targets}
    meta["machine"]["load_before"] = meta["machine"].pop("load")
    version = os.path.join(opts.cache, "xen-4.17-amd64.version")
    if any(t.startswith("dom") for t in opts.targets) and os.path.exists(version):
        with open(version) as f:
            meta["machine"]["xen"] = "4.17 (Debian %s)" % f.read().strip()
    say("spore bench boot: %s, '%s', into %s" % (app.name, app.cmdline, out))
    results = []
    rig_failed = False
    domu = [t for t in opts.targets if t.startswith("domu")]
    for t in opts.targets:
        if t.startswith("domu"):
            continue
        results.append(run_target(opts, app, t, runs_for(opts, t), out))
    if domu:
        n = runs_for(opts, domu[0])
        try:
            results += boot_domu.run(sys.modules[__name__], opts, app, domu, n, out)
        except subprocess.CalledProcessError as e:
            # the other targets' results are still written
            say("the Xen rig failed, no domU figures: %s" % e)
            rig_failed = True
    for r in results:
        r["summary"] = summarize(r["samples"])
    meta["machine"]["load_after"] = " ".join("%.2f" % x for x in os.getloadavg())
    paths = boot_report.write(out, meta, results, PHASES, GUEST_PHASES, not opts.no_plot)
    say("")
    say(boot_report.summary_table(meta, results, PHASES, GUEST_PHASES))
    say("")
    say("results: %s" % ", ".join(paths))
    failed = sum(1 for r in results for s in r["samples"] if not s["ok"])
    return 1 if failed or rig_failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
