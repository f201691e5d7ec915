%% Term order, equality and phash2 over a mixed list of every kind of term.
-module(order_terms).
-export([start/0]).

terms() ->
    [0, 1, -1, 1.0, -0.0, 0.0, 2.5, 1 bsl 70, -(1 bsl 70), 1.0e300, 12345678901234567890,
     a, b, 'B', '', 'hello world', nonode@nohost, true,
     {}, {a}, {a, b}, {1, 2, 3}, {b},
     #{}, #{a => 1}, #{a => 2}, #{b => 1}, #{1 => a}, #{1.0 => a}, #{a => 1, b => 2},
     [], [a], [a, b], [a | b], "abc", "abd", [1.0], [1],
     <<>>, <<1>>, <<1, 2>>, <<1:1>>, <<0:3>>, <<"text">>, <<255, 7:3>>,
     fun erlang:abs/1, fun lists:map/2].

start() ->
    Ts = terms(),
    Sorted = lists:sort(Ts),
    Pairs = [{A, B} || A <- Ts, B <- Ts],
    [Sorted, lists:reverse(lists:sort(fun(X, Y) -> X >= Y end, Ts)),
     [if A < B -> lt; A == B -> eq; true -> gt end || {A, B} <- Pairs],
     [A =:= B || {A, B} <- Pairs],
     [min(A, B) =:= A || {A, B} <- Pairs],
     [max(1, 1.0), min(1, 1.0), max(1.0, 1), 1 == 1.0, 1 =:= 1.0, 0.0 =:= -0.0,
      [1, 2] < [1, 2, 0], {1, 2} < {0, 0, 0}, #{a => 1} < #{a => 1, b => 0},
      lists:usort([1, 1.0, 2, 2.0])],
     [erlang:phash2(T) || T <- Ts, not is_function(T)],
     [erlang:phash2(T, 1000) || T <- Ts, not is_function(T)],
     erlang:phash2(lists:seq(1, 1000)), erlang:phash2({"string", <<"bin">>, [a | b]}),
     erlang:phash2(maps:from_list([{I, [I]} || I <- lists:seq(1, 50)]))].
