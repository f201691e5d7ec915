#!/usr/bin/env bash
# run.sh: the benchmarks. Compiles bench/bench_*.erl and runs each workload
# on erl and on spore in the same run. Each workload times itself with
# erlang:monotonic_time and prints "result R" and "time_us T"; this script
# checks that both systems computed the same R and prints the ratio of the
# times, spore/erl. Exit status 1 when a workload fails on spore.
#   bench/run.sh [BUILD_DIR] [WORKLOAD...]
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
shift || true
SPORE=${SPORE:-$BUILD/spore}
OUT=$BUILD/bench
TIMEOUT=${BENCH_TIMEOUT:-300}
mkdir -p "$OUT"
export ERL_CRASH_DUMP_SECONDS=0

erlc -o "$OUT" "$ROOT"/bench/bench_*.erl || exit 1
if [ $# -gt 0 ]; then
    WORKLOADS=("$@")
else
    WORKLOADS=()
    for f in "$ROOT"/bench/bench_*.erl; do
        b=$(basename "$f" .erl)
        WORKLOADS+=("$b")
    done
fi

# field NAME FILE: the value printed after NAME.
field() { sed -n "s/^$1 //p" "$2" | head -n 1; }

# Each workload runs REPEAT times on each system (default 5); the table shows
# the median of each, so that one noisy run does not decide the ratio.
REPEAT=${REPEAT:-5}

# median of the numbers on stdin
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}'; }

# run_times SYSTEM W: runs W REPEAT times, leaves the last output in
# $OUT/W.SYSTEM.out and prints the median time_us (empty on failure).
run_times() {
    local sys=$1 w=$2 i t times=""
    for ((i = 0; i < REPEAT; i++)); do
        if [ "$sys" = erl ]; then
            (cd "$OUT" && timeout "$TIMEOUT" erl +P 2000000 -noshell -pa "$OUT" -run "$w" main \
                </dev/null >"$OUT/$w.erl.out" 2>&1)
        else
            (cd "$OUT" && timeout "$TIMEOUT" "$SPORE" run -pa "$OUT" -run "$w" main \
                </dev/null >"$OUT/$w.spore.out" 2>&1)
        fi
        echo $? >"$OUT/$w.$sys.status"
        t=$(field time_us "$OUT/$w.$sys.out")
        [ -z "$t" ] && return
        times+="$t"$'\n'
    done
    printf '%s' "$times" | median
}

failed=0
printf '%-12s %12s %12s %10s   (median of %d runs each)\n' workload "erl ms" "spore ms" spore/erl "$REPEAT"
for w in "${WORKLOADS[@]}"; do
    te=$(run_times erl "$w")
    ts=$(run_times spore "$w")
    src=$(cat "$OUT/$w.spore.status" 2>/dev/null || echo 1)
    re=$(field result "$OUT/$w.erl.out")
    rs=$(field result "$OUT/$w.spore.out")
    if [ -z "$te" ]; then
        printf '%-12s %s\n' "$w" "fails on erl: $(head -c 200 "$OUT/$w.erl.out")"
        failed=1
    elif [ -z "$ts" ] || [ "$re" != "$rs" ]; then
        why="exit status $src"
        [ $src -eq 124 ] && why="timeout after ${TIMEOUT}s"
        [ -n "$ts" ] && why="result $rs, erl $re"
        printf '%-12s %12.1f %12s %10s  (%s)\n' "$w" "$(awk -v t="$te" 'BEGIN{print t/1000}')" \
            - - "$why"
        failed=1
    else
        awk -v w="$w" -v te="$te" -v ts="$ts" 'BEGIN {
            printf "%-12s %12.1f %12.1f %10.2f\n", w, te / 1000, ts / 1000, ts / (te > 0 ? te : 1)
        }'
    fi
done
exit $failed
