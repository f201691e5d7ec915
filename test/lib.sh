# lib.sh: what the test scripts share. Sourced once a script has parsed its
# options:   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# The counters of passed and failed checks; FAIL_LINES, set before, is how
# much of a failed check's log is shown (default 12).
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { # WHAT WHY [LOG]
    failed=$((failed + 1))
    printf 'FAIL %s: %s\n' "$1" "$2"
    if [ -n "${3:-}" ] && [ -e "$3" ]; then sed 's/^/    /' "$3" | head -n "${FAIL_LINES:-12}"; fi
}
skip() { # WHAT WHY...
    local what=$1
    shift
    printf 'SKIP %s: %s\n' "$what" "$*"
}
check() { # WHAT WHY COMMAND...: passes when the command succeeds
    local what=$1 why=$2
    shift 2
    if "$@"; then pass; else fail "$what" "$why"; fi
}
# A sanitizer report or a signal is a crash, whatever else was printed.
crashed() { # LOG STATUS
    [ "$2" -ge 128 ] ||
        grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:|vm_panic|assertion' "$1"
}
# Runs a command with none of the caller's SPORE_* variables.
clean_env() { # COMMAND...
    env -u SPORE_STDLIB -u SPORE_OTP_PATH -u SPORE_LOADED -u SPORE_MARKS "$@"
}
