%% The bit syntax: construction and matching of every segment type and
%% flag, sizes that are not whole bytes, and the errors.
-module(bin_syntax).
-export([start/0]).

start() ->
    [integers(), floats(), binaries(), utf(), matching(), errors()].

id(X) -> X.

try_(F) ->
    try F() catch C:R -> {C, R} end.

integers() ->
    X = id(16#ABC), N = id(-1), B = id(1 bsl 65),
    [<<X:12>>, <<X:12/little>>, <<X:12/native>>, <<X:16/little-signed>>,
     <<N:70, 1:3>>, <<B:67/little>>, <<B:72>>, <<(-B):72/signed>>, <<(-B):80/little>>,
     <<X:0>>, <<1:1, 0:1, 1:1>>, <<(id(300)):8>>, <<(id(-129)):8/signed>>,
     <<(id(255)):4, (id(3)):2/little>>].

floats() ->
    [<<(id(1.5)):64/float>>, <<(id(1.5)):32/float>>, <<(id(1.5)):16/float>>,
     <<(id(-2.25)):64/little-float>>, <<(id(3)):32/float>>, <<(id(1.0e300)):32/float>>,
     <<(id(65520.0)):16/float>>, <<(id(1.0e-10)):16/float, (id(3.0e-5)):16/float>>,
     <<(id(1 bsl 70)):64/float>>, <<(id(0.1)):64/native-float>>].

binaries() ->
    Bin = id(<<1, 2, 3>>), Bits = id(<<1:1, 1:2>>),
    [<<Bin/binary, Bits/bitstring>>, <<Bin:2/binary>>, <<Bits/bitstring, Bin/binary>>,
     <<Bin:1/binary-unit:16>>, <<Bits:2/bits>>, <<"abc", "de">>, <<"é"/utf8>>,
     byte_size(<<Bits/bits, Bin/binary>>), bit_size(<<Bits/bits, Bin/binary>>)].

utf() ->
    Cs = [0, 16#7F, 16#80, 16#7FF, 16#800, 16#FFFF, 16#10000, 16#10FFFF, 16#20AC],
    [[<<C/utf8>> || C <- Cs], [<<C/utf16>> || C <- Cs], [<<C/utf16-little>> || C <- Cs],
     [<<C/utf32>> || C <- Cs], [<<C/utf32-little>> || C <- Cs],
     [begin <<D/utf8>> = <<C/utf8>>, D end || C <- Cs],
     [begin <<D/utf16-little>> = <<C/utf16-little>>, D end || C <- Cs],
     [begin <<D/utf32>> = <<C/utf32>>, D end || C <- Cs]].

matching() ->
    <<A:12, B:4/little, C:3/signed, D:5, E/binary>> = id(<<16#ABCD:16, 16#F0, "rest">>),
    <<F:12/little>> = id(<<16#BC, 16#A:4>>),
    <<G:12/little-signed>> = id(<<16#BC, 16#A:4>>),
    <<H:64/float, I:32/little-float, J:16/float>> =
        id(<<1.5:64/float, 2.5:32/little-float, 0.5:16/float>>),
    <<K:100/signed, L:28>> = id(<<(-(1 bsl 90)):100, 5:28>>),
    <<_:3, M:5/binary, N/bits>> = id(<<"abcdefg">>),
    Inf = try_(fun() -> <<X:32/float>> = id(<<16#7F800000:32>>), X end),
    NaN = try_(fun() -> <<X:64/float>> = id(<<16#7FF8000000000000:64>>), X end),
    Bad8 = try_(fun() -> <<X/utf8>> = id(<<16#C0, 16#80>>), X end),
    Sur = try_(fun() -> <<X/utf16>> = id(<<16#DC00:16>>), X end),
    Short = try_(fun() -> <<X:9>> = id(<<1>>), X end),
    [A, B, C, D, E, F, G, H, I, J, K, L, M, N, Inf, NaN, Bad8, Sur, Short,
     [X || <<X:3>> <= id(<<"abc">>)], << <<(Y+1)>> || <<Y>> <= id(<<1,2,3>>) >>].

errors() ->
    [try_(fun() -> <<(id(a)):8>> end), try_(fun() -> <<(id(1)):(id(-1))>> end),
     try_(fun() -> <<(id(1.5)):8>> end), try_(fun() -> <<(id(<<1:7>>))/binary>> end),
     try_(fun() -> <<(id(<<1, 2>>)):3/binary>> end), try_(fun() -> <<(id(16#D800))/utf8>> end),
     try_(fun() -> <<(id(16#110000))/utf32>> end), try_(fun() -> <<(id(-1))/utf16>> end),
     try_(fun() -> <<(id(1 bsl 2000)):64/float>> end),
     try_(fun() -> <<1:(id(1 bsl 62))>> end), try_(fun() -> <<(id(a))/binary>> end)].
