%% ets_ordered: ordered_set tables: term order of keys of every type, keys
%% equal by == (1 and 1.0), first/next/last/prev (also on absent keys),
%% select/3 chunks and continuations, select_reverse, slot, folds.
-module(ets_ordered).
-export([start/0]).

t(F) -> try F() catch C:R -> {C, R} end.

keys() ->
    [3, -1, 2.5, 1 bsl 80, -(1 bsl 70), atom, zzz, '', {1}, {1, 2}, {0, 0, 0}, [], [a], [a | b],
     "abc", <<>>, <<1, 2>>, <<1:3>>, #{}, #{a => 1}, {[]}, 1.0e10].

start() ->
    [{order, order()}, {numeq, numeq()}, {walks, walks()}, {chunks, chunks()},
     {reverse, reverse()}, {slots, slots()}, {folds, folds()}, {keypos, keypos()}].

order() ->
    T = ets:new(o, [ordered_set]),
    ets:insert(T, [{K, V} || {K, V} <- lists:zip(keys(), lists:seq(1, length(keys())))]),
    L = ets:tab2list(T),
    Keys = [K || {K, _} <- L],
    {Keys =:= lists:sort(keys()), Keys, walk(T, ets:first(T)), walk_back(T, ets:last(T))}.

walk(_, '$end_of_table') -> [];
walk(T, K) -> [K | walk(T, ets:next(T, K))].

walk_back(_, '$end_of_table') -> [];
walk_back(T, K) -> [K | walk_back(T, ets:prev(T, K))].

numeq() ->
    T = ets:new(n, [ordered_set]),
    ets:insert(T, {1, int}),
    A = ets:lookup(T, 1.0),
    ets:insert(T, {1.0, float}),
    B = ets:lookup(T, 1),
    C = ets:insert_new(T, {1, again}),
    D = ets:member(T, 1.0),
    ets:insert(T, [{2, a}, {2.0, b}, {3.0, 7}]),
    E = ets:tab2list(T),
    F = ets:update_counter(T, 3, {2, 1}, {0, 0}),
    ets:insert(T, {3, 10}),
    G = ets:update_counter(T, 3.0, 5),
    H = ets:delete(T, 2.0),
    I = ets:tab2list(T),
    J = ets:select(T, [{{1, '_'}, [], ['$_']}]),
    K = ets:select(T, [{{1.0, '_'}, [], ['$_']}]),
    L = ets:match_object(T, {3, '_'}),
    M = ets:next(T, 1),
    {A, B, C, D, E, F, G, H, I, J, K, L, M}.

walks() ->
    T = ets:new(w, [ordered_set]),
    E0 = {ets:first(T), ets:last(T), ets:next(T, a), ets:prev(T, a)},
    ets:insert(T, [{K} || K <- [10, 20, 30, 40]]),
    {E0,
     [ets:next(T, K) || K <- [0, 10, 15, 20, 40, 50, a]],
     [ets:prev(T, K) || K <- [0, 10, 15, 20, 40, 50, a]],
     {ets:first(T), ets:last(T)}}.

all_chunks('$end_of_table') -> [eot];
all_chunks({L, '$end_of_table'}) -> [L, done];
all_chunks({L, C}) -> [L | all_chunks(ets:select(C))].

chunks() ->
    T = ets:new(c, [ordered_set]),
    ets:insert(T, [{I, I * 10} || I <- lists:seq(1, 20)]),
    MS = [{{'$1', '$2'}, [{'<', '$1', 12}], ['$2']}],
    A = [all_chunks(ets:select(T, MS, N)) || N <- [1, 3, 5, 11, 12, 100]],
    B = all_chunks(ets:select(T, [{{'$1', '_'}, [{'>', '$1', 100}], ['$1']}], 3)),
    C = all_chunks(ets:match(T, {'$1', '_'}, 7)),
    D = all_chunks(ets:match_object(T, {'_', 50}, 2)),
    E = t(fun() -> ets:select(T, MS, 0) end),
    F = t(fun() -> ets:select(T, MS, a) end),
    G = ets:select('$end_of_table'),
    H = t(fun() -> ets:select(foo) end),
    %% the table changes between chunks
    {L1, C1} = ets:select(T, [{{'$1', '_'}, [], ['$1']}], 4),
    ets:delete(T, 5),
    ets:insert(T, {4.5, x}),
    ets:insert(T, {3.5, x}),
    {L2, _} = ets:select(C1),
    {A, B, C, D, E, F, G, H, L1, L2}.

all_rchunks('$end_of_table') -> [eot];
all_rchunks({L, '$end_of_table'}) -> [L, done];
all_rchunks({L, C}) -> [L | all_rchunks(ets:select_reverse(C))].

reverse() ->
    T = ets:new(r, [ordered_set]),
    ets:insert(T, [{I, I rem 3} || I <- lists:seq(1, 15)]),
    MS = [{{'$1', '$2'}, [{'=/=', '$2', 0}], ['$1']}],
    {ets:select_reverse(T, MS),
     all_rchunks(ets:select_reverse(T, MS, 4)),
     all_rchunks(ets:select_reverse(T, MS, 10)),
     ets:select_reverse(T, [{{'$1', '_'}, [{'>', '$1', 99}], ['$1']}])}.

slots() ->
    T = ets:new(s, [ordered_set]),
    ets:insert(T, [{K} || K <- [c, a, b]]),
    [t(fun() -> ets:slot(T, I) end) || I <- [0, 1, 2, 3, 4, -1, x]].

folds() ->
    T = ets:new(f, [ordered_set]),
    ets:insert(T, [{K, K * 2} || K <- lists:seq(1, 10)]),
    {ets:foldl(fun({K, _}, A) -> [K | A] end, [], T),
     ets:foldr(fun({K, _}, A) -> [K | A] end, [], T),
     ets:tab2list(T)}.

keypos() ->
    T = ets:new(k, [ordered_set, {keypos, 3}]),
    ets:insert(T, [{x, 1, c}, {y, 2, a}, {z, 3, b}, {w, 4, a}]),
    {ets:tab2list(T), ets:first(T), ets:lookup(T, a), ets:lookup_element(T, b, 1),
     ets:select(T, [{{'$1', '_', '$2'}, [], [{{'$2', '$1'}}]}])}.
