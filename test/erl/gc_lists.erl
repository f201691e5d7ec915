%% Long lists through many collections: build, reverse, map, filter and
%% fold a million elements, keeping some of them alive across the work.
-module(gc_lists).
-export([start/0]).

-define(N, 1000000).

start() ->
    L = build(?N, []),
    R = rev(L, []),
    R2 = lists:reverse(L),
    Doubled = [X * 2 || X <- R],
    Evens = [X || X <- R, X rem 2 =:= 0],
    Appended = R ++ [done],
    Chunks = chunks(R, 1000, []),
    Strings = [integer_to_list(X) || X <- lists:seq(1, 100000)],
    {length(L), hd(L), hd(R), R =:= R2, sum(Doubled, 0), length(Evens),
     lists:last(Appended), length(Chunks), hd(hd(Chunks)),
     length(lists:append(Strings)), lists:nth(99999, Strings),
     keep_alive(L, 20)}.

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, [N | Acc]).

rev([], Acc) -> Acc;
rev([H | T], Acc) -> rev(T, [H | Acc]).

sum([], S) -> S;
sum([H | T], S) -> sum(T, S + H).

chunks([], _, Acc) -> lists:reverse(Acc);
chunks(L, N, Acc) ->
    {C, Rest} = lists:split(N, L),
    chunks(Rest, N, [C | Acc]).

%% Allocates garbage while a big list stays reachable.
keep_alive(L, 0) -> length(L);
keep_alive(L, K) ->
    _ = build(50000, []),
    keep_alive(L, K - 1).
