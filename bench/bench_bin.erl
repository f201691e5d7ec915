%% bench_bin: a 1 MB binary built by appending 4 bytes at a time, then
%% parsed back 4 bytes at a time.
-module(bench_bin).
-export([main/0]).

-define(WORDS, 262144).

main() ->
    T0 = erlang:monotonic_time(),
    B = build(0, <<>>),
    R = {byte_size(B), parse(B, 0)},
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [R, erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

build(?WORDS, Acc) -> Acc;
build(I, Acc) -> build(I + 1, <<Acc/binary, (I * 7):32>>).

parse(<<X:32, Rest/binary>>, Sum) -> parse(Rest, Sum + X);
parse(<<>>, Sum) -> Sum.
