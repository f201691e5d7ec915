%% The BIFs on binaries: erlang's, the binary module's and unicode's.
-module(bin_bifs).
-export([start/0]).

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

start() ->
    [erlang_bifs(), binary_bifs(), unicode_bifs()].

erlang_bifs() ->
    B = id(<<"hello world">>), Bits = id(<<1, 2, 3:4>>),
    Deep = lists:foldl(fun(I, Acc) -> [Acc, I band 255] end, [], lists:seq(1, 100000)),
    [binary_to_list(B), binary_to_list(B, 2, 5), t(fun() -> binary_to_list(B, 5, 2) end),
     t(fun() -> binary_to_list(Bits) end), bitstring_to_list(Bits),
     list_to_binary(id([1, [2, <<3>>], [] | <<4>>])), t(fun() -> list_to_binary(<<1>>) end),
     t(fun() -> list_to_binary([1 | 2]) end), t(fun() -> list_to_binary([256]) end),
     t(fun() -> list_to_binary([Bits]) end), list_to_bitstring(id([Bits, 1 | Bits])),
     iolist_to_binary(B), iolist_to_binary([B, $!]), iolist_size([B, [1, 2], <<3>>]),
     iolist_size(Deep), erlang:md5(iolist_to_binary(Deep)),
     binary_part(B, 2, 3), binary_part(B, {5, -3}), t(fun() -> binary_part(B, 10, 5) end),
     split_binary(B, 5), t(fun() -> split_binary(B, 12) end),
     byte_size(Bits), bit_size(Bits), is_binary(Bits), is_bitstring(Bits), is_binary(B),
     t(fun() -> byte_size(id(a)) end),
     atom_to_binary(hello), atom_to_binary('héllo', latin1), atom_to_binary('héllo', utf8),
     t(fun() -> atom_to_binary(list_to_atom([8364]), latin1) end),
     binary_to_atom(<<"abc">>), binary_to_atom(<<"h", 233, "llo">>, latin1),
     binary_to_existing_atom(<<"true">>, utf8),
     t(fun() -> binary_to_existing_atom(<<"no_such_atom_zzqx">>) end),
     t(fun() -> binary_to_atom(<<255>>, utf8) end),
     t(fun() -> binary_to_atom(binary:copy(<<"a">>, 256)) end),
     if byte_size(B) > 3, bit_size(Bits) == 20 -> guard_ok; true -> guard_bad end].

binary_bifs() ->
    S = id(<<"abcabcabc">>),
    [binary:at(S, 3), t(fun() -> binary:at(S, 9) end), binary:first(S), binary:last(S),
     t(fun() -> binary:first(<<>>) end), binary:part(S, 1, 3), binary:part(S, {9, -2}),
     binary:bin_to_list(S), binary:bin_to_list(S, {1, 2}), binary:bin_to_list(S, 8, -3),
     binary:list_to_bin([<<"x">>, $y]), binary:copy(<<"ab">>, 3), binary:copy(<<"ab">>, 0),
     binary:decode_unsigned(<<1, 0>>), binary:decode_unsigned(<<1, 0>>, little),
     binary:decode_unsigned(binary:copy(<<255>>, 20)), binary:decode_unsigned(<<>>),
     binary:encode_unsigned(0), binary:encode_unsigned(1 bsl 80),
     binary:encode_unsigned(256, little), t(fun() -> binary:encode_unsigned(-1) end),
     binary:longest_common_prefix([<<"abcd">>, <<"abxx">>, <<"ab">>]),
     binary:longest_common_suffix([<<"xabc">>, <<"bc">>]),
     t(fun() -> binary:longest_common_prefix([]) end),
     binary:match(S, <<"ca">>), binary:match(S, [<<"b">>, <<"bc">>]),
     binary:match(S, <<"zz">>), binary:match(S, <<"c">>, [{scope, {3, 3}}]),
     binary:match(S, <<"c">>, [{scope, {9, -4}}]),
     t(fun() -> binary:match(S, <<>>) end), t(fun() -> binary:match(S, []) end),
     binary:matches(S, <<"bc">>), binary:matches(<<"aaaa">>, <<"aa">>),
     binary:matches(S, [<<"a">>, <<"ab">>, <<"abc">>], [{scope, {1, 8}}]),
     binary:matches(S, binary:compile_pattern([<<"c">>, <<"ca">>])),
     binary:split(<<",a,,b,">>, <<",">>, [global]),
     binary:split(<<",a,,b,,">>, <<",">>, [global, trim]),
     binary:split(<<",a,,b,,">>, <<",">>, [global, trim_all]),
     binary:split(<<",a,,b,,">>, <<",">>, [trim_all]),
     binary:split(<<"a,b,c">>, <<",">>, [{scope, {2, 3}}, global]),
     binary:split(<<>>, <<",">>, [trim]), binary:split(<<>>, <<",">>),
     binary:split(S, [<<"b">>, <<"ca">>], [global]),
     t(fun() -> binary:split(S, <<"b">>, [bad_option]) end),
     binary:replace(S, <<"b">>, <<"XY">>, [global]),
     binary:replace(S, <<"b">>, <<"[]">>, [{insert_replaced, 1}]),
     binary:referenced_byte_size(binary:part(binary:copy(<<"a">>, 1000), 1, 500))].

unicode_bifs() ->
    Cases = [[97, -1, 98], [[97, -1], 98], [[97, [-1, 3]], 98 | <<"z">>], <<97, 255, 98>>,
             [<<97, 255>>, 98], <<97, 16#E2, 16#82>>, [<<97, 16#E2, 16#82>>],
             "h€llo", [<<"ab">>, [16#10FFFF]], [16#D800], [16#110000]],
    [[t(fun() -> unicode:characters_to_binary(C) end) || C <- Cases],
     [t(fun() -> unicode:characters_to_list(C) end) || C <- Cases],
     [t(fun() -> unicode:characters_to_binary(C) end) || C <- [[300, a], {a}, [1 | 2], 97]],
     unicode:characters_to_binary("h€", unicode, utf16),
     unicode:characters_to_binary("h€", unicode, {utf16, little}),
     unicode:characters_to_binary([16#1F600], unicode, {utf32, little}),
     unicode:characters_to_binary(<<0, 97, 216, 61, 222, 0>>, utf16, utf8),
     unicode:characters_to_binary(<<0, 97, 0>>, utf16, utf8),
     unicode:characters_to_list(<<0, 0, 0, 97, 0, 0, 32, 172>>, utf32),
     unicode:characters_to_list(<<97, 0, 172, 32>>, {utf16, little}),
     unicode:characters_to_binary([<<200>>, 201], latin1),
     unicode:characters_to_binary([<<200>>, 201], latin1, latin1),
     unicode:characters_to_binary([97, 200], unicode, latin1),
     unicode:characters_to_list(<<200, 201>>, latin1),
     t(fun() -> unicode:characters_to_binary("a", foo) end),
     unicode:bin_is_7bit(<<"abc">>), unicode:bin_is_7bit(<<"ab", 200>>)].
