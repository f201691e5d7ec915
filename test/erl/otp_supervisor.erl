%% otp_supervisor: OTP's supervisor and gen_server, unmodified: a child that
%% crashes is restarted (one_for_one), which_children, count_children,
%% terminate_child, restart_child and delete_child. Logging is switched off
%% so that the reports (with their timestamps) stay out of the output.
-module(otp_supervisor).
-behaviour(supervisor).
-export([start/0, init/1, start_worker/1, worker_loop/1]).

start() ->
    ok = logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link(?MODULE, one_for_one),
    W1 = whereis(otp_sup_w1),
    exit(W1, kill),
    timer_sleep(50),
    W1b = whereis(otp_sup_w1),
    Restarted = is_pid(W1b) andalso W1b =/= W1,
    Ids = lists:sort([Id || {Id, _, worker, _} <- supervisor:which_children(Sup)]),
    Counts = supervisor:count_children(Sup),
    T = supervisor:terminate_child(Sup, w2),
    Gone = whereis(otp_sup_w2),
    R = supervisor:restart_child(Sup, w2),
    Back = is_pid(whereis(otp_sup_w2)),
    ok = supervisor:terminate_child(Sup, w2),
    D = supervisor:delete_child(Sup, w2),
    Ids2 = [Id || {Id, _, _, _} <- supervisor:which_children(Sup)],
    unlink(Sup),
    exit(Sup, shutdown),
    timer_sleep(20),
    {Restarted, Ids, Counts, T, Gone, element(1, R), Back, D, Ids2}.

timer_sleep(Ms) -> receive after Ms -> ok end.

init(Strategy) ->
    Child = fun(Id) -> #{id => Id, start => {?MODULE, start_worker, [Id]},
                         restart => permanent, shutdown => 1000, type => worker,
                         modules => [?MODULE]} end,
    {ok, {#{strategy => Strategy, intensity => 5, period => 10}, [Child(w1), Child(w2)]}}.

start_worker(Id) ->
    Name = list_to_atom("otp_sup_" ++ atom_to_list(Id)),
    Pid = spawn_link(?MODULE, worker_loop, [Name]),
    {ok, Pid}.

worker_loop(Name) ->
    register(Name, self()),
    receive stop -> ok end.
