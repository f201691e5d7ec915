"""boot_domu.py: the domU targets of `spore bench boot` (bench/boot.py).

One boot of the rig's Linux dom0 (test/xen/mkdom0.sh, dom0-pack.sh, booted
as test/xen/run_xen.sh boots it for its domu scenario) creates each image N
times with `xl create -F`, one domain after the other: the program and the
empty kernel in turn, as PV and as PVH domUs. The dom0 writes to Xen's
console, so each of its lines reaches the host's serial log as it happens,
stamped there by bootlat.py; the domains' own consoles go to xenconsoled's
log files, which run.sh prints after each domain has gone.

Per domain (seconds on the host's clock, from the serial log):
  create  run.sh's "bench: create NAME", just before xl starts
  running xl's "Waiting for domain NAME (domid D) to die": the domain was
          built and unpaused
  gone    xl's "Domain D has shut down, reason code R"
The guest's phases come from its own boot markers (the Xen PV clock).
Creation to entry is the earlier of running and of gone less the guest's
own entry to shutdown: both are upper bounds, since dom0 and the domU
share the machine's one CPU and xl may print after the guest has run.
"""
import os
import re
import shutil
import subprocess

CREATE = re.compile(r"^bench: create (\S+)$")
RUNNING = re.compile(r"Waiting for domain (\S+) \(domid (\d+)\) to die")
GONE = re.compile(r"Domain (\d+) has shut down, reason code (\d+)")

# Seconds a domain may live before run.sh destroys it.
DOMAIN_LIMIT = 60

RUN_SH = r"""#!/bin/sh
# run.sh: made by bench/boot_domu.py for one boot of the test dom0, which
# runs it (test/xen/dom0-init). Creates each domain in turn with
# 'xl create -F', which stays until the domain is gone; xl writes to the
# console, so its lines reach the host as they come. After each domain,
# its console log (xenconsoled) is printed between "bench: begin NAME" and
# "bench: end NAME".
LIMIT=@LIMIT@
LOG=/var/log/xen/console
say() { echo "bench: $*"; }

boot() { # NAME CONFIG
    say "create $1"
    xl create -F "$2" "name=\"$1\"" < /dev/null &
    xl=$!
    # a domain that does not end is destroyed; the watcher goes with it
    ( sleep $LIMIT && say "destroying $1" && xl destroy "$1" ) &
    watch=$!
    wait $xl
    rc=$?
    kill $watch 2> /dev/null
    say "ended $1 xl=$rc"
    say "begin $1"
    if [ -f $LOG/guest-$1.log ]; then
        cat $LOG/guest-$1.log
        [ -z "$(tail -c 1 $LOG/guest-$1.log)" ] || echo
    fi
    say "end $1"
}

"""


def xl_config(kind, kernel, cmdline, mem):
    lines = ['type = "%s"' % kind, 'kernel = "%s"' % kernel]
    if cmdline:
        s = cmdline.replace("\\", "\\\\").replace('"', '\\"')
        lines.append('cmdline = "%s"' % s)
    lines += ["memory = %d" % mem, "vcpus = 1", 'on_poweroff = "destroy"',
              'on_reboot = "destroy"', 'on_crash = "destroy"']
    return "\n".join(lines) + "\n"


def prepare(opts, app, targets, n, work):
    """The guests folder: the two images, an xl configuration per target and
    image, and run.sh. Returns the domain names in creation order."""
    g = os.path.join(work, "guests")
    if os.path.exists(g):
        shutil.rmtree(g)
    os.makedirs(g)
    shutil.copy(app.image, os.path.join(g, "app.xen"))
    shutil.copy(opts.empty_xen, os.path.join(g, "empty.elf"))
    for t in targets:
        kind = t.split("-")[1]  # pv or pvh
        with open(os.path.join(g, "%s-spore.cfg" % kind), "w") as f:
            # the command line the program's own xl.cfg gives (none, for an
            # image with its entry point): poweroff on halt(0) is the default
            f.write(xl_config(kind, "/guests/app.xen", app.cmdline, opts.mem))
        with open(os.path.join(g, "%s-empty.cfg" % kind), "w") as f:
            f.write(xl_config(kind, "/guests/empty.elf", "", opts.mem))
    order = []
    script = RUN_SH.replace("@LIMIT@", str(DOMAIN_LIMIT))
    for i in range(n):
        for t in targets:
            kind = t.split("-")[1]
            for image in ("spore", "empty"):
                name = "%s-%s-%d" % (kind, image, i)
                order.append((t, image, i, name))
                script += "boot %s /guests/%s-%s.cfg\n" % (name, kind, image)
    script += 'say "all done"\n'
    path = os.path.join(g, "run.sh")
    with open(path, "w") as f:
        f.write(script)
    os.chmod(path, 0o755)
    return g, order


def qemu_cmd(xen, cache, initrd, mem, cpus):
    """The rig's domu machine (test/xen/run_xen.sh and its README's
    pitfalls): -cpu qemu64 with svm and npt for PVH's HAP and rdrand for
    xl's entropy, the plain vmlinux, a 384 MiB dom0."""
    qmem = max(1024, 512 + 4 * mem)
    xen_line = "console=com1 loglvl=all guest_loglvl=all dom0_mem=384M,max:384M"
    smp = []
    if cpus > 1:
        # dom0 keeps one vCPU, pinned to the first CPU: the domUs get the
        # others to themselves, as on a host where dom0 has its own core
        smp = ["-smp", str(cpus)]
        xen_line += " dom0_max_vcpus=1 dom0_vcpus_pin"
    return ["qemu-system-x86_64", "-nographic", "-no-reboot", "-nic", "none",
            "-M", "pc", "-cpu", "qemu64,+svm,+npt,+rdrand", "-m", str(qmem)] + smp + [
            "-kernel", xen, "-initrd", "%s console=hvc0 earlyprintk=xen quiet,%s"
            % (os.path.join(cache, "dom0", "vmlinux"), initrd), "-append", xen_line]


def domain(lib, lines, name):
    """The host-side times, shutdown reason and console of domain 'name'."""
    d = {"create": None, "running": None, "gone": None, "reason": None, "console": []}
    state = "before"
    domid = None
    for t, text in lines:
        if state == "before":
            if text == "bench: create " + name:
                d["create"], state = t, "xl"
            continue
        if state == "xl":
            m = RUNNING.search(text)
            if m and m.group(1) == name:
                d["running"], domid = t, m.group(2)
            m = GONE.search(text)
            if m and m.group(1) == domid and d["gone"] is None:
                d["gone"], d["reason"] = t, int(m.group(2))
            if text == "bench: begin " + name:
                state = "console"
            continue
        if state == "console":
            if text == "bench: end " + name:
                break
            if not lib.XEN_LINE.match(text):
                d["console"].append((None, text))
    return d


def judge(lib, image, d, g):
    if d["create"] is None:
        return "run.sh never created it"
    if d["running"] is None:
        return "xl did not start it"
    if d["gone"] is None:
        return "no shutdown seen"
    # the program powers off (halt 0); the empty kernel
    # asks for a reboot, which on_reboot turns into destroy
    want = 0 if image == "spore" else 1
    if d["reason"] != want:
        return "shutdown reason %s, expected %d" % (d["reason"], want)
    return lib.judge(g) if image == "spore" else ""


def samples(lib, lines, order, targets, serial):
    """Each domain's sample, per target, from the dom0 boot's lines."""
    results = {t: [] for t in targets}
    for t, image, i, name in order:
        d = domain(lib, lines, name)
        gv = lib.guest_view(d["console"], False)
        why = judge(lib, image, d, gv)
        p = {}
        if d["create"] is not None and d["gone"] is not None:
            p["gone"] = (d["gone"] - d["create"]) * 1e3
        if d["create"] is not None and d["running"] is not None:
            # two upper bounds of the entry, the earlier taken: xl's line
            # (which may come after the guest has run: they share the CPU)
            # and the shutdown less the guest's own time to it (0 for the
            # empty kernel, which shuts down at its entry)
            p["create"] = (d["running"] - d["create"]) * 1e3
            ran = gv["marks"].get("exit", 0) / 1e6 if image == "spore" else 0.0
            if "gone" in p and (image == "empty" or "exit" in gv["marks"]):
                p["create"] = min(p["create"], p["gone"] - ran)
        if image == "spore" and not why:
            # 'ready' only from the marker: the domain's console reaches
            # the host after the domain has gone, too late to time its lines
            gp, _ = lib.kernel_phases(gv, False)
            p.update(gp)
        raw = {"domain": name, "t_create": d["create"], "t_running": d["running"],
               "t_gone": d["gone"], "reason": d["reason"], "marks": gv["marks"]}
        s = lib.sample(image, not why, why, p, serial, raw)
        s["i"] = i
        results[t].append(s)
    return results


def run(lib, opts, app, targets, n, out):
    """Runs the domU targets; returns one result per target, as
    boot.run_target does. 'lib' is bench/boot.py's module: its timer, its
    reading of the guest's lines, its sample records."""
    say, labels = lib.say, lib.TARGETS
    work = os.path.join(out, "work", "domu")
    os.makedirs(work, exist_ok=True)
    logs = os.path.join(out, "logs")
    say("preparing the Xen rig's dom0 (the first time: downloads and about 15 s) ...")
    subprocess.run(["bash", os.path.join(lib.RIG, "get-xen.sh"), opts.cache], check=True)
    subprocess.run(["bash", os.path.join(lib.RIG, "mkdom0.sh"), opts.cache], check=True)
    g, order = prepare(opts, app, targets, n, work)
    initrd = os.path.join(work, "initrd.cpio.gz")
    subprocess.run(["bash", os.path.join(lib.RIG, "dom0-pack.sh"), opts.cache, initrd, g],
                   check=True)
    by_name = {name: (t, image, i) for t, image, i, name in order}
    total = n * len(targets)
    seen = [0]

    def progress(rel, text):
        m = CREATE.match(text)
        if m and m.group(1) in by_name:
            t, image, i = by_name[m.group(1)]
            if image == "spore":
                seen[0] += 1
                say("[%d/%d] %s, boot %d of %d (at %.1f s) ..."
                    % (seen[0], total, labels[t], i + 1, n, rel))
        elif text.startswith("dom0-init: toolstack up"):
            say("      the dom0's toolstack is up at %.1f s" % rel)

    xen = os.path.join(opts.cache, "xen-4.17-amd64")
    # the dom0 boot, then each domain (about 1.5 s under emulation), with
    # room; timeout(1) ends QEMU even if this script is interrupted
    limit = 120 + len(order) * 15
    cmd = ["timeout", "-k", "5", str(limit)] + qemu_cmd(xen, opts.cache, initrd, opts.mem,
                                                        opts.domu_cpus)
    say("booting Xen and the dom0 for %d domUs ..." % len(order))
    r = lib.timed(cmd, limit + 15, progress)
    serial = os.path.join(logs, "domu-serial.log")
    os.makedirs(logs, exist_ok=True)
    r.write_log(serial, cmd)
    if r.stopped == "limit":
        say("      the dom0 boot was stopped after %d s" % limit)

    results = samples(lib, r.lines, order, targets, serial)
    for t in targets:
        for i in range(n):
            pair = [s for s in results[t] if s["i"] == i]
            say("      %s %d: spore: %s; empty: %s"
                % (t, i + 1, lib.brief(pair[0], "ms"), lib.brief(pair[1], "ms")))
    return [{"target": t, "label": labels[t], "n": n, "unit": "ms", "samples": results[t]}
            for t in targets]
