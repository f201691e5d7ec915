%% Building a 1 MB binary 4 bytes at a time (the in-place append), then
%% parsing it back; appending to an older value must copy.
-module(bin_append).
-export([start/0]).

start() ->
    N = 262144,
    Bin = build(0, N, <<>>),
    Sum = parse(Bin, 0),
    Old = <<"ab">>,
    A1 = <<Old/binary, 1>>,
    A2 = <<A1/binary, 2>>,
    A3 = <<A1/binary, 3>>,
    Bits = bits(0, 1000, <<>>),
    [byte_size(Bin), Sum, binary:part(Bin, 4000, 8), A1, A2, A3,
     bit_size(Bits), erlang:md5(<<Bits/bits, 0:(8 - bit_size(Bits) rem 8)>>)].

build(N, N, Acc) -> Acc;
build(I, N, Acc) -> build(I + 1, N, <<Acc/binary, I:32/little>>).

parse(<<X:32/little, Rest/binary>>, Sum) -> parse(Rest, (Sum + X) band 16#FFFFFFF);
parse(<<>>, Sum) -> Sum.

bits(N, N, Acc) -> Acc;
bits(I, N, Acc) -> bits(I + 1, N, <<Acc/bits, I:3>>).
