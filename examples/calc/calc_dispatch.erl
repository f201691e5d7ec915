%% calc_dispatch: the front of the service. Clients submit jobs here; the
%% dispatcher gives each to an idle engine (the one idle longest, so work
%% goes round the pool) and queues jobs while every engine is busy. It
%% monitors the engines: when one goes down in the middle of a job, that job
%% is answered with an error and the rest carry on; the engine's restart
%% (by calc_sup) announces itself and rejoins the pool.
%%
%% A client gets a reference from submit/1 (a list of them from
%% submit_all/1) and the answer as a message {calc, Ref, {ok, Result} |
%% {error, Why}}; await/1 waits for it.
-module(calc_dispatch).
-behaviour(gen_server).
-export([start_link/0, submit/1, submit_all/1, await/1, run/1, status/0,
         engine_up/2, engine_done/3]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

submit(Job) ->
    [Ref] = submit_all([Job]),
    Ref.

%% Queues 'Jobs' in one step, in order, before any of them starts.
submit_all(Jobs) ->
    gen_server:call(?MODULE, {submit, Jobs}).

await(Ref) ->
    receive
        {calc, Ref, Answer} -> Answer
    end.

run(Job) ->
    await(submit(Job)).

%% The pool and the counters, as a map.
status() ->
    gen_server:call(?MODULE, status).

%% From the engines.
engine_up(Id, Pid) ->
    gen_server:cast(?MODULE, {up, Id, Pid}).
engine_done(Pid, Ref, Result) ->
    gen_server:cast(?MODULE, {done, Pid, Ref, Result}).

init([]) ->
    %% Restarted after a crash, the dispatcher finds the engines already
    %% running; it asks the supervisor once the supervisor has finished
    %% starting it (asking from init/1 would wait on the supervisor, which
    %% is waiting on init/1).
    self() ! find_engines,
    {ok, #{engines => #{},          % Pid => Id, each monitored
           idle => queue:new(),     % Pids, longest idle first
           busy => #{},             % Pid => {Ref, Client}
           waiting => queue:new(),  % {Ref, Client, Job}, oldest first
           seen => #{},             % Ids that have been up before
           done => 0, failed => 0, restarts => 0,
           peak => 0,               % the longest the queue has been
           per_engine => #{}}}.     % Id => jobs finished

handle_call({submit, Jobs}, {Client, _}, #{waiting := W, peak := Peak} = S) ->
    Refs = [make_ref() || _ <- Jobs],
    W1 = lists:foldl(fun queue:in/2, W,
                     [{Ref, Client, Job} || {Ref, Job} <- lists:zip(Refs, Jobs)]),
    #{waiting := W2} = S1 = dispatch(S#{waiting := W1}),
    {reply, Refs, S1#{peak := max(Peak, queue:len(W2))}};
handle_call(status, _From, S) ->
    #{engines := E, idle := I, busy := B, waiting := W} = S,
    Counters = maps:with([done, failed, restarts, peak, per_engine], S),
    {reply, Counters#{engines => maps:size(E), idle => queue:len(I),
                      busy => maps:size(B), waiting => queue:len(W)}, S}.

handle_cast({up, Id, Pid}, S) ->
    {noreply, dispatch(join(Id, Pid, true, S))};
handle_cast({done, Pid, Ref, Result}, #{busy := B} = S) ->
    case maps:take(Pid, B) of
        {{Ref, Client}, B1} ->
            Client ! {calc, Ref, {ok, Result}},
            #{done := D, engines := #{Pid := Id}, per_engine := PE, idle := I} = S,
            S1 = S#{busy := B1, done := D + 1, idle := queue:in(Pid, I),
                    per_engine := maps:update_with(Id, fun(N) -> N + 1 end, 1, PE)},
            {noreply, dispatch(S1)};
        error ->
            {noreply, S}
    end.

handle_info(find_engines, S) ->
    Running = [{Id, Pid} || {{engine, Id}, Pid, _, _} <- supervisor:which_children(calc_sup),
                            is_pid(Pid)],
    S1 = lists:foldl(fun({Id, Pid}, Acc) -> join(Id, Pid, false, Acc) end, S, Running),
    {noreply, dispatch(S1)};
handle_info({'DOWN', _, process, Pid, Why}, #{engines := E, idle := I, busy := B} = S) ->
    S1 = S#{engines := maps:remove(Pid, E),
            idle := queue:filter(fun(P) -> P =/= Pid end, I)},
    case maps:take(Pid, B) of
        {{Ref, Client}, B1} ->
            Client ! {calc, Ref, {error, {engine_crashed, cause(Why)}}},
            #{failed := F} = S1,
            {noreply, S1#{busy := B1, failed := F + 1}};
        error ->
            {noreply, S1}
    end;
handle_info(_Msg, S) ->
    {noreply, S}.

%% Engine 'Id' at 'Pid' joins the pool, once, whichever of its own
%% announcement and find_engines comes first. An announcement from an id
%% that has been up before is a restart.
join(Id, Pid, Announced, #{engines := E, idle := I, seen := Seen, restarts := R} = S) ->
    case is_map_key(Pid, E) of
        true ->
            S;
        false ->
            erlang:monitor(process, Pid),
            Again = Announced andalso is_map_key(Id, Seen),
            S#{engines := E#{Pid => Id}, idle := queue:in(Pid, I), seen := Seen#{Id => true},
               restarts := R + if Again -> 1; true -> 0 end}
    end.

%% Gives waiting jobs to idle engines while there are both.
dispatch(#{idle := I, waiting := W, busy := B} = S) ->
    case {queue:out(I), queue:out(W)} of
        {{{value, Pid}, I1}, {{value, {Ref, Client, Job}}, W1}} ->
            calc_engine:run(Pid, Ref, Job),
            dispatch(S#{idle := I1, waiting := W1, busy := B#{Pid => {Ref, Client}}});
        _ ->
            S
    end.

%% What a crash report would lead with: the error, without its stack trace.
cause({Reason, Stack}) when is_list(Stack) -> Reason;
cause(Reason) -> Reason.
