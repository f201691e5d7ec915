#!/bin/sh
# mkseeds.sh: writes the seed corpora of the fuzz targets (README.md):
#   corpus_load/  a few small test modules compiled with erlc +deterministic
#                 (fuzz_load and fuzz_beamfile, with test/load beside them)
#   corpus_ext/   term_to_binary encodings of varied terms, all the options
#   corpus_bits/  match programs over a few subjects (format in fuzz_bits.c)
# Run it again after changing it: sh test/fuzz/mkseeds.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
erl_dir=$here/../erl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rm -rf "$here/corpus_load" "$here/corpus_ext" "$here/corpus_bits"
mkdir -p "$here/corpus_load" "$here/corpus_ext" "$here/corpus_bits"

for m in bin_append bin_syntax gc_messages map_basic num_float otp_math spore_test_runner; do
    erlc +deterministic -o "$here/corpus_load" "$erl_dir/$m.erl"
done

cat > "$tmp/seeds.escript" <<'EOF'
-mode(compile).

main([Ext, Bits]) ->
    Terms = [0, 255, 256, -1, 1 bsl 31, -(1 bsl 31) - 1, 1 bsl 64, -(1 bsl 70), 1 bsl 2100,
             1.5, -0.0, 1.0e300, 5.0e-324, ok, '', 'hé', 'λx',
             list_to_atom(lists:duplicate(255, $a)),
             {}, {a, 1}, list_to_tuple(lists:seq(1, 300)), [], "abc", [1, 2 | 3],
             [a, [b, [c, [d]]], {x, "y"}], lists:seq(1, 300), lists:duplicate(1000, 7),
             <<>>, <<1, 2, 3>>, <<1:1>>, <<1, 2, 3:5>>, binary:copy(<<"xyz">>, 100),
             #{}, #{a => 1, b => [2], {c} => #{d => e}},
             maps:from_list([{K, K} || K <- lists:seq(1, 40)]),
             self(), make_ref(), hd(erlang:ports()), fun lists:map/2,
             {[<<"deep">>, #{k => {1.0, -5}}], 'nonode@nohost', [[[[[[]]]]]]}],
    Opts = [[], [{minor_version, 0}], [{minor_version, 1}], [compressed], [{compressed, 9}]],
    lists:foreach(
        fun({I, T}) ->
            lists:foreach(
                fun({J, O}) ->
                    B = term_to_binary(T, O),
                    Name = io_lib:format("t~3..0w_~w", [I, J]),
                    ok = file:write_file(filename:join(Ext, Name), B)
                end, lists:zip(lists:seq(1, length(Opts)), Opts))
        end, lists:zip(lists:seq(1, length(Terms)), Terms)),
    %% fuzz_bits: <<Cut:2, Cut:3, Off:3, Steps, (Kind, N) * Steps, Subject/binary>>
    Subjects = [<<>>, <<"hello, world">>, <<1, 2, 3, 255, 254, 128, 0, 7>>,
                unicode:characters_to_binary("aé€😀"),
                unicode:characters_to_binary("aé€😀", utf8, {utf16, little}),
                unicode:characters_to_binary("aé€😀", utf8, utf32),
                <<1.5:64/float, 2.5:32/float, 1.0:16/float, -3.0:64/float-little>>,
                binary:copy(<<16#A5>>, 100)],
    Programs = [[{0, 8}, {16#20, 8}, {16#10, 12}, {16#30, 3}, {1, 4}, {16#11, 9}],
                [{2, 0}, {2, 1}, {2, 2}, {16#12, 1}, {16#12, 2}],
                [{6, 0}, {6, 0}, {7, 0}, {16#17, 0}, {8, 0}, {16#18, 0}],
                [{3, 5}, {4, 2}, {5, 0}, {9, 7}, {10, 3}, {11, 0}, {9, 9}, {12, 0}, {13, 0}],
                [{0, 0}, {0, 64}, {16#20, 65}, {16#10, 130}, {16#70, 200}, {1, 20}, {14, 5}]],
    lists:foreach(
        fun({I, S}) ->
            lists:foreach(
                fun({J, P}) ->
                    Head = <<((I + J) rem 8):3, (I rem 2):2, (J rem 8):3>>,
                    Prog = << <<K, N>> || {K, N} <- P >>,
                    Name = io_lib:format("s~w_p~w", [I, J]),
                    ok = file:write_file(filename:join(Bits, Name),
                                         <<Head/binary, (length(P)), Prog/binary, S/binary>>)
                end, lists:zip(lists:seq(1, length(Programs)), Programs))
        end, lists:zip(lists:seq(1, length(Subjects)), Subjects)).
EOF
escript "$tmp/seeds.escript" "$here/corpus_ext" "$here/corpus_bits"
