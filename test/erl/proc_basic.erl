%% Processes: spawn in its forms, send and receive (with and without
%% timeouts, selective, in order), registered names, self() and
%% process_info of a few keys.
-module(proc_basic).
-export([start/0, echo/1, adder/2]).

start() ->
    [spawn_and_reply(), spawn_mfa(), ordering(), selective(), timeouts(),
     names(), self_in_guard(self()), many_processes(), info(), send_forms(),
     errors(), exits(), priorities()].

echo(Parent) ->
    receive
        stop -> ok;
        {From, X} -> From ! {self(), X}, echo(Parent)
    end.

adder(Parent, N) ->
    receive
        {add, M} -> adder(Parent, N + M);
        done -> Parent ! {sum, N}
    end.

spawn_and_reply() ->
    Self = self(),
    P = spawn(fun() -> echo(Self) end),
    P ! {Self, hello},
    R = receive {P, X} -> X end,
    P ! stop,
    {R, is_pid(P), P =/= Self}.

spawn_mfa() ->
    P = spawn(?MODULE, adder, [self(), 0]),
    [P ! {add, I} || I <- lists:seq(1, 100)],
    P ! done,
    receive {sum, S} -> S end.

ordering() ->
    Self = self(),
    P = spawn(fun() -> [Self ! {n, I} || I <- lists:seq(1, 1000)] end),
    L = [receive {n, I} -> I end || _ <- lists:seq(1, 1000)],
    {is_pid(P), L =:= lists:seq(1, 1000)}.

selective() ->
    self() ! {b, 2},
    self() ! {a, 1},
    self() ! {c, 3},
    A = receive {a, X} -> X end,
    C = receive {c, Y} -> Y end,
    B = receive {b, Z} -> Z end,
    Empty = receive _ -> not_empty after 0 -> empty end,
    {A, B, C, Empty}.

timeouts() ->
    T0 = erlang:monotonic_time(millisecond),
    R1 = receive never -> no after 30 -> timeout end,
    T1 = erlang:monotonic_time(millisecond),
    Self = self(),
    spawn(fun() -> receive after 10 -> Self ! late end end),
    R2 = receive late -> got_late after 2000 -> missed end,
    self() ! keep,
    R3 = receive other -> no after 5 -> timeout end,
    R4 = receive keep -> kept after 0 -> lost end,
    {R1, T1 - T0 >= 30, R2, R3, R4}.

names() ->
    Self = self(),
    P = spawn(fun() -> echo(Self) end),
    true = register(proc_basic_echo, P),
    W = whereis(proc_basic_echo) =:= P,
    proc_basic_echo ! {Self, via_name},
    R = receive {P, X} -> X end,
    InList = lists:member(proc_basic_echo, registered()),
    Dup = (catch register(proc_basic_echo, self())),
    true = unregister(proc_basic_echo),
    U = whereis(proc_basic_echo),
    Bad = (catch proc_basic_echo ! x),
    P ! stop,
    {W, R, InList, element(1, Dup), U, element(1, Bad)}.

self_in_guard(Me) when Me =:= self() -> self_ok;
self_in_guard(_) -> self_wrong.

many_processes() ->
    Self = self(),
    Ps = [spawn(fun() -> Self ! {done, I * I} end) || I <- lists:seq(1, 500)],
    Sum = lists:sum([receive {done, _} = {done, V} -> V end || _ <- Ps]),
    Sum.

info() ->
    Self = self(),
    P = spawn(fun() -> receive go -> Self ! gone end end),
    receive after 5 -> ok end,
    P ! a,
    P ! {b, [1, 2]},
    I1 = process_info(P, [message_queue_len, registered_name, links]),
    I2 = process_info(P, messages),
    I3 = process_info(P, initial_call),
    P ! go,
    receive gone -> ok end,
    receive after 5 -> ok end,
    {I1, I2, I3, process_info(P, status), is_process_alive(P),
     is_process_alive(self()), process_info(self(), registered_name),
     process_info(self(), status)}.

send_forms() ->
    Self = self(),
    R1 = erlang:send(Self, one),
    R2 = erlang:send(Self, two, []),
    R3 = (Self ! three),
    R4 = ({nobody_here, node()} ! four),
    Got = [receive M -> M after 100 -> none end || _ <- [1, 2, 3]],
    Dead = spawn(fun() -> ok end),
    receive after 10 -> ok end,
    R5 = (Dead ! lost),
    {R1, R2, R3, R4, Got, R5}.

errors() ->
    E = fun(F) -> try F() of V -> {ok, V} catch C:R -> {C, R} end end,
    [E(fun() -> spawn(1, 2, []) end),
     E(fun() -> spawn(lists, seq, [1 | 2]) end),
     E(fun() -> spawn(not_a_fun) end),
     E(fun() -> register(undefined, self()) end),
     E(fun() -> unregister(proc_basic_nobody) end),
     E(fun() -> whereis(proc_basic_nobody) end),
     E(fun() -> erlang:send(self(), x, [bogus]) end),
     E(fun() -> 1 ! x end),
     E(fun() -> process_flag(bogus, 1) end),
     E(fun() -> process_flag(trap_exit, 1) end),
     E(fun() -> process_info(self(), bogus) end),
     E(fun() -> is_process_alive(1) end),
     E(fun() -> spawn_opt(fun() -> ok end, [bogus]) end)].

exits() ->
    P = spawn(fun() -> receive _ -> ok end end),
    true = exit(P, normal),
    receive after 5 -> ok end,
    A1 = is_process_alive(P),
    true = exit(P, kill),
    A2 = is_process_alive(P),
    Q = spawn(fun() -> receive _ -> ok end end),
    exit(Q, some_reason),
    A3 = is_process_alive(Q),
    Old = process_flag(trap_exit, true),
    exit(self(), trapped),
    Msg = receive {'EXIT', From, Why} -> {From =:= self(), Why} after 100 -> none end,
    process_flag(trap_exit, Old),
    {A1, A2, A3, Old, Msg}.

priorities() ->
    Old = process_flag(priority, high),
    Mid = process_flag(priority, low),
    Back = process_flag(priority, Old),
    Self = self(),
    P = spawn_opt(fun() -> Self ! {prio, process_info(self(), priority)} end,
                  [{priority, low}, {min_heap_size, 1000}]),
    R = receive {prio, X} -> X end,
    erlang:yield(),
    {Old, Mid, Back, is_pid(P), R}.
