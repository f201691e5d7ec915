%% bif_misc: deterministic properties of the miscellaneous BIFs:
%% persistent_term, unique_integer and make_ref, time unit conversion,
%% the calendar conversions, phash/phash2, node identity, system_info,
%% os environment, and their errors, compared between erl and spore.
-module(bif_misc).
-export([start/0]).
-compile(nowarn_deprecated_function).

id(X) -> X.

t(F) ->
    try F() catch C:R -> {C, R} end.

start() ->
    [{persistent_term, pt()},
     {unique, unique()},
     {refs, refs()},
     {convert, convert()},
     {time_shapes, time_shapes()},
     {calendar, calendar()},
     {hashes, hashes()},
     {node, [node(), t(fun() -> node(id(self())) end), t(fun() -> node(id(x)) end),
             nodes(), erlang:is_alive(),
             [t(fun() -> nodes(id(X)) end)
              || X <- [this, known, visible, hidden, [this, visible], [], foo, [foo], 1]]]},
     {system_info, [t(fun() -> erlang:system_info(id(K)) end)
                    || K <- [otp_release, wordsize, {wordsize, internal}, os_type,
                             machine, nonsense, 1]]},
     {system_info_types, [is_integer(erlang:system_info(K))
                          || K <- [process_count, atom_count, schedulers]]},
     {statistics, [t(fun() -> erlang:statistics(id(K)) end) || K <- [foo, 1]]},
     {statistics_shapes, [shape(erlang:statistics(K))
                          || K <- [runtime, wall_clock, reductions, run_queue]]},
     {misc, [erlang:garbage_collect(), erlang:get_cookie(),
             t(fun() -> erlang:garbage_collect(id(x)) end),
             erlang:garbage_collect(self())]},
     {halt_badarg, [t(fun() -> erlang:halt(id(H)) end) || H <- [-1, x, [a], 1.0]]},
     {env, env()}].

shape(T) when is_tuple(T) -> {tuple, [shape(E) || E <- tuple_to_list(T)]};
shape(I) when is_integer(I), I >= 0 -> nat;
shape(X) -> X.

pt() ->
    K = {bif_misc, key},
    A = persistent_term:put(K, [1, 2.5, <<"bin">>, #{a => b}]),
    B = persistent_term:get(K),
    C = persistent_term:get({bif_misc, key}, default),
    D = persistent_term:put(K, [1, 2.5, <<"bin">>, #{a => b}]),
    E = persistent_term:put(K, other),
    F = persistent_term:get(K),
    G = persistent_term:erase(K),
    H = persistent_term:erase(K),
    I = t(fun() -> persistent_term:get(id(K)) end),
    J = persistent_term:get(K, default),
    Info = persistent_term:info(),
    {A, B, C, D, E, F, G, H, I, J, lists_sorted_keys(Info)}.

lists_sorted_keys(#{count := C, memory := M}) ->
    [{count, is_integer(C)}, {memory, is_integer(M)}].

unique() ->
    Ms = [erlang:unique_integer([monotonic]) || _ <- [1, 2, 3, 4, 5]],
    Ps = [erlang:unique_integer([positive, monotonic]) || _ <- [1, 2, 3]],
    Us = [erlang:unique_integer() || _ <- [1, 2, 3]],
    Pos = [erlang:unique_integer([positive]) || _ <- [1, 2, 3]],
    {increasing(Ms), increasing(Ps), [P > 0 || P <- Ps ++ Pos], distinct(Us), distinct(Ms), distinct(Pos),
     is_integer(erlang:unique_integer([])),
     [t(fun() -> erlang:unique_integer(id(O)) end)
      || O <- [[foo], [positive | x], x, [monotonic, 1]]]}.

increasing([A, B | T]) -> A < B andalso increasing([B | T]);
increasing(_) -> true.

distinct([]) -> true;
distinct([H | T]) -> not lists:member(H, T) andalso distinct(T).

refs() ->
    R1 = make_ref(),
    R2 = make_ref(),
    {is_reference(R1), R1 =:= R1, R1 =/= R2, node(R1)}.

convert() ->
    Cases = [{1, second, millisecond}, {1, second, microsecond}, {1, second, nanosecond},
             {1, second, native}, {1500, millisecond, second}, {-1500, millisecond, second},
             {-1, native, second}, {-1, nanosecond, millisecond}, {7, 3, 2}, {-7, 3, 2},
             {1, seconds, nano_seconds}, {5, milli_seconds, micro_seconds},
             {1 bsl 64, second, nanosecond}, {-(1 bsl 70), nanosecond, second},
             {1, second, 1 bsl 64}, {123456789, native, perf_counter},
             {1, second, 0}, {1, second, -1}, {1.0, second, native}, {1, minute, second},
             {a, second, second}],
    [t(fun() -> erlang:convert_time_unit(id(X), id(F), id(T)) end) || {X, F, T} <- Cases].

time_shapes() ->
    Now = erlang:timestamp(),
    {A, B, C} = Now,
    N1 = erlang:now(),
    N2 = erlang:now(),
    {{Y, Mo, D}, {H, Mi, S}} = erlang:universaltime(),
    [is_integer(A) andalso is_integer(B) andalso is_integer(C),
     N1 < N2,
     is_integer(erlang:monotonic_time()),
     is_integer(erlang:system_time(second)),
     is_integer(erlang:time_offset()),
     erlang:system_time(millisecond) > 1600000000000,
     os:system_time(second) > 1600000000,
     tuple_size(os:timestamp()),
     Y >= 2024, Mo >= 1, D >= 1, H >= 0, Mi >= 0, S >= 0,
     erlang:localtime() >= {{Y, Mo, D}, {H, Mi, S}},
     tuple_size(erlang:date()), tuple_size(erlang:time()),
     t(fun() -> erlang:monotonic_time(id(foo)) end),
     t(fun() -> erlang:system_time(id(0)) end)].

calendar() ->
    DTs = [{{1970, 1, 1}, {0, 0, 0}}, {{1969, 12, 31}, {23, 59, 59}},
           {{2000, 2, 29}, {12, 30, 45}}, {{2023, 2, 29}, {0, 0, 0}},
           {{1600, 1, 1}, {0, 0, 0}}, {{1599, 12, 31}, {0, 0, 0}},
           {{1902, 1, 1}, {0, 0, 0}}, {{1901, 12, 31}, {23, 59, 59}},
           {{99999, 12, 31}, {23, 59, 59}}, {{2024, 1, 1}, {24, 0, 0}},
           {{2024, 1, 1}, {0, 60, 0}}, {{2024, 13, 1}, {0, 0, 0}},
           {{2024, 1, 1}, {0, 0, 0}, x}, x, {{2024, 1, 1.0}, {0, 0, 0}}],
    [{t(fun() -> erlang:universaltime_to_posixtime(id(DT)) end),
      t(fun() -> erlang:universaltime_to_localtime(id(DT)) end),
      t(fun() -> erlang:localtime_to_universaltime(id(DT)) end),
      t(fun() -> erlang:localtime_to_universaltime(id(DT), id(false)) end)}
     || DT <- DTs] ++
    [t(fun() -> erlang:posixtime_to_universaltime(id(P)) end)
     || P <- [0, -1, 86399, 86400, 951827445, 1700000000, -100000000000,
              1 bsl 40, -(1 bsl 40), 1 bsl 62, 1 bsl 63 - 1, 1 bsl 63, -(1 bsl 63), 1.0, x]] ++
    [t(fun() -> erlang:localtime_to_universaltime({{2024, 1, 1}, {0, 0, 0}}, id(X)) end)
     || X <- [undefined, x]].

hashes() ->
    Terms = [a, 1, -1, 1.5, "abc", <<1, 2, 3>>, {a, [b, c]}, [], {}, 1 bsl 80, #{a => 1}],
    [{erlang:phash2(T), erlang:phash2(T, 1000), erlang:phash(T, 1000),
      erlang:phash2(T, 1 bsl 32), erlang:phash(T, 1 bsl 32)} || T <- Terms] ++
    [t(fun() -> erlang:phash2(a, id(R)) end) || R <- [0, -1, 1 bsl 32 + 1, x]] ++
    [t(fun() -> erlang:phash(a, id(R)) end) || R <- [0, 1 bsl 32 + 1, x]].

env() ->
    V = "BIF_MISC_TEST_VAR",
    [os:getenv(V),
     os:putenv(V, "value=1"),
     os:getenv(V),
     os:getenv(V, default),
     os:putenv(V, [$a, 300]),
     os:getenv(V),
     os:getenv(["BIF_MISC", "_TEST_VAR"]),
     lists:member(V ++ "=" ++ [$a, 300], os:getenv()),
     os:unsetenv(V),
     os:getenv(V),
     os:getenv(V, default),
     os:unsetenv(V),
     is_list(os:getpid()),
     [t(fun() -> os:getenv(id(X)) end) || X <- [x, "A=B", [$A, 0], [$A | b], <<"A">>]],
     [t(fun() -> os:putenv(id(X), id(Y)) end)
      || {X, Y} <- [{"A=B", "v"}, {"A", [0]}, {x, "v"}, {"A", x}]],
     [t(fun() -> os:unsetenv(id(X)) end) || X <- ["A=", x]]].
