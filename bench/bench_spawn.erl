%% bench_spawn: spawning 100,000 processes that each send one message back.
-module(bench_spawn).
-export([main/0]).

-define(N, 100000).

main() ->
    T0 = erlang:monotonic_time(),
    Self = self(),
    [spawn(fun() -> Self ! {done, I} end) || I <- lists:seq(1, ?N)],
    R = collect(?N, 0),
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [R, erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

collect(0, Sum) -> Sum;
collect(N, Sum) -> receive {done, I} -> collect(N - 1, Sum + I) end.
