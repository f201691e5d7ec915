#!/usr/bin/env bash
# xen/deps.sh: the C libraries of the kernel. Fetches the Debian source
# packages of picolibc, zlib and gmp (only its mini-gmp), checks them against
# the hashes below, and builds them with the kernel's code generation flags
# into a sysroot:
#   xen/deps.sh [CACHE_DIR]       (default: .cache/xen-deps in the repository)
# It prints the sysroot's path on its last line:
#   SYSROOT/include   picolibc's headers, zlib.h, zconf.h, mini-gmp.h
#   SYSROOT/lib       libc.a libm.a libz.a libminigmp.a
# picolibc puts its maths into libc.a; its libm.a is empty and is kept only so
# that "-lm" style link lines work. Each step leaves a stamp that records
# what it was made from; a rerun with nothing to do does no work.
#
# It also fetches the runtime of nanopb (pb.h, pb_common.c, pb_decode.c,
# pb_encode.c and their headers), which reads and writes the program image's
# manifest (image/manifest.proto) in both builds; each build compiles it with
# its own flags. Only that, and quickly, for the hosted build:
#   xen/deps.sh --nanopb [CACHE_DIR]
# prints the folder of the nanopb sources on its last line. (Debian's binary
# package nanopb ships the code generator but not these sources.)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODE=all
if [ "${1:-}" = --nanopb ]; then
    MODE=nanopb
    shift
fi
CACHE=$(realpath -m "${1:-$ROOT/.cache/xen-deps}")
SYSROOT=$CACHE/sysroot
STAMPS=$CACHE/stamps
JOBS=2

# Source package, version, suite, orig tarball and its SHA-256. picolibc
# comes from trixie because bookworm's orig tarball is gone from the mirrors.
PICOLIBC=(picolibc 1.8.10-2 trixie picolibc_1.8.10.orig.tar.gz
          d1fc2a20f217472f8d9da084a519a25678e8d91852a41c7f3f1840d3508f7163)
ZLIB=(zlib 1:1.2.13.dfsg-1 bookworm zlib_1.2.13.dfsg.orig.tar.bz2
      71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1)
GMP=(gmp 2:6.2.1+dfsg1-1.1 bookworm gmp_6.2.1+dfsg1.orig.tar.xz
     471b9e463e04362a0124f215afc5f0a4b99caedeeb62634c61bbc12988efa64c)
# The runtime must be the version of the generator (Debian's nanopb package).
# shellcheck disable=SC2034 # read by name: source_pkg NANOPB
NANOPB=(nanopb 0.4.7-2 bookworm nanopb_0.4.7.orig.tar.gz
        e1d89b166367a3c42d42311bdc2ed57ff78f86aede9a66828516e45490d48c81)
NANOPB_FILES=(pb.h pb_common.c pb_common.h pb_decode.c pb_decode.h pb_encode.c pb_encode.h
              LICENSE.txt)

# The kernel's code generation: no red zone (interrupts land on the current
# stack), no PIC, no unwind tables, no stack protector (nothing sets up a
# canary). SSE stays on: the kernel enables it before any C runs.
KFLAGS=(-O2 -ffreestanding -fno-pic -fno-pie -fno-stack-protector
        -fno-asynchronous-unwind-tables -mno-red-zone -mcmodel=small
        -fno-omit-frame-pointer)

# picolibc: tinystdio with double printf/scanf and long long, no thread-local
# storage (the kernel never sets the FS base), one thread, and none of the
# startup code, semihosting or tests. No debug information: KFLAGS are the
# whole of the code generation. specsdir=none keeps meson from installing a
# .specs file into the compiler's own directory.
PICOLIBC_OPTS=(-Doptimization=plain -Ddebug=false -Dmultilib=false -Dtests=false
               -Dsemihost=false -Dpicocrt=false -Dpicocrt-lib=false
               -Dthread-local-storage=false -Dsingle-thread=true -Dtinystdio=true
               -Dformat-default=double -Dio-long-long=true -Dposix-console=false
               -Dspecsdir=none)

ZLIB_SRCS=(adler32 crc32 deflate inflate inftrees inffast trees zutil compress uncompr)

say() { printf 'xen/deps: %s\n' "$*"; }
die() { printf 'xen/deps: %s\n' "$*" >&2; exit 1; }

# stamp_ok NAME KEY [PATH...]: true when step NAME was last done from KEY
# and the PATHs it made are still there.
stamp_ok() {
    local name=$1 key=$2 f
    shift 2
    [ -f "$STAMPS/$name" ] && [ "$(cat "$STAMPS/$name")" = "$key" ] || return 1
    for f in "$@"; do [ -e "$f" ] || return 1; done
}
stamp_set() { printf '%s\n' "$2" >"$STAMPS/$1"; }

# run LOG CMD...: runs CMD quietly; on failure shows the end of its log.
run() {
    local log=$1
    shift
    if ! "$@" >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "failed: $* (log: $log)"
    fi
}

# need_tools [TOOL:PACKAGE...]: installs the Debian packages behind the
# tools we miss; without arguments, those of the whole build.
need_tools() {
    local missing=() pair pairs=("$@")
    [ ${#pairs[@]} -gt 0 ] || pairs=(apt-get:apt dpkg-source:dpkg-dev meson:meson ninja:ninja-build
                                     xz:xz-utils bzip2:bzip2 gcc:gcc ar:binutils gzip:gzip)
    for pair in "${pairs[@]}"; do
        command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
    done
    [ ${#missing[@]} -eq 0 ] && return
    [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}: install them, or run as root"
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    run "$CACHE/install.log" apt-get update -q
    run "$CACHE/install.log" apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# apt with its own sources list, lists and cache under $CACHE/apt, so the
# machine's apt configuration is neither used for sources nor changed.
APT_OPTS=(-o "Dir::Etc::SourceList=$CACHE/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$CACHE/apt/lists" -o "Dir::Cache=$CACHE/apt/cache"
          -o APT::Sandbox::User=root -o APT::Get::Only-Source=true -q)
APT_UPDATED=0

apt_update() {
    [ $APT_UPDATED -eq 1 ] && return
    local keyring=/usr/share/keyrings/debian-archive-keyring.gpg signed=
    [ -f "$keyring" ] && signed="[signed-by=$keyring] "
    mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/cache/archives/partial"
    printf 'deb-src %shttp://deb.debian.org/debian %s main\n' \
        "$signed" trixie "$signed" bookworm >"$CACHE/apt/sources.list"
    say "apt-get update (private lists in $CACHE/apt)"
    run "$CACHE/apt/update.log" apt-get "${APT_OPTS[@]}" update
    APT_UPDATED=1
}

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

# fetch PKG VERSION SUITE TARBALL SHA: puts the verified orig tarball in dl/.
fetch() {
    local pkg=$1 ver=$2 tar=$4 sha=$5 file=$CACHE/dl/$4
    sha_ok "$file" "$sha" && return
    rm -f "$file"
    apt_update
    say "fetching $pkg $ver"
    # apt-get fails as a whole when any file of the package is missing (some
    # mirrors have lost picolibc's .dsc); only the orig tarball matters, and
    # its hash decides.
    (cd "$CACHE/dl" && apt-get "${APT_OPTS[@]}" source --download-only "$pkg=$ver") \
        >"$CACHE/dl/$pkg.log" 2>&1 || true
    [ -f "$file" ] || { tail -n 5 "$CACHE/dl/$pkg.log" >&2; die "could not download $tar"; }
    if ! sha_ok "$file" "$sha"; then
        mv "$file" "$file.bad"
        die "$tar: SHA-256 $(sha256sum "$file.bad" | cut -d' ' -f1), expected $sha" \
            "(kept as $file.bad)"
    fi
}

# unpack NAME TARBALL SHA [TAR MEMBERS...]: unpacks into src/NAME, without
# the tarball's top folder.
unpack() {
    local name=$1 tar=$2 sha=$3 dir=$CACHE/src/$1
    shift 3
    stamp_ok "src-$name" "$tar $sha" "$dir" && return
    say "unpacking $tar"
    rm -rf "$dir" "$dir.tmp"
    mkdir -p "$dir.tmp"
    tar -xf "$CACHE/dl/$tar" -C "$dir.tmp" --strip-components=1 --wildcards "$@"
    mv "$dir.tmp" "$dir"
    stamp_set "src-$name" "$tar $sha"
}

source_pkg() {
    local name=$1
    shift
    local -n p=$name
    stamp_ok "src-${p[0]}" "${p[3]} ${p[4]}" "$CACHE/src/${p[0]}" && return
    fetch "${p[@]}"
    unpack "${p[0]}" "${p[3]}" "${p[4]}" "$@"
}

build_picolibc() {
    local key="${PICOLIBC[1]} ${KFLAGS[*]} ${PICOLIBC_OPTS[*]} gcc $GCC_VERSION"
    local build=$CACHE/build/picolibc stage=$CACHE/stage/picolibc
    local cross=$CACHE/build/picolibc-cross.txt
    stamp_ok picolibc "$key" "$stage/lib/libc.a" && return
    say "building picolibc (meson, $JOBS jobs)"
    rm -rf "$build" "$stage"
    mkdir -p "$CACHE/build"
    local args=() f
    for f in "${KFLAGS[@]}"; do args+=("'$f'"); done
    # A bare-metal x86_64 target for meson: the host compiler with the
    # kernel's flags, nothing to run (picolibc has no startup code here).
    cat >"$cross" <<EOF
[binaries]
c = '$(command -v gcc)'
ar = '$(command -v ar)'
nm = '$(command -v nm)'
strip = '$(command -v strip)'
objcopy = '$(command -v objcopy)'

[host_machine]
system = 'none'
cpu_family = 'x86_64'
cpu = 'x86_64'
endian = 'little'

[properties]
skip_sanity_check = true

[built-in options]
c_args = [$(IFS=,; echo "${args[*]}")]
EOF
    run "$CACHE/build/picolibc-setup.log" meson setup "$build" "$CACHE/src/picolibc" \
        --cross-file "$cross" --prefix="$stage" \
        -Dincludedir=include -Dlibdir=lib "${PICOLIBC_OPTS[@]}"
    run "$CACHE/build/picolibc-build.log" ninja -C "$build" -j "$JOBS"
    run "$CACHE/build/picolibc-install.log" meson install -C "$build" --no-rebuild
    stamp_set picolibc "$key"
}

# archive NAME OUT.a SRC.c...: compiles C files against picolibc's headers,
# each function in a section of its own (the kernel's link drops those it
# does not call: most of mini-gmp, which is one file).
archive() {
    local name=$1 out=$2 obj=$CACHE/build/$1
    shift 2
    rm -rf "$obj"
    mkdir -p "$obj"
    local cflags=("${KFLAGS[@]}" -ffunction-sections -fdata-sections
                  -nostdinc -isystem "$CACHE/stage/picolibc/include"
                  -isystem "$(gcc -print-file-name=include)")
    # xargs appends one source file to the flags; the shell splits it off.
    # shellcheck disable=SC2016
    printf '%s\0' "$@" | xargs -0 -n 1 -P "$JOBS" bash -c \
        'src=${!#}; exec gcc "${@:1:$#-1}" -c "$src" -o "$0/$(basename "$src" .c).o"' \
        "$obj" "${cflags[@]}" >"$obj.log" 2>&1 \
        || { tail -n 30 "$obj.log" >&2; die "failed to compile $name (log: $obj.log)"; }
    rm -f "$out"
    ar rcs "$out" "$obj"/*.o
}

# zlib and mini-gmp are rebuilt when picolibc's headers may have changed.
build_zlib() {
    local key srcs=() f
    key="${ZLIB[1]} ${ZLIB_SRCS[*]} sections / $(cat "$STAMPS/picolibc")"
    stamp_ok zlib "$key" "$CACHE/build/libz.a" && return
    say "building zlib"
    for f in "${ZLIB_SRCS[@]}"; do srcs+=("$CACHE/src/zlib/$f.c"); done
    archive zlib "$CACHE/build/libz.a" "${srcs[@]}"
    stamp_set zlib "$key"
}

build_minigmp() {
    local key
    key="${GMP[1]} sections / $(cat "$STAMPS/picolibc")"
    stamp_ok minigmp "$key" "$CACHE/build/libminigmp.a" && return
    say "building mini-gmp"
    archive minigmp "$CACHE/build/libminigmp.a" "$CACHE/src/gmp/mini-gmp/mini-gmp.c"
    stamp_set minigmp "$key"
}

# The nanopb runtime, unpacked alone (the tarball's top folder stripped):
# the generator, tests and examples in the tarball are not needed.
fetch_nanopb() {
    local members=() f
    for f in "${NANOPB_FILES[@]}"; do members+=("*/$f"); done
    source_pkg NANOPB --no-wildcards-match-slash "${members[@]}"
}

install_sysroot() {
    local key
    key="$(cat "$STAMPS/picolibc" "$STAMPS/zlib" "$STAMPS/minigmp")"
    stamp_ok sysroot "$key" "$SYSROOT/lib/libc.a" && return
    say "installing into $SYSROOT"
    rm -rf "$SYSROOT"
    mkdir -p "$SYSROOT/lib"
    cp -R "$CACHE/stage/picolibc/include" "$SYSROOT/include"
    cp "$CACHE/src/zlib/zlib.h" "$CACHE/src/zlib/zconf.h" "$CACHE/src/gmp/mini-gmp/mini-gmp.h" \
        "$SYSROOT/include/"
    cp "$CACHE/stage/picolibc/lib/libc.a" "$CACHE/stage/picolibc/lib/libm.a" \
        "$CACHE/build/libz.a" "$CACHE/build/libminigmp.a" "$SYSROOT/lib/"
    stamp_set sysroot "$key"
}

mkdir -p "$CACHE/dl" "$STAMPS"
# CMake and spore.sh may run this at the same time; one at a time.
exec 9>"$CACHE/.lock"
flock 9
if [ "$MODE" = nanopb ]; then
    need_tools apt-get:apt gzip:gzip
    fetch_nanopb
    echo "$CACHE/src/nanopb"
    exit 0
fi
need_tools
GCC_VERSION=$(gcc -dumpfullversion)
source_pkg PICOLIBC
source_pkg ZLIB
source_pkg GMP '*/mini-gmp/mini-gmp.c' '*/mini-gmp/mini-gmp.h'
fetch_nanopb
build_picolibc
build_zlib
build_minigmp
install_sysroot
echo "$SYSROOT"
