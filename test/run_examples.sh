#!/usr/bin/env bash
# run_examples.sh: the programs of examples/ (ctest: examples). Every folder
# examples/NAME holding NAME.erl, whose start/0 prints a report and halts, is
# compiled into DIR/NAME (with its .app files) and run three ways:
#  1. on erl:    erl -noshell -pa DIR/NAME -run NAME start
#  2. hosted:    spore run -pa DIR/NAME -run NAME start
#  3. the kernel (with --kernel): a bare PVH guest of QEMU microvm, command
#     line "quiet -run NAME start", booted from the files run 2 loaded.
# The three must print the same and halt with the same status. Lines that
# start with "# " (timings) are left out of the comparison, and so are the
# kernel's own "spore: " lines.
#   run_examples.sh --spore SPORE [--kernel ELF] [--work DIR] [EXAMPLE...]
# The last line reads "examples: N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
spore="" kernel="" work="" names=()
while [ $# -gt 0 ]; do
    case $1 in
        --spore) spore=$2; shift 2 ;;
        --kernel) kernel=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        -*) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
        *) names+=("$1"); shift ;;
    esac
done
[ -n "$spore" ] || { echo "run_examples.sh: --spore SPORE is required" >&2; exit 2; }
[ -x "$spore" ] || { echo "run_examples.sh: $spore is not an executable" >&2; exit 2; }
spore=$(cd "$(dirname "$spore")" && pwd)/$(basename "$spore")
if [ -n "$kernel" ]; then
    [ -f "$kernel" ] || { echo "run_examples.sh: no kernel at $kernel" >&2; exit 2; }
    command -v qemu-system-x86_64 >/dev/null ||
        { echo "run_examples.sh: qemu-system-x86_64 is missing" >&2; exit 2; }
fi
command -v erl >/dev/null || { echo "run_examples.sh: erl is missing" >&2; exit 2; }
[ -n "$work" ] || work=$(dirname "$spore")/test/examples
mkdir -p "$work"
work=$(cd "$work" && pwd)
if [ ${#names[@]} -eq 0 ]; then
    for d in "$ROOT"/examples/*/; do
        n=$(basename "$d")
        [ -e "$d/$n.erl" ] && names+=("$n")
    done
fi
FAIL_LINES=24
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# What is compared: the program's lines, without timings or the kernel's own.
clean() { # RAW OUT
    tr -d '\r' < "$1" | grep -av -e '^# ' -e '^spore: ' > "$2"
}

# Run 3: `spore build` makes NAME.spore and NAME.xen from the example's
# ebin folder; `spore run NAME.spore` (hosted) and `spore boot NAME.xen`
# (QEMU microvm, the image's own entry point) must both print what erl
# printed. Leaves $w/kernel.raw and sets 'kernel_status' to the guest's halt
# status, or explains in 'why'.
kernel_run() { # NAME W
    local name=$1 w=$2 qrc
    kernel_status="" why=""
    # spore build: the example's ebin folder (modules and .app) into
    # NAME.spore and NAME.xen, the kernel with the image sealed in
    if ! "$spore" build -o "$w" --name "$name" --entry "$name:start" --kernel "$kernel" \
        "$w/ebin" > "$w/build.log" 2>&1; then
        why="spore build failed"
        cp "$w/build.log" "$w/kernel.raw"
        return
    fi
    # the image, hosted: the same output as spore run from the ebin folder
    (cd "$w" && timeout -k 5 120 "$spore" run "$w/$name.spore" < /dev/null > "$w/image.raw" 2>&1)
    image_status=$?
    # spore boot: QEMU microvm, the image's own entry point
    timeout -k 5 150 "$spore" boot --timeout 120 --cmdline quiet "$w/$name.xen" \
        < /dev/null > "$w/kernel.raw" 2> "$w/boot.err"
    qrc=$?
    if [ $qrc -eq 124 ] || [ $qrc -eq 137 ]; then
        why="the guest ran for more than 120 s"
    elif grep -aq '^spore: crash' "$w/kernel.raw"; then
        why="the guest crashed"
    else
        kernel_status=$qrc
    fi
}

for name in "${names[@]}"; do
    src=$ROOT/examples/$name w=$work/$name
    rm -rf "$w"
    mkdir -p "$w/ebin"
    if [ ! -e "$src/$name.erl" ]; then
        fail "$name" "no examples/$name/$name.erl"
        continue
    fi
    if ! erlc -o "$w/ebin" "$src"/*.erl > "$w/erlc.log" 2>&1; then
        fail "$name" "erlc failed" "$w/erlc.log"
        continue
    fi
    for app in "$src"/*.app; do
        [ -e "$app" ] && cp "$app" "$w/ebin/"
    done

    # 1 and 2, from inside $w: an erl crash dump lands there, not in the tree
    (cd "$w" && timeout -k 5 60 erl -noshell -pa "$w/ebin" -run "$name" start \
        < /dev/null > "$w/erl.raw" 2> "$w/erl.err")
    erl_status=$?
    (cd "$w" && SPORE_LOADED=$w/loaded timeout -k 5 60 "$spore" run -pa "$w/ebin" \
        -run "$name" start < /dev/null > "$w/hosted.raw" 2> "$w/hosted.err")
    hosted_status=$?
    clean "$w/erl.raw" "$w/erl.out"
    clean "$w/hosted.raw" "$w/hosted.out"
    if [ $erl_status -ne 0 ] || [ -s "$w/erl.err" ]; then
        cat "$w/erl.raw" "$w/erl.err" > "$w/erl.log"
        fail "$name" "on erl: status $erl_status" "$w/erl.log"
        continue
    fi
    if [ $hosted_status -ne $erl_status ]; then
        cat "$w/hosted.raw" "$w/hosted.err" > "$w/hosted.log"
        fail "$name" "spore run: status $hosted_status, erl $erl_status" "$w/hosted.log"
        continue
    fi
    if ! diff -u --label erl --label "spore run" "$w/erl.out" "$w/hosted.out" \
        > "$w/hosted.diff"; then
        fail "$name" "spore run prints something else than erl" "$w/hosted.diff"
        continue
    fi

    # 3
    if [ -z "$kernel" ]; then
        printf 'PASS %s (erl, spore run; no --kernel)\n' "$name"
        passed=$((passed + 1))
        continue
    fi
    kernel_run "$name" "$w"
    if [ -z "$why" ]; then
        clean "$w/image.raw" "$w/image.out"
        if [ "$image_status" != "$erl_status" ]; then
            why="spore run $name.spore: halt $image_status, erl $erl_status"
        elif ! diff -u --label erl --label image "$w/erl.out" "$w/image.out" > "$w/image.diff"; then
            why="spore run $name.spore prints something else than erl"
            cp "$w/image.diff" "$w/kernel.raw"
        fi
    fi
    if [ -n "$why" ]; then
        tail -n 24 "$w/kernel.raw" > "$w/kernel.log"
        fail "$name" "in the kernel: $why" "$w/kernel.log"
        continue
    fi
    clean "$w/kernel.raw" "$w/kernel.out"
    if [ "$kernel_status" != "$erl_status" ]; then
        fail "$name" "in the kernel: halt $kernel_status, erl $erl_status" "$w/kernel.raw"
    elif ! diff -u --label erl --label kernel "$w/erl.out" "$w/kernel.out" > "$w/kernel.diff"; then
        fail "$name" "the kernel prints something else than erl" "$w/kernel.diff"
    else
        printf 'PASS %s (erl, spore run, spore build: the image hosted and booted under QEMU)\n' "$name"
        passed=$((passed + 1))
    fi
done

echo "examples: $passed passed, $failed failed"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
