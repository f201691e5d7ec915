#!/usr/bin/env bash
# run_bad.sh: `spore run` on the broken .beam files of test/load (ctest: load_bad).
#   run_bad.sh --spore SPORE [--work DIR] [--load DIR]
# Each file is copied as DIR/<stem>/<Mod>.beam, Mod being the module it claims
# (corpus when its atom table cannot be read), then:
#  1. `spore run -pa DIR/<stem> -run Mod start` must end by itself, without a
#     signal or a sanitizer report, print "cannot load <path>: <chunk>: ..."
#     and stop with init's undef error, as erl does for a missing module;
#  2. an Erlang caller (bad_call) that runs Mod:start() must get error:undef;
#  3. binary_to_term of each file's bytes (as they are, and after a version
#     byte) must give on spore what it gives on erl, badarg for the bare files.
# The last line reads "load_bad: N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
spore="" work="" load=$here/load
while [ $# -gt 0 ]; do
    case $1 in
        --spore) spore=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --load) load=$2; shift 2 ;;
        *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
[ -x "$spore" ] || { echo "run_bad.sh: --spore SPORE is required" >&2; exit 2; }
[ -n "$work" ] || work=$(dirname "$spore")/test/bad
rm -rf "$work"
mkdir -p "$work/common"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The caller, and the module claimed by each file: read leniently, by escript.
cat > "$work/common/bad_call.erl" <<'EOF'
-module(bad_call).
-export([main/1]).
main([Mod]) ->
    R = try (list_to_atom(Mod)):start() of V -> {returned, V} catch C:E -> {C, E} end,
    io:format("~p~n", [R]),
    halt(0).
EOF
cat > "$work/common/claims.escript" <<'EOF'
-mode(compile).
%% For each file: "stem module", module being the first atom of its AtU8
%% chunk when that is a plain lower-case name, else corpus. Also writes
%% bad_b2t_cases.erl, whose cases/0 holds the bytes of every file.
main([Out | Files]) ->
    Cases = [begin
                 {ok, B} = file:read_file(F),
                 Stem = filename:basename(F, ".beam"),
                 io:format("~s ~s~n", [Stem, claim(B)]),
                 {Stem, B}
             end || F <- Files],
    Src = ["-module(bad_b2t_cases).\n-export([cases/0]).\ncases() ->\n    ",
           io_lib:format("~w", [Cases]), ".\n"],
    ok = file:write_file(filename:join(Out, "bad_b2t_cases.erl"), Src).

claim(<<"FOR1", _:32, "BEAM", Chunks/binary>>) -> chunks(Chunks);
claim(_) -> "corpus".

chunks(<<"AtU8", Size:32, Body:Size/binary, _/binary>>) -> first(Body);
chunks(<<_:4/binary, Size:32, Rest/binary>>) ->
    Skip = (Size + 3) band (bnot 3),
    case Rest of
        <<_:Skip/binary, More/binary>> -> chunks(More);
        _ -> "corpus"
    end;
chunks(_) -> "corpus".

first(<<N:32, Len, Name:Len/binary, _/binary>>) when N > 0, Len > 0 ->
    S = binary_to_list(Name),
    case lists:all(fun(C) -> (C >= $a andalso C =< $z) orelse C =:= $_ end, S) of
        true -> S;
        false -> "corpus"
    end;
first(_) -> "corpus".
EOF
files=("$load"/*.beam)
escript "$work/common/claims.escript" "$work/common" "${files[@]}" > "$work/common/claims" \
    || { echo "run_bad.sh: cannot read the corpus"; exit 1; }
# bad_b2t: binary_to_term on every file's bytes, bare and after a version byte.
cat > "$work/common/bad_b2t.erl" <<'EOF'
-module(bad_b2t).
-export([main/0]).
main() ->
    [io:format("~s ~p ~p~n", [Stem, b2t(B), b2t(<<131, B/binary>>)])
     || {Stem, B} <- bad_b2t_cases:cases()],
    halt(0).
b2t(B) ->
    try binary_to_term(B) of T -> {ok, T} catch error:E -> E end.
EOF
erlc -o "$work/common" "$work/common/bad_call.erl" "$work/common/bad_b2t.erl" \
    "$work/common/bad_b2t_cases.erl" || { echo "run_bad.sh: erlc failed"; exit 1; }

while read -r stem mod; do
    dir=$work/$stem
    mkdir -p "$dir"
    cp "$load/$stem.beam" "$dir/$mod.beam"
    log=$dir/run.log
    timeout 30 "$spore" run -pa "$dir" -run "$mod" start > "$log" 2>&1
    st=$?
    if crashed "$log" $st; then
        fail "$stem" "spore run crashed (status $st)" "$log"
        continue
    fi
    if [ $st -eq 124 ]; then fail "$stem" "spore run did not end" "$log"; continue; fi
    if ! grep -qE "cannot load $dir/$mod\\.beam: [^:]{4}: ." "$log"; then
        fail "$stem" "no message naming the file and the chunk" "$log"
        continue
    fi
    if [ $st -ne 1 ] || ! grep -q "init terminating in do_boot" "$log" \
        || ! grep -q "{undef," "$log"; then
        fail "$stem" "expected init's undef error and status 1 (status $st)" "$log"
        continue
    fi
    log=$dir/call.log
    timeout 30 "$spore" run -pa "$dir" "$work/common" -run bad_call main "$mod" > "$log" 2>&1
    st=$?
    if crashed "$log" $st || [ $st -ne 0 ] || [ "$(tail -n 1 "$log")" != "{error,undef}" ]; then
        fail "$stem" "the caller did not get error:undef (status $st)" "$log"
        continue
    fi
    passed=$((passed + 1))
done < "$work/common/claims"

# binary_to_term: spore must print what erl prints, and badarg for every bare file.
erl -noshell -pa "$work/common" -run bad_b2t main > "$work/common/b2t.erl.out" 2>&1
timeout 60 "$spore" run -pa "$work/common" -run bad_b2t main > "$work/common/b2t.spore.out" 2>&1
st=$?
if crashed "$work/common/b2t.spore.out" $st || [ $st -ne 0 ]; then
    fail binary_to_term "spore crashed (status $st)" "$work/common/b2t.spore.out"
elif ! diff -u "$work/common/b2t.erl.out" "$work/common/b2t.spore.out" \
        > "$work/common/b2t.diff"; then
    fail binary_to_term "spore differs from erl (- erl, + spore)" "$work/common/b2t.diff"
elif awk '$2 != "badarg"' "$work/common/b2t.spore.out" | grep -q .; then
    fail binary_to_term "a bare .beam file was not badarg" "$work/common/b2t.spore.out"
else
    passed=$((passed + 1))
fi

echo "load_bad: $passed passed, $failed failed"
[ $failed -eq 0 ]
