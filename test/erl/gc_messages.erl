%% Big terms sent between processes: the receiver's heap grows to hold
%% them, and terms with shared parts arrive as full copies.
-module(gc_messages).
-export([start/0]).

start() ->
    Self = self(),
    Shared = lists:seq(1, 1000),
    Msg = {Shared, Shared, <<0:80000>>, <<"small">>},
    Pid = spawn(fun() -> echo(Self) end),
    Replies = [begin Pid ! {self(), I, Msg}, receive {I, R} -> R end end
               || I <- lists:seq(1, 50)],
    Pid ! {self(), big, lists:seq(1, 300000)},
    Big = receive {big, B} -> B end,
    Pid ! stop,
    {length(Replies), hd(Replies) =:= Msg, length(Big), lists:sum(Big)}.

echo(Parent) ->
    receive
        stop -> ok;
        {Parent, Tag, T} -> Parent ! {Tag, T}, echo(Parent)
    end.
