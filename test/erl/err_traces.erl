%% err_traces: stack traces as data, for errors the VM raises itself in
%% Erlang code (badmatch, case_clause, if_clause, try_clause, badrecord,
%% badkey from a map update, function_clause with its arguments, undef):
%% local non-tail and tail calls, remote calls, funs, line numbers, catch,
%% rethrow. Each case raises inside run/1 and returns {Class, Reason,
%% Frames} with the frames above run/1's own. BIF frames, error/exit/throw,
%% undef from a tail call and recursion are in err_traces_top.
-module(err_traces).
-export([start/0, id/1, one/1, ext_caller/1]).

-record(rec, {a}).

id(X) -> X.

start() ->
    [{N, run(F)} || {N, F} <- cases()] ++
        [{catch_stack, catch_stack()}, {nested, nested()}].

%% The frames of run/1 and below belong to the harness.
run(F) ->
    try F() of
        V -> {value, V}
    catch
        C:R:S -> {C, R, above_run(S)}
    end.

above_run([{?MODULE, run, 1, _} | _]) -> [];
above_run([F | Rest]) -> [F | above_run(Rest)];
above_run([]) -> [].

cases() ->
    [{local_nontail, fun() -> X = local_a(id(1)), {X} end},
     {local_lines, fun() -> Y = local_b(id(0)), [Y] end},
     {badmatch, fun() -> R = badmatch(id(x)), {R} end},
     {case_clause, fun() -> R = case_clause(id(x)), {R} end},
     {if_clause, fun() -> R = if_clause(id(5)), {R} end},
     {try_clause, fun() -> R = try_clause(id(5)), {R} end},
     {badrecord, fun() -> R = badrecord(id({other, 1})), {R} end},
     {map_update, fun() -> R = (id(#{}))#{k := 1}, {R} end},
     {function_clause, fun() -> R = one(id(b)), {R} end},
     {function_clause_remote, fun() -> R = ?MODULE:one(id(c)), {R} end},
     {function_clause_fun, fun() -> F = id(fun(a, b) -> ok end), R = F(x, y), {R} end},
     {function_clause_otp, fun() -> R = lists:nth(id(0), [a]), {R} end},
     {function_clause_in_otp, fun() -> R = lists:reverse(id(notalist)), {R} end},
     {undef_module, fun() -> R = (id(no_such_module_xyz)):f(1, 2), {R} end},
     {undef_function, fun() -> R = (id(?MODULE)):no_such(x), {R} end},
     {undef_apply, fun() -> R = apply(id(no_such_module_xyz), g, []), {R} end},
     {undef_fun, fun() -> F = id(fun no_such_module_xyz:k/1), R = F(1), {R} end},
     {in_fun, fun() -> F = id(fun(X) -> {ok, V} = id(X), V end), R = F(bad), {R} end},
     {fun_in_fun, fun() -> G = id(fun() -> H = id(fun() -> badmatch(id(inner)) end),
                                           [H()] end),
                           R = G(), {R} end},
     {badfun_tail, fun() -> (id({not_a, fun_}))() end},
     {tail_calls, fun() -> tail_a(id(1)) end},
     {external_caller, fun() -> R = ?MODULE:ext_caller(id(0)), {R} end},
     {in_after, fun() -> R = in_after(id(1)), {R} end},
     {in_catch_clause, fun() -> R = in_catch_clause(id(1)), {R} end},
     {raise_keeps, fun() -> R = reraise(id(1)), {R} end}].

local_a(X) ->
    Y = local_c(X),
    {Y}.

local_c(X) ->
    {ok, Y} = id({X}),
    Y.

local_b(X) ->
    A = id(X),
    B = id(10),
    C = case_clause(A + B),
    {C}.

one(a) -> ok.

badmatch(X) ->
    {ok, Y} = id(X),
    Y.

case_clause(X) ->
    case id(X) of
        a -> 1;
        b -> 2
    end.

if_clause(X) ->
    Y = id(X),
    if Y < 2 -> small;
       Y > 7 -> large
    end.

try_clause(X) ->
    try id(X) of
        1 -> one
    catch
        _:_ -> caught
    end.

badrecord(R) ->
    V = R#rec.a,
    {V}.

tail_a(X) -> tail_b(X + 1).
tail_b(X) -> tail_c(X + 1).
tail_c(X) -> badmatch(X).

ext_caller(X) ->
    R = lists:map(fun(Y) -> {ok, Z} = id(Y), Z end, [{ok, 1}, X]),
    {R}.

in_after(X) ->
    try id(X)
    after
        badmatch(id(in_after))
    end.

in_catch_clause(X) ->
    try badmatch(id(X))
    catch error:_ ->
            R = case_clause(id(X)),
            {R}
    end.

reraise(X) ->
    try local_c(X)
    catch error:R:S -> erlang:raise(error, {wrapped, R}, S)
    end.

%% catch Expr builds {'EXIT', {Reason, Stack}} with the same stack.
catch_stack() ->
    {'EXIT', {R, S}} = catch local_a(id(1)),
    {R, above_catch(S)}.

above_catch([{?MODULE, catch_stack, 0, _} = F | _]) -> [F];
above_catch([F | Rest]) -> [F | above_catch(Rest)];
above_catch([]) -> [].

%% A stack captured in an inner handler, raised again with raise/3 from
%% the outer one.
nested() ->
    try
        try local_c(id(2))
        catch error:R1:S1 -> erlang:raise(error, {inner, R1}, above_nested(S1))
        end
    catch error:R2:S2 -> {R2, S2}
    end.

above_nested([{?MODULE, nested, 0, _} = F | _]) -> [F];
above_nested([F | Rest]) -> [F | above_nested(Rest)];
above_nested([]) -> [].
