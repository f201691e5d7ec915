#!/usr/bin/env bash
# run_image.sh: booting from a program image (app.spore).
#   run_image.sh --spore SPORE [--kernel ELF] [--work DIR]
#  1. runs a test module (written here, with an .app file) hosted with
#     -pa and -run, with SPORE_LOADED listing every file the VM reads;
#  2. packs those files with `spore image` and the module's entry point,
#     and checks `spore image --list`;
#  3. runs the image (`spore run app.spore`, no -run) from another folder
#     with SPORE_STDLIB and SPORE_OTP_PATH naming an empty folder: it must
#     print the same and read no file; the same with entry arguments and
#     boot arguments against `-check_flag yes -run Mod Fun Args`; a -run on
#     the command line wins over the entry point; the magic, not the file
#     name, makes an image;
#  4. an image without lists.beam still runs unsealed (the code path has
#     it) and fails cleanly sealed (nothing is loaded from outside);
#  5. truncated and corrupt images stop with "spore: image: ..." and
#     status 1, never a crash;
#  6. with --kernel (build-xen/spore.elf) and qemu-system-x86_64: the image
#     sealed into the kernel boots under QEMU microvm and prints the same,
#     with -run on the command line and with the entry point alone; kernels
#     without the SPORESEG segment, or sealed already, are refused.
# The last line reads "image_boot: N passed, N failed".
set -uo pipefail
spore="" kernel="" work=""
while [ $# -gt 0 ]; do
    case $1 in
        --spore) spore=$2; shift 2 ;;
        --kernel) kernel=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        *) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
[ -x "$spore" ] || { echo "run_image.sh: --spore SPORE is required" >&2; exit 2; }
spore=$(cd "$(dirname "$spore")" && pwd)/$(basename "$spore")
[ -n "$work" ] || work=$(dirname "$spore")/test/image
rm -rf "$work"
mkdir -p "$work/src" "$work/empty" "$work/elsewhere" "$work/bad"
work=$(cd "$work" && pwd)
empty=$work/empty
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Runs spore with only the environment given (none of the caller's SPORE_*).
run() { # LOG ARGS...
    local log=$1
    shift
    clean_env "$@" > "$log" 2>&1
}
# The same, with no module anywhere but in the image, from another folder.
run_alone() { # LOG ARGS...
    local log=$1
    shift
    (cd "$work/elsewhere" && run "$log" SPORE_STDLIB="$empty" SPORE_OTP_PATH="$empty" "$@")
}
# Compares a run with the hosted one: status 0 and the same output.
# WHAT IMAGE STATUS REGEX WHY: `spore run IMAGE` ends with STATUS (a number,
# or "any" for any but 0), not a crash, and prints a line matching REGEX.
refused_run() {
    local log=$work/$1.log st
    run_alone "$log" timeout 60 "$spore" run "$2"
    st=$?
    if crashed "$log" $st || { [ "$3" = any ] && [ $st -eq 0 ]; } ||
        { [ "$3" != any ] && [ $st -ne "$3" ]; } || ! grep -qE "$4" "$log"; then
        fail "$1" "$5 (status $st)" "$log"
    else
        pass
    fi
}

same() { # WHAT LOG STATUS EXPECTED
    if crashed "$2" "$3" || [ "$3" -ne 0 ]; then
        fail "$1" "status $3" "$2"
    elif ! diff -u "$4" "$2" > "$2.diff"; then
        fail "$1" "the output differs (- hosted, + image)" "$2.diff"
    else
        pass
    fi
}

# The test module: OTP's stdlib (lists, maps, io_lib), an application from
# its .app file (read through spore:read_code_file) with a supervisor and a
# gen_server, and main/1 for the entry point's arguments and a boot flag.
cat > "$work/src/image_check.erl" <<'EOF'
-module(image_check).
-behaviour(application).
-check_attr(kept).
-export([main/0, main/1, other/0, start/2, stop/1, init/1, handle_call/3, handle_cast/2]).

main() ->
    L = lists:sort([c, a, b]),
    M = maps:from_list([{K, atom_to_list(K)} || K <- L]),
    F = lists:flatten(io_lib:format("~p ~s", [M, string:join(["x", "y"], "-")])),
    Started = application:ensure_all_started(image_check),
    Env = application:get_env(image_check, colour),
    Reply = gen_server:call(image_check_srv, ping),
    Stopped = application:stop(image_check),
    %% decoded on first use for a module loaded from an image; the MD5 too
    Attrs = lists:keyfind(behaviour, 1, ?MODULE:module_info(attributes)),
    Compiled = lists:keymember(version, 1, ?MODULE:module_info(compile)),
    Md5 = is_binary(?MODULE:module_info(md5)),
    io:format("~p~n", [{L, F, Started, Env, Reply, Stopped, Attrs, Compiled, Md5}]),
    halt(0).

main(Args) ->
    io:format("~p~n", [{Args, init:get_argument(check_flag)}]),
    halt(0).

other() ->
    io:format("other~n"),
    halt(0).

start(normal, []) -> supervisor:start_link({local, image_check_sup}, ?MODULE, sup).
stop(_) -> ok.

init(sup) ->
    Srv = {gen_server, start_link, [{local, image_check_srv}, ?MODULE, srv, []]},
    {ok, {#{strategy => one_for_one}, [#{id => srv, start => Srv}]}};
init(srv) -> {ok, 0}.

handle_call(ping, _From, N) -> {reply, {pong, N}, N + 1}.
handle_cast(_, N) -> {noreply, N}.
EOF
cat > "$work/src/image_check.app" <<'EOF'
{application, image_check,
 [{description, "booting from a program image"}, {vsn, "1"}, {modules, [image_check]},
  {registered, [image_check_sup, image_check_srv]}, {applications, [kernel, stdlib]},
  {mod, {image_check, []}}, {env, [{colour, green}]}]}.
EOF
erlc -o "$work/src" "$work/src/image_check.erl" || { echo "run_image.sh: erlc failed"; exit 1; }

# 1. hosted, learning which files the program reads (main/0, then main/1)
hosted() { # NAME ARGS...
    local name=$1
    shift
    run "$work/$name.log" SPORE_LOADED="$work/$name.loaded" timeout 60 "$spore" run \
        -pa "$work/src" "$@"
    local st=$?
    if crashed "$work/$name.log" $st || [ $st -ne 0 ]; then
        fail "$name" "the hosted run failed (status $st)" "$work/$name.log"
        echo "image_boot: $passed passed, $((failed + 1)) failed (the rest needs the hosted runs)"
        exit 1
    fi
    pass
}
hosted hosted -run image_check main
hosted hosted_args -check_flag yes -run image_check main x y
grep -q '^{\[a,b,c\],' "$work/hosted.log" || fail hosted "unexpected output" "$work/hosted.log"
cat "$work/hosted.loaded" "$work/hosted_args.loaded" | sort -u > "$work/loaded"

# 2. packing, and the listing
log=$work/pack.log
if ! run "$log" "$spore" image -o "$work/app.spore" --entry image_check:main \
    --service check --memory 32 --from "$work/loaded"; then
    fail pack "spore image failed" "$log"
    echo "image_boot: $passed passed, $((failed + 1)) failed (the rest needs the image)"
    exit 1
fi
pass
run "$work/list.log" "$spore" image --list "$work/app.spore"
st=$?
want=$(sed 's|.*/||' "$work/loaded" | sort -u | wc -l)
got=$(grep -cE '^ +[0-9]+  ' "$work/list.log")
if [ $st -ne 0 ] || [ "$got" -ne "$want" ] || ! grep -qx 'entry image_check:main' "$work/list.log" \
    || ! grep -qx 'service check' "$work/list.log" || ! grep -qx 'memory 32' "$work/list.log" \
    || ! grep -qE "^ *$(stat -c %s "$work/src/image_check.app")  image_check\.app$" \
        "$work/list.log"; then
    fail list "--list shows $got files, not $want, or a wrong manifest (status $st)" \
        "$work/list.log"
else
    pass
fi

# 3. from the image alone, with its entry point
log=$work/alone.log
run_alone "$log" SPORE_LOADED="$work/alone.loaded" timeout 60 "$spore" run "$work/app.spore"
same alone "$log" $? "$work/hosted.log"
if [ -s "$work/alone.loaded" ]; then
    fail alone_files "files were read outside the image" "$work/alone.loaded"
else
    pass
fi
# the same files deflated (as spore build stores them): the same run, and
# a deflated module whose bytes are damaged is reported, not crashed on
run "$work/z.pack.log" "$spore" image -o "$work/z.spore" --deflate --entry image_check:main \
    --service check --memory 32 --from "$work/loaded"
log=$work/z.log
run_alone "$log" timeout 60 "$spore" run "$work/z.spore"
same deflated "$log" $? "$work/hosted.log"
zsize=$(stat -c %s "$work/z.spore") asize=$(stat -c %s "$work/app.spore")
check deflated_smaller "the deflated image is $zsize bytes, not smaller than $asize" \
    test "$zsize" -lt "$asize"
python3 - "$work/z.spore" "$work/z-bad.spore" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
# every deflated file starts with a zlib header (78 da at the best level):
# damage each a little way in
i = b.find(b"\x78\xda", 16)
while i >= 0:
    if i + 40 < len(b):
        b[i + 40] ^= 0x5a
    i = b.find(b"\x78\xda", i + 2)
open(sys.argv[2], "wb").write(b)
PY
refused_run deflated_damaged "$work/z-bad.spore" any \
    '^spore: cannot read image:.*: its deflated bytes are corrupt' \
    "a damaged deflated module: no message"
run "$work/args.pack.log" "$spore" image -o "$work/args.spore" --entry image_check:main \
    --arg x --arg y --boot-arg -check_flag --boot-arg yes --from "$work/loaded"
log=$work/args.log
run_alone "$log" timeout 60 "$spore" run "$work/args.spore"
same entry_args "$log" $? "$work/hosted_args.log"
log=$work/override.log
run_alone "$log" timeout 60 "$spore" run "$work/app.spore" -run image_check other
st=$?
if crashed "$log" $st || [ $st -ne 0 ] || [ "$(cat "$log")" != other ]; then
    fail override "a -run on the command line did not replace the entry point" "$log"
else
    pass
fi
cp "$work/app.spore" "$work/app.img"
log=$work/byname.log
run_alone "$log" timeout 60 "$spore" run "$work/app.img"
same by_magic "$log" $? "$work/hosted.log"

# 4. sealed or not, without lists.beam
grep -v '/lists\.beam$' "$work/loaded" > "$work/partial.list"
run "$work/partial.pack.log" "$spore" image -o "$work/open.spore" --entry image_check:main \
    --from "$work/partial.list"
run "$work/partial.pack.log" "$spore" image -o "$work/sealed.spore" --entry image_check:main \
    --sealed --from "$work/partial.list"
log=$work/open.log
run "$log" timeout 60 "$spore" run "$work/open.spore"
same unsealed_path "$log" $? "$work/hosted.log"
log=$work/sealed.log
run "$log" SPORE_LOADED="$work/sealed.loaded" timeout 60 "$spore" run "$work/sealed.spore"
st=$?
if crashed "$log" $st || [ $st -eq 0 ] || [ $st -eq 124 ]; then
    fail sealed "a sealed image without lists.beam should fail cleanly (status $st)" "$log"
elif [ -s "$work/sealed.loaded" ]; then
    fail sealed_files "a sealed image read files from outside" "$work/sealed.loaded"
else
    pass
fi

# 5. broken images: each is refused with its message and status 1
size=$(stat -c %s "$work/app.spore")
mlen=$(od -An -tu4 -j12 -N4 "$work/app.spore" | tr -d ' ')
broken() { # NAME MESSAGE-REGEX (the image is $work/bad/NAME.spore)
    local b=$work/bad/$1.spore log=$work/bad/$1.log st
    run_alone "$log" timeout 60 "$spore" run "$b"
    st=$?
    if crashed "$log" $st; then
        fail "$1" "crashed (status $st)" "$log"
    elif [ $st -ne 1 ] || ! grep -qE "^spore: image: $2\$" "$log"; then
        fail "$1" "expected \"spore: image: $2\" and status 1 (status $st)" "$log"
    else
        pass
    fi
}
for n in 0 5 8 15 16 $((16 + mlen / 2)) $((16 + mlen)) $((size / 2)) $((size - 1)); do
    head -c "$n" "$work/app.spore" > "$work/bad/trunc$n.spore"
    if [ "$n" -lt 16 ]; then
        msg="truncated header \\($n of 16 bytes\\)"
    elif [ "$n" -lt $((16 + mlen)) ]; then
        msg="truncated manifest \\($mlen bytes, $((n - 16)) left\\)"
    else
        msg="file [0-9]+ \\([^)]*\\): data beyond the end of the image"
    fi
    broken "trunc$n" "$msg"
done
{ printf 'X'; tail -c +2 "$work/app.spore"; } > "$work/bad/magic.spore"
broken magic "not a program image \\(no SPOREIMG magic\\)"
{ head -c 8 "$work/app.spore"; printf '\3\0\0\0'; tail -c +13 "$work/app.spore"; } \
    > "$work/bad/version.spore"
broken version "format version 3 \\(this VM reads versions 1 to 2\\)"
{ head -c 12 "$work/app.spore"; printf '\377\377\377\0'; tail -c +17 "$work/app.spore"; } \
    > "$work/bad/mlen.spore"
broken mlen "truncated manifest \\(16777215 bytes, $((size - 16)) left\\)"
# the first file's record cut short: its name's length byte points past it
{ head -c 16 "$work/app.spore"; printf '\x3a\x01\x0a\x7f'; tail -c +21 "$work/app.spore"; } \
    > "$work/bad/record.spore"
broken record "(manifest|file 1): .*"
# a corrupt image named otherwise is still refused by its magic's reader
cp "$work/bad/version.spore" "$work/bad/version.img"
refused_run version_img "$work/bad/version.img" 1 '^spore: image: format version 3' \
    "expected \"spore: image: format version 3 ...\" and status 1"

# 6. sealed into the kernel, under QEMU microvm
qemu() { # LOG KERNEL APPEND
    timeout -k 5 60 qemu-system-x86_64 -M microvm,memory-backend=mem \
        -object memory-backend-memfd,id=mem,size=16M -m 16 -nographic -no-reboot \
        -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$2" -append "$3" \
        < /dev/null 2>&1 | tr -d '\r' > "$1"
    return "${PIPESTATUS[0]}"
}
if [ -z "$kernel" ]; then
    echo "run_image.sh: no --kernel: the QEMU boots are skipped"
elif [ ! -f "$kernel" ] || ! command -v qemu-system-x86_64 > /dev/null; then
    fail kernel "no kernel at $kernel, or no qemu-system-x86_64"
else
    log=$work/seal.log
    if ! run "$log" "$spore" image --kernel "$kernel" --xen "$work/app.xen" \
        --entry image_check:main --from "$work/loaded"; then
        fail seal "spore image --kernel failed" "$log"
    else
        pass
        for append in "quiet -run image_check main" "quiet -noshell"; do
            log=$work/qemu.log
            qemu "$log" "$work/app.xen" "$append"
            st=$?
            grep -av '^spore: ' "$log" > "$log.out"
            if [ $st -ne 1 ] || ! grep -q '^spore: halt 0$' "$log"; then
                fail qemu "\"$append\": QEMU exited $st, not through halt(0)" "$log"
            elif ! diff -u "$work/hosted.log" "$log.out" > "$log.diff"; then
                fail qemu "\"$append\": the output differs (- hosted, + kernel)" "$log.diff"
            else
                pass
            fi
        done
    fi
    log=$work/reseal.log
    run "$log" "$spore" image --kernel "$work/app.xen" --xen "$work/again.xen" \
        --entry image_check:main "$work/src/image_check.beam"
    st=$?
    if [ $st -ne 1 ] || ! grep -q '^spore: image: .*: already holds an image' "$log"; then
        fail reseal "sealing a sealed kernel should be refused (status $st)" "$log"
    else
        pass
    fi
    empty_elf=$(dirname "$kernel")/empty.elf
    if [ -f "$empty_elf" ]; then
        log=$work/noseg.log
        run "$log" "$spore" image --kernel "$empty_elf" --xen "$work/empty.xen" \
            --entry image_check:main "$work/src/image_check.beam"
        st=$?
        if [ $st -ne 1 ] || ! grep -q 'no load segment starts with SPORESEG' "$log" \
            || [ -e "$work/empty.xen" ]; then
            fail noseg "a kernel without SPORESEG should be refused (status $st)" "$log"
        else
            pass
        fi
    fi
fi

echo "image_boot: $passed passed, $failed failed"
[ $failed -eq 0 ]
