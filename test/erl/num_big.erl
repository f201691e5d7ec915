%% num_big: bignum arithmetic (carries, signs, division identities, bitwise
%% operators in two's complement, huge shifts, size limits) and bignum text
%% in every base, compared between erl and spore.
-module(num_big).
-export([start/0]).

start() ->
    [{factorials, [fact(id(N)) || N <- [20, 21, 25, 50, 100]]},
     {powers, powers()},
     {fib, fib(id(300))},
     {carries, carries()},
     {arith, arith()},
     {divrem, divrem()},
     {bitwise, bitwise()},
     {shifts, shifts()},
     {unary, unary()},
     {normalise, normalise()},
     {floats, floats()},
     {compare, compare()},
     {text, text()},
     {parse, parse()},
     {limits, limits()}].

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

map(F, [H | T]) -> [F(H) | map(F, T)];
map(_, []) -> [].

seq(A, B) when A > B -> [];
seq(A, B) -> [A | seq(A + 1, B)].

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

pow(_, 0) -> 1;
pow(B, E) when E rem 2 =:= 0 -> H = pow(B, E div 2), H * H;
pow(B, E) -> B * pow(B, E - 1).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

bigs() ->
    map(fun id/1,
        [1 bsl 64, (1 bsl 64) - 1, -(1 bsl 64), -(1 bsl 64) + 1, 1 bsl 60, -(1 bsl 60),
         (1 bsl 128) + 1, -(1 bsl 128) - 1, pow(3, 100), -pow(7, 77), pow(10, 40) + 12345,
         -pow(10, 40) + 12345, 16#FFFFFFFFFFFFFFFF0000000000000000FFFFFFFF]).

powers() ->
    [pow(id(2), 64), pow(id(2), 100), pow(id(2), 1000), pow(id(-3), 99), pow(id(10), 50),
     pow(id(-2), 63), pow(id(-2), 64), pow(id(7), 200), pow(id(12345678901), 9)].

carries() ->
    M = id((1 bsl 64) - 1),
    [M + 1, M * M, (M + 1) * (M + 1) - 1, -M - 1, -M - M, (1 bsl 128) - 1 + 1,
     (1 bsl 192) - 1 + 1, (1 bsl 192) - (1 bsl 64), ((1 bsl 192) - 1) * ((1 bsl 192) - 1),
     (1 bsl 128) - (1 bsl 128), -(1 bsl 128) + (1 bsl 128) - 1,
     (1 bsl 64) * (1 bsl 64) - (1 bsl 128), (1 bsl 128) div (1 bsl 64),
     [(1 bsl N) - 1 + 1 =:= 1 bsl N || N <- map(fun id/1, [63, 64, 65, 127, 128, 129, 191, 192])]].

arith() ->
    Bs = bigs(),
    Ss = map(fun id/1, [0, 1, -1, 1000, -576460752303423488]),
    [{A, B, A + B, A - B, A * B} || A <- Bs, B <- Bs] ++
    [{A, S, A + S, A - S, S - A, A * S} || A <- Bs, S <- Ss].

divrem() ->
    Bs = bigs() ++ map(fun id/1, [1, -1, 7, -7, 576460752303423487, -576460752303423488]),
    [{A, B, t(fun() -> A div B end), t(fun() -> A rem B end),
      t(fun() -> B * (A div B) + A rem B =:= A end)} || A <- Bs, B <- Bs].

bitwise() ->
    Bs = bigs() ++ map(fun id/1, [0, 1, -1, 255, -256, 576460752303423487, -576460752303423488]),
    [{A, B, A band B, A bor B, A bxor B} || A <- Bs, B <- Bs].

shifts() ->
    Bs = bigs() ++ map(fun id/1, [1, -1, 5, -5]),
    Ns = map(fun id/1, [0, 1, 7, 63, 64, 65, 127, 128, 200, 1000, -1, -7, -63, -64, -65, -128,
                        -129, -200, -1000]),
    [{A, N, A bsl N, A bsr N} || A <- Bs, N <- Ns] ++
    [{X, N, t(fun() -> X bsl N end), t(fun() -> X bsr N end)}
     || X <- map(fun id/1, [0, 1, -1, 1 bsl 100, -(1 bsl 100)]),
        N <- map(fun id/1, [1 bsl 64, -(1 bsl 64), 1 bsl 100, -(1 bsl 100)])].

unary() ->
    [{X, -X, +X, bnot X, abs(X), bnot bnot X =:= X, -(-X) =:= X} || X <- bigs()].

normalise() ->
    %% results that come back into the small range must be smalls again
    B = id(1 bsl 64),
    [B - B, B - (B - 1), (B + 5) - B, B div B, B div (B + 1), B rem (B - 1),
     (B * 3) div B, B bsr 64, B bsr 6, -B bsr 70, B band 255, (B + 7) band 15,
     (B - 1) bxor (B - 2), bnot (-B), -(-(1 bsl 59)), abs(-(1 bsl 59)), (1 bsl 59) - 1,
     -(1 bsl 59) + 0, (1 bsl 59) div 2, -(1 bsl 59) div -1 - 1,
     [is_integer(X) andalso X < 576460752303423488 || X <- [B - B, B bsr 64]],
     trunc(id(1.8446744073709552e19)), round(id(-1.8446744073709552e19)),
     trunc(id(5.764607523034235e17)), trunc(id(-5.764607523034235e17))].

floats() ->
    Bs = bigs(),
    [{X, float(X), X + 0.5, X * 1.5, X / 3, 1.0e300 / X, t(fun() -> X / 0.0 end)} || X <- Bs] ++
    [float(pow(id(10), 308)), t(fun() -> float(pow(id(10), 309)) end),
     t(fun() -> pow(id(10), 400) / 1 end), t(fun() -> pow(id(10), 400) + 1.0 end),
     float((1 bsl 54) + 3), float(((1 bsl 53) - 2) * (1 bsl 64) + (1 bsl 63) + 1),
     float(id((1 bsl 1024) - (1 bsl 971))), t(fun() -> float(id((1 bsl 1024) - (1 bsl 970))) end),
     t(fun() -> float(id((1 bsl 1024) - 1)) end),
     trunc(id(1.0e100)), round(id(-1.0e200)), ceil(id(1.7976931348623157e308)),
     floor(id(-1.0e30)), trunc(id(4.5e15)), round(id(4503599627370495.5))].

compare() ->
    Ns = map(fun id/1, [1 bsl 64, -(1 bsl 64), 1.8446744073709552e19, -1.8446744073709552e19,
                        (1 bsl 64) + 1, (1 bsl 1023), 8.98846567431158e307, 1.0e308,
                        pow(10, 308), 1.0, 0, -(1 bsl 1100), -1.0e308]),
    [{A, B, A < B, A == B, A =:= B} || A <- Ns, B <- Ns].

text() ->
    Vs = [pow(id(2), 64), -pow(id(3), 60), fact(id(30)), (1 bsl 200) - 1, -(1 bsl 127)],
    [{V, [integer_to_list(V, B) || B <- seq(2, 36)], integer_to_binary(V, 36)} || V <- Vs] ++
    [[list_to_integer(integer_to_list(V, B), B) =:= V || B <- seq(2, 36)] || V <- Vs] ++
    [length(integer_to_list(fact(id(500)))), integer_to_list(pow(id(7), 300), 7)].

parse() ->
    [list_to_integer(id("123456789012345678901234567890")),
     list_to_integer(id("-123456789012345678901234567890")),
     list_to_integer(id("+000000000000000000000000000000000001")),
     list_to_integer(id("18446744073709551616")),
     list_to_integer(id("18446744073709551615")),
     list_to_integer(id("-576460752303423489")),
     list_to_integer(id("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"), 36),
     list_to_integer(id("-FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF"), 16),
     binary_to_integer(id(<<"111111111111111111111111111111111111111111111111111111111111111111",
                             "1111111">>), 2),
     binary_to_integer(id(<<"-99999999999999999999999999999999999999">>)),
     t(fun() -> list_to_integer(id("12345678901234567890123456789x")) end),
     t(fun() -> binary_to_integer(id(<<"123456789012345678901234567890 ">>)) end)].

limits() ->
    Big = id(1 bsl 33554367),
    [t(fun() -> id(1) bsl 33554368 end), t(fun() -> id(-1) bsl 33554368 end),
     t(fun() -> id(1) bsl (1 bsl 40) end), t(fun() -> Big + Big end), t(fun() -> Big * 2 end),
     t(fun() -> -Big - Big end), t(fun() -> Big * (1 bsl 64) end),
     (Big - 1 + Big) bsr 33554360, Big bsr 33554366, -Big bsr 33554367,
     t(fun() -> (Big bor (Big - 1)) bsr 33554300 end), (-Big) bsr 33554360,
     t(fun() -> id(0) bsl (1 bsl 100) end), t(fun() -> id(7) bsr (1 bsl 100) end),
     t(fun() -> id(-7) bsr (1 bsl 100) end)].
