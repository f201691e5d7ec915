%% num_float: float arithmetic and its errors, float text in every format
%% of float_to_list/2 and float_to_binary/2, Erlang's float syntax for
%% list_to_float/binary_to_float, and the math module, compared between
%% erl and spore.
-module(num_float).
-export([start/0]).

start() ->
    [{arith, arith()},
     {zeros, zeros()},
     {short, short()},
     {classic, [float_to_list(X) || X <- values()]},
     {decimals, decimals()},
     {scientific, scientific()},
     {options, options()},
     {binaries, binaries()},
     {parse, parse()},
     {math, math()},
     {math_errors, math_errors()}].

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

map(F, [H | T]) -> [F(H) | map(F, T)];
map(_, []) -> [].

seq(A, B) when A > B -> [];
seq(A, B) -> [A | seq(A + 1, B)].

pow10(0) -> 1.0;
pow10(N) when N > 0 -> 10.0 * pow10(N - 1);
pow10(N) -> pow10(N + 1) / 10.0.

values() ->
    map(fun id/1,
        [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1/3, 2/3, 0.5, 1.5, 100.0, 1000.0, 1.0e10,
         123456789012345680.0, 1.0e-5, 5.0e-324, 1.7976931348623157e308,
         2.2250738585072014e-308, 2.225073858507201e-308, 9007199254740992.0,
         9007199254740994.0, 4503599627370496.5, 1234567890.0, 12345678900.0, 0.001,
         0.0001, 0.00012, 0.000123, 1.0e15, 1.0e16, 1.0e17, 1.0e21, 1.0e22, 1.0e23,
         3.141592653589793, 2.718281828459045, 6.02214076e23, 6.62607015e-34, 299792458.0,
         -123.456, 1.0e100, 1.0e-100, 4.9e-324, 9.999999999999999e22, 1.2345e-7,
         1.0e-4, 1.0e-3, 12.5, 0.1 + 0.2, 100.0 / 3, 1.0e300 * 1.0e8, 1.0e-300 / 1.0e8]).

arith() ->
    Vs = map(fun id/1, [0.0, 1.5, -2.25, 1.0e300, -1.0e-300, 3, -7, 1 bsl 70]),
    [{A, B, t(fun() -> A + B end), t(fun() -> A - B end), t(fun() -> A * B end),
      t(fun() -> A / B end)} || A <- Vs, B <- Vs] ++
    [t(fun() -> id(1.0e308) * 10 end), t(fun() -> id(1.0e308) + id(1.0e308) end),
     t(fun() -> id(-1.0e308) - id(1.0e308) end), t(fun() -> id(1.0) / id(0.0) end),
     t(fun() -> id(0.0) / id(0.0) end), t(fun() -> id(1) / id(-0.0) end),
     t(fun() -> id(1.0e-320) / id(1.0e10) end), id(5.0e-324) / 2, id(5.0e-324) * 0.5].

zeros() ->
    Z = id(0.0), N = id(-0.0),
    [-Z, -N, abs(N), +N, Z * -1, 0 - Z, N + Z, N - Z, N * 1.0, float(N), trunc(N),
     round(N), N / 1, 0 / id(-1), Z == N, Z =:= N, N < Z, math:sqrt(N), math:floor(N),
     math:ceil(id(-0.5)), math:fmod(id(-1.0), 1.0)].

short() ->
    Vs = values() ++ [pow10(E) || E <- seq(-30, 30)] ++
         [pow10(E) * 1.2345678 || E <- seq(-25, 25)] ++
         [X / 7 || X <- map(fun id/1, [1.0, 10.0, 1.0e20, 1.0e-20, 22.0])],
    [float_to_list(X, [short]) || X <- Vs].

decimals() ->
    Vs = map(fun id/1, [0.125, 1.005, 2.5, 0.5, 1.5, 0.05, 0.15, 0.25, 0.35, 0.045, 2.675,
                        99.995, 0.999, -0.999, -0.0, -0.4, -0.5, 1.0e20, -1.0e20, 123.456,
                        1.0e-10, 9007199254740993.0, 1.0e15, 5.0e-324, 0.1, 1/3, 12345.6789,
                        1.0e200]),
    Ds = [0, 1, 2, 3, 5, 10, 17, 18, 19, 20, 25, 54],
    [{X, [t(fun() -> float_to_list(X, [{decimals, D}]) end) || D <- Ds],
      [t(fun() -> float_to_list(X, [{decimals, D}, compact]) end) || D <- Ds]} || X <- Vs].

scientific() ->
    Vs = map(fun id/1, [0.0, -0.0, 1.5, -1.5, 0.1, 1.0e-300, 1.0e22, 123456.789, 5.0e-324,
                        1.7976931348623157e308]),
    [{X, [t(fun() -> float_to_list(X, [{scientific, D}]) end) || D <- [0, 1, 2, 5, 10, 20, 30]]}
     || X <- Vs] ++
    [t(fun() -> float_to_list(id(1.5), [{scientific, D}]) end) || D <- [-1, 249, 250, 1 bsl 32]].

options() ->
    X = id(1.5), Y = id(0.1),
    Os = [[], [short], [compact], [{decimals, 2}], [{scientific, 2}],
          [{decimals, 2}, {scientific, 2}], [{scientific, 2}, {decimals, 2}],
          [short, {decimals, 2}], [{decimals, 2}, short], [{scientific, 3}, short],
          [short, {scientific, 3}], [{decimals, 2}, compact], [compact, {decimals, 3}],
          [{decimals, 0}, compact], [{decimals, -1}], [{decimals, 254}], [{decimals, 253}],
          [{decimals, a}], [{decimals, 1, 2}], [{other, 2}], [bad], [{decimals, 2} | bad],
          [{decimals, 1 bsl 32}], [{decimals, 1 bsl 70}]],
    [{O, t(fun() -> float_to_list(X, O) end), t(fun() -> float_to_list(Y, O) end),
      t(fun() -> float_to_list(-1.0, O) end)} || O <- Os] ++
    [t(fun() -> float_to_list(id(1)) end), t(fun() -> float_to_list(id(a), []) end),
     t(fun() -> float_to_list(id(1.0e20), [{decimals, 0}, compact]) end),
     t(fun() -> float_to_list(id(-1.0e200), [{decimals, 54}]) end)].

binaries() ->
    [float_to_binary(id(0.1)), float_to_binary(id(0.1), [short]),
     float_to_binary(id(2.5), [{decimals, 3}]), float_to_binary(id(2.5), [{decimals, 3}, compact]),
     float_to_binary(id(-2.5e-10), [{scientific, 4}]),
     t(fun() -> float_to_binary(id(1.0), [{decimals, 300}]) end),
     t(fun() -> float_to_binary(id(7)) end)].

parse() ->
    L = ["1.0", "+1.0", "-1.0", "1.0e5", "1.0E5", "1.0e+5", "1.0e-5", "1e5", "1.", ".5",
         "1.0e", " 1.0", "1.0 ", "1_000.0", "1.0e500", "1.0e-500", "-0.0", "00001.5",
         "1.5e0005", "1.5e+-5", "1.0e5.0", "--1.0", "1.0f", "", "4.9e-324", "2.4e-324",
         "2.5e-324", "1.7976931348623157e308", "1.7976931348623159e308", "0.1e1_0", "1.0\n",
         "0x1.0p3", "inf", "nan", "1.0e+", "9999999999999999999999999999999999999999.0",
         "0.30000000000000004", "123456789.123456789e-30", "1,5", "+.5", "-1.e3"],
    [{S, t(fun() -> list_to_float(S) end), t(fun() -> binary_to_float(list_to_binary(S)) end)}
     || S <- map(fun id/1, L)] ++
    [t(fun() -> list_to_float(id([$1, $., $0, 300])) end), t(fun() -> list_to_float(id(a)) end),
     t(fun() -> list_to_float(id([$1, $., $0 | $1])) end),
     t(fun() -> binary_to_float(id(<<"1.0", 1:1>>)) end), t(fun() -> binary_to_float(id(1.0)) end)].

math() ->
    Xs = map(fun id/1, [0.5, -0.5, 2, 10.0, 0.0, 1]),
    [{X, [t(fun() -> math:F(X) end) || F <- [sin, cos, tan, asin, acos, atan, sinh, cosh, tanh,
                                            asinh, acosh, atanh, exp, log, log2, log10, sqrt,
                                            erf, erfc, ceil, floor]]} || X <- Xs] ++
    [math:pi(), math:atan2(id(1), id(-1)), math:atan2(id(0.0), id(0.0)), math:pow(id(2), 0.5),
     math:pow(id(-8), 3), math:pow(id(10), -3), math:fmod(id(7.5), 2), math:fmod(id(-7), 3),
     math:fmod(id(7), 1 bsl 70), math:floor(id(1 bsl 70)), math:ceil(id(-1.5)),
     math:sqrt(id(1 bsl 100)), math:exp(id(1)), math:log(id(1 bsl 1000))].

math_errors() ->
    A = id(a),
    [t(fun() -> math:sqrt(id(-1)) end), t(fun() -> math:sqrt(A) end),
     t(fun() -> math:log(id(0)) end), t(fun() -> math:log(id(-1.0)) end),
     t(fun() -> math:log2(id(0.0)) end), t(fun() -> math:log10(id(-5)) end),
     t(fun() -> math:pow(id(10), 400) end), t(fun() -> math:pow(id(0), -1) end),
     t(fun() -> math:pow(id(-8), 1 / 3) end), t(fun() -> math:exp(id(1000)) end),
     t(fun() -> math:acos(id(2)) end), t(fun() -> math:asin(id(-1.5)) end),
     t(fun() -> math:fmod(id(1.0), 0.0) end), t(fun() -> math:atanh(id(1)) end),
     t(fun() -> math:acosh(id(0.5)) end), t(fun() -> math:cosh(id(1000)) end),
     t(fun() -> math:sinh(id(-1000)) end), t(fun() -> math:sqrt(id(1 bsl 2000)) end),
     t(fun() -> math:sin(id(1 bsl 1100)) end), t(fun() -> math:atan2(A, 1) end),
     t(fun() -> math:pow(1, A) end), t(fun() -> math:floor(A) end),
     t(fun() -> math:fmod(id(5), id(0)) end)].
