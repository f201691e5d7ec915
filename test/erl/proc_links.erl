%% proc_links: links and exit signals: trapped exits, normal exits, a chain of
%% links, exit/2 with kill and custom reasons, link to a dead process, unlink.
-module(proc_links).
-export([start/0]).
start() ->
    process_flag(trap_exit, true),
    P1 = spawn_link(fun() -> exit(boom) end),
    R1 = receive {'EXIT', P1, W1} -> W1 after 1000 -> none end,
    P2 = spawn_link(fun() -> ok end),
    R2 = receive {'EXIT', P2, W2} -> W2 after 1000 -> none end,
    %% a chain: middle does not trap, dies with the child's reason
    Self = self(),
    P3 = spawn_link(fun() -> spawn_link(fun() -> exit(chain) end), receive never -> ok end end),
    R3 = receive {'EXIT', P3, W3} -> W3 after 1000 -> none end,
    P4 = spawn(fun() -> receive never -> ok end end),
    exit(P4, kill),
    timer_wait(),
    R4 = is_process_alive(P4),
    P5 = spawn_link(fun() -> process_flag(trap_exit, true), receive {'EXIT', _, X} -> Self ! {got, X} end end),
    exit(P5, custom),
    R5 = receive {got, G} -> G after 1000 -> none end,
    R6 = (catch link(list_to_pid("<0.9999.0>"))),
    R7 = receive {'EXIT', _, W7} -> W7 after 100 -> none end,
    P8 = spawn_link(fun() -> receive never -> ok end end),
    unlink(P8), exit(P8, kill),
    R8 = receive {'EXIT', P8, _} -> linked after 100 -> unlinked end,
    {R1,R2,R3,R4,R5,R6,R7,R8, links_after()}.
%% links as process_info reports them, before and after unlink
links_after() ->
    P = spawn_link(fun() -> receive stop -> ok end end),
    {links, L1} = process_info(self(), links),
    unlink(P),
    {links, L2} = process_info(self(), links),
    P ! stop,
    {lists:member(P, L1), lists:member(P, L2)}.

timer_wait() -> receive after 50 -> ok end.
