%% Deep and wide trees: a balanced tree, a deeply nested term built by
%% body recursion, and trees rebuilt many times so old versions die.
-module(gc_trees).
-export([start/0]).

start() ->
    T = tree(17),
    Deep = nest(200000),
    T2 = lists:foldl(fun(I, Acc) -> insert(I, Acc) end, nil,
                     [(I * 7919) rem 100003 || I <- lists:seq(1, 100000)]),
    Rebuilt = rebuild(T, 10),
    {count(T), depth(Deep, 0), count(T2), to_list_len(T2), count(Rebuilt),
     sum_leaves(Rebuilt), unnest(Deep)}.

tree(0) -> {leaf, 1};
tree(N) -> {node, tree(N - 1), tree(N - 1)}.

count({leaf, _}) -> 1;
count({node, L, R}) -> count(L) + count(R);
count(nil) -> 0;
count({K, L, R, _V}) when is_integer(K) -> 1 + count(L) + count(R).

nest(0) -> [];
nest(N) -> [{N, nest(N - 1)}].

depth([], D) -> D;
depth([{_, Rest}], D) -> depth(Rest, D + 1).

unnest([]) -> 0;
unnest([{N, Rest}]) -> N + unnest(Rest).

insert(K, nil) -> {K, nil, nil, [K]};
insert(K, {K2, L, R, V}) when K < K2 -> {K2, insert(K, L), R, V};
insert(K, {K2, L, R, V}) when K > K2 -> {K2, L, insert(K, R), V};
insert(_, T) -> T.

to_list_len(T) -> length(to_list(T, [])).

to_list(nil, Acc) -> Acc;
to_list({K, L, R, _}, Acc) -> to_list(L, [K | to_list(R, Acc)]).

rebuild(T, 0) -> T;
rebuild(T, N) -> rebuild(bump(T), N - 1).

bump({leaf, X}) -> {leaf, X + 1};
bump({node, L, R}) -> {node, bump(L), bump(R)}.

sum_leaves({leaf, X}) -> X;
sum_leaves({node, L, R}) -> sum_leaves(L) + sum_leaves(R).
