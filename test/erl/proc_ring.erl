%% Many processes at once: a ring of 1000 passing a token 20 times round, many
%% receive timers firing together, timers cancelled by a message, and
%% processes that crash without disturbing the others.
-module(proc_ring).
-export([start/0]).

start() ->
    [ring(1000, 20), timers(300), cancelled(200), crashes(50), fairness()].

ring(N, Laps) ->
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end,
                        Self, lists:seq(1, N - 1)),
    First ! {token, 1},
    Laps = pass(First, Laps),
    First ! stop,
    {N, Laps}.

relay(Next) ->
    receive
        stop -> Next ! stop;
        {token, K} -> Next ! {token, K}, relay(Next)
    end.

%% Each lap takes the token once through every relay.
pass(First, Laps) ->
    receive
        {token, Laps} -> Laps;
        {token, K} -> First ! {token, K + 1}, pass(First, Laps)
    end.

timers(N) ->
    Self = self(),
    [spawn(fun() -> receive after (I rem 17) -> Self ! {fired, I} end end)
     || I <- lists:seq(1, N)],
    Got = [receive {fired, I} -> I end || _ <- lists:seq(1, N)],
    lists:sort(Got) =:= lists:seq(1, N).

cancelled(N) ->
    Self = self(),
    Ps = [spawn(fun() ->
                        R = receive go -> go after 5000 -> late end,
                        Self ! {self(), R}
                end) || _ <- lists:seq(1, N)],
    [P ! go || P <- Ps],
    lists:usort([receive {P, R} -> R end || P <- Ps]).

crashes(N) ->
    Self = self(),
    [spawn(fun() -> Self ! {crashing, I}, exit({boom, I}) end)
     || I <- lists:seq(1, N)],
    Got = [receive {crashing, I} -> I end || _ <- lists:seq(1, N)],
    {length(Got), lists:sum(Got)}.

%% Two busy processes both finish: neither starves the other.
fairness() ->
    Self = self(),
    Spin = fun(Tag) -> spawn(fun() -> Self ! {Tag, count(200000, 0)} end) end,
    Spin(a),
    Spin(b),
    lists:sort([receive {T, V} -> {T, V} end || _ <- [1, 2]]).

count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + 1).
