#!/usr/bin/env bash
# run_qemu.sh: differential tests inside the kernel. Each module of
# test/qemu_subset.txt (or those named) runs through spore_test_runner as a
# bare PVH guest of QEMU microvm, and must print what it prints on erl and end
# with the same exit status (carried by QEMU's isa-debug-exit device).
#
# For each module: a hosted run with SPORE_LOADED learns which .beam files it
# loads; `spore bundle` packs them; QEMU boots the kernel with the bundle as
# its boot module and "quiet -run spore_test_runner main MOD" as its
# command line. erl's output comes from test/run_erl.sh's cache, or is made.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build
KERNEL=$ROOT/build-xen/spore.elf
JOBS=2
TIMEOUT=120

usage() {
    cat <<EOF
usage: test/run_qemu.sh [options] [MODULE...]
  --build DIR     hosted build directory (default: build): its spore and test/erl
  --kernel ELF    the kernel (default: build-xen/spore.elf)
  --jobs N        guests run in parallel (default: 2)
  --timeout S     seconds per guest (default: 120)
Without MODULE names, the modules of test/qemu_subset.txt run.
EOF
}

MODS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build) BUILD=$2; shift 2 ;;
        --kernel) KERNEL=$2; shift 2 ;;
        --jobs) JOBS=$2; shift 2 ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) MODS+=("$1"); shift ;;
    esac
done
BUILD=$(cd "$BUILD" && pwd)
SPORE=$BUILD/spore
OUT=$BUILD/test/erl
WORK=$BUILD/test/qemu
mkdir -p "$WORK"
rm -f "$WORK"/*.result

for t in qemu-system-x86_64 erl; do
    command -v $t >/dev/null || { echo "run_qemu: $t is missing" >&2; exit 2; }
done
[ -x "$SPORE" ] || { echo "run_qemu: no spore at $SPORE" >&2; exit 2; }
[ -f "$KERNEL" ] || { echo "run_qemu: no kernel at $KERNEL" >&2; exit 2; }
if [ ! -e "$OUT/spore_test_runner.beam" ]; then
    # compiles test/erl (run_erl.sh does it; running no module is enough)
    bash "$ROOT/test/run_erl.sh" --build "$BUILD" --spore "$SPORE" no_such_module >/dev/null 2>&1
fi
if [ ${#MODS[@]} -eq 0 ]; then
    mapfile -t MODS < <(sed -e 's/#.*//' "$ROOT/test/qemu_subset.txt" | tr -s ' \t' '\n' | grep .)
fi

run_one() {
    local m=$1 w=$WORK/$1 why="" detail="" exp=$OUT/expected/$1.out erc qrc src
    rm -f "$w".*
    if [ ! -e "$OUT/$m.beam" ]; then
        why="no such module"
    else
        if [ ! -e "$exp" ] || [ "$OUT/$m.beam" -nt "$exp" ]; then
            (cd "$WORK" && timeout -k 5 60 erl -noshell -pa "$OUT" -run spore_test_runner main "$m" \
                </dev/null >"$exp" 2>/dev/null; echo $? >"$exp.rc")
        fi
        erc=$(cat "$exp.rc")
        (cd "$WORK" && SPORE_LOADED=$w.loaded timeout -k 5 60 "$SPORE" run -pa "$OUT" \
            -run spore_test_runner main "$m" </dev/null >/dev/null 2>&1)
        if ! "$SPORE" bundle -o "$w.bundle" --from "$w.loaded" >"$w.bundle.log" 2>&1; then
            why="cannot make the bundle"
            detail=$(head -n 5 "$w.bundle.log")
        else
            # memfd memory: QEMU does not ask for transparent huge pages on it,
            # whose first touch can stall the guest for milliseconds
            timeout -k 5 "$TIMEOUT" qemu-system-x86_64 -M microvm,memory-backend=mem \
                -object memory-backend-memfd,id=mem,size=1G -m 1024 -nographic -no-reboot \
                -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
                -kernel "$KERNEL" -initrd "$w.bundle" \
                -append "quiet -run spore_test_runner main $m" </dev/null >"$w.raw" 2>&1
            qrc=$?
            tr -d '\r' <"$w.raw" | grep -av '^spore: halt ' >"$w.out"
            if [ $qrc -eq 124 ] || [ $qrc -eq 137 ]; then
                why="timeout after ${TIMEOUT}s"
            elif [ $((qrc & 1)) -ne 1 ]; then
                why="QEMU exited $qrc, not through the guest's exit"
            else
                src=$(((qrc - 1) / 2))
                if ! cmp -s "$exp" "$w.out"; then
                    why="output differs"
                    detail=$(diff -u --label erl --label spore-qemu "$exp" "$w.out" | sed -n '3,22p')
                elif [ "$src" != "$erc" ]; then
                    why="exit status $src, erl $erc"
                fi
            fi
            [ -n "$why" ] && [ -z "$detail" ] && detail=$(tail -n 8 "$w.raw")
        fi
    fi
    local verdict=PASS
    [ -n "$why" ] && verdict=FAIL
    echo $verdict >"$w.result"
    local report="$verdict $m${why:+ ($why)}"
    if [ -n "$detail" ] && [ $verdict = FAIL ]; then
        report="$report"$'\n'"$(printf '%s\n' "$detail" | sed 's/^/    /')"
    fi
    printf '%s\n' "$report"
}
export OUT WORK SPORE KERNEL TIMEOUT
export -f run_one

printf '%s\n' "${MODS[@]}" | xargs -P "$JOBS" -I{} bash -c 'run_one "$1"' _ {}

pass=$(cat "$WORK"/*.result 2>/dev/null | grep -c '^PASS$')
fail=$(cat "$WORK"/*.result 2>/dev/null | grep -c '^FAIL$')
echo "qemu_diff: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
