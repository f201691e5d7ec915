#!/usr/bin/env bash
# opcodes.sh: checks vm/opcodes.def against the installed compiler. Every
# generic opcode 1..max of beam_opcodes:opname/1 must appear once, as
# OPCODE(num, name, arity), with the same name and arity, and nothing else.
# Also reports (without failing) the opcodes that have no test/ops/<name>.S.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEF=$ROOT/vm/opcodes.def
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

[ -f "$DEF" ] || { echo "opcodes: $DEF is missing"; exit 1; }

erl -noshell -eval '
    L = fun Loop(N, Acc) ->
            try beam_opcodes:opname(N) of
                {Name, Arity} ->
                    Line = io_lib:format("~b ~s ~b~n", [N, Name, Arity]),
                    Loop(N + 1, [Line | Acc])
            catch error:_ -> lists:reverse(Acc)
            end
        end,
    io:put_chars(L(1, [])),
    halt().' >"$TMP/otp"

# Keep only OPCODE(...) lines, whatever comments surround them.
S='[[:space:]]*'
sed -n "s/^${S}OPCODE(${S}\([0-9]*\)${S},${S}\([a-z_0-9]*\)${S},${S}\([0-9]*\)${S}[,)].*/\1 \2 \3/p" \
    "$DEF" | sort -n >"$TMP/def"

if [ "$(grep -c '^[[:space:]]*OPCODE' "$DEF")" -ne "$(wc -l <"$TMP/def")" ]; then
    echo "opcodes: OPCODE lines that do not parse as OPCODE(num, name, arity):"
    grep -n "^${S}OPCODE" "$DEF" \
        | grep -v "^[0-9]*:${S}OPCODE(${S}[0-9]*${S},${S}[a-z_0-9]*${S},${S}[0-9]" || true
    exit 1
fi
if ! diff -u --label "beam_opcodes (installed OTP)" --label vm/opcodes.def \
        "$TMP/otp" "$TMP/def"; then
    echo "opcodes: vm/opcodes.def disagrees with the installed compiler"
    exit 1
fi

missing=$(awk '{print $2}' "$TMP/def" | while read -r op; do
    [ -e "$ROOT/test/ops/$op.S" ] || echo "$op"
done | wc -l)
echo "opcodes: $(wc -l <"$TMP/def") opcodes agree with OTP; $missing have no test/ops/<name>.S"
