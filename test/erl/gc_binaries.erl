%% Binaries kept across many collections: large (off-heap) ones, small
%% ones, and slices of both, while garbage binaries come and go.
-module(gc_binaries).
-export([start/0]).

start() ->
    Large = [<<I:32, 0:(8 * 1000)>> || I <- lists:seq(1, 200)],
    Small = [<<I:16, "abc">> || I <- lists:seq(1, 2000)],
    Slices = [binary:part(B, 2, 10) || B <- Large],
    Tails = [T || <<_:8, T/binary>> <- Small],
    churn(300),
    Bits = [<<I:3>> || I <- lists:seq(0, 7)],
    {lists:sum([byte_size(B) || B <- Large]),
     lists:sum([byte_size(B) || B <- Small]),
     hd(Slices), lists:last(Tails),
     [X || <<X:32, _/binary>> <- lists:sublist(Large, 5)],
     Bits, << <<B/bitstring>> || B <- Bits >>,
     checksum(iolist_to_binary(Large), 0)}.

checksum(<<B, Rest/binary>>, Acc) -> checksum(Rest, (Acc * 31 + B) rem 1000000007);
checksum(<<>>, Acc) -> Acc.

%% Many short-lived large binaries.
churn(0) -> ok;
churn(N) ->
    B = binary:copy(<<N:32>>, 5000),
    _ = byte_size(B),
    churn(N - 1).
