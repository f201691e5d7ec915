%% bif_atom: atom_to_list, list_to_atom and list_to_existing_atom with
%% Unicode names, the 255-character limit and bad arguments, compared
%% between erl and spore.
-module(bif_atom).
-export([start/0]).

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

dup(0, _) -> [];
dup(N, X) -> [X | dup(N - 1, X)].

start() ->
    [{to_list, [t(fun() -> atom_to_list(id(A)) end)
                || A <- [a, 'hello world', '', 'ĀĒ', '😀x', true, 1, "a"]]},
     {from_list, [t(fun() -> list_to_atom(id(L)) end)
                  || L <- ["abc", "", [256, 97], [16#1F600], "with space",
                           [16#D800], [16#110000], [-1], [a], [$a | b], <<"a">>, a,
                           [1.0]]]},
     {roundtrip, [atom_to_list(list_to_atom(id(L))) =:= L
                  || L <- ["x", [0], [255], [256], [16#10FFFF], dup(255, 16#FFFF)]]},
     {limit, [t(fun() -> length(atom_to_list(list_to_atom(dup(id(N), C)))) end)
              || N <- [255, 256], C <- [$a, 300, 16#1F600]]},
     {existing, [t(fun() -> list_to_existing_atom(id(L)) end)
                 || L <- ["ok", "bif_atom", "no such atom here 2718281828", [16#D800],
                          dup(256, $a), x, [$o, $k | x]]]},
     {created, begin
                   A = list_to_atom(id("bif_atom created 31415")),
                   t(fun() -> list_to_existing_atom(id("bif_atom created 31415")) end) =:= A
               end}].
