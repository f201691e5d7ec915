%% proc_timers: erlang:send_after/3, start_timer/3, cancel_timer/1,
%% read_timer/1: delivery order, timeout messages, cancelling, named
%% destinations and bad arguments. The three ordered timers are set
%% against one absolute time, so a pause between the calls (a guest
%% descheduled by its hypervisor) cannot change their order.
-module(proc_timers).
-export([start/0]).

start() ->
    Self = self(),
    Now = erlang:monotonic_time(millisecond),
    T1 = erlang:send_after(Now + 30, Self, one, [{abs, true}]),
    _T2 = erlang:send_after(Now + 10, Self, two, [{abs, true}]),
    R3 = erlang:start_timer(Now + 20, Self, three, [{abs, true}]),
    T4 = erlang:send_after(5000, Self, never),
    C4 = erlang:cancel_timer(T4),
    C4b = erlang:cancel_timer(T4),
    R = erlang:read_timer(T1),
    Got = [receive M -> M end || _ <- [1, 2, 3]],
    register(proc_timers_target, Self),
    erlang:send_after(1, proc_timers_target, named),
    N = receive named -> named after 500 -> none end,
    unregister(proc_timers_target),
    T5 = erlang:start_timer(10, Self, five),
    Late = receive {timeout, T5, five} -> erlang:read_timer(T5) end,
    {is_integer(C4) andalso C4 > 4000 andalso C4 =< 5000, C4b,
     is_integer(R) andalso R =< 30,
     [case G of {timeout, R3, X} -> {timeout, ref, X}; _ -> G end || G <- Got],
     N, Late,
     err(fun() -> erlang:send_after(-1, Self, x) end),
     err(fun() -> erlang:send_after(1, 3, x) end),
     err(fun() -> erlang:cancel_timer(not_a_ref) end)}.

err(F) ->
    try F() catch C:E -> {C, E} end.
