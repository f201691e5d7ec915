%% application: OTP applications, in place of kernel's module (whose
%% application_controller is started by kernel's boot, which spore does not
%% run). An application is loaded from a spec tuple {application, Name, Keys}
%% or from Name.app on the code path, started by calling its callback
%% module's start/2 and stopped by ending its top process. The controller
%% is a registered process started on first use; kernel and stdlib count as
%% started.
-module(application).
-export([load/1, load/2, unload/1, start/1, start/2, stop/1, ensure_started/1,
         ensure_started/2, ensure_all_started/1, ensure_all_started/2,
         which_applications/0, which_applications/1, loaded_applications/0,
         get_env/1, get_env/2, get_env/3, get_all_env/0, get_all_env/1,
         set_env/3, set_env/4, unset_env/2, unset_env/3, get_key/1, get_key/2,
         get_all_key/0, get_all_key/1, get_application/0, get_application/1,
         get_supervisor/1, start_type/0]).

-define(CTRL, application_controller).

%% ---- the controller: State is #{App => #{keys, env, started => Pid | false}} ----

call(Req) ->
    Pid = controller(),
    Ref = erlang:monitor(process, Pid),
    Pid ! {?CTRL, self(), Ref, Req},
    receive
        {Ref, Reply} -> erlang:demonitor(Ref, [flush]), Reply;
        {'DOWN', Ref, _, _, Why} -> exit({application_controller, Why})
    end.

controller() ->
    case whereis(?CTRL) of
        undefined ->
            Pid = spawn(fun() -> loop(#{}) end),
            try register(?CTRL, Pid) of
                true -> Pid
            catch
                error:badarg -> exit(Pid, kill), controller()
            end;
        Pid -> Pid
    end.

loop(S) ->
    receive
        {?CTRL, From, Ref, Req} ->
            {Reply, S1} = handle(Req, S),
            From ! {Ref, Reply},
            loop(S1);
        _ ->
            loop(S)
    end.

handle({load, App, Keys}, S) ->
    case maps:is_key(App, S) of
        true -> {{error, {already_loaded, App}}, S};
        false ->
            Env = proplists:get_value(env, Keys, []),
            {ok, S#{App => #{keys => Keys, env => maps:from_list(Env), started => false}}}
    end;
handle({unload, App}, S) ->
    case maps:find(App, S) of
        error -> {{error, {not_loaded, App}}, S};
        {ok, #{started := false}} -> {ok, maps:remove(App, S)};
        {ok, _} -> {{error, {running, App}}, S}
    end;
handle({info, App}, S) ->
    {maps:find(App, S), S};
handle({started, App, Pid, Type}, S) ->
    #{App := A} = S,
    {ok, S#{App => A#{started => Pid, type => Type}}};
handle({stopped, App}, S) ->
    case maps:find(App, S) of
        {ok, A} -> {ok, S#{App => A#{started => false}}};
        error -> {ok, S}
    end;
handle({set_env, App, K, V}, S) ->
    A = maps:get(App, S, #{keys => [], env => #{}, started => false}),
    {ok, S#{App => A#{env => maps:put(K, V, maps:get(env, A))}}};
handle({unset_env, App, K}, S) ->
    case maps:find(App, S) of
        {ok, A} -> {ok, S#{App => A#{env => maps:remove(K, maps:get(env, A))}}};
        error -> {ok, S}
    end;
handle(all, S) ->
    {S, S}.

%% ---- loading ----

load(AppOrSpec) -> load(AppOrSpec, []).
load({application, App, Keys}, _) when is_atom(App), is_list(Keys) ->
    call({load, App, Keys});
load(App, _) when is_atom(App) ->
    case builtin(App) of
        true -> ok;
        false ->
            case read_app_file(App) of
                {ok, Keys} -> call({load, App, Keys});
                Error -> Error
            end
    end.

read_app_file(App) ->
    Name = atom_to_list(App) ++ ".app",
    case spore:read_code_file(Name) of
        {ok, Bin} ->
            try
                {ok, Tokens, _} = erl_scan:string(unicode:characters_to_list(Bin)),
                {ok, {application, App, Keys}} = erl_parse:parse_term(Tokens),
                {ok, Keys}
            catch
                _:_ -> {error, {bad_application, Name}}
            end;
        error ->
            {error, {"no such file or directory", Name}}
    end.

unload(App) -> call({unload, App}).

builtin(kernel) -> true;
builtin(stdlib) -> true;
builtin(_) -> false.

%% ---- starting and stopping ----

start(App) -> start(App, temporary).
start(App, Type) ->
    case builtin(App) of
        true -> ok;
        false ->
            case ensure_loaded(App) of
                ok -> start_loaded(App, Type);
                Error -> Error
            end
    end.

ensure_loaded(App) ->
    case call({info, App}) of
        {ok, _} -> ok;
        error ->
            case load(App) of
                ok -> ok;
                {error, {already_loaded, _}} -> ok;
                Error -> Error
            end
    end.

start_loaded(App, Type) ->
    {ok, #{keys := Keys, started := Started}} = call({info, App}),
    case Started of
        false ->
            case [D || D <- proplists:get_value(applications, Keys, []),
                       not builtin(D), not running(D)] of
                [] -> run(App, Type, Keys);
                [D | _] -> {error, {not_started, D}}
            end;
        _ ->
            {error, {already_started, App}}
    end.

run(App, Type, Keys) ->
    case proplists:get_value(mod, Keys) of
        undefined ->
            call({started, App, none, Type});
        {Mod, Args} ->
            put('$application', App),
            try Mod:start(normal, Args) of
                {ok, Pid} -> call({started, App, {Pid, Mod, undefined}, Type});
                {ok, Pid, St} -> call({started, App, {Pid, Mod, St}, Type});
                Other -> {error, {bad_return, {{Mod, start, [normal, Args]}, Other}}}
            catch
                C:R -> {error, {bad_return, {{Mod, start, [normal, Args]}, {C, R}}}}
            after
                erase('$application')
            end
    end.

running(App) ->
    case call({info, App}) of
        {ok, #{started := false}} -> false;
        {ok, _} -> true;
        error -> false
    end.

ensure_started(App) -> ensure_started(App, temporary).
ensure_started(App, Type) ->
    case start(App, Type) of
        {error, {already_started, App}} -> ok;
        Other -> Other
    end.

ensure_all_started(App) -> ensure_all_started(App, temporary).
ensure_all_started(App, Type) ->
    case ensure_loaded(App) of
        ok ->
            {ok, #{keys := Keys}} = call({info, App}),
            Deps = [D || D <- proplists:get_value(applications, Keys, []), not builtin(D)],
            Started = lists:foldl(fun(D, Acc) ->
                                          case Acc of
                                              {error, _} -> Acc;
                                              _ -> case ensure_all_started(D, Type) of
                                                       {ok, L} -> Acc ++ L;
                                                       E -> E
                                                   end
                                          end
                                  end, [], Deps),
            case Started of
                {error, _} = E -> E;
                _ ->
                    case start(App, Type) of
                        ok -> {ok, Started ++ [App]};
                        {error, {already_started, App}} -> {ok, Started};
                        E -> E
                    end
            end;
        {error, {"no such file or directory", _}} when App =:= kernel; App =:= stdlib ->
            {ok, []};
        Error ->
            Error
    end.

stop(App) ->
    case call({info, App}) of
        {ok, #{started := false}} -> {error, {not_started, App}};
        {ok, #{started := none}} -> call({stopped, App});
        {ok, #{started := {Pid, Mod, St}}} ->
            St1 = case erlang:function_exported(Mod, prep_stop, 1) of
                      true -> Mod:prep_stop(St);
                      false -> St
                  end,
            Ref = erlang:monitor(process, Pid),
            unlink(Pid),
            exit(Pid, shutdown),
            receive {'DOWN', Ref, _, _, _} -> ok end,
            catch Mod:stop(St1),
            call({stopped, App});
        error -> {error, {not_loaded, App}}
    end.

%% ---- information ----

which_applications() -> which_applications(infinity).
which_applications(_Timeout) ->
    [{App, desc(A), vsn(A)} || {App, #{started := S} = A} <- maps:to_list(call(all)), S =/= false]
        ++ [{stdlib, "ERTS  CXC 138 10", "4.2"}, {kernel, "ERTS  CXC 138 10", "8.5.3"}].

loaded_applications() ->
    [{App, desc(A), vsn(A)} || {App, A} <- maps:to_list(call(all))].

desc(#{keys := K}) -> proplists:get_value(description, K, "").
vsn(#{keys := K}) -> proplists:get_value(vsn, K, "").

get_env(Key) ->
    case get_application() of
        {ok, App} -> get_env(App, Key);
        undefined -> undefined
    end.
get_env(App, Key) ->
    case call({info, App}) of
        {ok, #{env := Env}} ->
            case maps:find(Key, Env) of
                {ok, V} -> {ok, V};
                error -> undefined
            end;
        error -> undefined
    end.
get_env(App, Key, Default) ->
    case get_env(App, Key) of
        {ok, V} -> V;
        undefined -> Default
    end.

get_all_env() ->
    case get_application() of
        {ok, App} -> get_all_env(App);
        undefined -> []
    end.
get_all_env(App) ->
    case call({info, App}) of
        {ok, #{env := Env}} -> maps:to_list(Env);
        error -> []
    end.

set_env(App, Key, Val) -> call({set_env, App, Key, Val}).
set_env(App, Key, Val, _Opts) -> set_env(App, Key, Val).
unset_env(App, Key) -> call({unset_env, App, Key}).
unset_env(App, Key, _Opts) -> unset_env(App, Key).

get_key(Key) ->
    case get_application() of
        {ok, App} -> get_key(App, Key);
        undefined -> undefined
    end.
get_key(App, Key) ->
    case call({info, App}) of
        {ok, #{keys := Keys}} ->
            case lists:keyfind(Key, 1, Keys) of
                {Key, V} -> {ok, V};
                false -> {ok, default_key(Key)}
            end;
        error -> undefined
    end.

default_key(K) when K =:= modules; K =:= registered; K =:= applications;
                    K =:= included_applications; K =:= env -> [];
default_key(_) -> "".

get_all_key() ->
    case get_application() of
        {ok, App} -> get_all_key(App);
        undefined -> []
    end.
get_all_key(App) ->
    case call({info, App}) of
        {ok, #{keys := Keys}} -> {ok, Keys};
        error -> undefined
    end.

get_application() ->
    case get('$application') of
        undefined -> undefined;
        App -> {ok, App}
    end.
get_application(_Pid) -> undefined.

get_supervisor(App) ->
    case call({info, App}) of
        {ok, #{started := {Pid, _, _}}} -> {ok, Pid};
        _ -> undefined
    end.

start_type() -> undefined.
