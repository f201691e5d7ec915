#!/usr/bin/env bash
# run_erl.sh: the differential test harness. Compiles test/erl/*.erl and
# test/ops/*.S into BUILD/test/erl, runs every module's start/0 through
# spore_test_runner on erl and on spore, and compares what they print and
# their exit status. Modules named in test/known_failures.txt fail as XFAIL.
# Exit status: 0 when every other module passes, 1 otherwise, 2 on misuse.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build
SPORE=""
JOBS=2
TIMEOUT=60

usage() {
    cat <<EOF
usage: test/run_erl.sh [options] [MODULE...]
  --build DIR     build directory (default: build); output in DIR/test/erl
  --spore PATH    the spore executable (default: DIR/spore)
  --jobs N        modules run in parallel (default: 2)
  --timeout S     seconds per module and per system (default: 60)
With MODULE names, only those modules run.
EOF
}

MODS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build) BUILD=$2; shift 2 ;;
        --spore) SPORE=$2; shift 2 ;;
        --jobs) JOBS=$2; shift 2 ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) MODS+=("$1"); shift ;;
    esac
done
BUILD=$(mkdir -p "$BUILD" && cd "$BUILD" && pwd)
SPORE=${SPORE:-$BUILD/spore}
OUT=$BUILD/test/erl
LOG=$OUT/log
mkdir -p "$OUT/expected" "$LOG"
rm -f "$LOG"/*.result

if [ ! -x "$SPORE" ]; then
    echo "run_erl: no spore executable at $SPORE" >&2
    exit 2
fi
RUNNER_SRC=$ROOT/test/erl/spore_test_runner.erl

# --- compile what changed --------------------------------------------------

SRCS=()
for f in "$ROOT"/test/erl/*.erl "$ROOT"/test/ops/*.S; do
    [ -e "$f" ] && SRCS+=("$f")
done

mod_of() { local b; b=$(basename "$1"); echo "${b%.*}"; }

STALE=()
for f in "${SRCS[@]}"; do
    [ "$f" -nt "$OUT/$(mod_of "$f").beam" ] && STALE+=("$f")
done
if [ ${#STALE[@]} -gt 0 ]; then
    # erlc stops at the first file that fails, so a failed batch is
    # compiled again one file at a time to find which ones fail.
    if ! erlc -o "$OUT" "${STALE[@]}" >"$LOG/erlc.batch" 2>&1; then
        for f in "${STALE[@]}"; do
            m=$(mod_of "$f")
            if ! erlc -o "$OUT" "$f" >"$LOG/$m.compile" 2>&1; then
                rm -f "$OUT/$m.beam"
                echo compile >"$LOG/$m.compile_failed"
            fi
        done
    fi
fi
for f in "${SRCS[@]}"; do
    m=$(mod_of "$f")
    [ -e "$OUT/$m.beam" ] && [ ! "$f" -nt "$OUT/$m.beam" ] && rm -f "$LOG/$m.compile_failed"
done
# application resource files go beside the modules, where both systems
# look for them on the code path
for f in "$ROOT"/test/erl/*.app; do
    [ -e "$f" ] && cp "$f" "$OUT/"
done
if [ ! -e "$OUT/spore_test_runner.beam" ] || [ "$RUNNER_SRC" -nt "$OUT/spore_test_runner.beam" ]
then
    echo "run_erl: cannot compile test/erl/spore_test_runner.erl" >&2
    cat "$LOG/spore_test_runner.compile" >&2 2>/dev/null
    exit 2
fi

RUN_EVAL=0
case " ${MODS[*]} " in *" eval_cmdline "*) RUN_EVAL=1 ;; esac
if [ ${#MODS[@]} -eq 0 ]; then
    RUN_EVAL=1
    for f in "${SRCS[@]}"; do
        m=$(mod_of "$f")
        [ "$m" = spore_test_runner ] || MODS+=("$m")
    done
fi

KNOWN=" "
if [ -f "$ROOT/test/known_failures.txt" ]; then
    KNOWN=" $(sed -e 's/#.*//' "$ROOT/test/known_failures.txt" | tr -s ' \t\n' ' ') "
fi

# --- one module ------------------------------------------------------------

# Prints one report (one write, so parallel reports do not interleave) and
# leaves the verdict in LOG/MOD.result.
run_one() {
    local m=$1 exp=$OUT/expected/$1.out got=$LOG/$1.out err=$LOG/$1.err
    local verdict why="" detail="" erc src
    cd "$LOG" || return 1
    export ERL_CRASH_DUMP_SECONDS=0
    if [ -e "$LOG/$m.compile_failed" ]; then
        why="does not compile"
        detail=$(head -n 20 "$LOG/$m.compile")
    elif [ ! -e "$OUT/$m.beam" ]; then
        why="no such module"
    else
        # What erl prints is kept until the module or the runner changes.
        if [ ! -e "$exp" ] || [ "$OUT/$m.beam" -nt "$exp" ] \
            || [ "$OUT/spore_test_runner.beam" -nt "$exp" ]; then
            timeout -k 5 "$TIMEOUT" erl -noshell -pa "$OUT" \
                -run spore_test_runner main "$m" </dev/null >"$exp.tmp" 2>"$LOG/$m.erl.err"
            erc=$?
            if [ $erc -ge 124 ]; then
                rm -f "$exp.tmp" "$exp" "$exp.rc"
                why="erl itself timed out or was killed"
            else
                echo $erc >"$exp.rc"
                mv "$exp.tmp" "$exp"
            fi
        fi
    fi
    if [ -z "$why" ]; then
        # The braces keep bash's own "Aborted" notice off the report.
        { timeout -k 5 "$TIMEOUT" "$SPORE" run -pa "$OUT" \
            -run spore_test_runner main "$m" </dev/null >"$got" 2>"$err"; } 2>/dev/null
        src=$?
        erc=$(cat "$exp.rc")
        if [ $src -eq 124 ] || [ $src -eq 137 ]; then
            why="timeout after ${TIMEOUT}s"
        elif ! cmp -s "$exp" "$got"; then
            why="output differs"
            detail=$(diff -u --label erl --label spore "$exp" "$got" | sed -n '3,22p')
        elif [ "$src" != "$erc" ]; then
            why="exit status $src, erl $erc"
        fi
        if [ -n "$why" ] && [ $src -gt 128 ] && [ $src -ne 137 ]; then
            why="$why; killed by signal $((src - 128))"
        fi
        if [ -n "$why" ] && [ -s "$err" ]; then
            detail="$detail"$'\n'"stderr:"$'\n'"$(head -n 8 "$err")"
        fi
    fi
    case "$KNOWN" in
        *" $m "*) if [ -z "$why" ]; then verdict=XPASS; else verdict=XFAIL; fi ;;
        *) if [ -z "$why" ]; then verdict=PASS; else verdict=FAIL; fi ;;
    esac
    echo "$verdict" >"$LOG/$m.result"
    local report="$verdict $m${why:+ ($why)}"
    if [ "$verdict" = FAIL ] && [ -n "$detail" ]; then
        report="$report"$'\n'"$(printf '%s\n' "$detail" | sed 's/^/    /')"
    fi
    printf '%s\n' "$report"
}

export OUT LOG SPORE TIMEOUT KNOWN
export -f run_one

MODS=("${MODS[@]/eval_cmdline/}")
if [ -n "${MODS[*]// /}" ]; then
    printf '%s\n' "${MODS[@]}" | grep . | xargs -P "$JOBS" -I{} bash -c 'run_one "$1"' _ {}
fi

# --- the -eval command line (eval_cmdline) ------------------------------------

# Not a module: the same -eval arguments go to erl -noshell and to spore run,
# whose output and exit status must match.
if [ "$RUN_EVAL" = 1 ]; then
    EVAL_ARGS=(-eval 'L = lists:seq(1, 5), io:format("~p~n", [{L, lists:sum(L)}])'
               -eval 'self() ! m, receive M -> io:format("~w~n", [M]) after 0 -> ok end,
                      F = fun(X) -> X * 2 end, io:format("~w~n", [[F(X) || X <- [1, 2]]]),
                      halt(3).')
    exp=$OUT/expected/eval_cmdline.out got=$LOG/eval_cmdline.out why=""
    (cd "$LOG" && timeout -k 5 "$TIMEOUT" erl -noshell "${EVAL_ARGS[@]}" \
        </dev/null >"$exp" 2>/dev/null)
    erc=$?
    (cd "$LOG" && timeout -k 5 "$TIMEOUT" "$SPORE" run "${EVAL_ARGS[@]}" \
        </dev/null >"$got" 2>"$LOG/eval_cmdline.err")
    src=$?
    if ! cmp -s "$exp" "$got"; then
        why="output differs"
    elif [ "$src" != "$erc" ]; then
        why="exit status $src, erl $erc"
    fi
    case "$KNOWN" in
        *" eval_cmdline "*) if [ -z "$why" ]; then v=XPASS; else v=XFAIL; fi ;;
        *) if [ -z "$why" ]; then v=PASS; else v=FAIL; fi ;;
    esac
    echo "$v" >"$LOG/eval_cmdline.result"
    echo "$v eval_cmdline${why:+ ($why)}"
    if [ "$v" = FAIL ]; then
        diff -u --label erl --label spore "$exp" "$got" | sed -n '3,22p' | sed 's/^/    /'
    fi
fi

# --- summary -----------------------------------------------------------------

count() { grep -lx "$1" "$LOG"/*.result 2>/dev/null | wc -l; }
PASS=$(count PASS); FAIL=$(count FAIL); XFAIL=$(count XFAIL); XPASS=$(count XPASS)
if [ "$FAIL" -gt 0 ]; then
    echo "failed:" $(grep -lx FAIL "$LOG"/*.result | xargs -n1 basename | sed 's/\.result$//')
fi
if [ "$XPASS" -gt 0 ]; then
    echo "passing now, remove from test/known_failures.txt:" \
        $(grep -lx XPASS "$LOG"/*.result | xargs -n1 basename | sed 's/\.result$//')
fi
echo "xfail: $XFAIL, xpass: $XPASS"
echo "erl_diff: $((PASS + XPASS)) passed, $FAIL failed, $XFAIL skipped"
[ "$FAIL" -eq 0 ]
