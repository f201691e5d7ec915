%% otp_math: the math module's functions on ordinary and edge arguments.
-module(otp_math).
-export([start/0]).

start() ->
    Unary = [sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, exp, log, log2,
    log10,
             sqrt, ceil, floor, erf, erfc],
    Args = [0, 0.5, 1, -1, 2.0, 100, -0.5, 1.0e-10, 10],
    [[{F, [r(math, F, [A]) || A <- Args]} || F <- Unary],
     math:pi(), r(math, pow, [2, 10]), r(math, pow, [2.0, 0.5]), r(math, pow, [-8, 1 / 3]),
     r(math, pow, [10, 400]), r(math, atan2, [1, -1]), r(math, atan2, [0, 0]),
     r(math, atan2, [-0.0, -1]),
     r(math, fmod, [10, 3]), r(math, fmod, [-7.5, 2]), r(math, fmod, [1, 0]), r(math, log, [0]),
     r(math, exp, [1000]), r(math, sqrt, [-1]), r(math, log, [1.0e308]), r(math, ceil, [-0.5]),
     r(math, floor, [123456789012345678901234567890]),
     r(math, sqrt, [123456789012345678901234567890]),
     r(math, sin, [a]), r(math, cos, [1 bsl 2000])].

r(M, F, A) ->
    try apply(M, F, A) catch C:R -> {C, R} end.
