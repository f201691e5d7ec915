%% Maps: construction, lookup, update, errors and the maps module on small
%% and just-large maps (around the 32-key boundary).
-module(map_basic).
-export([start/0]).

start() ->
    M0 = #{},
    M1 = M0#{a => 1, b => 2},
    M2 = M1#{a := 10},
    M3 = maps:put(c, 3, M2),
    Big = maps:from_list([{I, I * 2} || I <- lists:seq(1, 33)]),
    Small = maps:remove(1, Big),
    [map_size(M0), map_size(M3), M3, maps:get(a, M3), maps:get(z, M3, default),
     maps:find(b, M3), maps:find(z, M3), is_map_key(c, M3), is_map(M3), is_map([]),
     maps:keys(M3), maps:values(M3), maps:to_list(M3),
     maps:update(b, 20, M3), maps:take(a, M3), maps:take(z, M3),
     maps:merge(#{a => 1, b => 2}, #{b => 3, c => 4}),
     maps:from_list([{a, 1}, {b, 2}, {a, 3}]),
     maps:from_keys([x, y, z], 0),
     #{1 => int, 1.0 => float}, maps:keys(#{2 => a, 1.5 => b, 1 => c, 1.0 => d}),
     #{1 => a} =:= #{1.0 => a}, #{a => 1} == #{a => 1.0},
     map_size(Big), map_size(Small), maps:get(33, Big), maps:is_key(1, Small),
     lists:sort(maps:to_list(Small)) =:= lists:sort([{I, I * 2} || I <- lists:seq(2, 33)]),
     Small =:= maps:from_list([{I, I * 2} || I <- lists:seq(2, 33)]),
     maps:fold(fun(K, V, A) -> K + V + A end, 0, Big),
     maps:keys(Big),
     maps:iterator(#{a => 1}) =/= none,
     maps:next(maps:iterator(#{a => 1, b => 2})),
     catch_error(fun() -> maps:get(z, M3) end),
     catch_error(fun() -> maps:update(z, 1, M3) end),
     catch_error(fun() -> map_get(a, id(not_a_map)) end),
     catch_error(fun() -> map_size(id(not_a_map)) end),
     catch_error(fun() -> maps:from_list([a]) end),
     catch_error(fun() -> maps:merge(#{}, id(x)) end),
     catch_error(fun() -> M3#{z := 1} end),
     #{{t, [1]} => "s", <<"bin">> => 1.5, [] => nil},
     built(id(1), id(b), id(a))].

%% Maps built from an empty map with keys in no order, of every kind, and
%% the same key twice (known only at run time: the later value wins).
built(V, K1, K2) ->
    M = #{z => V, a => V, {t} => V, 2.0 => V, 2 => V, "s" => V, <<"b">> => V, K1 => 7},
    D = #{K1 => 1, K2 => 2, K1 => 3},
    E = #{K1 => 1, K1 => 2},
    %% updates: keys it has and keys it has not, in no order, twice
    U = D#{K2 => 20, zz => 1, 1.0 => f, K1 => 30, 1 => i, K2 => 21},
    Full = maps:from_list([{I, I} || I <- lists:seq(1, 30)]),
    G = Full#{0 => a, 31 => b, 32 => c},
    {M, maps:keys(M), D, E, map_size(D), map_size(E), D =:= #{a => 2, b => 3},
     U, maps:keys(U), map_size(G), maps:get(32, G), maps:keys(G) =:= lists:seq(0, 32)}.

catch_error(F) ->
    try F() catch error:R -> {error, R} end.

id(X) -> X.
