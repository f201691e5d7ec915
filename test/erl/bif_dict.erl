%% bif_dict: the process dictionary: put/get/erase/get_keys on a few keys,
%% then thousands of keys (which must stay fast), 1 and 1.0 as distinct
%% keys, and erase/0. Lists from the dictionary are sorted before printing.
-module(bif_dict).
-export([start/0]).

id(X) -> X.

seq(A, B) when A > B -> [];
seq(A, B) -> [A | seq(A + 1, B)].

sort([]) -> [];
sort([P | T]) -> sort([X || X <- T, X < P]) ++ [P] ++ sort([X || X <- T, X >= P]).

start() ->
    E0 = erase(),
    R1 = [put(id(a), 1), put(id(b), 2), put(id(a), 3), get(id(a)), get(id(b)), get(id(c))],
    R2 = sort(get()),
    R3 = [put(id(1), int), put(id(1.0), float), get(id(1)), get(id(1.0)),
          put({k, [1, 2]}, tuple), get({k, [1, 2]}), get({k, [1, 2.0]})],
    R4 = sort([{K, is_float(K)} || K <- get_keys()]),
    R5 = [put(x, 1), put(y, 1.0), put(z, 1)],
    R6 = {sort(get_keys(1)), sort(get_keys(1.0)), get_keys(nothing)},
    R7 = [erase(a), erase(a), get(a), erase(nope)],
    Big = big(),
    Rest = sort([{V, K} || {K, V} <- erase()]),
    After = {get(), get_keys(), get(x)},
    [{empty, E0}, R1, R2, R3, R4, R5, R6, R7, {big, Big}, {rest, Rest}, {after_erase, After}].

big() ->
    N = 20000,
    [put({key, I}, I * I) || I <- seq(1, N)],
    Sum = sum([get({key, I}) || I <- seq(1, N)]),
    Old = [put({key, I}, gone) || I <- seq(1, N, 1000)],
    Erased = [erase({key, I}) || I <- seq(2, N, 2)],
    Left = length(get()),
    Keys = length(get_keys()),
    Gone = length(get_keys(gone)),
    [erase({key, I}) || I <- seq(1, N)],
    {Sum, Old, sum([X || X <- Erased, is_integer(X)]), Left, Keys, Gone, get({key, 1})}.

seq(A, B, _) when A > B -> [];
seq(A, B, S) -> [A | seq(A + S, B, S)].

sum([]) -> 0;
sum([H | T]) -> H + sum(T).
