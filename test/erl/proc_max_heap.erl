%% proc_max_heap: max_heap_size as a spawn option kills a process whose heap
%% grows past it (reason killed) and spares one that stays under it;
%% process_flag(max_heap_size, V) returns the old setting as a map.
-module(proc_max_heap).
-export([start/0]).
start() ->
    ok = logger:set_primary_config(level, none),
    {P, R} = spawn_opt(fun() -> grow([], 100000) end, [monitor, {max_heap_size, 2000}]),
    A = receive {'DOWN', R, process, P, Why} -> Why after 2000 -> none end,
    {Q, R2} = spawn_opt(fun() -> grow([], 100) end, [monitor, {max_heap_size, 100000}]),
    B = receive {'DOWN', R2, process, Q, Why2} -> Why2 after 2000 -> none end,
    Old = process_flag(max_heap_size, #{size => 50000, kill => false}),
    New = process_flag(max_heap_size, 0),
    {A, B, Old, New}.
grow(L, 0) -> length(L);
grow(L, N) -> grow([N | L], N - 1).
