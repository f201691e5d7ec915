%% hello: the first program to run on spore. An actor greets the world on
%% behalf of the process that started it, then the VM halts.
%%   spore run -pa DIR -run hello start
-module(hello).
-export([start/0]).

start() ->
    Parent = self(),
    Greeter = spawn(fun() -> greet(Parent) end),
    Greeter ! {hello, "world"},
    receive
        {done, Greeter} -> ok
    end,
    halt().

greet(Parent) ->
    receive
        {hello, Who} ->
            io:format("Hello, ~s! (from an Erlang process on spore)~n", [Who]),
            Parent ! {done, self()}
    end.
