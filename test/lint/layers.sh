#!/usr/bin/env bash
# layers.sh: the include rules that keep vm/plat.h the only door between the
# VM and a platform.
#  - hosted/ and xen/ include nothing of ours but vm/plat.h and image/'s
#    formats (files of their own folder excepted) and no lwIP;
#  - vm/, sched/, bif/, netstack/ include nothing from hosted/ or xen/;
#  - only netstack/ includes lwIP, and of netstack/ the rest sees net.h only
#    (bif/ alone may include it).
# Only quoted includes ("...") are ours; <...> are the system's.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
bad=0

# Prints "file:line:target" for every quoted include in the given folders.
includes() {
    local d
    for d in "$@"; do
        [ -d "$d" ] || continue
        find "$d" -name lwip -prune -o \( -name '*.c' -o -name '*.h' -o -name '*.S' \) -print
    done | sort | while read -r f; do
        grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" \
            | sed "s|^\([0-9]*\):.*\"\(.*\)\".*|$f:\1:\2|" || true
    done
}

# The folder an include resolves to, from the including file's folder.
resolve() {
    local dir=$1 target=$2 path
    if [ -e "$dir/$target" ]; then
        path=$(realpath -m --relative-to="$ROOT" "$dir/$target")
    else
        path=$(realpath -m --relative-to="$ROOT" "$ROOT/$target")
    fi
    echo "$path"
}

violation() { echo "layers: $1: includes $2: $3"; bad=1; }

while IFS=: read -r f line target; do
    p=$(resolve "$(dirname "$f")" "$target")
    top=${f%%/*}
    case "$p" in
        vm/plat.h|image/*.h) ;;
        "$top"/*) ;;
        *) violation "$f:$line" "$target" "a platform sees only vm/plat.h and image/" ;;
    esac
done < <(includes hosted xen)

while IFS=: read -r f line target; do
    p=$(resolve "$(dirname "$f")" "$target")
    top=${f%%/*}
    case "$p" in
        hosted/*|xen/*) violation "$f:$line" "$target" "the VM never sees a platform" ;;
        */lwip/*|lwip/*|netstack/lwip*)
            [ "$top" = netstack ] || violation "$f:$line" "$target" "only netstack/ sees lwIP" ;;
        netstack/net.h)
            case "$top" in bif|netstack) ;;
                *) violation "$f:$line" "$target" "only bif/ uses netstack/net.h" ;; esac ;;
        netstack/*)
            [ "$top" = netstack ] || violation "$f:$line" "$target" "netstack/ shows only net.h" ;;
    esac
done < <(includes vm sched bif netstack tools)

if [ $bad -ne 0 ]; then
    exit 1
fi
echo "layers: include rules hold"
