%% bench_idle: spawning 1,000,000 processes that wait forever, then the
%% memory of one of them as process_info(P, memory) reports it (printed as
%% 'idle_bytes', beside the timing; the resident memory of the whole run is
%% what bench/run.sh's caller can read with /usr/bin/time).
-module(bench_idle).
-export([main/0, idle/0]).

-define(N, 1000000).

main() ->
    T0 = erlang:monotonic_time(),
    Ps = spawn_all(?N, []),
    T1 = erlang:monotonic_time(),
    {memory, Bytes} = process_info(hd(Ps), memory),
    io:format("result ~p~ntime_us ~b~nidle_bytes ~b~n",
              [length(Ps), erlang:convert_time_unit(T1 - T0, native, microsecond), Bytes]),
    halt().

spawn_all(0, Acc) -> Acc;
spawn_all(N, Acc) -> spawn_all(N - 1, [spawn(?MODULE, idle, []) | Acc]).

idle() -> receive stop -> ok end.
