%% num_basic: integer arithmetic on smalls and at the small/bignum boundary,
%% bitwise operators on negatives, rounding BIFs, integer text in every
%% base, and the errors of each, compared between erl and spore.
-module(num_basic).
-export([start/0]).

start() ->
    [{ops, ops()},
     {boundary, boundary()},
     {bitwise, bitwise()},
     {shifts, shifts()},
     {unary, unary()},
     {rounding, rounding()},
     {compare, compare()},
     {guards, guards()},
     {text, text()},
     {parse, parse()},
     {errors, errors()}].

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

map(F, [H | T]) -> [F(H) | map(F, T)];
map(_, []) -> [].

seq(A, B) when A > B -> [];
seq(A, B) -> [A | seq(A + 1, B)].

small_values() ->
    [0, 1, -1, 2, -2, 7, -7, 10, -10, 255, -256, 1000003, -999983,
     576460752303423487, -576460752303423488, 576460752303423486,
     -576460752303423487, 288230376151711744, -288230376151711744].

ops() ->
    Vs = [id(V) || V <- [0, 1, -1, 3, -3, 7, -7, 100, -100, 123456789]],
    [{A, B, A + B, A - B, A * B,
      t(fun() -> A div B end), t(fun() -> A rem B end)} || A <- Vs, B <- Vs].

boundary() ->
    Max = id(576460752303423487),
    Min = id(-576460752303423488),
    [Max + 1, Max + Max, Min - 1, Min + Min, Min * -1, Max * Max, Min * Min,
     Max * Min, -Min, abs(Min), Min div -1, Min rem -1, (Max + 1) - 1,
     (Min - 1) + 1, Max + 1 - 2, is_integer(Max + 1), Max * 2 div 2,
     (Max + 1) * 4 div 8, 1 bsl 59, 1 bsl 60, -1 bsl 59, -1 bsl 60,
     (1 bsl 59) - 1, (1 bsl 59) bsr 1, Max + 1 =:= 1 bsl 59,
     [{X, X + 1, X - 1, X * 2, X * 3, X * X} || X <- map(fun id/1, small_values())],
     [1 bsl N || N <- seq(55, 66)], [-1 bsl N || N <- seq(55, 66)],
     [(1 bsl N) - 1 || N <- seq(58, 62)], [-(1 bsl N) + 1 || N <- seq(58, 62)]].

bitwise() ->
    Vs = map(fun id/1, [0, 1, -1, 5, -5, 255, -256, 16#0F0F, -16#0F0F,
                        576460752303423487, -576460752303423488]),
    [{A, B, A band B, A bor B, A bxor B} || A <- Vs, B <- Vs].

shifts() ->
    Vs = map(fun id/1, [0, 1, -1, 5, -5, 12345, -12345, 576460752303423487,
                        -576460752303423488]),
    Ns = map(fun id/1, [0, 1, 3, 31, 32, 59, 60, 63, 64, 65, 100, -1, -3, -63, -64, -65]),
    [{A, N, A bsl N, A bsr N} || A <- Vs, N <- Ns].

unary() ->
    [{X, -X, +X, bnot X, abs(X)} || X <- map(fun id/1, small_values())].

rounding() ->
    Fs = map(fun id/1, [0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994,
                        -0.49999999999999994, 1.0e15 + 0.5, 4503599627370497.0, 1.0e20,
                        -1.0e20, 123.456, -123.456, 9.99, -9.99, 5.0e-324, 1.0e300]),
    [{F, trunc(F), round(F), ceil(F), floor(F)} || F <- Fs] ++
    [{I, trunc(I), round(I), ceil(I), floor(I), float(I)} || I <- map(fun id/1, [0, 7, -7])].

compare() ->
    Ns = map(fun id/1, [0, 0.0, -0.0, 1, 1.0, -1, -1.0, 2, 1.5, 576460752303423487,
                        576460752303423488, 5.764607523034235e17, 9007199254740993,
                        9007199254740992.0, 9007199254740992]),
    [{A, B, A < B, A == B, A =:= B, A >= B} || A <- Ns, B <- Ns].

guards() ->
    G = fun(X) when abs(X) > 10 -> big;
           (X) when X band 1 =:= 1 -> odd;
           (X) when X bsl 2 > 16 -> shifted;
           (X) when trunc(X) =:= 0 -> zero;
           (X) when float(X) > 1.5 -> float_big;
           (_) -> other
        end,
    [G(id(X)) || X <- [11, -11, 3, 6, 0, 0.5, 2, 2.0, 4.0, a]].

text() ->
    Vs = map(fun id/1, [0, 1, -1, 35, -35, 36, 255, -255, 576460752303423487,
                        -576460752303423488, 123456789]),
    [{V, [integer_to_list(V, B) || B <- seq(2, 36)], integer_to_list(V),
      integer_to_binary(V), integer_to_binary(V, 16)} || V <- Vs].

parse() ->
    L = ["0", "-0", "+0", "7", "+7", "-7", "007", "576460752303423487",
         "576460752303423488", "-576460752303423488", "-576460752303423489",
         "99999999999999999999", "", "-", "+", " 1", "1 ", "1_000", "1.0", "--1",
         "+-1", "0x10", "12a"],
    [{S, t(fun() -> list_to_integer(S) end), t(fun() -> binary_to_integer(list_to_binary(S)) end)}
     || S <- L] ++
    [{S, B, t(fun() -> list_to_integer(S, B) end),
      t(fun() -> binary_to_integer(list_to_binary(S), B) end)}
     || {S, B} <- [{"ff", 16}, {"FF", 16}, {"fF", 16}, {"-ff", 16}, {"zz", 36}, {"ZZ", 36},
                   {"101", 2}, {"102", 2}, {"777", 8}, {"8", 8}, {"z", 35}, {"y", 35},
                   {"10", 1}, {"10", 37}, {"10", 0}, {"10", a}, {"", 16}]].

errors() ->
    A = id(a), F = id(1.5), Z = id(0), B = id(1 bsl 70),
    [t(fun() -> A + 1 end), t(fun() -> 1 - A end), t(fun() -> A * 2 end),
     t(fun() -> 1 / Z end), t(fun() -> 1 div Z end), t(fun() -> 1 rem Z end),
     t(fun() -> B div Z end), t(fun() -> B rem Z end), t(fun() -> F div 1 end),
     t(fun() -> 1 rem F end), t(fun() -> F band 1 end), t(fun() -> 1 bor F end),
     t(fun() -> 1 bxor A end), t(fun() -> 1 bsl F end), t(fun() -> F bsr 1 end),
     t(fun() -> bnot F end), t(fun() -> bnot A end), t(fun() -> -A end),
     t(fun() -> +A end), t(fun() -> abs(A) end), t(fun() -> float(A) end),
     t(fun() -> trunc(A) end), t(fun() -> round(A) end), t(fun() -> ceil(A) end),
     t(fun() -> floor(A) end), t(fun() -> integer_to_list(F) end),
     t(fun() -> integer_to_list(1, 37) end), t(fun() -> integer_to_list(1, 1) end),
     t(fun() -> integer_to_binary(A) end), t(fun() -> list_to_integer(A) end),
     t(fun() -> list_to_integer(id([$1 | $2])) end), t(fun() -> list_to_integer(id([$1, 256])) end),
     t(fun() -> binary_to_integer(A) end), t(fun() -> binary_to_integer(id(<<1:7>>)) end)].
