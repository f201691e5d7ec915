%% calc: a calculation engine service, of the kind a trading desk runs to
%% price its books. The application (calc.app) starts calc_sup, which owns a
%% dispatcher (calc_dispatch) and a pool of engines (calc_engine); the pricing
%% itself is calc_price. start/0 runs a demo workload against the service,
%% including a job that crashes its engine, prints a report that is the same
%% on every run and every machine, and halts.
%%   erl -noshell -pa DIR -run calc start
%%   spore run -pa DIR -run calc start
-module(calc).
-behaviour(application).
-export([start/0, start/2, stop/1]).

%% ---- the application ----

start(normal, []) ->
    Config = maps:from_list([{K, application:get_env(calc, K, D)}
                             || {K, D} <- [{engines, 4}, {max_restarts, 5}, {period, 10}]]),
    calc_sup:start_link(Config).

stop(_State) ->
    ok.

%% ---- the demo ----

start() ->
    %% The crash below is on purpose. OTP logs it (as it should) with a time
    %% stamp and process ids, which would make the report differ from run to
    %% run; the demo reports the failed job itself instead.
    logger:set_primary_config(level, critical),
    T0 = erlang:monotonic_time(),
    {ok, Started} = application:ensure_all_started(calc),
    {ok, N} = application:get_env(calc, engines),
    {ok, MaxR} = application:get_env(calc, max_restarts),
    {ok, Period} = application:get_env(calc, period),
    io:format("calc: ~b engines, one_for_one, at most ~b restarts in ~b s~n", [N, MaxR, Period]),
    io:format("started ~p~n", [Started]),

    Books = [{book_name(I), calc_price:book(I, 40)} || I <- lists:seq(1, 8)],
    section("value 8 books of 40 options (Black-Scholes)",
            [{value, Name, Options} || {Name, Options} <- Books]),

    Amer = [#{kind => put, spot => 100.0, strike => K, rate => 0.03, vol => 0.25, years => 1.0}
            || K <- [90.0, 100.0, 110.0]],
    section("American puts on a 300-step binomial tree",
            [{american, "put-" ++ integer_to_list(round(K)), O, 300}
             || #{strike := K} = O <- Amer]),

    Shocks = [(I - 10) / 100 || I <- lists:seq(0, 20), I =/= 10],
    section("value at risk of 2 books over 20 spot shocks",
            [{var, Name, Options, Shocks} || {Name, Options} <- lists:sublist(Books, 2)]),

    %% a volatility of zero: the engine that gets this book divides by zero
    [Bad | Rest] = calc_price:book(99, 40),
    Broken = [Bad#{vol := 0.0} | Rest],
    section("6 books, one with bad market data (a volatility of zero)",
            [{value, book_name(I), calc_price:book(I, 40)} || I <- lists:seq(9, 11)]
            ++ [{value, "book-99", Broken}]
            ++ [{value, book_name(I), calc_price:book(I, 40)} || I <- lists:seq(12, 13)]),
    wait_for_pool(N, 1000),
    section("after the restart: 4 more books",
            [{value, book_name(I), calc_price:book(I, 40)} || I <- lists:seq(14, 17)]),

    #{engines := Up, restarts := Restarts, done := Done, failed := Failed,
      peak := Peak, per_engine := PerEngine} = calc_dispatch:status(),
    io:format("~npool: ~b of ~b engines up, ~b restarted~n", [Up, N, Restarts]),
    io:format("jobs: ~b done, ~b failed, at most ~b waiting~n", [Done, Failed, Peak]),
    %% which engine ran which job depends on timing: not part of the report
    Ms = erlang:convert_time_unit(erlang:monotonic_time() - T0, native, millisecond),
    io:format("# jobs per engine ~w, ~b ms~n", [lists:sort(maps:to_list(PerEngine)), Ms]),
    io:format("stop: ~p~n", [application:stop(calc)]),
    halt().

book_name(I) -> "book-" ++ integer_to_list(I).

%% Submits the jobs all at once (more jobs than engines: some wait in the
%% dispatcher's queue), then prints the answers in the order submitted.
section(Title, Jobs) ->
    io:format("~n~s~n", [Title]),
    Refs = calc_dispatch:submit_all(Jobs),
    lists:foreach(fun({Job, Ref}) -> report(Job, calc_dispatch:await(Ref)) end,
                  lists:zip(Jobs, Refs)).

report(_, {ok, {Name, #{options := Count, value := Value, delta := Delta}}}) ->
    io:format("  ~-8s ~3b options  value ~12s  delta ~11s~n",
              [Name, Count, calc_price:format_fixed(Value, 2),
               calc_price:format_fixed(Delta, 4)]);
report(_, {ok, {Name, #{price := Price}}}) ->
    io:format("  ~-8s price ~s~n", [Name, calc_price:format_fixed(Price, 6)]);
report(_, {ok, {Name, #{scenarios := Count, var := Var}}}) ->
    io:format("  ~-8s ~b scenarios  95% value at risk ~s~n",
              [Name, Count, calc_price:format_fixed(Var, 2)]);
report(Job, {error, Why}) ->
    io:format("  ~-8s FAILED: ~p~n", [element(2, Job), Why]).

%% The supervisor restarts a crashed engine soon after the dispatcher has
%% failed its job; wait (up to 'Tries' ms) until the pool is whole again.
wait_for_pool(N, Tries) ->
    case calc_dispatch:status() of
        #{engines := N} -> ok;
        _ when Tries > 0 -> timer:sleep(1), wait_for_pool(N, Tries - 1);
        #{engines := Up} -> io:format("pool: only ~b of ~b engines came back~n", [Up, N])
    end.
