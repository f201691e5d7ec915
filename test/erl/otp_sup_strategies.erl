%% otp_sup_strategies: OTP's supervisor restart strategies, unmodified:
%% one_for_one, one_for_all, rest_for_one and simple_one_for_one, each seen
%% through which children got new pids after one child was killed, and the
%% restart intensity shutting a supervisor down.
-module(otp_sup_strategies).
-behaviour(supervisor).
-export([start/0, init/1, start_worker/1, worker/1]).

start() ->
    ok = logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    [{S, restarted(S)} || S <- [one_for_one, one_for_all, rest_for_one]]
        ++ [{simple_one_for_one, simple()}, {intensity, intensity()}].

%% Kills child b; returns which of a, b, c have new pids.
restarted(Strategy) ->
    {ok, Sup} = supervisor:start_link(?MODULE, Strategy),
    Before = pids(Sup),
    exit(proplists:get_value(b, Before), kill),
    sleep(50),
    After = pids(Sup),
    unlink(Sup),
    exit(Sup, shutdown),
    sleep(20),
    [Id || {Id, P} <- Before, proplists:get_value(Id, After) =/= P].

pids(Sup) ->
    lists:sort([{Id, P} || {Id, P, _, _} <- supervisor:which_children(Sup)]).

simple() ->
    {ok, Sup} = supervisor:start_link(?MODULE, simple),
    {ok, P1} = supervisor:start_child(Sup, [x]),
    {ok, P2} = supervisor:start_child(Sup, [y]),
    N1 = length(supervisor:which_children(Sup)),
    exit(P1, kill),
    sleep(50),
    Kids = supervisor:which_children(Sup),
    N2 = length(Kids),
    StillP2 = lists:keymember(P2, 2, Kids),
    ok = supervisor:terminate_child(Sup, P2),
    N3 = length(supervisor:which_children(Sup)),
    unlink(Sup),
    exit(Sup, shutdown),
    sleep(20),
    {N1, N2, StillP2, N3}.

%% Four crashes in a row exceed an intensity of 3: the supervisor ends.
intensity() ->
    {ok, Sup} = supervisor:start_link(?MODULE, fragile),
    kill_a(4, Sup),
    receive {'EXIT', Sup, Reason} -> {sup_exited, Reason} after 1000 -> still_up end.

kill_a(0, _) -> ok;
kill_a(N, Sup) ->
    case [P || {a, P, _, _} <- catch supervisor:which_children(Sup), is_pid(P)] of
        [P] -> exit(P, kill), sleep(20), kill_a(N - 1, Sup);
        _ -> ok
    end.

sleep(Ms) -> receive after Ms -> ok end.

child(Id) ->
    #{id => Id, start => {?MODULE, start_worker, [Id]}, restart => permanent,
      shutdown => 1000, type => worker, modules => [?MODULE]}.

init(simple) ->
    {ok, {#{strategy => simple_one_for_one, intensity => 5, period => 10},
          [#{id => w, start => {?MODULE, start_worker, []}, restart => transient,
             shutdown => 1000, type => worker, modules => [?MODULE]}]}};
init(fragile) ->
    {ok, {#{strategy => one_for_one, intensity => 3, period => 10}, [child(a)]}};
init(Strategy) ->
    {ok, {#{strategy => Strategy, intensity => 10, period => 10},
          [child(a), child(b), child(c)]}}.

start_worker(Id) -> {ok, spawn_link(?MODULE, worker, [Id])}.

worker(_Id) -> receive stop -> ok end.
