%% proc_fair: preemption by reductions: processes that never wait (busy
%% loops, at normal and low priority) do not starve the others, which
%% still receive their messages and timeouts on time; then they are killed.
-module(proc_fair).
-export([start/0]).

start() ->
    Busy = [spawn(fun spin/0) || _ <- [1, 2]],
    Low = spawn_opt(fun spin/0, [{priority, low}]),
    Self = self(),
    spawn(fun() -> Self ! {pong, lists:sum(lists:seq(1, 1000))} end),
    R1 = receive {pong, N} -> N after 2000 -> starved end,
    R2 = receive after 50 -> timeout_fired end,
    Alive = [is_process_alive(P) || P <- [Low | Busy]],
    [exit(P, kill) || P <- [Low | Busy]],
    receive after 10 -> ok end,
    Dead = [is_process_alive(P) || P <- [Low | Busy]],
    {R1, R2, Alive, Dead}.

spin() -> spin().
