"""boot_report.py: the results of `spore bench boot` (bench/boot.py):
results.md (a summary of medians, then median, min and max of every phase
per target), boot.json (every boot's numbers, raw and derived) and
boot.svg, drawn by gnuplot from boot.dat and boot.gp, which are kept beside
it so that the plot can be redrawn or restyled.
"""
import json
import os
import shutil
import subprocess

# Stacked segments of the plot: key, legend, colour.
SEGMENTS = [
    ("launch", "launch (or creation) → entry", "#9e9e9e"),
    ("memory", "entry → memory", "#4e79a7"),
    ("vm", "memory → VM", "#f28e2b"),
    ("first", "VM → first instruction", "#59a14f"),
    ("ready", "first instruction → app ready", "#edc948"),
    ("exit", "app ready (or first instruction) → shutdown", "#e15759"),
    ("after", "shutdown → gone", "#bab0ac"),
    ("empty", "empty kernel: launch (or creation) → gone", "#76b7b2"),
]


# Pixels of one target's panel and of the legend's.
PANEL = 240
LEGEND = 380


def fmt(v, unit="ms", suffix=True):
    """A time for a table: three significant digits or so; 'kinstr' values
    are thousands of instructions, shown with "ki"."""
    if v is None:
        return "-"
    if abs(v) < 10:
        s = "%.2f" % v
    elif abs(v) < 100:
        s = "%.1f" % v
    else:
        s = "{:,.0f}".format(v)
    if unit == "kinstr":
        return s + " ki"
    return s + (" ms" if suffix else "")


def headline(summary):
    """The measure the ratio is taken of: creation → gone where Xen creates
    the domain, launch → end otherwise."""
    return "gone" if "gone" in summary.get("spore", {}) else "total"


def unit_of(result, key, guest_phases):
    return result["unit"] if key in guest_phases else "ms"


def ratio(summary, key):
    a = summary.get("spore", {}).get(key)
    b = summary.get("empty", {}).get(key)
    if not a or not b or not b["median"]:
        return None
    return a["median"] / b["median"]


def summary_table(meta, results, phases, guest_phases=("memory", "vm", "first", "ready", "exit")):
    """Markdown: one row of medians per target and image, the ratio on the
    program's row."""
    used = [(k, h) for k, h in phases
            if any(k in r["summary"][img] for r in results for img in ("spore", "empty"))]
    # launch → app ready against the empty kernel's launch → end: the
    # target of docs/boot.md, where the host times the first line
    lines = any("line" in r["summary"]["spore"] for r in results)
    head = ["target", "image"] + [h for _, h in used] + ["spore / empty"]
    if lines:
        head.append("app ready / empty")
    rows = []
    for r in results:
        for img in ("spore", "empty"):
            s = r["summary"][img]
            cells = [r["label"] if img == "spore" else "", img]
            for k, _ in used:
                cells.append(fmt(s[k]["median"], unit_of(r, k, guest_phases), False)
                             if k in s else "")
            q = ratio(r["summary"], headline(r["summary"])) if img == "spore" else None
            cells.append("%.2f" % q if q else "")
            if lines:
                q = ratio(r["summary"], "line") if img == "spore" else None
                cells.append("%.2f" % q if q else "")
            rows.append(cells)
    out = ["| " + " | ".join(head) + " |",
           "|" + "|".join(["---"] * 2 + ["---:"] * (len(head) - 2)) + "|"]
    out += ["| " + " | ".join(c) + " |" for c in rows]
    return "\n".join(out)


def target_table(r, phases, guest_phases):
    s = r["summary"]
    out = ["| phase | spore | empty kernel | spore / empty |", "|---|---:|---:|---:|"]
    for k, h in phases:
        a, b = s["spore"].get(k), s["empty"].get(k)
        if not a and not b:
            continue
        u = unit_of(r, k, guest_phases)

        def cell(x):
            if not x:
                return ""
            return "%s (%s – %s)" % (fmt(x["median"], u, False), fmt(x["min"], u, False),
                                     fmt(x["max"], u, False))
        q = ratio(s, k)
        out.append("| %s | %s | %s | %s |" % (h, cell(a), cell(b), "%.2f" % q if q else ""))
    return "\n".join(out)


def machine_lines(meta):
    m = meta["machine"]
    lines = ["- machine: %s cores (%s), %s; %s" % (
        m["cores"], m["cpu"] or "unknown CPU",
        "QEMU emulates every instruction (TCG; /dev/kvm exists but is not used)"
        if m["kvm"] else "no KVM: QEMU emulates every instruction (TCG)", m.get("os", ""))]
    if m.get("qemu"):
        lines.append("- %s" % m["qemu"])
    if m.get("xen"):
        lines.append("- Xen: %s, under QEMU (`-M pc`)" % m["xen"])
    lines.append("- load average: %s before, %s after" % (m["load_before"], m["load_after"]))
    return lines


def markdown(meta, results, phases, guest_phases):
    out = ["# spore bench boot: %s" % meta["app"], ""]
    out.append("- run %s; kernel command line `%s`; %d MiB of guest memory"
               % (meta["date"], meta["cmdline"] or "(the image's own)", meta["mem"]))
    out.append("- boots per target: " + ", ".join("%s %d" % (r["target"], r["n"])
                                                  for r in results))
    out += machine_lines(meta)
    if meta["icount"]:
        out.append("- `--icount`: QEMU counts instructions (`-icount shift=0,sleep=off`); "
                   "the QEMU target's guest phases are in thousands of instructions (ki), "
                   "and its launch → entry is launch → the guest's first line (the guest's "
                   "clock no longer keeps the host's time)")
    out += ["", "Times in milliseconds unless marked ki; guest phases count from the "
            "kernel's entry. What each number means: docs/boot.md.", "",
            "## Medians", "", summary_table(meta, results, phases, guest_phases), "",
            "spore / empty: of creation → gone for Xen's domains, of launch → end otherwise. "
            "app ready / empty: launch → app ready against the empty kernel's launch → end "
            "(it is ready, and gone, at its first instruction). "
            "The hosted target's empty run is `spore version`.", "",
            "## Each target: median (min – max)", ""]
    for r in results:
        good = sum(1 for s in r["samples"] if s["ok"] and s["kind"] == "spore")
        out += ["### %s" % r["label"], "",
                "%d of %d boots of the program counted." % (good, r["n"]), "",
                target_table(r, phases, guest_phases), ""]
        bad = [s for s in r["samples"] if not s["ok"]]
        for s in bad:
            out.append("- boot %d (%s) failed: %s; log `%s`" % (
                s["i"] + 1, s["kind"], s["why"], os.path.relpath(s["log"], meta["out"])))
        if bad:
            out.append("")
    return "\n".join(out)


def segments(r, guest_phases):
    """The stacked bars of one target, from the medians: the program's
    phases one after the other, and the empty kernel's whole time."""
    s = {k: v["median"] for k, v in r["summary"]["spore"].items()}
    e = {k: v["median"] for k, v in r["summary"]["empty"].items()}
    icount = r["unit"] == "kinstr"
    spore = dict.fromkeys([k for k, _, _ in SEGMENTS], 0.0)
    empty = dict(spore)
    if not s:
        return spore, empty
    base = 0.0 if icount else s.get("launch", s.get("create", 0.0))
    spore["launch"] = base
    mem = s.get("memory", 0.0)
    vm = s.get("vm", mem)
    first = s.get("first", vm)
    ready = s.get("ready", first)
    ex = s.get("exit", ready)
    spore["memory"], spore["vm"], spore["first"] = mem, vm - mem, first - vm
    spore["ready"], spore["exit"] = ready - first, ex - ready
    end = s.get("total", s.get("gone"))
    if not icount and end is not None:
        spore["after"] = max(0.0, end - base - ex)
    if not icount:
        empty["empty"] = e.get("total", e.get("gone", 0.0))
    for k in spore:
        spore[k] = max(0.0, spore[k])
    return spore, empty


def plot(out, meta, results, guest_phases):
    """boot.svg with gnuplot: one panel per target (each its own scale), the
    program's phases stacked, the empty kernel's bar beside; a last panel
    holds the legend. Returns the SVG's path, or None without gnuplot."""
    gnuplot = shutil.which("gnuplot")
    if not gnuplot:
        print("no gnuplot: no plot (apt-get install gnuplot-nox)")
        return None
    keys = [k for k, _, _ in SEGMENTS]
    with open(os.path.join(out, "boot.dat"), "w") as f:
        f.write("# one block per target; rows: image; columns: " + " ".join(keys) + "\n")
        for r in results:
            sp, em = segments(r, guest_phases)
            f.write("# %s\n" % r["target"])
            f.write("spore " + " ".join("%.6g" % sp[k] for k in keys) + "\n")
            f.write("empty " + " ".join("%.6g" % em[k] for k in keys) + "\n\n\n")
    # panels of PANEL pixels, then the legend's; each placed by hand, so
    # that the legend gets the room its text needs
    n = len(results)
    width = PANEL * n + LEGEND
    gp = ['set terminal svg size %d,440 dynamic font "sans,11" background "white"' % width,
          'set termoption noenhanced',
          'set output "boot.svg"',
          'set multiplot title "spore boot phases, medians of %s (%s)"'
          % (meta["app"], meta["date"]),
          'set style data histograms', 'set style histogram rowstacked',
          'set style fill solid 0.9 border lc rgb "#444444"', 'set boxwidth 0.6',
          'unset key', 'set yrange [0:*]', 'set grid ytics', 'set xtics nomirror',
          'set ytics nomirror']
    for k, r in enumerate(results):
        unit = "thousand instructions" if r["unit"] == "kinstr" else "ms"
        gp.append('set origin %.4f,0' % (PANEL * k / width))
        gp.append('set size %.4f,0.93' % (PANEL / width))
        gp.append('set title "%s"' % r["label"])
        gp.append('set ylabel "%s"' % unit)
        cols = ", ".join('"boot.dat" index %d using %d%s lc rgb "%s"'
                         % (k, i + 2, ":xtic(1)" if i == 0 else "", c)
                         for i, (_, _, c) in enumerate(SEGMENTS))
        gp.append("plot " + cols)
    # the legend alone, in the last panel: entries with no data (after one
    # curve out of range, without which gnuplot 5.4 stops on an assertion)
    gp += ['set origin %.4f,0' % (PANEL * n / width), 'set size %.4f,0.93' % (LEGEND / width),
           'unset border', 'unset tics', 'unset grid', 'unset ylabel', 'unset title',
           'set key center center reverse Left', 'set xrange [0:1]', 'set yrange [0:1]']
    gp.append('plot 2 notitle with lines lc rgb "white", ' + ", ".join(
        'keyentry with boxes fs solid 0.9 lc rgb "%s" title "%s"' % (c, t)
        for _, t, c in SEGMENTS))
    gp.append("unset multiplot")
    with open(os.path.join(out, "boot.gp"), "w") as f:
        f.write("\n".join(gp) + "\n")
    res = subprocess.run([gnuplot, "boot.gp"], cwd=out, capture_output=True, text=True)
    if res.returncode != 0:
        print("gnuplot failed:\n" + res.stderr)
        return None
    return os.path.join(out, "boot.svg")


def write(out, meta, results, phases, guest_phases, with_plot=True):
    """Writes results.md, boot.json and boot.svg into 'out'; returns their paths."""
    meta = dict(meta, out=out)
    paths = []
    md = os.path.join(out, "results.md")
    with open(md, "w") as f:
        f.write(markdown(meta, results, phases, guest_phases) + "\n")
    paths.append(md)
    js = os.path.join(out, "boot.json")
    with open(js, "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)
        f.write("\n")
    paths.append(js)
    if with_plot:
        svg = plot(out, meta, results, guest_phases)
        if svg:
            paths.append(svg)
    return paths
