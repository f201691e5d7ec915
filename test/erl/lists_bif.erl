%% lists_bif: the BIFs of the lists module (reverse/2, member/2,
%% keyfind/3, keymember/3, keysearch/3), their matching rules (member is
%% exact, the key functions compare with ==) and their errors on improper
%% lists, compared between erl and spore.
-module(lists_bif).
-export([start/0]).

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

seq(A, B) when A > B -> [];
seq(A, B) -> [A | seq(A + 1, B)].

start() ->
    L = id([{a, 1}, {b, 2.0}, x, {}, {c}, {1, one}, {1.0, onef}, {"s", str}]),
    [{reverse, [t(fun() -> lists:reverse(id(A), id(B)) end)
                || {A, B} <- [{[], []}, {[], x}, {[1, 2, 3], []}, {[1, 2], [3]},
                              {[1, 2], x}, {[1 | 2], []}, {x, []}, {"abc", "def"}]]},
     {member, [t(fun() -> lists:member(id(X), id(Y)) end)
               || {X, Y} <- [{1, [1, 2]}, {1, [1.0]}, {1.0, [1.0]}, {a, []},
                             {{a}, [{a}]}, {"s", ["s"]}, {1, [1 | x]}, {2, [1 | x]},
                             {1, x}, {<<"b">>, [<<"b">>]}]]},
     {keyfind, [t(fun() -> lists:keyfind(id(K), id(N), L) end)
                || {K, N} <- [{a, 1}, {b, 1}, {2, 2}, {2.0, 2}, {1, 1}, {1.0, 1},
                              {"s", 1}, {one, 2}, {zz, 1}, {c, 1}, {x, 0}, {x, -1},
                              {x, a}, {x, 1.0}]]},
     {keyfind_improper, [t(fun() -> lists:keyfind(id(K), 1, id(Y)) end)
                         || {K, Y} <- [{a, [{a} | x]}, {b, [{a} | x]}, {a, x}, {a, []}]]},
     {keymember, [t(fun() -> lists:keymember(id(K), id(N), L) end)
                  || {K, N} <- [{a, 1}, {2, 2}, {zz, 1}, {x, 0}]]},
     {keymember_improper, t(fun() -> lists:keymember(b, 1, id([{a} | x])) end)},
     {keysearch, [t(fun() -> lists:keysearch(id(K), id(N), L) end)
                  || {K, N} <- [{a, 1}, {2, 2}, {zz, 1}, {x, 0}]]},
     {keysearch_improper, t(fun() -> lists:keysearch(b, 1, id(x)) end)},
     {big, big()}].

big() ->
    N = 100000,
    L = seq(1, N),
    KL = [{I, I * 2} || I <- L],
    R = lists:reverse(L, []),
    {hd(R), length(R), lists:member(N, L), lists:member(N + 1, L),
     lists:keyfind(N, 1, KL), lists:keyfind(N * 2.0, 2, KL), lists:keymember(0, 1, KL)}.
