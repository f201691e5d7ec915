%% ets_bag: bag and duplicate_bag tables: the order of a key's objects,
%% list inserts, duplicates, delete_object, lookup_element, take,
%% insert_new, select/match on groups, counting and deleting.
-module(ets_bag).
-export([start/0]).

t(F) -> try F() catch C:R -> {C, R} end.

start() ->
    [{Ty, group_order(Ty)} || Ty <- [bag, duplicate_bag]] ++
    [{Ty, ops(Ty)} || Ty <- [bag, duplicate_bag]] ++
    [{Ty, selects(Ty)} || Ty <- [bag, duplicate_bag]] ++
    [{many, many()}].

group_order(Ty) ->
    T = ets:new(b, [Ty]),
    ets:insert(T, {k, 3}), ets:insert(T, {k, 1}), ets:insert(T, {k, 2}), ets:insert(T, {k, 1}),
    A = ets:lookup(T, k),
    ets:insert(T, [{k, 5}, {k, 4}]),
    B = ets:lookup(T, k),
    ets:insert(T, [{j, 9}, {k, 7}, {j, 0}, {k, 6}, {k, 7}]),
    C = {ets:lookup(T, k), ets:lookup(T, j)},
    D = ets:insert_new(T, [{z, 1}, {z, 2}, {z, 1}]),
    E = ets:insert_new(T, [{y, 1}, {z, 3}]),
    F = {ets:lookup(T, z), ets:lookup(T, y)},
    {A, B, C, D, E, F}.

ops(Ty) ->
    T = ets:new(b, [Ty, {keypos, 2}]),
    ets:insert(T, [{a, k, 1}, {b, k, 2}, {a, k, 1}, {c, k}, {a, j, 1}]),
    A = ets:lookup(T, k),
    B = t(fun() -> ets:lookup_element(T, k, 1) end),
    C = t(fun() -> ets:lookup_element(T, k, 3) end),
    D = ets:lookup_element(T, j, 3),
    E = ets:delete_object(T, {a, k, 1}),
    F = ets:lookup(T, k),
    ets:insert(T, [{x, m}, {x, m}, {y, m}]),
    G = ets:take(T, m),
    H = {ets:lookup(T, m), ets:member(T, m)},
    I = ets:delete(T, k),
    J = lists:sort(ets:tab2list(T)),
    K = {ets:info(T, size), ets:info(T, type), ets:info(T, keypos)},
    L = [t(fun() -> ets:update_counter(T, j, 1) end),
         t(fun() -> ets:update_element(T, j, {3, 2}) end),
         t(fun() -> ets:select_replace(T, [{'_', [], ['$_']}]) end)],
    {A, B, C, D, E, F, G, H, I, J, K, L}.

selects(Ty) ->
    T = ets:new(s, [Ty]),
    ets:insert(T, [{K, V} || K <- lists:seq(1, 10), V <- [a, b, a, c]]),
    A = lists:sort(ets:select(T, [{{'$1', a}, [{'<', '$1', 4}], ['$_']}])),
    B = lists:sort(ets:match(T, {3, '$1'})),
    C = lists:sort(ets:match_object(T, {'_', c})),
    D = ets:select_count(T, [{{'_', a}, [], [true]}]),
    E = ets:select(T, [{{5, '$1'}, [], ['$1']}]),
    Chunks = all_chunks(ets:select(T, [{{'$1', '$2'}, [], [{{'$1', '$2'}}]}], 7)),
    F = {lists:sort(lists:append(Chunks)) =:= lists:sort(ets:tab2list(T)),
         lists:all(fun(X) -> length(X) >= 7 end, lists:droplast(Chunks))},
    G = ets:select_delete(T, [{{'$1', b}, [{'>', '$1', 5}], [true]}]),
    H = ets:match_delete(T, {'_', c}),
    I = {ets:info(T, size), lists:sort(ets:tab2list(T))},
    J = ets:select_delete(T, [{'_', [], [true]}]),
    K = ets:info(T, size),
    {A, B, C, D, E, F, G, H, I, J, K}.

all_chunks('$end_of_table') -> [];
all_chunks({L, '$end_of_table'}) -> [L];
all_chunks({L, C}) -> [L | all_chunks(ets:select(C))].

many() ->
    B = ets:new(b, [bag]),
    D = ets:new(d, [duplicate_bag]),
    [ets:insert(X, {I rem 7, I rem 3}) || X <- [B, D], I <- lists:seq(1, 2000)],
    {ets:info(B, size), ets:info(D, size),
     [ets:lookup(B, K) || K <- lists:seq(0, 6)],
     [length(ets:lookup(D, K)) || K <- lists:seq(0, 6)],
     lists:sublist(ets:lookup(D, 3), 8)}.
