%% bench_ext: term_to_binary/1 and binary_to_term/1 of a nested term of
%% lists, tuples, maps, binaries, floats, atoms and a bignum, 200 times.
-module(bench_ext).
-export([main/0]).

main() ->
    T = term(),
    T0 = erlang:monotonic_time(),
    R = loop(200, T, 0),
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [R, erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

term() ->
    {lists:seq(1, 300),
     maps:from_list([{K, {K, integer_to_list(K), <<K:64>>}} || K <- lists:seq(1, 200)]),
     [{record, I, float(I) / 3, atom_of(I), "str"} || I <- lists:seq(1, 200)],
     <<0:8000>>,
     1 bsl 200}.

atom_of(I) -> element(I rem 3 + 1, {alpha, beta, gamma}).

loop(0, _, Size) -> Size;
loop(N, T, _) ->
    B = term_to_binary(T),
    T = binary_to_term(B),
    loop(N - 1, T, byte_size(B)).
