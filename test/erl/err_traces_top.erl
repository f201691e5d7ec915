%% err_traces_top: stack traces whose top frames OTP builds specially: a
%% failing BIF ({erlang, F, Args, [{error_info, ...}]}), erlang:error/1,2,3,
%% exit/1 and throw/1 (no frame of their own; error/2's args and error/3's
%% error_info go into the caller's frame), binary construction failures,
%% badfun/badarity from a call, undef from a tail call (no frame for the
%% caller), and recursion (repeated return addresses are recorded once).
%% Each case returns the frames above run/1's own.
-module(err_traces_top).
-export([start/0, id/1, one/1, deep/1, ext_caller/1]).

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
     {local_two_lines, fun() -> Y = local_b(id(0)), [Y] end},
     {bif_atom_to_list, fun() -> R = atom_to_list(id(1)), {R} end},
     {bif_element, fun() -> R = element(id(3), id({a})), {R} end},
     {bif_length, fun() -> R = length(id(improper)), {R} end},
     {bif_hd, fun() -> R = hd(id([])), {R} end},
     {bif_plus, fun() -> R = id(1) + id(foo), {R} end},
     {bif_div, fun() -> R = id(1) div id(0), {R} end},
     {bif_in_tail, fun() -> list_to_atom(id(notalist)) end},
     {bif_remote, fun() -> R = lists:reverse(id(notalist)), {R} end},
     {bif_apply, fun() -> R = apply(erlang, atom_to_list, [id(2)]), {R} end},
     {bif_map_get, fun() -> R = map_get(id(k), id(#{})), {R} end},
     {bif_lists, fun() -> R = lists:member(a, id(notalist)), {R} end},
     {bif_maps, fun() -> R = maps:get(a, id(notamap)), {R} end},
     {bif_math, fun() -> R = math:sqrt(id(-1)), {R} end},
     {plus_literal, fun() -> R = id(a) + 1, {R} end},
     {function_clause, fun() -> R = one(id(b)), {R} end},
     {function_clause_remote, fun() -> R = ?MODULE:one(id(c)), {R} end},
     {function_clause_otp, fun() -> R = lists:nth(id(0), [a]), {R} end},
     {undef_module, fun() -> R = (id(no_such_module_xyz)):f(1, 2), {R} end},
     {undef_function, fun() -> R = (id(?MODULE)):no_such(x), {R} end},
     {undef_apply, fun() -> R = apply(id(no_such_module_xyz), g, []), {R} end},
     {undef_tail_apply, fun() -> (id(no_such_module_xyz)):h(id(3)) end},
     {undef_tail_ext, fun() -> no_such_module_xyz:h(id(4)) end},
     {undef_tail_local, fun() -> undef_tail(id(5)) end},
     {badmatch, fun() -> R = badmatch(id(x)), {R} end},
     {case_clause, fun() -> R = case_clause(id(x)), {R} end},
     {in_fun, fun() -> F = id(fun(X) -> X + id(a) end), R = F(1), {R} end},
     {fun_in_fun, fun() -> G = id(fun() -> H = id(fun() -> error(id(inner)) end), [H()] end),
                           R = G(), {R} end},
     {badfun, fun() -> R = (id(notfun))(1), {R} end},
     {badarity, fun() -> R = (id(fun(X) -> X end))(1, 2), {R} end},
     {badfun_tail, fun() -> (id({not_a, fun_}))() end},
     {badarity_apply, fun() -> R = apply(id(fun(X) -> X end), [1, 2]), {R} end},
     {bin_construct, fun() -> R = bin_construct(id(-1), id(atom)), {R} end},
     {bin_size, fun() -> R = <<(id(<<1>>)):(id(2))/binary>>, {R} end},
     {tail_calls, fun() -> tail_a(id(1)) end},
     {depth_limit, fun() -> R = deep(id(20)), {R} end},
     {external_caller, fun() -> R = ?MODULE:ext_caller(id(0)), {R} end},
     {error2_args, fun() -> R = error2(id(p), id(q)), {R} end},
     {error3_info, fun() -> R = error3(id(p)), {R} end},
     {throw, fun() -> R = thrower(id(t)), {R} end},
     {exit, fun() -> R = exiter(id(e)), {R} end},
     {in_after, fun() -> R = in_after(id(1)), {R} end},
     {in_catch_clause, fun() -> R = in_catch_clause(id(1)), {R} end},
     {raise_keeps, fun() -> R = reraise(id(1)), {R} end}].

local_a(X) ->
    Y = local_c(X),
    {Y}.

local_c(X) ->
    X + id(bad).

local_b(X) ->
    A = id(X),
    B = id(10),
    C = B div A,
    {C}.

one(a) -> ok.

undef_tail(X) ->
    Y = id(X),
    no_such_module_xyz:t(Y).

badmatch(X) ->
    {ok, Y} = id(X),
    Y.

case_clause(X) ->
    case id(X) of
        a -> 1;
        b -> 2
    end.

tail_a(X) -> tail_b(X + 1).
tail_b(X) -> tail_c(X + 1).
tail_c(X) -> error({tail, X}).

deep(0) -> 1 + id(bottom);
deep(N) -> [deep(N - 1)].

ext_caller(X) ->
    R = lists:map(fun(Y) -> 10 div Y end, [1, X]),
    {R}.

error2(A, B) ->
    R = erlang:error(id(e2), [A, B]),
    {R}.

error3(A) ->
    R = erlang:error(id(e3), [A], [{error_info, #{cause => id(why)}}]),
    {R}.

bin_construct(A, B) ->
    R = <<A:8, B/binary>>,
    {R}.

thrower(X) ->
    R = throw({X}),
    {R}.

exiter(X) ->
    R = exit({X}),
    {R}.

in_after(X) ->
    try id(X)
    after
        element(id(9), id({}))
    end.

in_catch_clause(X) ->
    try throw(id(X))
    catch throw:_ ->
            R = id(X) + id(z),
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

%% A stack captured in an inner handler and one in an outer handler.
nested() ->
    try
        try local_c(id(2))
        catch error:_:S1 -> error({inner_stack, above_nested(S1)})
        end
    catch error:R:S2 -> {R, above_nested(S2)}
    end.

above_nested([{?MODULE, nested, 0, _} = F | _]) -> [F];
above_nested([F | Rest]) -> [F | above_nested(Rest)];
above_nested([]) -> [].
