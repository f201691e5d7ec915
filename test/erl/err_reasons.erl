%% err_reasons: the error reasons BEAM raises (badarg, badarith, badmatch,
%% function_clause, case/if/try clauses, badfun, badarity, undef, badkey,
%% badmap, badrecord, system_limit, timeout_value), exit/throw values, the
%% catch expression, the order in which nested after blocks run and
%% erlang:raise/3 round trips, each caught in the same process.
-module(err_reasons).
-export([start/0, id/1, one/1, two/2]).

-record(rec, {a, b}).

id(X) -> X.
one(a) -> ok.
two(X, Y) -> {X, Y}.

t(F) ->
    try F() of V -> {value, V} catch C:R -> {C, R} end.

start() ->
    [{reasons, [t(F) || F <- reason_funs()]},
     {catch_expr, catch_expr()},
     {after_order, after_order()},
     {after_value, after_value()},
     {raise, raise_round_trips()},
     {nested_catch, nested_catch()}].

reason_funs() ->
    [%% badarg from BIFs and guards-turned-calls
     fun() -> atom_to_list(id(1)) end,
     fun() -> element(id(5), id({a})) end,
     fun() -> list_to_integer(id("12x")) end,
     fun() -> binary_to_atom(id(<<255, 255>>), utf8) end,
     %% badarith
     fun() -> id(1) + id(a) end,
     fun() -> id(1) div id(0) end,
     fun() -> id(1.0) / id(0) end,
     fun() -> id(5) rem id(0) end,
     fun() -> bnot id(1.5) end,
     fun() -> id(1) bsl id(a) end,
     %% badmatch
     fun() -> {ok, X} = id({error, nope}), X end,
     fun() -> [_] = id([1, 2]) end,
     fun() -> <<_:8>> = id(<<1, 2>>) end,
     %% function_clause, local and remote
     fun() -> one(id(b)) end,
     fun() -> ?MODULE:one(id(c)) end,
     fun() -> lists:nth(id(0), [a]) end,
     %% case_clause, if_clause, try_clause
     fun() -> case id(3) of 1 -> a; 2 -> b end end,
     fun() -> X = id(3), if X < 2 -> a; X > 5 -> b end end,
     fun() -> try id(3) of 1 -> a catch _:_ -> b end end,
     fun() -> try id({x, y}) of {y, _} -> a after ok end end,
     %% badfun, badarity
     fun() -> (id(not_a_fun))(1) end,
     fun() -> (id({m, f}))() end,
     fun() -> (id(fun(X) -> X end))(1, 2) end,
     fun() -> (id(fun ?MODULE:two/2))(1) end,
     fun() -> apply(id(fun(X) -> X end), [1, 2, 3]) end,
     %% undef
     fun() -> (id(no_such_module_xyz)):f(1) end,
     fun() -> (id(?MODULE)):no_such_function(1, 2) end,
     fun() -> apply(id(lists), id(no_such), [x]) end,
     fun() -> (id(fun no_such_module_xyz:g/0))() end,
     %% maps
     fun() -> map_get(id(k), id(#{a => 1})) end,
     fun() -> maps:get(id(k), id(#{a => 1})) end,
     fun() -> (id(#{a => 1}))#{k := 2} end,
     fun() -> (id(not_a_map))#{k => 2} end,
     fun() -> (id([]))#{k := 2} end,
     fun() -> map_get(id(k), id(not_a_map)) end,
     fun() -> maps:put(k, v, id(x)) end,
     %% records
     fun() -> (id({other, 1, 2}))#rec.a end,
     fun() -> (id({rec, 1}))#rec{b = 2} end,
     fun() -> R = id(x), R#rec.b end,
     %% system_limit
     fun() -> list_to_atom(lists:duplicate(256, $a)) end,
     fun() -> erlang:make_tuple(id(16#1000000000), a) end,
     %% timeout_value
     fun() -> receive after id(-1) -> ok end end,
     fun() -> receive after id(infinity_x) -> ok end end,
     %% explicit exits and throws
     fun() -> exit(id({shutdown, reason})) end,
     fun() -> exit(id(normal)) end,
     fun() -> throw(id({my, ball})) end,
     fun() -> throw(id(undefined)) end,
     fun() -> error(id(custom)) end,
     fun() -> error(id(custom), id([a, b])) end].

%% The catch expression: the value of a normal return, of throw, of error
%% (only the reason: the stack is checked to be a list) and of exit.
catch_expr() ->
    Strip = fun({'EXIT', {R, S}}) when is_list(S) -> {'EXIT', R, stack};
               (V) -> V
            end,
    [Strip(catch id(value)),
     Strip(catch throw(id(thrown))),
     Strip(catch error(id(errored))),
     Strip(catch exit(id(exited))),
     Strip(catch exit(id({tuple, reason}))),
     Strip(catch id(1) + id(x)),
     Strip(catch one(id(z))),
     Strip(catch (catch throw(id(inner)))),
     Strip(catch [catch throw(id(a)), catch exit(id(b))])].

%% After blocks run innermost first, including when a throw, error or exit
%% passes through them, and when a catch clause itself raises.
after_order() ->
    Log = fun(X) -> put(err_log, [X | get_log()]) end,
    erase(err_log),
    R1 = try
             try
                 try throw(id(deep))
                 after Log(a1)
                 end
             after Log(a2)
             end
         catch throw:T -> Log({caught, T}), T
         after Log(a3)
         end,
    L1 = lists:reverse(get_log()),
    erase(err_log),
    R2 = try
             try error(id(first))
             catch error:first -> Log(handler), exit(id(second))
             after Log(after_inner)
             end
         catch exit:E -> {exit, E}
         after Log(after_outer)
         end,
    L2 = lists:reverse(get_log()),
    erase(err_log),
    R3 = try
             try id(ok)
             of ok -> Log(of_clause), throw(id(from_of))
             after Log(after_of)
             end
         catch throw:X -> {caught, X}
         end,
    L3 = lists:reverse(get_log()),
    erase(err_log),
    R4 = (catch begin
                    try exit(id(out)) after Log(c1) end
                end),
    L4 = lists:reverse(get_log()),
    [{R1, L1}, {R2, L2}, {R3, L3}, {R4, L4}].

get_log() ->
    case get(err_log) of undefined -> []; L -> L end.

%% An after block's value is dropped; it raising replaces the exception.
after_value() ->
    A = try id(body) after id(ignored) end,
    B = try
            try throw(id(original)) after throw(id(from_after)) end
        catch throw:X -> X
        end,
    [A, B].

%% raise/3 with each class, with a stack from a catch and an empty one; the
%% stack given comes back unchanged when it is a well-formed one.
raise_round_trips() ->
    [begin
         try
             try erlang:raise(C, {r, C}, [{m, f, 1, [{line, 7}]}])
             catch C1:R1:S1 -> erlang:raise(C1, {again, R1}, S1)
             end
         catch C2:R2:S2 -> {C2, R2, S2}
         end
     end || C <- [error, exit, throw]] ++
        [try erlang:raise(error, id(r), [{m, f, [x, y], []}, {n, g, 0, []}])
         catch error:r:S -> S
         end,
         catch erlang:raise(error, id(r), id(bad_stack)),
         catch erlang:raise(id(bad_class), r, [])].

nested_catch() ->
    try
        try throw(id(a))
        catch throw:a -> error(id(b))
        end
    catch error:b ->
            try exit(id(c))
            catch exit:c -> {done, catch throw(id(d))}
            end
    end.
