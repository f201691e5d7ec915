%% ets_owner: table ownership: a table dies with its owner unless it has
%% an heir, which gets it with an 'ETS-TRANSFER' message; give_away/3,
%% setopts/2, and the access rights of public, protected and private
%% tables seen from other processes.
-module(ets_owner).
-export([start/0]).

t(F) -> try F() catch C:R -> {C, R} end.

start() ->
    [{dies, dies()}, {heir, heir()}, {heir_named, heir_named()}, {heir_dead, heir_dead()},
     {give_away, give_away()}, {access, access()}, {setopts, setopts()},
     {exit_kinds, exit_kinds()}].

%% Runs F in a new process that owns what it creates; returns F's value
%% once the process has ended.
in_proc(F) ->
    Self = self(),
    {Pid, Ref} = spawn_monitor(fun() -> Self ! {self(), F()} end),
    R = receive {Pid, X} -> X end,
    receive {'DOWN', Ref, process, Pid, _} -> ok end,
    R.

dies() ->
    T = in_proc(fun() ->
                        T = ets:new(t, [public]),
                        ets:insert(T, {a, 1}),
                        T
                end),
    N = in_proc(fun() -> ets:new(ets_owner_named, [named_table, public]) end),
    {t(fun() -> ets:lookup(T, a) end), ets:info(T), ets:info(N), ets:whereis(N),
     lists:member(N, ets:all()), is_reference(ets:new(ets_owner_named, [named_table])) orelse ok}.

heir() ->
    Self = self(),
    T = in_proc(fun() ->
                        T = ets:new(t, [{heir, Self, {gift, [1, 2]}}]),
                        ets:insert(T, [{a, 1}, {b, <<"bin">>}]),
                        T
                end),
    Msg = receive {'ETS-TRANSFER', Tab, From, Data} -> {Tab =:= T, is_pid(From), Data}
          after 1000 -> timeout end,
    {Msg, ets:info(T, owner) =:= Self, ets:info(T, heir) =:= Self, lists:sort(ets:tab2list(T)),
     ets:insert(T, {c, 3}), ets:info(T, size)}.

heir_named() ->
    Self = self(),
    in_proc(fun() -> ets:new(ets_owner_heir, [named_table, {heir, Self, data}]) end),
    Msg = receive {'ETS-TRANSFER', Tab, _, Data} -> {Tab, Data} after 1000 -> timeout end,
    R = {Msg, ets:info(ets_owner_heir, owner) =:= Self, ets:info(ets_owner_heir, name)},
    ets:delete(ets_owner_heir),
    R.

heir_dead() ->
    Dead = spawn(fun() -> ok end),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    T = in_proc(fun() -> ets:new(t, [{heir, Dead, data}]) end),
    %% an heir that is the owner itself does not keep the table either
    T2 = in_proc(fun() -> ets:new(t, [{heir, self(), data}]) end),
    {ets:info(T), ets:info(T2),
     receive M -> {unexpected, M} after 50 -> none end}.

give_away() ->
    Self = self(),
    T = ets:new(g, [protected]),
    ets:insert(T, {k, 0}),
    Child = spawn(fun() -> child(Self) end),
    R1 = ets:give_away(T, Child, {here, you, go}),
    Got = receive {child, X} -> X after 1000 -> timeout end,
    R2 = {ets:info(T, owner) =:= Child, ets:lookup(T, k)},
    R3 = [t(fun() -> ets:insert(T, {k, 2}) end),
          t(fun() -> ets:give_away(T, self(), x) end),
          t(fun() -> ets:delete(T) end)],
    Child ! {give_back, Self},
    Back = receive {'ETS-TRANSFER', Tab, From, D} -> {Tab =:= T, From =:= Child, D}
           after 1000 -> timeout end,
    R4 = [ets:info(T, owner) =:= Self, ets:lookup(T, k),
          t(fun() -> ets:give_away(T, self(), x) end),
          t(fun() -> ets:give_away(T, not_a_pid, x) end),
          t(fun() -> ets:give_away(T, Child, x) end)],
    Child ! stop,
    Ref = monitor(process, Child),
    receive {'DOWN', Ref, _, _, _} -> ok end,
    R5 = [t(fun() -> ets:give_away(T, Child, x) end), ets:info(T, size)],
    {R1, Got, R2, R3, Back, R4, R5}.

child(Parent) ->
    receive
        {'ETS-TRANSFER', Tab, From, Data} ->
            ets:insert(Tab, {k, 1}),
            Parent ! {child, {From =:= Parent, Data, ets:lookup(Tab, k)}},
            child(Parent, Tab)
    end.

child(Parent, Tab) ->
    receive
        {give_back, To} -> ets:give_away(Tab, To, back), child(Parent, Tab);
        stop -> ok
    end.

access() ->
    Self = self(),
    [begin
         T = ets:new(a, [Access]),
         ets:insert(T, {k, 1}),
         R = in_proc(fun() -> ops(T) end),
         {Access, R, ets:lookup(T, k), ets:info(T, size)}
     end || Access <- [public, protected, private]] ++
    [in_proc(fun() -> T = ets:new(x, [private]), ets:insert(T, {k}), Self ! {tab, T}, ok end),
     receive {tab, _} -> got end].

ops(T) ->
    [t(fun() -> ets:lookup(T, k) end),
     t(fun() -> ets:member(T, k) end),
     t(fun() -> ets:first(T) end),
     t(fun() -> ets:select(T, [{'_', [], ['$_']}]) end),
     t(fun() -> ets:match_object(T, '_') end),
     t(fun() -> ets:tab2list(T) end),
     t(fun() -> ets:info(T, size) end),
     t(fun() -> ets:info(T, protection) end),
     t(fun() -> ets:insert(T, {k2, 2}) end),
     t(fun() -> ets:update_counter(T, k, 1) end),
     t(fun() -> ets:delete(T, k2) end),
     t(fun() -> ets:setopts(T, {heir, none}) end),
     t(fun() -> ets:give_away(T, self(), x) end),
     t(fun() -> ets:safe_fixtable(T, true) end),
     t(fun() -> ets:safe_fixtable(T, false) end),
     t(fun() -> is_reference(ets:rename(T, renamed)) end),
     t(fun() -> ets:info(T, name) end)].

setopts() ->
    Self = self(),
    T = ets:new(s, [private]),
    A = [ets:setopts(T, {protection, public}),
         ets:info(T, protection),
         ets:setopts(T, [{heir, Self, x}, {protection, protected}]),
         ets:info(T, heir) =:= Self,
         ets:info(T, protection),
         t(fun() -> ets:setopts(T, [{heir, none}, {protection, foo}]) end),
         ets:info(T, heir) =:= Self,
         ets:setopts(T, {heir, none}),
         ets:info(T, heir),
         t(fun() -> ets:setopts(T, {keypos, 2}) end),
         t(fun() -> ets:setopts(T, [x | y]) end),
         t(fun() -> ets:setopts(T, {heir, x, y}) end)],
    Child = in_proc(fun() -> self() end),
    Heir = spawn(fun() -> receive {'ETS-TRANSFER', _, _, D} -> Self ! {heir_got, D} end end),
    Tab = in_proc(fun() ->
                          Tb = ets:new(s2, [public]),
                          ets:setopts(Tb, {heir, Heir, late}),
                          Tb
                  end),
    Got = receive {heir_got, D} -> D after 1000 -> timeout end,
    {A, is_pid(Child), Got, ets:info(Tab, owner)}.

exit_kinds() ->
    [exit_kind(Exit) || Exit <- [fun() -> ok end, fun() -> exit(bye) end,
                                 fun() -> exit({shutdown, x}) end, kill]].

exit_kind(Exit) ->
    Self = self(),
    Pid = spawn(fun() ->
                        T = ets:new(x, [public]),
                        Self ! {tab, T},
                        receive go when is_function(Exit) -> Exit() end
                end),
    Tab = receive {tab, Tb} -> Tb end,
    Ref = monitor(process, Pid),
    case Exit of
        kill -> exit(Pid, kill);
        _ -> Pid ! go
    end,
    Why = receive {'DOWN', Ref, _, _, W} -> W end,
    {Why, ets:info(Tab)}.
