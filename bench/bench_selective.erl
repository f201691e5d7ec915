%% bench_selective: selective receive of 15,000 queued messages in the
%% reverse order of their arrival.
-module(bench_selective).
-export([main/0]).

-define(N, 15000).

main() ->
    Self = self(),
    [Self ! {msg, I} || I <- lists:seq(1, ?N)],
    T0 = erlang:monotonic_time(),
    R = take(?N, 0),
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [R, erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

take(0, Sum) -> Sum;
take(I, Sum) -> receive {msg, I} -> take(I - 1, Sum + I) end.
