%% bench_fib: function calls and small-integer arithmetic, naive fib(30).
-module(bench_fib).
-export([main/0]).

main() ->
    T0 = erlang:monotonic_time(),
    R = fib(30),
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [R, erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
