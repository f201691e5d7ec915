%% proc_monitors: process_info monitors and monitored_by, for monitors by
%% pid and by registered name, before and after demonitor.
-module(proc_monitors).
-export([start/0]).
start() ->
    P = spawn(fun() -> receive stop -> ok end end),
    register(mon_target, P),
    R1 = monitor(process, P),
    R2 = monitor(process, mon_target),
    {monitors, M} = process_info(self(), monitors),
    {monitored_by, B} = process_info(P, monitored_by),
    demonitor(R1), demonitor(R2),
    {monitors, M2} = process_info(self(), monitors),
    P ! stop,
    {lists:sort(M) =:= lists:sort([{process, P}, {process, {mon_target, node()}}]), B =:= [self(), self()], M2}.
