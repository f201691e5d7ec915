#!/usr/bin/env bash
# suite.sh: the kernel under real Xen (and bare QEMU), as ctest's xen_boot.
# Builds one bundle for a small subset of the differential tests (the
# modules a hosted run of them loads), takes erl's output for them as the
# expected output, then boots the kernel with test/xen/run_xen.sh as a
# bare PVH guest, as Xen's PV and PVH dom0, and as PV and PVH domUs created
# by xl from a Linux dom0 (with the cross-domain event channel and grant
# test between two domUs), all of which must print what erl printed. Then
# two bad command lines: a missing module, and nothing to run.
#   test/xen/suite.sh --build DIR --kernel ELF [--cache DIR] [SCENARIO...]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=$ROOT/build
KERNEL=$ROOT/build-xen/spore.elf
CACHE=$ROOT/.cache/xen
SCEN=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build) BUILD=$2; shift 2 ;;
        --kernel) KERNEL=$2; shift 2 ;;
        --cache) CACHE=$2; shift 2 ;;
        -*) echo "suite.sh: unknown option $1" >&2; exit 2 ;;
        *) SCEN+=("$1"); shift ;;
    esac
done
[ ${#SCEN[@]} -gt 0 ] || SCEN=(bare dom0-pv dom0-pvh domu)
BUILD=$(cd "$BUILD" && pwd)
OUT=$BUILD/test/erl
WORK=$BUILD/test/xen
mkdir -p "$WORK"
[ -f "$KERNEL" ] || { echo "suite.sh: no kernel at $KERNEL" >&2; exit 2; }
if [ ! -e "$OUT/spore_test_runner.beam" ] || [ "$ROOT/test/erl/spore_test_runner.erl" -nt "$OUT/spore_test_runner.beam" ]; then
    bash "$ROOT/test/run_erl.sh" --build "$BUILD" --spore "$BUILD/spore" no_such_module >/dev/null 2>&1 || true
fi

# The subset: lists, maps, binaries, bignums, ETS, processes, timers (the
# clock and the idle block), and gen_server.
MODS=(lists_bif map_basic bin_syntax num_big ets_basic proc_ring proc_timers otp_gen_server)
RUN=(-run spore_test_runner main "${MODS[@]}")
(cd "$WORK" && erl -noshell -pa "$OUT" "${RUN[@]}" </dev/null >"$WORK/expected.txt")
rm -f "$WORK/loaded"
(cd "$WORK" && SPORE_LOADED=$WORK/loaded "$BUILD/spore" run -pa "$OUT" "${RUN[@]}" </dev/null >"$WORK/hosted.txt")
cmp -s "$WORK/expected.txt" "$WORK/hosted.txt" || { echo "suite.sh: the hosted run differs from erl"; diff "$WORK/expected.txt" "$WORK/hosted.txt" | head; exit 1; }
"$BUILD/spore" bundle -o "$WORK/suite.bundle" --from "$WORK/loaded" >/dev/null

status=0
COMMON=(--kernel "$KERNEL" --bundle "$WORK/suite.bundle" --cache "$CACHE" --work "$WORK/run"
        --cmdline "quiet ${RUN[*]}" --expect "$WORK/expected.txt")
DOM0=()
for s in "${SCEN[@]}"; do [ "$s" = domu ] || DOM0+=("$s"); done
if [ ${#DOM0[@]} -gt 0 ]; then
    bash "$ROOT/test/xen/run_xen.sh" "${COMMON[@]}" "${DOM0[@]}" || status=1
fi
# every domU checks its xenstore client: reads its name, prints it, writes a
# key and sees the watch fire
if [[ " ${SCEN[*]} " == *" domu "* ]]; then
    bash "$ROOT/test/xen/run_xen.sh" "${COMMON[@]}" --cmdline "xenstore-check ${RUN[*]}" \
        --grep-all 'xenstore: name=' --grep-all 'xenstore: watch fired' \
        --xtest-cmdline "xenstore-check -s erlang halt" domu || status=1
fi

# The examples, built by spore build (the image sealed into the kernel, its
# own entry point, a snapshot of the VM after it: xen/snap.c): calc as
# Xen's PV dom0, which starts cold, and ring as its PVH dom0, which starts
# from the snapshot that Xen's loader put in place.
build_example() { # NAME DIR: spore build of examples/NAME into DIR
    local name=$1 w=$2
    rm -rf "$w" && mkdir -p "$w/ebin"
    erlc -o "$w/ebin" "$ROOT/examples/$name"/*.erl
    cp "$ROOT/examples/$name"/*.app "$w/ebin/" 2>/dev/null || true
    "$BUILD/spore" build -o "$w" --name "$name" --entry "$name:start" --kernel "$KERNEL" \
        "$w/ebin" >"$w/build.log" 2>&1 || { echo "FAIL $name: spore build"; cat "$w/build.log"; return 1; }
}
for ex in "calc dom0-pv 4 of 4 engines up|Xen PV dom0, .*, warm start" "ring dom0-pvh ^ring: |Xen PVH dom0, .*, warm start"; do
    read -r name scen want <<<"$ex"
    [[ " ${SCEN[*]} " == *" $scen "* ]] || continue
    w=$WORK/ex-$name
    if build_example "$name" "$w"; then
        bash "$ROOT/test/xen/run_xen.sh" --kernel "$w/$name.xen" --cache "$CACHE" --work "$w/run" \
            --cmdline "" --grep "${want%%|*}" --grep "${want#*|}" "$scen" || status=1
    else
        status=1
    fi
done

# Bad command lines, bare PVH: a clear message, a failing status.
if [[ " ${SCEN[*]} " == *" bare "* ]]; then
    bash "$ROOT/test/xen/run_xen.sh" --kernel "$KERNEL" --bundle "$WORK/suite.bundle" \
        --work "$WORK/missing" --cmdline "quiet -run no_such_module start" --status 1 \
        --grep 'init terminating in do_boot' bare || status=1
    bash "$ROOT/test/xen/run_xen.sh" --kernel "$KERNEL" --bundle "$WORK/suite.bundle" \
        --work "$WORK/nothing" --cmdline "quiet" --status 1 \
        --grep 'nothing to run' bare || status=1
fi
exit $status
