%% calc: the program of the build test (test/run_build.sh). It starts
%% calc_server, a gen_server, and reaches other code only through names,
%% the ways spore build has to follow: apply/3 with a module and a function
%% atom (queue), a fun M:F/A (orddict), spawn/3, and a plugin chosen at run
%% time, which only --include calc_plugin keeps in the image.
%%   erl -noshell -pa EBIN -run calc start      (or: -run calc main 6 7)
-module(calc).
-export([start/0, main/1, worker/2, crash/0]).

start() ->
    main(["6", "7"]).

main(Args) ->
    [A, B] = [list_to_integer(X) || X <- Args],
    {ok, _} = calc_server:start_link(),
    Sum = calc_server:add(A, B),
    Product = calc_server:mul(A, B),
    Q = apply(queue, from_list, [[Sum, Product]]),
    ToDict = fun orddict:from_list/1,
    Dict = ToDict([{sum, Sum}, {product, Product}]),
    Pid = spawn(calc, worker, [self(), Dict]),
    Doubled = receive {Pid, D} -> D end,
    io:format("~p~n", [{Sum, Product, queue:len(Q), Doubled, calc_server:count()}]),
    io:format("~s~n", [plugin(plugins())]),
    halt().

worker(Parent, Dict) ->
    Parent ! {self(), orddict:map(fun(_, V) -> 2 * V end, Dict)}.

%% The plugin's name is built at run time: the build sees only the list.
plugins() ->
    [calc_plugin].

plugin([Name]) ->
    Mod = list_to_atom(lists:flatten(io_lib:format("~s", [Name]))),
    Mod:describe().

%% A process that crashes: the VM reports it through logger, whose code
%% must be in the image too.
crash() ->
    {Pid, Ref} = spawn_monitor(fun() -> erlang:error({boom, 42}) end),
    receive {'DOWN', Ref, process, Pid, _} -> ok end,
    io:format("after the crash~n"),
    halt().
