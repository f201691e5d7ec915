#!/usr/bin/env bash
# opcodes.sh: checks vm/opcodes.def against the installed compiler. Every
# generic opcode 1..max of beam_opcodes:opname/1 must appear once, as
# OPCODE(num, name, arity), with the same name and arity, and nothing else.
# Then every opcode that vm/load.c translates (the `case N` labels of its
# translate() switch) must have a test, test/ops/op_<name>.S, whose assembled
# code really contains that opcode; only NOT_ASSEMBLED is exempt.
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

# Opcodes the loader accepts but OTP 25's erlc refuses to assemble (its
# beam_validator reports unknown_instruction), so no .S file can hold them.
NOT_ASSEMBLED=" fclearerror fcheckerror recv_mark recv_set bs_context_to_binary "

sed -n '/^static int translate(/,/^}/p' "$ROOT/vm/load.c" \
    | grep -o 'case [0-9][0-9]*' | awk '{print $2}' | sort -un >"$TMP/nums"
if [ ! -s "$TMP/nums" ]; then
    echo "opcodes: found no case labels in translate() of vm/load.c"
    exit 1
fi
awk 'NR == FNR { want[$1] = 1; next } ($1 in want) { print $2 }' \
    "$TMP/nums" "$TMP/def" >"$TMP/translated"

# Assemble every test/ops file and list the opcodes each one's code holds.
mkdir -p "$TMP/beam"
shopt -s nullglob
SFILES=("$ROOT"/test/ops/*.S)
if [ ${#SFILES[@]} -gt 0 ] && ! erlc -o "$TMP/beam" "${SFILES[@]}" >"$TMP/erlc.out" 2>&1; then
    echo "opcodes: a test/ops file does not assemble:"
    head -n 20 "$TMP/erlc.out"
    exit 1
fi
cat >"$TMP/opscan.erl" <<'EOF'
-module(opscan).
-export([main/1]).
%% Prints "Module Opname" for each generic opcode in the code of each .beam.
main(Files) ->
    lists:foreach(fun(F) ->
                          {ok, {M, [{"Code", Code}]}} = beam_lib:chunks(F, ["Code"]),
                          <<Sub:32, Rest/binary>> = Code,
                          <<_:Sub/binary, Ops/binary>> = Rest,
                          [io:format("~s ~s~n", [M, N]) || N <- lists:usort(scan(Ops, []))]
                  end, Files),
    halt(0).
scan(<<>>, Acc) -> Acc;
scan(<<Op, Rest/binary>>, Acc) ->
    {Name, Arity} = beam_opcodes:opname(Op),
    scan(skip(Arity, Rest), [Name | Acc]).
skip(0, B) -> B;
skip(N, B) -> skip(N - 1, operand(B)).
%% The compact term encoding: tag 7 is extended (1 list, 3 allocation list,
%% 5 typed register, others one operand); the rest carry one value.
operand(<<B, Rest/binary>>) when B band 7 =:= 7 ->
    case B bsr 4 of
        1 -> {Len, R} = value(Rest), skip(Len, R);
        3 -> {Len, R} = value(Rest), skip(2 * Len, R);
        5 -> skip(2, Rest);
        _ -> skip(1, Rest)
    end;
operand(B) -> element(2, value(B)).
value(<<B, Rest/binary>>) when B band 8 =:= 0 -> {B bsr 4, Rest};
value(<<B, X, Rest/binary>>) when B band 16 =:= 0 -> {((B band 16#e0) bsl 3) bor X, Rest};
value(<<B, Rest/binary>>) when B bsr 5 < 7 ->
    N = (B bsr 5) + 2,
    <<V:N/unit:8, R/binary>> = Rest,
    {V, R};
value(<<_, Rest/binary>>) ->
    {N0, R0} = value(Rest),
    N = N0 + 9,
    <<V:N/unit:8, R/binary>> = R0,
    {V, R}.
EOF
erlc -o "$TMP" "$TMP/opscan.erl"
BEAMS=("$TMP"/beam/*.beam)
: >"$TMP/found"
if [ ${#BEAMS[@]} -gt 0 ]; then
    erl -noshell -pa "$TMP" -run opscan main "${BEAMS[@]}" >"$TMP/found"
fi

bad=0
while read -r op; do
    case "$NOT_ASSEMBLED" in *" $op "*) continue ;; esac
    if [ ! -e "$ROOT/test/ops/op_$op.S" ]; then
        echo "opcodes: vm/load.c translates $op but test/ops/op_$op.S is missing"
        bad=1
    elif ! grep -qx "op_$op $op" "$TMP/found"; then
        echo "opcodes: test/ops/op_$op.S does not assemble to code that contains $op"
        bad=1
    fi
done <"$TMP/translated"
[ "$bad" -eq 0 ] || exit 1
echo "opcodes: $(wc -l <"$TMP/def") opcodes agree with OTP; $(wc -l <"$TMP/translated")" \
    "translated by vm/load.c have a test in test/ops; not assembled by erlc:${NOT_ASSEMBLED% }"
