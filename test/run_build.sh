#!/usr/bin/env bash
# run_build.sh: spore build, from Erlang sources to images (ctest: build_image).
#   run_build.sh --spore SPORE [--work DIR]
#  1. builds examples/hello: the report (kept modules with their sizes, the
#     total, what is left out), the four files, the xl and libvirt
#     configurations, its snapshot, hello.xen under 1 MiB with its snapshot
#     and without (--cold), the time (best of three, printed), and no
#     temporary files left behind;
#  2. runs hello.spore (spore run, with no module outside the image) and
#     boots hello.xen under QEMU (microvm, pc, q35; in 64 MiB, and in 4 MiB
#     on microvm), warm, then cold (the "cold" word,
#     VM arguments on the command line, a damaged snapshot header): each
#     must print what erl prints; spore boot refuses a damaged snapshot;
#  3. builds test/build (calc: a gen_server, and code reached only by name):
#     the report, the run against erl's (with and without --arg), a plugin
#     left out unless --include names it, a crash reported through logger;
#  4. the other inputs: a .beam, an ebin directory with an .app file, a
#     rebar3 project;
#  5. the errors: a missing input, a compile error, an unknown entry module,
#     an entry function not exported, a corrupt .beam, a missing kernel:
#     each one clear line (erlc's own messages for a compile error) and
#     status 1.
# Steps that need what is not there (the kernel, QEMU) say SKIP and why.
# The last line reads "build_image: N passed, N failed".
set -uo pipefail
spore="" work=""
while [ $# -gt 0 ]; do
    case $1 in
        --spore) spore=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        *) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
[ -x "$spore" ] || { echo "run_build.sh: --spore SPORE is required" >&2; exit 2; }
spore=$(cd "$(dirname "$spore")" && pwd)/$(basename "$spore")
root=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$work" ] || work=$(dirname "$spore")/test/build
rm -rf "$work"
mkdir -p "$work/ebin" "$work/empty" "$work/tmp"
work=$(cd "$work" && pwd)
empty=$work/empty
kernel=$(dirname "$spore")/../build-xen/spore.elf
FAIL_LINES=15
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# spore with only the environment given (none of the caller's SPORE_*).
run() { # OUT ERR ARGS...
    local out=$1 err=$2
    shift 2
    clean_env TMPDIR="$work/tmp" \
        "$@" > "$out" 2> "$err"
}
# Runs an image hosted with nothing to load from but the image itself.
run_image() { # OUT IMAGE ARGS...
    local out=$1
    shift
    env -u SPORE_MARKS SPORE_STDLIB="$empty" SPORE_OTP_PATH="$empty" \
        SPORE_LOADED="$work/loaded" timeout 60 "$spore" run "$@" > "$out" 2>&1
}
# The module names of a build report, one a line.
kept() { awk 'NR > 1 && $1 != "total" && $1 != "left" && $1 != "wrote" { print $1 }' "$1"; }
has_module() { kept "$1" | grep -qx "$2"; }

command -v erl > /dev/null && command -v erlc > /dev/null ||
    { echo "run_build.sh: erl and erlc are needed"; exit 1; }
erlc -o "$work/ebin" "$root/examples/hello/hello.erl" "$root"/test/build/*.erl ||
    { echo "run_build.sh: erlc failed"; exit 1; }
erl -noshell -pa "$work/ebin" -run hello start > "$work/hello.erl.out" 2>&1
erl -noshell -pa "$work/ebin" -run calc start > "$work/calc.erl.out" 2>&1
erl -noshell -pa "$work/ebin" -run calc main 3 4 > "$work/calc_args.erl.out" 2>&1

# 1. hello
xen=yes
[ -f "$kernel" ] || { xen=no; skip xen "no kernel at $kernel (build-xen): hello.xen not built"; }
xen_flag=()
[ $xen = yes ] || xen_flag=(--no-xen)
best=99
for i in 1 2 3; do
    rm -rf "$work/hello"
    t0=$(date +%s.%N)
    run "$work/hello.report" "$work/hello.err" "$spore" build -o "$work/hello" "${xen_flag[@]}" \
        "$root/examples/hello/hello.erl"
    st=$?
    [ $st -eq 0 ] || break
    best=$(awk -v a="$t0" -v b="$(date +%s.%N)" -v best="$best" \
        'BEGIN { t = b - a; printf "%.3f", t < best ? t : best }')
done
if [ $st -ne 0 ]; then
    fail hello_build "spore build failed (status $st)" "$work/hello.err"
    echo "build_image: $passed passed, $failed failed (the rest needs hello)"
    exit 1
fi
pass
# the time is reported, not checked: a test must not fail on a busy
# machine (the sanitizer build, under ctest -j2, takes seconds)
echo "hello: built in $best s (best of 3)"
check hello_tmp "temporary files left in TMPDIR" test -z "$(ls -A "$work/tmp")"
missing=""
for m in hello init spore_io logger io io_lib io_lib_format lists; do
    has_module "$work/hello.report" $m || missing="$missing $m"
done
check hello_kept "the report misses:$missing" test -z "$missing"
extra=""
for m in erl_eval erl_parse compile code_server application_controller; do
    has_module "$work/hello.report" $m && extra="$extra $m"
done
check hello_dead "the image keeps dead code:$extra" test -z "$extra"
check hello_report "no total or left-out line" \
    grep -qE '^total +[0-9]+ +[0-9]+ modules' "$work/hello.report"
check hello_left "no left-out line" grep -q '^left out, named but not called' "$work/hello.report"
check hello_sizes "a kept module without its size and origin" \
    test -z "$(awk 'NR > 1 && NF >= 3 && $1 != "total" && $1 != "left" && $1 != "wrote" &&
                    ($2 !~ /^[0-9]+$/ || $3 !~ /^(program|spore|otp)$/)' "$work/hello.report")"
check hello_spore "no hello.spore" test -s "$work/hello/hello.spore"
if [ $xen = yes ]; then
    h=$work/hello
    for f in hello.xen hello.xl.cfg hello.libvirt.xml; do
        check "hello_$f" "$f was not written" test -s "$h/$f"
    done
    size=$(stat -c %s "$h/hello.xen")
    echo "hello: hello.xen is $size bytes (with its snapshot), hello.spore $(stat -c %s "$h/hello.spore")"
    if command -v qemu-system-x86_64 > /dev/null; then
        check hello_snapshot "the report names no snapshot" \
            grep -q 'hello.xen ([0-9]* bytes, a snapshot of [0-9]* bytes with [0-9]* modules loaded)' \
            "$work/hello.report"
        check hello_warm_size "hello.xen is $size bytes with its snapshot, not under 1 MiB" \
            test "$size" -lt 1048576
        # the trace's list of modules and decoded functions, for the
        # snapshot run
        "$spore" image --list "$h/hello.spore" > "$work/warm.txt" 2>&1
        check hello_warm_list "hello.spore has no spore.warm (the snapshot run's list)" \
            grep -q ' spore\.warm' "$work/warm.txt"
        # the snapshot's runs of zero pages are left out of the file: more
        # load segments than the kernel's five
        loads=$(python3 - "$h/hello.xen" <<'PY'
import struct, sys
k = open(sys.argv[1], "rb").read()
phoff, = struct.unpack_from("<Q", k, 0x20)
phentsize, phnum = struct.unpack_from("<HH", k, 0x36)
print(sum(struct.unpack_from("<I", k, phoff + i * phentsize)[0] == 1 for i in range(phnum)))
PY
)
        check hello_holes "hello.xen has $loads load segments: no zero pages left out" \
            test "$loads" -gt 5
    fi
    # without the snapshot (--cold): the kernel and the modules alone
    run "$work/cold.report" "$work/cold.err" "$spore" build --cold -o "$work/hello-cold" \
        "$root/examples/hello/hello.erl"
    size=$(stat -c %s "$work/hello-cold/hello.xen" 2>/dev/null || echo 0)
    echo "hello: hello.xen --cold is $size bytes"
    check hello_xen_size "hello.xen --cold is $size bytes, not under 1 MiB" \
        test "$size" -gt 0 -a "$size" -lt 1048576
    cfg=$h/hello.xl.cfg
    check xl_cfg "hello.xl.cfg is not a PVH domain of hello.xen" \
        grep -qx 'name = "hello"' "$cfg"
    check xl_type "hello.xl.cfg: type" grep -qx 'type = "pvh"' "$cfg"
    check xl_kernel "hello.xl.cfg: kernel is not the absolute path of hello.xen" \
        grep -qx "kernel = \"$h/hello.xen\"" "$cfg"
    want='^(memory = [0-9]+|vcpus = 1|on_poweroff = "destroy"|on_crash = "destroy")$'
    check xl_rest "hello.xl.cfg: memory, vcpus, on_poweroff, on_crash" \
        test "$(grep -cE "$want" "$cfg")" = 4
    xml=$h/hello.libvirt.xml
    check libvirt "hello.libvirt.xml: not a xenpvh domain booting hello.xen" \
        grep -q "<type arch='x86_64' machine='xenpvh'>xenpvh</type>" "$xml"
    check libvirt_kernel "hello.libvirt.xml: kernel" grep -q "<kernel>$h/hello.xen</kernel>" "$xml"
    if command -v xmllint > /dev/null; then
        check libvirt_xml "hello.libvirt.xml is not well-formed" xmllint --noout "$xml"
    fi
fi

# 2. running hello: hosted from hello.spore, and hello.xen under QEMU
if [ ! -f "$root/vm/image.c" ]; then
    skip hello_run "the VM cannot read images yet (no vm/image.c)"
else
    rm -f "$work/loaded"
    run_image "$work/hello.out" "$work/hello/hello.spore"
    st=$?
    if [ $st -ne 0 ] || ! diff -u "$work/hello.erl.out" "$work/hello.out" > "$work/hello.diff"; then
        fail hello_run "spore run hello.spore (status $st) differs from erl (- erl, + spore)" \
            "$work/hello.diff"
    else
        pass
    fi
    check hello_sealed "files were read from outside the image" test ! -s "$work/loaded"
fi
qemu=qemu-system-x86_64
if [ $xen = no ]; then
    :
elif ! command -v $qemu > /dev/null; then
    skip hello_qemu "no $qemu"
else
    boot() { # OUT [APPEND]
        local out=$1
        shift
        timeout 60 $qemu -M microvm,memory-backend=mem \
            -object memory-backend-memfd,id=mem,size=64M -m 64 -nographic -no-reboot \
            -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
            -kernel "$work/hello/hello.xen" "$@" < /dev/null > "$out" 2>&1
    }
    boot "$work/qemu.log"
    st=$?
    if grep -q 'nothing to run' "$work/qemu.log"; then
        skip hello_qemu_entry "the kernel does not run an image's entry point yet" \
            "(xen/plat.c): booting with -run hello start instead"
        boot "$work/qemu.log" -append "-run hello start"
        st=$?
    fi
    check hello_warm "hello.xen did not start from its snapshot" \
        grep -q '^spore: bare PVH, .*, warm start' "$work/qemu.log"
    tr -d '\r' < "$work/qemu.log" | grep -v '^spore: ' > "$work/qemu.out"
    if [ $st -ne 1 ] || ! diff -u "$work/hello.erl.out" "$work/qemu.out" > "$work/qemu.diff"; then
        fail hello_qemu "hello.xen under QEMU (status $st, 1 is halt(0)) differs from erl" \
            "$work/qemu.diff"
        sed 's/^/    /' "$work/qemu.log" | head -n 8
    else
        pass
    fi
    # damaged copies (image/snapshot.h): a byte of the heap, which spore
    # boot finds by the sums, and a byte of the header, which the kernel
    # finds and starts cold
    python3 - "$work/hello/hello.xen" "$work/heap-damaged.xen" "$work/header-damaged.xen" \
        "$work/tail-damaged.xen" <<'PY'
import struct, sys
k = bytearray(open(sys.argv[1], "rb").read())
phoff, = struct.unpack_from("<Q", k, 0x20)
phentsize, phnum = struct.unpack_from("<HH", k, 0x36)
for i in range(phnum):
    _, _, off, vaddr, _, filesz, _, _ = struct.unpack_from("<IIQQQQQQ", k, phoff + i * phentsize)
    if k[off:off + 8] == b"SPORESEG":
        n, = struct.unpack_from("<Q", k, off + 8)
        head = off + ((32 + n + 15) & ~15)
        heap_lo, = struct.unpack_from("<Q", k, head + 64)
        heap = bytearray(k); heap[off + heap_lo - vaddr + 100] ^= 0x10
        open(sys.argv[2], "wb").write(heap)
        hdr = bytearray(k); hdr[head + 80] ^= 0x08
        open(sys.argv[3], "wb").write(hdr)
# and a byte of the last load segment: the snapshot's heap after a run of
# zero pages the file leaves out
last = max((struct.unpack_from("<IIQQQQQQ", k, phoff + i * phentsize) for i in range(phnum)),
           key=lambda p: p[3] if p[0] == 1 else -1)
tail = bytearray(k); tail[last[2] + 8] ^= 0x20
open(sys.argv[4], "wb").write(tail)
PY
    "$spore" boot "$work/heap-damaged.xen" > "$work/damaged.out" 2>&1
    st=$?
    check hello_damaged "spore boot of a damaged snapshot: status $st, not the message" \
        grep -q 'is not a whole spore kernel (its snapshot is damaged' "$work/damaged.out"
    "$spore" boot "$work/tail-damaged.xen" > "$work/tail-damaged.out" 2>&1
    st=$?
    check hello_tail_damaged "spore boot of a snapshot damaged after a hole: status $st" \
        grep -q 'is not a whole spore kernel (its snapshot is damaged' "$work/tail-damaged.out"
    # warm_like_erl NAME WHAT LOG STATUS: the boot that wrote LOG ended
    # with halt(0) (QEMU's status 1), started warm and printed what erl did
    warm_like_erl() {
        local base=${3%.log}
        tr -d '\r' < "$3" | grep -v '^spore: ' > "$base.out"
        if [ "$4" -ne 1 ] || ! grep -q '^spore: bare PVH, .*, warm start' "$3" ||
            ! diff -u "$work/hello.erl.out" "$base.out" > "$base.diff"; then
            fail "$1" "$2: status $4, not warm, or not erl's output" "$base.diff"
            sed 's/^/    /' "$3" | head -n 8
        else
            pass
        fi
    }
    # a processor without NX: the snapshot's page tables (built with it)
    # are rebuilt, and the boot is still warm
    boot "$work/qemu-nonx.log" -cpu qemu64,-nx
    warm_like_erl hello_qemu_nonx "hello.xen on a processor without NX" "$work/qemu-nonx.log" $?
    # faults on purpose (selftest=): each reported by the IDT's handlers, the
    # stack's overflow on the TSS's own stack; the guest stops as crashed
    for t in null:'page fault \(NULL pointer\)' stack:'stack overflow \(guard page\)' \
             ud2:'invalid opcode'; do
        boot "$work/qemu-fault-${t%%:*}.log" -append "selftest=${t%%:*}"
        st=$?
        if [ $st -ne 3 ] || ! grep -qE "^spore: crash: ${t#*:} \(trap [0-9]+, " \
            "$work/qemu-fault-${t%%:*}.log"; then
            fail "hello_fault_${t%%:*}" "selftest=${t%%:*}: status $st (3 is a crash), or not \"${t#*:}\"" \
                "$work/qemu-fault-${t%%:*}.log"
        else
            pass
        fi
    done
    # the same image on QEMU's PC machines (SeaBIOS loads it as a PVH
    # kernel): the output erl gives, after the BIOS's own text
    for m in pc q35; do
        timeout 60 $qemu -M $m -m 64 -nographic -no-reboot -nic none \
            -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
            -kernel "$work/hello/hello.xen" < /dev/null > "$work/qemu-$m.log" 2>&1
        st=$?
        tr -d '\r' < "$work/qemu-$m.log" | sed 's/^.*Booting from ROM\.\.//' |
            grep -v '^spore: ' | grep -v 'SeaBIOS' | grep -v '^$' > "$work/qemu-$m.out"
        if [ $st -ne 1 ] || ! grep -q '^spore: bare PVH, .*, warm start' "$work/qemu-$m.log" ||
            ! diff -u "$work/hello.erl.out" "$work/qemu-$m.out" > "$work/qemu-$m.diff"; then
            fail "hello_qemu_$m" \
                "hello.xen on QEMU -M $m: status $st, not warm, or not erl's output" \
                "$work/qemu-$m.diff"
            sed 's/^/    /' "$work/qemu-$m.log" | head -n 8
        else
            pass
        fi
    done
    # snapshot=verify: the sums match, and the boot is warm
    boot "$work/qemu-verify-good.log" -append "snapshot=verify"
    st=$?
    check hello_qemu_verify "snapshot=verify of a whole image: status $st, or not warm" \
        grep -q '^spore: bare PVH, .*, warm start' "$work/qemu-verify-good.log"
    # the smallest domain hello is for: 4 MiB, from its snapshot too
    timeout 60 $qemu -M microvm -m 4 -nographic -no-reboot \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
        -kernel "$work/hello/hello.xen" < /dev/null > "$work/qemu-4m.log" 2>&1
    warm_like_erl hello_qemu_4m "hello.xen in 4 MiB" "$work/qemu-4m.log" $?
    # the same image started cold: asked by "cold", by VM arguments of the
    # command line's own (the snapshot's init has the image's), by a
    # header that is not this kernel's, or by snapshot=verify of a heap
    # damaged (which only the sums show)
    for how in cold args header verify; do
        case $how in
            cold) boot "$work/qemu-$how.log" -append "cold"; st=$?; why='cold start' ;;
            args) boot "$work/qemu-$how.log" -append "-run hello start"; st=$?
                  why='snapshot is not used (the command line has VM arguments)' ;;
            header) (cp "$work/hello/hello.xen" "$work/hello.good" &&
                     cp "$work/header-damaged.xen" "$work/hello/hello.xen" &&
                     boot "$work/qemu-$how.log"; st=$?
                     mv "$work/hello.good" "$work/hello/hello.xen"; exit $st); st=$?
                    why='snapshot is not used (not a snapshot this kernel reads)' ;;
            verify) (cp "$work/hello/hello.xen" "$work/hello.good" &&
                     cp "$work/heap-damaged.xen" "$work/hello/hello.xen" &&
                     boot "$work/qemu-$how.log" -append "snapshot=verify"; st=$?
                     mv "$work/hello.good" "$work/hello/hello.xen"; exit $st); st=$?
                    why='snapshot is not used (its sum does not match: the image is damaged)' ;;
        esac
        tr -d '\r' < "$work/qemu-$how.log" | grep -v '^spore: ' > "$work/qemu-$how.out"
        if [ $st -ne 1 ] || ! grep -q "$why" "$work/qemu-$how.log" ||
            ! diff -u "$work/hello.erl.out" "$work/qemu-$how.out" > "$work/qemu-$how.diff"; then
            fail "hello_qemu_$how" "hello.xen started cold ($how): status $st, no \"$why\", or not erl's output" \
                "$work/qemu-$how.diff"
            sed 's/^/    /' "$work/qemu-$how.log" | head -n 8
        else
            pass
        fi
    done
fi

# 3. calc: a gen_server, apply/3, fun M:F/A, spawn/3, a plugin chosen at run time
calc=("$root/test/build/calc.erl" "$root/test/build/calc_server.erl"
      "$root/test/build/calc_plugin.erl")
run "$work/calc.report" "$work/calc.err" "$spore" build -o "$work/calc" --no-xen \
    --include calc_plugin "${calc[@]}"
st=$?
check calc_build "spore build of calc failed (status $st)" test $st -eq 0
missing=""
for m in calc calc_server calc_plugin gen_server gen proc_lib queue orddict; do
    has_module "$work/calc.report" $m || missing="$missing $m"
done
check calc_kept "the report misses:$missing" test -z "$missing"
if [ -f "$root/vm/image.c" ]; then
    run_image "$work/calc.out" "$work/calc/calc.spore"
    st=$?
    if [ $st -ne 0 ] || ! diff -u "$work/calc.erl.out" "$work/calc.out" > "$work/calc.diff"; then
        fail calc_run "calc.spore (status $st) differs from erl (- erl, + spore)" "$work/calc.diff"
    else
        pass
    fi
fi
# --arg: the entry becomes calc:main/1, called with the strings
run "$work/calc_args.report" "$work/calc_args.err" "$spore" build -o "$work/calc_args" \
    --no-xen --include calc_plugin --entry calc:main --arg 3 --arg 4 "${calc[@]}"
st=$?
check calc_args_build "spore build --arg failed (status $st)" test $st -eq 0
if [ -f "$root/vm/image.c" ] && [ $st -eq 0 ]; then
    run_image "$work/calc_args.out" "$work/calc_args/calc.spore"
    st=$?
    if [ $st -ne 0 ] || ! diff -u "$work/calc_args.erl.out" "$work/calc_args.out" \
        > "$work/calc_args.diff"; then
        fail calc_args_run "calc.spore with --arg 3 --arg 4 (status $st) differs from erl" \
            "$work/calc_args.diff"
    else
        pass
    fi
fi
# without --include, the plugin is left out and named in the report
run "$work/noplug.report" "$work/noplug.err" "$spore" build -o "$work/noplug" --no-xen "${calc[@]}"
check noplug_kept "calc_plugin was kept without --include" \
    eval '! has_module "$work/noplug.report" calc_plugin'
check noplug_left "calc_plugin is not on the left-out line" \
    grep -qE '^left out, .*[ ,]calc_plugin(,|$)' "$work/noplug.report"
if [ -f "$root/vm/image.c" ]; then
    run_image "$work/noplug.out" "$work/noplug/calc.spore"
    st=$?
    check noplug_run "a sealed image without calc_plugin should stop with undef (status $st)" \
        eval '[ $st -ne 0 ] && grep -q undef "$work/noplug.out"'
fi
# a crashed process is reported through logger, from the image's modules
run "$work/crash.report" "$work/crash.err" "$spore" build -o "$work/crash" --no-xen \
    --entry calc:crash "${calc[@]}"
st=$?
check crash_build "spore build --entry calc:crash failed (status $st)" test $st -eq 0
if [ -f "$root/vm/image.c" ] && [ $st -eq 0 ]; then
    run_image "$work/crash.out" "$work/crash/calc.spore"
    st=$?
    if [ $st -eq 0 ] && grep -q "^Error in process" "$work/crash.out" &&
        grep -qx "after the crash" "$work/crash.out"; then
        pass
    else
        fail crash_run "no crash report, or no 'after the crash' (status $st)" "$work/crash.out"
    fi
fi

# 4. inputs: a .beam, an ebin directory with an .app file, a rebar3 project
run "$work/beam.report" "$work/beam.err" "$spore" build -o "$work/beam" --no-xen \
    "$work/ebin/hello.beam"
check beam_input "a .beam input" eval 'has_module "$work/beam.report" hello'
app=$work/app/ebin
mkdir -p "$app"
cp "$work"/ebin/calc*.beam "$app/"
cat > "$app/calc.app" << 'EOF'
{application, calc,
 [{description, "the build test"}, {vsn, "1"},
  {modules, [calc, calc_server, calc_plugin]}, {registered, [calc_server]},
  {applications, [kernel, stdlib]}]}.
EOF
run "$work/app.report" "$work/app.err" "$spore" build -o "$work/appout" --no-xen "$work/app"
st=$?
check app_input "an OTP application folder: calc:start and calc.app" \
    eval '[ $st -eq 0 ] && has_module "$work/app.report" calc &&
          grep -q "^calc\.app " "$work/app.report" && test -s "$work/appout/calc.spore"'
proj=$work/proj
mkdir -p "$proj/src" "$proj/_build/default/lib/calc/ebin" "$proj/_build/default/lib/other/ebin"
cp "$app"/* "$proj/_build/default/lib/calc/ebin/"
cp "$work/ebin/hello.beam" "$proj/_build/default/lib/other/ebin/"
sed 's/{modules, \[calc, calc_server, calc_plugin\]}/{modules, []}/' "$app/calc.app" \
    > "$proj/src/calc.app.src"
echo '{erl_opts, [debug_info]}.' > "$proj/rebar.config"
run "$work/rebar.report" "$work/rebar.err" "$spore" build -o "$work/rebarout" --no-xen "$proj"
st=$?
check rebar_input "a rebar3 project: entry calc:start, hello left out" \
    eval '[ $st -eq 0 ] && has_module "$work/rebar.report" calc_server &&
          ! has_module "$work/rebar.report" hello && test -s "$work/rebarout/calc.spore"'

# 5. errors: one line each on stderr, status 1
error_case() { # NAME REGEX ARGS...
    local name=$1 re=$2
    shift 2
    run "$work/$name.out" "$work/$name.err" "$spore" build -o "$work/$name" --no-xen "$@"
    local st=$? lines
    lines=$(wc -l < "$work/$name.err")
    if [ $st -ne 1 ] || [ "$lines" -ne 1 ] || ! grep -qE "^spore build: $re" "$work/$name.err"; then
        fail "$name" "expected status 1 and one line \"spore build: $re\" (status $st)" \
            "$work/$name.err"
    else
        pass
    fi
}
error_case missing_input "$work/nope\\.erl: No such file or directory" "$work/nope.erl"
error_case unknown_entry "unknown entry module 'nosuch'" --entry nosuch:start \
    "$root/examples/hello/hello.erl"
error_case not_exported "hello:nothere/0 is not exported" --entry hello:nothere \
    "$root/examples/hello/hello.erl"
error_case wrong_arity "hello:start/1 is not exported .*hello exports start/0" --arg x \
    "$root/examples/hello/hello.erl"
mkdir -p "$work/bad"
head -c 300 "$work/ebin/hello.beam" > "$work/bad/hello.beam"
error_case corrupt_beam "$work/bad/hello\\.beam: .+" "$work/bad/hello.beam"
run "$work/nokernel.out" "$work/nokernel.err" "$spore" build -o "$work/nokernel" \
    --kernel "$work/no-such.elf" "$root/examples/hello/hello.erl"
st=$?
check missing_kernel "a missing kernel: expected status 1 and one line (status $st)" \
    eval '[ $st -eq 1 ] && [ "$(wc -l < "$work/nokernel.err")" -eq 1 ] && grep -q \
          "^spore build: kernel $work/no-such.elf: No such file or directory" "$work/nokernel.err"'
printf -- '-module(broken).\n-export([start/0]).\nstart() -> ok\n' > "$work/broken.erl"
run "$work/broken.out" "$work/broken.err" "$spore" build -o "$work/broken" --no-xen \
    "$work/broken.erl"
st=$?
check compile_error "a compile error: expected erlc's message and status 1 (status $st)" \
    eval '[ $st -eq 1 ] && cat "$work/broken.out" "$work/broken.err" | grep -q "broken.erl:3:"'
run "$work/help.out" "$work/help.err" "$spore" build --help
st=$?
check help "spore build --help (status $st)" \
    eval '[ $st -eq 0 ] && grep -q "^usage: spore build" "$work/help.out"'

echo "build_image: $passed passed, $failed failed"
[ $failed -eq 0 ]
