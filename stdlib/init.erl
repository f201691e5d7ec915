%% init: the first process. It starts the console io server, then runs what
%% the command line asks for, in order, as `erl -noshell` does: -s, -run and
%% -eval. Plain arguments (before the first flag, and after -extra) are kept
%% for get_plain_arguments/0.
-module(init).
-export([boot/1, stop/0, stop/1, get_arguments/0, get_plain_arguments/0,
         get_argument/1, get_status/0, script_id/0, restart/0, reboot/0]).

boot(Args) ->
    register(init, self()),
    GL = spore_io:start(),
    group_leader(GL, self()),
    %% kernel_sup, which OTP's kernel modules add their servers to (timer)
    {ok, _} = spore_kernel_sup:start_link(),
    {Flags, Plain} = parse(Args, [], []),
    persistent_term:put({?MODULE, arguments}, Flags),
    persistent_term:put({?MODULE, plain}, Plain),
    %% The commands run in a process of their own, as in OTP (where init
    %% itself stays free to answer requests).
    spawn(fun() -> start_it(Flags) end),
    idle().

start_it(Flags) ->
    try
        Cmds = commands(Flags),
        %% Everything before this point is the same at every boot, the
        %% command line's atoms and functions looked up: a guest image
        %% starts from a snapshot taken here (docs/usage.md).
        ok = spore:warm_point(),
        run(Cmds)
    catch
        Class:Reason:Stack ->
            do_boot_crash(Class, Reason, Stack)
    end.

idle() ->
    receive
        {stop, Status} -> halt(Status);
        _ -> idle()
    end.

do_boot_crash(Class, Reason, Stack) ->
    R = case Class of
            exit -> Reason;
            throw -> {{nocatch, Reason}, Stack};
            error -> {Reason, Stack}
        end,
    try
        io:format("{\"init terminating in do_boot\",~p}~n", [R]),
        io:format("init terminating in do_boot (~p)~n", [R])
    catch
        _:_ -> erlang:display({init_terminating_in_do_boot, R})
    end,
    halt(1).

%% Flags as {Flag, [Value]} in order; Plain arguments.
parse([], Flags, Plain) ->
    {lists:reverse(Flags), lists:reverse(Plain)};
parse(["-extra" | Rest], Flags, Plain) ->
    {lists:reverse(Flags), lists:reverse(Plain, Rest)};
parse([[$- | Name] | Rest], Flags, Plain) when Name =/= [] ->
    {Vals, Rest1} = values(Rest, []),
    parse(Rest1, [{list_to_atom(Name), Vals} | Flags], Plain);
parse([[$+ | _] | Rest], Flags, Plain) ->
    {_, Rest1} = values(Rest, []),
    parse(Rest1, Flags, Plain);
parse([Arg | Rest], Flags, Plain) ->
    parse(Rest, Flags, [Arg | Plain]).

values([[C | _] | _] = Rest, Acc) when C =:= $-; C =:= $+ ->
    {lists:reverse(Acc), Rest};
values([V | Rest], Acc) ->
    values(Rest, [V | Acc]);
values([], Acc) ->
    {lists:reverse(Acc), []}.

%% What the flags ask for, in order, as {Fun, Args}: -s and -run call
%% M:F() or M:F(Args) (F is start when left out; -s makes the arguments
%% atoms), -eval evaluates each expression.
commands(Flags) ->
    [C || Flag <- Flags, C <- command(Flag)].

command({s, [M]}) -> [{fn(M, "start", 0), []}];
command({s, [M, F]}) -> [{fn(M, F, 0), []}];
command({s, [M, F | As]}) -> [{fn(M, F, 1), [[list_to_atom(A) || A <- As]]}];
command({run, [M]}) -> [{fn(M, "start", 0), []}];
command({run, [M, F]}) -> [{fn(M, F, 0), []}];
command({run, [M, F | As]}) -> [{fn(M, F, 1), [As]}];
command({eval, Exprs}) -> [{fun eval/1, [E]} || E <- Exprs];
command(_) -> [].

fn(M, F, Arity) ->
    erlang:make_fun(list_to_atom(M), list_to_atom(F), Arity).

run([]) -> ok;
run([{Fun, Args} | Rest]) ->
    apply(Fun, Args),
    run(Rest).

%% Like erl, the final dot may be left out.
eval(Str) ->
    {ok, Tokens, _} = erl_scan:string(Str),
    Tokens1 = case lists:reverse(Tokens) of
                  [{dot, _} | _] -> Tokens;
                  Rev -> lists:reverse([{dot, erl_anno:new(1)} | Rev])
              end,
    {ok, Exprs} = erl_parse:parse_exprs(Tokens1),
    {value, _, _} = erl_eval:exprs(Exprs, erl_eval:new_bindings()),
    ok.

stop() -> stop(0).
stop(Status) -> halt(Status).
restart() -> stop(0).
reboot() -> stop(0).

get_arguments() ->
    [{F, V} || {F, V} <- persistent_term:get({?MODULE, arguments}, [])].

get_plain_arguments() ->
    persistent_term:get({?MODULE, plain}, []).

get_argument(Flag) ->
    case [V || {F, V} <- get_arguments(), F =:= Flag] of
        [] -> error;
        Vs -> {ok, Vs}
    end.

get_status() -> {started, started}.
script_id() -> {"spore", "1"}.
