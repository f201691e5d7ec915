#!/usr/bin/env bash
# run_deploy.sh: `spore boot` and `spore deploy` with QEMU microVMs (ctest:
# deploy).
#   run_deploy.sh --spore SPORE --kernel ELF [--work DIR]
#  1. compiles a test module (written here) and makes a kernel image of it
#     with `spore image --xen` (the files a hosted run loaded);
#  2. spore boot: the program's output and halt status come back, the boot
#     summary is printed, --cmdline and -- VMARGS reach the guest, --timeout
#     stops it; a file that is no kernel, a cut one, a missing file, a
#     missing QEMU and a bad option each give one line and status 2;
#  3. spore deploy: three services, one that stays up (receive after
#     infinity), one that crashes once and is restarted, one that halts
#     with 3 and has restart = no; status, the logs, the pid files, peers= on
#     the command line, a second up refused, down (no QEMU left); the same
#     deployment as hosted processes (--hosted);
#  4. deployment files with mistakes: each message with its line number.
# The Xen paths (spore boot --xen, deploy on a Xen host) take 20 s or more
# and are not run here. The last line reads "deploy: N passed, N failed".
set -uo pipefail
spore="" kernel="" work=""
while [ $# -gt 0 ]; do
    case $1 in
        --spore) spore=$2; shift 2 ;;
        --kernel) kernel=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        *) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
[ -x "$spore" ] || { echo "run_deploy.sh: --spore SPORE is required" >&2; exit 2; }
[ -f "$kernel" ] || { echo "run_deploy.sh: --kernel ELF is required" >&2; exit 2; }
command -v qemu-system-x86_64 > /dev/null || { echo "run_deploy.sh: no QEMU" >&2; exit 2; }
# by its path: one test runs spore with a PATH that has no QEMU
timeout=$(command -v timeout)
spore=$(cd "$(dirname "$spore")" && pwd)/$(basename "$spore")
[ -n "$work" ] || work=$(dirname "$spore")/test/deploy
rm -rf "$work"
mkdir -p "$work/src" "$work/empty"
work=$(cd "$work" && pwd)
FAIL_LINES=20
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# expect WHAT FILE REGEX: FILE has a line matching REGEX (grep -E)
expect() {
    if grep -qE -- "$3" "$2"; then pass; else fail "$1" "no line matches '$3'" "$2"; fi
}

# --- 1. the test module and its image ------------------------------------------

cat > "$work/src/deploy_check.erl" <<'EOF'
-module(deploy_check).
-export([hello/0, fail/0, stay/0, flaky/1]).

hello() ->
    io:format("deploy_check: hello ~p~n", [lists:sum([1, 2, 3])]),
    halt().

fail() ->
    io:format("deploy_check: failing~n"),
    halt(3).

stay() ->
    io:format("deploy_check: staying~n"),
    receive after infinity -> ok end.

%% Crashes once: before the time Until (seconds), it waits until a second
%% after it and crashes the kernel (halt(abort)); the restarted run comes
%% after Until and stays. (The guest's clock may lag the host's by up to a
%% second.)
flaky([Until]) ->
    Now = erlang:system_time(second),
    case Now < list_to_integer(Until) of
        true ->
            io:format("deploy_check: flaky, failing soon~n"),
            receive after (list_to_integer(Until) - Now + 1) * 1000 -> ok end,
            erlang:halt(abort);
        false ->
            io:format("deploy_check: flaky, up~n"),
            receive after infinity -> ok end
    end.
EOF
erlc -o "$work/src" "$work/src/deploy_check.erl" || { echo "run_deploy.sh: erlc failed"; exit 1; }
(cd "$work/src" && env -u SPORE_STDLIB -u SPORE_OTP_PATH SPORE_LOADED="$work/loaded" \
    timeout 60 "$spore" run -pa "$work/src" -run deploy_check hello > "$work/hosted.out" 2>&1)
if ! grep -q '^deploy_check: hello 6$' "$work/hosted.out"; then
    fail hosted "the test module did not run hosted" "$work/hosted.out"
    echo "deploy: $passed passed, $failed failed (the rest needs it)"
    exit 1
fi
img=$work/dc.xen
if ! "$spore" image -o "$work/dc.spore" --xen "$img" --kernel "$kernel" --from "$work/loaded" \
    > "$work/image.log" 2>&1; then
    fail image "spore image --xen failed" "$work/image.log"
    echo "deploy: $passed passed, $failed failed (the rest needs the image)"
    exit 1
fi
pass

# --- 2. spore boot ---------------------------------------------------------------

boot() { # NAME ARGS...: runs spore boot, NAME.out and NAME.err, sets st
    local name=$1
    shift
    PATH=${BOOT_PATH:-$PATH} "$timeout" 60 "$spore" boot "$@" > "$work/$name.out" 2> "$work/$name.err" < /dev/null
    st=$?
}
boot hello "$img" -- -run deploy_check hello
if [ $st -ne 0 ]; then fail boot_hello "status $st, not 0" "$work/hello.err"; else pass; fi
expect boot_hello "$work/hello.out" '^deploy_check: hello 6$'
expect boot_hello "$work/hello.out" '^spore: halt 0$'
expect boot_summary "$work/hello.err" \
    '^boot: entry→memory [0-9.]+ m?s, →vm [0-9.]+ m?s, →first instruction [0-9.]+ m?s, →exit [0-9.]+ m?s; QEMU launch to first line [0-9.]+ m?s'
boot fail "$img" --mem 32 --cmdline "quiet -run deploy_check fail"
if [ $st -ne 3 ]; then fail boot_status "halt(3) gave status $st" "$work/fail.err"; else pass; fi
expect boot_quiet "$work/fail.out" '^deploy_check: failing$'
if grep -q '^spore: mark' "$work/fail.out"; then
    fail boot_quiet "quiet on --cmdline did not reach the kernel" "$work/fail.out"
else
    pass
fi
boot timeout "$img" --timeout 2 -- -run deploy_check stay
if [ $st -ne 124 ]; then fail boot_timeout "status $st, not 124" "$work/timeout.err"; else pass; fi
expect boot_timeout "$work/timeout.out" '^deploy_check: staying$'

# one clear line and status 2
bad_boot() { # NAME REGEX ARGS...
    local name=$1 re=$2
    shift 2
    boot "$name" "$@"
    if [ $st -ne 2 ] || [ "$(wc -l < "$work/$name.err")" -ne 1 ] ||
        ! grep -qE -- "$re" "$work/$name.err"; then
        fail "$name" "expected one line matching '$re' and status 2 (status $st)" \
            "$work/$name.err"
    else
        pass
    fi
}
bad_boot boot_not_kernel '^spore boot: .*/dc\.spore is not a spore kernel \(not an ELF file\)$' \
    "$work/dc.spore"
head -c 600000 "$img" > "$work/cut.xen"
bad_boot boot_cut '^spore boot: .*/cut\.xen is not a whole ELF file' "$work/cut.xen"
bad_boot boot_missing '^spore boot: cannot read .*/nothing\.xen: No such file or directory$' \
    "$work/nothing.xen"
BOOT_PATH=$work/empty bad_boot boot_no_qemu '^spore boot: qemu-system-x86_64 is not installed' "$img"
bad_boot boot_usage '^spore boot: unknown option' "$img" --bogus

# --- 3. spore deploy ---------------------------------------------------------------

until=$(($(date +%s) + 2))
cat > "$work/shop.deploy" <<EOF
# three services of one image
[service stay]
image = dc.xen
memory = 32
args = -run deploy_check stay

[service flaky]
image = dc.xen
args = -run deploy_check flaky $until
talks_to = stay, once
restart = yes

[service once]
image = dc.xen
memory = 16
args = -run deploy_check fail
EOF
state=$work/.spore-deploy
deploy() { # NAME ARGS...: NAME.out, NAME.err, st
    local name=$1
    shift
    "$timeout" 60 "$spore" deploy "$@" > "$work/$name.out" 2> "$work/$name.err" < /dev/null
    st=$?
}
cleanup() {
    "$spore" deploy down "$work/shop.deploy" > /dev/null 2>&1
    "$spore" deploy down --state "$work/hosted" "$work/shop.deploy" > /dev/null 2>&1
}
trap cleanup EXIT

deploy up up "$work/shop.deploy"
if [ $st -ne 0 ]; then fail deploy_up "status $st" "$work/up.err"; else pass; fi
expect deploy_up "$work/up.out" "^stay: running, pid [0-9]+, log $state/stay\\.log$"
expect deploy_up "$work/up.out" "^flaky: running, pid [0-9]+, log $state/flaky\\.log$"
# the pid files name live processes
for s in stay flaky; do
    if [ -s "$state/$s.pid" ] && kill -0 "$(cat "$state/$s.pid")" 2> /dev/null; then
        pass
    else
        fail deploy_pid "no live process in $state/$s.pid" "$state/$s.log"
    fi
done
# a second up is refused while it runs
deploy up2 up "$work/shop.deploy"
if [ $st -ne 1 ] || ! grep -q '^spore deploy: stay runs already' "$work/up2.err"; then
    fail deploy_up_twice "a second up was not refused (status $st)" "$work/up2.err"
else
    pass
fi

# flaky crashes once (about 3 s in), is restarted and stays; once ends for good
for _ in $(seq 1 150); do
    grep -q 'deploy_check: flaky, up' "$state/flaky.log" 2> /dev/null &&
        grep -q 'exited 3$' "$state/once.log" 2> /dev/null && break
    sleep 0.1
done
deploy status status "$work/shop.deploy"
if [ $st -ne 1 ]; then fail deploy_status "status $st, not 1 (once is down)" "$work/status.out"; else pass; fi
expect deploy_status "$work/status.out" '^SERVICE +STATE +PID/DOMID +UPTIME +LOG$'
expect deploy_status "$work/status.out" \
    "^stay +running +[0-9]+ +[0-9.]+s +$state/stay\\.log$"
expect deploy_restart "$work/status.out" \
    "^flaky +running, restarted 1 time +[0-9]+ +[0-9.]+s +$state/flaky\\.log$"
expect deploy_exited "$work/status.out" "^once +exited 3 +- +- +$state/once\\.log$"
expect deploy_log "$state/flaky.log" '^spore deploy: [0-9:]+ flaky: crashed: restarting it \(restart 1\)$'
expect deploy_log "$state/flaky.log" '^deploy_check: flaky, failing soon$'
expect deploy_peers "$state/flaky.log" 'command line "peers=stay,once -run deploy_check flaky [0-9]+"'
expect deploy_peers "$state/stay.log" 'command line "-run deploy_check stay"'

pids="$(cat "$state/stay.pid" "$state/flaky.pid" 2> /dev/null)"
deploy down down "$work/shop.deploy"
if [ $st -ne 0 ]; then fail deploy_down "status $st" "$work/down.err"; else pass; fi
expect deploy_down "$work/down.out" '^stay: stopped$'
expect deploy_down "$work/down.out" '^flaky: stopped$'
expect deploy_down "$work/down.out" '^once: was not running$'
left=""
for p in $pids; do kill -0 "$p" 2> /dev/null && left="$left $p"; done
if [ -n "$left" ] || [ -e "$state/stay.pid" ]; then
    fail deploy_down "processes left:$left" "$work/down.out"
else
    pass
fi
deploy status2 status "$work/shop.deploy"
expect deploy_stopped "$work/status2.out" '^stay +stopped +- +- '
expect deploy_stopped "$work/status2.out" '^flaky +stopped, restarted 1 time +- +- '

# the same services as hosted processes (program = FILE.spore)
sed -e 's/^image = dc.xen$/program = dc.spore/' \
    -e "s/flaky [0-9]*\$/flaky $(($(date +%s) - 10))/" "$work/shop.deploy" > "$work/hosted.deploy"
deploy hup up --hosted --state "$work/hosted" "$work/hosted.deploy"
if [ $st -ne 0 ]; then fail deploy_hosted "status $st" "$work/hup.err"; else pass; fi
for _ in $(seq 1 100); do
    grep -q 'deploy_check: staying' "$work/hosted/stay.log" 2> /dev/null && break
    sleep 0.1
done
deploy hstatus status --state "$work/hosted" "$work/hosted.deploy"
expect deploy_hosted "$work/hstatus.out" '^stay +running +[0-9]+ '
expect deploy_hosted "$work/hosted/stay.log" '^deploy_check: staying$'
deploy hdown down --state "$work/hosted" "$work/hosted.deploy"
expect deploy_hosted "$work/hdown.out" '^stay: stopped$'

# --- 4. mistakes in a deployment file ------------------------------------------------

cat > "$work/bad.deploy" <<'EOF'
memory = 16
[service calc]
image = dc.xen
memory = lots
restart = maybe
colour = blue
image = other.xen
talks_to = db, calc
no equals sign
[server x]
[service 9lives]
[service calc]
[service ring]
type = hvm
EOF
deploy bad check "$work/bad.deploy"
if [ $st -ne 2 ]; then fail deploy_parse "status $st, not 2" "$work/bad.err"; else pass; fi
f=$work/bad.deploy
while IFS= read -r want; do
    if grep -qxF -- "$want" "$work/bad.err"; then pass; else fail deploy_parse "missing: $want" "$work/bad.err"; fi
done <<EOF
$f:1: 'memory' outside any [service NAME] section
$f:4: memory is in MiB, 2 to 1048576, not 'lots'
$f:5: restart is yes or no, not 'maybe'
$f:6: unknown key 'colour' (keys: image, program, memory, args, talks_to, restart, type)
$f:7: image is given twice in service calc (first on line 3)
$f:9: expected 'key = value' or '[service NAME]'
$f:10: unknown section [server x]: sections are [service NAME]
$f:11: bad service name '9lives': a letter, then letters, digits, '_' or '-', at most 32
$f:12: service calc is defined twice (first on line 2)
$f:14: type is pvh or pv, not 'hvm'
$f:8: talks_to: db is no service of this file
$f:8: talks_to: service calc names itself
$f:13: service ring has no image = FILE.xen (nor program = FILE.spore)
EOF
printf '# nothing\n' > "$work/none.deploy"
deploy none up "$work/none.deploy"
if [ $st -ne 2 ] || ! grep -qxF "$work/none.deploy: no services: add a [service NAME] section" \
    "$work/none.err"; then
    fail deploy_empty "an empty deployment was not refused (status $st)" "$work/none.err"
else
    pass
fi
printf '[service a]\nimage = dc.spore\n' > "$work/notkernel.deploy"
deploy notkernel up --local "$work/notkernel.deploy"
if [ $st -ne 1 ] || ! grep -qE "^$work/notkernel.deploy:2: service a: .*is not a spore kernel" \
    "$work/notkernel.err" || [ -e "$state/a.state" ]; then
    fail deploy_not_kernel "an image that is no kernel was not refused (status $st)" \
        "$work/notkernel.err"
else
    pass
fi

echo "deploy: $passed passed, $failed failed"
[ $failed -eq 0 ]
