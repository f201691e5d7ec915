%% A map of 100,000 integer keys: sizes, gets, updates, removes and folds.
%% Large maps with integer keys iterate in OTP's order, so keys lists are
%% compared directly.
-module(map_big).
-export([start/0]).

-define(N, 100000).

start() ->
    M = maps:from_list([{I, I * I} || I <- lists:seq(1, ?N)]),
    M2 = lists:foldl(fun(I, A) -> A#{I => -I} end, M, lists:seq(1, ?N, 3)),
    M3 = lists:foldl(fun(I, A) -> maps:remove(I, A) end, M2, lists:seq(2, ?N, 2)),
    M4 = lists:foldl(fun(I, A) -> maps:put(I, I, A) end, #{}, lists:seq(?N, 1, -1)),
    Sum = maps:fold(fun(K, V, A) -> K + V + A end, 0, M3),
    [map_size(M), map_size(M2), map_size(M3), map_size(M4),
     maps:get(77777, M), maps:get(4, M2), maps:get(5, M2), maps:is_key(2, M3),
     maps:find(99999, M3), Sum,
     lists:sublist(maps:keys(M3), 20), lists:sublist(maps:values(M3), 20),
     lists:sum(maps:keys(M4)), M4 =:= maps:from_list([{I, I} || I <- lists:seq(1, ?N)]),
     maps:merge(M3, #{1 => x, -1 => y}) =:= M3#{1 => x, -1 => y},
     length(maps:to_list(M)), lists:sublist(maps:to_list(M), 5),
     erlang:phash2(M3), erlang:phash2(maps:from_list([{I, I} || I <- lists:seq(1, 1000)])),
     map_size(maps:filter(fun(K, _) -> K rem 7 =:= 0 end, M)),
     lists:sort(maps:keys(maps:from_list([{I, x} || I <- lists:seq(1, 40)]))) =:= lists:seq(1, 40)].
