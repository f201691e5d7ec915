%% otp_float_format: floats through io_lib:format (~p ~w ~e ~f ~g with
%% precisions), float_to_list/binary options and io_lib_format's shortest
%% round-trip printing, over many magnitudes produced by rand with a fixed
%% seed (rand itself is OTP code running on the VM's integer arithmetic).
-module(otp_float_format).
-export([start/0]).

start() ->
    rand:seed(exsss, {1, 2, 3}),
    Fs = [gen() || _ <- lists:seq(1, 150)] ++ edge(),
    [[fmt(F) || F <- Fs], rand:uniform(1000), rand:uniform(), rand:normal(),
     [rand:uniform(1 bsl 70) || _ <- lists:seq(1, 3)]].

gen() ->
    M = rand:uniform() * 10 - 5,
    E = rand:uniform(80) - 40,
    M * math:pow(10, E).

edge() ->
    [0.0, -0.0, 1.0, 0.1, 0.5, 1.5, 2.5, 1.0e15, 1.0e16, 1.0e21, 1.0e22, 1.0e23, 123456.789,
     5.0e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 9007199254740993.0,
     0.30000000000000004, 100.0, 1.0e-4, 1.0e-5, 999999.9999, 0.000123456].

fmt(F) ->
    S = lists:flatten(io_lib:format("~p ~w ~e ~.3e ~f ~.2f ~.10f ~g ~.3g ~15.6g|",
                                    [F, F, F, F, F, F, F, F, F, F])),
    {S, float_to_list(F), c(fun() -> float_to_list(F, [{decimals, 4}]) end),
     float_to_list(F, [{scientific, 5}]), float_to_binary(F, [short]),
     c(fun() -> float_to_list(F, [{decimals, 2}, compact]) end),
     list_to_float(float_to_list(F)) =:= F, io_lib_format:fwrite_g(F)}.

c(Fun) ->
    try Fun() catch C:R -> {C, R} end.
