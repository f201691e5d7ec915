%% bif_tuple: the tuple BIFs of the erlang module (element, setelement,
%% tuple_size, size, make_tuple/2,3, append_element, tuple_to_list,
%% list_to_tuple) and their badarg cases, compared between erl and spore.
-module(bif_tuple).
-export([start/0]).

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

start() ->
    T = id({a, b, c}),
    [{element, [t(fun() -> element(id(I), T) end) || I <- [1, 2, 3, 0, 4, -1, a, 1.0]]},
     {element_bad, [t(fun() -> element(1, id(X)) end) || X <- [[a], a, <<1>>, 1]]},
     {element_big, t(fun() -> element(id(1 bsl 64), T) end)},
     {setelement, [t(fun() -> setelement(id(I), T, z) end) || I <- [1, 3, 0, 4, x]]},
     {setelement_bad, t(fun() -> setelement(1, id([a]), z) end)},
     {unchanged, T},
     {tuple_size, [t(fun() -> tuple_size(id(X)) end) || X <- [{}, {a}, T, [], <<1>>]]},
     {size, [t(fun() -> size(id(X)) end)
             || X <- [{}, T, <<>>, <<1, 2, 3>>, <<1:3>>, <<1, 2, 3:4>>, [], a, 1]]},
     {make_tuple, [t(fun() -> erlang:make_tuple(id(N), x) end) || N <- [0, 1, 3, -1, a]]},
     {make_tuple_big, t(fun() -> tuple_size(erlang:make_tuple(id(16777215), x)) end)},
     {make_tuple_over, t(fun() -> erlang:make_tuple(id(16777216), x) end)},
     {make_tuple3,
      [t(fun() -> erlang:make_tuple(id(N), d, id(L)) end)
       || {N, L} <- [{3, []}, {3, [{1, a}, {3, c}]}, {3, [{1, a}, {1, b}]},
                     {0, []}, {0, [{1, a}]}, {2, [{0, a}]}, {2, [{3, a}]},
                     {2, [a]}, {2, [{1, a} | b]}, {2, [{1, a, b}]}, {2, x}]]},
     {append_element, [t(fun() -> erlang:append_element(id(X), new) end)
                       || X <- [{}, {a}, T, [], a]]},
     {tuple_to_list, [t(fun() -> tuple_to_list(id(X)) end) || X <- [{}, T, [a], a]]},
     {list_to_tuple, [t(fun() -> list_to_tuple(id(X)) end)
                      || X <- [[], [a], [a, [b], {c}], [a | b], a, "abc"]]},
     {guards, [guard(id(X)) || X <- [{}, {a}, {a, b}, <<1, 2>>, x]]},
     {roundtrip, list_to_tuple(tuple_to_list(erlang:make_tuple(id(300), {x})))
                     =:= erlang:make_tuple(300, {x})}].

guard(X) when tuple_size(X) > 1, element(2, X) =:= b -> pair_b;
guard(X) when size(X) =:= 2 -> size_2;
guard(X) when is_tuple(X), tuple_size(X) =:= 1 -> one;
guard(_) -> other.
