%% bench_map: a map of 100,000 integer keys, built with maps:put/3 and read
%% back with maps:get/2.
-module(bench_map).
-export([main/0]).

-define(N, 100000).

main() ->
    T0 = erlang:monotonic_time(),
    M = put_all(1, #{}),
    R = {map_size(M), get_all(1, M, 0)},
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [R, erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

put_all(K, M) when K > ?N -> M;
put_all(K, M) -> put_all(K + 1, maps:put(K, K * 3, M)).

get_all(K, _, Sum) when K > ?N -> Sum;
get_all(K, M, Sum) -> get_all(K + 1, M, Sum + maps:get(K, M)).
