#!/usr/bin/env bash
# run_xen.sh: boots the kernel under QEMU (TCG) the ways it ships and checks
# what it prints.
#   test/xen/run_xen.sh [options] SCENARIO...
# Scenarios (several may be given; each prints PASS or FAIL lines):
#   bare      the kernel as a bare PVH guest of QEMU microvm; the status it
#             writes to isa-debug-exit comes back as QEMU's, (S << 1) | 1
#   dom0-pv   Xen 4.17 with the kernel as its PV dom0
#   dom0-pvh  Xen 4.17 with the kernel as its PVH dom0
#   domu      Xen 4.17 and a Linux dom0 that creates with xl, in one boot:
#             a PV and a PVH domU of the kernel (results domu-pv, domu-pvh),
#             then the cross-domain event channel and grant test between two
#             PVH domUs (domu-xtest)
# The kernel runs with --cmdline after the platform options the scenario
# needs (exit=..., xtest=...); the bundle is its boot module. A guest passes
# when it printed something, did not crash, halted with --status (unless
# --no-halt), printed what --expect holds (lines that begin "spore: " left
# out) and has a line matching each --grep; every domU must match --grep-all.
# The last line reads "run_xen: N passed, N failed"; exit status 0 only when
# all passed, 2 on misuse.
set -euo pipefail
# bytes, not characters: the guest may print any byte
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/test/xen
KERNEL=$ROOT/build-xen/spore.elf
BUNDLE=""
CACHE=$ROOT/.cache/xen
WORK=$ROOT/build-xen/test/xen
CMDLINE=""
XTEST_CMDLINE=""
XTEST_CMDLINE_SET=0
EXPECT=""
GREPS=()
GREP_ALL=()
STATUS=0
HALT=1
MEM=64
TIMEOUT=""
XTEST=xtest
XTEST_CLIENT=""
XTEST_DONE=""
DO_XTEST=1
XEN_ARGS=""
ECHO=()

usage() {
    sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
    cat <<EOF
Options:
  --kernel ELF        the kernel (default: build-xen/spore.elf)
  --bundle FILE       its boot module, the Erlang modules (default: none)
  --cmdline "..."     platform options, then the VM's arguments
  --expect FILE       the program's output, line by line
  --grep REGEX        a line of the guest must match (grep -E); repeatable
  --grep-all REGEX    a line of every domU must match, xtest pair included
  --status N          the status of 'spore: halt' (default 0); bare: QEMU's
                      exit status must be (N << 1) | 1
  --no-halt           do not ask for a 'spore: halt' line
  --mem MIB           memory of the guest (dom0 or each domU, default 64)
  --timeout S         seconds for each QEMU run (default: bare 30, dom0 60,
                      domu 300)
  --cache DIR         downloads and the Linux dom0 (default: .cache/xen)
  --work DIR          logs and images, one folder per scenario
                      (default: build-xen/test/xen)
  --xtest-cmdline "..."  what the xtest domUs run after their xtest
                      options (default: --cmdline)
  --xtest-key WORD    the option and line prefix of the xtest (default xtest)
  --xtest-client RE   the client's line (default: 'WORD: client read')
  --xtest-done RE     the server's last line (default: 'WORD: server got')
  --no-xtest          domu: leave out the xtest pair
  --xen-args "..."    more options for Xen's command line
  -v, --verbose       copy the serial console to stdout as it comes
EOF
}

die() { echo "run_xen.sh: $*" >&2; exit 2; }

SCENARIOS=()
while [ $# -gt 0 ]; do
    case $1 in
        --kernel) KERNEL=$2; shift 2 ;;
        --bundle) BUNDLE=$2; shift 2 ;;
        --cache) CACHE=$2; shift 2 ;;
        --work) WORK=$2; shift 2 ;;
        --cmdline) CMDLINE=$2; shift 2 ;;
        --xtest-cmdline) XTEST_CMDLINE=$2; XTEST_CMDLINE_SET=1; shift 2 ;;
        --expect) EXPECT=$2; shift 2 ;;
        --grep) GREPS+=("$2"); shift 2 ;;
        --grep-all) GREP_ALL+=("$2"); shift 2 ;;
        --status) STATUS=$2; shift 2 ;;
        --no-halt) HALT=0; shift ;;
        --mem) MEM=$2; shift 2 ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        --xtest-key) XTEST=$2; shift 2 ;;
        --xtest-client) XTEST_CLIENT=$2; shift 2 ;;
        --xtest-done) XTEST_DONE=$2; shift 2 ;;
        --no-xtest) DO_XTEST=0; shift ;;
        --xen-args) XEN_ARGS=$2; shift 2 ;;
        -v|--verbose) ECHO=(--echo); shift ;;
        -h|--help) usage; exit 0 ;;
        bare|dom0-pv|dom0-pvh|domu) SCENARIOS+=("$1"); shift ;;
        *) usage >&2; exit 2 ;;
    esac
done
[ ${#SCENARIOS[@]} -gt 0 ] || { usage >&2; exit 2; }
[ -f "$KERNEL" ] || die "no kernel at $KERNEL"
[ -z "$BUNDLE" ] || [ -f "$BUNDLE" ] || die "no bundle at $BUNDLE"
[ -z "$EXPECT" ] || [ -f "$EXPECT" ] || die "no expected output at $EXPECT"
case $STATUS$MEM${TIMEOUT:-0} in *[!0-9]*) die "--status, --mem and --timeout take numbers" ;; esac
case $XTEST in '' | *[!a-z0-9_]*) die "--xtest-key takes a word of a-z, 0-9 and _" ;; esac
[ $XTEST_CMDLINE_SET = 1 ] || XTEST_CMDLINE=$CMDLINE
XTEST_CLIENT=${XTEST_CLIENT:-"$XTEST: client read"}
XTEST_DONE=${XTEST_DONE:-"$XTEST: server got"}
mkdir -p "$CACHE" "$WORK"
CACHE=$(cd "$CACHE" && pwd)
WORK=$(cd "$WORK" && pwd)
[ -z "$EXPECT" ] || EXPECT=$(cd "$(dirname "$EXPECT")" && pwd)/$(basename "$EXPECT")
# QEMU's -initrd takes "file args,file args": a space or a comma in a path
# would split it.
case $WORK in *[\ ,]*) die "--work must have no space nor comma: $WORK" ;; esac

bash "$HERE/get-xen.sh" "$CACHE"
XEN=$CACHE/xen-4.17-amd64
QEMU=(qemu-system-x86_64 -nographic -no-reboot -nic none)
XEN_LINE="console=com1 loglvl=all guest_loglvl=all $XEN_ARGS"
# Xen's last words: after these it only waits (5 s before a reset, or
# forever after a halt), so the run is stopped there.
XEN_END='Reboot in five seconds|Hardware Dom0 (crashed|halted)'

passed=0 failed=0
pass() { # NAME NOTE
    passed=$((passed + 1))
    echo "PASS $1${2:+ ($2)}"
}
fail() { # NAME REASON [FILE [N]]: N lines of FILE (default 15), indented
    failed=$((failed + 1))
    echo "FAIL $1: $2"
    if [ -n "${3:-}" ] && [ -s "$3" ]; then tail -n "${4:-15}" "$3" | sed 's/^/    /'; fi
}

# boot DIR LIMIT QEMU-ARGS...: one QEMU run under bootlat.py. Writes
# DIR/serial.log ("[ seconds] line"), DIR/timing.json, and DIR/lines.txt,
# the lines alone. Sets RUN_STOP (limit, done or ""), RUN_RC, RUN_EXIT.
boot() {
    local dir=$1 limit=$2
    shift 2
    python3 "$HERE/bootlat.py" --name "$(basename "$dir")" --limit $((limit + 15)) \
        "${MARKS[@]}" "${ECHO[@]}" --log "$dir/serial.log" --json "$dir/timing.json" \
        -- timeout -k 5 "$limit" "${QEMU[@]}" "$@" > "$dir/timing.txt" || true
    RUN_STOP=error RUN_RC=- RUN_EXIT=-
    if [ -s "$dir/timing.json" ]; then
        read -r RUN_STOP RUN_RC RUN_EXIT < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]
print(r["stopped"] or "-", r["rc"], "%.2f" % r["times"]["exit"])' "$dir/timing.json") || true
    fi
    touch "$dir/serial.log"
    sed -n 's/^\[ *[0-9.]*\] //p' "$dir/serial.log" > "$dir/lines.txt"
    if [ "$RUN_RC" = 124 ]; then RUN_STOP=limit; fi
}

# mark_time DIR NAME: seconds from launch to bootlat's --mark NAME, or "-".
mark_time() {
    python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["runs"][0]["times"].get(sys.argv[2])
print("-" if t is None else "%.2f" % t)' "$1/timing.json" "$2"
}

# guest_lines SERIAL.LOG OUT: the lines the guest printed, "seconds<TAB>line".
# Before Xen's first line the firmware talks; then "(XEN) " lines are Xen's
# own, "(dN) " prefixes a domain's line, and QEMU's warnings name QEMU. With
# no Xen (bare) every line but QEMU's is the guest's.
guest_lines() {
    local xen=1
    grep -q '^\[ *[0-9.]*\] (XEN) ' "$1" || xen=0
    awk -v xen=$xen '
        !/^\[ *[0-9.]+\] / { next }
        { t = $0; sub(/\].*/, "", t); sub(/^\[ */, "", t); sub(/^\[ *[0-9.]+\] /, "") }
        /^\(XEN\)/ { started = 1; next }
        xen && !started { next }
        /^qemu-system-[a-z0-9_]+: / { next }
        { sub(/^\(d[0-9]+\) /, ""); print t "\t" $0 }' "$1" > "$2"
}

# judge TXT MAIN: the checks every guest gets; with MAIN=1 also --expect and
# --grep. On failure returns 1 with WHY set and SHOW naming what to print.
judge() {
    local txt=$1 main=$2 halt re
    WHY="" SHOW=$txt
    if [ ! -s "$txt" ]; then WHY="the guest printed nothing"; return 1; fi
    if grep -q '^spore: crash' "$txt"; then
        WHY="the guest crashed: $(grep -m 1 '^spore: crash' "$txt" | cut -d' ' -f3-)"
        return 1
    fi
    if [ $HALT = 1 ]; then
        halt=$(sed -n 's/^spore: halt \([^ ]*\).*/\1/p' "$txt" | tail -n 1)
        if [ -z "$halt" ]; then WHY="no 'spore: halt' line"; return 1; fi
        if [ "$halt" != "$STATUS" ]; then WHY="halt status $halt, expected $STATUS"; return 1; fi
    fi
    [ "$main" = 1 ] || return 0
    if [ -n "$EXPECT" ]; then
        grep -v '^spore: ' "$txt" > "${txt%.txt}.program" || true
        if ! diff -u "$EXPECT" "${txt%.txt}.program" > "${txt%.txt}.diff"; then
            WHY="the output differs from $EXPECT (- expected, + printed)"
            SHOW=${txt%.txt}.diff
            return 1
        fi
    fi
    for re in ${GREPS[@]+"${GREPS[@]}"}; do
        if ! grep -qE -- "$re" "$txt"; then WHY="no line matches '$re'"; return 1; fi
    done
}

# grep_all TXT: the --grep-all patterns.
grep_all() {
    local re
    for re in ${GREP_ALL[@]+"${GREP_ALL[@]}"}; do
        if ! grep -qE -- "$re" "$1"; then WHY="no line matches '$re'"; SHOW=$1; return 1; fi
    done
}

# xen_trouble DIR NAME LIMIT: fails NAME (and returns 0) when Xen panicked, dom0
# crashed or the run timed out.
xen_trouble() {
    local dir=$1 name=$2 limit=$3
    if grep -q '(XEN) Panic on CPU' "$dir/lines.txt"; then
        grep -B 12 -A 6 '(XEN) Panic on CPU' "$dir/lines.txt" > "$dir/why.txt"
        fail "$name" "Xen panicked" "$dir/why.txt" 20
    elif grep -q 'Hardware Dom0 crashed' "$dir/lines.txt"; then
        fail "$name" "dom0 crashed" "$dir/lines.txt" 25
    elif [ "$RUN_STOP" = limit ]; then
        fail "$name" "no end after $limit s" "$dir/lines.txt"
    elif ! grep -q '^(XEN) ' "$dir/lines.txt"; then
        fail "$name" "Xen did not start (QEMU exit $RUN_RC)" "$dir/lines.txt"
    else
        return 1
    fi
}

# Erlang-level timing of a passing guest: when it printed its first line
# and, when it prints boot marks, its "ready" mark (seconds from launch).
timing_note() { # TLOG
    local first ready
    first=$(head -n 1 "$1" | awk '{ printf "%.2f", $1 }')
    ready=$(awk -F'\t' '$2 ~ /^spore: mark ready/ { printf "%.2f", $1; exit }' "$1")
    echo "first line ${first}s${ready:+, ready ${ready}s}, QEMU exit ${RUN_EXIT}s"
}

# The guest's own boot marks, "spore: mark PHASE NS", in milliseconds.
marks_note() { # TXT
    awk '$1 == "spore:" && $2 == "mark" && $4 ~ /^[0-9]+$/ {
        s = s sep $3 "=" sprintf("%.1f", $4 / 1e6) "ms"; sep = " " }
        END { if (s != "") print "marks " s }' "$1"
}

stage() { # DIR: the kernel and bundle under plain names beside the logs
    rm -rf "$1"
    mkdir -p "$1"
    cp "$KERNEL" "$1/kernel.elf"
    if [ -n "$BUNDLE" ]; then cp "$BUNDLE" "$1/bundle"; fi
}

# --- bare PVH under QEMU microvm ---------------------------------------------

run_bare() {
    local dir=$WORK/bare limit=${TIMEOUT:-30} want
    stage "$dir"
    MARKS=()
    local args=(-M microvm -m $((MEM + 16)) -device "isa-debug-exit,iobase=0xf4,iosize=0x04"
                -kernel "$dir/kernel.elf" -append "$CMDLINE")
    if [ -n "$BUNDLE" ]; then args+=(-initrd "$dir/bundle"); fi
    boot "$dir" "$limit" "${args[@]}"
    guest_lines "$dir/serial.log" "$dir/guest.tlog"
    cut -f2- "$dir/guest.tlog" > "$dir/guest.txt"
    want=$(((STATUS << 1) | 1))
    if [ "$RUN_STOP" = limit ]; then
        fail bare "no end after $limit s" "$dir/lines.txt"
    elif ! judge "$dir/guest.txt" 1; then
        fail bare "$WHY" "$SHOW" 30
    elif ! grep_all "$dir/guest.txt"; then
        fail bare "$WHY" "$SHOW"
    elif [ "$RUN_RC" != "$want" ]; then
        fail bare "QEMU exit status $RUN_RC, expected $want (guest status $STATUS)" "$dir/lines.txt"
    else
        pass bare "$(timing_note "$dir/guest.tlog")$(marks_note "$dir/guest.txt" | sed 's/^/; /')"
    fi
}

# --- the kernel as dom0 -------------------------------------------------------

run_dom0() { # pv|pvh
    local kind=$1 name=dom0-$1 dir=$WORK/dom0-$1 limit=${TIMEOUT:-60}
    local cpu=() xen_line="$XEN_LINE dom0_mem=${MEM}M,max:${MEM}M" mods
    stage "$dir"
    # Debian's Xen has no shadow paging: a PVH dom0 needs HAP, which TCG
    # offers with -cpu max; and no IOMMU is emulated.
    if [ "$kind" = pvh ]; then
        cpu=(-cpu max)
        xen_line="$xen_line dom0=pvh dom0-iommu=none"
    fi
    # Module 1 is dom0's kernel, the text after its file name its command
    # line, whose commas QEMU wants doubled; module 2 is the bundle. dom0 must
    # end by rebooting: Xen resets, and QEMU -no-reboot exits.
    mods="$dir/kernel.elf exit=reboot ${CMDLINE//,/,,}"
    if [ -n "$BUNDLE" ]; then mods="$mods,$dir/bundle"; fi
    MARKS=(--mark 'xen=^\(XEN\) Xen version' --mark 'dom0=^\(XEN\) \*\*\* Building a PVH? Dom0'
           --done "$XEN_END" --kill-on-done)
    boot "$dir" "$limit" -M pc "${cpu[@]}" -m $((MEM + 448)) -kernel "$XEN" \
        -initrd "$mods" -append "$xen_line"
    guest_lines "$dir/serial.log" "$dir/guest.tlog"
    cut -f2- "$dir/guest.tlog" > "$dir/guest.txt"
    if xen_trouble "$dir" "$name" "$limit"; then
        return
    elif grep -q 'Hardware Dom0 halted' "$dir/lines.txt"; then
        fail "$name" "dom0 powered off; under QEMU it must reboot (exit=reboot)" "$dir/guest.txt"
    elif ! judge "$dir/guest.txt" 1; then
        [ -s "$dir/guest.txt" ] || SHOW=$dir/lines.txt
        fail "$name" "$WHY" "$SHOW" 30
    elif ! grep_all "$dir/guest.txt"; then
        fail "$name" "$WHY" "$SHOW"
    else
        pass "$name" "$(timing_note "$dir/guest.tlog"), Xen's dom0 build at $(mark_time "$dir" dom0)s$(marks_note "$dir/guest.txt" | sed 's/^/; /')"
    fi
}

# --- domUs created by xl in a Linux dom0 ---------------------------------------

# xl_string TEXT: TEXT as an xl configuration string.
xl_string() {
    local s=${1//\\/\\\\}
    printf '"%s"' "${s//\"/\\\"}"
}

# xl_config NAME TYPE CMDLINE: /guests/NAME.cfg; @PEER@, @PORT@ and @GREF@
# in CMDLINE are filled in by run.sh when it knows them.
xl_config() {
    local ramdisk=""
    if [ -n "$BUNDLE" ]; then ramdisk='ramdisk = "/guests/bundle"'; fi
    cat <<EOF
name = "$1"
type = "$2"
kernel = "/guests/kernel.elf"
$ramdisk
cmdline = $(xl_string "$3")
memory = $MEM
vcpus = 1
on_poweroff = "destroy"
on_reboot = "destroy"
on_crash = "destroy"
EOF
}

# The script the dom0 runs. It creates the domUs one after the other, each
# once xl says the previous one runs, so that domids follow creation order
# (Xen hands out the next free one): the xtest server, created third, is
# told that its peer will have the next domid, the client's. A wrong guess
# is reported as a domid mismatch.
write_run_sh() { # FILE GUEST-TIMEOUT
    cat > "$1" <<EOF
#!/bin/sh
# run.sh: made by run_xen.sh for one boot of the test dom0; dom0-init runs it.
TIMEOUT=$2
XTEST=$DO_XTEST
XKEY='$XTEST'
EOF
    cat >> "$1" <<'EOF'
LOG=/var/log/xen/console
say() { echo "dom0-run: $*"; }
up() { cut -d' ' -f1 /proc/uptime; }
deadline=$(($(date +%s) + TIMEOUT))
late() { [ "$(date +%s)" -ge $deadline ]; }
alive() { [ -r /proc/$1/status ] && ! grep -q '^State:[[:space:]]*Z' /proc/$1/status; }
NAMES=""
last=0

# create NAME CFG: 'xl create -F' stays until the domain is gone and then
# says why it shut down; it runs in the background, and create returns once
# xl says the domain runs. The polling reads xl's log: starting xl itself
# every few ms would take the one vCPU from the xl that builds the domain.
create() {
    t0=$(up)
    xl create -F "$2" < /dev/null > /tmp/xl-$1.log 2>&1 &
    pid=$!
    eval "pid_$1=$pid"
    NAMES="$NAMES $1"
    id=""
    while [ -z "$id" ]; do
        id=$(sed -n 's/^Waiting for domain .* (domid \([0-9]*\)) to die.*/\1/p' /tmp/xl-$1.log)
        [ -n "$id" ] && break
        if ! alive $pid; then say "create $1 failed"; return 1; fi
        if late; then say "create $1 timed out"; return 1; fi
        sleep 0.05
    done
    last=$id
    t1=$(up)
    say "created $1 domid=$id, xl create took $(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }") s (dom0 uptime $t1 s)"
}

create pv /guests/pv.cfg
create pvh /guests/pvh.cfg
if [ "$XTEST" = 1 ]; then
    server=$((last + 1))
    sed "s/@PEER@/$((server + 1))/" /guests/xserver.cfg > /tmp/xserver.cfg
    if create xserver /tmp/xserver.cfg && [ "$last" != $server ]; then
        say "domid mismatch: xserver is domain $last, expected $server"
    fi
    if [ -n "${pid_xserver:-}" ]; then
        offer=""
        until offer=$(grep -o "$XKEY: offer port=[0-9]* gref=[0-9]*" $LOG/guest-xserver.log 2> /dev/null) \
            || late || ! eval alive \$pid_xserver; do
            sleep 0.05
        done
        if [ -n "$offer" ]; then
            port=$(echo "$offer" | sed 's/.*port=\([0-9]*\).*/\1/')
            gref=$(echo "$offer" | sed 's/.*gref=\([0-9]*\).*/\1/')
            say "xserver offers port=$port gref=$gref at $(up) s"
            sed -e "s/@PEER@/$last/" -e "s/@PORT@/$port/" -e "s/@GREF@/$gref/" \
                /guests/xclient.cfg > /tmp/xclient.cfg
            if create xclient /tmp/xclient.cfg && [ "$last" != $((server + 1)) ]; then
                say "domid mismatch: xclient is domain $last, xserver was told $((server + 1))"
            fi
        else
            say "no offer from xserver"
        fi
    fi
fi

# Wait for every domain to end; past the deadline, destroy it.
for n in $NAMES; do
    eval "pid=\$pid_$n"
    while alive $pid; do
        if late; then
            say "$n did not end in $TIMEOUT s: destroying it"
            xl destroy $n
            eval "late_$n=1"
            break
        fi
        sleep 0.1
    done
done
wait
say "all domains ended at $(up) s"
for n in $NAMES; do
    code=$(sed -n 's/.*has shut down, reason code \([0-9]*\).*/\1/p' /tmp/xl-$n.log | head -n 1)
    case $code in
        0) why=poweroff ;; 1) why=reboot ;; 2) why=suspend ;; 3) why=crash ;;
        4) why=watchdog ;; 5) why=soft_reset ;; *) why=unknown ;;
    esac
    eval "[ -z \"\${late_$n:-}\" ]" || why=timeout
    say "begin $n"
    if [ -f $LOG/guest-$n.log ]; then
        cat $LOG/guest-$n.log
        [ -z "$(tail -c 1 $LOG/guest-$n.log)" ] || echo
    fi
    say "end $n shutdown=$why"
    sed "s/^/dom0-run: xl $n: /" /tmp/xl-$n.log
done
EOF
    chmod 755 "$1"
}

# domain_text DIR NAME: the console of domU NAME as run.sh printed it.
domain_text() {
    awk -v n="$2" '
        $0 == "dom0-run: begin " n { on = 1; next }
        index($0, "dom0-run: end " n " ") == 1 { on = 0 }
        on && !/^\(XEN\)/ { print }' "$1/lines.txt" > "$1/$2.txt"
    sed -n "s/^dom0-run: end $2 shutdown=//p" "$1/lines.txt" | head -n 1
}

# domain_fails DIR NAME MAIN: 0 (with WHY, SHOW) when domU NAME failed.
domain_fails() {
    local dir=$1 n=$2 end
    end=$(domain_text "$dir" "$n")
    SHOW=$dir/$n.txt
    if [ -z "$end" ]; then
        WHY="no console log of $n (dom0 did not get there)"
        grep "^dom0-run: .*$n" "$dir/lines.txt" > "$dir/$n.why" || true
        SHOW=$dir/$n.why
    elif [ "$end" = timeout ]; then
        WHY="$n did not end in time: destroyed"
    elif ! judge "$dir/$n.txt" "$3"; then
        if [ "$end" != poweroff ]; then WHY="$WHY; $n ended by $end"; fi
    elif [ "$end" != poweroff ]; then
        WHY="$n ended by $end, not poweroff"
    elif ! grep_all "$dir/$n.txt"; then
        :
    else
        return 1
    fi
    # Xen's lines about the domain say more when it crashed.
    local id
    id=$(sed -n "s/^dom0-run: created $n domid=\([0-9]*\),.*/\1/p" "$dir/lines.txt")
    if [ -n "$id" ] && [ "$SHOW" = "$dir/$n.txt" ]; then
        grep -E "^\(XEN\) .*d$id(v[0-9]+)?[ :]" "$dir/lines.txt" |
            grep -vE "HVM d$id(v[0-9]+)? save:" >> "$dir/$n.txt" || true
    fi
    return 0
}

run_domu() {
    local dir=$WORK/domu limit=${TIMEOUT:-300} g=$WORK/domu/guests gt
    bash "$HERE/mkdom0.sh" "$CACHE"
    stage "$dir"
    mkdir -p "$g"
    mv "$dir/kernel.elf" "$g/"
    if [ -n "$BUNDLE" ]; then mv "$dir/bundle" "$g/"; fi
    xl_config pv pv "exit=poweroff $CMDLINE" > "$g/pv.cfg"
    xl_config pvh pvh "exit=poweroff $CMDLINE" > "$g/pvh.cfg"
    xl_config xserver pvh "exit=poweroff $XTEST=server peer=@PEER@ $XTEST_CMDLINE" > "$g/xserver.cfg"
    xl_config xclient pvh \
        "exit=poweroff $XTEST=client peer=@PEER@ port=@PORT@ gref=@GREF@ $XTEST_CMDLINE" > "$g/xclient.cfg"
    # The dom0 boots in 5 to 15 s (more on a busy machine) and then needs
    # time to print the logs: a quarter of the time is kept for that.
    gt=$((limit * 3 / 4))
    [ $gt -ge 20 ] || gt=20
    write_run_sh "$g/run.sh" $gt
    bash "$HERE/dom0-pack.sh" "$CACHE" "$dir/initrd.cpio.gz" "$g"

    # The Linux dom0 (pitfalls in README.md): -cpu max crashes it, +rdrand
    # spares xl 3 s per domain waiting for entropy, +svm,+npt give Xen the
    # HAP that PVH domUs need; the plain vmlinux spares Xen unpacking it.
    MARKS=(--mark 'linux=Linux version' --mark 'userspace=dom0-init: userspace up'
           --mark 'toolstack=dom0-init: toolstack up' --mark 'domains=dom0-run: all domains ended'
           --done "$XEN_END" --kill-on-done)
    local qmem=$((512 + 4 * MEM))
    [ $qmem -ge 1024 ] || qmem=1024
    boot "$dir" "$limit" -M pc -cpu qemu64,+svm,+npt,+rdrand -m $qmem -kernel "$XEN" \
        -initrd "$CACHE/dom0/vmlinux console=hvc0 earlyprintk=xen quiet,$dir/initrd.cpio.gz" \
        -append "$XEN_LINE dom0_mem=384M,max:384M"
    echo "time domu: dom0 userspace $(mark_time "$dir" userspace)s, toolstack" \
        "$(mark_time "$dir" toolstack)s, domains ended $(mark_time "$dir" domains)s," \
        "QEMU exit ${RUN_EXIT}s"
    if xen_trouble "$dir" domu "$limit"; then
        :
    elif ! grep -q '^dom0-init: done' "$dir/lines.txt"; then
        fail domu "the dom0 did not finish (QEMU exit $RUN_RC)" "$dir/lines.txt" 25
    fi

    local n
    for n in pv pvh; do
        if domain_fails "$dir" $n 1; then
            fail domu-$n "$WHY" "$SHOW" 30
        else
            pass domu-$n "$(grep -m 1 "^dom0-run: created $n " "$dir/lines.txt" | cut -d' ' -f3-)$(marks_note "$dir/$n.txt" | sed 's/^/; /')"
        fi
    done
    [ $DO_XTEST = 1 ] || return 0
    local offer_re="$XTEST: offer port=[0-9]+ gref=[0-9]+"
    if grep -q '^dom0-run: domid mismatch' "$dir/lines.txt"; then
        fail domu-xtest "$(grep -m 1 '^dom0-run: domid mismatch' "$dir/lines.txt" | cut -d' ' -f2-)"
    elif domain_fails "$dir" xserver 0; then
        fail domu-xtest "$WHY" "$SHOW" 30
    elif ! grep -qE -- "$offer_re" "$dir/xserver.txt"; then
        fail domu-xtest "the server made no offer" "$dir/xserver.txt"
    elif domain_fails "$dir" xclient 0; then
        fail domu-xtest "$WHY" "$SHOW" 30
    elif ! grep -qE -- "$XTEST_CLIENT" "$dir/xclient.txt"; then
        fail domu-xtest "no client line matches '$XTEST_CLIENT'" "$dir/xclient.txt"
    elif ! grep -qE -- "$XTEST_DONE" "$dir/xserver.txt"; then
        fail domu-xtest "no server line matches '$XTEST_DONE'" "$dir/xserver.txt"
    else
        pass domu-xtest "$(grep -hE -- "$XTEST_DONE" "$dir/xserver.txt" | head -n 1)"
    fi
}

for s in "${SCENARIOS[@]}"; do
    case $s in
        bare) run_bare ;;
        dom0-pv) run_dom0 pv ;;
        dom0-pvh) run_dom0 pvh ;;
        domu) run_domu ;;
    esac
done
echo "run_xen: $passed passed, $failed failed"
[ $failed -eq 0 ]
