#!/usr/bin/env bash
# mkdom0.sh: the Linux dom0 that creates the domUs of the Xen tests with xl.
#   test/xen/mkdom0.sh CACHE
# Builds, from Debian packages downloaded into CACHE/dom0/debs and unpacked
# with dpkg-deb (nothing is installed on this machine):
#   CACHE/dom0/vmlinux       Debian's Linux 6.1 kernel as a plain ELF
#   CACHE/dom0/base.cpio.gz  busybox, xl, xenstored, xenconsoled,
#                            xen-init-dom0, their libraries, five Xen modules
#                            and test/xen/dom0-init as /init
#   CACHE/dom0/busybox       the static busybox, for dom0-pack.sh
# The guests are appended to a copy of base.cpio.gz by dom0-pack.sh. A second
# run returns at once unless this script or dom0-init changed. DOM0_KERNEL=
# linux-image-6.1.0-N-amd64 picks the kernel package (default: the one that
# Debian's linux-image-amd64 depends on now).
set -euo pipefail

[ $# -eq 1 ] || { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$1/dom0"
D=$(cd "$1/dom0" && pwd)
BASE=$D/base.cpio.gz
STAMP=$D/stamp

# Inputs of the build: when they are unchanged the outputs are up to date.
want=$(cat "$HERE/mkdom0.sh" "$HERE/dom0-init" | sha256sum | cut -d' ' -f1)
up_to_date() {
    [ -s "$BASE" ] && [ -s "$D/vmlinux" ] && [ -x "$D/busybox" ] && [ -f "$STAMP" ] &&
        [ "$(head -n 1 "$STAMP")" = "$want" ]
}
up_to_date && exit 0
# Tests started together wait for one build instead of racing in one folder.
exec 9> "$D/.lock"
flock 9
up_to_date && exit 0

# Xen tools and what they link, busybox, and the dom0 kernel. libgcc-s1 is
# not linked by anything: glibc loads libgcc_s.so.1 when xl cancels a thread,
# and xl aborts without it.
PKGS="xen-utils-4.17 xenstore-utils busybox-static libc6 libgcc-s1 libyajl2
      libxenmisc4.17 libxenstore4 libxencall1 libxendevicemodel1 libxenevtchn1
      libxenforeignmemory1 libxengnttab1 libxenhypfs1 libxentoolcore1
      libxentoollog1 liblzma5 libuuid1 libzstd1 zlib1g"
TOOLS="usr/lib/xen-4.17/bin/xl usr/lib/xen-4.17/bin/xenstored
       usr/lib/xen-4.17/bin/xenconsoled usr/lib/xen-4.17/bin/xen-init-dom0
       usr/lib/xen-4.17/bin/xenconsole usr/bin/xenstore"
# The order is the load order: xenfs needs xen-privcmd.
MODULES="xen-evtchn xen-gntdev xen-gntalloc xen-privcmd xenfs"

apt_download() { # DIR PACKAGE...
    local dir=$1
    shift
    (cd "$dir" && apt-get -qq -o APT::Sandbox::User=root download "$@") && return
    apt-get -qq update
    (cd "$dir" && apt-get -qq -o APT::Sandbox::User=root download "$@")
}

# The kernel package: the one linux-image-amd64 depends on is the newest that
# the archive still carries (older ABI numbers disappear from the mirrors).
kernel_package() {
    local pkg
    if [ -n "${DOM0_KERNEL:-}" ]; then echo "$DOM0_KERNEL"; return; fi
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
        sed -n 's/^ *Depends: \(linux-image-6\.1\.[0-9.-]*-amd64\)$/\1/p' | head -n 1)
    [ -n "$pkg" ] || pkg=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-amd64$' |
        cut -d' ' -f1 | sort -V | tail -n 1)
    [ -n "$pkg" ] || { echo "mkdom0.sh: apt knows no linux-image-6.1.0-*-amd64" >&2; return 1; }
    echo "$pkg"
}

# --- download and unpack ----------------------------------------------------

mkdir -p "$D/debs"
missing=()
for p in $PKGS; do
    ls "$D/debs/${p}_"*.deb > /dev/null 2>&1 || missing+=("$p")
done
if ! ls "$D"/debs/linux-image-6.1.*.deb > /dev/null 2>&1; then
    apt-cache policy linux-image-amd64 2>/dev/null | grep -q Candidate || apt-get -qq update
    missing+=("$(kernel_package)")
fi
[ ${#missing[@]} -eq 0 ] || apt_download "$D/debs" "${missing[@]}"

X=$D/x
rm -rf "$X"
mkdir -p "$X"
for p in $PKGS; do dpkg-deb -x "$(ls "$D/debs/${p}_"*.deb | head -n 1)" "$X"; done
# Of the kernel package (400 MB unpacked) only the image and the Xen modules.
kdeb=$(ls "$D"/debs/linux-image-6.1.*.deb | head -n 1)
dpkg-deb --fsys-tarfile "$kdeb" |
    tar -x -C "$X" --wildcards './boot/vmlinuz-*' './lib/modules/*/kernel/drivers/xen/*'
KVER=$(basename "$(ls "$X"/boot/vmlinuz-*)")
KVER=${KVER#vmlinuz-}

# --- the kernel as an ELF ----------------------------------------------------

# Xen loads a PV dom0 from the ELF inside the bzImage; handing it the plain
# vmlinux spares it unpacking the xz payload, which takes 2.5 s under TCG.
# The payload's place is in the bzImage setup header (boot protocol 2.08+).
python3 - "$X/boot/vmlinuz-$KVER" "$D/vmlinux.tmp" <<'EOF'
import gzip, lzma, struct, sys
img = open(sys.argv[1], "rb").read()
setup_sects = img[0x1f1] or 4
offset, length = struct.unpack_from("<II", img, 0x248)
start = (setup_sects + 1) * 512 + offset
payload = img[start:start + length]
if payload.startswith(b"\xfd7zXZ\x00"):
    elf = lzma.LZMADecompressor().decompress(payload)
elif payload.startswith(b"\x1f\x8b"):
    elf = gzip.decompress(payload)
else:
    sys.exit("mkdom0.sh: unknown compression of the kernel payload: %r" % payload[:6])
if not elf.startswith(b"\x7fELF"):
    sys.exit("mkdom0.sh: the kernel payload is not an ELF image")
open(sys.argv[2], "wb").write(elf)
EOF
mv "$D/vmlinux.tmp" "$D/vmlinux"

# --- the root file system -----------------------------------------------------

R=$D/root
rm -rf "$R"
mkdir -p "$R"/{bin,dev,proc,sys,tmp,run,etc/xen,lib64,lib/modules,guests} \
    "$R"/var/{lock,run/xen,run/xenstored,lib/xen,log/xen/console} \
    "$R"/usr/lib/xen-4.17/bin "$R"/usr/bin "$R"/lib/x86_64-linux-gnu

# The file that PATH names inside the unpacked tree, following symbolic links
# there rather than on this machine (libc6's /lib64 link is absolute).
in_tree() { # PATH
    local p=$1 t n=0
    while [ -L "$X$p" ] && [ $n -lt 16 ]; do
        t=$(readlink "$X$p")
        case $t in /*) p=$t ;; *) p=$(dirname "$p")/$t ;; esac
        n=$((n + 1))
    done
    [ -f "$X$p" ] && echo "$X$p"
}

# Copies the libraries FILE needs, and theirs, from the unpacked packages.
LIBDIRS="/lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu"
add_libs() { # FILE
    local lib dir src
    for lib in $(readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
        [ -e "$R/lib/x86_64-linux-gnu/$lib" ] && continue
        src=""
        for dir in $LIBDIRS; do
            src=$(in_tree "$dir/$lib") && break
        done
        [ -n "$src" ] || { echo "mkdom0.sh: $lib (needed by $1) is in no package of PKGS" >&2; exit 1; }
        cp "$src" "$R/lib/x86_64-linux-gnu/$lib"
        add_libs "$src"
    done
}

cp "$X/bin/busybox" "$R/bin/"
for t in $TOOLS; do
    src=$(in_tree "/$t") || { echo "mkdom0.sh: /$t is in no package of PKGS" >&2; exit 1; }
    cp "$src" "$R/$t"
    add_libs "$src"
done
for l in xenstore-read xenstore-write xenstore-ls xenstore-list; do ln -s xenstore "$R/usr/bin/$l"; done
cp "$(in_tree /lib64/ld-linux-x86-64.so.2)" "$R/lib64/"
cp "$(in_tree /lib/x86_64-linux-gnu/libgcc_s.so.1)" "$R/lib/x86_64-linux-gnu/"
for m in $MODULES; do
    src=$(find "$X/lib/modules/$KVER/kernel/drivers/xen" -name "$m.ko*" | head -n 1)
    [ -n "$src" ] || { echo "mkdom0.sh: no module $m in $kdeb" >&2; exit 1; }
    case $src in
        *.ko.xz) xz -dc "$src" > "$R/lib/modules/$m.ko" ;;
        *) cp "$src" "$R/lib/modules/$m.ko" ;;
    esac
done
: > "$R/etc/xen/xl.conf"
cp "$HERE/dom0-init" "$R/init"
chmod 755 "$R/init"

# busybox stays beside the archive: dom0-pack.sh packs with it (this machine
# may have no cpio). The unpacked trees are not needed any more.
cp "$X/bin/busybox" "$D/busybox"
(cd "$R" && find . | sort | "$D/busybox" cpio -o -H newc 2> /dev/null | gzip -6) > "$BASE.tmp"
mv "$BASE.tmp" "$BASE"
rm -rf "$X" "$R"
{
    echo "$want"
    echo "kernel $(basename "$kdeb")"
    for p in xen-utils-4.17 busybox-static libc6; do basename "$(ls "$D/debs/${p}_"*.deb)"; done
} > "$STAMP"
echo "mkdom0.sh: $BASE ($(du -k "$BASE" | cut -f1) KiB), vmlinux of $KVER"
