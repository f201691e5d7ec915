%% bench_call: 300,000 call/reply rounds with make_ref while 10,000
%% unrelated messages sit in the caller's queue (OTP's receive markers make
%% each reply found without scanning them).
-module(bench_call).
-export([main/0]).

-define(ROUNDS, 300000).
-define(BACKLOG, 10000).

main() ->
    Server = spawn(fun server/0),
    Self = self(),
    [Self ! {unrelated, I} || I <- lists:seq(1, ?BACKLOG)],
    T0 = erlang:monotonic_time(),
    R = calls(Server, ?ROUNDS, 0),
    T1 = erlang:monotonic_time(),
    io:format("result ~p~ntime_us ~b~n",
              [{R, element(2, process_info(self(), message_queue_len))},
               erlang:convert_time_unit(T1 - T0, native, microsecond)]),
    halt().

calls(_, 0, Sum) -> Sum;
calls(Server, N, Sum) ->
    Ref = make_ref(),
    Server ! {call, self(), Ref, N},
    receive {Ref, V} -> calls(Server, N - 1, Sum + V) end.

server() ->
    receive {call, From, Ref, N} -> From ! {Ref, N rem 7}, server() end.
