#!/usr/bin/env bash
# run_fuzz.sh: one short, reproducible libFuzzer run, as ctest's fuzz_<target>.
#   run_fuzz.sh FUZZER WORKDIR SEED_DIR...
# Starts from an empty corpus (WORKDIR/corpus.*) and the seed folders, with a fixed
# seed: FUZZ_RUNS inputs (default 100000) or FUZZ_TIME seconds (default 20),
# whichever comes first. A crash, leak or timeout leaves its input in WORKDIR
# (crash-<sha1>...) and fails the test; replay it with `FUZZER WORKDIR/crash-...`.
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
fuzzer=$1 work=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$here/ubsan.supp"
mkdir -p "$work"
rm -rf "$work"/corpus* "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* || true
corpus=$(mktemp -d "$work/corpus.XXXXXX")
seeds=()
for d in "$@"; do [ -d "$d" ] && seeds+=("$d"); done
cd "$work"
"$fuzzer" -seed="${FUZZ_SEED:-1}" -runs="${FUZZ_RUNS:-100000}" \
    -max_total_time="${FUZZ_TIME:-20}" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$work/" -print_final_stats=1 "$corpus" "${seeds[@]}" 2>"$work/log" \
    || { tail -n 60 "$work/log"; echo "$(basename "$fuzzer"): FAILED (log: $work/log)"; exit 1; }
grep -E '^(#[0-9]+ +DONE|Done |stat::(number_of_executed_units|peak_rss_mb))' "$work/log" || true
echo "$(basename "$fuzzer"): ok"
