%% bench_ring: a ring of 1,000 processes passing a token around 1,000 times
%% (1,000,000 messages).
-module(bench_ring).
-export([main/0]).

-define(PROCS, 1000).
-define(ROUNDS, 1000).

main() ->
    T0 = erlang:monotonic_time(),
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, Self,
                        lists:seq(1, ?PROCS - 1)),
    R = go(First, ?ROUNDS, 0),
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [R, erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

go(_, 0, Hops) -> Hops;
go(First, N, Hops) ->
    First ! {token, 0},
    receive {token, K} -> go(First, N - 1, Hops + K + 1) end.

relay(Next) ->
    receive {token, K} -> Next ! {token, K + 1}, relay(Next) end.
