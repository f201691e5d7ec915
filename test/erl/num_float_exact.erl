%% num_float_exact: float text whose digits a C library may get wrong.
%% float_to_list/2 at precisions past the shortest round-trip digits,
%% FLOAT_EXT both ways (term_to_binary with minor_version 0, and made by
%% hand), and list_to_float/binary_to_float on exact midpoints between
%% doubles and on texts just off them, cut to 17..25 digits. The midpoints
%% are computed here with integers, so both systems read the same texts.
-module(num_float_exact).
-export([start/0]).

start() ->
    Rs = randoms(120, 7),
    [{named, [formats(F) || F <- named()]},
     {random, [random_formats(F, I) || {F, I} <- lists:zip(Rs, lists:seq(1, length(Rs)))]},
     {ext, [ext(F) || F <- named() ++ lists:sublist(Rs, 60)]},
     {ext_text, [t(fun() -> binary_to_term(float_ext(S)) end) || S <- ext_texts()]},
     {midpoints, [midpoints(F) || F <- named() ++ Rs, F > 0.0, F < 1.7976931348623157e308]},
     {below_pow2, [below_pow2(K) || K <- [-1074, -1073, -1022, -1021, -100, -1, 0, 1, 52, 53,
                                          60, 100, 1023]]},
     {parse, [t(fun() -> list_to_float(S) end) || S <- parse_texts()]},
     {parse_bin, [t(fun() -> binary_to_float(list_to_binary(S)) end) || S <- parse_texts()]}].

t(F) ->
    try F() catch C:R -> {C, R} end.

named() ->
    [0.1, 5.0e-324, 1.7976931348623157e308, 2.5, 0.125, 1.0e23, 9007199254740993.0, 0.3,
     1 / 3, 2 / 3, 2.2250738585072014e-308, 2.225073858507201e-308, 1.0e-5, 123456789.125,
     0.5, 1.5, 0.375, 1.0e21, 1.0e22, 4.35, 0.05, 0.15, 9.5, 0.995, 1.0e300, -1.0e-300,
     -0.1, 6.02214076e23, 1.0e-320, 4503599627370496.5, -0.0, 0.0].

formats(F) ->
    {F, float_to_list(F), float_to_list(F, [short]),
     [t(fun() -> float_to_list(F, [{scientific, N}]) end)
      || N <- [0, 1, 2, 3, 5, 10, 15, 16, 17, 18, 20, 25, 30, 40, 60, 100]],
     [t(fun() -> float_to_list(F, [{decimals, N}]) end)
      || N <- [0, 1, 2, 5, 10, 18, 19, 20, 25, 30, 40, 60]],
     [t(fun() -> float_to_list(F, [{decimals, N}, compact]) end) || N <- [19, 25, 40]],
     t(fun() -> float_to_binary(F, [{scientific, 30}]) end),
     lists:flatten(io_lib:format("~.25e ~.30f ~.20g", [F, F, F]))}.

random_formats(F, I) ->
    {float_to_list(F, [{scientific, I rem 31}]),
     t(fun() -> float_to_list(F, [{decimals, 19 + I rem 22}]) end),
     float_to_list(F, [short])}.

%% Doubles from their bits (a fixed sequence): any sign and exponent, one
%% in eight subnormal, one in four of a middling size.
randoms(N, Seed) -> randoms(N, Seed, []).

randoms(0, _, Acc) -> lists:reverse(Acc);
randoms(N, S0, Acc) ->
    S1 = next(S0),
    S2 = next(S1),
    Frac = S1 band (1 bsl 52 - 1),
    Exp = case S2 rem 8 of
              0 -> 0;
              1 -> 1023 - 20 + (S2 bsr 8) rem 40;
              2 -> 1023 - 20 + (S2 bsr 8) rem 40;
              _ -> (S2 bsr 8) rem 2047
          end,
    <<F/float>> = <<((S2 bsr 20) band 1):1, Exp:11, Frac:52>>,
    randoms(N - 1, S2, [F | Acc]).

next(S) -> (S * 6364136223846793005 + 1442695040888963407) band (1 bsl 64 - 1).

ext(F) ->
    B = term_to_binary(F, [{minor_version, 0}]),
    Back = binary_to_term(B),
    {B, Back, <<Back/float>> =:= <<F/float>>}.

float_ext(S) ->
    list_to_binary([131, 99, S, lists:duplicate(31 - length(S), 0)]).

ext_texts() ->
    ["1.00000000000000005551e-01", "1.00000000000000012490e-01", "1.0e23",
     "9.007199254740993e15", "9.0071992547409930001e15", "2.4703282292062327e-324",
     "2.4703282292062328e-324", "1.7976931348623158e308", "1.7976931348623159e308",
     "4.94065645841246544177e-324", "2.22507385850720113605e-308", "1,5", " 1.5", "1e5",
     "1.5 ", "0x1.8p1", "+1.5", "-0.0", "1.0e-400", "1.0e400"].

%% m * 2^e for a positive double.
parts(F) ->
    <<0:1, E:11, M:52>> = <<F/float>>,
    case E of
        0 -> {M, -1074};
        _ -> {M bor (1 bsl 52), E - 1075}
    end.

pow5(0) -> 1;
pow5(N) -> 5 * pow5(N - 1).

%% Odd * 2^X as decimal digits and the power of ten of the last one.
decimal(Odd, X) when X >= 0 -> {integer_to_list(Odd bsl X), 0};
decimal(Odd, X) -> {integer_to_list(Odd * pow5(-X)), X}.

text([D | Rest], X10) ->
    Frac = case Rest of [] -> "0"; _ -> Rest end,
    [D, $. | Frac] ++ "e" ++ integer_to_list(X10 + length(Rest)).

%% The midpoint Odd * 2^X exactly, a hair above and below it, and cut to
%% 17..25 digits (down, and one unit up), each read back.
around(Odd, X) ->
    {Ds, X10} = decimal(Odd, X),
    I = list_to_integer(Ds),
    Cuts = [{lists:sublist(Ds, K), X10 + length(Ds) - K} || K <- [17, 19, 21, 25], K < length(Ds)],
    Texts = [text(Ds, X10),
             text(Ds ++ "0000000001", X10 - 10),
             text(integer_to_list(I * 10000000000 - 1), X10 - 10)]
            ++ [text(C, Y) || {C, Y} <- Cuts]
            ++ [text(integer_to_list(list_to_integer(C) + 1), Y) || {C, Y} <- Cuts],
    [list_to_float(T) || T <- Texts].

midpoints(F) ->
    {M, E} = parts(F),
    around(2 * M + 1, E - 1).

%% Just below a normal 2^K the doubles are twice as dense: the midpoint
%% there is a quarter of a unit of 2^K below it. Among the subnormals the
%% spacing is the same on both sides.
below_pow2(K) when K =< -1022 -> {K, around(1 bsl (K + 1075) - 1, -1075)};
below_pow2(K) -> {K, around(1 bsl 54 - 1, K - 54)}.

parse_texts() ->
    ["0.1", "9007199254740993.0", "9007199254740993.00000000000000000001",
     "9007199254740995.0", "1.0e23", "1.00000000000000008388608e23",
     "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
     "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328126e-324",
     "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623158079e308",
     "1.797693134862315807937e308", "1.7976931348623159e308", "2.2250738585072011e-308",
     "2.2250738585072012e-308", "0.1000000000000000055511151231257827021181583404541015625",
     "0.10000000000000001249000902703301107976585626602172851562",
     "0.10000000000000001249000902703301107976585626602172851563",
     "123456789012345678901234567890.0", "0.000000000000000000000000000000000001e36",
     "1.0e-99999999999999999999", "1.0e99999999999999999999", "-1.5e-400", "1.0e309"].
