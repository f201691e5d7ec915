%% term_to_binary compared as bytes with what OTP 25 writes, round trips
%% through binary_to_term, and hostile inputs that must give badarg.
-module(ext_roundtrip).
-export([start/0]).

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

terms() ->
    Big = maps:from_list([{I, I * I} || I <- lists:seq(1, 40)]),
    [0, 255, 256, -1, 2147483647, 2147483648, -2147483648, -2147483649, 1 bsl 59,
     1 bsl 64, -(1 bsl 70), 1 bsl 2100, 1.5, -0.0, 1.0e300, abc, '', 'héllo',
     list_to_atom([8364, 97]), list_to_atom(lists:duplicate(255, 8364)), [], "abc",
     lists:seq(1, 300), lists:duplicate(70000, 7), [1, 2 | 3], [a | b], {}, {a, {b, []}},
     list_to_tuple(lists:seq(1, 300)), <<>>, <<1, 2, 3>>, <<1, 2, 3:4>>,
     binary:copy(<<"xyz">>, 100), binary:part(binary:copy(<<"xyz">>, 100), 1, 150),
     #{}, #{b => 1, a => 2, 1 => x, 1.0 => y}, Big, #{Big => Big},
     fun lists:map/2, [[[[[[deep]]]]]], {[#{k => <<"v">>}], 3.25}].

start() ->
    Ts = terms(),
    Enc = [term_to_binary(T) || T <- Ts],
    Min0 = [term_to_binary(T, [{minor_version, 0}]) || T <- Ts],
    Min2 = [term_to_binary(T, [{minor_version, 2}]) || T <- Ts],
    Comp = [term_to_binary(T, [compressed]) || T <- Ts],
    Comp9 = [term_to_binary(T, [{compressed, 9}]) || T <- Ts],
    Det = [term_to_binary(T, [deterministic]) || T <- Ts],
    Back = [binary_to_term(B) =:= T || {B, T} <- lists:zip(Enc, Ts)],
    BackC = [binary_to_term(B) =:= T || {B, T} <- lists:zip(Comp, Ts)],
    BackM = [binary_to_term(B) =:= T || {B, T} <- lists:zip(Min0, Ts)],
    Sizes = [erlang:external_size(T) =:= byte_size(B) || {B, T} <- lists:zip(Enc, Ts)],
    [[erlang:md5(B) || B <- Enc], [erlang:md5(B) || B <- Min0], [erlang:md5(B) || B <- Min2],
     [erlang:md5(B) || B <- Comp], [erlang:md5(B) || B <- Comp9], [erlang:md5(B) || B <- Det],
     Back, BackC, BackM, Sizes, old_forms(), hostile(), options()].

old_forms() ->
    [binary_to_term(<<131, 100, 0, 3, "abc">>), binary_to_term(<<131, 115, 3, "abc">>),
     binary_to_term(<<131, 118, 0, 3, "abc">>), binary_to_term(<<131, 119, 2, 195, 169>>),
     binary_to_term(<<131, 99, "1.50000000000000000000e+00", 0, 0, 0, 0, 0>>),
     binary_to_term(<<131, 110, 9, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0>>),
     binary_to_term(<<131, 108, 0, 0, 0, 0, 97, 1>>),
     binary_to_term(<<131, 100, 0, 5, "hello", "world">>),
     binary_to_term(<<131, 100, 0, 5, "hello", "world">>, [used]),
     binary_to_term(<<131, 113, 100, 0, 5, "lists", 100, 0, 3, "map", 97, 2>>)
         =:= fun lists:map/2,
     binary_to_term(term_to_binary(abc), [safe])].

hostile() ->
    Bad = [<<>>, <<131>>, <<130, 97, 1>>, <<131, 97>>, <<131, 98, 0, 0>>,
           <<131, 100, 0, 10, "abc">>, <<131, 108, 255, 255, 255, 255, 106>>,
           <<131, 105, 127, 255, 255, 255>>, <<131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3>>,
           <<131, 109, 0, 0, 0, 5, 1, 2>>, <<131, 77, 0, 0, 0, 1, 0, 255>>,
           <<131, 77, 0, 0, 0, 1, 9, 255>>, <<131, 110, 4, 2, 1, 1, 1, 1>>,
           <<131, 70, 127, 240, 0, 0, 0, 0, 0, 0>>, <<131, 118, 0, 2, 255, 255>>,
           <<131, 80, 0, 0, 0, 10, 1, 2, 3>>, <<131, 80, 255, 255, 255, 255, 120, 156>>,
           <<131, 104, 2, 97, 1>>, <<131, 107, 0, 5, "ab">>, <<131, 200>>,
           <<131, 119, 6, "zzqxjv">>, <<131, 88, 100, 0, 3, "foo", 0:96>>,
           <<131, 99, "garbage garbage garbage garbage">>, a, <<1:7>>, [131, 97, 1]],
    [t(fun() -> binary_to_term(B, [safe]) end) || B <- Bad] ++
        [t(fun() -> binary_to_term(<<131, 108, 0, 0, 0, 1, 97, 1>>) end)].

options() ->
    [t(fun() -> term_to_binary(a, [bogus]) end),
     t(fun() -> term_to_binary(a, [{minor_version, 3}]) end),
     t(fun() -> term_to_binary(a, [{compressed, 10}]) end),
     t(fun() -> binary_to_term(term_to_binary(a), [bogus]) end),
     term_to_binary(id(abc), [{compressed, 0}]), erlang:external_size(id({a, "b"}))].
