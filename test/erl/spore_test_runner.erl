%% spore_test_runner: runs one test module's start/0 and prints its value.
%% Used by test/run_erl.sh on both erl and spore:
%%   -run spore_test_runner main Mod...
%% (several modules run one after the other, each printing its line(s)).
%% The test runs in a fresh process so that both systems start it from the
%% same state (empty mailbox, default flags), whatever their init does.
%% A crash prints as {crash, Class, Reason}, without the stack, whose shape
%% is not part of what the two systems must agree on.
-module(spore_test_runner).
-export([main/1]).

main(ModNames) ->
    lists:foreach(fun one/1, ModNames),
    halt(0).

one(ModName) ->
    Mod = list_to_atom(ModName),
    Parent = self(),
    {Pid, Ref} = spawn_monitor(fun() -> Parent ! {self(), run(Mod)} end),
    Result = receive
                 {Pid, R} -> R;
                 {'DOWN', Ref, process, Pid, Reason} -> {crash, exit, Reason}
             end,
    io:format("~p~n", [Result]).

run(Mod) ->
    try
        Mod:start()
    catch
        Class:Reason -> {crash, Class, Reason}
    end.
