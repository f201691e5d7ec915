#!/usr/bin/env bash
# run_bundle.sh: booting from a module bundle (ctest: bundle_boot).
#   run_bundle.sh --spore SPORE [--work DIR]
#  1. runs a test module (written here, with an .app file) hosted, with
#     SPORE_LOADED listing every file the VM reads and SPORE_MARKS set;
#  2. packs the listed files with `spore bundle --from` and checks --list;
#  3. runs the module again from the bundle (`spore run x.bundle`), from
#     another folder, with SPORE_STDLIB and SPORE_OTP_PATH naming an empty
#     folder: it must print the same, read no file, and mark vm, first,
#     ready in that order; without the bundle the same run must fail;
#  4. a bundle without lists.beam must fail cleanly, and broken bundles
#     (truncated, bad magic, stray bytes, reserved field, duplicate name)
#     must each stop with "spore: bundle: ..." and status 1, never a crash.
# The last line reads "bundle_boot: N passed, N failed".
set -uo pipefail
spore="" work=""
while [ $# -gt 0 ]; do
    case $1 in
        --spore) spore=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
[ -x "$spore" ] || { echo "run_bundle.sh: --spore SPORE is required" >&2; exit 2; }
spore=$(cd "$(dirname "$spore")" && pwd)/$(basename "$spore")
[ -n "$work" ] || work=$(dirname "$spore")/test/bundle
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

# The test module: OTP's stdlib and kernel (lists, maps, io_lib, ets,
# queue, term_to_binary), an application from its .app file with a
# supervisor and a gen_server, and spore:ready/0.
cat > "$work/src/bundle_check.erl" <<'EOF'
-module(bundle_check).
-behaviour(application).
-export([main/0, start/2, stop/1, init/1, handle_call/3, handle_cast/2]).

main() ->
    L = lists:sort([c, a, b]),
    M = maps:from_list([{K, atom_to_list(K)} || K <- L]),
    F = lists:flatten(io_lib:format("~p ~s ~.3f", [M, string:join(["x", "y"], "-"), 1.5])),
    T = ets:new(t, [set]),
    true = ets:insert(T, {k, v}),
    V = ets:lookup(T, k),
    Started = application:ensure_all_started(bundle_check),
    Env = application:get_env(bundle_check, colour),
    Reply = gen_server:call(bundle_check_srv, ping),
    Stopped = application:stop(bundle_check),
    Back = binary_to_term(term_to_binary({L, F})),
    Q = queue:to_list(queue:from_list([1, 2, 3])),
    ok = spore:ready(),
    io:format("~p~n", [{L, F, V, Started, Env, Reply, Stopped, Back, Q}]),
    halt(0).

start(normal, []) -> supervisor:start_link({local, bundle_check_sup}, ?MODULE, sup).
stop(_) -> ok.

init(sup) ->
    Srv = {gen_server, start_link, [{local, bundle_check_srv}, ?MODULE, srv, []]},
    {ok, {#{strategy => one_for_one}, [#{id => srv, start => Srv}]}};
init(srv) -> {ok, 0}.

handle_call(ping, _From, N) -> {reply, {pong, N}, N + 1}.
handle_cast(_, N) -> {noreply, N}.
EOF
cat > "$work/src/bundle_check.app" <<'EOF'
{application, bundle_check,
 [{description, "booting from a bundle"}, {vsn, "1"}, {modules, [bundle_check]},
  {registered, [bundle_check_sup, bundle_check_srv]}, {applications, [kernel, stdlib]},
  {mod, {bundle_check, []}}, {env, [{colour, green}]}]}.
EOF
erlc -o "$work/src" "$work/src/bundle_check.erl" || { echo "run_bundle.sh: erlc failed"; exit 1; }

# 1. hosted, learning which files the program reads
log=$work/hosted.log
run "$log" SPORE_LOADED="$work/loaded" timeout 60 "$spore" run -pa "$work/src" \
    -run bundle_check main
st=$?
if crashed "$log" $st || [ $st -ne 0 ] || ! grep -q '^{\[a,b,c\],' "$log"; then
    fail hosted "the test module did not run (status $st)" "$log"
    echo "bundle_boot: $passed passed, $((failed + 1)) failed (the rest needs the hosted run)"
    exit 1
fi
pass
if grep -q '/bundle_check\.beam$' "$work/loaded" && grep -q '/bundle_check\.app$' "$work/loaded" \
    && grep -q '/init\.beam$' "$work/loaded" && grep -q '/lists\.beam$' "$work/loaded"; then
    pass
else
    fail loaded "SPORE_LOADED misses a file the program read" "$work/loaded"
fi

# 2. packing
log=$work/pack.log
if ! run "$log" "$spore" bundle -o "$work/x.bundle" --from "$work/loaded"; then
    fail pack "spore bundle failed" "$log"
    echo "bundle_boot: $passed passed, $((failed + 1)) failed (the rest needs the bundle)"
    exit 1
fi
pass
run "$work/list.log" "$spore" bundle --list "$work/x.bundle"
st=$?
want=$(sed 's|.*/||' "$work/loaded" | sort -u | wc -l)
got=$(wc -l < "$work/list.log")
if [ $st -ne 0 ] || [ "$got" -ne "$want" ] \
    || ! grep -qE "^ *$(stat -c %s "$work/src/bundle_check.app")  bundle_check\.app$" \
        "$work/list.log"; then
    fail list "--list shows $got entries, not $want (status $st)" "$work/list.log"
else
    pass
fi
# two files with one name are refused
cp "$work/src/bundle_check.app" "$work/elsewhere/"
log=$work/dup.log
run "$log" "$spore" bundle -o "$work/dup.bundle" "$work/src/bundle_check.app" \
    "$work/elsewhere/bundle_check.app"
st=$?
if [ $st -ne 1 ] || ! grep -q 'two files named bundle_check.app' "$log" \
    || [ -e "$work/dup.bundle" ]; then
    fail pack_dup "two files with one name were not refused (status $st)" "$log"
else
    pass
fi

# 3. from the bundle, with no module anywhere else, and from another folder
cd "$work/elsewhere" || exit 1
out=$work/bundle.out err=$work/bundle.err
env -u SPORE_LOADED SPORE_MARKS=1 SPORE_STDLIB="$empty" SPORE_OTP_PATH="$empty" \
    SPORE_LOADED="$work/loaded.bundle" timeout 60 "$spore" run "$work/x.bundle" \
    -run bundle_check main > "$out" 2> "$err"
st=$?
grep -v '^spore: mark ' "$work/hosted.log" > "$work/hosted.out"
if crashed "$err" $st || [ $st -ne 0 ]; then
    fail bundle_run "spore run x.bundle failed (status $st)" "$out"
elif ! diff -u "$work/hosted.out" "$out" > "$work/bundle.diff"; then
    fail bundle_run "the output differs (- hosted, + bundle)" "$work/bundle.diff"
else
    pass
fi
if [ -s "$work/loaded.bundle" ]; then
    fail bundle_files "files were read outside the bundle" "$work/loaded.bundle"
else
    pass
fi
marks=$(sed -n 's/^spore: mark \([a-z]*\) [0-9]*$/\1/p' "$err" | tr '\n' ' ')
if [ "$marks" != "vm first ready " ] \
    || ! sed -n 's/^spore: mark [a-z]* //p' "$err" | sort -c -n 2>/dev/null; then
    fail marks "expected the markers vm, first, ready, in time order" "$err"
else
    pass
fi
log=$work/nobundle.log
run "$log" SPORE_STDLIB="$empty" SPORE_OTP_PATH="$empty" timeout 60 "$spore" run \
    -run bundle_check main
st=$?
if crashed "$log" $st || [ $st -eq 0 ]; then
    fail no_bundle "without the bundle, the run should fail cleanly (status $st)" "$log"
else
    pass
fi

# 4. a bundle that lacks a module the program needs
grep -v '/lists\.beam$' "$work/loaded" > "$work/partial.list"
"$spore" bundle -o "$work/partial.bundle" --from "$work/partial.list" > /dev/null 2>&1
log=$work/partial.log
run "$log" SPORE_STDLIB="$empty" SPORE_OTP_PATH="$empty" timeout 60 "$spore" run \
    "$work/partial.bundle" -run bundle_check main
st=$?
if crashed "$log" $st || [ $st -eq 0 ] || [ $st -eq 124 ]; then
    fail partial "a bundle without lists.beam should fail cleanly (status $st)" "$log"
else
    pass
fi

# broken bundles: each must be refused with its message and status 1
size=$(stat -c %s "$work/x.bundle")
broken() { # NAME MESSAGE-REGEX (the bundle is $work/bad/NAME.bundle)
    local b=$work/bad/$1.bundle log=$work/bad/$1.log st
    run "$log" SPORE_STDLIB="$empty" SPORE_OTP_PATH="$empty" timeout 60 "$spore" run "$b" \
        -run bundle_check main
    st=$?
    if crashed "$log" $st; then
        fail "$1" "crashed (status $st)" "$log"
    elif [ $st -ne 1 ] || ! grep -qE "^spore: bundle: $2\$" "$log"; then
        fail "$1" "expected \"spore: bundle: $2\" and status 1 (status $st)" "$log"
    else
        pass
    fi
}
for n in 0 7 15 16 17 40 $((size / 2)) $((size - 1)); do
    head -c "$n" "$work/x.bundle" > "$work/bad/trunc$n.bundle"
    case $n in
        0 | 7 | 15) msg="truncated header \\($n of 16 bytes\\)" ;;
        16) msg="entry 1: truncated name length" ;;
        *) msg="entry [0-9]+( \\([^)]*\\))?: truncated .*" ;;
    esac
    broken "trunc$n" "$msg"
done
{ printf 'X'; tail -c +2 "$work/x.bundle"; } > "$work/bad/magic.bundle"
broken magic "not a bundle \\(no SPOREBN1 magic\\)"
{ cat "$work/x.bundle"; printf '\0\0\0'; } > "$work/bad/stray.bundle"
broken stray "3 stray bytes after the last entry"
{ head -c 12 "$work/x.bundle"; printf '\1\0\0\0'; tail -c +17 "$work/x.bundle"; } \
    > "$work/bad/reserved.bundle"
broken reserved "reserved header field is 1, not 0"
"$spore" bundle -o "$work/one.bundle" "$work/src/bundle_check.app" > /dev/null 2>&1
{ printf 'SPOREBN1\2\0\0\0\0\0\0\0'; tail -c +17 "$work/one.bundle"; tail -c +17 "$work/one.bundle"; } \
    > "$work/bad/twice.bundle"
broken twice "entry 2 \\(bundle_check\\.app\\): same name as entry 1"

echo "bundle_boot: $passed passed, $failed failed"
[ $failed -eq 0 ]
