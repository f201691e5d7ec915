%% otp_maps: OTP's maps module across its API (small and large maps).
-module(otp_maps).
-export([start/0]).

start() ->
    M = #{a => 1, b => 2, c => 3},
    Big = maps:from_list([{I, I * I} || I <- lists:seq(1, 200)]),
    It = maps:iterator(M),
    [maps:get(a, M), maps:get(z, M, def), maps:find(b, M), maps:find(z, M), maps:is_key(c, M),
     maps:keys(M), maps:values(M), maps:to_list(M), maps:put(d, 4, M), maps:remove(a, M),
     maps:update(a, 10, M), c(fun() -> maps:update(z, 1, M) end),
     maps:update_with(a, fun(V) -> V + 1 end, M),
     maps:update_with(z, fun(V) -> V + 1 end, 0, M), c(fun() -> maps:get(z, M) end),
     maps:merge(M, #{c => 30, e => 5}), maps:merge_with(fun(_K, A, B) -> A + B end, M, #{a => 100}),
     maps:map(fun(K, V) -> {K, V} end, M), maps:filter(fun(_, V) -> V > 1 end, M),
     maps:filtermap(fun(_, 1) -> false; (_, V) -> {true, V * 2} end, M),
     maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], M), maps:size(M), map_size(Big),
     maps:with([a, c, z], M), maps:without([a], M), maps:take(a, M), maps:take(z, M),
     maps:from_keys([x, y], 0), maps:groups_from_list(fun(X) -> X rem 3 end, lists:seq(1, 10)),
     maps:groups_from_list(fun(X) -> X rem 2 end, fun(X) -> X * X end, [1, 2, 3]),
     maps:intersect(M, #{a => x, z => y}),
     maps:intersect_with(fun(_, A, B) -> {A, B} end, M, #{b => q}),
     maps:next(maps:next(It)) =/= none, maps:new(), maps:from_list([]),
     c(fun() -> maps:get(a, notamap) end), c(fun() -> maps:put(a, 1, []) end),
     maps:get(150, Big), maps:fold(fun(K, V, A) -> K + V + A end, 0, Big),
     lists:sort(maps:keys(maps:filter(fun(K, _) -> K rem 40 == 0 end, Big))),
     lists:sort(maps:to_list(maps:with([1, 2, 3, 199], Big))),
     maps:size(maps:without(lists:seq(1, 100), Big)),
     maps:foreach(fun(K, V) -> put(K, V) end, M), get(b),
     lists:sort(iter_all(maps:iterator(Big), [])) =:= lists:sort(maps:to_list(Big)),
     match(M), M#{a => x}, M#{b := y}].

match(#{a := A, b := B}) -> {A, B}.

iter_all(I, Acc) ->
    case maps:next(I) of
        none -> Acc;
        {K, V, I2} -> iter_all(I2, [{K, V} | Acc])
    end.

c(F) ->
    try F() catch C:R -> {C, R} end.
