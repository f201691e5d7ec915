#!/usr/bin/env python3
"""bootlat.py: runs a command (a QEMU boot) N times and times its output lines.

    bootlat.py [-n N] [--name NAME] [--first RE] [--done RE] [--kill-on-done]
               [--mark NAME=RE ...] [--limit S] [--log FILE | --logdir DIR]
               [--json FILE] [--echo] -- CMD [ARG...]

Every output line (stdout and stderr together) is stamped with the seconds
since just before the command was started. For each run it records when the
first line of any kind came ("any"), the first line matching --first, each
--mark, the first line matching --done, and the exit. With --kill-on-done the
command's process group is stopped at the --done line (for a guest that
cannot end QEMU itself, or a Xen that would wait 5 s before its reset), and
--limit stops a run that takes too long.

Lines are kept as a terminal shows them: ANSI escape sequences are dropped,
and of a line holding carriage returns or terminal resets only the text after
the last one stays (the firmware's last line and Xen's first share a line).

It prints one row per run and the median, min and max of each column. The log
(--log FILE for one run, or DIR/NAME-<i>.log) has one "[   1.234] text" line
per output line, between "# cmd:" and "# result:" lines; --json writes every
run's numbers and the summary.

Exit status: 0 when every run ended before --limit and saw --first and --done
(those given), 1 otherwise, 2 on misuse.
"""
import argparse
import json
import os
import re
import select
import shlex
import signal
import statistics
import subprocess
import sys
import time

ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|[ -/]*[0-~])")


def clean(raw):
    """What a terminal would show of one line of raw output bytes."""
    # latin-1: every byte stays one character, so output round-trips exactly
    text = raw.decode("latin-1").rstrip("\r")
    text = ANSI.sub("", text.replace("\x1bc", "\r"))
    return text.rsplit("\r", 1)[-1]


def stop_group(proc):
    """SIGTERM the command's process group, SIGKILL it if it lingers."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=5)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


class Run:
    """One run of the command: its stamped lines and the times of interest."""

    def __init__(self, opts, marks):
        self.opts = opts
        self.marks = marks
        self.lines = []
        self.times = {"any": None, "first": None}
        for name, _ in marks:
            self.times[name] = None
        self.times["done"] = None
        self.times["exit"] = None
        self.rc = None
        self.stopped = None  # None, "done" or "limit"

    def line(self, rel, text):
        """Records one line; returns True when it is the --done line."""
        self.lines.append((rel, text))
        if self.opts.echo:
            print(text, file=sys.stderr, flush=True)
        t = self.times
        if t["any"] is None and text.strip():
            t["any"] = rel
        if t["first"] is None and self.opts.first.search(text):
            t["first"] = rel
        for name, rx in self.marks:
            if t[name] is None and rx.search(text):
                t[name] = rel
        if self.opts.done and t["done"] is None and self.opts.done.search(text):
            t["done"] = rel
            return True
        return False

    def execute(self, cmd):
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT,
                                start_new_session=True)
        fd = proc.stdout.fileno()
        deadline = t0 + self.opts.limit
        pending = b""
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self.stopped = "limit"
                break
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            now = time.monotonic() - t0
            if not chunk:
                break
            pending += chunk
            *whole, pending = pending.split(b"\n")
            done = False
            for raw in whole:
                done = self.line(now, clean(raw)) or done
            if done and self.opts.kill_on_done:
                self.stopped = "done"
                break
        if pending and not self.stopped:
            self.line(time.monotonic() - t0, clean(pending))
        if self.stopped:
            stop_group(proc)
        self.rc = proc.wait()
        self.times["exit"] = time.monotonic() - t0
        proc.stdout.close()

    def ok(self):
        o = self.opts
        return (self.stopped != "limit"
                and (not o.first_given or self.times["first"] is not None)
                and (not o.done or self.times["done"] is not None))

    def write_log(self, path, cmd):
        with open(path, "w", encoding="latin-1") as f:
            f.write("# cmd: %s\n" % shlex.join(cmd))
            for rel, text in self.lines:
                f.write("[%8.3f] %s\n" % (rel, text))
            f.write("# result: %s\n" % json.dumps(self.record()))

    def record(self):
        return {"times": self.times, "rc": self.rc, "stopped": self.stopped}


def fmt(v):
    return "-" if v is None else "%.3f" % v


def summarize(runs, columns):
    out = {}
    for c in columns:
        vals = [r.times[c] for r in runs if r.times[c] is not None]
        out[c] = {"n": len(vals),
                  "median": statistics.median(vals) if vals else None,
                  "min": min(vals) if vals else None,
                  "max": max(vals) if vals else None}
    return out


def print_table(name, runs, columns, summary):
    heads = ["name", "run"] + columns + ["rc", "stopped"]
    rows = [[name, str(i)] + [fmt(r.times[c]) for c in columns]
            + [str(r.rc), r.stopped or ""] for i, r in enumerate(runs)]
    for stat in ("median", "min", "max"):
        rows.append([name, stat]
                    + [fmt(summary[c][stat]) for c in columns] + ["", ""])
    if len(runs) > 1 and any(summary[c]["n"] < len(runs) for c in columns):
        rows.append([name, "seen"]
                    + ["%d/%d" % (summary[c]["n"], len(runs)) for c in columns]
                    + ["", ""])
    widths = [max(len(h), *(len(r[i]) for r in rows))
              for i, h in enumerate(heads)]
    for row in [heads] + rows:
        print("  ".join(cell.rjust(w) if i > 1 else cell.ljust(w)
                        for i, (cell, w) in enumerate(zip(row, widths)))
              .rstrip())


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Run a command N times and time its output lines.")
    ap.add_argument("-n", type=int, default=1, help="runs (default 1)")
    ap.add_argument("--name", default="run", help="label for the table and logs")
    ap.add_argument("--first", default=None,
                    help="REGEX of the guest's first line (default: any line)")
    ap.add_argument("--done", default=None, help="REGEX of the last line of interest")
    ap.add_argument("--kill-on-done", action="store_true",
                    help="stop the command at the --done line")
    ap.add_argument("--mark", action="append", default=[], metavar="NAME=REGEX",
                    help="also time the first line matching REGEX")
    ap.add_argument("--limit", type=float, default=120,
                    help="seconds before a run is stopped (default 120)")
    ap.add_argument("--log", default=None, help="log file of the run (-n 1)")
    ap.add_argument("--logdir", default=None, help="one log per run: DIR/NAME-<i>.log")
    ap.add_argument("--json", default=None, help="write the numbers to FILE")
    ap.add_argument("--echo", action="store_true",
                    help="copy the command's output to stderr as it comes")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    o = ap.parse_args(argv)
    if o.cmd and o.cmd[0] == "--":
        o.cmd = o.cmd[1:]
    if not o.cmd or o.n < 1:
        ap.error("a command to run is required, after --")
    if o.log and o.n > 1:
        ap.error("--log is for one run; use --logdir with -n")
    o.first_given = o.first is not None
    o.first = re.compile(o.first if o.first_given else r"\S")
    o.done = re.compile(o.done) if o.done else None
    marks = []
    for m in o.mark:
        name, sep, rx = m.partition("=")
        if not sep or not name or name in ("any", "first", "done", "exit"):
            ap.error("--mark takes NAME=REGEX with a new NAME: %r" % m)
        marks.append((name, re.compile(rx)))
    return o, marks


def main(argv):
    opts, marks = parse_args(argv)
    if opts.logdir:
        os.makedirs(opts.logdir, exist_ok=True)
    columns = ["any", "first"] + [n for n, _ in marks] + ["done", "exit"]
    if not opts.done:
        columns.remove("done")
    runs = []
    for i in range(opts.n):
        run = Run(opts, marks)
        run.execute(opts.cmd)
        runs.append(run)
        log = opts.log or (opts.logdir and
                           os.path.join(opts.logdir, "%s-%d.log" % (opts.name, i)))
        if log:
            run.write_log(log, opts.cmd)
    summary = summarize(runs, columns)
    print_table(opts.name, runs, columns, summary)
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump({"name": opts.name, "cmd": opts.cmd,
                       "runs": [r.record() for r in runs],
                       "summary": summary}, f, indent=1)
            f.write("\n")
    return 0 if all(r.ok() for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
