#!/usr/bin/env bash
# get-xen.sh: the Xen hypervisor the Xen tests boot under QEMU.
#   test/xen/get-xen.sh CACHE
# Downloads Debian's xen-hypervisor-4.17-amd64 without installing it (apt-get
# download, dpkg-deb -x into CACHE/xen-pkg) and writes its image uncompressed
# as CACHE/xen-4.17-amd64: QEMU's multiboot loader takes a plain 32-bit ELF,
# not the .gz that the package ships. Installs qemu-system-x86 when
# qemu-system-x86_64 is missing. A second run returns at once.
set -euo pipefail

[ $# -eq 1 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
mkdir -p "$1"
CACHE=$(cd "$1" && pwd)
XEN=$CACHE/xen-4.17-amd64

# apt-get download, then once more after 'apt-get update' when the package
# lists are missing or stale (a fresh machine has none). As root, apt warns
# that the download is unsandboxed unless told to stay root.
apt_download() { # DIR PACKAGE...
    local dir=$1
    shift
    (cd "$dir" && apt-get -qq -o APT::Sandbox::User=root download "$@") && return
    apt-get -qq update
    (cd "$dir" && apt-get -qq -o APT::Sandbox::User=root download "$@")
}

is_elf() { [ -f "$1" ] && [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ]; }

if ! command -v qemu-system-x86_64 > /dev/null; then
    apt-get -qq update
    DEBIAN_FRONTEND=noninteractive apt-get -qq install -y --no-install-recommends qemu-system-x86
fi
is_elf "$XEN" && exit 0

# Two tests started together may both get here: the second waits, then finds
# the image made.
exec 9> "$CACHE/.get-xen.lock"
flock 9
is_elf "$XEN" && exit 0

mkdir -p "$CACHE/debs"
rm -f "$CACHE"/debs/xen-hypervisor-4.17-amd64_*.deb
apt_download "$CACHE/debs" xen-hypervisor-4.17-amd64
rm -rf "$CACHE/xen-pkg"
dpkg-deb -x "$CACHE"/debs/xen-hypervisor-4.17-amd64_*.deb "$CACHE/xen-pkg"
gz=$(ls "$CACHE"/xen-pkg/boot/xen-4.17-amd64.gz)
zcat "$gz" > "$XEN.tmp"
is_elf "$XEN.tmp" || { echo "get-xen.sh: $gz did not unpack to an ELF image" >&2; exit 1; }
mv "$XEN.tmp" "$XEN"
dpkg-deb -f "$CACHE"/debs/xen-hypervisor-4.17-amd64_*.deb Version > "$XEN.version"
echo "get-xen.sh: $XEN ($(cat "$XEN.version"))"
