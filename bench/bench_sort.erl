%% bench_sort: list building and lists:sort/1 of 100,000 pseudo-random
%% integers (a fixed linear congruential sequence, so every run is alike).
-module(bench_sort).
-export([main/0]).

main() ->
    T0 = erlang:monotonic_time(),
    L = lists:sort(build(100000, 12345, [])),
    R = {length(L), lists:sum(lists:sublist(L, 10)), lists:last(L)},
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [R, erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

build(0, _, Acc) -> Acc;
build(N, X, Acc) ->
    Next = (X * 1103515245 + 12345) band 16#7fffffff,
    build(N - 1, Next, [Next | Acc]).
