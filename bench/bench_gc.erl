%% bench_gc: a large live set (a gb_tree of 1,000,000 entries) kept while
%% the process allocates short-lived garbage: each round builds a list of
%% 1,000 tuples, sums it and drops it, and looks a key up in the tree; every
%% 20th round it also sends itself a message and receives it (a received
%% message joins the heap, which asks for a collection). The collector's cost
%% here is what it spends on data that stays alive.
-module(bench_gc).
-export([main/0]).

-define(N, 1000000).
-define(ROUNDS, 4000).
-define(LEN, 1000).

main() ->
    T0 = erlang:monotonic_time(),
    Tree = gb_trees:from_orddict([{K, K * 3} || K <- lists:seq(1, ?N)]),
    R = {gb_trees:size(Tree), churn(1, Tree, 0)},
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [R, erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

churn(I, _, Acc) when I > ?ROUNDS -> Acc;
churn(I, Tree, Acc) ->
    L = [{X, X * I} || X <- lists:seq(1, ?LEN)],
    S = lists:foldl(fun({_, Y}, A) -> A + Y end, 0, L),
    V = gb_trees:get((I * 7919) rem ?N + 1, Tree),
    M = case I rem 20 of
            0 ->
                self() ! {tick, I},
                receive {tick, J} -> J end;
            _ ->
                0
        end,
    churn(I + 1, Tree, (Acc + S + V + M) rem 1000000007).
