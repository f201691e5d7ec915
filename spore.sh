#!/usr/bin/env bash
# spore.sh: the developer's front door. Installs what the build needs (on
# Debian, with apt-get), builds with CMake and runs things:
#   ./spore.sh hello    build, then run examples/hello on spore, then boot it
#                       under QEMU microvm as a unikernel (build-xen/spore.elf)
#   ./spore.sh test     release build + ctest, then checks build + ctest,
#                       then (with clang) the fuzz build + its short fuzz runs
#   ./spore.sh bench    build, then run bench/ on erl and on spore
#   ./spore.sh fuzz     fuzz build + its short fuzz runs (clang)
#   ./spore.sh build | checks | kernel | deps | clean
# Release build in build/, checks build (VM_CHECKS, ASan, UBSan) in build-checks/,
# fuzz build (clang, libFuzzer; test/fuzz) in build-fuzz/.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

DEPS=(erlang-base erlang-dev erlang-tools cmake make gcc libc6-dev libgmp-dev zlib1g-dev
      clang-14 libclang-rt-14-dev
      libxen-dev qemu-system-x86 dpkg-dev meson ninja-build xz-utils bzip2 python3 cpio gzip
      nanopb protobuf-compiler python3-protobuf)
JOBS=${JOBS:-2}

say() { printf '== %s\n' "$*"; }

# Installs the Debian packages of "$@" that are missing.
install_missing() {
    local missing=() p
    if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
        for p in erl erlc cmake make cc; do
            command -v "$p" >/dev/null || { echo "spore.sh: '$p' is missing" >&2; exit 1; }
        done
        return
    fi
    for p in "$@"; do
        dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return
    say "installing ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "spore.sh: run as root to install" >&2; exit 1; }
        sudo=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

deps() { install_missing "${DEPS[@]}"; }

# configure_build DIR [cmake options...]
configure_build() {
    local dir=$1
    shift
    say "building $dir"
    cmake -S "$ROOT" -B "$ROOT/$dir" "$@" >/dev/null
    cmake --build "$ROOT/$dir" -j "$JOBS"
}

build() { configure_build build -DSPORE_CHECKS=OFF; }
# The kernel: its C libraries come from Debian source packages (xen/deps.sh).
kernel() { configure_build build-xen -DSPORE_XEN=ON; }
checks() { configure_build build-checks -DSPORE_CHECKS=ON; }
# The fuzz build needs clang with libFuzzer; without it, it is skipped.
fuzz_clang() {
    local cc
    cc=$(command -v clang-14 || command -v clang || true)
    [ -n "$cc" ] || return 1
    printf '%s\n' 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);' \
        'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return !d && n; }' \
        | "$cc" -x c -fsanitize=fuzzer,address -o /dev/null - 2>/dev/null || return 1
    echo "$cc"
}
fuzz() {
    local cc
    cc=$(fuzz_clang) || { say "no clang with libFuzzer: fuzz build skipped"; return 1; }
    say "building build-fuzz"
    CC=$cc cmake -S "$ROOT" -B "$ROOT/build-fuzz" -DSPORE_FUZZ=ON >/dev/null
    cmake --build "$ROOT/build-fuzz" -j "$JOBS" --target fuzz
}

run_ctest() {
    say "ctest in $1"
    (cd "$ROOT/$1" && ctest --output-on-failure -j "$JOBS")
}

hello() {
    local out=$ROOT/build/examples/hello
    mkdir -p "$out"
    erlc -o "$out" "$ROOT"/examples/hello/*.erl
    say "spore run -pa build/examples/hello -run hello start"
    "$ROOT/build/spore" run -pa "$out" -run hello start
    say "spore build -o build/examples/hello examples/hello/hello.erl"
    "$ROOT/build/spore" build -o "$out" --kernel "$ROOT/build-xen/spore.elf" \
        "$ROOT/examples/hello/hello.erl" | tail -n 1
    say "spore boot build/examples/hello/hello.xen (QEMU microvm)"
    "$ROOT/build/spore" boot "$out/hello.xen"
}

usage() {
    sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

case "${1:-help}" in
    deps) deps ;;
    build) deps; build ;;
    checks) deps; checks ;;
    hello) deps; build; kernel; hello ;;
    kernel) deps; kernel ;;
    test)
        deps
        status=0
        build
        kernel
        run_ctest build || status=1
        checks
        run_ctest build-checks || status=1
        if fuzz; then run_ctest build-fuzz || status=1; fi
        [ $status -eq 0 ] && say "all tests passed" || say "some tests failed"
        exit $status ;;
    bench) deps; build; bash "$ROOT/bench/run.sh" "$ROOT/build" ;;
    fuzz) deps; fuzz && run_ctest build-fuzz ;;
    clean) rm -rf "$ROOT/build" "$ROOT/build-checks" "$ROOT/build-fuzz" "$ROOT/build-xen" ;;
    help|-h|--help) usage ;;
    *) usage >&2; exit 2 ;;
esac
