%% bif_list: length, hd, tl, '++' and '--' (including large inputs, where
%% '--' must not be quadratic, and the order of removals), compared
%% between erl and spore.
-module(bif_list).
-export([start/0]).

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

seq(A, B) when A > B -> [];
seq(A, B) -> [A | seq(A + 1, B)].

start() ->
    [{length, [t(fun() -> length(id(X)) end) || X <- [[], [a], "abc", [a | b], a, {}]]},
     {hd, [t(fun() -> hd(id(X)) end) || X <- [[a], [a | b], [], a]]},
     {tl, [t(fun() -> tl(id(X)) end) || X <- [[a], [a | b], [], a]]},
     {append, [t(fun() -> id(A) ++ id(B) end)
               || {A, B} <- [{[], []}, {[], x}, {[1], [2]}, {[1, 2], x}, {"ab", "cd"},
                             {[1 | 2], []}, {x, []}, {[], [1 | 2]}]]},
     {append_bif, t(fun() -> erlang:append(id([1]), id([2])) end)},
     {subtract, [t(fun() -> id(A) -- id(B) end)
                 || {A, B} <- [{[], []}, {[1, 2, 3], []}, {[], [1]},
                               {[1, 2, 3, 1, 2, 3, 1.0], [1, 3, 1.0, 1, 1]},
                               {[a, b, a, c, a], [a, a]},
                               {[{1}, {1.0}, {1}], [{1.0}]},
                               {[<<"ab">>, "ab", ab], ["ab", <<"ab">>]},
                               {[1, 2], [3, 4]},
                               {[1 | x], []}, {x, []}, {[1], x}, {[1], [1 | x]}]]},
     {subtract_bif, t(fun() -> erlang:subtract(id([1, 2, 1]), id([1])) end)},
     {big_subtract, big_subtract()},
     {big_append, length(seq(1, 50000) ++ seq(1, 50000))},
     {guards, [guard(id(X)) || X <- [[], [a], [a, b], "abc", x]]}].

%% 30000 elements minus 20000: quadratic would be 6*10^8 steps.
big_subtract() ->
    A = seq(1, 30000),
    B = [X || X <- seq(1, 40000), X rem 3 =/= 0],
    R = A -- B,
    D = A ++ A,
    R2 = D -- A,
    R3 = D -- (A ++ [0]),
    {length(R), sum(R), length(R2), R2 =:= A, length(R3), R3 =:= A}.

sum([]) -> 0;
sum([H | T]) -> H + sum(T).

guard(X) when length(X) > 2 -> long;
guard(X) when hd(X) =:= a, tl(X) =:= [] -> just_a;
guard(X) when is_list(X) -> list;
guard(_) -> other.
