#!/usr/bin/env bash
# dom0-pack.sh: the initramfs of one dom0 boot: the base that mkdom0.sh made,
# followed by the files of GUESTDIR under /guests.
#   test/xen/dom0-pack.sh CACHE OUT.cpio.gz GUESTDIR
# GUESTDIR holds what the boot runs: kernels, bundles, xl configs and run.sh,
# which dom0-init starts. Linux unpacks gzip'd newc archives laid back to
# back one after the other, so only the guests are packed here: a second
# or so less per test than packing the whole dom0 again.
set -euo pipefail

[ $# -eq 3 ] || { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
CACHE=$1 OUT=$2 GUESTS=$3
BASE=$CACHE/dom0/base.cpio.gz
BB=$CACHE/dom0/busybox
if [ ! -s "$BASE" ] || [ ! -x "$BB" ]; then
    echo "dom0-pack.sh: no dom0 in $CACHE: run mkdom0.sh first" >&2
    exit 1
fi
[ -d "$GUESTS" ] || { echo "dom0-pack.sh: $GUESTS is not a folder" >&2; exit 1; }

# The archive's names must start with guests/, and busybox cpio takes them
# from the working folder: stage a copy (links followed) beside OUT.
mkdir -p "$(dirname "$OUT")"
stage=$(mktemp -d "$(dirname "$OUT")/.pack.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/guests"
cp -RL "$GUESTS/." "$stage/guests/"
{
    cat "$BASE"
    (cd "$stage" && find guests | sort | "$BB" cpio -o -H newc 2> /dev/null | gzip -1)
} > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
