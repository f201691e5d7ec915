%% Large tuples and records that survive, die and are rebuilt.
-module(gc_tuples).
-export([start/0]).

start() ->
    Big = erlang:make_tuple(200000, x),
    Set = set_all(Big, 1, 1000),
    FromList = list_to_tuple(lists:seq(1, 500000)),
    Pairs = [{I, {I, I * I}, float(I)} || I <- lists:seq(1, 100000)],
    Last = lists:last(Pairs),
    Grown = grow({}, 2000),
    {tuple_size(Big), element(1000, Set), element(1001, Set),
     element(250000, FromList), tuple_size(FromList),
     length(Pairs), Last, tuple_size(Grown), element(2000, Grown),
     lists:sum(tuple_to_list(FromList))}.

set_all(T, I, Max) when I > Max -> T;
set_all(T, I, Max) -> set_all(setelement(I, T, {I}), I + 1, Max).

grow(T, 0) -> T;
grow(T, N) -> grow(erlang:append_element(T, tuple_size(T) + 1), N - 1).
