%% ets_big: tables of 100,000 objects of each type: bulk and single
%% inserts, lookups, walks, select chunks, counts, deletes and folds, with
%% outputs sorted where the order is the table's own.
-module(ets_big).
-export([start/0]).

-define(N, 100000).

%% A permutation of 1..N (a multiplicative step modulo a prime > N).
perm() -> [(I * 7919) rem 100003 || I <- lists:seq(1, ?N)].

start() ->
    Keys = perm(),
    [{set, set(Keys)}, {ordered, ordered(Keys)}, {bags, bags()}, {strings, strings()}].

set(Keys) ->
    T = ets:new(s, [set]),
    [ets:insert(T, {K, K * 2}) || K <- Keys],
    Size = ets:info(T, size),
    Hits = length([x || K <- lists:seq(1, ?N), [{_, V}] <- [ets:lookup(T, K * 7919 rem 100003)],
                        V =:= (K * 7919 rem 100003) * 2]),
    Miss = length([x || K <- lists:seq(1, 1000), ets:lookup(T, -K) =/= []]),
    Count = ets:select_count(T, [{{'$1', '_'}, [{'<', '$1', 50000}], [true]}]),
    Sum = ets:foldl(fun({K, _}, A) -> A + K end, 0, T),
    Walk = walk(T, ets:first(T), 0),
    Del = ets:select_delete(T, [{{'$1', '_'}, [{'==', {'rem', '$1', 2}, 0}], [true]}]),
    Left = lists:sort(ets:select(T, [{{'$1', '_'}, [{'<', '$1', 40}], ['$1']}])),
    Counters = [ets:update_counter(T, K, 1) || K <- lists:seq(1, 99, 2)],
    Chunks = chunks(ets:select(T, [{'$1', [], [1]}], 999), 0, 0),
    ets:delete_all_objects(T),
    ets:insert(T, [{K, x} || K <- Keys]),
    Size2 = ets:info(T, size),
    Sorted = lists:sort([K || {K, x} <- ets:tab2list(T)]) =:= lists:sort(Keys),
    {Size, Hits, Miss, Count, Sum, Walk, Del, Left, lists:sum(Counters), Chunks, Size2, Sorted}.

walk(_, '$end_of_table', N) -> N;
walk(T, K, N) -> walk(T, ets:next(T, K), N + 1).

chunks('$end_of_table', N, S) -> {N, S};
chunks({L, C}, N, S) when length(L) =< 999 ->
    chunks(case C of '$end_of_table' -> C; _ -> ets:select(C) end, N + 1, S + length(L)).

ordered(Keys) ->
    T = ets:new(o, [ordered_set]),
    ets:insert(T, [{K, -K} || K <- Keys]),
    Size = ets:info(T, size),
    List = ets:tab2list(T),
    Sorted = [K || {K, _} <- List] =:= lists:sort(Keys),
    First = {ets:first(T), ets:last(T), ets:next(T, 500.5), ets:prev(T, 500.5)},
    Walk = walk(T, ets:first(T), 0),
    Back = back(T, ets:last(T), 0),
    {L1, C1} = ets:select(T, [{{'$1', '_'}, [], ['$1']}], 1000),
    {L2, _} = ets:select(C1),
    {R1, _} = ets:select_reverse(T, [{{'$1', '_'}, [], ['$1']}], 5),
    Range = ets:select(T, [{{'$1', '$2'}, [{'>', '$1', 99990}], ['$2']}]),
    Fold = ets:foldr(fun({K, _}, A) when K > 99995 -> [K | A]; (_, A) -> A end, [], T),
    Del = [ets:delete(T, K) || K <- lists:seq(1, ?N, 3)],
    Size2 = ets:info(T, size),
    Sum = ets:foldl(fun({K, _}, A) -> A + K end, 0, T),
    Slot = ets:slot(T, 10),
    {Size, Sorted, First, Walk, Back, lists:sublist(L1, 3), length(L1), lists:sublist(L2, 3),
     R1, Range, Fold, length(Del), Size2, Sum, Slot}.

back(_, '$end_of_table', N) -> N;
back(T, K, N) -> back(T, ets:prev(T, K), N + 1).

bags() ->
    B = ets:new(b, [bag]),
    D = ets:new(d, [duplicate_bag]),
    ets:insert(B, [{I rem 1000, I} || I <- lists:seq(1, ?N)]),
    [ets:insert(D, {I rem 1000, I rem 7}) || I <- lists:seq(1, ?N)],
    {ets:info(B, size), ets:info(D, size),
     lists:sum([length(ets:lookup(B, K)) || K <- lists:seq(0, 999)]),
     lists:sort(ets:lookup_element(B, 7, 2)) =:= lists:seq(7, ?N, 1000),
     length(ets:lookup(D, 5)),
     ets:select_count(D, [{{'_', 3}, [], [true]}]),
     ets:select_delete(D, [{{'$1', '_'}, [{'<', '$1', 500}], [true]}]),
     ets:info(D, size),
     ets:delete(B, 10), ets:info(B, size),
     ets:select_count(B, [{'_', [], [true]}])}.

strings() ->
    T = ets:new(str, [set]),
    ets:insert(T, [{integer_to_list(I), integer_to_binary(I), {I, [I]}}
                   || I <- lists:seq(1, 20000)]),
    Big = list_to_binary(lists:duplicate(1000, $x)),
    ets:insert(T, [{{big, I}, Big} || I <- lists:seq(1, 100)]),
    {ets:lookup(T, "12345"), ets:info(T, size),
     length(ets:match(T, {'_', '$1', {'_', [5]}})),
     lists:sort(ets:match(T, {"1999" ++ '$1', '_', '_'})),
     byte_size(ets:lookup_element(T, {big, 50}, 2))}.
