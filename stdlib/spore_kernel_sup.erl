%% spore_kernel_sup: kernel_sup, where OTP's kernel modules start their
%% servers on demand (timer's timer_server, for one). A small process that
%% answers supervisor:start_child/2 and which_children/1 calls, so that
%% boot does not load the supervisor machinery; the children it starts are
%% linked to it and not restarted.
-module(spore_kernel_sup).
-export([start_link/0, init/1]).

start_link() ->
    Pid = spawn_link(?MODULE, init, [self()]),
    {ok, Pid}.

init(_Parent) ->
    register(kernel_sup, self()),
    process_flag(trap_exit, true),
    loop([]).

loop(Kids) ->
    receive
        {'$gen_call', From, {start_child, Spec}} ->
            {Reply, Kids1} = start_child(Spec, Kids),
            gen:reply(From, Reply),
            loop(Kids1);
        {'$gen_call', From, which_children} ->
            gen:reply(From, [{Id, Pid, worker, [M]} || {Id, Pid, M} <- Kids]),
            loop(Kids);
        {'$gen_call', From, _} ->
            gen:reply(From, {error, badarg}),
            loop(Kids);
        {'EXIT', Pid, _} ->
            loop(lists:keydelete(Pid, 2, Kids));
        _ ->
            loop(Kids)
    end.

start_child(#{id := Id, start := {M, F, A}}, Kids) ->
    start_child(Id, M, F, A, Kids);
start_child({Id, {M, F, A}, _, _, _, _}, Kids) ->
    start_child(Id, M, F, A, Kids);
start_child(_, Kids) ->
    {{error, badarg}, Kids}.

start_child(Id, M, F, A, Kids) ->
    case lists:keyfind(Id, 1, Kids) of
        {Id, Pid, _} ->
            {{error, {already_started, Pid}}, Kids};
        false ->
            try apply(M, F, A) of
                {ok, Pid} when is_pid(Pid) -> {{ok, Pid}, [{Id, Pid, M} | Kids]};
                {ok, Pid, _} when is_pid(Pid) -> {{ok, Pid}, [{Id, Pid, M} | Kids]};
                Other -> {{error, Other}, Kids}
            catch
                C:R -> {{error, {C, R}}, Kids}
            end
    end.
