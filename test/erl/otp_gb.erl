%% otp_gb: OTP's gb_trees and gb_sets modules.
-module(otp_gb).
-export([start/0]).

start() ->
    Keys = [(I * 7919) rem 1009 || I <- lists:seq(1, 500)],
    T = lists:foldl(fun(K, A) -> gb_trees:enter(K, K * 2, A) end, gb_trees:empty(), Keys),
    T1 = gb_trees:insert(-1, neg, T),
    T2 = lists:foldl(fun gb_trees:delete/2, T, lists:sublist(Keys, 200)),
    It = gb_trees:iterator_from(500, T),
    {K1, V1, It2} = gb_trees:next(It),
    S = gb_sets:from_list(Keys),
    S2 = gb_sets:from_ordset(lists:seq(1, 50)),
    [gb_trees:size(T), gb_trees:lookup(7919 rem 1009, T), gb_trees:lookup(-5, T),
     gb_trees:get(-1, T1), gb_trees:is_defined(-1, T1), gb_trees:smallest(T), gb_trees:largest(T),
     gb_trees:size(T2),
     gb_trees:keys(gb_trees:balance(T2)) =:= lists:sort(lists:nthtail(200, Keys)),
     lists:sublist(gb_trees:to_list(T), 5), lists:sublist(gb_trees:values(T), 5),
     element(1, gb_trees:take_smallest(T)), element(1, gb_trees:take_largest(T)),
     K1, V1, element(1, gb_trees:next(It2)), gb_trees:update(-1, pos, T1) =/= T1,
     gb_trees:lookup(-1, gb_trees:update(-1, pos, T1)), gb_trees:delete_any(-99, T1) =:= T1,
     gb_trees:is_empty(gb_trees:empty()), gb_trees:to_list(gb_trees:from_orddict([{a, 1}, {b, 2}])),
     gb_trees:to_list(gb_trees:map(fun(_, V) -> V + 1 end, gb_trees:from_orddict([{a, 1}]))),
     element(1, gb_trees:take(-1, T1)), gb_trees:take_any(-7, T1) =:= error,
     c(fun() -> gb_trees:insert(-1, x, T1) end), c(fun() -> gb_trees:get(-100, T) end),
     gb_sets:size(S), gb_sets:is_member(2, S), gb_sets:smallest(S), gb_sets:largest(S),
     gb_sets:to_list(gb_sets:intersection(S, S2)), gb_sets:size(gb_sets:union(S, S2)),
     gb_sets:size(gb_sets:subtract(S, S2)), gb_sets:is_subset(S2, S),
     gb_sets:is_disjoint(S2, gb_sets:from_list([0])),
     gb_sets:to_list(gb_sets:filter(fun(X) -> X > 1000 end, S)),
     gb_sets:fold(fun(X, A) -> X + A end, 0, S),
     gb_sets:to_list(gb_sets:add(0, gb_sets:singleton(1))),
     gb_sets:to_list(gb_sets:del_element(3, S2)) -- lists:seq(4, 50),
     gb_sets:next(gb_sets:iterator_from(25, S2)) =/= none,
     gb_sets:to_list(gb_sets:difference(S2, S)),
     element(1, gb_sets:take_smallest(S2)), element(1, gb_sets:take_largest(S2)),
     gb_sets:to_list(gb_sets:delete_any(7, gb_sets:insert(0, S2))) -- lists:seq(8, 50),
     gb_sets:to_list(gb_sets:union([S2, gb_sets:from_list([100, 200])])) -- lists:seq(1, 50),
     gb_sets:is_set(S), gb_sets:is_element(1009, S), gb_sets:size(gb_sets:balance(S))].

c(F) ->
    try F() catch C:R -> {C, R} end.
